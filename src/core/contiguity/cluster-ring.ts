/**
 * The ring (相邻周边) of each cluster: the unselected units that touch it, where neighbouring
 * demonstration communities are asked to improve the surroundings together.
 */
import type { ClusterReport } from './clusters.ts';
import type { AdjacencyGraph } from './graph.ts';
import { sortIndices } from './sort-indices.ts';

export interface ClusterRing {
  clusterId: number;
  /** Unselected neighbours of any member, ascending node indices. */
  ring: number[];
}

/**
 * The unselected neighbours around each cluster, one entry per cluster in id order. A unit can be
 * in several rings (it touches several clusters: a bridge candidate). O(sum of member degrees).
 * @param graph the graph the report was computed on.
 * @param report from `contiguousClusters` (its `clusterOf` tells selected from unselected).
 * @example
 * const g = graphFromPairs(4, [[0, 1], [1, 2], [2, 3]]);
 * clusterRings(g, contiguousClusters(g, Uint8Array.of(1, 0, 0, 1))); // [{ clusterId: 0, ring: [1] }, { clusterId: 1, ring: [2] }]
 */
export function clusterRings(graph: AdjacencyGraph, report: ClusterReport): ClusterRing[] {
  const { offsets, neighbors } = graph;
  const { clusterOf } = report;
  // Last cluster that listed each node, so a node enters a ring once.
  const stamp = new Int32Array(graph.nodeCount).fill(-1);
  return report.clusters.map(({ id, members }) => {
    const ring: number[] = [];
    for (const v of members) {
      for (let k = offsets[v]!, end = offsets[v + 1]!; k < end; k++) {
        const w = neighbors[k]!;
        if (clusterOf[w] === -1 && stamp[w] !== id) {
          stamp[w] = id;
          ring.push(w);
        }
      }
    }
    sortIndices(ring);
    return { clusterId: id, ring };
  });
}
