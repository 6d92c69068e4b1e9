/**
 * The model worker thread: builds campaign models (model-build.ts) off the request loop. One
 * message in ({ id, request }), one out ({ id, result } or { id, error }).
 */
import { parentPort } from 'node:worker_threads';
import { ModelBuilder, type BuildRequest } from './model-build.ts';

const builder = new ModelBuilder();

parentPort!.on('message', ({ id, request }: { id: number; request: BuildRequest }) => {
  try {
    parentPort!.postMessage({ id, result: builder.build(request) });
  } catch (caught) {
    const error = caught as Error & { code?: string; issues?: unknown };
    parentPort!.postMessage({ id, error: { name: error.name, message: error.message, code: error.code, issues: error.issues, stack: error.stack } });
  }
});
