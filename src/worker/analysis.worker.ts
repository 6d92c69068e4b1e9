/**
 * Worker shell: the only module that touches the worker's `self`. Hands protocol messages to the
 * analysis session (serve.ts: requests, cancels) and posts results back, transferring typed
 * arrays where it can.
 */
import { storeFileBytes } from '../app/effects/project-db.ts';
import { createAnalysisSession } from './session.ts';
import { transferablesOf } from './messages.ts';
import { packLoadResult } from './geometry-transport.ts';
import { withMapData } from './map-data.ts';
import type { InspectResult, LoadResult, ResponseMessage, WorkerInbound } from './protocol.ts';
import { serveSession } from './serve.ts';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerInbound>) => void): void;
  postMessage(message: ResponseMessage, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

const handle = serveSession(
  createAnalysisSession(undefined, { storeFiles: storeFileBytes }),
  (message, transfer) => scope.postMessage(message, transfer),
  // Only `load` returns arrays made for the caller (copies) and `inspect` the page's own bytes;
  // other results may share buffers with the session's planner, so they are cloned rather than
  // transferred. A large load result travels packed (geometry-transport.ts); the map's data is
  // built here, once.
  (type, result) => {
    if (type === 'load') {
      const sent = packLoadResult(withMapData(result as LoadResult));
      return { result: sent, transfer: transferablesOf(sent) };
    }
    // An import preview hands the file bytes it was given back to the page, without a copy.
    if (type === 'inspect') return { result, transfer: [...new Set((result as InspectResult).inputs.map((input) => input.bytes.buffer))].filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer && buffer.byteLength > 0) };
    return { result, transfer: [] };
  },
);
scope.addEventListener('message', (event) => handle(event.data));
