/**
 * `npm start` (development: Vite middleware, hot reload) and `npm run serve` (production:
 * dist/): one process on HOST:PORT (default 127.0.0.1:5173) serving the app and the JSON API,
 * with PGlite in LIANPIAN_DATA_DIR (default ./.lianpian) or PostgreSQL at DATABASE_URL.
 * `--api-only` serves the API alone (tests, benchmarks).
 */
import { startServer } from './server.ts';

const args = process.argv.slice(2);
const mode = args.includes('--production') ? 'production' : args.includes('--api-only') ? 'api-only' : 'development';
const server = await startServer({ mode, env: process.env, log: (line) => process.stdout.write(`${line}\n`) });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void server.close().then(() => process.exit(0));
  });
}
