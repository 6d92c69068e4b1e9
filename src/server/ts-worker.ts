/**
 * Starts a worker thread on a TypeScript entry: the worker registers tsx, then imports the entry
 * (the server runs its sources through tsx, the tests through vitest; a worker inherits neither
 * loader). Shared by the model worker and the PGlite worker.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A worker running `entry` (a .ts module's URL) with `workerData`. */
export function startTsWorker(entry: URL, workerData?: unknown): Worker {
  // tsx's ESM API (require.resolve finds its CommonJS twin beside it).
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const source = `import(${JSON.stringify(tsx)}).then((api) => { (api.register ?? api.default.register)(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(source, { eval: true, workerData });
}
