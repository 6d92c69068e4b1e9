import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { InputError, buildAdjacency, graphPairs, gridMosaic, sharedBorders, voronoiMosaic } from '../../../src/core/index.ts';
import { box } from './helpers.ts';

describe('sharedBorders()', () => {
  it('sharedBorders() merges consecutive shared segments into one line', () => {
    const geometries = gridMosaic({ columns: 2, rows: 1, extraVertices: 3 }).features.map((feature) => feature.geometry);
    const [border] = sharedBorders(geometries, [[1, 0]]);
    expect(border).toMatchObject({ a: 0, b: 1 });
    expect(border!.geometry.type).toBe('MultiLineString');
    expect(border!.geometry.coordinates).toHaveLength(1);
    // The shared side: 4 segments, 5 points, from one grid corner to the other.
    expect(border!.geometry.coordinates[0]).toHaveLength(5);
    const xs = border!.geometry.coordinates[0]!.map(([x]) => x);
    expect(new Set(xs).size).toBe(1);
    expect(border!.lengthMeters).toBeCloseTo(554.1, 0);
  });

  it('sharedBorders() gives the same lengths as buildAdjacency() for every edge', () => {
    const geometries = voronoiMosaic(300, 7).features.map((feature) => feature.geometry);
    for (const toleranceMeters of [0, 1]) {
      const { graph } = buildAdjacency(geometries, { toleranceMeters, minSharedMeters: 0, mode: 'queen' });
      const edges = graphPairs(graph);
      const borders = sharedBorders(geometries, edges.map(([a, b]) => [a, b] as const), { toleranceMeters });
      expect(borders).toHaveLength(edges.length);
      borders.forEach((border, i) => {
        expect([border.a, border.b]).toEqual([edges[i]![0], edges[i]![1]]);
        expect(border.lengthMeters).toBeCloseTo(edges[i]![2], 6);
        if (border.lengthMeters > 0) expect(border.geometry.coordinates.length).toBeGreaterThan(0);
      });
    }
  });

  it('sharedBorders() joins the pieces of a T-junction into one line along the shared side', () => {
    const geometries = gridMosaic({ columns: 1, rows: 2, extraVertices: 2, tJunctions: true }).features.map((feature) => feature.geometry);
    const [border] = sharedBorders(geometries, [[0, 1]], { toleranceMeters: 0 });
    expect(border!.geometry.coordinates).toHaveLength(1);
    expect(border!.geometry.coordinates[0]).toHaveLength(4);
    expect(border!.lengthMeters).toBeCloseTo(492.2, 0);
  });

  it('sharedBorders() gives a corner contact no lines and length 0', () => {
    const [border] = sharedBorders([box(0, 0, 1, 1), box(1, 1, 2, 2)], [[0, 1]]);
    expect(border).toEqual({ a: 0, b: 1, lengthMeters: 0, geometry: { type: 'MultiLineString', coordinates: [] } });
  });

  it('sharedBorders() follows a border matched only within the tolerance, on one of the two boundaries', () => {
    const gap = 0.0000057 / 0.001;
    const geometries = [box(0, 0, 1, 1), box(1 + gap, 0, 2, 1)];
    expect(sharedBorders(geometries, [[0, 1]], { toleranceMeters: 0 })[0]!.lengthMeters).toBe(0);
    const [border] = sharedBorders(geometries, [[0, 1]]);
    expect(border!.lengthMeters).toBeCloseTo(110.8, 0);
    expect(border!.geometry.coordinates).toHaveLength(1);
  });

  it('sharedBorders() returns one entry per distinct pair, normalized to a < b, in first-seen order', () => {
    const geometries: Polygon[] = [box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)];
    const borders = sharedBorders(geometries, [[2, 1], [0, 1], [1, 2], [0, 2]]);
    expect(borders.map(({ a, b }) => [a, b])).toEqual([[1, 2], [0, 1], [0, 2]]);
    expect(borders[2]!.lengthMeters).toBe(0);
    expect(sharedBorders(geometries, [])).toEqual([]);
  });

  it('sharedBorders() rejects pairs that are not two different feature indices', () => {
    const geometries = [box(0, 0, 1, 1), box(1, 0, 2, 1)];
    expect(() => sharedBorders(geometries, [[0, 0]])).toThrow(InputError);
    expect(() => sharedBorders(geometries, [[0, 2]])).toThrow(/pairs\[0\]/);
    expect(() => sharedBorders(geometries, [[0, 1.5] as unknown as [number, number]])).toThrow(InputError);
  });
});
