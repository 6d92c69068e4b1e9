/**
 * Worker shell: the only module that touches the worker's `self`. Hands protocol messages to the
 * analysis session (serve.ts: requests, cancels) and posts results back as prepare-result.ts
 * says (typed arrays transferred, a large load packed, its lagging report ahead of it).
 */
import { storeFileBytes } from '../app/effects/project-db.ts';
import { createAnalysisSession } from './session.ts';
import { prepareResult } from './prepare-result.ts';
import type { ResponseMessage, WorkerInbound } from './protocol.ts';
import { serveSession } from './serve.ts';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerInbound>) => void): void;
  postMessage(message: ResponseMessage, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

const handle = serveSession(
  createAnalysisSession(undefined, { storeFiles: storeFileBytes }),
  (message, transfer) => scope.postMessage(message, transfer),
  prepareResult,
);
scope.addEventListener('message', (event) => handle(event.data));
