/**
 * Worker shell: the only module that touches the worker's `self`. Dispatches protocol requests to
 * the analysis session and posts results back, transferring typed arrays where it can.
 */
import { createAnalysisSession } from './session.ts';
import { errorPayload, transferablesOf } from './messages.ts';
import { packLoadResult } from './geometry-transport.ts';
import { withMapData } from './map-data.ts';
import type { LoadResult } from './protocol.ts';
import type { RequestMessage, ResponseMessage } from './protocol.ts';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<RequestMessage>) => void): void;
  postMessage(message: ResponseMessage, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const session = createAnalysisSession();

scope.addEventListener('message', (event) => {
  const { id, type, payload } = event.data;
  session.handle(type, payload, (progress) => scope.postMessage({ id, progress })).then(
    // Only `load` returns arrays made for the caller (copies); other results may share buffers
    // with the session's planner, so they are cloned rather than transferred. A large load
    // result travels packed (geometry-transport.ts). The map's data is built here, once.
    (result) => {
      const sent = type === 'load' ? packLoadResult(withMapData(result as LoadResult)) : result;
      scope.postMessage({ id, ok: true, result: sent }, type === 'load' ? transferablesOf(sent) : []);
    },
    (error: unknown) => scope.postMessage({ id, ok: false, error: errorPayload(error) }),
  );
});

