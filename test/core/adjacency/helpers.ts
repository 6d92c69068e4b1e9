/** Small builders and graph checks shared by the adjacency tests. */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { expect } from 'vitest';
import { graphPairs, type AdjacencyGraph } from '../../../src/core/index.ts';

export const X0 = 120.6;
export const Y0 = 28.0;
/** Cell size of the hand-made cases in degrees (about 98 m east-west, 111 m north-south here). */
export const CELL = 0.001;

/** A position `x`, `y` cells from (X0, Y0). */
export function at(x: number, y: number): Position {
  return [Math.round((X0 + x * CELL) * 1e9) / 1e9, Math.round((Y0 + y * CELL) * 1e9) / 1e9];
}

/** A closed ring through the given cell positions (x0, y0, x1, y1, …). */
export function ring(...xy: number[]): Position[] {
  const points: Position[] = [];
  for (let i = 0; i < xy.length; i += 2) points.push(at(xy[i]!, xy[i + 1]!));
  points.push(points[0]!);
  return points;
}

/** An axis-aligned box polygon in cell units, counter-clockwise. */
export function box(x0: number, y0: number, x1: number, y1: number): Polygon {
  return { type: 'Polygon', coordinates: [ring(x0, y0, x1, y0, x1, y1, x0, y1)] };
}

/** Undirected edges as "a-b" strings (a < b), sorted. */
export function edgeKeys(graph: AdjacencyGraph): string[] {
  return graphPairs(graph).map(([a, b]) => `${a}-${b}`);
}

/** Edge lengths by "a-b" key. */
export function edgeLengths(graph: AdjacencyGraph): Map<string, number> {
  return new Map(graphPairs(graph).map(([a, b, meters]) => [`${a}-${b}`, meters]));
}

/** CSR invariants: offsets monotone, rows sorted and unique, no self loops, every edge mirrored with the same length. */
export function expectWellFormed(graph: AdjacencyGraph): void {
  const { nodeCount, offsets, neighbors, sharedMeters } = graph;
  expect(offsets.length).toBe(nodeCount + 1);
  expect(offsets[0]).toBe(0);
  expect(offsets[nodeCount]).toBe(neighbors.length);
  expect(sharedMeters.length).toBe(neighbors.length);
  for (let a = 0; a < nodeCount; a++) {
    for (let k = offsets[a]!; k < offsets[a + 1]!; k++) {
      const b = neighbors[k]!;
      if (b === a) throw new Error(`self loop at ${a}`);
      if (k > offsets[a]! && neighbors[k - 1]! >= b) throw new Error(`row ${a} not sorted/unique`);
      let found = -1;
      for (let m = offsets[b]!; m < offsets[b + 1]!; m++) if (neighbors[m] === a) found = m;
      if (found < 0) throw new Error(`edge ${a}-${b} not mirrored`);
      if (sharedMeters[found] !== sharedMeters[k]) throw new Error(`edge ${a}-${b} lengths differ`);
    }
  }
}

/** Maps every coordinate of a geometry. */
export function mapGeometry<G extends Polygon | MultiPolygon>(geometry: G, fn: (ring: Position[], index: number) => Position[]): G {
  let index = 0;
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map((r) => fn(r, index++)) } as G;
  return { type: 'MultiPolygon', coordinates: (geometry as MultiPolygon).coordinates.map((rings) => rings.map((r) => fn(r, index++))) } as G;
}

/** The grid's rook (4) or queen (8) neighbour pairs as "a-b" keys, cells indexed row by row. */
export function gridNeighbourKeys(columns: number, rows: number, queen: boolean): string[] {
  const keys: string[] = [];
  const id = (r: number, c: number) => r * columns + c;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const offsets = queen ? [[0, 1], [1, -1], [1, 0], [1, 1]] : [[0, 1], [1, 0]];
      for (const [dr, dc] of offsets) {
        const r2 = r + dr!;
        const c2 = c + dc!;
        if (r2 < rows && c2 >= 0 && c2 < columns) {
          const a = id(r, c);
          const b = id(r2, c2);
          keys.push(`${Math.min(a, b)}-${Math.max(a, b)}`);
        }
      }
    }
  }
  return keys.sort(compareKeys);
}

/** Sort order of graphPairs (by a, then b). */
export function compareKeys(p: string, q: string): number {
  const [a1, b1] = p.split('-').map(Number) as [number, number];
  const [a2, b2] = q.split('-').map(Number) as [number, number];
  return a1 - a2 || b1 - b2;
}
