/**
 * Clusters, bridges and the what-if planner on seeded Voronoi graphs (20k and 10k cells), with
 * baselines measured in the same run: a naive BFS over JS Sets/Maps for clusters, the
 * approximation for the exact bridge search, recomputation from scratch for the planner.
 */
import { assembleDataset, buildAdjacency, contiguousClusters, createClusterTracker, createWhatIf, clusterRings, FACILITY_ITEMS, readinessCost, suggestBridges, syntheticSources, unitMetrics, voronoiMosaic, type AdjacencyGraph } from '../../src/core/index.ts';
import { area } from '@turf/area';
import type { Polygon } from 'geojson';
import { mulberry32 } from '../support/random.ts';
import type { Harness } from './harness.ts';

export default async function bench(h: Harness): Promise<void> {
  const big = voronoiGraph(20_000);
  const random = mulberry32(7);

  h.section(`Per-unit metrics, Voronoi ${big.graph.nodeCount} cells (once per boundary set)`);
  await h.measure('@turf/area only', () => big.geometries.map((g) => area(g)), { baseline: true, runs: 3 });
  await h.measure('unitMetrics (area, bbox, polylabel label points)', () => unitMetrics(big.geometries), { runs: 3 });

  for (const share of [0.05, 0.3, 1]) {
    const designated = Uint8Array.from({ length: big.graph.nodeCount }, () => (random() < share ? 1 : 0));
    const note = (report: unknown) => `${(report as { clusters: unknown[] }).clusters.length} clusters`;
    h.section(`Clusters, Voronoi ${big.graph.nodeCount} cells (${big.graph.neighbors.length / 2} rook edges), ${share * 100}% selected`);
    await h.measure('naive BFS with Set/Map', () => naiveClusters(big.lists, designated), { baseline: true, runs: 10, note: (r) => `${(r as number[][]).length} clusters` });
    await h.measure('contiguousClusters', () => contiguousClusters(big.graph, designated), { runs: 20, note });
    await h.measure('contiguousClusters with metrics', () => contiguousClusters(big.graph, designated, big.metrics), { runs: 20, note });
  }

  const cost = readinessCost(Float64Array.from({ length: big.graph.nodeCount }, () => Math.floor(random() * (FACILITY_ITEMS.length + 1)) / FACILITY_ITEMS.length));
  for (const clusterCount of [4, 8]) {
    const designated = spreadClusters(big.graph, clusterCount, 12, 11);
    h.section(`Bridges, Voronoi ${big.graph.nodeCount} cells, ${clusterCount} spread clusters, readiness costs`);
    const plan = (r: unknown) => {
      const p = r as { added: number[]; totalCost: number; method: string };
      return `${p.method}: ${p.added.length} units, cost ${p.totalCost.toFixed(2)}`;
    };
    await h.measure('approximation (shortest-path heuristic)', () => suggestBridges(big.graph, designated, { cost, exactMaxClusters: 0 }), { baseline: true, runs: 10, note: plan });
    await h.measure('exact (Dreyfus–Wagner, node-weighted)', () => suggestBridges(big.graph, designated, { cost }), { runs: 3, note: plan });
  }
  for (const clusterCount of [32, 128]) {
    const designated = spreadClusters(big.graph, clusterCount, 6, 13);
    h.section(`Bridges, Voronoi ${big.graph.nodeCount} cells, ${clusterCount} spread clusters (approximation only)`);
    await h.measure('clusters only (reference)', () => contiguousClusters(big.graph, designated), { baseline: true, runs: 10 });
    await h.measure('approximation (shortest-path heuristic)', () => suggestBridges(big.graph, designated, { cost, exactMaxClusters: 0 }), {
      runs: 10,
      note: (r) => `${(r as { added: number[] }).added.length} units added`,
    });
  }

  const mid = voronoiGraph(10_000);
  const midCost = readinessCost(Float64Array.from({ length: mid.graph.nodeCount }, () => Math.floor(random() * (FACILITY_ITEMS.length + 1)) / FACILITY_ITEMS.length));
  for (const [label, designated] of [
    ['12 demo clusters', spreadClusters(mid.graph, 12, 8, 17)],
    ['20% random', Uint8Array.from({ length: mid.graph.nodeCount }, () => (random() < 0.2 ? 1 : 0))],
  ] as const) {
    h.section(`ClusterTracker toggle, Voronoi ${mid.graph.nodeCount} cells, ${label}`);
    const toggled = designated.slice();
    const node = firstUnselectedNeighbour(mid.graph, designated);
    await h.measure('recompute from scratch (clusters + rings + approximate bridges)', () => {
      toggled[node] = toggled[node] ? 0 : 1;
      const report = contiguousClusters(mid.graph, toggled, mid.metrics);
      return [report, clusterRings(mid.graph, report), suggestBridges(mid.graph, toggled, { cost: midCost, exactMaxClusters: 0 })];
    }, { baseline: true, runs: 20 });
    const tracker = createClusterTracker(mid.graph, { metrics: mid.metrics, cost: midCost });
    tracker.set(designated);
    await h.measure('planner.toggle (clusters + rings + approximate bridges)', () => tracker.toggle(node), {
      runs: 40,
      note: (s) => `${(s as { report: { clusters: unknown[] } }).report.clusters.length} clusters, ${(s as { bridges: { added: unknown[] } }).bridges.added.length} bridge units`,
    });
  }

  // Issue 15: a designation click was three worker requests (analyze, refine when refinable, plan),
  // each computing the clusters again; now it is one (analyze, then complete on the same answer).
  const synthetic = assembleDataset(syntheticSources(10_000, 5));
  const syntheticGeometries = synthetic.boundaries.features.map((feature) => feature.geometry);
  const syntheticGraph = buildAdjacency(syntheticGeometries, synthetic.config.adjacency).graph;
  const syntheticMetrics = unitMetrics(syntheticGeometries);
  for (const [label, clusterCount] of [['6 clusters (exact bridges)', 6], ['12 clusters', 12]] as const) {
    const designated = spreadClusters(syntheticGraph, clusterCount, 8, 19);
    const node = firstUnselectedNeighbour(syntheticGraph, designated);
    h.section(`What-if per designation click, synthetic ${syntheticGraph.nodeCount} communities, ${label}, with overlays`);
    const budget = { timeBudgetMs: 400, now: () => performance.now() };
    const before = createWhatIf({ dataset: synthetic, graph: syntheticGraph, metrics: syntheticMetrics });
    const oldSelection = designated.slice();
    await h.measure('before: analyze + refine (when refinable) + plan, three requests', () => {
      oldSelection[node] = oldSelection[node] ? 0 : 1;
      const fast = before.analyze(oldSelection);
      const refined = fast.refinable ? before.refineBridges(oldSelection, budget) : null;
      return [fast, refined, before.routesAndJoin(oldSelection, budget)];
    }, { baseline: true, runs: 20 });
    const after = createWhatIf({ dataset: synthetic, graph: syntheticGraph, metrics: syntheticMetrics });
    const newSelection = designated.slice();
    await h.measure('after: one whatIf (analyze, then complete on its answer)', () => {
      newSelection[node] = newSelection[node] ? 0 : 1;
      const fast = after.analyze(newSelection);
      return after.complete(newSelection, fast, budget);
    }, { runs: 20, note: (r) => `${(r as { routes: unknown[] }).routes.length} routes` });
  }
}

function voronoiGraph(cells: number): { graph: AdjacencyGraph; geometries: Polygon[]; lists: Map<number, number[]>; metrics: ReturnType<typeof unitMetrics> } {
  const geometries = voronoiMosaic(cells, 42).features.map((f) => f.geometry);
  const { graph } = buildAdjacency(geometries, { mode: 'rook' });
  const lists = new Map<number, number[]>();
  for (let v = 0; v < graph.nodeCount; v++) lists.set(v, Array.from(graph.neighbors.subarray(graph.offsets[v]!, graph.offsets[v + 1]!)));
  return { graph, geometries, lists, metrics: unitMetrics(geometries) };
}

/** The baseline: BFS with a Set of visited nodes and arrays of neighbours in a Map. */
function naiveClusters(lists: Map<number, number[]>, designated: Uint8Array): number[][] {
  const seen = new Set<number>();
  const clusters: number[][] = [];
  for (const [start] of lists) {
    if (!designated[start] || seen.has(start)) continue;
    const members = [start];
    seen.add(start);
    for (let head = 0; head < members.length; head++) {
      for (const w of lists.get(members[head]!)!) {
        if (designated[w] && !seen.has(w)) {
          seen.add(w);
          members.push(w);
        }
      }
    }
    clusters.push(members.sort((a, b) => a - b));
  }
  return clusters.sort((a, b) => b.length - a.length || a[0]! - b[0]!);
}

/** `count` clusters of about `size` units grown by BFS from seeds spread over the node range. */
function spreadClusters(graph: AdjacencyGraph, count: number, size: number, seed: number): Uint8Array {
  const random = mulberry32(seed);
  const designated = new Uint8Array(graph.nodeCount);
  const blocked = new Uint8Array(graph.nodeCount);
  for (let c = 0; c < count; c++) {
    let start = Math.floor(random() * graph.nodeCount);
    while (blocked[start]) start = (start + 1) % graph.nodeCount;
    const members = [start];
    designated[start] = 1;
    for (let head = 0; head < members.length && members.length < size; head++) {
      const u = members[head]!;
      for (let k = graph.offsets[u]!; k < graph.offsets[u + 1]! && members.length < size; k++) {
        const w = graph.neighbors[k]!;
        if (!designated[w] && !blocked[w]) {
          designated[w] = 1;
          members.push(w);
        }
      }
    }
    // Keep the next clusters off this one's ring, so clusters stay separate.
    for (const u of members) for (let k = graph.offsets[u]!; k < graph.offsets[u + 1]!; k++) blocked[graph.neighbors[k]!] = 1;
  }
  return designated;
}

function firstUnselectedNeighbour(graph: AdjacencyGraph, designated: Uint8Array): number {
  for (let v = 0; v < graph.nodeCount; v++) {
    if (!designated[v]) continue;
    for (let k = graph.offsets[v]!; k < graph.offsets[v + 1]!; k++) if (!designated[graph.neighbors[k]!]) return graph.neighbors[k]!;
  }
  return 0;
}
