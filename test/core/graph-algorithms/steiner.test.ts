import fc from 'fast-check';
import { expect, test } from 'vitest';
import { contiguousClusters } from '../../../src/core/contiguity/clusters.ts';
import { pruneRedundant } from '../../../src/core/contiguity/steiner/shortest-path-heuristic.ts';
import type { SteinerProblem } from '../../../src/core/contiguity/steiner/problem.ts';
import { componentsOf, graphCase, graphOf, gridCase } from './arbitraries.ts';

test('pruneRedundant(problem, clusters, added) equals the naive greedy: drop each node, most expensive first, if the clusters stay connected', () => {
  fc.assert(
    fc.property(fc.oneof(gridCase(9), graphCase(24, { density: 2.5 })), fc.integer({ min: 0, max: 3 }), (c, keepOneIn) => {
      const graph = graphOf(c);
      const report = contiguousClusters(graph, c.designated);
      fc.pre(report.clusters.length >= 2);
      const problem: SteinerProblem = { graph, clusterOf: report.clusterOf, members: report.clusters.map((k) => k.members), cost: c.cost };
      // Start from every unselected node (many cycles), or from a thinned set that still connects.
      let added = [...c.designated.keys()].filter((v) => !c.designated[v]);
      fc.pre(joined(added));
      if (keepOneIn > 0) {
        const thinned = added.filter((v, i) => i % (keepOneIn + 1) !== 0);
        if (joined(thinned)) added = thinned;
      }
      const clusters = report.clusters.map((k) => k.id);
      const naive = [...added];
      const order = [...added].sort((a, b) => c.cost[b]! - c.cost[a]! || b - a);
      for (const v of order) {
        const without = naive.filter((w) => w !== v);
        if (joined(without)) naive.splice(naive.indexOf(v), 1);
      }
      expect(pruneRedundant(problem, clusters, added)).toEqual(naive.sort((a, b) => a - b));

      function joined(nodes: number[]): boolean {
        const inside = new Set(nodes);
        const label = componentsOf(graph, (v) => c.designated[v] === 1 || inside.has(v));
        return new Set(report.clusters.map((k) => label[k.members[0]!])).size === 1;
      }
    }),
    { numRuns: 300 },
  );
});
