/**
 * The adjacency graph in compressed sparse row (CSR) form: flat typed arrays that a worker can
 * transfer without copying (the delaunator / flatbush style).
 *
 * Layout: the neighbours of node `i` are `neighbors[offsets[i] .. offsets[i + 1])`, sorted
 * ascending, and `sharedMeters[k]` is the length in metres of the border shared with
 * `neighbors[k]` (0 for a queen contact at a single point). Every edge is stored in both
 * directions with the same length.
 */

export type ContiguityMode = 'rook' | 'queen';

export interface AdjacencyGraph {
  /** Number of nodes (boundary features), indexed 0 … nodeCount − 1 in input order. */
  nodeCount: number;
  /** Length nodeCount + 1. */
  offsets: Uint32Array;
  /** Length offsets[nodeCount] (twice the number of undirected edges). */
  neighbors: Uint32Array;
  /** Parallel to `neighbors`: shared border length in metres. */
  sharedMeters: Float64Array;
  mode: ContiguityMode;
}

/** An undirected edge as `[a, b, sharedMeters]` with a < b. */
export type Pair = [a: number, b: number, sharedMeters: number];

/**
 * Builds a CSR graph from undirected pairs. Duplicate pairs keep the longest length; self-loops
 * are dropped. Runs in O(n + m log d).
 * @example graphFromPairs(3, [[0, 1, 120], [1, 2, 80]]).neighbors // Uint32Array [1, 0, 2, 1]
 */
export function graphFromPairs(nodeCount: number, pairs: readonly (readonly [number, number, number?])[], mode: ContiguityMode = 'rook'): AdjacencyGraph {
  const degree = new Uint32Array(nodeCount + 1);
  for (const [a, b] of pairs) {
    if (a === b) continue;
    if (!(a >= 0 && a < nodeCount && b >= 0 && b < nodeCount)) throw new RangeError(`pair (${a}, ${b}) outside 0…${nodeCount - 1}`);
    degree[a]!++;
    degree[b]!++;
  }
  const offsets = new Uint32Array(nodeCount + 1);
  for (let i = 0; i < nodeCount; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const fill = offsets.slice(0, nodeCount);
  const neighbors = new Uint32Array(offsets[nodeCount]!);
  const lengths = new Float64Array(offsets[nodeCount]!);
  for (const [a, b, length = 0] of pairs) {
    if (a === b) continue;
    neighbors[fill[a]!] = b;
    lengths[fill[a]!++] = length;
    neighbors[fill[b]!] = a;
    lengths[fill[b]!++] = length;
  }
  // Sort each row and merge duplicates (keeping the longest shared length). The row is read
  // into `row` first: writing in place while reading in sorted order would overwrite unread values.
  const outOffsets = new Uint32Array(nodeCount + 1);
  let write = 0;
  const row: [neighbor: number, length: number][] = [];
  for (let i = 0; i < nodeCount; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    row.length = 0;
    for (let k = start; k < end; k++) row.push([neighbors[k]!, lengths[k]!]);
    row.sort((x, y) => x[0] - y[0]);
    const rowStart = write;
    for (const [neighbor, length] of row) {
      if (write > rowStart && neighbors[write - 1] === neighbor) {
        if (length > lengths[write - 1]!) lengths[write - 1] = length;
        continue;
      }
      neighbors[write] = neighbor;
      lengths[write] = length;
      write++;
    }
    outOffsets[i + 1] = write;
  }
  return { nodeCount, offsets: outOffsets, neighbors: neighbors.slice(0, write), sharedMeters: lengths.slice(0, write), mode };
}

/** The neighbours of node `i` (a view, not a copy). */
export function neighborsOf(graph: AdjacencyGraph, i: number): Uint32Array {
  return graph.neighbors.subarray(graph.offsets[i]!, graph.offsets[i + 1]!);
}

/** Number of undirected edges. */
export function edgeCount(graph: AdjacencyGraph): number {
  return graph.neighbors.length / 2;
}

/** Every undirected edge once, as `[a, b, sharedMeters]` with a < b, in (a, b) order. */
export function graphPairs(graph: AdjacencyGraph): Pair[] {
  const pairs: Pair[] = [];
  for (let a = 0; a < graph.nodeCount; a++) {
    for (let k = graph.offsets[a]!; k < graph.offsets[a + 1]!; k++) {
      const b = graph.neighbors[k]!;
      if (a < b) pairs.push([a, b, graph.sharedMeters[k]!]);
    }
  }
  return pairs;
}

/** Shared border length between a and b in metres, or undefined when they are not adjacent. */
export function sharedLength(graph: AdjacencyGraph, a: number, b: number): number | undefined {
  let low = graph.offsets[a]!;
  let high = graph.offsets[a + 1]!;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const value = graph.neighbors[mid]!;
    if (value === b) return graph.sharedMeters[mid]!;
    if (value < b) low = mid + 1;
    else high = mid;
  }
  return undefined;
}

/**
 * Builds a CSR graph from parallel edge arrays without per-edge objects: edge e joins `a[e]` and
 * `b[e]` (a ≠ b, each pair given once) with `meters[e]`. Rows come out sorted ascending.
 * @example graphFromEdgeArrays(3, Int32Array.of(0, 1), Int32Array.of(1, 2), Float64Array.of(120, 80), 2).neighbors // [1, 0, 2, 1]
 */
export function graphFromEdgeArrays(nodeCount: number, a: ArrayLike<number>, b: ArrayLike<number>, meters: ArrayLike<number>, edgeTotal: number, mode: ContiguityMode = 'rook'): AdjacencyGraph {
  const offsets = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeTotal; e++) {
    offsets[a[e]! + 1]!++;
    offsets[b[e]! + 1]!++;
  }
  for (let i = 0; i < nodeCount; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, nodeCount);
  const neighbors = new Uint32Array(edgeTotal * 2);
  const lengths = new Float64Array(edgeTotal * 2);
  for (let e = 0; e < edgeTotal; e++) {
    const p = a[e]!;
    const q = b[e]!;
    const m = meters[e]!;
    neighbors[fill[p]!] = q;
    lengths[fill[p]!++] = m;
    neighbors[fill[q]!] = p;
    lengths[fill[q]!++] = m;
  }
  // Insertion sort per row: rows are short (a handful of neighbours); long rows sort by index.
  for (let i = 0; i < nodeCount; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (end - start > 32) {
      const order = Array.from({ length: end - start }, (_, k) => start + k).sort((x, y) => neighbors[x]! - neighbors[y]!);
      const sortedNeighbors = order.map((k) => neighbors[k]!);
      const sortedLengths = order.map((k) => lengths[k]!);
      neighbors.set(sortedNeighbors, start);
      lengths.set(sortedLengths, start);
      continue;
    }
    for (let k = start + 1; k < end; k++) {
      const v = neighbors[k]!;
      const m = lengths[k]!;
      let j = k - 1;
      while (j >= start && neighbors[j]! > v) {
        neighbors[j + 1] = neighbors[j]!;
        lengths[j + 1] = lengths[j]!;
        j--;
      }
      neighbors[j + 1] = v;
      lengths[j + 1] = m;
    }
  }
  return { nodeCount, offsets, neighbors, sharedMeters: lengths, mode };
}
