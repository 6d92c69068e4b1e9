import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { contiguousClusters } from '../../../src/core/contiguity/clusters.ts';
import type { UnitMetrics } from '../../../src/core/metrics.ts';
import { buildGraph, componentsOf, graphCase, graphOf, gridCase, permutation, relabel } from './arbitraries.ts';

describe('contiguousClusters', () => {
  test('contiguousClusters(graph, selected) partitions the selection into connected clusters with no edge between them', () => {
    fc.assert(
      fc.property(fc.oneof(graphCase(30), gridCase(8)), (c) => {
        const graph = graphOf(c);
        const report = contiguousClusters(graph, c.designated);
        const count = new Array<number>(c.nodeCount).fill(0);
        for (const cluster of report.clusters) for (const v of cluster.members) count[v]!++;
        for (let v = 0; v < c.nodeCount; v++) {
          expect(count[v]).toBe(c.designated[v] ? 1 : 0);
          expect(report.clusterOf[v]).toBe(c.designated[v] ? report.clusters.findIndex((k) => k.members.includes(v)) : -1);
        }
        // Members of one cluster are one component of the induced subgraph (plain BFS oracle).
        const oracle = componentsOf(graph, (v) => c.designated[v] === 1);
        for (const cluster of report.clusters) {
          expect(new Set(cluster.members.map((v) => oracle[v])).size).toBe(1);
          expect(oracle.filter((label) => label === oracle[cluster.members[0]!]).length).toBe(cluster.size);
        }
        for (const [a, b] of c.pairs) {
          if (c.designated[a] && c.designated[b]) expect(report.clusterOf[a]).toBe(report.clusterOf[b]);
        }
        expect(report.designatedCount).toBe(c.designated.reduce((sum, flag) => sum + flag, 0));
      }),
    );
  });

  test('contiguousClusters orders ids by size then smallest member, lists singletons as isolated, and says contiguous for at most one cluster', () => {
    fc.assert(
      fc.property(graphCase(30), (c) => {
        const report = contiguousClusters(graphOf(c), c.designated);
        report.clusters.forEach((cluster, id) => {
          expect(cluster.id).toBe(id);
          expect(cluster.size).toBe(cluster.members.length);
          expect([...cluster.members].sort((a, b) => a - b)).toEqual(cluster.members);
          const next = report.clusters[id + 1];
          if (next) expect(cluster.size > next.size || (cluster.size === next.size && cluster.members[0]! < next.members[0]!)).toBe(true);
        });
        expect(report.isolated).toEqual(report.clusters.filter((k) => k.size === 1).map((k) => k.members[0]).sort((a, b) => a! - b!));
        expect(report.contiguous).toBe(report.clusters.length <= 1);
      }),
    );
  });

  test('contiguousClusters gives the same clusters under node relabelling', () => {
    fc.assert(
      fc.property(
        graphCase(25).chain((c) => fc.tuple(fc.constant(c), permutation(c.nodeCount))),
        ([c, perm]) => {
          const original = contiguousClusters(graphOf(c), c.designated);
          const renamed = contiguousClusters(graphOf(relabel(c, perm)), relabel(c, perm).designated);
          const asSets = (clusters: { members: number[] }[], map: (v: number) => number) =>
            clusters.map((k) => k.members.map(map).sort((a, b) => a - b).join(',')).sort();
          expect(asSets(renamed.clusters, (v) => v)).toEqual(asSets(original.clusters, (v) => perm[v]!));
          expect(renamed.isolated).toEqual(original.isolated.map((v) => perm[v]!).sort((a, b) => a - b));
        },
      ),
    );
  });

  test('contiguousClusters of an empty selection is empty and contiguous', () => {
    const report = contiguousClusters(buildGraph(3, [[0, 1]]), new Uint8Array(3));
    expect(report).toEqual({ clusters: [], isolated: [], contiguous: true, clusterOf: Int32Array.of(-1, -1, -1), designatedCount: 0 });
  });

  test('contiguousClusters on a graph without nodes is empty', () => {
    expect(contiguousClusters(buildGraph(0, []), new Uint8Array(0)).clusters).toEqual([]);
  });

  test('contiguousClusters sums area and population, unions bboxes and labels the largest member', () => {
    // Path 0–1–2–3, cluster {0, 1, 2}; unit 1 is the largest.
    const graph = buildGraph(4, [[0, 1], [1, 2], [2, 3]]);
    const metrics: UnitMetrics = {
      areaM2: Float64Array.of(10, 30, 20, 5),
      bboxes: Float64Array.of(0, 0, 1, 1, 1, 0, 2, 1, 2, -1, 3, 1, 3, 0, 4, 1),
      labelPoints: Float64Array.of(0.5, 0.5, 1.5, 0.5, 2.5, 0, 3.5, 0.5),
      population: Float64Array.of(100, 200, 300, Number.NaN),
    };
    const [cluster] = contiguousClusters(graph, Uint8Array.of(1, 1, 1, 0), metrics).clusters;
    expect(cluster).toEqual({ id: 0, members: [0, 1, 2], size: 3, areaM2: 60, population: 600, bbox: [0, -1, 3, 1], labelPoint: [1.5, 0.5] });
    const [withUnknown] = contiguousClusters(graph, Uint8Array.of(0, 0, 1, 1), metrics).clusters;
    expect(withUnknown!.population).toBeNull();
    expect(withUnknown!.labelPoint).toEqual([2.5, 0]);
  });

  test('contiguousClusters without metrics leaves the figures unknown', () => {
    const [cluster] = contiguousClusters(buildGraph(2, [[0, 1]]), Uint8Array.of(1, 1)).clusters;
    expect(cluster!.areaM2).toBeNaN();
    expect(cluster!.population).toBeNull();
    expect(cluster!.bbox.every(Number.isNaN)).toBe(true);
  });

  test('contiguousClusters rejects a selection of the wrong length', () => {
    expect(() => contiguousClusters(buildGraph(3, []), new Uint8Array(2))).toThrow(/selected has 2 entries, expected one per node \(3\)/);
  });
});
