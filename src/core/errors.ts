/**
 * Input errors: thrown only at the validation boundary (`core/parse`), carrying a stable code,
 * the file, the path to the bad value and what was expected, so that the CLI, the worker and
 * the UI can each show them their own way (the UI in Chinese).
 */

/** Stable machine-readable error codes. */
export type InputErrorCode =
  | 'E_JSON'
  | 'E_GEOJSON_TYPE'
  | 'E_GEOMETRY'
  | 'E_COORDINATES'
  | 'E_PROJECTED'
  | 'E_ID'
  | 'E_DUPLICATE_ID'
  | 'E_CSV'
  | 'E_COLUMN'
  | 'E_VALUE'
  | 'E_CONFIG'
  | 'E_ARGUMENT'
  /** Bytes that are not text in the chosen encoding. */
  | 'E_ENCODING'
  /** A file whose format or kind is not recognised (or a broken zip, shapefile or workbook). */
  | 'E_FORMAT';

export interface InputErrorDetails {
  code: InputErrorCode;
  /** File name as the user knows it, e.g. `communities.geojson`. */
  file?: string;
  /** Path to the bad value, e.g. `features[12].geometry.coordinates[0]` or `第 5 行`. */
  path?: string;
  /** Field or column name, when the problem is one field. */
  field?: string;
  /** What was expected, in Chinese (shown to users). */
  expected: string;
  /** What was found, in a short printable form. */
  actual?: string;
}

/** At most this many problems are collected from one file before giving up. */
export const MAX_REPORTED_ISSUES = 50;

export class InputError extends Error {
  readonly code: InputErrorCode;
  readonly file: string | undefined;
  readonly path: string | undefined;
  readonly field: string | undefined;
  readonly expected: string;
  readonly actual: string | undefined;
  /** Every problem found in the file (the first one is this error's own), up to MAX_REPORTED_ISSUES. */
  readonly issues: InputErrorDetails[];

  constructor(details: InputErrorDetails, issues: InputErrorDetails[] = [details]) {
    super(formatInputError(details) + (issues.length > 1 ? `（另有 ${issues.length - 1} 处问题）` : ''));
    this.name = 'InputError';
    this.code = details.code;
    this.file = details.file;
    this.path = details.path;
    this.field = details.field;
    this.expected = details.expected;
    this.actual = details.actual;
    this.issues = issues;
  }

  /** Throws one InputError carrying all collected issues; does nothing when there are none. */
  static throwIfAny(issues: InputErrorDetails[]): void {
    if (issues.length > 0) throw new InputError(issues[0]!, issues);
  }

  /** A plain object that survives structured cloning (worker → main thread). */
  toJSON(): InputErrorDetails & { message: string; issues: InputErrorDetails[] } {
    return { code: this.code, file: this.file, path: this.path, field: this.field, expected: this.expected, actual: this.actual, message: this.message, issues: this.issues };
  }
}

/** `文件 communities.geojson，features[3].properties.code：应为……，实际为……` */
export function formatInputError({ file, path, field, expected, actual }: InputErrorDetails): string {
  const where = [file && `文件 ${file}`, path, field && `字段「${field}」`].filter(Boolean).join('，');
  const found = actual === undefined ? '' : `，实际为 ${actual}`;
  return `${where ? `${where}：` : ''}应为${expected}${found}`;
}

/** Short printable form of any value for error messages (at most ~60 characters). */
export function describeValue(value: unknown): string {
  if (value === undefined) return '缺失';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? '空字符串' : JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const text = JSON.stringify(value);
    return text.length <= 40 ? text : `长度为 ${value.length} 的数组`;
  }
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
