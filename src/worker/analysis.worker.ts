/**
 * Worker shell: the only module that touches the worker's `self`. Hands protocol messages to the
 * analysis session (serve.ts: requests, cancels) and posts results back, transferring typed
 * arrays where it can.
 */
import { createAnalysisSession } from './session.ts';
import { transferablesOf } from './messages.ts';
import { packLoadResult } from './geometry-transport.ts';
import { buildMapData } from '../map/community-features.ts';
import type { LoadResult, ResponseMessage, WorkerInbound } from './protocol.ts';
import { serveSession } from './serve.ts';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerInbound>) => void): void;
  postMessage(message: ResponseMessage, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

const handle = serveSession(
  createAnalysisSession(),
  (message, transfer) => scope.postMessage(message, transfer),
  // Only `load` returns arrays made for the caller (copies); other results may share buffers
  // with the session's planner, so they are cloned rather than transferred. A large load
  // result travels packed (geometry-transport.ts).
  (type, result) => {
    if (type !== 'load') return { result, transfer: [] };
    const sent = packLoadResult(result as LoadResult, mapLayer);
    return { result: sent, transfer: transferablesOf(sent) };
  },
);
scope.addEventListener('message', (event) => handle(event.data));

/** The communities layer as the map draws it (built here so the page never serializes it). */
function mapLayer(result: LoadResult): GeoJSON.FeatureCollection {
  return buildMapData(result.dataset, result.graph, result.metrics, result.streetLabelPoints).communities;
}
