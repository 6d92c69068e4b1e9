/**
 * How the worker shell posts a result (serve.ts's `PrepareResult`): what is transferred rather
 * than copied, what is packed, and which fields go ahead in messages of their own. Apart from
 * the shell so that tests can drive it with the real dispatch.
 */
import { transferablesOf } from './messages.ts';
import { packLoadResult } from './geometry-transport.ts';
import { withMapData } from './map-data.ts';
import type { InspectResult, LoadResult } from './protocol.ts';
import type { PrepareResult } from './serve.ts';

/**
 * Only `load` returns arrays made for the caller (copies) and `inspect` the page's own bytes;
 * other results may share buffers with the session's planner, so they are cloned rather than
 * transferred. A large load result travels packed (geometry-transport.ts); the map's data is
 * built here, once. Its lagging report goes in a message of its own before it: a large set's
 * report takes about as long to deserialize on the page as the rest of the result.
 */
export const prepareResult: PrepareResult = (type, result) => {
  if (type === 'load') {
    const { lagging, ...rest } = result as LoadResult;
    const sent = packLoadResult(withMapData(rest));
    return { result: sent, transfer: transferablesOf(sent), ...(lagging ? { parts: { lagging } } : {}) };
  }
  // An import preview hands the file bytes it was given back to the page, without a copy.
  if (type === 'inspect') return { result, transfer: [...new Set((result as InspectResult).inputs.map((input) => input.bytes.buffer))].filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer && buffer.byteLength > 0) };
  return { result, transfer: [] };
};
