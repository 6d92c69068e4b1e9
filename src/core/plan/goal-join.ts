/**
 * Partial joins (部分连片): the planner picks which clusters or isolated points to join (only
 * 片区 1 and 片区 2, say); the bridge plan is for that goal alone and never touches a cluster
 * outside it (no added community is in or next to one, since designating it would merge that
 * cluster in too).
 */
import { bridgesForReport, DEFAULT_EXACT_MAX_CLUSTERS, type BridgeSolution } from '../contiguity/bridges.ts';
import { contiguousClusters, type ClusterReport } from '../contiguity/clusters.ts';
import { graphFromEdgeArrays, type AdjacencyGraph } from '../contiguity/graph.ts';
import { routesOfBridges, type Route, type RouteOptions } from './routes.ts';

export interface GoalJoinOptions extends RouteOptions {
  /** Largest number of goal clusters solved exactly (Dreyfus–Wagner); default `DEFAULT_EXACT_MAX_CLUSTERS`. */
  exactMaxClusters?: number;
  /** Milliseconds after which the exact search keeps the approximation; default no limit. */
  timeBudgetMs?: number;
  /** Clock for the budget, in milliseconds. */
  now?: () => number;
}

export interface GoalJoin {
  /** The goal's cluster ids, ascending and unique. */
  goal: number[];
  /** The bridge plan for the goal; its cluster ids (`joins`, `unreachableClusters`) are the report's. */
  solution: BridgeSolution;
  /** The plan as routes (chains are one route). */
  routes: Route[];
}

/**
 * The fewest / cheapest communities that join the goal clusters into one patch without touching
 * any other cluster. `plan.connected` is false when the goal cannot be joined that way.
 * @param goal cluster ids of `report` (isolated points are clusters of one).
 * @throws RangeError when a goal id is not a cluster of the report.
 * @example joinGoal(graph, report, [0, 1], { cost, readiness }).routes[0].joins // [0, 1]
 */
export function joinGoal(graph: AdjacencyGraph, report: Pick<ClusterReport, 'clusters' | 'clusterOf'>, goal: readonly number[], options: GoalJoinOptions): GoalJoin {
  const ids = [...new Set(goal)].sort((a, b) => a - b);
  for (const id of ids) if (!Number.isInteger(id) || id < 0 || id >= report.clusters.length) throw new RangeError(`cluster ${id} outside 0 … ${report.clusters.length - 1}`);
  const n = graph.nodeCount;
  const { offsets, neighbors, sharedMeters } = graph;
  const inGoal = new Uint8Array(report.clusters.length);
  for (const id of ids) inGoal[id] = 1;
  // Blocked: members of other clusters and every community next to one.
  const blocked = new Uint8Array(n);
  for (const cluster of report.clusters) {
    if (inGoal[cluster.id]) continue;
    for (const m of cluster.members) {
      blocked[m] = 1;
      for (let e = offsets[m]!, end = offsets[m + 1]!; e < end; e++) if (report.clusterOf[neighbors[e]!] === -1) blocked[neighbors[e]!] = 1;
    }
  }
  // The graph without blocked nodes' edges (same node numbering), and the goal as the selection.
  const from: number[] = [];
  const to: number[] = [];
  const meters: number[] = [];
  for (let a = 0; a < n; a++) {
    if (blocked[a]) continue;
    for (let e = offsets[a]!, end = offsets[a + 1]!; e < end; e++) {
      const b = neighbors[e]!;
      if (a < b && !blocked[b]) {
        from.push(a);
        to.push(b);
        meters.push(sharedMeters[e]!);
      }
    }
  }
  const open = graphFromEdgeArrays(n, from, to, meters, from.length, graph.mode);
  const designated = new Uint8Array(n);
  for (const id of ids) for (const m of report.clusters[id]!.members) designated[m] = 1;
  const sub = contiguousClusters(open, designated);
  const solution = bridgesForReport(open, sub, { cost: options.cost, exactMaxClusters: options.exactMaxClusters ?? DEFAULT_EXACT_MAX_CLUSTERS, timeBudgetMs: options.timeBudgetMs, now: options.now });
  // Back to the report's cluster ids (each goal cluster is one cluster of the sub-report).
  const original = sub.clusters.map((cluster) => report.clusterOf[cluster.members[0]!]!);
  const remapped: BridgeSolution = {
    ...solution,
    unreachableClusters: solution.unreachableClusters.map((id) => original[id]!).sort((a, b) => a - b),
    suggestions: solution.suggestions.map((s) => ({ ...s, joins: s.joins.map((id) => original[id]!).sort((a, b) => a - b) })),
  };
  return { goal: ids, solution: remapped, routes: routesOfBridges(graph, report, remapped, options) };
}
