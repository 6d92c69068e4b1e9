/**
 * The bridge approximation as it was before issue 18's faster path (main at 0c1e03c:
 * shortestPathHeuristic, pruneRedundant with one articulation pass per removal, and explain), kept
 * verbatim as the oracle that the faster code gives the same answers; the binary NodeHeap, which
 * the faster path left unchanged, is the engine's own. Not a test file.
 */
import type { BridgeOptions, BridgeSolution, BridgeSuggestion } from '../../../src/core/contiguity/bridges.ts';
import type { ClusterReport } from '../../../src/core/contiguity/clusters.ts';
import type { AdjacencyGraph } from '../../../src/core/contiguity/graph.ts';
import { dreyfusWagner } from '../../../src/core/contiguity/steiner/dreyfus-wagner.ts';
// The heap is unchanged by the faster code: the reference uses the engine's own.
import { NodeHeap } from '../../../src/core/contiguity/steiner/node-heap.ts';
import { nodeCost, setCost, type SteinerGroup, type SteinerProblem } from '../../../src/core/contiguity/steiner/problem.ts';

const DEFAULT_EXACT_MAX_CLUSTERS = 8;

/** `bridgesForReport` as it was before issue 18 (checkCost left out: the tests pass valid costs). */
export function referenceBridgesForReport(graph: AdjacencyGraph, report: ClusterReport, options: BridgeOptions = {}): BridgeSolution {
  const { cost, exactMaxClusters = DEFAULT_EXACT_MAX_CLUSTERS, timeBudgetMs = Infinity, now = Date.now } = options;
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
  const added = joining.flatMap((group) => group.added).sort((a, b) => a - b);
  const unreachableClusters = groups.slice(1).flatMap((group) => group.clusters).sort((a, b) => a - b);
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
 * Joins every cluster to the others in its graph component. Returns one group per component
 * that holds a cluster, ordered by the group's smallest cluster id (so group 0 contains cluster 0).
 */
function shortestPathHeuristic(problem: SteinerProblem): SteinerGroup[] {
  const { graph, clusterOf, members, cost } = problem;
  const { offsets, neighbors } = graph;
  const n = graph.nodeCount;
  const k = members.length;
  const dist = new Float64Array(n).fill(Infinity);
  const pred = new Int32Array(n).fill(-1);
  const inTree = new Uint8Array(n);
  const joined = new Uint8Array(k);
  const heap = new NodeHeap(1024);
  const groups: SteinerGroup[] = [];
  // Cost of entering each node, read once per relaxation: 0 inside clusters.
  const enter = new Float64Array(n);
  for (let v = 0; v < n; v++) enter[v] = clusterOf[v]! >= 0 ? 0 : cost ? cost[v]! : 1;

  for (let root = 0; root < k; root++) {
    if (joined[root]) continue;
    const group: SteinerGroup = { clusters: [], added: [], exact: true };
    const attachCluster = (c: number) => {
      joined[c] = 1;
      group.clusters.push(c);
      for (const m of members[c]!) {
        inTree[m] = 1;
        dist[m] = 0;
        pred[m] = -1;
        heap.push(m, 0);
      }
    };
    heap.clear();
    attachCluster(root);
    while (heap.length > 0) {
      const u = heap.pop();
      const label = heap.poppedKey;
      if (label > dist[u]!) continue;
      const c = clusterOf[u]!;
      if (c >= 0 && !joined[c]) {
        // Nearest cluster reached: add the path back to the tree (and any cluster it crosses).
        let x = u;
        while (x !== -1 && !inTree[x]) {
          const next = pred[x]!;
          const cx = clusterOf[x]!;
          if (cx < 0) {
            group.added.push(x);
            inTree[x] = 1;
            dist[x] = 0;
            pred[x] = -1;
            heap.push(x, 0);
          } else if (!joined[cx]) {
            attachCluster(cx);
          }
          x = next;
        }
        continue;
      }
      // Relax: entering w costs its node weight (0 inside clusters).
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        const w = neighbors[e]!;
        const next = label + enter[w]!;
        if (next < dist[w]!) {
          dist[w] = next;
          pred[w] = u;
          heap.push(w, next);
        }
      }
    }
    group.clusters.sort((a, b) => a - b);
    group.added = pruneRedundant(problem, group.clusters, group.added);
    group.exact = group.clusters.length <= 2;
    groups.push(group);
  }
  return groups;
}

/**
 * Removes added nodes whose removal keeps all clusters connected, most expensive first (ties:
 * larger index first): the same result as trying each in that order with a connectivity search,
 * but with one articulation-point search per removal instead of one search per node. Works on the
 * contracted structure (clusters as single vertices), so the cost depends on the added nodes
 * only. Returns the kept nodes ascending.
 */
function pruneRedundant(problem: SteinerProblem, clusters: readonly number[], added: readonly number[]): number[] {
  if (added.length === 0) return [];
  const { graph, clusterOf } = problem;
  const { offsets, neighbors } = graph;
  const clusterCount = clusters.length;
  const total = clusterCount + added.length;
  // Element id per cluster and per added node (typed lookups: this runs on every planner toggle).
  const local = new Int32Array(problem.members.length).fill(-1);
  clusters.forEach((c, i) => (local[c] = i));
  const addedIndex = new Int32Array(graph.nodeCount).fill(-1);
  added.forEach((v, i) => (addedIndex[v] = clusterCount + i));
  // Contracted adjacency: element ids 0 … C − 1 are clusters, C … are added nodes.
  const adjacency: number[][] = Array.from({ length: total }, () => []);
  const linkedTo = new Int32Array(total).fill(-1);
  for (let i = 0; i < added.length; i++) {
    const self = clusterCount + i;
    const v = added[i]!;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const w = neighbors[e]!;
      const other = clusterOf[w]! >= 0 ? local[clusterOf[w]!]! : addedIndex[w]!;
      if (other < 0 || linkedTo[other] === self) continue;
      linkedTo[other] = self;
      adjacency[self]!.push(other);
      if (other < clusterCount) adjacency[other]!.push(self);
    }
  }
  // The same adjacency in CSR form.
  const first = new Int32Array(total + 1);
  for (let x = 0; x < total; x++) first[x + 1] = first[x]! + adjacency[x]!.length;
  const next = new Int32Array(first[total]!);
  for (let x = 0; x < total; x++) next.set(adjacency[x]!, first[x]!);
  const removed = new Uint8Array(total);
  const degree = Int32Array.from(adjacency, (list) => list.length);
  // Peel added leaves: they join nothing.
  const stack: number[] = [];
  for (let x = clusterCount; x < total; x++) if (degree[x]! <= 1) stack.push(x);
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (removed[x]) continue;
    removed[x] = 1;
    for (let e = first[x]!; e < first[x + 1]!; e++) {
      const y = next[e]!;
      if (!removed[y] && --degree[y]! <= 1 && y >= clusterCount) stack.push(y);
    }
  }
  // Then the most expensive node that separates no cluster from the others, one at a time. A
  // node that separates clusters keeps doing so as others go, so one articulation-point pass
  // per removal decides every candidate.
  const candidates: number[] = [];
  for (let x = clusterCount; x < total; x++) if (!removed[x]) candidates.push(x);
  candidates.sort((a, b) => nodeCost(problem, added[b - clusterCount]!) - nodeCost(problem, added[a - clusterCount]!) || b - a);
  const essential = new Uint8Array(total);
  const order = new Int32Array(total);
  const low = new Int32Array(total);
  const clustersBelow = new Int32Array(total);
  const parent = new Int32Array(total);
  const edge = new Int32Array(total);
  const path = new Int32Array(total);
  while (candidates.length > 0) {
    // Depth-first search from cluster 0: x separates clusters when a child subtree holding a
    // cluster has no edge back above x.
    order.fill(0);
    let time = 0;
    let depth = 0;
    path[depth++] = 0;
    order[0] = low[0] = ++time;
    clustersBelow[0] = 1;
    parent[0] = -1;
    edge[0] = first[0]!;
    while (depth > 0) {
      const u = path[depth - 1]!;
      if (edge[u]! < first[u + 1]!) {
        const y = next[edge[u]!]!;
        edge[u]!++;
        if (removed[y]) continue;
        if (order[y] === 0) {
          order[y] = low[y] = ++time;
          clustersBelow[y] = y < clusterCount ? 1 : 0;
          parent[y] = u;
          edge[y] = first[y]!;
          path[depth++] = y;
        } else if (y !== parent[u] && order[y]! < low[u]!) low[u] = order[y]!;
        continue;
      }
      depth--;
      const p = parent[u]!;
      if (p < 0) continue;
      if (low[u]! < low[p]!) low[p] = low[u]!;
      clustersBelow[p] = clustersBelow[p]! + clustersBelow[u]!;
      if (low[u]! >= order[p]! && clustersBelow[u]! > 0) essential[p] = 1;
    }
    const index = candidates.findIndex((x) => !essential[x]);
    if (index < 0) break;
    removed[candidates[index]!] = 1;
    candidates.splice(0, index + 1);
  }
  return added.filter((_, i) => !removed[clusterCount + i]).sort((a, b) => a - b);
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
    const sorted = [...nodes].sort((a, b) => a - b);
    runs.push({ id, nodes, joins: joins.sort((a, b) => a - b), cost: setCost(problem, sorted), smallest: sorted[0]! });
  }
  runs.sort((a, b) => b.joins.length - a.joins.length || a.cost - b.cost || (a.joins[0] ?? 0) - (b.joins[0] ?? 0) || a.smallest - b.smallest);
  const suggestions: BridgeSuggestion[] = [];
  for (const run of runs) {
    // Order inside the run: breadth-first from the units touching its smallest cluster.
    const first = run.joins[0];
    const touchesFirst = (v: number) => {
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) if (clusterOf[neighbors[e]!] === first) return true;
      return false;
    };
    const seeds = run.nodes.filter(touchesFirst).sort((a, b) => a - b);
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
      if (next.length > 1) next.sort((a, b) => a - b);
      for (const w of next) ordered.push(w);
    }
    for (const node of ordered) suggestions.push({ node, cost: nodeCost(problem, node), joins: [...run.joins], step: suggestions.length + 1 });
  }
  return suggestions;
}
