import fc from 'fast-check';
import { expect, test } from 'vitest';
import { clusterRings } from '../../../src/core/contiguity/cluster-ring.ts';
import { contiguousClusters } from '../../../src/core/contiguity/clusters.ts';
import { buildGraph, graphCase, graphOf, gridCase } from './arbitraries.ts';

test('clusterRings lists exactly the unselected neighbours of each cluster, ascending', () => {
  fc.assert(
    fc.property(fc.oneof(graphCase(30), gridCase(8)), (c) => {
      const graph = graphOf(c);
      const report = contiguousClusters(graph, c.designated);
      const rings = clusterRings(graph, report);
      expect(rings.map((r) => r.clusterId)).toEqual(report.clusters.map((k) => k.id));
      for (const { clusterId, ring } of rings) {
        const expected = new Set<number>();
        for (const [a, b] of c.pairs) {
          if (report.clusterOf[a] === clusterId && !c.designated[b]) expected.add(b);
          if (report.clusterOf[b] === clusterId && !c.designated[a]) expected.add(a);
        }
        expect(ring).toEqual([...expected].sort((x, y) => x - y));
      }
    }),
  );
});

test('clusterRings puts a unit touching two clusters in both rings', () => {
  const graph = buildGraph(5, [[0, 1], [1, 2], [2, 3], [3, 4]]);
  const report = contiguousClusters(graph, Uint8Array.of(1, 0, 1, 0, 0));
  expect(clusterRings(graph, report)).toEqual([
    { clusterId: 0, ring: [1] },
    { clusterId: 1, ring: [1, 3] },
  ]);
});

test('clusterRings of an empty selection is empty', () => {
  const graph = buildGraph(2, [[0, 1]]);
  expect(clusterRings(graph, contiguousClusters(graph, new Uint8Array(2)))).toEqual([]);
});
