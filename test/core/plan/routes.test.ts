import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contiguousClusters, joinGoal, pairRoutes, routesOfBridges, suggestBridges, type ClusterReport, type Route } from '../../../src/core/index.ts';
import type { AdjacencyGraph } from '../../../src/core/contiguity/graph.ts';
import { componentsOf, graphCase, graphOf, gridCase } from '../graph-algorithms/arbitraries.ts';

const anyCase = fc.oneof(graphCase(14), gridCase(5));
const readinessOf = (cost: Float64Array) => Float64Array.from(cost, (c) => 12 - 3 * c);

/** True when designating `nodes` puts every cluster in `clusters` into one piece with the selection. */
function joinsAll(graph: AdjacencyGraph, designated: Uint8Array, report: ClusterReport, nodes: readonly number[], clusters: readonly number[]): boolean {
  const extra = new Set(nodes);
  const piece = componentsOf(graph, (v) => designated[v] === 1 || extra.has(v));
  const pieces = new Set(clusters.map((c) => piece[report.clusters[c]!.members[0]!]));
  return pieces.size <= 1;
}

/** True when a node of `route` is in, or next to, a cluster outside `goal`. */
function touchesOutside(graph: AdjacencyGraph, report: ClusterReport, nodes: readonly number[], goal: readonly number[]): boolean {
  return nodes.some((v) => {
    if (report.clusterOf[v]! >= 0) return true;
    for (let e = graph.offsets[v]!; e < graph.offsets[v + 1]!; e++) {
      const c = report.clusterOf[graph.neighbors[e]!]!;
      if (c >= 0 && !goal.includes(c)) return true;
    }
    return false;
  });
}

describe('pairRoutes', () => {
  it('pairRoutes() gives routes that join every cluster they name, through unselected communities only', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const graph = graphOf(c);
        const report = contiguousClusters(graph, c.designated);
        for (const pair of pairRoutes(graph, report, { cost: c.cost, readiness: readinessOf(c.cost) })) {
          for (const route of [pair.best, ...pair.alternatives]) {
            expect(route.joins).toContain(pair.a);
            expect(route.joins).toContain(pair.b);
            expect(route.nodes.every((v) => c.designated[v] === 0)).toBe(true);
            expect(route.size).toBe(route.nodes.length);
            expect(joinsAll(graph, c.designated, report, route.nodes, route.joins)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('pairRoutes() gives alternatives that share no community with the best or each other and cost no less than the best', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const graph = graphOf(c);
        const report = contiguousClusters(graph, c.designated);
        for (const pair of pairRoutes(graph, report, { cost: c.cost, readiness: readinessOf(c.cost) })) {
          const all: Route[] = [pair.best, ...pair.alternatives];
          const used = all.flatMap((route) => route.nodes);
          expect(new Set(used).size).toBe(used.length);
          expect(pair.alternatives.length).toBeLessThanOrEqual(3);
          for (const alternative of pair.alternatives) expect(alternative.cost).toBeGreaterThanOrEqual(pair.best.cost);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('pairRoutes() with maxExtraCost keeps alternatives within that much of the best, and wantAlternatives picks the pairs that get them', () => {
    fc.assert(
      fc.property(anyCase, fc.integer({ min: 0, max: 4 }), (c, extra) => {
        const graph = graphOf(c);
        const report = contiguousClusters(graph, c.designated);
        const options = { cost: c.cost, readiness: readinessOf(c.cost) };
        const limited = pairRoutes(graph, report, { ...options, maxExtraCost: extra, wantAlternatives: ({ a }) => a === 0 });
        const full = pairRoutes(graph, report, options);
        expect(limited.map((p) => p.best)).toEqual(full.map((p) => p.best));
        for (const pair of limited) {
          if (pair.a !== 0) expect(pair.alternatives).toEqual([]);
          for (const alternative of pair.alternatives) expect(alternative.cost).toBeLessThanOrEqual(pair.best.cost + extra);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('pairRoutes() lists every pair of clusters that a path of unselected communities joins', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const graph = graphOf(c);
        const report = contiguousClusters(graph, c.designated);
        const listed = new Set(pairRoutes(graph, report, { cost: c.cost, readiness: readinessOf(c.cost) }).map((p) => `${p.a}-${p.b}`));
        // Oracle: a and b are joinable when some component of the unselected nodes touches both.
        const piece = componentsOf(graph, (v) => c.designated[v] === 0);
        const touching = report.clusters.map((cluster) => {
          const pieces = new Set<number>();
          for (const m of cluster.members) for (let e = graph.offsets[m]!; e < graph.offsets[m + 1]!; e++) if (piece[graph.neighbors[e]!]! >= 0) pieces.add(piece[graph.neighbors[e]!]!);
          return pieces;
        });
        for (let b = 1; b < report.clusters.length; b++) {
          for (let a = 0; a < b; a++) expect(listed.has(`${a}-${b}`)).toBe([...touching[a]!].some((p) => touching[b]!.has(p)));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('routesOfPlan', () => {
  it('routesOfPlan() lists each bridge community once, each route connected and joining what it names', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const graph = graphOf(c);
        const report = contiguousClusters(graph, c.designated);
        const solution = suggestBridges(graph, c.designated, { cost: c.cost });
        const routes = routesOfBridges(graph, report, solution, { cost: c.cost, readiness: readinessOf(c.cost) });
        expect(routes.flatMap((r) => r.nodes).sort((a, b) => a - b)).toEqual(solution.added);
        for (const route of routes) {
          expect(componentsOf(graph, (v) => route.nodes.includes(v)).filter((label) => label >= 0).every((label) => label === 0 || label === -1)).toBe(true);
          expect(joinsAll(graph, c.designated, report, route.nodes, route.joins)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('joinGoal', () => {
  const goalCase = anyCase.chain((c) => fc.tuple(fc.constant(c), fc.uniqueArray(fc.nat(8), { maxLength: 4 })));

  it('joinGoal() never touches a cluster outside the goal and joins the goal when it says connected', () => {
    fc.assert(
      fc.property(goalCase, ([c, draw]) => {
        const graph = graphOf(c);
        const report = contiguousClusters(graph, c.designated);
        const goal = draw.filter((id) => id < report.clusters.length);
        const { solution: plan, routes } = joinGoal(graph, report, goal, { cost: c.cost, readiness: readinessOf(c.cost) });
        expect(touchesOutside(graph, report, plan.added, goal)).toBe(false);
        for (const route of routes) for (const id of route.joins) expect(goal).toContain(id);
        if (plan.connected) expect(joinsAll(graph, c.designated, report, plan.added, goal)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('joinGoal() with every cluster as the goal costs what suggestBridges costs', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const graph = graphOf(c);
        const report = contiguousClusters(graph, c.designated);
        fc.pre(report.clusters.length <= 6);
        const all = report.clusters.map((cluster) => cluster.id);
        const goal = joinGoal(graph, report, all, { cost: c.cost, readiness: readinessOf(c.cost) });
        expect(goal.solution.totalCost).toBeCloseTo(suggestBridges(graph, c.designated, { cost: c.cost }).totalCost, 9);
      }),
      { numRuns: 200 },
    );
  });
});
