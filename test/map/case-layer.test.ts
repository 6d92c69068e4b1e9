import { describe, expect, test } from 'vitest';
import { CASE_COLOURS, CASE_LAYER_IDS, CASE_SOURCE, caseFeatures, caseLayerContent, withCaseLayer } from '../../src/map/case-layer.ts';
import type { MapContent } from '../../src/map/apply-layers.ts';

const cases = [
  { id: 'a', number: 1, lon: 120.6, lat: 28.0, colour: 'red' as const },
  { id: 'b', number: 2, lon: null, lat: null, colour: 'blue' as const },
  { id: 'c', number: 3, lon: 120.61, lat: 28.01, colour: null },
];

describe('case layer', () => {
  test('caseFeatures() makes one point per case with a location, its colour or none', () => {
    const data = caseFeatures(cases);
    expect(data.features.map((feature) => [feature.id, feature.properties.colour, feature.geometry.coordinates])).toEqual([
      [1, 'red', [120.6, 28.0]],
      [3, 'none', [120.61, 28.01]],
    ]);
  });

  test('caseLayerContent() is a clustered GeoJSON source that sums the colours, with cluster, count and point layers', () => {
    const content = caseLayerContent(caseFeatures(cases));
    const source = content.sources[CASE_SOURCE]!;
    expect(source).toMatchObject({ type: 'geojson', cluster: true });
    expect(Object.keys(source.clusterProperties ?? {}).sort()).toEqual(['blue', 'red', 'yellow']);
    expect(content.layers.map((layer) => layer.id)).toEqual([CASE_LAYER_IDS.clusters, CASE_LAYER_IDS.clusterCount, CASE_LAYER_IDS.points]);
    // Every layer reads the case source; the point layer's colours are the three colours and none's grey.
    for (const layer of content.layers) expect('source' in layer && layer.source).toBe(CASE_SOURCE);
    const points = JSON.stringify(content.layers[2]!.paint);
    for (const colour of Object.values(CASE_COLOURS)) expect(points).toContain(colour);
  });

  test('withCaseLayer() draws the cases on top of the other layers and leaves content without layers alone', () => {
    const base: MapContent = { sources: { communities: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } } }, layers: [{ id: 'community-fill', type: 'fill', source: 'communities' }] };
    const extra = caseLayerContent(caseFeatures(cases));
    const merged = withCaseLayer(base, extra);
    expect(Object.keys(merged.sources)).toEqual(['communities', CASE_SOURCE]);
    expect(merged.layers.map((layer) => layer.id)).toEqual(['community-fill', ...extra.layers.map((layer) => layer.id)]);
    expect(withCaseLayer(base, null)).toBe(base);
    expect(withCaseLayer({ sources: {}, layers: [] }, extra).layers).toEqual([]);
  });
});
