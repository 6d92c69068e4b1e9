import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphFromPairs, type AdjacencyGraph } from '../../../src/core/contiguity/graph.ts';
import { bestContiguousSet, isConnected } from '../../../src/core/plan/best-set.ts';

interface Case {
  graph: AdjacencyGraph;
  weight: number[];
  size: number;
  must: number[];
  exclude: number[];
}

/** Small random graphs (up to 11 nodes) with integer weights 0…12 and random constraints. */
const smallCase: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 11 }).chain((n) =>
  fc
    .record({
      pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 * n }),
      weight: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: n, maxLength: n }),
      size: fc.integer({ min: 1, max: n }),
      must: fc.uniqueArray(fc.nat(n - 1), { maxLength: 2 }),
      exclude: fc.uniqueArray(fc.nat(n - 1), { maxLength: 2 }),
    })
    .map(({ pairs, ...rest }) => ({ graph: graphFromPairs(n, pairs), ...rest })),
);

/** The oracle: every K-subset, kept when connected and within the constraints; the heaviest weight, or null. */
function bruteForce({ graph, weight, size, must, exclude }: Case): number | null {
  let best: number | null = null;
  const n = graph.nodeCount;
  for (let mask = 0; mask < 1 << n; mask++) {
    const nodes = Array.from({ length: n }, (_, v) => v).filter((v) => mask & (1 << v));
    if (nodes.length !== size) continue;
    if (must.some((v) => !(mask & (1 << v))) || exclude.some((v) => mask & (1 << v))) continue;
    if (!isConnected(graph, nodes)) continue;
    const total = nodes.reduce((s, v) => s + weight[v]!, 0);
    if (best === null || total > best) best = total;
  }
  return best;
}

describe('bestContiguousSet', () => {
  it('bestContiguousSet() equals brute force over all connected K-sets and returns a connected set within the constraints', () => {
    fc.assert(
      fc.property(smallCase, (c) => {
        const result = bestContiguousSet(c.graph, c);
        const oracle = bruteForce(c);
        expect(result.optimal).toBe(true);
        if (oracle === null) {
          expect(result.feasible).toBe(false);
          expect(result.members).toEqual([]);
          return;
        }
        expect(result.feasible).toBe(true);
        expect(result.objective).toBe(oracle);
        expect(result.bound).toBe(oracle);
        expect(result.members).toHaveLength(c.size);
        expect(result.contiguous).toBe(true);
        expect(isConnected(c.graph, result.members)).toBe(true);
        expect(result.members.reduce((s, v) => s + c.weight[v]!, 0)).toBe(result.objective);
        for (const v of c.must) expect(result.members).toContain(v);
        for (const v of c.exclude) expect(result.members).not.toContain(v);
      }),
      { numRuns: 400 },
    );
  });

  it('bestContiguousSet() with a must-include node already in the unconstrained best set returns that same set (issue 16: plan --must X)', () => {
    fc.assert(
      fc.property(smallCase, (c) => {
        const free = bestContiguousSet(c.graph, { ...c, must: [], exclude: [] });
        if (!free.feasible) return;
        for (const v of free.members) expect(bestContiguousSet(c.graph, { ...c, must: [v], exclude: [] }).members).toEqual(free.members);
        // Excluding a node outside the best set changes nothing either.
        const outside = Array.from({ length: c.graph.nodeCount }, (_, v) => v).find((v) => !free.members.includes(v));
        if (outside !== undefined) expect(bestContiguousSet(c.graph, { ...c, must: [], exclude: [outside] }).members).toEqual(free.members);
      }),
      { numRuns: 300 },
    );
  });

  it('bestContiguousSet() stopped early is never optimal and its bound is no less than the true optimum', () => {
    fc.assert(
      fc.property(smallCase, fc.integer({ min: 1, max: 5 }), (c, stopAfter) => {
        let calls = 0;
        // Stops at the first check: a search that needed no check at all finished and may say optimal.
        const result = bestContiguousSet(c.graph, { ...c, shouldStop: () => ++calls >= stopAfter });
        const oracle = bruteForce(c);
        if (result.optimal) {
          expect(calls).toBeLessThan(stopAfter);
          expect(result.objective).toBe(oracle ?? 0);
        } else {
          expect(result.bound).toBeGreaterThanOrEqual(oracle ?? 0);
          expect(result.objective).toBeLessThanOrEqual(result.bound);
          if (result.members.length > 0) expect(isConnected(c.graph, result.members)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('bestContiguousSet() stopped on a grid reports optimal: false with a bound at least the proven optimum', () => {
    // 12 × 12 grid with weights that make the search branch: the search is stopped after its first check.
    const side = 12;
    const pairs: [number, number][] = [];
    for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) {
      if (c + 1 < side) pairs.push([r * side + c, r * side + c + 1]);
      if (r + 1 < side) pairs.push([r * side + c, (r + 1) * side + c]);
    }
    const graph = graphFromPairs(side * side, pairs);
    const weight = Array.from({ length: side * side }, (_, v) => (v * 7919) % 13);
    const full = bestContiguousSet(graph, { size: 10, weight });
    const stopped = bestContiguousSet(graph, { size: 10, weight, shouldStop: () => true });
    expect(full.optimal).toBe(true);
    expect(stopped.optimal).toBe(false);
    expect(stopped.bound).toBeGreaterThanOrEqual(full.objective);
    expect(stopped.objective).toBeLessThanOrEqual(full.objective);
  });

  it('bestContiguousSet() names must-include nodes that cannot be joined within K as infeasible', () => {
    const graph = graphFromPairs(5, [[0, 1], [1, 2], [2, 3], [3, 4]]);
    const result = bestContiguousSet(graph, { size: 3, weight: [1, 1, 1, 1, 1], must: [0, 4] });
    expect(result).toMatchObject({ feasible: false, optimal: true, members: [] });
  });

  it('bestContiguousSet() rejects a size below 1 and negative weights', () => {
    const graph = graphFromPairs(2, [[0, 1]]);
    expect(() => bestContiguousSet(graph, { size: 0, weight: [1, 1] })).toThrow(RangeError);
    expect(() => bestContiguousSet(graph, { size: 1, weight: [1, -1] })).toThrow(RangeError);
  });
});
