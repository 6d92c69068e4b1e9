/**
 * The `lianpian` program: dispatches to commands in ./commands. Output goes through `io`
 * so that tests can run commands in-process. Errors print as `code: message` and exit non-zero:
 * 1 for bad input (InputError), 2 for bad usage, EXIT_INTERNAL for anything unexpected (one
 * line `E_INTERNAL: …`, never a stack trace).
 */
import { readFileSync } from 'node:fs';
import { InputError, formatInputError } from '../core/index.ts';
import { terminalSafe } from './terminal-text.ts';

/** Where a command writes; process.stdout/stderr in production. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code. */
  run(args: string[], io: CliIO): Promise<number> | number;
}

/** Prints a bad-usage message with the command's usage; returns exit code 2. */
export function usageError(io: CliIO, message: string, usage: string): number {
  io.err(`E_ARGUMENT: ${message}\n${usage}\n`);
  return 2;
}

/** Exit code of an unexpected error (sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

/** The one line printed for an unexpected error: `E_INTERNAL: <what> (…)`, no stack trace. */
export function internalErrorLine(error: unknown): string {
  let what: string;
  try {
    what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    what = Object.prototype.toString.call(error);
  }
  const short = what.length > 300 ? `${what.slice(0, 300)}…` : what;
  // Every line terminator (\r, \u2028 and \u2029 too) becomes a space: one line, whatever was thrown.
  return terminalSafe(`E_INTERNAL: ${short.replace(/\s*[\n\r\u2028\u2029]\s*/g, ' ')}（内部错误，请报告此问题及所用的命令和文件 internal error; please report it with the command and file）\n`);
}

/** Set by the CLI bundle build (scripts/build-cli.mjs); read from package.json when running from src/. */
declare const LIANPIAN_VERSION: string | undefined;

export const VERSION =
  typeof LIANPIAN_VERSION === 'string' ? LIANPIAN_VERSION : (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function helpText(commands: readonly Command[]): string {
  return [
    `lianpian ${VERSION} — 连片：精品示范社区连线成片分析 (Lianpian: contiguity analysis for demonstration communities)`,
    '',
    'Usage: lianpian <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help, or a command\'s help with `lianpian <command> --help`',
    '  -v, --version  print the version',
  ].join('\n');
}

/** Runs the program on `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: readonly string[], commands: readonly Command[], rawIo: CliIO = processIO): Promise<number> {
  // Everything printed passes terminalSafe: data can carry terminal escape sequences.
  const io: CliIO = { out: (text) => rawIo.out(terminalSafe(text)), err: (text) => rawIo.err(terminalSafe(text)) };
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(`${helpText(commands)}\n`);
    return 2;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    io.out(`${helpText(commands)}\n`);
    return 0;
  }
  if (first === '-v' || first === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) {
    io.err(`E_ARGUMENT: unknown command "${first}"; run \`lianpian --help\` for the list\n`);
    return 2;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof InputError) {
      // Every problem found, one `code: message` line each (the file, the path and the expectation).
      io.err(`${error.issues.map((issue) => `${issue.code}: ${formatInputError(issue)}`).join('\n')}\n`);
      return 1;
    }
    io.err(internalErrorLine(error));
    return EXIT_INTERNAL;
  }
}
