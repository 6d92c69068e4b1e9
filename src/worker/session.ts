/**
 * The analysis session: loads a dataset once (parse → adjacency → metrics), then answers what-if
 * requests with the incremental planner. The same code runs inside the worker (analysis.worker.ts)
 * and, as a fallback, on the main thread (client.ts).
 */
import {
  assembleDataset,
  borderZones,
  buildAdjacency,
  clusterOutline,
  createPlanner,
  readinessCost,
  sharedBorders,
  suggestBridges,
  syntheticSources,
  unitMetrics,
  type AdjacencyGraph,
  type SharedBorder,
  type Dataset,
  type SourceFile,
  type UnitMetrics,
} from '../core/index.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import type { AnalyzeRequest, AnalyzeResult, LoadRequest, LoadResult, MessageMap, RefineRequest, RefineResult, RequestType, SourceRef, ZoneFeature } from './protocol.ts';

/** Exact bridge search stops after this and keeps the approximation. */
const EXACT_BRIDGE_BUDGET_MS = 400;

type Planner = ReturnType<typeof createPlanner>;

interface Loaded {
  dataset: Dataset;
  geometries: (Polygon | MultiPolygon)[];
  graph: AdjacencyGraph;
  metrics: UnitMetrics;
  cost: Float64Array;
  planner: Planner;
  /** Per pair `a-b-width`: its shared border and zone (a toggle changes only its own pairs). */
  zoneCache: Map<string, { border: SharedBorder; zone: ZoneFeature | undefined }>;
  /** Per cluster member list: its outline (a toggle changes at most a few clusters). */
  outlineCache: Map<string, Polygon | MultiPolygon | null>;
}

/** Cached overlay pieces kept per dataset; beyond this many the caches start over. */
const MAX_CACHED = 5000;

export type FetchText = (url: string) => Promise<string>;

const fetchText: FetchText = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`读取 ${url} 失败：HTTP ${response.status}`);
  return response.text();
};

export interface AnalysisSession {
  handle<T extends RequestType>(type: T, payload: MessageMap[T][0]): Promise<MessageMap[T][1]>;
}

export function createAnalysisSession(read: FetchText = fetchText): AnalysisSession {
  let loaded: Loaded | null = null;
  const require = (): Loaded => {
    if (!loaded) throw new Error('尚未加载数据');
    return loaded;
  };

  async function load(request: LoadRequest): Promise<LoadResult> {
    const start = performance.now();
    const files: SourceFile[] = request.kind === 'synthetic' ? syntheticSources(request.cells, request.seed) : await Promise.all(request.sources.map(readSource));
    const dataset = assembleDataset(files, request.kind === 'files' && request.idField ? { idField: request.idField } : {});
    const parsed = performance.now();
    const geometries = dataset.boundaries.features.map((feature) => feature.geometry);
    const { mode, minSharedMeters, toleranceMeters } = dataset.config.adjacency;
    const { graph, weakLinks, findings } = buildAdjacency(geometries, { mode, minSharedMeters, toleranceMeters });
    const adjacent = performance.now();
    const metrics = unitMetrics(geometries, dataset.status.map((row) => row?.population ?? null));
    const streetLabelPoints = dataset.streets.length ? unitMetrics(dataset.streets.map((street) => street.geometry)).labelPoints : new Float64Array(0);
    const cost = readinessCost(dataset.facts.map((facts) => (facts.facilities ?? 0) / 12));
    loaded = { dataset, geometries, graph, metrics, cost, planner: createPlanner(graph, { metrics, cost, bridges: 'approximation' }), zoneCache: new Map(), outlineCache: new Map() };
    // Copies: the result's typed arrays are transferred away, the session keeps its own.
    return { dataset, graph: copyGraph(graph), weakLinks, findings, metrics: copyMetrics(metrics), streetLabelPoints, timings: { parseMs: parsed - start, adjacencyMs: adjacent - parsed, metricsMs: performance.now() - adjacent } };
  }

  async function readSource(source: SourceRef): Promise<SourceFile> {
    if (source.text !== undefined) return { role: source.role, file: source.file, text: source.text };
    if (!source.url) throw new Error(`文件 ${source.file} 没有内容`);
    return { role: source.role, file: source.file, text: await read(source.url) };
  }

  function analyze({ selected, zoneWidthMeters, overlays = true }: AnalyzeRequest): AnalyzeResult {
    const start = performance.now();
    const { graph, geometries, dataset, planner, zoneCache, outlineCache } = require();
    const { report, rings, bridges } = planner.set(selected);
    const empty = { type: 'FeatureCollection' as const, features: [] };
    if (!overlays) return { report, rings, bridges, zones: empty, borders: empty, outlines: empty, elapsedMs: performance.now() - start };
    if (zoneCache.size > MAX_CACHED) zoneCache.clear();
    if (outlineCache.size > MAX_CACHED) outlineCache.clear();
    // Shared borders between neighbouring designated communities, and the joint environment
    // zones along them; pairs seen before come from the cache.
    const key = (a: number, b: number) => `${a}-${b}-${zoneWidthMeters}`;
    const pairs: [number, number][] = [];
    for (let a = 0; a < graph.nodeCount; a++) {
      if (!selected[a]) continue;
      for (let k = graph.offsets[a]!; k < graph.offsets[a + 1]!; k++) {
        const b = graph.neighbors[k]!;
        if (a < b && selected[b]) pairs.push([a, b]);
      }
    }
    const missing = pairs.filter(([a, b]) => !zoneCache.has(key(a, b)));
    // Same tolerance as the graph, so border lengths agree with the adjacency.
    const fresh = sharedBorders(geometries, missing, { toleranceMeters: dataset.config.adjacency.toleranceMeters });
    const freshZones = borderZones(fresh, { widthMeters: zoneWidthMeters });
    fresh.forEach((border) => zoneCache.set(key(border.a, border.b), { border, zone: freshZones.find((zone) => zone.properties.a === border.a && zone.properties.b === border.b) }));
    const pieces = pairs.flatMap(([a, b]) => {
      const piece = zoneCache.get(key(a, b));
      return piece ? [piece] : [];
    });
    const outlines = report.clusters.flatMap((cluster) => {
      const members = cluster.members.join(',');
      if (!outlineCache.has(members)) outlineCache.set(members, clusterOutline(geometries, cluster.members));
      const outline = outlineCache.get(members);
      return outline ? [{ type: 'Feature' as const, properties: { cluster: cluster.id }, geometry: outline }] : [];
    });
    return {
      report,
      rings,
      bridges,
      zones: { type: 'FeatureCollection', features: pieces.flatMap(({ zone }) => (zone ? [zone] : [])) },
      borders: { type: 'FeatureCollection', features: pieces.map(({ border: { a, b, lengthMeters, geometry } }) => ({ type: 'Feature', properties: { a, b, lengthMeters }, geometry })) },
      outlines: { type: 'FeatureCollection', features: outlines },
      elapsedMs: performance.now() - start,
    };
  }

  function refine({ selected }: RefineRequest): RefineResult {
    const start = performance.now();
    const { graph, cost } = require();
    const bridges = suggestBridges(graph, selected, { cost, exactMaxClusters: 8, timeBudgetMs: EXACT_BRIDGE_BUDGET_MS, now: () => performance.now() });
    return { bridges, elapsedMs: performance.now() - start };
  }

  const handlers: { [T in RequestType]: (payload: MessageMap[T][0]) => MessageMap[T][1] | Promise<MessageMap[T][1]> } = { load, analyze, refine };
  return {
    async handle(type, payload) {
      return handlers[type](payload);
    },
  };
}

function copyMetrics(metrics: UnitMetrics): UnitMetrics {
  return { areaM2: metrics.areaM2.slice(), bboxes: metrics.bboxes.slice(), labelPoints: metrics.labelPoints.slice(), population: metrics.population.slice() };
}

function copyGraph(graph: AdjacencyGraph): AdjacencyGraph {
  return { ...graph, offsets: graph.offsets.slice(), neighbors: graph.neighbors.slice(), sharedMeters: graph.sharedMeters.slice() };
}
