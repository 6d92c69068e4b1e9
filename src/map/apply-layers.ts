/**
 * Diffs plain source and layer descriptions against a live map (the react-map-gl pattern):
 * the rest of the app describes what should be on the map as data; only this module and the
 * controller call maplibre's mutation API.
 */
import type { GeoJSONSourceSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';

/** A GeoJSON source by id; `data` is compared by identity, so pass a new object to update. */
export type SourceSpecs = Record<string, GeoJSONSourceSpecification>;

export interface MapContent {
  sources: SourceSpecs;
  /** Layers in drawing order (first is drawn at the bottom, above the background). */
  layers: LayerSpecification[];
}

export function applyContent(map: MapLibreMap, previous: MapContent, next: MapContent): void {
  const nextLayerIds = new Set(next.layers.map((layer) => layer.id));
  // 1. Layers that disappeared, or whose source changes, go first so their sources can be removed.
  for (const layer of previous.layers) {
    const replacement = next.layers.find((candidate) => candidate.id === layer.id);
    if (!nextLayerIds.has(layer.id) || (replacement && !sameShape(layer, replacement))) {
      if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    }
  }
  // 2. Sources: add new ones, update data in place, remove unused ones.
  for (const [id, spec] of Object.entries(next.sources)) {
    const existing = map.getSource(id);
    if (!existing) map.addSource(id, spec);
    else if (previous.sources[id]?.data !== spec.data && !bothEmpty(previous.sources[id]?.data, spec.data) && 'setData' in existing) {
      (existing as { setData(data: unknown): void }).setData(spec.data);
    }
  }
  for (const id of Object.keys(previous.sources)) {
    if (!(id in next.sources) && map.getSource(id)) {
      for (const layer of map.getStyle().layers) if ('source' in layer && layer.source === id) map.removeLayer(layer.id);
      map.removeSource(id);
    }
  }
  // 3. Layers: add missing ones in order, update paint/layout/filter of the others.
  for (let i = 0; i < next.layers.length; i++) {
    const layer = next.layers[i]!;
    const before = next.layers.slice(i + 1).find((candidate) => map.getLayer(candidate.id))?.id;
    if (!map.getLayer(layer.id)) {
      map.addLayer(layer, before);
      continue;
    }
    const old = previous.layers.find((candidate) => candidate.id === layer.id);
    if (old) updateLayer(map, old, layer);
  }
}

/**
 * Both empty FeatureCollections: nothing to re-send. Every setData reloads each of the source's
 * tiles in view through maplibre's worker, and a what-if toggle hands new (often empty) zones and
 * borders each time.
 */
function bothEmpty(a: unknown, b: unknown): boolean {
  const empty = (data: unknown) => typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'FeatureCollection' && (data as { features?: unknown[] }).features?.length === 0;
  return empty(a) && empty(b);
}

/** Same type and source: the layer can be updated in place. */
function sameShape(a: LayerSpecification, b: LayerSpecification): boolean {
  return a.type === b.type && sourceOf(a) === sourceOf(b);
}

function sourceOf(layer: LayerSpecification): string | undefined {
  return 'source' in layer ? (layer.source as string) : undefined;
}

function updateLayer(map: MapLibreMap, old: LayerSpecification, next: LayerSpecification): void {
  const oldPaint = (old.paint ?? {}) as Record<string, unknown>;
  const nextPaint = (next.paint ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(oldPaint), ...Object.keys(nextPaint)])) {
    if (!deepEqual(oldPaint[key], nextPaint[key])) map.setPaintProperty(next.id, key as never, nextPaint[key] as never);
  }
  const oldLayout = (old.layout ?? {}) as Record<string, unknown>;
  const nextLayout = (next.layout ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(oldLayout), ...Object.keys(nextLayout)])) {
    if (!deepEqual(oldLayout[key], nextLayout[key])) map.setLayoutProperty(next.id, key as never, nextLayout[key] as never);
  }
  const oldFilter = 'filter' in old ? old.filter : undefined;
  const nextFilter = 'filter' in next ? next.filter : undefined;
  if (!deepEqual(oldFilter, nextFilter)) map.setFilter(next.id, nextFilter ?? null);
  const oldZoom = [old.minzoom, old.maxzoom];
  const nextZoom = [next.minzoom, next.maxzoom];
  if (!deepEqual(oldZoom, nextZoom)) map.setLayerZoomRange(next.id, next.minzoom ?? 0, next.maxzoom ?? 24);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
