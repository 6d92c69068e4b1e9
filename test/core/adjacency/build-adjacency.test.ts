import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { InputError, buildAdjacency, graphFromEdgeArrays, graphFromPairs, sharedLength } from '../../../src/core/index.ts';
import { MetricScale } from '../../../src/core/adjacency/metric-scale.ts';
import { box, edgeKeys, expectWellFormed, ring } from './helpers.ts';

const exact = { toleranceMeters: 0, minSharedMeters: 0 } as const;

describe('buildAdjacency()', () => {
  it('buildAdjacency() links polygons that share a side, with its length in metres', () => {
    const { graph, weakLinks } = buildAdjacency([box(0, 0, 1, 1), box(1, 0, 2, 1)]);
    expectWellFormed(graph);
    expect(edgeKeys(graph)).toEqual(['0-1']);
    // 0.001° of latitude at 28° N on the WGS84 ellipsoid.
    expect(sharedLength(graph, 0, 1)).toBeCloseTo(110.82, 1);
    expect(weakLinks).toEqual([]);
  });

  it('buildAdjacency() does not link polygons that touch at one point', () => {
    const geometries = [box(0, 0, 1, 1), box(1, 1, 2, 2)];
    const rook = buildAdjacency(geometries, exact);
    expect(edgeKeys(rook.graph)).toEqual([]);
    expect(rook.weakLinks).toEqual([{ a: 0, b: 1, kind: 'corner', sharedMeters: 0 }]);
  });

  it('buildAdjacency() in queen mode links polygons that touch at one point, with length 0', () => {
    const { graph } = buildAdjacency([box(0, 0, 1, 1), box(1, 1, 2, 2)], { mode: 'queen' });
    expect(edgeKeys(graph)).toEqual(['0-1']);
    expect(sharedLength(graph, 0, 1)).toBe(0);
    expect(graph.mode).toBe('queen');
  });

  it('buildAdjacency() does not count corner touches as rook even with a large tolerance', () => {
    const { graph, weakLinks } = buildAdjacency([box(0, 0, 1, 1), box(1, 1, 2, 2)], { toleranceMeters: 20, minSharedMeters: 0 });
    expect(edgeKeys(graph)).toEqual([]);
    expect(weakLinks.map((link) => link.kind)).toEqual(['corner']);
  });

  it('buildAdjacency() does not count a corner with a 1 m digitizing offset as rook', () => {
    // B's corner is 0.5 m away from A's corner, diagonally: a queen contact within the tolerance.
    const b: Polygon = { type: 'Polygon', coordinates: [ring(1.004, 1.004, 2, 1.004, 2, 2, 1.004, 2)] };
    const { graph, weakLinks } = buildAdjacency([box(0, 0, 1, 1), b], { toleranceMeters: 1, minSharedMeters: 0 });
    expect(edgeKeys(graph)).toEqual([]);
    expect(weakLinks).toEqual([{ a: 0, b: 1, kind: 'corner', sharedMeters: 0 }]);
  });

  it('buildAdjacency() links a T-junction where only one side has the vertex', () => {
    const { graph } = buildAdjacency([box(0, 0, 2, 1), box(0, 1, 1, 2), box(1, 1, 2, 2)], exact);
    expect(edgeKeys(graph)).toEqual(['0-1', '0-2', '1-2']);
    expect(sharedLength(graph, 0, 1)).toBeCloseTo(sharedLength(graph, 0, 2)!, 6);
  });

  it('buildAdjacency() measures a collinear partial overlap without shared vertices', () => {
    const { graph } = buildAdjacency([box(0, 0, 1, 1), box(0.5, 1, 1.5, 2)], exact);
    expect(edgeKeys(graph)).toEqual(['0-1']);
    // Half of 0.001° of longitude at 28° N.
    expect(sharedLength(graph, 0, 1)).toBeCloseTo(49.18, 1);
  });

  it('buildAdjacency() finds a third polygon touching a T-junction point', () => {
    // A is long at the bottom; B and C sit on it; D is a triangle whose apex touches A's top side
    // exactly where B and C meet (A has no vertex there): D touches A at one point.
    const d: Polygon = { type: 'Polygon', coordinates: [ring(1, 1, 1.5, 2, 0.5, 2)] };
    const b: Polygon = { type: 'Polygon', coordinates: [ring(0, 1, 1, 1, 0.5, 2, 0, 2)] };
    const c: Polygon = { type: 'Polygon', coordinates: [ring(1, 1, 2, 1, 2, 2, 1.5, 2)] };
    const { graph, weakLinks } = buildAdjacency([box(0, 0, 2, 1), b, c, d], exact);
    expect(edgeKeys(graph)).toEqual(['0-1', '0-2', '1-3', '2-3']);
    expect(weakLinks).toEqual([
      { a: 0, b: 3, kind: 'corner', sharedMeters: 0 },
      { a: 1, b: 2, kind: 'corner', sharedMeters: 0 },
    ]);
  });

  it('buildAdjacency() links a vertex lying on another polygon\'s side as a corner', () => {
    // B's corner touches the middle of A's right side from outside.
    const b: Polygon = { type: 'Polygon', coordinates: [ring(1, 0.5, 2, 0, 2, 1)] };
    const { graph, weakLinks } = buildAdjacency([box(0, 0, 1, 1), b], { mode: 'queen', toleranceMeters: 0 });
    expect(edgeKeys(graph)).toEqual(['0-1']);
    expect(weakLinks).toEqual([{ a: 0, b: 1, kind: 'corner', sharedMeters: 0 }]);
  });

  it('buildAdjacency() keeps every owner of a segment shared by three and reports it', () => {
    const { graph, findings } = buildAdjacency([box(0, 0, 1, 1), box(0, 1, 1, 2), box(0, 1, 1, 1.5)], exact);
    expect(edgeKeys(graph)).toEqual(['0-1', '0-2', '1-2']);
    expect(findings.find((finding) => finding.kind === 'shared-by-three')?.units).toEqual([0, 1, 2]);
    expect(findings.find((finding) => finding.kind === 'overlap')?.units).toEqual([1, 2]);
  });

  it('buildAdjacency() links a polygon inside a hole to the holed polygon', () => {
    const holed: Polygon = { type: 'Polygon', coordinates: [ring(0, 0, 3, 0, 3, 3, 0, 3), ring(1, 1, 1, 2, 2, 2, 2, 1)] };
    const { graph, findings } = buildAdjacency([holed, box(1, 1, 2, 2)], exact);
    expect(edgeKeys(graph)).toEqual(['0-1']);
    expect(sharedLength(graph, 0, 1)).toBeCloseTo(2 * 110.82 + 2 * 98.36, 0);
    expect(findings).toEqual([]);
  });

  it('buildAdjacency() links each part of a MultiPolygon and leaves a lone island as a singleton', () => {
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [box(0, 0, 1, 1).coordinates, box(5, 0, 6, 1).coordinates] };
    const { graph, findings } = buildAdjacency([multi, box(1, 0, 2, 1), box(6, 0, 7, 1), box(9, 0, 10, 1)]);
    expect(edgeKeys(graph)).toEqual(['0-1', '0-2']);
    expect(graph.offsets[4]! - graph.offsets[3]!).toBe(0);
    expect(findings.map((finding) => [finding.kind, finding.units])).toEqual([['multipart', [0]]]);
  });

  it('buildAdjacency() finds a sliver gap only with a tolerance, and reports it', () => {
    const gap = 0.0000057 / 0.001; // 0.56 m of longitude, in cells
    const geometries = [box(0, 0, 1, 1), box(1 + gap, 0, 2, 1)];
    expect(edgeKeys(buildAdjacency(geometries, exact).graph)).toEqual([]);
    const { graph, findings } = buildAdjacency(geometries, { toleranceMeters: 1 });
    expect(edgeKeys(graph)).toEqual(['0-1']);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'gap', units: [0, 1] });
    expect(findings[0]!.message).toContain('缝隙');
  });

  it('buildAdjacency() ignores a gap wider than the tolerance', () => {
    const gap = 0.00002 / 0.001; // about 2 m
    expect(edgeKeys(buildAdjacency([box(0, 0, 1, 1), box(1 + gap, 0, 2, 1)], { toleranceMeters: 1, mode: 'queen' }).graph)).toEqual([]);
  });

  it('buildAdjacency() reports polygons overlapping along their border', () => {
    const overlap = 0.0000057 / 0.001;
    const { graph, findings } = buildAdjacency([box(0, 0, 1, 1), box(1 - overlap, 0, 2, 1)]);
    expect(edgeKeys(graph)).toEqual(['0-1']);
    expect(findings.map((finding) => finding.kind)).toEqual(['overlap']);
    expect(findings[0]!.message).toMatch(/^社区 0 与 1 之间的边界重叠约 \d+ 米（宽约 0\.6 米）$/);
  });

  it('buildAdjacency() reports polygons whose boundaries cross as overlapping, linked at a point', () => {
    const { graph, weakLinks, findings } = buildAdjacency([box(0, 0, 1, 1), box(0.5, 0.5, 1.5, 1.5)], { mode: 'queen' });
    expect(edgeKeys(graph)).toEqual(['0-1']);
    expect(weakLinks).toEqual([{ a: 0, b: 1, kind: 'corner', sharedMeters: 0 }]);
    expect(findings).toEqual([{ kind: 'overlap', units: [0, 1], message: '社区 0 与 1 的边界相交 2 处，两者范围重叠', location: expect.any(Array) }]);
  });

  it('buildAdjacency() reports a border shorter than minSharedMeters as a short weak link', () => {
    const geometries = [box(0, 0, 1, 1), box(1, 0.973, 2, 1.973)];
    const rook = buildAdjacency(geometries);
    expect(edgeKeys(rook.graph)).toEqual([]);
    expect(rook.weakLinks).toHaveLength(1);
    expect(rook.weakLinks[0]).toMatchObject({ a: 0, b: 1, kind: 'short' });
    expect(rook.weakLinks[0]!.sharedMeters).toBeCloseTo(2.99, 1);
    expect(edgeKeys(buildAdjacency(geometries, { minSharedMeters: 0 }).graph)).toEqual(['0-1']);
    const queen = buildAdjacency(geometries, { mode: 'queen' });
    expect(sharedLength(queen.graph, 0, 1)).toBeCloseTo(2.99, 1);
    expect(queen.weakLinks).toEqual(rook.weakLinks);
  });

  it('buildAdjacency() on empty input gives an empty graph', () => {
    const { graph, weakLinks, findings } = buildAdjacency([]);
    expect(graph.nodeCount).toBe(0);
    expect(Array.from(graph.offsets)).toEqual([0]);
    expect(weakLinks).toEqual([]);
    expect(findings).toEqual([]);
  });

  it('buildAdjacency() never throws on broken geometry and reports it', () => {
    const broken = [
      null,
      { type: 'Point', coordinates: [120.6, 28] },
      { type: 'Polygon', coordinates: [] },
      { type: 'Polygon', coordinates: [[]] },
      { type: 'Polygon', coordinates: [[[120.6, 28], [120.6, 28], [120.6, 28], [120.6, 28]]] },
      { type: 'Polygon', coordinates: [[[NaN, 28], [120.601, 28], [120.601, 28.001], ['x', 1], [120.6, 28.001]]] },
      { type: 'MultiPolygon', coordinates: [[[null]]] },
      { type: 'Polygon', coordinates: [[[120.6, 28], [120.601, 28], [120.6, 28], [120.601, 28]]] },
      box(1, 0, 2, 1),
    ] as unknown as Polygon[];
    const { graph, findings } = buildAdjacency(broken, { mode: 'queen' });
    expectWellFormed(graph);
    expect(graph.nodeCount).toBe(broken.length);
    expect(findings.every((finding) => finding.kind === 'invalid-ring')).toBe(true);
    expect(findings.map((finding) => finding.units[0])).toEqual([1, 4, 5, 6, 7]);
  });

  it('buildAdjacency() checks its options once at the entry', () => {
    expect(() => buildAdjacency([], { mode: 'bishop' as 'rook' })).toThrow(InputError);
    expect(() => buildAdjacency([], { toleranceMeters: -1 })).toThrow(/toleranceMeters/);
    expect(() => buildAdjacency([], { minSharedMeters: Number.NaN })).toThrow(/minSharedMeters/);
    expect(() => buildAdjacency({} as Polygon[])).toThrow(InputError);
  });

  it('buildAdjacency() results survive structured cloning (worker transfer)', () => {
    const result = buildAdjacency([box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 1, 3, 2)]);
    expect(structuredClone(result)).toEqual(result);
  });
});

describe('graphFromPairs()', () => {
  it('graphFromPairs() keeps every neighbour when a row arrives unsorted', () => {
    const graph = graphFromPairs(6, [[0, 5, 1], [0, 1, 2], [3, 0, 3], [0, 5, 4]]);
    expectWellFormed(graph);
    expect(Array.from(graph.neighbors.subarray(graph.offsets[0]!, graph.offsets[1]!))).toEqual([1, 3, 5]);
    expect(Array.from(graph.sharedMeters.subarray(graph.offsets[0]!, graph.offsets[1]!))).toEqual([2, 3, 4]);
  });
});

describe('graphFromEdgeArrays()', () => {
  it('graphFromEdgeArrays() builds the same CSR as graphFromPairs()', () => {
    const pairs: [number, number, number][] = [];
    for (let i = 0; i < 60; i++) pairs.push([i % 7, (i * 13 + 5) % 50 === i % 7 ? 49 : (i * 13 + 5) % 50, i]);
    const unique = [...new Map(pairs.map((pair) => [`${Math.min(pair[0], pair[1])}-${Math.max(pair[0], pair[1])}`, pair])).values()];
    const fromPairs = graphFromPairs(50, unique);
    const fromArrays = graphFromEdgeArrays(50, unique.map((p) => p[0]), unique.map((p) => p[1]), unique.map((p) => p[2]), unique.length);
    expect(fromArrays).toEqual(fromPairs);
  });

  it('graphFromEdgeArrays() sorts rows longer than 32 neighbours', () => {
    const count = 100;
    const a = Array.from({ length: count }, () => 0);
    const b = Array.from({ length: count }, (_, i) => count - i);
    const graph = graphFromEdgeArrays(count + 1, a, b, b, count);
    expectWellFormed(graph);
    expect(Array.from(graph.neighbors.subarray(0, count))).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });
});

describe('MetricScale', () => {
  it('MetricScale gives the WGS84 length of a degree at any latitude', () => {
    // The classic series for the length of a degree on WGS84 (latitude, then longitude), as an
    // independent reference: 111 132.954 − 559.822 cos 2φ + 1.175 cos 4φ, and
    // 111 412.84 cos φ − 93.5 cos 3φ + 0.118 cos 5φ.
    const rad = Math.PI / 180;
    for (const degrees of [0, 10, 28, 45, 60, 70]) {
      const phi = degrees * rad;
      const scale = new MetricScale((degrees - 1) * 1e7, (degrees + 1) * 1e7);
      const latitude = 111_132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
      const longitude = 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) + 0.118 * Math.cos(5 * phi);
      expect(scale.ky(degrees * 1e7) * 1e7).toBeCloseTo(latitude, 0);
      expect(scale.kx(degrees * 1e7) * 1e7).toBeCloseTo(longitude, 0);
      // A 1 km diagonal segment: the local projection agrees with the series to the millimetre.
      const dx = 0.006;
      const dy = 0.006;
      expect(scale.length(0, degrees * 1e7, dx * 1e7, (degrees + dy) * 1e7)).toBeCloseTo(Math.hypot(dx * longitude, dy * latitude), 1);
    }
  });
});
