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
    // node's parseArgs speaks English only: the Chinese goes first, its message after.
    const chinese: Record<string, string> = {
      ERR_PARSE_ARGS_INVALID_OPTION_VALUE: '选项的值有误（以 - 开头的值，如负数，请写成 --选项=值，例如 --size=-3）',
      ERR_PARSE_ARGS_UNKNOWN_OPTION: '未知的选项',
      ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: '多余的参数',
    };
    const code = (error as { code?: string }).code ?? '';
    return `${chinese[code] ?? '参数有误'} (${(error as Error).message})`;
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) return 'missing <boundaries.geojson>';
  if (positionals.length > 1) return `unexpected argument ${JSON.stringify(positionals[1])} (one boundaries file)`;
  const format = (values as Record<string, unknown>).format as string;
  if (!(formats as readonly string[]).includes(format)) return `--format must be one of ${formats.join('|')}, got ${JSON.stringify(format)}`;
  return { values, file: positionals[0]!, format: format as F };
}
