/**
 * Node entry of the `lianpian` CLI (see scripts/lianpian.mjs and `npm run cli`). Besides running
 * the program it makes sure no stack trace ever reaches the user: a closed output pipe (EPIPE,
 * e.g. `lianpian analyze … | head -1`) ends the process quietly, and anything thrown outside the
 * program's own handling prints one `E_INTERNAL:` line and exits EXIT_INTERNAL.
 */
import { isUtf8 } from 'node:buffer';
import { useUtf8Validator } from '../core/index.ts';
import { EXIT_INTERNAL, internalErrorLine, runCli } from './program.ts';
import { COMMANDS } from './commands/index.ts';

// Node's native UTF-8 check for the importer (same answers as TextDecoder's, ~10× faster on big files).
useUtf8Validator(isUtf8);

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (head, less quitting): nobody is left to read more output or a message.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    fail(error);
  });
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

function fail(error: unknown): never {
  try {
    process.stderr.write(internalErrorLine(error));
  } finally {
    process.exit(EXIT_INTERNAL);
  }
}

// A promise rather than a top-level await: the bundle is a CommonJS script (scripts/build-cli.mjs
// runs it through a V8 code cache, which Node 20 offers for scripts only).
runCli(process.argv.slice(2), COMMANDS).then((code) => {
  process.exitCode = code;
  // Exit as soon as what was printed has been handed over, rather than when the event loop runs
  // dry: Node then also waits for V8's background jobs (concurrent compilation and GC tasks) to
  // finish, 15–50 ms of an `analyze` run that nothing needs (docs/cli-performance.md). Every
  // command has awaited its own work by now; the write callbacks keep a piped output whole where
  // a pipe is asynchronous (Windows).
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}, fail);
