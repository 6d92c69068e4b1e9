import { MAX_EXPORT_NAME_CHARS } from '../../core/index.ts';

/**
 * Saves bytes as a file through a temporary object URL (the only DOM the exports need). Every
 * export's file name passes `safeFileName` here.
 */
export function download(name: string, data: BlobPart | Blob, type: string): void {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = safeFileName(name);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Characters no file name keeps: path and shell-reserved ones, controls, bidi overrides and isolates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_NAME = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;
/** Names Windows reserves whatever the extension. */
const RESERVED_NAME = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * A file name any system accepts: unsafe characters removed, no leading or trailing dots or
 * spaces, the part before the extension cut to MAX_EXPORT_NAME_CHARS characters (the extension,
 * e.g. `.lianpian.zip`, is kept whole).
 * @example safeFileName('a/b\u202e.csv') // 'ab.csv'
 */
export function safeFileName(name: string): string {
  const clean = name.replace(UNSAFE_IN_NAME, '').replace(/[.\s]+$/, '');
  const match = /^(.*?)((?:\.[A-Za-z0-9]{1,8}){1,2})$/.exec(clean);
  const extension = match ? match[2]! : '';
  const stem = [...(match ? match[1]! : clean).replace(/^[.\s]+/, '')].slice(0, MAX_EXPORT_NAME_CHARS).join('').replace(/[.\s]+$/, '');
  return `${stem === '' || RESERVED_NAME.test(stem) ? `导出${stem}` : stem}${extension}`;
}

/**
 * A file name stem with the data's date: `鹿城区连片报告-2002-05-24`. The title is cut so that the
 * stem stays within MAX_EXPORT_NAME_CHARS with the date and what was exported kept.
 */
export function fileStem(title: string, what: string, asOf: string | null): string {
  const room = Math.max(0, MAX_EXPORT_NAME_CHARS - [...what].length - (asOf ? asOf.length + 1 : 0) - 1);
  const shortTitle = [...title.replace(UNSAFE_IN_NAME, '').replace(/\s+/g, '')].slice(0, room).join('');
  return [shortTitle, what, asOf].filter(Boolean).join('-');
}
