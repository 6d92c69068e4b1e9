/**
 * Tables (CSV today, XLSX later) reduced to one shape, and the column machinery the status and
 * inspection parsers share: header aliases (Chinese or English), cell parsers that report the
 * row and column, and collection of every problem in a file.
 */
import Papa from 'papaparse';
import { InputError, MAX_REPORTED_ISSUES, describeValue, type InputErrorDetails } from '../errors.ts';
import { MAX_TABLE_CELLS, MAX_TABLE_COLUMNS } from '../limits.ts';
import type { InputWarning } from '../model.ts';

/** A table as read from a file: the header row and the data rows, all cells as text. */
export interface Table {
  file: string;
  header: string[];
  rows: string[][];
  /** Line number (1-based, as Excel and editors count) of each data row. */
  lines: number[];
}

/**
 * Reads CSV text (UTF-8, with or without BOM; comma, semicolon or tab separated; quoted fields).
 * Blank lines are skipped. Line ends may be mixed (`\r\n`, `\n` and `\r` in one file, as files
 * pasted together from Windows, Unix and old Mac editors are): all are read as line ends, where
 * Papa alone would guess one from the first line and merge the rows ending in the others.
 * A leading `'` that formatCsv put before a formula character is removed again, so that what
 * the project writes reads back unchanged.
 * @throws InputError E_CSV when the header is missing or a quoted field is never closed (naming
 *   its line); E_TOO_LARGE past MAX_TABLE_COLUMNS columns or MAX_TABLE_CELLS cells.
 */
export function readCsv(text: string, file: string): Table {
  // Line ends outside quotes become \n; quoted text (a cell's own line breaks) is kept as written.
  const clean = text.replace(/^\uFEFF/, '').replace(/"[^"]*"|\r\n?/g, (match) => (match[0] === '"' ? match : '\n'));
  const parsed = Papa.parse<string[]>(clean, { skipEmptyLines: false, newline: '\n', delimitersToGuess: [',', '\t', ';'] });
  assertTableBounded(parsed.data, file);
  const all = parsed.data;
  const unterminated = parsed.errors.find((error) => error.code === 'MissingQuotes');
  const lines: number[] = [];
  const rows: string[][] = [];
  let header: string[] | undefined;
  const cellText = (cell: string) => cell.replace(ESCAPED_FORMULA, '').trim();
  // Papa's rows map 1:1 to records; count physical lines so that quoted newlines keep numbers right.
  let line = 1;
  for (let r = 0; r < all.length; r++) {
    const record = all[r]!;
    if (unterminated && r === unterminated.row) {
      // Papa keeps reading to the end of the file inside the open quote; name where it opened.
      throw new InputError({
        code: 'E_CSV',
        file,
        path: `第 ${line} 行`,
        expected: '成对的双引号（以 " 开始的字段必须以 " 结束）',
        actual: `第 ${line} 行第 ${record.length} 个字段的引号没有闭合，其后直到文件末尾都被读成了这一个字段`,
      });
    }
    const physical = 1 + record.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
    const blank = record.every((cell) => cell.trim() === '');
    if (!blank) {
      if (!header) {
        header = record.map(cellText);
      } else {
        rows.push(record.map(cellText));
        lines.push(line);
      }
    }
    line += physical;
  }
  if (!header) throw new InputError({ code: 'E_CSV', file, path: '第 1 行', expected: '包含表头的 CSV 表格', actual: '空文件' });
  return { file, header, rows, lines };
}

/**
 * E_TOO_LARGE for a table wider than MAX_TABLE_COLUMNS or larger than MAX_TABLE_CELLS (rows ×
 * widest row): the limits every table reader applies (`xlsx.ts` measures a sheet before reading it).
 */
export function assertTableBounded(rows: readonly (readonly unknown[])[], file: string): void {
  let columns = 0;
  for (const row of rows) columns = Math.max(columns, row.length);
  if (columns <= MAX_TABLE_COLUMNS && rows.length * columns <= MAX_TABLE_CELLS) return;
  throw new InputError({
    code: 'E_TOO_LARGE',
    file,
    expected: `不超过 ${MAX_TABLE_COLUMNS} 列、共不超过 ${MAX_TABLE_CELLS.toLocaleString('en-US')} 个单元格（行数 × 列数）的表格`,
    actual: `${rows.length} 行 × ${columns} 列`,
  });
}

/** How one logical column is found and read. */
export interface ColumnSpec<K extends string, V> {
  key: K;
  /** Accepted header names; matched after normalization (case, spaces, full-width brackets, units). */
  aliases: readonly string[];
  required?: boolean;
  /**
   * A key column (e.g. 精品示范社区): when absent the analysis silently changes meaning, so its
   * absence is a warning of its own (W_KEY_COLUMN_MISSING) saying what the rows default to.
   */
  missingMeans?: string;
  /** Reads a cell; returns `Invalid(expected)` for a bad value. Empty cells are passed as ''. */
  read: (cell: string) => V | Invalid;
}

/** A cell value that could not be read, with what was expected (Chinese). */
export class Invalid {
  constructor(readonly expected: string) {}
}

/**
 * Traditional characters of the header words → Simplified, so that 社區代碼 or 名稱 (Hong Kong,
 * Macau, Taiwan) match the aliases 社区代码 and 名称. Only characters that header aliases use.
 */
const TRADITIONAL = '萬亂會別務區發號備創劃數無檢樓燈碼稱類級經統綠編範見計責費問題現積撥單戶屬鎮達標設場學衛閱覽辦議調書傳欄協勞動養兒醫療殘業總額評選國內層報週錄記員實際項點廣開與體預門幾時間聯繫電話態狀況';
const SIMPLIFIED = '万乱会别务区发号备创划数无检楼灯码称类级经统绿编范见计责费问题现积拨单户属镇达标设场学卫阅览办议调书传栏协劳动养儿医疗残业总额评选国内层报周录记员实际项点广开与体预门几时间联系电话态状况';
const TO_SIMPLIFIED = new Map([...TRADITIONAL].map((char, i) => [char, [...SIMPLIFIED][i]!]));

/** A header as compared with aliases: NFKC, lower case, Simplified, no spaces or separators, no trailing (unit). */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\p{Script=Han}/gu, (char) => TO_SIMPLIFIED.get(char) ?? char)
    .toLowerCase()
    .replace(/[\s_\-·]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '');
}

export interface ReadRowsResult<R> {
  rows: { value: R; line: number }[];
  warnings: InputWarning[];
}

/**
 * Maps the table's columns to `specs` and reads every row. Collects every problem (up to
 * MAX_REPORTED_ISSUES) and throws them together as one InputError.
 */
export function readRows<K extends string, R extends Record<K, unknown>>(table: Table, specs: readonly ColumnSpec<K, R[K]>[]): ReadRowsResult<R> {
  const warnings: InputWarning[] = [];
  const issues: InputErrorDetails[] = [];
  const columnOf = new Map<K, number>();
  const used = new Set<number>();
  const normalized = table.header.map(normalizeHeader);
  for (const spec of specs) {
    const wanted = spec.aliases.map(normalizeHeader);
    const index = normalized.findIndex((header, i) => !used.has(i) && wanted.includes(header));
    if (index >= 0) {
      columnOf.set(spec.key, index);
      used.add(index);
    } else if (spec.required) {
      issues.push({ code: 'E_COLUMN', file: table.file, path: '表头（第 1 行）', field: spec.aliases[0], expected: `一列名为「${chineseName(spec)}」（或 ${spec.aliases.join(' / ')}）`, actual: `表头为 ${headerList(table.header)}` });
    }
  }
  InputError.throwIfAny(issues);
  const unknown = table.header.filter((header, i) => !used.has(i) && header !== '');
  const unknownText = unknown.length > 0 ? `未识别的表头：${headerList(unknown, '、')}` : '表中没有未识别的表头';
  for (const spec of specs) {
    if (spec.missingMeans === undefined || columnOf.has(spec.key)) continue;
    warnings.push({ code: 'W_KEY_COLUMN_MISSING', message: `文件 ${table.file} 没有「${chineseName(spec)}」列（可用表头：${spec.aliases.join(' / ')}），${spec.missingMeans}；${unknownText}` });
  }
  const missing = specs.filter((spec) => !spec.required && spec.missingMeans === undefined && !columnOf.has(spec.key));
  if (missing.length > 0) {
    warnings.push({ code: 'W_MISSING_COLUMNS', message: `文件 ${table.file} 缺少以下列，按默认值处理：${missing.map(chineseName).join('、')}` });
  }
  if (unknown.length > 0) warnings.push({ code: 'W_UNKNOWN_COLUMNS', message: `文件 ${table.file} 中以下列未识别，已忽略：${headerList(unknown, '、')}` });

  const rows: { value: R; line: number }[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const cells = table.rows[r]!;
    const line = table.lines[r]!;
    const value = {} as R;
    for (const spec of specs) {
      const column = columnOf.get(spec.key);
      const cell = column === undefined ? '' : (cells[column] ?? '');
      const result = spec.read(cell);
      if (result instanceof Invalid) {
        if (issues.length < MAX_REPORTED_ISSUES) {
          issues.push({ code: 'E_VALUE', file: table.file, path: `第 ${line} 行`, field: column === undefined ? spec.aliases[0] : table.header[column], expected: result.expected, actual: describeValue(cell) });
        }
        continue;
      }
      value[spec.key] = result;
    }
    rows.push({ value, line });
  }
  InputError.throwIfAny(issues);
  return { rows, warnings };
}

/** Headers for a message: each cut at 40 characters, at most 30 of them (a binary file has one huge "header"). */
function headerList(headers: readonly string[], separator = ', '): string {
  const shown = headers.slice(0, 30).map((header) => (header.length > 40 ? `${header.slice(0, 40)}…` : header));
  return `${shown.join(separator)}${headers.length > 30 ? `${separator}…（共 ${headers.length} 列）` : ''}`;
}

/** The first Chinese alias of a column (its name in messages). */
function chineseName(spec: ColumnSpec<string, unknown>): string {
  return spec.aliases.find((alias) => /\p{Script=Han}/u.test(alias)) ?? spec.aliases[0]!;
}

// --- cell readers -------------------------------------------------------------------------

export function readText(required: boolean): (cell: string) => string | Invalid {
  return (cell) => (required && cell === '' ? new Invalid('非空文本') : cell);
}

const TRUE_WORDS = new Set(['是', '有', '已建', '已完成', '达标', 'yes', 'y', 'true', 't', '1', '✓', '✔', '√', '☑']);
const FALSE_WORDS = new Set(['否', '无', '没有', '未建', '未完成', '不达标', 'no', 'n', 'false', 'f', '0', '×', '✗', '✘', 'x', '']);

/** 是/否, 有/无, yes/no, 1/0, ✓/×; empty is "no". */
export function readBoolean(cell: string): boolean | Invalid {
  const word = cell.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return new Invalid('是/否（或 yes/no、1/0、✓/×）');
}

/** A number with optional thousands separators; empty gives `fallback` (or is invalid when it is 'required'). */
export function readNumber(options: { min?: number; max?: number; integer?: boolean; fallback: number | null | 'required' }): (cell: string) => number | null | Invalid {
  const { min = -Infinity, max = Infinity, integer = false, fallback } = options;
  const range = `${integer ? '整数' : '数字'}${Number.isFinite(min) || Number.isFinite(max) ? `（${Number.isFinite(min) ? min : ''}–${Number.isFinite(max) ? max : ''}）` : ''}`;
  return (cell) => {
    if (cell === '') return fallback === 'required' ? new Invalid(range) : fallback;
    const value = Number(cell.replace(/[,，\s]/g, ''));
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) return new Invalid(range);
    return value;
  };
}

/** A rate as `95%`, `95` or `0.95`; returns 0–1, empty gives null. */
export function readRate(cell: string): number | null | Invalid {
  if (cell === '') return null;
  const percent = cell.endsWith('%') || cell.endsWith('％');
  const value = Number(cell.replace(/[%％\s]/g, ''));
  if (!Number.isFinite(value) || value < 0) return new Invalid('0–100% 的比率（如 95% 或 0.95）');
  const rate = percent || value > 1 ? value / 100 : value;
  return rate > 1 ? new Invalid('0–100% 的比率（如 95% 或 0.95）') : rate;
}

/** Reads one of a fixed set of values given by their accepted spellings. */
export function readEnum<T extends string>(spellings: Readonly<Record<T, readonly string[]>>, fallback: T | undefined): (cell: string) => T | Invalid {
  const lookup = new Map<string, T>();
  for (const [value, words] of Object.entries(spellings) as [T, readonly string[]][]) {
    lookup.set(value.toLowerCase(), value);
    for (const word of words) lookup.set(word.toLowerCase(), value);
  }
  const expected = `以下之一：${(Object.values(spellings) as string[][]).map((words) => words[0]).join(' / ')}`;
  return (cell) => {
    if (cell === '' && fallback !== undefined) return fallback;
    return lookup.get(cell.trim().toLowerCase()) ?? new Invalid(expected);
  };
}

/** Dates as 2002-05-13, 2002/5/13, 2002.5.13 or 2002年5月13日; returns ISO `YYYY-MM-DD`. */
export function readDate(cell: string): string | Invalid {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(cell.trim());
  if (!match) return new Invalid('日期（如 2002-05-13）');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return new Invalid('存在的日期（如 2002-05-13）');
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Throws E_DUPLICATE_ID naming both lines when a key repeats. */
export function assertUniqueKeys(file: string, field: string, entries: readonly { key: string; line: number }[]): void {
  const seen = new Map<string, number>();
  const issues: InputErrorDetails[] = [];
  for (const { key, line } of entries) {
    const first = seen.get(key);
    if (first !== undefined && issues.length < MAX_REPORTED_ISSUES) {
      issues.push({ code: 'E_DUPLICATE_ID', file, path: `第 ${line} 行`, field, expected: `不重复的${field}`, actual: `${describeValue(key)}（第 ${first} 行已出现）` });
    } else seen.set(key, line);
  }
  InputError.throwIfAny(issues);
}

/**
 * Text cells that a spreadsheet would run as a formula (OWASP "CSV injection"): `=`, `+`, `-`,
 * `@`, tab or CR first. Papa's own `escapeFormulae: true` uses `/^[=+\-@\t\r].*$/`, which misses a
 * multi-line cell such as `=HYPERLINK(…)\nx` (`.` stops at the newline and `$` needs the end),
 * so the pattern is given explicitly.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/**
 * The `'` that formatCsv put before such a cell, removed again by readCsv. Cells that already
 * start with `'` before a formula character get one more, so every text reads back as written.
 */
const ESCAPED_FORMULA = /^'(?='*[=+\-@\t\r])/;

/**
 * Writes a CSV (RFC 4180 quoting, CRLF line ends, UTF-8 BOM so Excel opens Chinese text
 * correctly) through Papa's `unparse`. Text cells starting with a formula character are prefixed
 * with `'` and quoted, so Excel shows them as text; numbers are written as numbers (−3 stays -3).
 * Applies to the header too. Every CSV the project writes goes through here.
 */
export function formatCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const csv = Papa.unparse(
    { fields: [...header], data: rows.map((row) => [...row]) },
    { escapeFormulae: FORMULA_START, newline: '\r\n' },
  );
  return `\uFEFF${csv}\r\n`;
}
