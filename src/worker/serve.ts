/**
 * The worker side of the protocol, apart from `self` so tests can drive it: dispatches request
 * messages to the session, keeps a cancel token per request under way, and answers each request
 * once (progress before). A cancel message sets its request's token (maplibre's Actor cancels the
 * same way); the session stops at its next phase and the request gets no answer.
 */
import { errorPayload } from './messages.ts';
import type { RequestType, ResponseMessage, WorkerInbound } from './protocol.ts';
import { CancelledError, type AnalysisSession, type CancelToken } from './session.ts';

/**
 * Turns a result into what is posted and the buffers to transfer (default: as is, nothing
 * transferred); `parts` are fields of the result posted before it, each in a message of its own.
 */
export type PrepareResult = (type: RequestType, result: unknown) => { result: unknown; transfer: Transferable[]; parts?: Record<string, unknown> };

/** A handler for the messages the page posts; `send` posts a response back. */
export function serveSession(session: AnalysisSession, send: (message: ResponseMessage, transfer: Transferable[]) => void, prepare: PrepareResult = (_type, result) => ({ result, transfer: [] })): (message: WorkerInbound) => void {
  const tokens = new Map<number, CancelToken>();
  return (message) => {
    if ('cancel' in message) {
      const token = tokens.get(message.cancel);
      if (token) token.cancelled = true;
      return;
    }
    const { id, type, payload } = message;
    const token: CancelToken = { cancelled: false };
    tokens.set(id, token);
    session
      .handle(type, payload, (progress) => send({ id, progress }, []), token)
      .finally(() => tokens.delete(id))
      .then(
        (result) => {
          const sent = prepare(type, result);
          for (const [key, value] of Object.entries(sent.parts ?? {})) send({ id, part: { key, value } }, []);
          send({ id, ok: true, result: sent.result }, sent.transfer);
        },
        // A cancelled request is not answered: the page settled it when it cancelled.
        (error: unknown) => {
          if (!(error instanceof CancelledError)) send({ id, ok: false, error: errorPayload(error) }, []);
        },
      );
  };
}
