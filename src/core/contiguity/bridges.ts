/**
 * Bridge suggestions (连线成片): the fewest / cheapest extra units whose designation joins all
 * clusters of a selection into one patch, as a node-weighted Steiner tree on the adjacency graph.
 */
import { contiguousClusters, type ClusterReport } from './clusters.ts';
import type { AdjacencyGraph } from './graph.ts';
import { dreyfusWagner } from './steiner/dreyfus-wagner.ts';
import { nodeCost, setCost, type SteinerProblem } from './steiner/problem.ts';
import { createHeuristicScratch, shortestPathHeuristic, type HeuristicScratch } from './steiner/shortest-path-heuristic.ts';
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

/**
 * Buffers sized by the graph that `bridgesForReport` reuses between calls, and a note that the
 * costs were checked once: the planner keeps one per graph, so a toggle neither allocates arrays
 * sized by the whole graph nor re-checks the same cost array.
 */
export interface BridgeScratch {
  heuristic: HeuristicScratch;
  /** -1 everywhere between calls (position of each added node in `explain`). */
  addedPosition: Int32Array;
  /** The cost array already checked for this graph. */
  checkedCost: Float64Array | null;
}

/** Scratch for `bridgesForReport` on graphs of `nodeCount` nodes. */
export function createBridgeScratch(nodeCount: number): BridgeScratch {
  return { heuristic: createHeuristicScratch(nodeCount), addedPosition: new Int32Array(nodeCount).fill(-1), checkedCost: null };
}

/**
 * `suggestBridges` on clusters already computed (the planner reuses its report).
 * @param scratch from `createBridgeScratch(graph.nodeCount)`, reused between calls on one graph (same answers).
 */
export function bridgesForReport(graph: AdjacencyGraph, report: ClusterReport, options: BridgeOptions = {}, scratch?: BridgeScratch): BridgeSolution {
  const { cost, exactMaxClusters = DEFAULT_EXACT_MAX_CLUSTERS, timeBudgetMs = Infinity, now = Date.now } = options;
  const buffers = scratch && scratch.addedPosition.length === graph.nodeCount ? scratch : createBridgeScratch(graph.nodeCount);
  // A cost array is checked once per scratch (the planner passes the same array on every toggle).
  if (cost && buffers.checkedCost !== cost) {
    checkCost(cost, graph.nodeCount);
    buffers.checkedCost = cost;
  }
  if (report.clusters.length <= 1) return { added: [], totalCost: 0, exact: true, connected: true, unreachableClusters: [], suggestions: [], method: 'none' };
  const deadline = timeBudgetMs === Infinity ? Infinity : now() + timeBudgetMs;
  const expired = deadline === Infinity ? () => false : () => now() > deadline;
  const problem: SteinerProblem = { graph, clusterOf: report.clusterOf, members: report.clusters.map((c) => c.members), cost: cost ?? null };

  // 1. Heuristic tree per graph component (also the exact search's upper bound).
  const groups = shortestPathHeuristic(problem, buffers.heuristic);
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
  // Each group's nodes are ascending already; one group (the usual case) needs no merge.
  const added = joining.length === 1 ? joining[0]!.added : sortIndices(joining.flatMap((group) => group.added));
  const unreachableClusters = sortIndices(groups.slice(1).flatMap((group) => group.clusters));
  return {
    added,
    totalCost: setCost(problem, added),
    exact: joining.every((group) => group.exact),
    connected: unreachableClusters.length === 0,
    unreachableClusters,
    suggestions: explain(problem, added, buffers.addedPosition),
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
 * @param index scratch of one entry per graph node, all -1 (left all -1 on return).
 */
function explain(problem: SteinerProblem, added: readonly number[], index: Int32Array): BridgeSuggestion[] {
  const { offsets, neighbors } = problem.graph;
  const { clusterOf } = problem;
  const clusterCount = problem.members.length;
  // Typed lookups (this runs on every planner toggle): position of each added node, its run, a
  // visit stamp, and the last run that listed each cluster (so a run lists a cluster once).
  for (let i = 0; i < added.length; i++) index[added[i]!] = i;
  const runOf = new Int32Array(added.length).fill(-1);
  const seen = new Int32Array(added.length).fill(-1);
  const listedBy = new Int32Array(clusterCount).fill(-1);
  const touched = new Int32Array(clusterCount);
  const runs: Run[] = [];
  for (let i = 0; i < added.length; i++) {
    if (runOf[i] !== -1) continue;
    // Connected run of added units, and the clusters it touches.
    const id = runs.length;
    const nodes = [added[i]!];
    let joinCount = 0;
    runOf[i] = id;
    for (let head = 0; head < nodes.length; head++) {
      const v = nodes[head]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = neighbors[e]!;
        const c = clusterOf[w]!;
        if (c >= 0 && listedBy[c] !== id) {
          listedBy[c] = id;
          touched[joinCount++] = c;
        }
        const j = index[w]!;
        if (j >= 0 && runOf[j] === -1) {
          runOf[j] = id;
          nodes.push(w);
        }
      }
    }
    // The clusters joined, in an array of their exact count (most runs join two).
    let joins: number[];
    if (joinCount === 2) joins = touched[0]! < touched[1]! ? [touched[0]!, touched[1]!] : [touched[1]!, touched[0]!];
    else {
      joins = [];
      for (let j = 0; j < joinCount; j++) joins.push(touched[j]!);
      sortIndices(joins);
    }
    const sorted = nodes.length === 1 ? nodes : sortIndices(nodes.slice());
    runs.push({ id, nodes, joins, cost: setCost(problem, sorted), smallest: sorted[0]! });
  }
  const suggestions: BridgeSuggestion[] = [];
  for (const run of presentationOrder(runs, clusterCount, problem.graph.nodeCount, (v) => runOf[index[v]!]!)) {
    if (run.nodes.length === 1) {
      // Most runs are one unit between two clusters; its one suggestion takes the run's joins array.
      suggestions.push({ node: run.smallest, cost: nodeCost(problem, run.smallest), joins: run.joins, step: suggestions.length + 1 });
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
    for (const node of ordered) suggestions.push({ node, cost: nodeCost(problem, node), joins: run.joins.slice(), step: suggestions.length + 1 });
  }
  for (let i = 0; i < added.length; i++) index[added[i]!] = -1;
  return suggestions;
}

interface Run {
  id: number;
  nodes: number[];
  joins: number[];
  cost: number;
  smallest: number;
}

/**
 * Runs sorted by clusters joined (more first), cost (cheaper first), smallest cluster id, smallest
 * node. With ~1,000 runs per planner toggle a comparator sort called back into JS ~10,000 times;
 * instead the runs are put in (cluster id, node) order by one native sort of integer keys, then
 * grouped, in that order, by clusters joined and cost (few distinct values: readiness levels).
 * Runs are disjoint, so the smallest node names a run and makes the order total.
 */
function presentationOrder(runs: Run[], clusterCount: number, nodeCount: number, runOfNode: (node: number) => number): Run[] {
  if (runs.length <= 1) return runs;
  // 1. By smallest cluster id, then smallest node: key = cluster × nodeCount + node.
  const keys = clusterCount * nodeCount <= 0x7fffffff ? new Int32Array(runs.length) : new Float64Array(runs.length);
  for (let i = 0; i < runs.length; i++) keys[i] = (runs[i]!.joins[0] ?? 0) * nodeCount + runs[i]!.smallest;
  keys.sort();
  // 2. Groups by clusters joined, then by cost, each keeping step 1's order.
  const groups: Map<number, Run[]>[] = [];
  for (let i = 0; i < keys.length; i++) {
    const run = runs[runOfNode(keys[i]! % nodeCount)]!;
    const byCost = (groups[run.joins.length] ??= new Map());
    const list = byCost.get(run.cost);
    if (list) list.push(run);
    else byCost.set(run.cost, [run]);
  }
  const ordered: Run[] = [];
  for (let joins = groups.length - 1; joins >= 0; joins--) {
    const byCost = groups[joins];
    if (!byCost) continue;
    for (const cost of Float64Array.from(byCost.keys()).sort()) for (const run of byCost.get(cost)!) ordered.push(run);
  }
  return ordered;
}
