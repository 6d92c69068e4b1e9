import { describe, expect, test } from 'vitest';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { applyContent, type MapContent } from '../../src/map/apply-layers.ts';

/** The part of a maplibre map applyContent calls, recording the setData calls per source. */
function recordingMap() {
  const sources = new Map<string, { setData(data: unknown): void }>();
  const layers = new Set<string>();
  const setData: string[] = [];
  const map = {
    getSource: (id: string) => sources.get(id),
    addSource: (id: string) => void sources.set(id, { setData: () => void setData.push(id) }),
    removeSource: (id: string) => void sources.delete(id),
    getLayer: (id: string) => (layers.has(id) ? { id } : undefined),
    addLayer: (layer: { id: string }) => void layers.add(layer.id),
    removeLayer: (id: string) => void layers.delete(id),
    getStyle: () => ({ layers: [...layers].map((id) => ({ id })) }),
    setPaintProperty: () => {},
    setLayoutProperty: () => {},
    setFilter: () => {},
    setLayerZoomRange: () => {},
  };
  return { map: map as unknown as MapLibreMap, setData };
}

const collection = (count: number) => ({ type: 'FeatureCollection' as const, features: Array.from({ length: count }, (_, i) => ({ type: 'Feature' as const, id: i, properties: {}, geometry: { type: 'Point' as const, coordinates: [i, 0] } })) });
const content = (zones: unknown, markers: unknown): MapContent => ({
  sources: { zones: { type: 'geojson', data: zones as never }, markers: { type: 'geojson', data: markers as never } },
  layers: [],
});

describe('applyContent()', () => {
  test('applyContent() re-sends a source whose data changed and skips one that stays empty (issue 18: every toggle reloaded the empty zones and borders)', () => {
    const { map, setData } = recordingMap();
    const first = content(collection(0), collection(1));
    applyContent(map, { sources: {}, layers: [] }, first);
    const second = content(collection(0), collection(2));
    applyContent(map, first, second);
    expect(setData).toEqual(['markers']);
    applyContent(map, second, content(collection(3), second.sources.markers!.data));
    expect(setData).toEqual(['markers', 'zones']);
  });

  test('applyContent() empties a source that had features', () => {
    const { map, setData } = recordingMap();
    const first = content(collection(2), collection(0));
    applyContent(map, { sources: {}, layers: [] }, first);
    applyContent(map, first, content(collection(0), collection(0)));
    expect(setData).toEqual(['zones']);
  });
});
