/**
 * Contiguous clusters (连片) of a selected set of units: the connected components of the
 * subgraph induced by the selection, with their members and figures.
 */
import type { AdjacencyGraph } from './graph.ts';
import type { UnitMetrics } from '../metrics.ts';

export interface ClusterInfo {
  /** 0 … k − 1: position in `ClusterReport.clusters` (largest first). */
  id: number;
  /** Node indices, ascending. */
  members: number[];
  size: number;
  /** Sum of member areas in square metres; NaN without metrics. */
  areaM2: number;
  /** Sum of member residents; null when any member's population is unknown or without metrics. */
  population: number | null;
  /** [west, south, east, north] in degrees; NaN without metrics. */
  bbox: [number, number, number, number];
  /** [lon, lat] inside the member with the largest area (ties: smallest index); NaN without metrics. */
  labelPoint: [number, number];
}

export interface ClusterReport {
  /** Sorted by size descending, then by smallest member; `clusters[i].id === i`. */
  clusters: ClusterInfo[];
  /** Members of size-1 clusters (selected units touching no other selected unit), ascending. */
  isolated: number[];
  /** True when the selection forms at most one cluster (an empty selection is contiguous). */
  contiguous: boolean;
  /** Cluster id per node; -1 for unselected nodes. */
  clusterOf: Int32Array;
  designatedCount: number;
}

/**
 * The contiguous clusters of a selection: connected components of the induced subgraph (BFS on
 * the CSR arrays, O(n + edges among selected)). Deterministic: ids follow size (descending),
 * then the smallest member, so the same selection always gives the same ids.
 * @param graph adjacency graph of all units.
 * @param designated one byte per node; non-zero = selected.
 * @param metrics per-unit figures for area, population, bbox and label point.
 * @throws RangeError when `selected.length` differs from `graph.nodeCount`.
 * @example
 * const g = graphFromPairs(4, [[0, 1], [1, 2], [2, 3]]);
 * contiguousClusters(g, Uint8Array.of(1, 1, 0, 1)).clusters.map((c) => c.members); // [[0, 1], [3]]
 */
export function contiguousClusters(graph: AdjacencyGraph, designated: Uint8Array, metrics?: UnitMetrics): ClusterReport {
  const { labels, count, sizes, selectedCount } = labelComponents(graph, designated);
  return reportFromLabels(labels, count, sizes, selectedCount, metrics);
}

/** Components of the selection with provisional ids in order of their smallest member. */
export function labelComponents(graph: AdjacencyGraph, designated: Uint8Array): { labels: Int32Array; count: number; sizes: number[]; selectedCount: number } {
  const n = graph.nodeCount;
  if (designated.length !== n) throw new RangeError(`selected has ${designated.length} entries, expected one per node (${n})`);
  const { offsets, neighbors } = graph;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  let selectedCount = 0;
  for (let start = 0; start < n; start++) {
    if (!designated[start] || labels[start] !== -1) continue;
    // Breadth-first search from the smallest unlabelled selected node.
    const label = sizes.length;
    labels[start] = label;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    while (head < tail) {
      const u = queue[head++]!;
      for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
        const w = neighbors[k]!;
        if (designated[w] && labels[w] === -1) {
          labels[w] = label;
          queue[tail++] = w;
        }
      }
    }
    sizes.push(tail);
    selectedCount += tail;
  }
  return { labels, count: sizes.length, sizes, selectedCount };
}

/**
 * Builds the report from component labels (`labels` is relabelled in place to final ids).
 * Provisional ids must be ordered by smallest member, as `labelComponents` gives them.
 */
export function reportFromLabels(labels: Int32Array, count: number, sizes: readonly number[], selectedCount: number, metrics?: UnitMetrics): ClusterReport {
  // Final ids: size descending, then smallest member (= provisional id order).
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const rank = new Int32Array(count);
  for (let id = 0; id < count; id++) rank[order[id]!] = id;
  const clusters: ClusterInfo[] = order.map((provisional, id) => ({
    id,
    members: new Array<number>(sizes[provisional]!),
    size: sizes[provisional]!,
    areaM2: Number.NaN,
    population: null,
    bbox: [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
    labelPoint: [Number.NaN, Number.NaN],
  }));
  // Fill members in ascending node order.
  const fill = new Int32Array(count);
  for (let v = 0; v < labels.length; v++) {
    const provisional = labels[v]!;
    if (provisional < 0) continue;
    const id = rank[provisional]!;
    labels[v] = id;
    clusters[id]!.members[fill[id]!++] = v;
  }
  if (metrics) for (const cluster of clusters) summarize(cluster, metrics);
  const isolated: number[] = [];
  for (let id = clusters.length - 1; id >= 0 && clusters[id]!.size === 1; id--) isolated.push(clusters[id]!.members[0]!);
  isolated.sort((a, b) => a - b);
  return { clusters, isolated, contiguous: count <= 1, clusterOf: labels, designatedCount: selectedCount };
}

/** Area, population, bbox and label point of a cluster from its members' metrics. */
export function summarize(cluster: ClusterInfo, metrics: UnitMetrics): void {
  const { areaM2, bboxes, labelPoints, population } = metrics;
  let total = 0;
  let people = 0;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  let largest = -1;
  let largestArea = -Infinity;
  for (const v of cluster.members) {
    const a = areaM2[v]!;
    total += a;
    people += population[v]!;
    // NaN bboxes (units without coordinates) fail every comparison and are skipped.
    if (bboxes[4 * v]! < west) west = bboxes[4 * v]!;
    if (bboxes[4 * v + 1]! < south) south = bboxes[4 * v + 1]!;
    if (bboxes[4 * v + 2]! > east) east = bboxes[4 * v + 2]!;
    if (bboxes[4 * v + 3]! > north) north = bboxes[4 * v + 3]!;
    if (a > largestArea) {
      largestArea = a;
      largest = v;
    }
  }
  cluster.areaM2 = total;
  cluster.population = Number.isNaN(people) ? null : people;
  cluster.bbox = west <= east ? [west, south, east, north] : [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
  if (largest >= 0) cluster.labelPoint = [labelPoints[2 * largest]!, labelPoints[2 * largest + 1]!];
}

/**
 * What a selection amounts to, in one word:
 * - `empty`: nothing is designated (no verdict: 0 communities are not "contiguous");
 * - `contiguous`: one patch (连成一片);
 * - `split`: several clusters or isolated points.
 */
export type WhatIfVerdict = 'empty' | 'contiguous' | 'split';

/** The verdict for a report (see `WhatIfVerdict`). */
export function verdictOf(report: Pick<ClusterReport, 'designatedCount' | 'clusters'>): WhatIfVerdict {
  return report.designatedCount === 0 ? 'empty' : report.clusters.length === 1 ? 'contiguous' : 'split';
}

/** `片区 1` for cluster id 0: the number users see on the map, in reports and on slides. */
export function clusterLabel(id: number): string {
  return `片区 ${id + 1}`;
}
