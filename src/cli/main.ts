/** Node entry of the `lianpian` CLI (see scripts/lianpian.mjs and `npm run cli`). */
import { runCli } from './program.ts';
import { COMMANDS } from './commands/index.ts';

process.exitCode = await runCli(process.argv.slice(2), COMMANDS);
