/**
 * The generated Lucheng boundaries form a clean tiling (issue 3): no overlaps, no gaps, exact
 * shared vertices, communities inside their streets, the 21 real street pairs, real areas and
 * label points. Contiguity is measured with core's buildAdjacency (rook, ≥ 5 m) as the app does.
 */
import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { featureCollection, feature as turfFeature } from '@turf/helpers';
import union from '@turf/union';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, test } from 'vitest';
import { STREETS, streetPairCodes } from '../../scripts/lucheng/reference.ts';
import { buildAdjacency, graphPairs } from '../../src/core/index.ts';
import { exactlySharedPairs, loadLuchengData, ringsOf } from './lucheng-files.ts';

const data = loadLuchengData();
const communities = data.communities.features;
const streets = data.streets.features;
const district = data.district.features[0]!.geometry;
const km2 = (geometry: Polygon | MultiPolygon) => area(geometry) / 1e6;
const sumKm2 = communities.reduce((sum, f) => sum + km2(f.geometry), 0);
const unionKm2 = km2(union(featureCollection(communities.map((f) => turfFeature(f.geometry))))!.geometry);

describe('communities tile the district', () => {
  test('no overlaps: the union of the communities has the area of their sum', () => {
    expect(Math.abs(sumKm2 - unionKm2) / unionKm2).toBeLessThan(1e-7);
  });

  test('no gaps: the union covers the district to within 0.5 % of its area (here exactly)', () => {
    const districtKm2 = km2(district);
    expect(Math.abs(unionKm2 - districtKm2) / districtKm2).toBeLessThan(0.005);
    expect(Math.abs(unionKm2 - districtKm2) / districtKm2).toBeLessThan(1e-7);
    expect(districtKm2).toBeGreaterThan(290);
    expect(districtKm2).toBeLessThan(297);
  });

  test('every community is one Polygon without holes', () => {
    for (const f of communities) {
      expect(f.geometry.type, f.name).toBe('Polygon');
      expect((f.geometry as Polygon).coordinates, f.name).toHaveLength(1);
    }
  });

  test('neighbours share exact vertices: every rook neighbour pair shares identical segments', () => {
    const { graph, weakLinks, findings } = buildAdjacency(communities.map((f) => f.geometry), { mode: 'rook', minSharedMeters: 0, toleranceMeters: 1 });
    expect(findings).toEqual([]);
    expect(weakLinks.filter((link) => link.kind === 'short')).toEqual([]);
    const exact = exactlySharedPairs(communities.map((f) => f.geometry));
    const pairs = graphPairs(graph).map(([a, b]) => `${a}-${b}`);
    expect(pairs.length).toBeGreaterThan(400);
    expect([...exact.keys()].sort()).toEqual([...pairs].sort());
  });

  test('each community lies inside its own street', () => {
    const streetByCode = new Map(streets.map((s) => [s.id, s.geometry]));
    for (const f of communities) {
      const street = streetByCode.get(f.streetCode)!;
      const merged = union(featureCollection([turfFeature(street), turfFeature(f.geometry)]))!;
      expect(Math.abs(km2(merged.geometry) - km2(street)) / km2(street), f.name).toBeLessThan(1e-7);
    }
  });

  test('each street is the union of its communities', () => {
    for (const street of streets) {
      const members = communities.filter((f) => f.streetCode === street.id).reduce((sum, f) => sum + km2(f.geometry), 0);
      expect(Math.abs(members - km2(street.geometry)) / km2(street.geometry), street.name).toBeLessThan(1e-7);
    }
  });

  test('label points of the communities lie inside them', () => {
    for (const f of communities) {
      const point = f.properties.labelPoint as [number, number];
      expect(booleanPointInPolygon(point, f.geometry, { ignoreBoundary: true }), f.name).toBe(true);
    }
  });

  test('old-town communities are tenths of a km², mountain villages several km²', () => {
    const areaOf = (street: string) => communities.filter((f) => f.street === street).map((f) => km2(f.geometry));
    for (const street of ['五马街道', '大南街道', '蒲鞋市街道']) expect(Math.max(...areaOf(street)), street).toBeLessThan(1);
    const villages = communities.filter((f) => f.properties.kind === '村').map((f) => km2(f.geometry));
    expect(villages.reduce((a, b) => a + b, 0) / villages.length).toBeGreaterThan(2);
  });
});

describe('streets reproduce the real layout', () => {
  const { graph } = buildAdjacency(streets.map((s) => s.geometry), { mode: 'rook', minSharedMeters: 5 });

  test('exactly the 21 real neighbouring street pairs touch (rook, ≥ 5 m)', () => {
    const found = graphPairs(graph)
      .map(([a, b]) => [streets[a]!.id, streets[b]!.id].sort().join('-'))
      .sort();
    expect(found).toEqual(streetPairCodes());
  });

  test('七都 (the island in the Ou River) touches only 滨江', () => {
    const qidu = streets.findIndex((s) => s.name === '七都街道');
    const neighbours = graphPairs(graph).filter(([a, b]) => a === qidu || b === qidu).map(([a, b]) => streets[a === qidu ? b : a]!.name);
    expect(neighbours).toEqual(['滨江街道']);
  });

  test('street areas are within 20 % of the reference areas', () => {
    for (const [i, reference] of STREETS.entries()) {
      const generated = km2(streets[i]!.geometry);
      expect(Math.abs(generated / reference.areaKm2 - 1), reference.name).toBeLessThan(0.2);
    }
  });

  test('the real label point of every street lies inside its generated street', () => {
    for (const [i, reference] of STREETS.entries()) {
      expect(booleanPointInPolygon(reference.labelPoint, streets[i]!.geometry, { ignoreBoundary: true }), reference.name).toBe(true);
      expect(streets[i]!.properties.labelPoint).toEqual(reference.labelPoint);
    }
  });

  test('every street is one Polygon', () => {
    for (const s of streets) expect(s.geometry.type, s.name).toBe('Polygon');
    for (const s of streets) expect(ringsOf(s.geometry), s.name).toHaveLength(1);
  });
});
