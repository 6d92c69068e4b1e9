import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createMapDescriber, describeMap, type MapLook, type MapState } from '../../src/map/describe-map.ts';
import { SOURCES } from '../../src/map/layers.ts';
import { initialState } from '../../src/state/store.ts';
import { dataLoaded } from '../../src/state/updaters.ts';
import { withMapData } from '../../src/worker/map-data.ts';
import type { AnalyzeResult, LoadResult } from '../../src/worker/protocol.ts';
import { gridLoadResult } from '../support/load-result.ts';

const LOOK: MapLook = {
  layer: 'demo',
  overlays: { clusters: true, zones: true, rings: true, bridges: true },
  focus: { hovered: null, selected: null },
  useFilters: true,
  theme: 'dashboard',
};

let data: LoadResult;
let state: MapState;
let analysis: AnalyzeResult;

beforeAll(async () => {
  const { result, session } = await gridLoadResult();
  data = withMapData(result);
  const loaded = { ...initialState(), ...dataLoaded(initialState(), data) };
  analysis = await session.handle('analyze', { designated: loaded.plan.designated });
  const { bridges, explanations, routes, ...rest } = analysis;
  state = { ...loaded, analysis: rest, bridges: { solution: bridges, explanations, routes, designated: loaded.plan.designated } };
});

/** The source ids whose data differs (by identity) between two descriptions. */
function resetSources(a: ReturnType<typeof describeMap>, b: ReturnType<typeof describeMap>): string[] {
  return Object.keys(b.content.sources).filter((id) => a.content.sources[id]?.data !== b.content.sources[id]!.data);
}

describe('describeMap() (issue 15)', () => {
  test('describeMap() draws every source from the load\'s map data and gives each community its designation as feature state', () => {
    const { content, featureStates } = describeMap(state, LOOK);
    expect(Object.keys(content.sources).sort()).toEqual(Object.values(SOURCES).sort());
    expect(content.sources[SOURCES.communities]!.data).toBe(data.map!.communities);
    expect(content.sources[SOURCES.outlines]!.data).toBe(state.analysis!.outlines);
    expect(content.layers.every((layer) => !('source' in layer) || (layer.source as string) in content.sources)).toBe(true);
    expect(featureStates[SOURCES.communities]!.map((s) => (s.demo ? 1 : 0))).toEqual(Array.from(state.plan.designated));
  });

  test('describeMap() marks the bridge suggestions and isolated communities as the analysis says', () => {
    const { content } = describeMap(state, LOOK);
    const markers = content.sources[SOURCES.markers]!.data as GeoJSON.FeatureCollection;
    const kinds = markers.features.map((feature) => feature.properties!.kind as string);
    expect(kinds.filter((kind) => kind === 'isolated')).toHaveLength(analysis.report.isolated.length);
    expect(kinds.filter((kind) => kind === 'bridge')).toHaveLength(analysis.bridges.suggestions.length);
  });

  test('a describer keeps the content when only the answered designation changes: only feature states change', () => {
    const describe = createMapDescriber();
    const before = describe(state, LOOK);
    const selected = state.plan.designated.slice();
    selected[4] = 1;
    const after = describe({ ...state, plan: { designated: selected }, bridges: { ...state.bridges!, designated: selected } }, LOOK);
    expect(after.content).toBe(before.content);
    expect(after.featureStates).not.toBe(before.featureStates);
    expect(after.featureStates[SOURCES.communities]![4]!.demo).toBe(true);
    expect(before.featureStates[SOURCES.communities]![4]!.demo).toBe(false);
  });

  test('a plan change waiting for its answer leaves the map as it is: fills change with the answer, in the same repaint as outlines and zones', () => {
    const describe = createMapDescriber();
    const before = describe(state, LOOK);
    const selected = state.plan.designated.slice();
    selected[4] = 1;
    const waiting = describe({ ...state, plan: { designated: selected } }, LOOK);
    expect(waiting.content).toBe(before.content);
    expect(waiting.featureStates).toBe(before.featureStates);
    expect(waiting.featureStates[SOURCES.communities]![4]!.demo).toBe(false);
  });

  test('a describer re-sets only the focus source on hover and only the layers on a layer switch', () => {
    const describe = createMapDescriber();
    const before = describe(state, LOOK);
    const hovered = describe(state, { ...LOOK, focus: { hovered: 4, selected: null } });
    expect(resetSources(before, hovered)).toEqual([SOURCES.focus]);
    expect(hovered.content.layers).toBe(before.content.layers);
    const level = describe(state, { ...LOOK, focus: { hovered: 4, selected: null }, layer: 'level' });
    expect(resetSources(hovered, level)).toEqual([]);
    expect(level.content.layers).not.toBe(hovered.content.layers);
    expect(level.legend.spec.id).toBe('level');
  });

  test('describeMap() dims what the filters leave out on the dashboard, not in the presentation', () => {
    const filtered = { ...state, filters: { ...state.filters, demo: 'yes' as const } };
    const dims = (look: MapLook) => describeMap(filtered, look).featureStates[SOURCES.communities]!.map((s) => (s.dim ? 0 : 1));
    expect(dims(LOOK)).toEqual(Array.from(state.plan.designated));
    expect(dims({ ...LOOK, useFilters: false }).every((kept) => kept === 1)).toBe(true);
  });

  test('a large set\'s communities are read from the URL of the worker\'s bytes', () => {
    expect(describeMap(state, { ...LOOK, communitiesUrl: 'blob:communities' }).content.sources[SOURCES.communities]!.data).toBe('blob:communities');
  });

  test('describeMap() draws nothing before the data (and its map data) has loaded', () => {
    expect(describeMap({ ...state, data: null }, LOOK).content).toEqual({ sources: {}, layers: [] });
    expect(describeMap({ ...state, data: { ...data, map: undefined } }, LOOK).content).toEqual({ sources: {}, layers: [] });
  });

  test('the map data is built in one place: only src/worker/map-data.ts calls buildMapData', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
    const callers = files('src').filter((file) => /buildMapData\(/.test(readFileSync(file, 'utf8')) && !file.endsWith('community-features.ts'));
    expect(callers).toEqual([join('src', 'worker', 'map-data.ts')]);
  });
});
