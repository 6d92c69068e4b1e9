import { area } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { readFileSync } from 'node:fs';
import type { MultiLineString, MultiPolygon, Polygon } from 'geojson';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { borderZones } from '../../../src/core/contiguity/border-zones.ts';
import { clusterOutline } from '../../../src/core/contiguity/cluster-outline.ts';
import { labelPoint, unitMetrics } from '../../../src/core/metrics.ts';
import { parseBoundaries } from '../../../src/core/parse/boundaries.ts';
import { gridMosaic, voronoiMosaic } from '../../support/mosaics.ts';

const square = (x: number, y: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
});

describe('unitMetrics', () => {
  test('labelPoint() is the label point unitMetrics gives, for polygons and multipolygons of any parts', () => {
    const cells = voronoiMosaic(60, 3).features.map((f) => f.geometry.coordinates);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: cells.length - 1 }), { minLength: 1, maxLength: 5 }), fc.boolean(), (picked, asPolygon) => {
        const geometry: Polygon | MultiPolygon = asPolygon && picked.length === 1 ? { type: 'Polygon', coordinates: cells[picked[0]!]! } : { type: 'MultiPolygon', coordinates: picked.map((k) => cells[k]!) };
        const metrics = unitMetrics([geometry]);
        expect(labelPoint(geometry)).toEqual([metrics.labelPoints[0], metrics.labelPoints[1]]);
      }),
      { seed: 18 },
    );
    expect(labelPoint({ type: 'MultiPolygon', coordinates: [] })).toBeUndefined();
    expect(Array.from(unitMetrics([{ type: 'MultiPolygon', coordinates: [] }]).labelPoints)).toEqual([NaN, NaN]);
  });

  test('unitMetrics gives geodesic areas, bboxes (w, s, e, n) and label points inside every cell', () => {
    const mosaic = voronoiMosaic(200, 7);
    const geometries = mosaic.features.map((f) => f.geometry);
    const metrics = unitMetrics(geometries);
    geometries.forEach((geometry, i) => {
      expect(metrics.areaM2[i]).toBeCloseTo(area(geometry), 6);
      const xs = geometry.coordinates[0]!.map((p) => p[0]!);
      const ys = geometry.coordinates[0]!.map((p) => p[1]!);
      expect([...metrics.bboxes.subarray(4 * i, 4 * i + 4)]).toEqual([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
      const label = [metrics.labelPoints[2 * i]!, metrics.labelPoints[2 * i + 1]!];
      expect(booleanPointInPolygon(label, geometry)).toBe(true);
      expect(metrics.population[i]).toBeNaN();
    });
  });

  test('unitMetrics puts the label point inside each of the 171 embedded Lucheng communities', () => {
    const set = parseBoundaries(readFileSync(new URL('../../../data/lucheng/communities.geojson', import.meta.url), 'utf8'));
    const metrics = unitMetrics(set.features.map((f) => f.geometry));
    set.features.forEach((feature, i) => {
      expect(booleanPointInPolygon([metrics.labelPoints[2 * i]!, metrics.labelPoints[2 * i + 1]!], feature.geometry)).toBe(true);
    });
  });

  test('unitMetrics keeps label points out of holes and in the largest part of a MultiPolygon', () => {
    const withHole: Polygon = { type: 'Polygon', coordinates: [square(120, 28, 0.03).coordinates[0]!, square(120.01, 28.01, 0.01).coordinates[0]!.slice().reverse()] };
    const islands: MultiPolygon = { type: 'MultiPolygon', coordinates: [square(121, 28, 0.001).coordinates, square(121.1, 28, 0.02).coordinates] };
    const metrics = unitMetrics([withHole, islands]);
    const hole = square(120.01, 28.01, 0.01);
    expect(booleanPointInPolygon([metrics.labelPoints[0]!, metrics.labelPoints[1]!], withHole)).toBe(true);
    expect(booleanPointInPolygon([metrics.labelPoints[0]!, metrics.labelPoints[1]!], hole)).toBe(false);
    expect(metrics.labelPoints[2]).toBeGreaterThan(121.1);
    expect([...metrics.bboxes.subarray(4, 8)]).toEqual([121, 28, 121.1 + 0.02, 28 + 0.02]);
    expect(metrics.areaM2[0]).toBeCloseTo(area(withHole), 6);
  });

  test('unitMetrics reads population with null and missing entries as unknown', () => {
    const cells = [square(120, 28, 0.01), square(120.01, 28, 0.01), square(120.02, 28, 0.01)];
    expect([...unitMetrics(cells, [1200, null, Number.NaN]).population]).toEqual([1200, Number.NaN, Number.NaN]);
    expect([...unitMetrics(cells, [5]).population]).toEqual([5, Number.NaN, Number.NaN]);
  });

  test('unitMetrics with `only` gives every chosen unit its full figures and the others NaN, population for all', () => {
    const geometries = voronoiMosaic(60, 3).features.map((f) => f.geometry);
    const population = geometries.map((_, i) => i * 10);
    const all = unitMetrics(geometries, population);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: geometries.length, maxLength: geometries.length, max: 1 }), (only) => {
        const some = unitMetrics(geometries, population, { only });
        expect([...some.population]).toEqual([...all.population]);
        geometries.forEach((_, i) => {
          const figures = (m: typeof all) => [m.areaM2[i], ...m.bboxes.subarray(4 * i, 4 * i + 4), ...m.labelPoints.subarray(2 * i, 2 * i + 2)];
          if (only[i]) expect(figures(some)).toEqual(figures(all));
          else expect(figures(some).every(Number.isNaN)).toBe(true);
        });
      }),
      { numRuns: 20 },
    );
  });

  test('unitMetrics of a geometry without coordinates gives NaN figures instead of throwing', () => {
    const metrics = unitMetrics([{ type: 'MultiPolygon', coordinates: [] }]);
    expect(metrics.areaM2[0]).toBe(0);
    expect([...metrics.bboxes]).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    expect([...metrics.labelPoints]).toEqual([Number.NaN, Number.NaN]);
  });
});

describe('clusterOutline', () => {
  const grid = gridMosaic({ columns: 3, rows: 3 }).features.map((f) => f.geometry);

  test('clusterOutline dissolves adjacent members into one polygon of their total area', () => {
    const outline = clusterOutline(grid, [0, 1, 3, 4]);
    expect(outline?.type).toBe('Polygon');
    expect(area(outline!)).toBeCloseTo([0, 1, 3, 4].reduce((sum, i) => sum + area(grid[i]!), 0), 0);
  });

  test('clusterOutline keeps members that only touch at a corner as separate parts', () => {
    expect(clusterOutline(grid, [0, 4])?.type).toBe('MultiPolygon');
  });

  test('clusterOutline of one member is its geometry, of none is null', () => {
    expect(clusterOutline(grid, [5])).toBe(grid[5]);
    expect(clusterOutline(grid, [])).toBeNull();
  });
});

describe('borderZones', () => {
  // A north–south border about 1.1 km long at 28° N.
  const border: MultiLineString = { type: 'MultiLineString', coordinates: [[[120.5, 28], [120.5, 28.01]]] };

  test('borderZones buffers each shared border by widthMeters on both sides and keeps the pair', () => {
    const [zone, ...rest] = borderZones([{ a: 3, b: 7, lengthMeters: 1112, geometry: border }], { widthMeters: 60 });
    expect(rest).toEqual([]);
    expect(zone!.properties).toEqual({ a: 3, b: 7, lengthMeters: 1112 });
    // Band 2 × 60 m wide plus two round caps (π × 60²), within the buffer's polygonal approximation.
    const expected = 1112 * 120 + Math.PI * 60 * 60;
    expect(Math.abs(area(zone!.geometry) - expected) / expected).toBeLessThan(0.02);
  });

  test('borderZones skips borders without line geometry (corner-only contacts)', () => {
    expect(borderZones([{ a: 0, b: 1, lengthMeters: 0, geometry: { type: 'MultiLineString', coordinates: [] } }], { widthMeters: 60 })).toEqual([]);
  });

  test('borderZones rejects a width that is not a positive number of metres', () => {
    expect(() => borderZones([], { widthMeters: 0 })).toThrow(/widthMeters is 0, expected a finite number > 0/);
  });
});
