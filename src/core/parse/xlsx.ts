/**
 * XLSX workbooks → the same `Table` shape as CSV (first non-empty sheet, cells as text), with
 * read-excel-file (fflate + a SAX parser; not npm `xlsx`, which is frozen with published
 * advisories). Loaded lazily: only an XLSX import pays for it.
 */
import { InputError } from '../errors.ts';
import type { Table } from './table.ts';

/**
 * Reads the first sheet with data. Numbers are written as Excel shows them (no exponent for
 * integers such as 12-digit codes); dates as YYYY-MM-DD; booleans as 是/否.
 * @throws InputError E_FORMAT when the bytes are not a workbook; E_CSV when every sheet is empty.
 */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<Table> {
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(bytes.slice().buffer);
  } catch (error) {
    throw new InputError({ code: 'E_FORMAT', file, expected: '有效的 Excel 工作簿（.xlsx）', actual: String((error as Error).message ?? error).slice(0, 80) });
  }
  for (const sheet of sheets) {
    const rows = sheet.data.map((row) => row.map(cellText));
    const lines: number[] = [];
    const body: string[][] = [];
    let header: string[] | undefined;
    rows.forEach((row, i) => {
      if (row.every((cell) => cell === '')) return;
      if (!header) header = row;
      else {
        body.push(row);
        lines.push(i + 1);
      }
    });
    if (header) return { file, header, rows: body, lines };
  }
  throw new InputError({ code: 'E_CSV', file, path: '第 1 行', expected: '包含表头的工作表', actual: '所有工作表均为空' });
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}
