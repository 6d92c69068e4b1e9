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
import { clusterLabel, contiguousClusters, verdictOf, type ClusterReport, type WhatIfVerdict } from './clusters.ts';

export type { WhatIfVerdict };
import type { Dataset } from './dataset.ts';
import type { AdjacencyGraph } from './graph.ts';
import { sharedBorders, type SharedBorder } from './adjacency/shared-borders.ts';
import { FACILITY_ITEMS } from './model.ts';
import type { UnitMetrics } from './metrics.ts';
import { createPlanner } from './planner.ts';
import { bestContiguousSearch, bestContiguousSet, type BestSet } from './plan/best-set.ts';
import { checkBestSetRequest, type BestSetQuery } from './plan/best-set-request.ts';
import { joinGoal, type GoalJoin } from './plan/goal-join.ts';
import { datasetReadiness } from './plan/readiness.ts';
import { pairRoutes, routesOfPlan, PAIR_ROUTES_MAX_CLUSTERS, type PairRoutes, type Route } from './plan/routes.ts';
import { checkTarget, type TargetCheck } from './plan/target.ts';

export type ZoneFeature = Feature<Polygon | MultiPolygon, { a: number; b: number; lengthMeters: number }>;
export type BorderFeature = Feature<MultiLineString, { a: number; b: number; lengthMeters: number }>;
export type OutlineFeature = Feature<Polygon | MultiPolygon, { cluster: number }>;

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
  /** The bridge plan as routes: each connected run of suggested communities once (a chain is one route). */
  routes: Route[];
  /** Plan size (the designated communities) against the campaign target, and what joining everything would take. */
  target: TargetCheck;
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

/** What `plan` answers for a selection: routes per pair of clusters, and the join of a chosen goal. */
export interface PlanAnswer {
  /** Best route and alternatives per joinable pair of clusters; null when there are more than `PAIR_ROUTES_MAX_CLUSTERS` clusters. */
  pairs: PairRoutes[] | null;
  /** The join of the goal clusters alone (never touching the others); null without a goal of two or more clusters. */
  join: GoalJoin | null;
  /** The plan after the goal join (designated + the join's communities) against the campaign target. */
  target: TargetCheck;
}

export interface BestSetRequest {
  /** Communities in the set; default the campaign target (`config.targets.demoCommunities`). */
  size?: number;
  /** Node indices that must be in the set. */
  must?: readonly number[];
  /** Node indices that must stay out. */
  exclude?: readonly number[];
  /** Stops the search (see `BestSetOptions.shouldStop`). */
  shouldStop?: () => boolean;
}

export interface WhatIf {
  /** Bridge cost per community: fewest first, then readiness (see `readinessCost`). */
  readonly cost: Float64Array;
  /** Facility items present per community (see `datasetReadiness`). */
  readonly readiness: Float64Array;
  /**
   * Routes between clusters for a selection, and the join of a goal when given: `goal` as cluster
   * ids, or `goalMembers` as communities (each names the cluster it is in; undesignated ones are ignored).
   */
  plan(selected: Uint8Array, options?: { goal?: readonly number[]; goalMembers?: readonly number[]; timeBudgetMs?: number; now?: () => number }): PlanAnswer;
  /** The campaign target (`config.targets.demoCommunities`): the default size of `bestSet`. */
  readonly targetSize: number;
  /**
   * The best contiguous set of communities by readiness (自动推荐; see `bestContiguousSet`).
   * @throws InputError E_ARGUMENT for a request `checkBestSetRequest` refuses.
   */
  bestSet(request?: BestSetRequest): BestSet;
  /** The same search as a generator that can pause and stop (see `bestContiguousSearch`). */
  bestSetSearch(request?: Omit<BestSetRequest, 'shouldStop'>): Generator<number, BestSet, boolean>;
  /** The what-if for a selection (one byte per community, non-zero = designated). */
  analyze(selected: Uint8Array, options?: WhatIfOptions): WhatIfAnswer;
  /** The exact bridge plan for a selection (within the budget; else the approximation). Call it when `analyze` says `refinable`. */
  refineBridges(selected: Uint8Array, options?: RefineOptions): { bridges: BridgePlan; explanations: string[]; routes: Route[]; target: TargetCheck };
}

export interface WhatIfContext {
  dataset: Pick<Dataset, 'boundaries' | 'facts' | 'config'>;
  graph: AdjacencyGraph;
  metrics: UnitMetrics;
}

/**
 * Which pairs of clusters `plan` searches alternatives for: pairs inside the goal, and pairs a
 * short route joins directly (at most `maxSize` communities, touching no third cluster), where a
 * planner weighs one community against another; alternatives at most `maxExtraCost` (about two
 * communities) dearer than the best. Bounds the work on large maps with scattered clusters.
 */
const ALTERNATIVES = { maxExtraCost: 2.5, wanted: (best: Route) => best.joins.length === 2 && best.size <= 4 };

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
  const readiness = datasetReadiness(dataset);
  const targetCount = dataset.config.targets.demoCommunities;
  const routeOptions = { cost, readiness };
  const targetOf = (report: ClusterReport, bridges: BridgePlan) => checkTarget(report.selectedCount, targetCount, report.selectedCount + bridges.added.length);
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

  const explain = (bridges: BridgePlan, names: readonly ClusterName[]) =>
    bridges.suggestions.map((suggestion) => `连接 ${suggestion.joins.map((c) => `${names[c]!.label}（${names[c]!.name}）`).join('、')}`);

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
  const ids = features.map((feature) => feature.id);
  const checkRequest = (request: BestSetQuery) => checkBestSetRequest(request, { nodeCount: graph.nodeCount, defaultSize: targetCount, ids });
  return {
    cost,
    readiness,
    analyze(selected, { zoneWidthMeters = dataset.config.zoneWidthMeters, overlays = true } = {}) {
      const { report, rings, bridges } = planner.update(selected);
      const names = namesOf(report);
      return {
        verdict: verdictOf(report),
        report,
        rings,
        bridges,
        explanations: explain(bridges, names),
        routes: routesOfPlan(graph, report, bridges, routeOptions),
        target: targetOf(report, bridges),
        refinable: shouldRefineBridges(bridges, report.clusters.length),
        names,
        ...(overlays ? overlaysFor(selected, report, zoneWidthMeters) : { zones: empty, borders: empty, outlines: empty }),
      };
    },
    refineBridges(selected, { timeBudgetMs, now } = {}) {
      const report = contiguousClusters(graph, selected, metrics);
      const bridges = bridgesForReport(graph, report, { cost, exactMaxClusters: DEFAULT_EXACT_MAX_CLUSTERS, timeBudgetMs, now });
      return { bridges, explanations: explain(bridges, namesOf(report)), routes: routesOfPlan(graph, report, bridges, routeOptions), target: targetOf(report, bridges) };
    },
    plan(selected, { goal: clusterIds = [], goalMembers = [], timeBudgetMs, now } = {}) {
      const report = contiguousClusters(graph, selected);
      const goal = [...new Set([...clusterIds, ...goalMembers.map((v) => report.clusterOf[v] ?? -1).filter((id) => id >= 0)])];
      const join = goal.length >= 2 ? joinGoal(graph, report, goal, { ...routeOptions, timeBudgetMs, now }) : null;
      return {
        pairs: report.clusters.length <= PAIR_ROUTES_MAX_CLUSTERS ? pairRoutes(graph, report, { ...routeOptions, maxExtraCost: ALTERNATIVES.maxExtraCost, wantAlternatives: ({ a, b, best }) => ALTERNATIVES.wanted(best) || (goal.includes(a) && goal.includes(b)) }) : null,
        join,
        target: checkTarget(report.selectedCount + (join?.plan.added.length ?? 0), targetCount),
      };
    },
    targetSize: targetCount,
    bestSet({ shouldStop, ...request } = {}) {
      return bestContiguousSet(graph, { ...checkRequest(request), weight: readiness, shouldStop });
    },
    bestSetSearch(request = {}) {
      return bestContiguousSearch(graph, { ...checkRequest(request), weight: readiness });
    },
  };
}
