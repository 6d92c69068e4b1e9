/**
 * The map's data for a loaded dataset (community polygons with their drawing properties, labels,
 * streets, district), built once per load where the load ran: in the worker (the shell attaches
 * it before posting) or on the main thread when the client falls back. The page reads
 * `LoadResult.map` and never builds it again.
 */
import { buildMapData } from '../map/community-features.ts';
import type { LoadResult } from './protocol.ts';

/** `result` with its map data (`map`). */
export function withMapData(result: LoadResult): LoadResult {
  return { ...result, map: buildMapData(result.dataset, result.graph, result.metrics, result.streetLabelPoints) };
}
