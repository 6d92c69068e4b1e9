/**
 * Bridge suggestions (连线成片): the fewest / cheapest extra units whose designation joins all
 * clusters of a selection into one patch, as a node-weighted Steiner tree on the adjacency graph.
 */
import { contiguousClusters, type ClusterReport } from './clusters.ts';
import type { AdjacencyGraph } from './graph.ts';
import { dreyfusWagner } from './steiner/dreyfus-wagner.ts';
import { nodeCost, setCost, type SteinerProblem } from './steiner/problem.ts';
import { shortestPathHeuristic } from './steiner/shortest-path-heuristic.ts';
import { sortIndices } from './sort-indices.ts';

export interface BridgeSuggestion {
  /** Node index of the unit to add. */
  node: number;
  /** Its cost (1 without a cost array). */
  cost: number;
  /** Ids of the clusters the connected run of suggested units it belongs to touches (ascending). */
  joins: number[];
  /** 1-based order in which to present (or add) the suggestions. */
  step: number;
}

export interface BridgeSolution {
  /** Unselected nodes to add, ascending. */
  added: number[];
  /** Sum of the costs of `added`. */
  totalCost: number;
  /** True when `added` is proven optimal (no cheaper set joins the same clusters). */
  exact: boolean;
  /** False when some clusters lie in a different graph component than cluster 0 and cannot be joined to it. */
  connected: boolean;
  /** Clusters outside cluster 0's graph component, ascending (joined among themselves where possible). */
  unreachableClusters: number[];
  /** One entry per added node, in `step` order. */
  suggestions: BridgeSuggestion[];
  /** `none`: nothing to join; `exact`: every joined group solved optimally; `approximation`: at least one was not. */
  method: 'none' | 'exact' | 'approximation';
}

export interface BridgeOptions {
  /** Cost per node, finite and > 0 (see `readinessCost`); default 1 for every node (= fewest units). Costs of selected nodes are ignored. */
  cost?: Float64Array;
  /** Largest number of clusters (per graph component) solved exactly; default 8. Memory grows as 2^(k−1) × nodes. */
  exactMaxClusters?: number;
  /** Milliseconds after which the exact search gives up and the approximation is returned; default no limit. */
  timeBudgetMs?: number;
  /** Clock in milliseconds for the budget; default `Date.now` (pass `performance.now` for sub-millisecond budgets). */
  now?: () => number;
}

/** Default of `BridgeOptions.exactMaxClusters`. */
export const DEFAULT_EXACT_MAX_CLUSTERS = 8;

/**
 * The fewest / cheapest unselected units that join the selection's clusters into one patch.
 *
 * Every cluster is a terminal whose members cost nothing; a set of added units costs the sum of
 * their costs. Clusters in one graph component are joined by
 * - an exact Dreyfus–Wagner programme (node-weighted, with heuristic upper bound and node
 *   filtering) when there are at most `exactMaxClusters` of them and the time budget allows;
 * - otherwise the shortest-path heuristic (Takahashi–Matsuyama, node-weighted): at most
 *   (k − 1) × the optimum for k clusters, optimal for two; in practice near-optimal on
 *   adjacency graphs. No polynomial method can guarantee a constant factor for node weights.
 * Clusters in other graph components than cluster 0 (islands, separate districts) are listed in
 * `unreachableClusters` and joined among themselves; `connected` is then false.
 *
 * Each suggestion names the clusters its run of added units touches; steps list runs that join
 * more clusters (then cheaper ones) first, each run from the side of its smallest cluster id.
 * Deterministic: ties are broken by node index.
 * @param graph adjacency graph of all units.
 * @param designated one byte per node; non-zero = selected.
 * @throws RangeError when `selected` or `cost` has the wrong length, or a cost is not finite and > 0.
 * @example
 * const g = graphFromPairs(3, [[0, 1], [1, 2]]);
 * suggestBridges(g, Uint8Array.of(1, 0, 1)).added; // [1]
 */
export function suggestBridges(graph: AdjacencyGraph, designated: Uint8Array, options: BridgeOptions = {}): BridgeSolution {
  return bridgesForReport(graph, contiguousClusters(graph, designated), options);
}

/** `suggestBridges` on clusters already computed (the planner reuses its report). */
export function bridgesForReport(graph: AdjacencyGraph, report: ClusterReport, options: BridgeOptions = {}): BridgeSolution {
  const { cost, exactMaxClusters = DEFAULT_EXACT_MAX_CLUSTERS, timeBudgetMs = Infinity, now = Date.now } = options;
  if (cost) checkCost(cost, graph.nodeCount);
  if (report.clusters.length <= 1) return { added: [], totalCost: 0, exact: true, connected: true, unreachableClusters: [], suggestions: [], method: 'none' };
  const deadline = timeBudgetMs === Infinity ? Infinity : now() + timeBudgetMs;
  const expired = deadline === Infinity ? () => false : () => now() > deadline;
  const problem: SteinerProblem = { graph, clusterOf: report.clusterOf, members: report.clusters.map((c) => c.members), cost: cost ?? null };

  // 1. Heuristic tree per graph component (also the exact search's upper bound).
  const groups = shortestPathHeuristic(problem);
  // 2. Exact search where the cluster count and the time budget allow.
  let outOfTime = false;
  for (const group of groups) {
    if (group.exact || group.clusters.length > exactMaxClusters || outOfTime) continue;
    const optimum = dreyfusWagner(problem, group.clusters, setCost(problem, group.added), expired);
    if (optimum) {
      group.added = optimum;
      group.exact = true;
    } else if (expired()) outOfTime = true;
  }
  const joining = groups.filter((group) => group.clusters.length >= 2);
  const added = sortIndices(joining.flatMap((group) => group.added));
  const unreachableClusters = sortIndices(groups.slice(1).flatMap((group) => group.clusters));
  return {
    added,
    totalCost: setCost(problem, added),
    exact: joining.every((group) => group.exact),
    connected: unreachableClusters.length === 0,
    unreachableClusters,
    suggestions: explain(problem, added),
    method: joining.length === 0 ? 'none' : joining.every((group) => group.exact) ? 'exact' : 'approximation',
  };
}

/**
 * Cost per unit from readiness, for "the fewest, then the cheapest" extra communities:
 * `1 + (1 − share) / (n + 1)` for n units. Every unit costs 1 plus a readiness part below
 * 1 / (n + 1), so any k units cost less than k + 1: a bridge with fewer units always wins, and
 * among bridges with as many units the readier one (nearer the 12-item standard) wins. Shares are
 * clamped to 0…1; NaN (unknown) counts as 0 (least ready). Pass the result as `BridgeOptions.cost`.
 * @param facilityShare per node, share of the 12 facility items in place (0…1).
 * @example readinessCost([1, 0.5, 0]); // Float64Array [1, 1.125, 1.25]
 */
export function readinessCost(facilityShare: ArrayLike<number>): Float64Array {
  const cost = new Float64Array(facilityShare.length);
  const weight = 1 / (facilityShare.length + 1);
  for (let i = 0; i < cost.length; i++) {
    const share = facilityShare[i]!;
    const clamped = Number.isNaN(share) ? 0 : Math.min(1, Math.max(0, share));
    cost[i] = 1 + weight * (1 - clamped);
  }
  return cost;
}

function checkCost(cost: Float64Array, nodeCount: number): void {
  if (cost.length !== nodeCount) throw new RangeError(`cost has ${cost.length} entries, expected one per node (${nodeCount})`);
  for (let v = 0; v < cost.length; v++) {
    const value = cost[v]!;
    if (!(value > 0 && value < Infinity)) throw new RangeError(`cost[${v}] is ${value}, expected a finite number > 0`);
  }
}

/**
 * Suggestions in presentation order: runs of adjacent added units (each joins the clusters it
 * touches) sorted by clusters joined (more first), cost (cheaper first), smallest cluster id,
 * smallest node; inside a run, breadth-first from the units touching its smallest cluster.
 */
function explain(problem: SteinerProblem, added: readonly number[]): BridgeSuggestion[] {
  const { offsets, neighbors } = problem.graph;
  const { clusterOf } = problem;
  // Typed lookups (this runs on every planner toggle): position of each added node, its run, a visit stamp.
  const index = new Int32Array(problem.graph.nodeCount).fill(-1);
  added.forEach((v, i) => (index[v] = i));
  const runOf = new Int32Array(added.length).fill(-1);
  const seen = new Int32Array(added.length).fill(-1);
  const runs: { id: number; nodes: number[]; joins: number[]; cost: number; smallest: number }[] = [];
  for (let i = 0; i < added.length; i++) {
    if (runOf[i] !== -1) continue;
    // Connected run of added units, and the clusters it touches.
    const id = runs.length;
    const nodes = [added[i]!];
    const joins: number[] = [];
    runOf[i] = id;
    for (let head = 0; head < nodes.length; head++) {
      const v = nodes[head]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = neighbors[e]!;
        const c = clusterOf[w]!;
        if (c >= 0 && !joins.includes(c)) joins.push(c);
        const j = index[w]!;
        if (j >= 0 && runOf[j] === -1) {
          runOf[j] = id;
          nodes.push(w);
        }
      }
    }
    const sorted = nodes.length === 1 ? nodes : sortIndices(nodes.slice());
    runs.push({ id, nodes, joins: sortIndices(joins), cost: setCost(problem, sorted), smallest: sorted[0]! });
  }
  runs.sort((a, b) => b.joins.length - a.joins.length || a.cost - b.cost || (a.joins[0] ?? 0) - (b.joins[0] ?? 0) || a.smallest - b.smallest);
  const suggestions: BridgeSuggestion[] = [];
  for (const run of runs) {
    if (run.nodes.length === 1) {
      // Most runs are one unit between two clusters.
      suggestions.push({ node: run.smallest, cost: nodeCost(problem, run.smallest), joins: [...run.joins], step: suggestions.length + 1 });
      continue;
    }
    // Order inside the run: breadth-first from the units touching its smallest cluster.
    const first = run.joins[0];
    const touchesFirst = (v: number) => {
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) if (clusterOf[neighbors[e]!] === first) return true;
      return false;
    };
    const seeds = sortIndices(run.nodes.filter(touchesFirst));
    const ordered = seeds.length > 0 ? seeds : [run.smallest];
    for (const v of ordered) seen[index[v]!] = run.id;
    for (let head = 0; head < ordered.length; head++) {
      const v = ordered[head]!;
      const next: number[] = [];
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const j = index[neighbors[e]!]!;
        if (j >= 0 && runOf[j] === run.id && seen[j] !== run.id) {
          seen[j] = run.id;
          next.push(neighbors[e]!);
        }
      }
      if (next.length > 1) sortIndices(next);
      for (const w of next) ordered.push(w);
    }
    for (const node of ordered) suggestions.push({ node, cost: nodeCost(problem, node), joins: [...run.joins], step: suggestions.length + 1 });
  }
  return suggestions;
}
