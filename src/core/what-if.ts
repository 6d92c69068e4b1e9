/**
 * The what-if (假如这样定): one function from a selection of demonstration communities to
 * everything the app, the CLI and reports show about it — clusters, isolated points, rings,
 * bridge suggestions with their explanations, cluster names, shared borders, joint zones and
 * cluster outlines. The worker session and `lianpian analyze` both call it, so they cannot
 * disagree; its cache (planner state, zones per pair, outlines per cluster) is explicit and
 * owned by the returned object.
 */
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { borderZones } from './border-zones.ts';
import { DEFAULT_EXACT_MAX_CLUSTERS, readinessCost, bridgesForReport, type BridgePlan } from './bridges.ts';
import { clusterOutline } from './cluster-outline.ts';
import type { ClusterRing } from './cluster-ring.ts';
import { contiguousClusters, type ClusterReport } from './clusters.ts';
import type { Dataset } from './dataset.ts';
import type { AdjacencyGraph } from './graph.ts';
import { sharedBorders, type SharedBorder } from './adjacency/shared-borders.ts';
import { FACILITY_ITEMS } from './model.ts';
import type { UnitMetrics } from './metrics.ts';
import { createPlanner } from './planner.ts';

export type ZoneFeature = Feature<Polygon | MultiPolygon, { a: number; b: number; lengthMeters: number }>;
export type BorderFeature = Feature<MultiLineString, { a: number; b: number; lengthMeters: number }>;
export type OutlineFeature = Feature<Polygon | MultiPolygon, { cluster: number }>;

/**
 * What a selection amounts to, in one word:
 * - `empty`: nothing is designated (no verdict: 0 communities are not "contiguous");
 * - `contiguous`: one patch (连成一片);
 * - `split`: several clusters or isolated points.
 */
export type WhatIfVerdict = 'empty' | 'contiguous' | 'split';

/** How a cluster is called everywhere: `label` is its number (片区 1), `name` its largest member (桂柑等 5 个社区). */
export interface ClusterName {
  id: number;
  label: string;
  name: string;
}

export interface WhatIfAnswer {
  verdict: WhatIfVerdict;
  report: ClusterReport;
  rings: ClusterRing[];
  /** The best bridge plan known without the exact search (exact when the heuristic is provably optimal). */
  bridges: BridgePlan;
  /** One sentence per suggestion (same order as `bridges.suggestions`): which clusters it joins. */
  explanations: string[];
  /** True when `refineBridges` may find a cheaper plan for this selection (see `shouldRefineBridges`). */
  refinable: boolean;
  /** One per cluster, by id. */
  names: ClusterName[];
  zones: FeatureCollection<Polygon | MultiPolygon, ZoneFeature['properties']>;
  borders: FeatureCollection<MultiLineString, BorderFeature['properties']>;
  outlines: FeatureCollection<Polygon | MultiPolygon, OutlineFeature['properties']>;
}

export interface WhatIfOptions {
  /** Width of the joint environment zones in metres on each side of a shared border; default the campaign's `zoneWidthMeters`. */
  zoneWidthMeters?: number;
  /** Compute shared borders, zones and outlines (default true); false for counts and suggestions only. */
  overlays?: boolean;
}

export interface RefineOptions {
  /** Milliseconds after which the exact search gives up and keeps the approximation; default no limit. */
  timeBudgetMs?: number;
  /** Clock for the budget, in milliseconds. */
  now?: () => number;
}

export interface WhatIf {
  /** Bridge cost per community: fewest first, then readiness (see `readinessCost`). */
  readonly cost: Float64Array;
  /** The what-if for a selection (one byte per community, non-zero = designated). */
  analyze(selected: Uint8Array, options?: WhatIfOptions): WhatIfAnswer;
  /** The exact bridge plan for a selection (within the budget; else the approximation). Call it when `analyze` says `refinable`. */
  refineBridges(selected: Uint8Array, options?: RefineOptions): { bridges: BridgePlan; explanations: string[] };
}

export interface WhatIfContext {
  dataset: Pick<Dataset, 'boundaries' | 'facts' | 'config'>;
  graph: AdjacencyGraph;
  metrics: UnitMetrics;
}

/** Beyond this many cached zones or outlines the caches start over. */
const MAX_CACHED = 5000;

/**
 * The one rule for running the exact bridge search after the fast plan: only when the fast plan
 * is not already proven optimal and the clusters are few enough for Dreyfus–Wagner
 * (`DEFAULT_EXACT_MAX_CLUSTERS`).
 */
export function shouldRefineBridges(bridges: BridgePlan, clusterCount: number): boolean {
  return bridges.method === 'approximation' && clusterCount <= DEFAULT_EXACT_MAX_CLUSTERS;
}

/** The verdict for a report (see `WhatIfVerdict`). */
export function verdictOf(report: Pick<ClusterReport, 'selectedCount' | 'clusters'>): WhatIfVerdict {
  return report.selectedCount === 0 ? 'empty' : report.clusters.length === 1 ? 'contiguous' : 'split';
}

/** `片区 1` for cluster id 0: the number users see on the map, in reports and on slides. */
export function clusterLabel(id: number): string {
  return `片区 ${id + 1}`;
}

/** One sentence per bridge suggestion: the clusters it joins, by label and name (`连接 片区 1（桂柑等 5 个社区）、片区 3（月泉）`). */
export function explainBridges(bridges: Pick<BridgePlan, 'suggestions'>, names: readonly ClusterName[]): string[] {
  return bridges.suggestions.map((suggestion) => `连接 ${suggestion.joins.map((c) => `${names[c]!.label}（${names[c]!.name}）`).join('、')}`);
}

/**
 * Bridge cost per community from the dataset: fewest communities first, then the readier ones
 * (more of the 12 facility items in place). A community without a status row counts as not ready.
 */
export function datasetBridgeCost(dataset: Pick<Dataset, 'facts'>): Float64Array {
  return readinessCost(dataset.facts.map((facts) => (facts.facilities === null ? Number.NaN : facts.facilities / FACILITY_ITEMS.length)));
}

/**
 * A what-if engine over one loaded dataset (adjacency graph and metrics built once).
 * Toggles reuse the incremental planner; shared borders, zones and outlines are cached per pair
 * and per cluster, so a toggle recomputes only the pieces it changes.
 * @example
 * const whatIf = createWhatIf({ dataset, graph, metrics });
 * const answer = whatIf.analyze(baselineSelection(dataset));
 * answer.verdict; // 'split'
 * answer.explanations[0]; // '连接 片区 1（桂柑等 5 个社区）、片区 3（月泉）'
 */
export function createWhatIf({ dataset, graph, metrics }: WhatIfContext): WhatIf {
  const cost = datasetBridgeCost(dataset);
  const planner = createPlanner(graph, { metrics, cost, bridges: 'approximation' });
  const features = dataset.boundaries.features;
  const geometries = features.map((feature) => feature.geometry);
  const zoneCache = new Map<string, { border: SharedBorder; zone: ZoneFeature | undefined }>();
  const outlineCache = new Map<string, Polygon | MultiPolygon | null>();

  const namesOf = (report: ClusterReport): ClusterName[] =>
    report.clusters.map(({ id, members }) => {
      // Named after the largest member by area (ties: smallest index, members are ascending).
      const largest = members.reduce((best, v) => (metrics.areaM2[v]! > metrics.areaM2[best]! ? v : best), members[0]!);
      const name = features[largest]!.name;
      return { id, label: clusterLabel(id), name: members.length === 1 ? name : `${name}等 ${members.length} 个社区` };
    });

  const overlaysFor = (selected: Uint8Array, report: ClusterReport, zoneWidthMeters: number) => {
    if (zoneCache.size > MAX_CACHED) zoneCache.clear();
    if (outlineCache.size > MAX_CACHED) outlineCache.clear();
    // Designated neighbours: one pass over the graph, each pair once (a < b).
    const pairs: [number, number][] = [];
    for (let a = 0; a < graph.nodeCount; a++) {
      if (!selected[a]) continue;
      for (let k = graph.offsets[a]!; k < graph.offsets[a + 1]!; k++) {
        const b = graph.neighbors[k]!;
        if (a < b && selected[b]) pairs.push([a, b]);
      }
    }
    const key = (a: number, b: number) => `${a}-${b}-${zoneWidthMeters}`;
    const missing = pairs.filter(([a, b]) => !zoneCache.has(key(a, b)));
    // Same tolerance as the graph, so border lengths agree with the adjacency.
    const fresh = sharedBorders(geometries, missing, { toleranceMeters: dataset.config.adjacency.toleranceMeters });
    const freshZones = new Map(borderZones(fresh, { widthMeters: zoneWidthMeters }).map((zone) => [key(zone.properties.a, zone.properties.b), zone]));
    for (const border of fresh) zoneCache.set(key(border.a, border.b), { border, zone: freshZones.get(key(border.a, border.b)) });
    const pieces = pairs.flatMap(([a, b]) => zoneCache.get(key(a, b)) ?? []);
    const outlines = report.clusters.flatMap((cluster): OutlineFeature[] => {
      const members = cluster.members.join(',');
      if (!outlineCache.has(members)) outlineCache.set(members, clusterOutline(geometries, cluster.members));
      const outline = outlineCache.get(members);
      return outline ? [{ type: 'Feature', properties: { cluster: cluster.id }, geometry: outline }] : [];
    });
    return {
      zones: { type: 'FeatureCollection' as const, features: pieces.flatMap(({ zone }) => (zone ? [zone] : [])) },
      borders: { type: 'FeatureCollection' as const, features: pieces.map(({ border: { a, b, lengthMeters, geometry } }): BorderFeature => ({ type: 'Feature', properties: { a, b, lengthMeters }, geometry })) },
      outlines: { type: 'FeatureCollection' as const, features: outlines },
    };
  };

  const empty = { type: 'FeatureCollection' as const, features: [] };
  return {
    cost,
    analyze(selected, { zoneWidthMeters = dataset.config.zoneWidthMeters, overlays = true } = {}) {
      const { report, rings, bridges } = planner.update(selected);
      const names = namesOf(report);
      return {
        verdict: verdictOf(report),
        report,
        rings,
        bridges,
        explanations: explainBridges(bridges, names),
        refinable: shouldRefineBridges(bridges, report.clusters.length),
        names,
        ...(overlays ? overlaysFor(selected, report, zoneWidthMeters) : { zones: empty, borders: empty, outlines: empty }),
      };
    },
    refineBridges(selected, { timeBudgetMs, now } = {}) {
      const report = contiguousClusters(graph, selected, metrics);
      const bridges = bridgesForReport(graph, report, { cost, exactMaxClusters: DEFAULT_EXACT_MAX_CLUSTERS, timeBudgetMs, now });
      return { bridges, explanations: explainBridges(bridges, namesOf(report)) };
    },
  };
}
