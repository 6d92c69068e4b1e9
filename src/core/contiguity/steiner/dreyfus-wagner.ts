/**
 * Exact node-weighted Steiner tree by the Dreyfus–Wagner dynamic programme (1971), adapted to node
 * weights and to terminals that are whole clusters:
 *
 *   dp[S][v] = cheapest connected set containing v and touching every cluster in S (v's cost counted),
 *   merge:  dp[S][v] ← dp[A][v] + dp[S∖A][v] − cost(v)      for A ⊂ S,
 *   grow:   dp[S][w] ← dp[S][u] + cost(w)                    for edges u–w (Dijkstra per S).
 *
 * One terminal is the root and left out of the subsets, so there are 2^(k−1) − 1 subsets, each with
 * one Dijkstra, and 3^(k−1) merge steps per node. What keeps 8 clusters on 20,000 nodes near
 * 0.3 s (see the clusters benchmark):
 * - node filter: an added node v of a minimal tree splits it into parts holding different
 *   clusters i, j, so d_i(v) + d_j(v) − cost(v) ≤ UB (d = node-weighted distance from a cluster,
 *   UB = the heuristic's cost); other nodes are dropped and the clusters contracted to single
 *   nodes of cost 0;
 * - entry pruning: dp[S][v] is kept only if the rest of a tree through v (which must reach every
 *   terminal outside S, the root included) still fits under UB, with lower bounds from one and
 *   from two outside terminals; rows stay sparse and merges walk the finite entries only;
 * - a bucket queue (Dial) instead of a heap when the lightest node weight allows few buckets.
 * Memory: 12 bytes per dp entry, 2^(k−1) × (kept nodes + k), capped by MAX_DP_ENTRIES.
 */
import { BucketQueue } from './bucket-queue.ts';
import { NodeHeap } from './node-heap.ts';
import { nodeCost, type SteinerProblem } from './problem.ts';

/** Largest dp table (entries, 12 bytes each: about 100 MB) the exact search allocates; beyond it the approximation stands. */
export const MAX_DP_ENTRIES = 1 << 23;

/**
 * Optimal unselected nodes joining `clusters` (all in one graph component, at least two), or null
 * when `expired()` turns true or the table would exceed MAX_DP_ENTRIES.
 * @param upperBound cost of a known solution (e.g. the heuristic's); trees costlier than it are not explored.
 */
export function dreyfusWagner(problem: SteinerProblem, clusters: readonly number[], upperBound: number, expired: () => boolean): number[] | null {
  const { graph, clusterOf, members } = problem;
  const { offsets, neighbors } = graph;
  const n = graph.nodeCount;
  const terminalCount = clusters.length;
  const bound = upperBound * (1 + 1e-9) + 1e-9;
  const cost = new Float64Array(n);
  let lightest = Infinity;
  for (let v = 0; v < n; v++) {
    cost[v] = nodeCost(problem, v);
    if (cost[v]! > 0 && cost[v]! < lightest) lightest = cost[v]!;
  }
  // Bucket queue when the weights allow few buckets (labels final per bucket), else a heap.
  const queue = lightest < Infinity && BucketQueue.bucketCount(lightest, bound) <= 1 << 22 ? new BucketQueue(lightest, bound) : new NodeHeap(1024);

  // 1. Distance from each cluster to every node within the bound (node-weighted Dijkstra).
  const distances = clusters.map((c) => {
    const dist = new Float64Array(n).fill(Infinity);
    queue.clear();
    for (const m of members[c]!) {
      dist[m] = 0;
      queue.push(m, 0);
    }
    while (queue.length > 0) {
      const u = queue.pop();
      const label = queue.poppedKey;
      if (label > dist[u]!) continue;
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        const w = neighbors[e]!;
        const next = label + cost[w]!;
        if (next < dist[w]! && next <= bound) {
          dist[w] = next;
          queue.push(w, next);
        }
      }
    }
    return dist;
  });
  if (expired()) return null;

  // 2. Keep the unselected nodes that can lie in a tree of cost ≤ bound; contract the clusters.
  const reduced = new Int32Array(n).fill(-1);
  clusters.forEach((c, t) => {
    for (const m of members[c]!) reduced[m] = t;
  });
  const original: number[] = [];
  for (let v = 0; v < n; v++) {
    if (clusterOf[v]! >= 0) continue;
    let first = Infinity;
    let second = Infinity;
    for (const dist of distances) {
      const d = dist[v]!;
      if (d < first) {
        second = first;
        first = d;
      } else if (d < second) second = d;
    }
    if (first + second - cost[v]! <= bound) {
      reduced[v] = terminalCount + original.length;
      original.push(v);
    }
  }
  const size = terminalCount + original.length;
  const subsets = 1 << (terminalCount - 1);
  if (subsets * size > MAX_DP_ENTRIES) return null;
  const weight = new Float64Array(size);
  for (let j = 0; j < original.length; j++) weight[terminalCount + j] = cost[original[j]!]!;
  const { start, adjacent } = reducedGraph(problem, clusters, original, reduced, size);

  // Distance from each terminal to every reduced node, terminal-major (lower bounds for pruning).
  const reach = new Float64Array(terminalCount * size);
  for (let t = 0; t < terminalCount; t++) {
    const dist = distances[t]!;
    for (let j = 0; j < original.length; j++) reach[t * size + terminalCount + j] = dist[original[j]!]!;
    for (let u = 0; u < terminalCount; u++) {
      let nearest = Infinity;
      for (const m of members[clusters[u]!]!) if (dist[m]! < nearest) nearest = dist[m]!;
      reach[t * size + u] = nearest;
    }
  }

  // 3. The programme over subsets of the non-root terminals 1 … k − 1 (bit i ↔ terminal i + 1).
  const dp = new Float64Array(subsets * size).fill(Infinity);
  const back = new Int32Array(subsets * size).fill(-1);
  const finite: Int32Array[] = [new Int32Array(0)];
  // limit[v]: the largest dp[set][v] that still fits a tree within the bound, because the rest of
  // the tree must reach every terminal outside the set (the root included) from v. Computed on
  // first use per set (stamped in limitSet).
  const limit = new Float64Array(size);
  const limitSet = new Int32Array(size);
  const outside = new Int32Array(terminalCount);
  let heaviest = 0;
  for (let v = 0; v < size; v++) heaviest = Math.max(heaviest, weight[v]!);
  const limitAt = (v: number, set: number, rows: Int32Array, count: number): number => {
    // The rest (a tree through v and the outside terminals) costs at least the distance from v to
    // each of them, and for two of them t, u at least (d_t(v) + d_u(v) + d(t, u) − max weight) / 2
    // (the three paths between v, t, u cover that tree twice, its median node three times).
    let rest = 0;
    for (let i = 0; i < count; i++) {
      const dv = reach[rows[i]! + v]!;
      if (dv > rest) rest = dv;
      for (let j = 0; j < i; j++) {
        const pair = (dv + reach[rows[j]! + v]! + reach[rows[i]! + rows[j]! / size]! - heaviest) / 2;
        if (pair > rest) rest = pair;
      }
    }
    limitSet[v] = set;
    return (limit[v] = bound - rest + weight[v]!);
  };
  const full = subsets - 1;
  for (let set = 1; set <= full; set++) {
    const row = set * size;
    const low = set & -set;
    let outsideCount = 1;
    for (let i = 0; i < terminalCount - 1; i++) if (!(set & (1 << i))) outside[outsideCount++] = (i + 1) * size;
    const listed: number[] = [];
    if (set === low) {
      // A single terminal: the tree is the terminal itself.
      const terminal = 31 - Math.clz32(set) + 1;
      dp[row + terminal] = 0;
      listed.push(terminal);
    } else {
      // Merge two subtrees meeting at v (A holds the lowest bit so each split is tried once).
      for (let a = (set - 1) & set; a > 0; a = (a - 1) & set) {
        if ((a & low) === 0) continue;
        const rowA = a * size;
        const rowB = (set ^ a) * size;
        const shorter = finite[a]!.length <= finite[set ^ a]!.length ? finite[a]! : finite[set ^ a]!;
        for (let i = 0; i < shorter.length; i++) {
          const v = shorter[i]!;
          const value = dp[rowA + v]! + dp[rowB + v]! - weight[v]!;
          if (value < dp[row + v]! && value <= (limitSet[v] === set ? limit[v]! : limitAt(v, set, outside, outsideCount))) {
            if (dp[row + v] === Infinity) listed.push(v);
            dp[row + v] = value;
            back[row + v] = -2 - a;
          }
        }
      }
    }
    // Grow the subtrees along cheapest paths (Dijkstra from every finite label).
    queue.clear();
    for (const v of listed) queue.push(v, dp[row + v]!);
    while (queue.length > 0) {
      const u = queue.pop();
      const label = queue.poppedKey;
      if (label > dp[row + u]!) continue;
      for (let e = start[u]!, end = start[u + 1]!; e < end; e++) {
        const w = adjacent[e]!;
        const next = label + weight[w]!;
        if (next < dp[row + w]! && next <= (limitSet[w] === set ? limit[w]! : limitAt(w, set, outside, outsideCount))) {
          if (dp[row + w] === Infinity) listed.push(w);
          dp[row + w] = next;
          back[row + w] = u;
          queue.push(w, next);
        }
      }
    }
    finite.push(Int32Array.from(listed).sort());
    if (expired()) return null;
  }
  if (!(dp[full * size]! < Infinity)) return null;

  // 4. Walk the back pointers from the root to collect the tree's unselected nodes.
  const inTree = new Uint8Array(size);
  const stack: number[] = [full, 0];
  while (stack.length > 0) {
    const v = stack.pop()!;
    const set = stack.pop()!;
    inTree[v] = 1;
    const how = back[set * size + v]!;
    if (how >= 0) stack.push(set, how);
    else if (how <= -2) {
      const a = -2 - how;
      stack.push(a, v, set ^ a, v);
    }
  }
  const added: number[] = [];
  for (let j = 0; j < original.length; j++) if (inTree[terminalCount + j]) added.push(original[j]!);
  return added.sort((a, b) => a - b);
}

/** CSR adjacency of the contracted, filtered graph (neighbours deduplicated). */
function reducedGraph(problem: SteinerProblem, clusters: readonly number[], original: readonly number[], reduced: Int32Array, size: number): { start: Int32Array; adjacent: Int32Array } {
  const { offsets, neighbors } = problem.graph;
  const start = new Int32Array(size + 1);
  const adjacent: number[] = [];
  const stamp = new Int32Array(size).fill(-1);
  const addNeighbours = (self: number, v: number) => {
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
      const r = reduced[neighbors[e]!]!;
      if (r < 0 || r === self || stamp[r] === self) continue;
      stamp[r] = self;
      adjacent.push(r);
    }
  };
  for (let t = 0; t < clusters.length; t++) {
    for (const m of problem.members[clusters[t]!]!) addNeighbours(t, m);
    start[t + 1] = adjacent.length;
  }
  for (let j = 0; j < original.length; j++) {
    addNeighbours(clusters.length + j, original[j]!);
    start[clusters.length + j + 1] = adjacent.length;
  }
  return { start, adjacent: Int32Array.from(adjacent) };
}
