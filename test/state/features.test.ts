import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Me } from '../../src/api/index.ts';
import type { CampaignFeature } from '../../src/core/index.ts';
import {
  countByKind,
  draftChanged,
  editFeature,
  featureImportPreview,
  featuresChanged,
  featuresLoaded,
  mayDrawFeatureFor,
  mayDrawFeatures,
  NO_FEATURES,
  patchOf,
  routeOf,
  selectFeature,
  shapeDrawn,
  startDrawing,
  type FeatureAccess,
  type FeaturesState,
} from '../../src/state/features.ts';
import { storedFeature } from '../support/fake-campaign-server.ts';

const as = (role: Me['role'] | null, scope: string[] = [], readOnly = false): FeatureAccess => ({ server: { mode: 'server', me: role ? { username: role, role, scope } : null }, readOnly });
const admin = as('admin');
const A = { code: 'A', streetCode: 'S1' };
const F = { code: 'F', streetCode: 'S2' };
const apply = (state: FeaturesState, change: Partial<FeaturesState>): FeaturesState => ({ ...state, ...change });
const ready = (features: CampaignFeature[]) => apply(NO_FEATURES, featuresLoaded(NO_FEATURES, features, []));
const line = { type: 'LineString' as const, coordinates: [[120.6, 28], [120.61, 28.01]] as [number, number][] };

describe('mayDrawFeatures() and mayDrawFeatureFor() read the role table (works.write)', () => {
  test('the admin draws everywhere, also a feature of no community', () => {
    expect(mayDrawFeatures(admin)).toBe(true);
    expect(mayDrawFeatureFor(admin, F)).toBe(true);
    expect(mayDrawFeatureFor(admin, null)).toBe(true);
  });

  test('a street office draws for the communities of its street only, never a feature of no community', () => {
    const street = as('street', ['S1']);
    expect(mayDrawFeatures(street)).toBe(true);
    expect(mayDrawFeatureFor(street, A)).toBe(true);
    expect(mayDrawFeatureFor(street, F)).toBe(false);
    expect(mayDrawFeatureFor(street, null)).toBe(false);
  });

  test('a leader, an inspector, an instructor, an anonymous visitor, a read-only link and 单机模式 draw nothing', () => {
    for (const access of [as('leader'), as('inspector', ['S1']), as('instructor', ['A']), as(null), { ...admin, readOnly: true }, { server: { mode: 'standalone' as const, me: null }, readOnly: false }]) {
      expect(mayDrawFeatures(access)).toBe(false);
      expect(mayDrawFeatureFor(access, A)).toBe(false);
    }
  });
});

describe('drawing updaters refuse without the right to draw', () => {
  test('startDrawing() opens the tool for the admin and changes nothing for a leader', () => {
    expect(startDrawing(NO_FEATURES, admin, 'line')).toMatchObject({ tool: { mode: 'line' } });
    expect(startDrawing(NO_FEATURES, as('leader'), 'line')).toEqual({});
  });

  test('shapeDrawn() turns a finished line into a form: a landscape route of the community it was drawn in', () => {
    const drawing = apply(NO_FEATURES, startDrawing(NO_FEATURES, admin, 'line'));
    const next = apply(drawing, shapeDrawn(drawing, admin, line, 'A'));
    expect(next.tool).toBeNull();
    expect(next.draft).toEqual({ kind: 'landscape_route', name: '', community: 'A', project: null, geometry: line, id: null, version: null });
  });

  test('shapeDrawn() for a point proposes a project site; draftChanged() refuses a kind of the other shape', () => {
    const drawing = apply(NO_FEATURES, startDrawing(NO_FEATURES, admin, 'point'));
    const next = apply(drawing, shapeDrawn(drawing, admin, { type: 'Point', coordinates: [120.6, 28] }, null));
    expect(next.draft?.kind).toBe('project_site');
    expect(draftChanged(next, { kind: 'landscape_route' })).toEqual({});
    expect(draftChanged(next, { kind: 'service_centre' }).draft?.kind).toBe('service_centre');
  });

  test('editFeature() opens the form with the held version for an allowed account, nothing for a street office outside its street', () => {
    const state = ready([storedFeature('f1', { community: 'F', version: 3 })]);
    expect(editFeature(state, admin, 'f1', F).draft).toMatchObject({ id: 'f1', version: 3, community: 'F' });
    expect(editFeature(state, as('street', ['S1']), 'f1', F)).toEqual({});
  });
});

describe('featuresChanged()', () => {
  test('a newer version replaces the held one, an older or equal one is ignored, a new one is appended', () => {
    const state = ready([storedFeature('f1', { version: 2 })]);
    expect(featuresChanged(state, [storedFeature('f1', { version: 1, name: '旧' })])).toEqual({});
    expect(featuresChanged(state, [storedFeature('f1', { version: 3, name: '新' })]).features?.map((f) => f.properties.name)).toEqual(['新']);
    expect(featuresChanged(state, [storedFeature('f2')]).features?.map((f) => f.properties.id)).toEqual(['f1', 'f2']);
  });

  test('a deleted feature leaves with its card and its form', () => {
    let state = ready([storedFeature('f1'), storedFeature('f2')]);
    state = apply(state, selectFeature(state, 'f1'));
    state = apply(state, editFeature(state, admin, 'f1', A));
    const next = apply(state, featuresChanged(state, [], ['f1']));
    expect(next.features.map((f) => f.properties.id)).toEqual(['f2']);
    expect(next.selectedId).toBeNull();
    expect(next.draft).toBeNull();
  });

  test('applying the same events in any order ends with the highest version of each feature (property)', () => {
    const version = fc.record({ id: fc.constantFrom('f1', 'f2', 'f3'), version: fc.integer({ min: 1, max: 9 }) });
    fc.assert(
      fc.property(fc.array(version, { maxLength: 12 }), (events) => {
        const run = (order: typeof events) => order.reduce((state, event) => apply(state, featuresChanged(state, [storedFeature(event.id, { version: event.version, name: `${event.id}v${event.version}` })])), ready([]));
        const highest = (state: FeaturesState) => Object.fromEntries(state.features.map((f) => [f.properties.id, f.properties.version]));
        expect(highest(run(events))).toEqual(highest(run([...events].reverse())));
      }),
    );
  });
});

describe('patchOf()', () => {
  test('sends the version and only the fields that differ from the held feature', () => {
    const held = storedFeature('f1', { version: 4 });
    expect(patchOf({ kind: 'landscape_route', name: '新名', community: 'A', project: null, geometry: held.geometry, id: 'f1', version: 4 }, held)).toEqual({ version: 4, name: '新名' });
    const moved = { type: 'LineString' as const, coordinates: [[120.6, 28], [120.62, 28.02]] as [number, number][] };
    expect(patchOf({ ...held.properties, geometry: moved, id: 'f1', version: 4 }, held)).toEqual({ version: 4, geometry: moved });
  });
});

describe('routeOf() (the core communitiesWithRoute rule)', () => {
  const square = { type: 'Polygon' as const, coordinates: [[[120.59, 27.99], [120.62, 27.99], [120.62, 28.02], [120.59, 28.02], [120.59, 27.99]]] };
  test('a landscape route naming the community is its route; a road work is not', () => {
    expect(routeOf([storedFeature('r', { kind: 'road_work' }), storedFeature('f1', { name: '滨江步道' })], { code: 'A', geometry: square })?.properties.name).toBe('滨江步道');
    expect(routeOf([storedFeature('r', { kind: 'road_work' })], { code: 'A', geometry: square })).toBeNull();
  });

  test('a route of no community counts for the community holding most of its length, one naming another does not', () => {
    expect(routeOf([storedFeature('f1', { community: null })], { code: 'A', geometry: square })).not.toBeNull();
    expect(routeOf([storedFeature('f1', { community: 'B' })], { code: 'A', geometry: square })).toBeNull();
  });
});

describe('featureImportPreview()', () => {
  const campaign = { communities: new Set(['A', 'B']), projects: new Set(['p1']), held: [storedFeature('f1')] };
  const file = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

  test('counts what would be added by kind and skips a feature the campaign holds (an export imported again)', () => {
    const added = { type: 'Feature', geometry: { type: 'Point', coordinates: [120.6, 28] }, properties: { kind: 'service_centre', name: '甲街道服务中心', community: null } };
    const preview = featureImportPreview('路线.geojson', file([storedFeature('f1'), added]), campaign);
    expect(preview).toMatchObject({ ok: true, skipped: 1, counts: { service_centre: 1, landscape_route: 0 } });
    if (preview.ok) expect(preview.features.map((f) => f.properties.name)).toEqual(['甲街道服务中心']);
  });

  test('a deleted feature of an export comes back: its id is no longer held', () => {
    const preview = featureImportPreview('导出.geojson', file([storedFeature('f1'), storedFeature('f9', { name: '被删的路线' }, { type: 'LineString', coordinates: [[120.6, 28], [120.7, 28.1]] })]), campaign);
    expect(preview).toMatchObject({ ok: true, skipped: 1, counts: { landscape_route: 1 } });
  });

  test('every problem names the file, the feature, its field and what was expected, in Chinese', () => {
    const bad = { type: 'Feature', geometry: { type: 'Point', coordinates: [120.6, 28] }, properties: { kind: 'landscape_route', name: '错线', community: 'Z' } };
    const preview = featureImportPreview('坏.geojson', file([bad]), campaign);
    expect(preview.ok).toBe(false);
    if (!preview.ok) {
      expect(preview.errors).toHaveLength(2);
      expect(preview.errors[0]).toMatch(/^坏\.geojson：第 1 个要素（错线）的 properties\.community：应为本活动的社区代码或 null，实为 "Z"/);
      expect(preview.errors[1]).toMatch(/^坏\.geojson：第 1 个要素（错线）的 geometry\.type：景观路线应为 LineString（线），实为 Point/);
    }
  });

  test('a file that is not JSON is refused with its name', () => {
    expect(featureImportPreview('x.geojson', '{', campaign)).toMatchObject({ ok: false, errors: [expect.stringMatching(/^x\.geojson：不是有效的 GeoJSON/)] });
  });
});

test('countByKind() counts every kind, 0 for those absent', () => {
  expect(countByKind([storedFeature('a'), storedFeature('b', { kind: 'road_work' }), storedFeature('c')])).toEqual({ landscape_route: 2, road_work: 1, service_centre: 0, project_site: 0 });
});
