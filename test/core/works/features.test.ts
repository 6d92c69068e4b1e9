import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Polygon } from 'geojson';
import {
  FEATURE_KINDS,
  FEATURE_KIND_GEOMETRY,
  MAX_FEATURE_NAME_CHARS,
  MAX_FEATURE_POSITIONS,
  communitiesWithRoute,
  communityOfLine,
  communityOfShape,
  shareOfLineInside,
  validateCampaignFeatures,
  type CampaignFeatureDraft,
  type FeatureKind,
} from '../../../src/core/index.ts';

const COMMUNITIES = new Set(['330302006044', '330302006045']);
const options = { communities: COMMUNITIES };

const lon = fc.double({ min: 120.5, max: 120.8, noNaN: true });
const lat = fc.double({ min: 27.9, max: 28.1, noNaN: true });
const lonLat = fc.tuple(lon, lat);
const line = fc.array(lonLat, { minLength: 2, maxLength: 20 }).filter((points) => points.some((point) => point[0] !== points[0]![0] || point[1] !== points[0]![1]));
const nameArb = fc.string({ minLength: 1, maxLength: 30 }).filter((name) => name.trim().length > 0 && name.trim() === name);

/** A valid feature of any kind, with extra properties a user's file may carry. */
const featureArb = fc
  .record({
    kind: fc.constantFrom(...FEATURE_KINDS),
    name: nameArb,
    community: fc.constantFrom(null, undefined, ...COMMUNITIES),
    point: lonLat,
    line,
    extra: fc.dictionary(fc.constantFrom('id', 'version', 'colour', 'updatedBy'), fc.jsonValue(), { maxKeys: 3 }),
  })
  .map(({ kind, name, community, point, line, extra }) => ({
    type: 'Feature' as const,
    id: 'f-1',
    geometry: FEATURE_KIND_GEOMETRY[kind] === 'Point' ? { type: 'Point', coordinates: point } : { type: 'LineString', coordinates: line },
    properties: { ...extra, kind, name, ...(community === undefined ? {} : { community }) },
  }));

const wrongGeometry = (kind: FeatureKind) => (FEATURE_KIND_GEOMETRY[kind] === 'Point' ? { type: 'LineString', coordinates: [[120.6, 28], [120.61, 28.01]] } : { type: 'Point', coordinates: [120.6, 28] });

describe('validateCampaignFeatures', () => {
  it('accepts any valid feature or collection and keeps only kind, name, community and project', () => {
    fc.assert(
      fc.property(fc.array(featureArb, { maxLength: 8 }), fc.boolean(), (features, single) => {
        const input = single && features.length > 0 ? features[0] : { type: 'FeatureCollection', features };
        const result = validateCampaignFeatures(input, options);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const given = single && features.length > 0 ? [features[0]!] : features;
        expect(result.collection).toBe(!(single && features.length > 0));
        expect(result.features).toHaveLength(given.length);
        result.features.forEach((feature, index) => {
          expect(Object.keys(feature.properties).sort()).toEqual(['community', 'kind', 'name', 'project']);
          expect(feature.properties.community).toBe(given[index]!.properties.community ?? null);
          expect(feature.geometry).toEqual(given[index]!.geometry);
          expect(Object.keys(feature)).toEqual(['type', 'geometry', 'properties']);
        });
      }),
    );
  });

  it('refuses the whole collection when one feature’s geometry does not match its kind, naming that feature and field', () => {
    fc.assert(
      fc.property(fc.array(featureArb, { minLength: 1, maxLength: 6 }), fc.nat(), (features, at) => {
        const index = at % features.length;
        const bad = { ...features[index]!, geometry: wrongGeometry(features[index]!.properties.kind) };
        const result = validateCampaignFeatures({ type: 'FeatureCollection', features: features.map((feature, i) => (i === index ? bad : feature)) }, options);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.errors).toHaveLength(1);
        expect(result.errors[0]).toMatchObject({ index, field: 'geometry.type' });
        expect(result.errors[0]!.message).toContain(`第 ${index + 1} 个要素`);
        expect(result.errors[0]!.message).toContain(bad.properties.name.slice(0, 20));
        expect(result.errors[0]!.message).toContain(FEATURE_KIND_GEOMETRY[bad.properties.kind]);
      }),
    );
  });

  it('refuses coordinates outside lon/lat range or not finite, naming the position', () => {
    for (const bad of [[200, 28], [120.6, -91], [Number.NaN, 28], [120.6], ['120.6', 28], [120.6, 28, 5, 1]]) {
      const result = validateCampaignFeatures({ type: 'Feature', geometry: { type: 'LineString', coordinates: [[120.6, 28], bad] }, properties: { kind: 'landscape_route', name: '鼓楼景观线' } }, options);
      expect(result).toMatchObject({ ok: false, errors: [{ index: 0, field: 'geometry.coordinates[1]' }] });
    }
  });

  it('drops a position’s height', () => {
    const result = validateCampaignFeatures({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.6, 28, 12] }, properties: { kind: 'service_centre', name: '五马街道服务中心' } }, options);
    expect(result).toMatchObject({ ok: true, features: [{ geometry: { type: 'Point', coordinates: [120.6, 28] } }] });
  });

  it('refuses a line of one point or of one point repeated', () => {
    for (const coordinates of [[[120.6, 28]], [[120.6, 28], [120.6, 28]], []]) {
      const result = validateCampaignFeatures({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { kind: 'road_work', name: '学院路' } }, options);
      expect(result).toMatchObject({ ok: false, errors: [{ index: 0, field: 'geometry.coordinates' }] });
    }
  });

  it('refuses an empty, blank or too long name and trims a given one', () => {
    const feature = (name: unknown) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.6, 28] }, properties: { kind: 'project_site', name } });
    for (const name of ['', '   ', undefined, 42, '路'.repeat(MAX_FEATURE_NAME_CHARS + 1)]) {
      expect(validateCampaignFeatures(feature(name), options)).toMatchObject({ ok: false, errors: [{ index: 0, field: 'properties.name' }] });
    }
    expect(validateCampaignFeatures(feature(' 鼓楼点位 '), options)).toMatchObject({ ok: true, features: [{ properties: { name: '鼓楼点位' } }] });
    expect(validateCampaignFeatures(feature('😀'.repeat(MAX_FEATURE_NAME_CHARS)), options).ok).toBe(true);
  });

  it('refuses an unknown kind, listing the four kinds', () => {
    const result = validateCampaignFeatures({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.6, 28] }, properties: { kind: 'tree', name: '古树' } }, options);
    expect(result).toMatchObject({ ok: false, errors: [{ index: 0, field: 'properties.kind' }] });
    if (!result.ok) for (const kind of FEATURE_KINDS) expect(result.errors[0]!.message).toContain(kind);
  });

  it('refuses a community or project the campaign does not have', () => {
    const feature = (properties: object) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.6, 28] }, properties: { kind: 'project_site', name: '点位', ...properties } });
    expect(validateCampaignFeatures(feature({ community: '999' }), options)).toMatchObject({ ok: false, errors: [{ field: 'properties.community' }] });
    expect(validateCampaignFeatures(feature({ community: 330302006044 }), options)).toMatchObject({ ok: false, errors: [{ field: 'properties.community' }] });
    expect(validateCampaignFeatures(feature({ project: 'p9' }), { ...options, projects: new Set(['p1']) })).toMatchObject({ ok: false, errors: [{ field: 'properties.project' }] });
    expect(validateCampaignFeatures(feature({ project: 'p1' }), { ...options, projects: new Set(['p1']) })).toMatchObject({ ok: true, features: [{ properties: { project: 'p1' } }] });
  });

  it('refuses input that is neither a Feature nor a FeatureCollection, for the input as a whole', () => {
    for (const input of [null, 42, [], { type: 'Point', coordinates: [1, 2] }, { type: 'FeatureCollection' }]) {
      const result = validateCampaignFeatures(input, options);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]!.index).toBeNull();
    }
  });

  it('refuses more features than allowed and a line longer than the limit', () => {
    const point = { type: 'Feature', geometry: { type: 'Point', coordinates: [120.6, 28] }, properties: { kind: 'project_site', name: '点位' } };
    expect(validateCampaignFeatures({ type: 'FeatureCollection', features: [point, point, point] }, { ...options, maxFeatures: 2 })).toMatchObject({ ok: false, errors: [{ index: null, field: 'features' }] });
    const full = validateCampaignFeatures(point, { ...options, existing: 5, maxFeatures: 5 });
    expect(full).toMatchObject({ ok: false, errors: [{ index: null, field: 'features' }] });
    if (!full.ok) expect(full.errors[0]!.message).toContain('已有 5 个');
    const long = Array.from({ length: MAX_FEATURE_POSITIONS + 1 }, (_, i) => [120.6 + i * 1e-6, 28]);
    expect(validateCampaignFeatures({ type: 'Feature', geometry: { type: 'LineString', coordinates: long }, properties: { kind: 'road_work', name: '过境公路' } }, options)).toMatchObject({ ok: false, errors: [{ field: 'geometry.coordinates' }] });
  });

  it('reports every bad feature of a collection, each with its own index', () => {
    const good = { type: 'Feature', geometry: { type: 'Point', coordinates: [120.6, 28] }, properties: { kind: 'project_site', name: '点位' } };
    const result = validateCampaignFeatures({ type: 'FeatureCollection', features: [good, { ...good, properties: { kind: 'x', name: '' } }, good, 'nonsense'] }, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((error) => [error.index, error.field])).toEqual([[1, 'properties.kind'], [1, 'properties.name'], [3, 'type']]);
  });
});

/** A unit square community at (x, y) in degrees (a small box near Wenzhou). */
const square = (code: string, x: number, y: number, size = 0.01): { code: string; geometry: Polygon } => ({
  code,
  geometry: { type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] },
});
const route = (coordinates: [number, number][], community: string | null = null, kind: FeatureKind = 'landscape_route'): CampaignFeatureDraft => ({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates },
  properties: { kind, name: '景观路线', community, project: null },
});

describe('shareOfLineInside', () => {
  it('is the fraction of a straight line’s length inside the boundary, within one sample', () => {
    const box = square('a', 120.6, 28);
    fc.assert(
      fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 1, max: 4 }), (share, parts) => {
        // A horizontal line across the box's right edge at x = 120.61, `share` of it inside, split into `parts` segments.
        const start = 120.61 - share * 0.008;
        const end = start + 0.008;
        const points = Array.from({ length: parts + 1 }, (_, i): [number, number] => [start + ((end - start) * i) / parts, 28.005]);
        expect(Math.abs(shareOfLineInside(points, box.geometry) - share)).toBeLessThanOrEqual(1 / 16 + 1e-9);
      }),
    );
  });
});

describe('communitiesWithRoute', () => {
  const boundaries = [square('a', 120.6, 28), square('b', 120.61, 28)];

  it('counts a route for the community it names, wherever it is drawn', () => {
    expect(communitiesWithRoute([route([[121, 29], [121.01, 29]], 'b')], boundaries)).toEqual(new Set(['b']));
  });

  it('counts a route without community for the community holding most of its length', () => {
    expect(communitiesWithRoute([route([[120.601, 28.005], [120.612, 28.005]])], boundaries)).toEqual(new Set(['a']));
    expect(communitiesWithRoute([route([[120.608, 28.005], [120.619, 28.005]])], boundaries)).toEqual(new Set(['b']));
    expect(communitiesWithRoute([route([[121, 29], [121.01, 29]])], boundaries)).toEqual(new Set());
    expect(communitiesWithRoute([route([[120.601, 28.005], [120.612, 28.005]])])).toEqual(new Set());
  });

  it('never counts road works, centres or sites, and does not depend on the order of features', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom(...FEATURE_KINDS), community: fc.constantFrom(null, 'a', 'b'), x: fc.double({ min: 120.595, max: 120.625, noNaN: true }) }), { maxLength: 6 }),
        (specs) => {
          const features = specs.map(({ kind, community, x }) => route([[x, 28.005], [x + 0.002, 28.006]], community, kind));
          const codes = communitiesWithRoute(features, boundaries);
          expect(communitiesWithRoute([...features].reverse(), boundaries)).toEqual(codes);
          const routes = features.filter((feature) => feature.properties.kind === 'landscape_route');
          expect(communitiesWithRoute(routes, boundaries)).toEqual(codes);
          for (const feature of routes) {
            const code = feature.properties.community ?? (feature.geometry.type === 'LineString' ? communityOfLine(feature.geometry.coordinates, boundaries) : null);
            if (code) expect(codes.has(code)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('communityOfShape', () => {
  const boundaries = [square('a', 120.6, 28), square('b', 120.61, 28)];

  it('gives a point the community holding it and a line the one holding most of its length, null outside every boundary', () => {
    expect(communityOfShape({ type: 'Point', coordinates: [120.605, 28.005] }, boundaries)).toBe('a');
    expect(communityOfShape({ type: 'Point', coordinates: [120.615, 28.005] }, boundaries)).toBe('b');
    expect(communityOfShape({ type: 'Point', coordinates: [121, 29] }, boundaries)).toBeNull();
    expect(communityOfShape({ type: 'LineString', coordinates: [[120.608, 28.005], [120.619, 28.005]] }, boundaries)).toBe('b');
  });

  it('agrees with communitiesWithRoute for a route naming no community (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 120.595, max: 120.625, noNaN: true }), (x) => {
        const coordinates: [number, number][] = [[x, 28.005], [x + 0.004, 28.006]];
        const code = communityOfShape({ type: 'LineString', coordinates }, boundaries);
        expect(communitiesWithRoute([route(coordinates)], boundaries)).toEqual(new Set(code === null ? [] : [code]));
      }),
    );
  });
});
