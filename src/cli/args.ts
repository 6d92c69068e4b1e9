/**
 * The flags every `lianpian` command that reads one boundaries file shares: node's parseArgs in
 * strict mode, exactly one positional file, and `--format` among the command's formats (default:
 * the first). The rest of each command's checks stay with the command.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/**
 * The parsed flags, the file and the format, or the E_ARGUMENT message to print with the usage.
 * @example
 * const read = readCommandArgs(args, { status: { type: 'string' } }, ['json', 'csv'] as const);
 * if (typeof read === 'string') return fail(read);
 * read.values.status; // string | undefined
 */
export function readCommandArgs<const T extends OptionSpecs, const F extends string>(args: string[], options: T, formats: readonly [F, ...F[]]) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { ...options, format: { type: 'string', default: formats[0] } } });
  } catch (error) {
    return (error as Error).message;
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) return 'missing <boundaries.geojson>';
  if (positionals.length > 1) return `unexpected argument ${JSON.stringify(positionals[1])} (one boundaries file)`;
  const format = (values as Record<string, unknown>).format as string;
  if (!(formats as readonly string[]).includes(format)) return `--format must be one of ${formats.join('|')}, got ${JSON.stringify(format)}`;
  return { values, file: positionals[0]!, format: format as F };
}
