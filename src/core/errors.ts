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
  | 'E_TOO_LARGE';

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

/**
 * Largest input file read, in bytes: 256 MiB. Why: V8 cannot hold a string longer than
 * 536,870,888 UTF-16 units (~512 MiB), so larger text could not be parsed at all; and parsing
 * costs memory several times the text (measured: JSON.parse of data/lucheng/communities.geojson
 * takes 2.9 bytes of heap per character, then the validated copy and the analysis come on top), so
 * 256 MiB of GeoJSON needs about 2 GB, inside Node's default ~4 GB heap and a browser tab's.
 * The largest real inputs we know (30k-cell mosaic 11.5 MB, a whole province's communities well
 * under 100 MB) fit many times over. The CLI enforces it while reading; the browser can use the
 * same constant and `inputTooLarge`.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

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

/** Deeper levels of arrays and objects are shown as `[…]` / `{…}` by describeValue. */
const PREVIEW_DEPTH = 4;

/**
 * Short printable form of any value for error messages (at most ~60 characters). Safe for any
 * depth and size: it walks at most PREVIEW_DEPTH levels and stops writing once past the limit,
 * so a 100,000-level nested array costs as little as a flat one (JSON.stringify would overflow).
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return '缺失';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? '空字符串' : JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const text = boundedPreview(value, 40);
    return text.length <= 40 ? text : `长度为 ${value.length} 的数组`;
  }
  const text = boundedPreview(value, 60);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** JSON-like text of `value`, cut off soon after `limit` characters, at most PREVIEW_DEPTH levels deep. */
function boundedPreview(value: unknown, limit: number): string {
  let out = '';
  const write = (item: unknown, depth: number): void => {
    if (out.length > limit) return;
    if (item === null || item === undefined) out += 'null';
    else if (typeof item === 'string') out += JSON.stringify(item.length > limit ? item.slice(0, limit) : item);
    else if (typeof item === 'number' || typeof item === 'boolean' || typeof item === 'bigint') out += String(item);
    else if (typeof item !== 'object') out += `<${typeof item}>`;
    else if (Array.isArray(item)) {
      if (depth >= PREVIEW_DEPTH) out += item.length === 0 ? '[]' : '[…]';
      else {
        out += '[';
        for (let i = 0; i < item.length && out.length <= limit; i++) {
          if (i > 0) out += ',';
          write(item[i], depth + 1);
        }
        out += ']';
      }
    } else {
      const keys = Object.keys(item);
      if (depth >= PREVIEW_DEPTH) out += keys.length === 0 ? '{}' : '{…}';
      else {
        out += '{';
        for (let i = 0; i < keys.length && out.length <= limit; i++) {
          if (i > 0) out += ',';
          out += `${JSON.stringify(keys[i]!.slice(0, limit))}:`;
          write((item as Record<string, unknown>)[keys[i]!], depth + 1);
        }
        out += '}';
      }
    }
  };
  write(value, 0);
  return out;
}

/** E_TOO_LARGE for a file of which more than `limitBytes` were read (reading stopped there). */
export function inputTooLarge(file: string, bytesRead: number, limitBytes: number = MAX_INPUT_BYTES): InputError {
  const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  return new InputError({
    code: 'E_TOO_LARGE',
    file,
    expected: `不超过 ${mib(limitBytes)}（${limitBytes} 字节）的文件 (a file of at most ${mib(limitBytes)})`,
    actual: `已读取 ${bytesRead} 字节仍未结束，停止读取 (read ${bytesRead} bytes and the file goes on; stopped reading)`,
  });
}
