/**
 * Routes (连片路线): a route is a run of one or more unselected communities whose designation
 * joins the clusters it names. A chain (山前街 → 惠美 → 吕浦) is one route, not three suggestions.
 * For every pair of clusters that can be joined: the best route and up to 3 alternatives, each
 * with its size, readiness and cost, so a planner can choose 昌明 over 郭公山 knowingly.
 */
import type { BridgeSolution } from '../contiguity/bridges.ts';
import type { ClusterReport } from '../contiguity/clusters.ts';
import type { AdjacencyGraph } from '../contiguity/graph.ts';
import { NodeHeap } from '../contiguity/steiner/node-heap.ts';

export interface Route {
  /** Unselected nodes to designate, in order along the route (from the side of its first cluster). */
  nodes: number[];
  /** Clusters the route touches, ascending: designating `nodes` joins all of them into one. */
  joins: number[];
  /** Number of communities (`nodes.length`). */
  size: number;
  /** Facility items present, summed over `nodes` (the higher, the less work). */
  readiness: number;
  /** Sum of the bridge costs of `nodes` (fewest first, then readier; see `readinessCost`). */
  cost: number;
}

/** The routes between two clusters `a` < `b`. */
export interface PairRoutes {
  a: number;
  b: number;
  /** The cheapest route. */
  best: Route;
  /** Next best routes, cheapest first, sharing no community with the best route or with each other. */
  alternatives: Route[];
}

export interface RouteOptions {
  /** Bridge cost per node, > 0 (see `readinessCost` / `datasetBridgeCost`). */
  cost: Float64Array;
  /** Facility items present per node (see `datasetReadiness`). */
  readiness: ArrayLike<number>;
}

export interface PairRouteOptions extends RouteOptions {
  /** Alternatives per pair (default 3). */
  alternatives?: number;
  /** Which pairs get alternatives (default all): searching them costs up to `alternatives` shortest-path searches per pair. */
  wantAlternatives?: (pair: { a: number; b: number; best: Route }) => boolean;
  /** Alternatives cost at most this much more than the best route (default no limit); also bounds their search. */
  maxExtraCost?: number;
}

/** `pairRoutes` is meant for a handful of clusters (pairs grow as k²); the app and CLI skip it beyond this many. */
export const PAIR_ROUTES_MAX_CLUSTERS = 40;

type Clusters = Pick<ClusterReport, 'clusters' | 'clusterOf'>;

/** A route from its nodes: the clusters they touch, size, readiness and cost. */
export function routeOf(graph: AdjacencyGraph, report: Pick<ClusterReport, 'clusterOf'>, nodes: number[], { cost, readiness }: RouteOptions): Route {
  const joins = new Set<number>();
  let total = 0;
  let ready = 0;
  for (const v of nodes) {
    total += cost[v]!;
    ready += readiness[v]!;
    for (let e = graph.offsets[v]!, end = graph.offsets[v + 1]!; e < end; e++) {
      const c = report.clusterOf[graph.neighbors[e]!]!;
      if (c >= 0) joins.add(c);
    }
  }
  return { nodes, joins: [...joins].sort((x, y) => x - y), size: nodes.length, readiness: ready, cost: total };
}

/**
 * The routes of a bridge plan: each connected run of added nodes is one route (in the plan's
 * step order), so a chain is listed once with every cluster it joins.
 * @example routesOfPlan(graph, report, answer.bridges, { cost, readiness }).map((r) => r.joins) // [[1, 3], [0, 1], …]
 */
export function routesOfBridges(graph: AdjacencyGraph, report: Pick<ClusterReport, 'clusterOf'>, plan: Pick<BridgeSolution, 'suggestions'>, options: RouteOptions): Route[] {
  const step = new Map(plan.suggestions.map((s, i) => [s.node, i]));
  const done = new Set<number>();
  const routes: Route[] = [];
  for (const { node } of plan.suggestions) {
    if (done.has(node)) continue;
    // The run of added nodes connected to this one, listed in step order.
    const run = [node];
    done.add(node);
    for (let head = 0; head < run.length; head++) {
      const v = run[head]!;
      for (let e = graph.offsets[v]!, end = graph.offsets[v + 1]!; e < end; e++) {
        const w = graph.neighbors[e]!;
        if (step.has(w) && !done.has(w)) {
          done.add(w);
          run.push(w);
        }
      }
    }
    routes.push(routeOf(graph, report, run.sort((x, y) => step.get(x)! - step.get(y)!), options));
  }
  return routes;
}

/**
 * For every pair of clusters that can be joined through unselected communities: the cheapest
 * route (a shortest node-weighted path that does not pass through other clusters; it may touch
 * them, and then names them in `joins`) and up to `alternatives` next best routes, each the
 * cheapest that uses none of the communities of the routes before it (for the pairs
 * `wantAlternatives` picks, and costing at most `maxExtraCost` more than the best).
 * Pairs come in (a, b) order. Cost O(k² × alternatives × Dijkstra) for k clusters: meant for the
 * clusters of a plan (see `PAIR_ROUTES_MAX_CLUSTERS`).
 * @example pairRoutes(graph, report, { cost, readiness })[0].alternatives[0].nodes // [昌明's index]
 */
export function pairRoutes(graph: AdjacencyGraph, report: Clusters, options: PairRouteOptions): PairRoutes[] {
  const { alternatives = 3, wantAlternatives = () => true, maxExtraCost = Infinity, cost } = options;
  const n = graph.nodeCount;
  const { offsets, neighbors } = graph;
  const { clusterOf, clusters } = report;
  const k = clusters.length;
  const dist = new Float64Array(n);
  const prev = new Int32Array(n);
  const banned = new Uint8Array(n);
  const heap = new NodeHeap(64);
  const pathTo = (u: number) => {
    const path: number[] = [];
    for (let v = u; v !== -1; v = prev[v]!) path.push(v);
    return path.reverse();
  };

  /**
   * Dijkstra over unselected, unbanned nodes from the neighbours of cluster a (entering a node
   * costs its cost). `reached(u)` is called for each node as it is settled; returning true stops.
   */
  const search = (a: number, reached: (u: number) => boolean, limit = Infinity): void => {
    dist.fill(Infinity);
    heap.clear();
    for (const m of clusters[a]!.members) {
      for (let e = offsets[m]!, end = offsets[m + 1]!; e < end; e++) {
        const v = neighbors[e]!;
        if (clusterOf[v] !== -1 || banned[v] || cost[v]! >= dist[v]! || cost[v]! > limit) continue;
        dist[v] = cost[v]!;
        prev[v] = -1;
        heap.push(v, dist[v]!);
      }
    }
    while (heap.length > 0) {
      const u = heap.pop();
      if (heap.poppedKey > dist[u]!) continue;
      if (reached(u)) return;
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        const w = neighbors[e]!;
        if (clusterOf[w] !== -1 || banned[w]) continue;
        const next = dist[u]! + cost[w]!;
        if (next < dist[w]! && next <= limit) {
          dist[w] = next;
          prev[w] = u;
          heap.push(w, next);
        }
      }
    }
  };
  /** Clusters (other than a) next to node u, ascending. */
  const touching = (u: number, out: number[]) => {
    out.length = 0;
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      const c = clusterOf[neighbors[e]!]!;
      if (c >= 0 && !out.includes(c)) out.push(c);
    }
    return out;
  };

  const result: PairRoutes[] = [];
  const scratch: number[] = [];
  for (let a = 0; a < k - 1; a++) {
    // Best routes from a to every later cluster in one search: the first settled node next to b ends the path to b
    // (settling order does not depend on the target, so this is the pair's own shortest-path search).
    banned.fill(0);
    const bestTo = new Map<number, number[]>();
    let missing = k - 1 - a;
    search(a, (u) => {
      for (const b of touching(u, scratch)) {
        if (b > a && !bestTo.has(b)) {
          bestTo.set(b, pathTo(u));
          missing--;
        }
      }
      return missing === 0;
    });
    for (let b = a + 1; b < k; b++) {
      const path = bestTo.get(b);
      if (!path) continue;
      const best = routeOf(graph, report, path, options);
      const pair: PairRoutes = { a, b, best, alternatives: [] };
      result.push(pair);
      if (alternatives === 0 || !wantAlternatives(pair)) continue;
      // Each alternative: the cheapest route avoiding every community of the routes before it.
      banned.fill(0);
      for (const v of path) banned[v] = 1;
      for (let i = 0; i < alternatives; i++) {
        let end = -1;
        search(
          a,
          (u) => {
            if (touching(u, scratch).includes(b)) end = u;
            return end >= 0;
          },
          best.cost + maxExtraCost,
        );
        if (end < 0) break;
        const next = pathTo(end);
        pair.alternatives.push(routeOf(graph, report, next, options));
        for (const v of next) banned[v] = 1;
      }
    }
  }
  return result;
}
