/**
 * What the CLI prints comes from user data (headers, names, ids, file names, error messages), and
 * a terminal obeys control characters in it: ESC sequences retitle, recolour or rewrite the
 * screen, a lone CR overwrites the line, bidi overrides reorder what is shown. Every CLI output
 * path goes through `terminalSafe` (runCli wraps the command's io with it; the last-resort
 * error line in main.ts too), which writes such characters as visible `\u001b` escapes.
 */

/**
 * C0 controls except tab and line feed, CR not followed by LF (CRLF stays: CSV output uses it),
 * DEL and the C1 controls, and the Unicode bidi embeddings, overrides and isolates.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/**
 * `text` with every control character a terminal would act on written as `\uXXXX`.
 * @example terminalSafe('a\u001b]0;owned\u0007b') // 'a\\u001b]0;owned\\u0007b'
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
