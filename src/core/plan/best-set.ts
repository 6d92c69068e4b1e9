/**
 * The best contiguous set (自动推荐): of all connected sets of exactly K communities that contain
 * the must-include ones and none of the excluded ones, the one with the greatest total weight
 * (readiness: facility items present, summed over the members).
 *
 * Method: branch and bound over connected sets. Every connected set is enumerated once (the ESU
 * scheme of Wernicke 2006: a set grows from its root only through its extension set and the
 * exclusive neighbours of each added node). Without must-include nodes, roots are taken in order
 * of weight (heaviest first) and a set's root is its heaviest node, so once K × weight(root) is
 * no better than the best set found the search is over. With must-include nodes the first of them
 * is the only root. Each branch is cut by an upper bound (see `layeredBound`): the weight so far
 * plus the best any r more nodes reachable from the branch could add, counting that reaching a
 * node d steps away needs a node at every distance before it.
 *
 * Ties: with whole-number weights (facility counts) many sets weigh the same, and which one the
 * search met first depended on its roots, so `--must X` with X already in the best set returned
 * another set of equal weight (issue 16). Each weight gets a fixed tie-break fraction (`tieBreak`,
 * summing to less than 1 over any K nodes), so the best set is one set whatever the constraints:
 * a constraint the best set already meets returns that same set.
 */
import type { AdjacencyGraph } from '../contiguity/graph.ts';

export interface BestSetOptions {
  /** Number of communities in the set (K ≥ 1). */
  size: number;
  /** Weight per node, finite and ≥ 0 (e.g. facility items present, 0–12). */
  weight: ArrayLike<number>;
  /** Nodes that must be in the set. */
  must?: readonly number[];
  /** Nodes that must stay out. */
  exclude?: readonly number[];
  /**
   * Asked every few hundred branches; returning true stops the search, which then reports the
   * best set found so far with an upper bound (`optimal: false`). Core has no timers: pass
   * `() => performance.now() > deadline` for a time limit, or a cancel flag.
   */
  shouldStop?: () => boolean;
}

export interface BestSet {
  /** Node indices, ascending; empty when no set was found. */
  members: number[];
  /** True when `members` has exactly K nodes and they form one connected set. */
  contiguous: boolean;
  /** Total weight of `members`. */
  objective: number;
  /** True only when the search finished: no contiguous set satisfying the constraints weighs more. */
  optimal: boolean;
  /** No contiguous set satisfying the constraints weighs more than this (= objective when optimal). */
  bound: number;
  /** False when the search finished and found no set at all (constraints cannot be met). */
  feasible: boolean;
  /** Branches explored (the search's effort). */
  branches: number;
}

/** How many branches between two `shouldStop` calls (the first branch asks too). */
const CHECK_EVERY = 256;

/**
 * The connected set of `size` nodes with the greatest total weight, with a proof of optimality
 * when the search finishes (`optimal: true`), else the best found and an upper bound.
 * @throws RangeError when size < 1, a weight is negative or not finite, or a node is out of range.
 * @example
 * const g = graphFromPairs(4, [[0, 1], [1, 2], [2, 3]]);
 * bestContiguousSet(g, { size: 2, weight: [5, 1, 4, 4] }); // members [2, 3], objective 8, optimal true
 */
export function bestContiguousSet(graph: AdjacencyGraph, options: BestSetOptions): BestSet {
  const { shouldStop = () => false } = options;
  const search = bestContiguousSearch(graph, options);
  let step = search.next(false);
  while (!step.done) step = search.next(shouldStop());
  return step.value;
}

/**
 * `bestContiguousSet` as a generator, for callers that must not block (the worker): it yields the
 * number of branches explored every few hundred branches and takes back whether to stop, so a
 * caller can pause between slices (letting a cancel message arrive) and then stop or resume.
 * @example
 * const search = bestContiguousSearch(graph, { size: 12, weight });
 * let step = search.next(false);
 * while (!step.done) step = search.next(cancelled);
 * step.value.optimal;
 */
export function* bestContiguousSearch(graph: AdjacencyGraph, options: Omit<BestSetOptions, 'shouldStop'>): Generator<number, BestSet, boolean> {
  const { size: K, weight: given, must = [], exclude = [] } = options;
  const n = graph.nodeCount;
  const { offsets, neighbors } = graph;
  if (!Number.isInteger(K) || K < 1) throw new RangeError(`size must be an integer ≥ 1, got ${K}`);
  if (given.length !== n) throw new RangeError(`weight has ${given.length} entries, expected one per node (${n})`);
  for (let v = 0; v < n; v++) if (!(given[v]! >= 0 && given[v]! < Infinity)) throw new RangeError(`weight[${v}] is ${given[v]}, expected a finite number ≥ 0`);
  const wholeWeights = Array.from(given).every(Number.isInteger);
  // The search runs on tie-broken weights; objective and bound are reported in the given ones.
  const weight = wholeWeights ? tieBreak(given, K) : given;
  for (const v of [...must, ...exclude]) if (!Number.isInteger(v) || v < 0 || v >= n) throw new RangeError(`node ${v} outside 0 … ${n - 1}`);

  const mustSet = [...new Set(must)].sort((a, b) => a - b);
  const allowed = new Uint8Array(n).fill(1);
  for (const v of exclude) allowed[v] = 0;
  const infeasible = (): BestSet => ({ members: [], contiguous: false, objective: 0, optimal: true, bound: 0, feasible: false, branches: 0 });
  if (mustSet.length > K || mustSet.some((v) => !allowed[v])) return infeasible();

  // Order: heaviest first (ties by index). rank[v] = position; a node may join a set rooted at r only when rank[v] > rank[r].
  const order = Array.from({ length: n }, (_, v) => v).filter((v) => allowed[v]).sort((a, b) => weight[b]! - weight[a]! || a - b);
  const rank = new Int32Array(n).fill(-1);
  order.forEach((v, i) => (rank[v] = i + 1));
  let rootRank = 0;
  const eligible = (u: number) => allowed[u] === 1 && rank[u]! > rootRank;

  const isMust = new Uint8Array(n);
  for (const v of mustSet) isMust[v] = 1;
  const inSet = new Uint8Array(n);
  /** Number of set members adjacent to each node. */
  const touching = new Int32Array(n);
  const members: number[] = [];
  let sum = 0;
  let mustIn = 0;
  let best = -1;
  let bestMembers: number[] = [];
  let branches = 0;
  let stopped = false;

  const add = (v: number) => {
    inSet[v] = 1;
    members.push(v);
    sum += weight[v]!;
    mustIn += isMust[v]!;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) touching[neighbors[e]!]!++;
  };
  const remove = (v: number) => {
    inSet[v] = 0;
    members.pop();
    sum -= weight[v]!;
    mustIn -= isMust[v]!;
    for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) touching[neighbors[e]!]!--;
  };

  // Scratch for the bound: breadth-first layers from the extension set.
  const seen = new Int32Array(n);
  let stamp = 0;
  const depthOf = new Int32Array(n);
  const queue = new Int32Array(n);

  /**
   * Upper bound on the weight r more nodes can add to the current set when they must come from
   * `ext` (distance 1) or be reached from it through nodes not touching the set: by distance
   * layers, a choice of c_d nodes per layer d with layers 1…D all used; each layer gives its
   * c_d heaviest. −Infinity when r nodes (or a missing must node) cannot be reached.
   */
  const layeredBound = (ext: readonly number[], r: number): number => {
    if (r === 0) return mustIn === mustSet.length ? 0 : -Infinity;
    stamp++;
    let tail = 0;
    for (const v of ext) {
      seen[v] = stamp;
      depthOf[v] = 1;
      queue[tail++] = v;
    }
    for (let head = 0; head < tail; head++) {
      const u = queue[head]!;
      const d = depthOf[u]!;
      if (d === r) continue;
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        const w = neighbors[e]!;
        if (seen[w] === stamp || inSet[w] || touching[w] !== 0 || !eligible(w)) continue;
        seen[w] = stamp;
        depthOf[w] = d + 1;
        queue[tail++] = w;
      }
    }
    if (tail < r) return -Infinity;
    let mustReached = 0;
    for (let i = 0; i < tail; i++) mustReached += isMust[queue[i]!]!;
    if (mustIn + mustReached < mustSet.length) return -Infinity;
    // Heaviest r weights per layer (queue is in layer order), then the layered choice.
    const layers: number[][] = [];
    for (let i = 0; i < tail; i++) {
      const v = queue[i]!;
      (layers[depthOf[v]! - 1] ??= []).push(weight[v]!);
    }
    // g[x] = best weight of exactly x nodes from layers j… with layer j used when x > 0.
    let g: number[] = [0, ...new Array<number>(r).fill(-Infinity)];
    for (let j = layers.length - 1; j >= 0; j--) {
      const layer = layers[j]!.sort((a, b) => b - a);
      const next: number[] = [0];
      for (let x = 1; x <= r; x++) {
        let top = -Infinity;
        let prefix = 0;
        for (let c = 1; c <= Math.min(x, layer.length); c++) {
          prefix += layer[c - 1]!;
          const rest = x - c === 0 ? 0 : g[x - c]!;
          if (prefix + rest > top) top = prefix + rest;
        }
        next.push(top);
      }
      g = next;
    }
    return g[r]!;
  };

  /** Explores every set that extends the current one from `ext`; when stopped, returns the bound of what it left unexplored. */
  const extend = function* (ext: number[]): Generator<number, number, boolean> {
    if (members.length === K) {
      if (mustIn === mustSet.length && sum > best) {
        best = sum;
        bestMembers = [...members];
      }
      return -Infinity;
    }
    const r = K - members.length;
    for (let i = 0; i < ext.length; i++) {
      if (branches++ % CHECK_EVERY === 0 && (yield branches)) stopped = true;
      if (stopped) return sum + layeredBound(ext.slice(i), r);
      const w = ext[i]!;
      // Exclusive neighbours of w: not in the set and not touching it (so each set is enumerated once).
      const next = ext.slice(i + 1);
      for (let e = offsets[w]!, end = offsets[w + 1]!; e < end; e++) {
        const u = neighbors[e]!;
        if (u !== w && !inSet[u] && touching[u] === 0 && eligible(u)) next.push(u);
      }
      add(w);
      next.sort(heavierFirst);
      if (sum + layeredBound(next, r - 1) > best) {
        const left = yield* extend(next);
        if (stopped) {
          remove(w);
          return Math.max(left, sum + layeredBound(ext.slice(i), r));
        }
      }
      remove(w);
    }
    return -Infinity;
  };
  const heavierFirst = (a: number, b: number) => weight[b]! - weight[a]! || a - b;

  /** Searches the sets rooted at `root`; the bound of what is left when stopped, else −Infinity. */
  /** The eligible neighbours of a root, heaviest first: where its sets grow from. */
  const rootExtension = (root: number): number[] => {
    const ext: number[] = [];
    for (let e = offsets[root]!, end = offsets[root + 1]!; e < end; e++) if (eligible(neighbors[e]!)) ext.push(neighbors[e]!);
    return ext.sort(heavierFirst);
  };

  const searchRoot = function* (root: number): Generator<number, number, boolean> {
    add(root);
    const ext = rootExtension(root);
    const left = sum + layeredBound(ext, K - 1) > best ? yield* extend(ext) : -Infinity;
    remove(root);
    return left;
  };

  /** Upper bound on every set rooted at `root` (rootRank must be set for it). */
  const rootBound = (root: number): number => {
    add(root);
    const value = sum + layeredBound(rootExtension(root), K - 1);
    remove(root);
    return value;
  };

  let bound = -Infinity;
  if (mustSet.length > 0) {
    const root = mustSet[0]!;
    rank[root] = 0;
    rootRank = 0;
    bound = yield* searchRoot(root);
  } else {
    for (let i = 0; i < order.length; i++) {
      const root = order[i]!;
      // Every set rooted here or later weighs at most K × weight(root).
      if (K * weight[root]! <= best) break;
      rootRank = rank[root]!;
      bound = yield* searchRoot(root);
      if (stopped) {
        // Roots not searched: each bounded by its own layered bound (and K × its weight).
        for (let j = i + 1; j < order.length && K * weight[order[j]!]! > Math.max(best, bound); j++) {
          rootRank = rank[order[j]!]!;
          bound = Math.max(bound, Math.min(K * weight[order[j]!]!, rootBound(order[j]!)));
        }
        break;
      }
    }
  }
  const found = best >= 0;
  const sorted = [...bestMembers].sort((a, b) => a - b);
  const objective = found ? sorted.reduce((total, v) => total + given[v]!, 0) : 0;
  // A tie-broken bound exceeds the whole-number one by less than 1.
  const givenBound = (value: number) => (wholeWeights ? Math.floor(value + 1e-9) : value);
  return {
    members: sorted,
    contiguous: found && isConnected(graph, sorted),
    objective,
    optimal: !stopped,
    bound: stopped ? Math.max(objective, givenBound(Math.max(bound, 0))) : objective,
    feasible: stopped || found,
    branches,
  };
}

/**
 * Whole-number weights plus a fixed fraction per node that depends only on the node, scaled so
 * that any K fractions sum to less than 1: a heavier set stays heavier, and among equally heavy
 * sets one is preferred. The fractions come from an integer hash of the node: evenly spaced ones
 * (golden-ratio steps) are linear in the node index, so two sets with the same index sum tied.
 */
function tieBreak(weight: ArrayLike<number>, K: number): Float64Array {
  const out = new Float64Array(weight.length);
  for (let v = 0; v < weight.length; v++) out[v] = weight[v]! + (nodeFraction(v) * 0.999) / K;
  return out;
}

/** A fraction in [0, 1) from node `v` (the murmur3 finalizer of v + 1): fixed, and unrelated between nodes. */
function nodeFraction(v: number): number {
  let h = (v + 1) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** True when `nodes` (non-empty) induce a connected subgraph. */
export function isConnected(graph: AdjacencyGraph, nodes: readonly number[]): boolean {
  if (nodes.length === 0) return false;
  const inside = new Set(nodes);
  const seen = new Set([nodes[0]!]);
  const stack = [nodes[0]!];
  while (stack.length > 0) {
    const u = stack.pop()!;
    for (let e = graph.offsets[u]!, end = graph.offsets[u + 1]!; e < end; e++) {
      const w = graph.neighbors[e]!;
      if (inside.has(w) && !seen.has(w)) {
        seen.add(w);
        stack.push(w);
      }
    }
  }
  return seen.size === inside.size;
}
