/**
 * Worker shell: the only module that touches the worker's `self`. Dispatches protocol requests to
 * the analysis session and posts results back, transferring typed arrays where it can.
 */
import { CancelledError, createAnalysisSession, type CancelToken } from './session.ts';
import { errorPayload, transferablesOf } from './messages.ts';
import { packLoadResult } from './geometry-transport.ts';
import { buildMapData } from '../map/community-features.ts';
import type { LoadResult } from './protocol.ts';
import type { ResponseMessage, WorkerInbound } from './protocol.ts';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerInbound>) => void): void;
  postMessage(message: ResponseMessage, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const session = createAnalysisSession();

/** Cancel tokens of the requests under way, by id. */
const tokens = new Map<number, CancelToken>();

scope.addEventListener('message', (event) => {
  const message = event.data;
  if ('cancel' in message) {
    const token = tokens.get(message.cancel);
    if (token) token.cancelled = true;
    return;
  }
  const { id, type, payload } = message;
  const token: CancelToken = { cancelled: false };
  tokens.set(id, token);
  session.handle(type, payload, (progress) => scope.postMessage({ id, progress }), token).finally(() => tokens.delete(id)).then(
    // Only `load` returns arrays made for the caller (copies); other results may share buffers
    // with the session's planner, so they are cloned rather than transferred. A large load
    // result travels packed (geometry-transport.ts).
    (result) => {
      const sent = type === 'load' ? packLoadResult(result as LoadResult, mapLayer) : result;
      scope.postMessage({ id, ok: true, result: sent }, type === 'load' ? transferablesOf(sent) : []);
    },
    // A cancelled request is not answered: the page settled it when it cancelled.
    (error: unknown) => {
      if (!(error instanceof CancelledError)) scope.postMessage({ id, ok: false, error: errorPayload(error) });
    },
  );
});


/** The communities layer as the map draws it (built here so the page never serializes it). */
function mapLayer(result: LoadResult): GeoJSON.FeatureCollection {
  return buildMapData(result.dataset, result.graph, result.metrics, result.streetLabelPoints).communities;
}
