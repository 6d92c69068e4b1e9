/**
 * The node-weighted Steiner problem behind bridge suggestions: clusters are terminals (their
 * members cost nothing), every unselected node costs `cost[v]` (1 when no costs are given), and a
 * solution is a set of unselected nodes that connects the terminals.
 */
import type { AdjacencyGraph } from '../graph.ts';

export interface SteinerProblem {
  graph: AdjacencyGraph;
  /** Cluster (terminal) id per node; -1 for unselected nodes. */
  clusterOf: Int32Array;
  /** Members of each cluster. */
  members: readonly (readonly number[])[];
  /** Cost per node (> 0); null = 1 for every node. Ignored for cluster members. */
  cost: Float64Array | null;
}

/** A set of clusters in one graph component, joined by `added` unselected nodes. */
export interface SteinerGroup {
  /** Cluster ids, ascending; the first is the root the search grew from. */
  clusters: number[];
  /** Unselected nodes that join them, ascending. */
  added: number[];
  /** True when `added` is a proven optimum for these clusters. */
  exact: boolean;
}

/** Cost of entering node v: 0 inside a cluster, else its cost. */
export function nodeCost(problem: SteinerProblem, v: number): number {
  return problem.clusterOf[v]! >= 0 ? 0 : problem.cost ? problem.cost[v]! : 1;
}

/** Sum of node costs, added in ascending node order (so equal sets give identical sums). */
export function setCost(problem: SteinerProblem, nodes: readonly number[]): number {
  let total = 0;
  for (const v of nodes) total += nodeCost(problem, v);
  return total;
}
