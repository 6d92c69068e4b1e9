/**
 * XLSX workbooks → the same `Table` shape as CSV (first non-empty sheet, cells as text), with
 * read-excel-file (a SAX parser; not npm `xlsx`, which is frozen with published advisories).
 * Loaded lazily: only an XLSX import pays for it.
 *
 * Before read-excel-file sees a workbook, the archive is inflated by the bounded inflater
 * (`inflate.ts`: E_TOO_LARGE past the byte limits) and every worksheet's extent is measured from
 * its furthest cell with a value: read-excel-file allocates the whole grid up to that cell (one
 * cell at XFD1048576 would be 17 billion cells), so a sheet over MAX_TABLE_COLUMNS columns or
 * MAX_TABLE_CELLS cells is refused first. read-excel-file then reads a stored (uncompressed)
 * copy of exactly the entries that were checked.
 */
import type { Zippable } from 'fflate';
import { InputError } from '../errors.ts';
import { MAX_TABLE_CELLS, MAX_TABLE_COLUMNS } from '../limits.ts';
import { decodeText } from './decode.ts';
import type { Table } from './table.ts';

/** A worksheet's extent and merged ranges, as written in its XML. */
export interface SheetExtent {
  /** Path of the worksheet in the archive (`xl/worksheets/sheet1.xml`). */
  path: string;
  /** The sheet's name as the workbook lists it (the path when unlisted). */
  name: string;
  /** Furthest row and column (1-based) of a cell with a value; 0 when the sheet is empty. */
  rows: number;
  columns: number;
  /** Merged ranges as rows and columns (1-based, inclusive). */
  merges: { ref: string; top: number; left: number; bottom: number; right: number }[];
}

/**
 * Reads the first sheet with data. Numbers are written as Excel shows them (no exponent for
 * integers such as 12-digit codes); dates as YYYY-MM-DD; booleans as 是/否.
 * @throws InputError E_FORMAT when the bytes are not a workbook or the header row has merged
 *   cells; E_TOO_LARGE when the workbook inflates past the limits or a sheet is larger than
 *   MAX_TABLE_COLUMNS / MAX_TABLE_CELLS; E_CSV when every sheet is empty.
 */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<Table> {
  const notWorkbook = (actual: string) => new InputError({ code: 'E_FORMAT', file, expected: '有效的 Excel 工作簿（.xlsx）', actual });
  const [{ unzipBounded }, { zipSync }] = await Promise.all([import('./inflate.ts'), import('fflate')]);
  let entries: Map<string, Uint8Array>;
  try {
    entries = unzipBounded(bytes, file, { filter: (name) => name.endsWith('.xml') || name.endsWith('.xml.rels') });
  } catch (error) {
    if (error instanceof InputError && error.code === 'E_FORMAT') throw notWorkbook(error.actual ?? '不是 ZIP 格式');
    throw error;
  }
  const extents = sheetExtents(entries);
  for (const sheet of extents) assertSheetBounded(sheet, file);

  const { default: readXlsxFile } = await import('read-excel-file/universal');
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    const stored: Zippable = {};
    for (const [name, data] of entries) stored[name] = [data, { level: 0 }];
    const copy = zipSync(stored);
    sheets = await readXlsxFile(copy.buffer.slice(copy.byteOffset, copy.byteOffset + copy.byteLength) as ArrayBuffer);
  } catch (error) {
    throw notWorkbook(String((error as Error).message ?? error).slice(0, 80));
  }
  for (const sheet of sheets) {
    const rows = sheet.data.map((row) => row.map(cellText));
    const lines: number[] = [];
    const body: string[][] = [];
    let header: string[] | undefined;
    let headerRow = 0;
    rows.forEach((row, i) => {
      if (row.every((cell) => cell === '')) return;
      if (!header) {
        header = row;
        headerRow = i + 1;
      } else {
        body.push(row);
        lines.push(i + 1);
      }
    });
    if (!header) continue;
    const merged = extents.find((extent) => extent.name === sheet.sheet)?.merges.find((range) => range.top <= headerRow && range.bottom >= headerRow);
    if (merged) {
      throw new InputError({
        code: 'E_FORMAT',
        file,
        path: `工作表「${sheet.sheet}」第 ${headerRow} 行（表头）`,
        expected: '每列一个表头、没有合并单元格的表头行（请在 Excel 中取消合并，并为每列写上列名）',
        actual: `表头含合并单元格 ${merged.ref}`,
      });
    }
    return { file, header, rows: body, lines };
  }
  throw new InputError({ code: 'E_CSV', file, path: '第 1 行', expected: '包含表头的工作表', actual: '所有工作表均为空' });
}

/** E_TOO_LARGE when a sheet's grid (furthest cell with a value) passes the table limits. */
function assertSheetBounded(sheet: SheetExtent, file: string): void {
  if (sheet.columns <= MAX_TABLE_COLUMNS && sheet.rows * sheet.columns <= MAX_TABLE_CELLS) return;
  throw new InputError({
    code: 'E_TOO_LARGE',
    file,
    path: `工作表「${sheet.name}」`,
    expected: `不超过 ${MAX_TABLE_COLUMNS} 列、共不超过 ${MAX_TABLE_CELLS.toLocaleString('en-US')} 个单元格（行数 × 列数）的工作表`,
    actual: `最远的非空单元格在 ${columnName(sheet.columns)}${sheet.rows}（${sheet.rows} 行 × ${sheet.columns} 列）；请删除远处的单元格或只保留数据区域`,
  });
}

const CELL = /<(?:\w+:)?c\b([^>]*?)(\/?)>/g;
const REF = /\br="([A-Z]{1,3})(\d{1,7})"/;
const MERGE = /<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"/g;

/**
 * The extent and merged ranges of every worksheet in an inflated workbook, named through
 * `xl/workbook.xml` and its relationships. Cells without a value (`<c r="XFD9" s="1"/>`, a
 * formatted empty cell) do not count: read-excel-file trims them too.
 */
export function sheetExtents(entries: ReadonlyMap<string, Uint8Array>): SheetExtent[] {
  const names = sheetNames(entries);
  const extents: SheetExtent[] = [];
  for (const [path, data] of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(path)) continue;
    const xml = decodeText(data).text;
    let rows = 0;
    let columns = 0;
    CELL.lastIndex = 0;
    for (let match = CELL.exec(xml); match; match = CELL.exec(xml)) {
      if (match[2] === '/' || /^<\/(?:\w+:)?c>/.test(xml.slice(CELL.lastIndex, CELL.lastIndex + 8))) continue;
      const ref = REF.exec(match[1]!);
      if (!ref) continue;
      rows = Math.max(rows, Number(ref[2]));
      columns = Math.max(columns, columnNumber(ref[1]!));
    }
    const merges: SheetExtent['merges'] = [];
    MERGE.lastIndex = 0;
    for (let match = MERGE.exec(xml); match; match = MERGE.exec(xml)) {
      const [left, top] = [columnNumber(match[1]!), Number(match[2])];
      const [right, bottom] = match[3] ? [columnNumber(match[3]), Number(match[4])] : [left, top];
      merges.push({ ref: match[3] ? `${match[1]}${match[2]}:${match[3]}${match[4]}` : `${match[1]}${match[2]}`, top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) });
    }
    extents.push({ path, name: names.get(path) ?? path, rows, columns, merges });
  }
  return extents;
}

/** Worksheet path → sheet name, from the workbook and its relationships. */
function sheetNames(entries: ReadonlyMap<string, Uint8Array>): Map<string, string> {
  const text = (path: string) => {
    const data = entries.get(path);
    return data ? decodeText(data).text : '';
  };
  const targets = new Map<string, string>();
  for (const [, attributes] of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b([^>]*)>/g)) {
    const id = attribute(attributes!, 'Id');
    const target = attribute(attributes!, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const names = new Map<string, string>();
  for (const [, attributes] of text('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const name = attribute(attributes!, 'name');
    const id = /\br:id="([^"]*)"|\b\w+:id="([^"]*)"/.exec(attributes!);
    const target = id ? targets.get(id[1] ?? id[2]!) : undefined;
    if (name !== undefined && target) names.set(target, unescapeXml(name));
  }
  return names;
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1];
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, entity: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[entity]!);
}

/** `A` → 1, `XFD` → 16384. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const letter of letters) n = n * 26 + (letter.charCodeAt(0) - 64);
  return n;
}

/** 16384 → `XFD`. */
function columnName(n: number): string {
  let name = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  return name;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}
