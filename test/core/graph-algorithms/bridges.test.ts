import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readinessCost, suggestBridges, type BridgeOptions } from '../../../src/core/contiguity/bridges.ts';
import { contiguousClusters } from '../../../src/core/contiguity/clusters.ts';
import { bruteForceBridgeCost, buildGraph, componentsOf, graphCase, graphOf, gridCase, permutation, relabel, type GraphCase } from './arbitraries.ts';

const FIXTURES = new URL('../../fixtures/bridges/', import.meta.url);

interface FixtureInput {
  description: string;
  nodeCount: number;
  pairs?: [number, number][];
  /** [columns, rows]: rook grid instead of pairs. */
  grid?: [number, number];
  selected: number[];
  cost?: number[];
  options?: Pick<BridgeOptions, 'exactMaxClusters'>;
}

function gridPairs(columns: number, rows: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (c + 1 < columns) pairs.push([r * columns + c, r * columns + c + 1]);
      if (r + 1 < rows) pairs.push([r * columns + c, (r + 1) * columns + c]);
    }
  }
  return pairs;
}

function withAdded(designated: Uint8Array, added: readonly number[]): Uint8Array {
  const next = designated.slice();
  for (const v of added) next[v] = 1;
  return next;
}

describe('suggestBridges golden fixtures (test/fixtures/bridges, UPDATE=1 regenerates)', () => {
  for (const file of readdirSync(new URL('in/', FIXTURES)).filter((name) => name.endsWith('.json')).sort()) {
    test(`suggestBridges on ${file}`, () => {
      const input = JSON.parse(readFileSync(new URL(`in/${file}`, FIXTURES), 'utf8')) as FixtureInput;
      const graph = buildGraph(input.nodeCount, input.grid ? gridPairs(...input.grid) : input.pairs!);
      const designated = new Uint8Array(input.nodeCount);
      for (const v of input.selected) designated[v] = 1;
      const options: BridgeOptions = { ...input.options, ...(input.cost ? { cost: Float64Array.from(input.cost) } : {}) };
      const solution = suggestBridges(graph, designated, options);
      const output = { clusters: contiguousClusters(graph, designated).clusters.map((c) => c.members), plan: solution };
      const outUrl = new URL(`out/${file}`, FIXTURES);
      if (process.env.UPDATE) writeFileSync(outUrl, `${JSON.stringify(output, null, 2)}\n`);
      expect(output).toEqual(JSON.parse(readFileSync(outUrl, 'utf8')));
    });
  }
});

describe('suggestBridges', () => {
  test('suggestBridges adds the unit between two clusters on a path a–x–b', () => {
    const solution = suggestBridges(buildGraph(3, [[0, 1], [1, 2]]), Uint8Array.of(1, 0, 1));
    expect(solution).toEqual({ added: [1], totalCost: 1, exact: true, connected: true, unreachableClusters: [], suggestions: [{ node: 1, cost: 1, joins: [0, 1], step: 1 }], method: 'exact' });
  });

  test('suggestBridges picks one hub joining three clusters over pairwise links', () => {
    const graph = buildGraph(7, [[0, 3], [1, 3], [2, 3], [0, 4], [1, 4], [0, 5], [2, 5]]);
    const solution = suggestBridges(graph, Uint8Array.of(1, 1, 1, 0, 0, 0, 0), { cost: Float64Array.of(1, 1, 1, 1.5, 1, 1, 1) });
    expect(solution.added).toEqual([3]);
    expect(solution.suggestions).toEqual([{ node: 3, cost: 1.5, joins: [0, 1, 2], step: 1 }]);
  });

  test('suggestBridges with nothing or one cluster adds nothing', () => {
    const graph = buildGraph(3, [[0, 1], [1, 2]]);
    const none = { added: [], totalCost: 0, exact: true, connected: true, unreachableClusters: [], suggestions: [], method: 'none' };
    expect(suggestBridges(graph, new Uint8Array(3))).toEqual(none);
    expect(suggestBridges(graph, Uint8Array.of(1, 1, 0))).toEqual(none);
  });

  test('suggestBridges lists clusters on other components as unreachable and adds nothing for them', () => {
    const solution = suggestBridges(buildGraph(3, [[0, 1]]), Uint8Array.of(1, 1, 1));
    expect(solution).toMatchObject({ added: [], connected: false, unreachableClusters: [1], method: 'none', exact: true });
  });

  test('suggestBridges joins the clusters: one cluster afterwards when connected, one per graph component otherwise', () => {
    fc.assert(
      fc.property(fc.oneof(graphCase(40), gridCase(9)), fc.integer({ min: 0, max: 10 }), (c, exactMaxClusters) => {
        const graph = graphOf(c);
        const solution = suggestBridges(graph, c.designated, { cost: c.cost, exactMaxClusters });
        for (const v of solution.added) expect(c.designated[v]).toBe(0);
        const after = contiguousClusters(graph, withAdded(c.designated, solution.added));
        const component = componentsOf(graph, () => true);
        const componentsWithSelection = new Set([...c.designated.keys()].filter((v) => c.designated[v]).map((v) => component[v]));
        expect(after.clusters.length).toBe(componentsWithSelection.size);
        expect(solution.connected).toBe(componentsWithSelection.size <= 1);
        expect(solution.totalCost).toBeCloseTo(solution.added.reduce((sum, v) => sum + c.cost[v]!, 0), 9);
        // Suggestions: every added unit once, steps 1 … m, each joining at least two clusters.
        expect(solution.suggestions.map((s) => s.node).sort((a, b) => a - b)).toEqual(solution.added);
        expect(solution.suggestions.map((s) => s.step)).toEqual(solution.added.map((_, i) => i + 1));
        for (const s of solution.suggestions) expect(s.joins.length).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 200 },
    );
  });

  test('suggestBridges exact plans cost the brute-force optimum on small graphs', () => {
    const small = (arbitrary: fc.Arbitrary<GraphCase>) => arbitrary.filter((c) => c.designated.reduce((n, f) => n + (f ? 0 : 1), 0) <= 12);
    fc.assert(
      fc.property(fc.oneof(small(graphCase(14, { density: 1.6 })), small(gridCase(4))), (c) => {
        const graph = graphOf(c);
        const solution = suggestBridges(graph, c.designated, { cost: c.cost, exactMaxClusters: 14 });
        expect(solution.exact).toBe(true);
        expect(solution.totalCost).toBe(bruteForceBridgeCost(graph, c.designated, c.cost));
      }),
      { numRuns: 300 },
    );
  });

  test('suggestBridges exact plans cost no more than the approximation', () => {
    fc.assert(
      fc.property(fc.oneof(graphCase(60, { density: 1.5 }), gridCase(10)), (c) => {
        const graph = graphOf(c);
        const exact = suggestBridges(graph, c.designated, { cost: c.cost, exactMaxClusters: 12 });
        const approximate = suggestBridges(graph, c.designated, { cost: c.cost, exactMaxClusters: 0 });
        expect(exact.totalCost).toBeLessThanOrEqual(approximate.totalCost + 1e-9);
        expect(exact.unreachableClusters).toEqual(approximate.unreachableClusters);
      }),
      { numRuns: 200 },
    );
  });

  test('suggestBridges exact cost is independent of node relabelling', () => {
    fc.assert(
      fc.property(
        graphCase(30).chain((c) => fc.tuple(fc.constant(c), permutation(c.nodeCount))),
        ([c, perm]) => {
          const renamed = relabel(c, perm);
          const original = suggestBridges(graphOf(c), c.designated, { cost: c.cost, exactMaxClusters: 12 });
          const moved = suggestBridges(graphOf(renamed), renamed.designated, { cost: renamed.cost, exactMaxClusters: 12 });
          expect(moved.totalCost).toBe(original.totalCost);
          expect(moved.connected).toBe(original.connected);
        },
      ),
    );
  });

  test('suggestBridges returns the approximation when the time budget runs out', () => {
    // Star-hub: the heuristic finds 2 units, the exact search 1; a clock that jumps expires the budget.
    const graph = buildGraph(7, [[0, 3], [1, 3], [2, 3], [0, 4], [1, 4], [0, 5], [2, 5]]);
    const designated = Uint8Array.of(1, 1, 1, 0, 0, 0, 0);
    const cost = Float64Array.of(1, 1, 1, 1.5, 1, 1, 1);
    let time = 0;
    const solution = suggestBridges(graph, designated, { cost, timeBudgetMs: 10, now: () => (time += 100) });
    expect(solution).toMatchObject({ added: [4, 5], totalCost: 2, exact: false, method: 'approximation' });
    expect(suggestBridges(graph, designated, { cost, timeBudgetMs: 10, now: () => 0 })).toMatchObject({ added: [3], exact: true, method: 'exact' });
  });

  test('suggestBridges is deterministic', () => {
    fc.assert(
      fc.property(gridCase(8), (c) => {
        const graph = graphOf(c);
        expect(suggestBridges(graph, c.designated, { cost: c.cost })).toEqual(suggestBridges(graph, c.designated, { cost: c.cost }));
      }),
      { numRuns: 50 },
    );
  });

  test('suggestBridges rejects costs of the wrong length or not > 0', () => {
    const graph = buildGraph(3, [[0, 1], [1, 2]]);
    const designated = Uint8Array.of(1, 0, 1);
    expect(() => suggestBridges(graph, designated, { cost: new Float64Array(2) })).toThrow(/cost has 2 entries, expected one per node \(3\)/);
    expect(() => suggestBridges(graph, designated, { cost: Float64Array.of(1, 0, 1) })).toThrow(/cost\[1\] is 0, expected a finite number > 0/);
    expect(() => suggestBridges(graph, designated, { cost: Float64Array.of(1, Number.NaN, 1) })).toThrow(RangeError);
  });
});

describe('readinessCost', () => {
  test('readinessCost(shares) is 1 + (1 − share) / (n + 1), clamped, unknown as not ready', () => {
    expect([...readinessCost([1, 0.5, 0, 2, -1, Number.NaN])]).toEqual([1, 1 + 0.5 / 7, 1 + 1 / 7, 1, 1 + 1 / 7, 1 + 1 / 7]);
  });

  test('readinessCost puts the fewest units first: two bare units beat three complete ones', () => {
    // Clusters 0 and 7: path 0–1–2–7 through two bare units, or 0–3–4–5–7 through three complete ones.
    const graph = buildGraph(8, [[0, 1], [1, 2], [2, 7], [0, 3], [3, 4], [4, 5], [5, 7]]);
    const solution = suggestBridges(graph, Uint8Array.of(1, 0, 0, 0, 0, 0, 0, 1), { cost: readinessCost([1, 0, 0, 1, 1, 1, 1, 1]) });
    expect(solution.added).toEqual([1, 2]);
  });

  test('readinessCost prefers the readier of two equally short bridges', () => {
    // Clusters 0 and 3; units 1 and 2 each join them alone; unit 2 has 11 of 12 facilities.
    const graph = buildGraph(4, [[0, 1], [1, 3], [0, 2], [2, 3]]);
    const solution = suggestBridges(graph, Uint8Array.of(1, 0, 0, 1), { cost: readinessCost([1, 3 / 12, 11 / 12, 1]) });
    expect(solution.added).toEqual([2]);
  });
});
