/** fast-check arbitraries and small oracles for the graph-algorithm tests (not a test file). */
import fc from 'fast-check';
import { graphFromPairs, type AdjacencyGraph } from '../../../src/core/contiguity/graph.ts';

export interface GraphCase {
  nodeCount: number;
  pairs: [number, number][];
  designated: Uint8Array;
  /** Integer costs 1…4 (exact float sums), one per node. */
  cost: Float64Array;
}

/** A random graph of 1 … maxNodes nodes with a random selection and integer costs. */
export function graphCase(maxNodes: number, { minNodes = 1, density = 2 }: { minNodes?: number; density?: number } = {}): fc.Arbitrary<GraphCase> {
  return fc.integer({ min: minNodes, max: maxNodes }).chain((nodeCount) =>
    fc.record({
      nodeCount: fc.constant(nodeCount),
      pairs: fc.array(fc.tuple(fc.nat(nodeCount - 1), fc.nat(nodeCount - 1)), { maxLength: Math.ceil(density * nodeCount) }),
      designated: fc.array(fc.boolean(), { minLength: nodeCount, maxLength: nodeCount }).map((flags) => Uint8Array.from(flags, Number)),
      cost: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: nodeCount, maxLength: nodeCount }).map((values) => Float64Array.from(values)),
    }),
  );
}

/** A random grid graph (rook neighbours) with a sparse random selection: planar like real districts. */
export function gridCase(maxSide: number): fc.Arbitrary<GraphCase> {
  return fc.tuple(fc.integer({ min: 2, max: maxSide }), fc.integer({ min: 2, max: maxSide })).chain(([columns, rows]) => {
    const nodeCount = columns * rows;
    const pairs: [number, number][] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        if (c + 1 < columns) pairs.push([r * columns + c, r * columns + c + 1]);
        if (r + 1 < rows) pairs.push([r * columns + c, (r + 1) * columns + c]);
      }
    }
    return fc.record({
      nodeCount: fc.constant(nodeCount),
      pairs: fc.constant(pairs),
      designated: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: nodeCount, maxLength: nodeCount }).map((draws) => Uint8Array.from(draws, (d) => (d === 0 ? 1 : 0))),
      cost: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: nodeCount, maxLength: nodeCount }).map((values) => Float64Array.from(values)),
    });
  });
}

export function graphOf(c: GraphCase): AdjacencyGraph {
  return buildGraph(c.nodeCount, c.pairs);
}

/** Test graphs come from graphFromPairs (duplicates and self-loops in random pairs included). */
export function buildGraph(nodeCount: number, pairs: readonly (readonly [number, number, number?])[]): AdjacencyGraph {
  return graphFromPairs(nodeCount, pairs);
}

/** The same case with node i renamed to permutation[i]. */
export function relabel(c: GraphCase, permutation: readonly number[]): GraphCase {
  const designated = new Uint8Array(c.nodeCount);
  const cost = new Float64Array(c.nodeCount);
  for (let i = 0; i < c.nodeCount; i++) {
    designated[permutation[i]!] = c.designated[i]!;
    cost[permutation[i]!] = c.cost[i]!;
  }
  return { nodeCount: c.nodeCount, pairs: c.pairs.map(([a, b]) => [permutation[a]!, permutation[b]!]), designated, cost };
}

/** A random permutation of 0 … n − 1 (fast-check shrinks it toward the identity). */
export function permutation(n: number): fc.Arbitrary<number[]> {
  const identity = Array.from({ length: n }, (_, i) => i);
  return fc.shuffledSubarray(identity, { minLength: n, maxLength: n });
}

/** Component label per node of the subgraph induced by `inside` (-1 outside), by plain BFS with arrays. */
export function componentsOf(graph: AdjacencyGraph, inside: (v: number) => boolean): number[] {
  const label = new Array<number>(graph.nodeCount).fill(-1);
  let next = 0;
  for (let s = 0; s < graph.nodeCount; s++) {
    if (!inside(s) || label[s] !== -1) continue;
    const queue = [s];
    label[s] = next;
    while (queue.length > 0) {
      const u = queue.shift()!;
      for (let k = graph.offsets[u]!; k < graph.offsets[u + 1]!; k++) {
        const w = graph.neighbors[k]!;
        if (inside(w) && label[w] === -1) {
          label[w] = next;
          queue.push(w);
        }
      }
    }
    next++;
  }
  return label;
}

/**
 * Brute-force optimum of the bridge problem: the cheapest set of unselected nodes after whose
 * addition the selected nodes of every graph component lie in one connected piece.
 */
export function bruteForceBridgeCost(graph: AdjacencyGraph, designated: Uint8Array, cost: Float64Array): number {
  const free = [...designated.keys()].filter((v) => !designated[v]);
  if (free.length > 16) throw new Error('too many unselected nodes for brute force');
  const component = componentsOf(graph, () => true);
  let best = Infinity;
  const chosen = new Uint8Array(graph.nodeCount);
  for (let mask = 0; mask < 1 << free.length; mask++) {
    let total = 0;
    chosen.fill(0);
    free.forEach((v, bit) => {
      if (mask & (1 << bit)) {
        chosen[v] = 1;
        total += cost[v]!;
      }
    });
    if (total >= best) continue;
    const piece = componentsOf(graph, (v) => designated[v] === 1 || chosen[v] === 1);
    // Selected nodes of one graph component must share one piece.
    const pieceOfComponent = new Map<number, number>();
    let ok = true;
    for (let v = 0; v < graph.nodeCount && ok; v++) {
      if (!designated[v]) continue;
      const seen = pieceOfComponent.get(component[v]!);
      if (seen === undefined) pieceOfComponent.set(component[v]!, piece[v]!);
      else if (seen !== piece[v]) ok = false;
    }
    if (ok) best = total;
  }
  return best;
}
