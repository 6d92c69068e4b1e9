import { describe, expect, test } from 'vitest';
import { FEATURE_KINDS } from '../../src/core/index.ts';
import { caseFeatures, caseLayerContent, withCaseLayer } from '../../src/map/case-layer.ts';
import { FEATURE_COLOURS, FEATURE_LAYER_IDS, FEATURE_SOURCE, featureLayerContent, featureLayerData, mergeContent } from '../../src/map/feature-layer.ts';
import { dashboardLayers, LAYER_IDS } from '../../src/map/layers.ts';
import { storedFeature } from '../support/fake-campaign-server.ts';

const features = [
  storedFeature('r1', { name: '滨江景观步道' }),
  storedFeature('w1', { kind: 'road_work', name: '学院路改造' }),
  storedFeature('c1', { kind: 'service_centre', name: '五马街道服务中心', community: null }, { type: 'Point', coordinates: [120.65, 28.02] }),
  storedFeature('s1', { kind: 'project_site', name: '社区用房' }, { type: 'Point', coordinates: [120.66, 28.03] }),
];

describe('featureLayerData()', () => {
  test('keeps every feature with its geometry, and its id, kind and name as properties', () => {
    const data = featureLayerData(features);
    expect(data.features.map((feature) => [feature.properties.id, feature.properties.kind, feature.geometry.type])).toEqual([
      ['r1', 'landscape_route', 'LineString'],
      ['w1', 'road_work', 'LineString'],
      ['c1', 'service_centre', 'Point'],
      ['s1', 'project_site', 'Point'],
    ]);
    expect(featureLayerData([]).features).toEqual([]);
  });
});

describe('featureLayerContent()', () => {
  const content = featureLayerContent(featureLayerData(features));
  const layer = (id: string) => content.layers.find((candidate) => candidate.id === id)!;

  test('routes and road works are lines of distinct styles: a solid green on a casing, a dashed orange', () => {
    expect(layer(FEATURE_LAYER_IDS.routes)).toMatchObject({ type: 'line', filter: ['==', ['get', 'kind'], 'landscape_route'], paint: { 'line-color': FEATURE_COLOURS.landscape_route } });
    expect((layer(FEATURE_LAYER_IDS.routes).paint as Record<string, unknown>)['line-dasharray']).toBeUndefined();
    expect(layer(FEATURE_LAYER_IDS.roadWorks)).toMatchObject({ type: 'line', filter: ['==', ['get', 'kind'], 'road_work'], paint: { 'line-color': FEATURE_COLOURS.road_work, 'line-dasharray': [2, 1] } });
    expect(layer(FEATURE_LAYER_IDS.casing)).toMatchObject({ type: 'line', filter: ['==', ['get', 'kind'], 'landscape_route'] });
    expect(new Set(FEATURE_KINDS.map((kind) => FEATURE_COLOURS[kind])).size).toBe(FEATURE_KINDS.length);
  });

  test('centres and sites are circles, names a symbol layer on top; every layer reads the one source', () => {
    expect(layer(FEATURE_LAYER_IDS.points)).toMatchObject({ type: 'circle', filter: ['==', ['geometry-type'], 'Point'] });
    expect(layer(FEATURE_LAYER_IDS.labels)).toMatchObject({ type: 'symbol', layout: { 'text-field': ['get', 'name'] } });
    const ids = content.layers.map((item) => item.id);
    expect(ids).toEqual([FEATURE_LAYER_IDS.casing, FEATURE_LAYER_IDS.routes, FEATURE_LAYER_IDS.roadWorks, FEATURE_LAYER_IDS.points, FEATURE_LAYER_IDS.labels]);
    expect(content.layers.every((item) => 'source' in item && item.source === FEATURE_SOURCE)).toBe(true);
    expect(Object.keys(content.sources)).toEqual([FEATURE_SOURCE]);
  });

  test('merged into the dashboard, the features are drawn over the communities and streets and under the cases', () => {
    const base = { sources: {}, layers: dashboardLayers({ fillColor: ['to-color', '#cccccc'], overlays: { clusters: true, zones: true, rings: true, bridges: true } }) };
    const cases = caseLayerContent(caseFeatures([{ id: 'k1', number: 1, lon: 120.6, lat: 28, colour: 'red' }]));
    const ids = withCaseLayer(base, mergeContent(content, cases)).layers.map((item) => item.id);
    expect(ids.indexOf(FEATURE_LAYER_IDS.routes)).toBeGreaterThan(ids.indexOf(LAYER_IDS.communityFill));
    expect(ids.indexOf(FEATURE_LAYER_IDS.routes)).toBeGreaterThan(ids.indexOf(LAYER_IDS.streetLine));
    expect(ids.indexOf(FEATURE_LAYER_IDS.labels)).toBeLessThan(ids.indexOf('case-points'));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
