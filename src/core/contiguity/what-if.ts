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
import { DEFAULT_EXACT_MAX_CLUSTERS, readinessCost, bridgesForReport, type BridgeSolution } from './bridges.ts';
import { clusterOutline } from './cluster-outline.ts';
import type { ClusterRing } from './cluster-ring.ts';
import { contiguousClusters, verdictOf, type ClusterReport, type WhatIfVerdict } from './clusters.ts';

export type { WhatIfVerdict };
import type { Dataset } from '../dataset.ts';
import type { AdjacencyGraph } from './graph.ts';
import { sharedBorders, type SharedBorder } from '../adjacency/shared-borders.ts';
import { FACILITY_ITEMS } from '../model.ts';
import type { UnitMetrics } from '../metrics.ts';
import { createClusterTracker } from './cluster-tracker.ts';
import { bestContiguousSearch, bestContiguousSet, type BestSet } from '../plan/best-set.ts';
import { checkBestSetRequest, type BestSetQuery } from '../plan/best-set-request.ts';
import { joinGoal, type GoalJoin } from '../plan/goal-join.ts';
import { datasetReadiness } from '../plan/readiness.ts';
import { pairRoutes, routesOfBridges, PAIR_ROUTES_MAX_CLUSTERS, type PairRoutes, type Route } from '../plan/routes.ts';
import { checkTarget, routeWouldExceed, type TargetCheck } from '../plan/target.ts';
import { planCounts, verdictHeadline, verdictSentence, type PlanCounts } from '../plan/counts.ts';
import { clusterNumbers, type NumberedCluster } from '../plan/numbering.ts';

export type ZoneFeature = Feature<Polygon | MultiPolygon, { a: number; b: number; lengthMeters: number }>;
export type BorderFeature = Feature<MultiLineString, { a: number; b: number; lengthMeters: number }>;
/** A cluster's outline: `cluster` is its id, `number` the number people read (片区 n), which also picks its colour. */
export type OutlineFeature = Feature<Polygon | MultiPolygon, { cluster: number; number: number }>;

/**
 * How a cluster is called everywhere: `number` is what people read (片区 `number`, kept across a
 * change where the cluster survives, see `clusterNumbers`), `label` is `片区 n`, `name` its
 * largest member (桂柑等 5 个社区).
 */
export interface ClusterName {
  id: number;
  number: number;
  label: string;
  name: string;
}

/** A route as the planner reads it: the clusters it joins by their labels, what it costs in plain words, and the target. */
export interface DescribedRoute extends Route {
  /** `连接 片区 1、片区 3` (the answer's cluster labels). */
  joinsText: string;
  /** `2 个社区 · 设施 15/24 项（还缺 9 项）`: what the route's cost counts (fewest communities first, then fewest missing items). */
  facts: string;
  /** Adopting it takes a plan below the target past it (false at the target: `target.routeNote` says it once). */
  wouldExceed: boolean;
}

/** Routes of one pair of clusters, planned (see `PairRoutes`). */
export interface DescribedPairRoutes {
  a: number;
  b: number;
  /** `片区 1 ↔ 片区 2`. */
  title: string;
  best: DescribedRoute;
  alternatives: DescribedRoute[];
}

/** The join of a goal, planned (see `GoalJoin`). */
export interface DescribedGoalJoin {
  goal: number[];
  solution: BridgeSolution;
  routes: DescribedRoute[];
  /** `需补充 2 个社区，方案将达 14 个（最优）。` or null when the goal cannot be joined without touching other clusters. */
  summary: string | null;
  /** `连接 片区 1、片区 2`: the undo label of adopting the join. */
  label: string;
}

/**
 * The exact part of the answer to a plan change: the best bridge plan (exact within the budget),
 * routes, the target check for the plan and its goal, routes per pair and the goal's join.
 */
export interface WhatIfExact {
  bridges: BridgeSolution;
  explanations: string[];
  routes: DescribedRoute[];
  /** The one target check shown with the plan: designated against the target, and what the goal's join (or, without a goal, joining everything) would take. */
  target: TargetCheck;
  /** Best route and alternatives per joinable pair of clusters; null beyond `PAIR_ROUTES_MAX_CLUSTERS` clusters. */
  pairs: DescribedPairRoutes[] | null;
  /** The goal's cluster ids (chosen clusters still designated), ascending. */
  goal: number[];
  /** The join of the goal (two or more clusters) alone; null otherwise. */
  join: DescribedGoalJoin | null;
  /** True when the exact bridge search ran (`bridges` is its answer; otherwise the fast plan was already the best known). */
  refined: boolean;
}

export interface WhatIfAnswer {
  verdict: WhatIfVerdict;
  /** Designated, clusters, patches (片) and isolated points (孤立点): counted once, here. */
  counts: PlanCounts;
  /** The verdict line (`尚未连线成片：12 个示范社区分为 4 片和 2 个孤立点`). */
  headline: string;
  /** The verdict as a sentence for slides (`12 个示范社区分为 4 片和 2 个孤立点`). */
  sentence: string;
  report: ClusterReport;
  rings: ClusterRing[];
  /** The best bridge plan known without the exact search (exact when the heuristic is provably optimal). */
  bridges: BridgeSolution;
  /** One sentence per suggestion (same order as `bridges.suggestions`): which clusters it joins. */
  explanations: string[];
  /** The bridge plan as routes: each connected run of suggested communities once (a chain is one route). */
  routes: DescribedRoute[];
  /** Plan size (the designated communities) against the campaign target, and what joining everything would take (fast plan). */
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
  /** The clusters shown before this change, so that surviving clusters keep their numbers (see `clusterNumbers`). */
  previous?: readonly NumberedCluster[];
}

export interface PrepareOptions {
  /** As `WhatIfOptions.zoneWidthMeters`: the width the next `analyze` will ask for. */
  zoneWidthMeters?: number;
  /** Asked between communities: true stops the preparation (the work done so far is kept). */
  shouldStop?: () => boolean;
}

export interface CompleteOptions extends RefineOptions {
  /** The goal: one community per chosen cluster or isolated point (undesignated ones are ignored); fewer than two clusters = join everything. */
  goalMembers?: readonly number[];
}

export interface RefineOptions {
  /** Milliseconds after which the exact search gives up and keeps the approximation; default no limit. */
  timeBudgetMs?: number;
  /** Clock for the budget, in milliseconds. */
  now?: () => number;
}

/** What `plan` answers for a selection: routes per pair of clusters, and the join of a chosen goal. */
export interface RoutesAnswer {
  /** Best route and alternatives per joinable pair of clusters; null when there are more than `PAIR_ROUTES_MAX_CLUSTERS` clusters. */
  pairs: PairRoutes[] | null;
  /** The join of the goal clusters alone (never touching the others); null without a goal of two or more clusters. */
  join: GoalJoin | null;
  /** The plan after the goal join (designated + the join's communities) against the campaign target. */
  target: TargetCheck;
}

export interface BestSetSearchOptions {
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
  routesAndJoin(designated: Uint8Array, options?: { goal?: readonly number[]; goalMembers?: readonly number[]; timeBudgetMs?: number; now?: () => number }): RoutesAnswer;
  /** The campaign target (`config.targets.demoCommunities`): the default size of `bestSet`. */
  readonly targetSize: number;
  /**
   * The best contiguous set of communities by readiness (自动推荐; see `bestContiguousSet`).
   * @throws InputError E_ARGUMENT for a request `checkBestSetRequest` refuses.
   */
  bestSet(request?: BestSetSearchOptions): BestSet;
  /** The same search as a generator that can pause and stop (see `bestContiguousSearch`). */
  bestSetSearch(request?: Omit<BestSetSearchOptions, 'shouldStop'>): Generator<number, BestSet, boolean>;
  /** The what-if for a selection (one byte per community, non-zero = designated). */
  analyze(designated: Uint8Array, options?: WhatIfOptions): WhatIfAnswer;
  /**
   * Prepares the overlays of the likely next toggles while nothing else runs: for each community
   * next to the selection (its bridge suggestions first, then the rest of its rings, at most
   * `PREPARE_MAX_CANDIDATES`), the joint zones of the pairs its designation would create and the
   * outline of the cluster it would form, into the caches `analyze` reads. Answers are the same
   * with or without it; only their time changes. Stops when `shouldStop` says so (asked between
   * communities) and can be called again to go on.
   * @returns true when every candidate is prepared.
   */
  prepare(designated: Uint8Array, options?: PrepareOptions): boolean;
  /** The exact bridge plan for a selection (within the budget; else the approximation). Call it when `analyze` says `refinable`. */
  refineBridges(designated: Uint8Array, options?: RefineOptions): { bridges: BridgeSolution; explanations: string[]; routes: DescribedRoute[]; target: TargetCheck };
  /**
   * The rest of the answer to a plan change after `analyze` (`fast` is its answer for the same
   * selection, whose cluster numbers it keeps): the exact bridge plan when `fast.refinable`, the
   * routes per pair (tied with the all-in plan broken the same way), the goal's join and the one
   * target check.
   */
  complete(designated: Uint8Array, fast: WhatIfAnswer, options?: CompleteOptions): WhatIfExact;
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

/** Communities `prepare` looks ahead for per selection: bounds the idle work on large maps. */
export const PREPARE_MAX_CANDIDATES = 200;
/** Candidates whose shared borders `prepare` reads in one pass (one `sharedBorders` call). */
const PREPARE_BATCH = 4;

/** Beyond this many cached zones or outlines the caches start over. */
const MAX_CACHED = 5000;

/**
 * The one rule for running the exact bridge search after the fast plan: only when the fast plan
 * is not already proven optimal and the clusters are few enough for Dreyfus–Wagner
 * (`DEFAULT_EXACT_MAX_CLUSTERS`).
 */
export function shouldRefineBridges(bridges: BridgeSolution, clusterCount: number): boolean {
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
  const tracker = createClusterTracker(graph, { metrics, cost, bridges: 'approximation' });
  const features = dataset.boundaries.features;
  const geometries = features.map((feature) => feature.geometry);
  const zoneCache = new Map<string, { border: SharedBorder; zone: ZoneFeature | undefined }>();
  const outlineCache = new Map<string, Polygon | MultiPolygon | null>();

  const namesOf = (report: ClusterReport, numbers: readonly number[] = clusterNumbers(report)): ClusterName[] =>
    report.clusters.map(({ id, members }) => {
      // Named after the largest member by area (ties: smallest index, members are ascending).
      const largest = members.reduce((best, v) => (metrics.areaM2[v]! > metrics.areaM2[best]! ? v : best), members[0]!);
      const name = features[largest]!.name;
      const number = numbers[id]!;
      return { id, number, label: `片区 ${number}`, name: members.length === 1 ? name : `${name}等 ${members.length} 个社区` };
    });

  const explain = (bridges: BridgeSolution, names: readonly ClusterName[]) =>
    bridges.suggestions.map((suggestion) => `连接 ${suggestion.joins.map((c) => `${names[c]!.label}（${names[c]!.name}）`).join('、')}`);

  const labels = (ids: readonly number[], names: readonly ClusterName[]) => ids.map((id) => names[id]!.label).join('、');
  const planned = (route: Route, names: readonly ClusterName[], target: TargetCheck): DescribedRoute => {
    const items = FACILITY_ITEMS.length * route.size;
    return {
      ...route,
      joinsText: `连接 ${labels(route.joins, names)}`,
      facts: `${route.size} 个社区 · 设施 ${route.readiness}/${items} 项${route.readiness < items ? `（还缺 ${items - route.readiness} 项）` : '（齐全）'}`,
      wouldExceed: routeWouldExceed(target, route.size),
    };
  };
  const fullJoinOf = (report: ClusterReport, bridges: BridgeSolution) => (report.clusters.length > 1 ? report.designatedCount + bridges.added.length : null);
  const targetOf = (report: ClusterReport, bridges: BridgeSolution) => checkTarget(report.designatedCount, targetCount, fullJoinOf(report, bridges));
  const goalOf = (report: ClusterReport, clusterIds: readonly number[], goalMembers: readonly number[]) =>
    [...new Set([...clusterIds, ...goalMembers.map((v) => report.clusterOf[v] ?? -1).filter((id) => id >= 0)])].sort((a, b) => a - b);
  const pairsOf = (report: ClusterReport, goal: readonly number[]) =>
    report.clusters.length <= PAIR_ROUTES_MAX_CLUSTERS ? pairRoutes(graph, report, { ...routeOptions, maxExtraCost: ALTERNATIVES.maxExtraCost, wantAlternatives: ({ a, b, best }) => ALTERNATIVES.wanted(best) || (goal.includes(a) && goal.includes(b)) }) : null;

  const zoneKey = (a: number, b: number, zoneWidthMeters: number) => `${a}-${b}-${zoneWidthMeters}`;
  /** Shared borders and zones of the pairs (a < b) not cached yet, in one pass. */
  const cacheZones = (pairs: readonly (readonly [number, number])[], zoneWidthMeters: number) => {
    const missing = pairs.filter(([a, b]) => !zoneCache.has(zoneKey(a, b, zoneWidthMeters)));
    if (missing.length === 0) return;
    // Same tolerance as the graph, so border lengths agree with the adjacency.
    const fresh = sharedBorders(geometries, missing, { toleranceMeters: dataset.config.adjacency.toleranceMeters });
    const freshZones = new Map(borderZones(fresh, { widthMeters: zoneWidthMeters }).map((zone) => [zoneKey(zone.properties.a, zone.properties.b, zoneWidthMeters), zone]));
    for (const border of fresh) zoneCache.set(zoneKey(border.a, border.b, zoneWidthMeters), { border, zone: freshZones.get(zoneKey(border.a, border.b, zoneWidthMeters)) });
  };
  /** The outline of a cluster by its (ascending) members, dissolved once. */
  const cachedOutline = (members: readonly number[]) => {
    const key = members.join(',');
    if (!outlineCache.has(key)) outlineCache.set(key, clusterOutline(geometries, members));
    return outlineCache.get(key)!;
  };

  const overlaysFor = (designated: Uint8Array, report: ClusterReport, names: readonly ClusterName[], zoneWidthMeters: number) => {
    if (zoneCache.size > MAX_CACHED) zoneCache.clear();
    if (outlineCache.size > MAX_CACHED) outlineCache.clear();
    // Designated neighbours: one pass over the graph, each pair once (a < b).
    const pairs: [number, number][] = [];
    for (let a = 0; a < graph.nodeCount; a++) {
      if (!designated[a]) continue;
      for (let k = graph.offsets[a]!; k < graph.offsets[a + 1]!; k++) {
        const b = graph.neighbors[k]!;
        if (a < b && designated[b]) pairs.push([a, b]);
      }
    }
    cacheZones(pairs, zoneWidthMeters);
    const pieces = pairs.flatMap(([a, b]) => zoneCache.get(zoneKey(a, b, zoneWidthMeters)) ?? []);
    const outlines = report.clusters.flatMap((cluster): OutlineFeature[] => {
      const outline = cachedOutline(cluster.members);
      return outline ? [{ type: 'Feature', properties: { cluster: cluster.id, number: names[cluster.id]!.number }, geometry: outline }] : [];
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
    analyze(designated, { zoneWidthMeters = dataset.config.zoneWidthMeters, overlays = true, previous } = {}) {
      const { report, rings, bridges } = tracker.update(designated);
      const names = namesOf(report, clusterNumbers(report, previous));
      const counts = planCounts(report);
      const target = targetOf(report, bridges);
      return {
        verdict: verdictOf(report),
        counts,
        headline: verdictHeadline(counts),
        sentence: verdictSentence(counts),
        report,
        rings,
        bridges,
        explanations: explain(bridges, names),
        routes: routesOfBridges(graph, report, bridges, routeOptions).map((route) => planned(route, names, target)),
        target,
        refinable: shouldRefineBridges(bridges, report.clusters.length),
        names,
        ...(overlays ? overlaysFor(designated, report, names, zoneWidthMeters) : { zones: empty, borders: empty, outlines: empty }),
      };
    },
    prepare(designated, { zoneWidthMeters = dataset.config.zoneWidthMeters, shouldStop = () => false } = {}) {
      const { report, bridges } = tracker.update(designated);
      // The bridge suggestions first (what a planner is offered), then every other community next to the selection.
      const candidates = new Set(bridges.added);
      for (let a = 0; a < graph.nodeCount && candidates.size < PREPARE_MAX_CANDIDATES; a++) {
        if (!designated[a]) continue;
        for (let k = graph.offsets[a]!; k < graph.offsets[a + 1]!; k++) if (!designated[graph.neighbors[k]!]) candidates.add(graph.neighbors[k]!);
      }
      const order = [...candidates].slice(0, PREPARE_MAX_CANDIDATES);
      // A few communities at a time: their shared borders in one pass, then zones and outlines one by one.
      for (let start = 0; start < order.length; start += PREPARE_BATCH) {
        if (shouldStop()) return false;
        const batch = order.slice(start, start + PREPARE_BATCH);
        const pairsOf = (r: number) => {
          const pairs: [number, number][] = [];
          for (let k = graph.offsets[r]!; k < graph.offsets[r + 1]!; k++) {
            const d = graph.neighbors[k]!;
            if (designated[d]) pairs.push(r < d ? [r, d] : [d, r]);
          }
          return pairs;
        };
        const pairs = batch.flatMap(pairsOf);
        // Room for what these add, or the caches would start over and lose the selection's own pieces.
        if (zoneCache.size + pairs.length > MAX_CACHED || outlineCache.size + batch.length > MAX_CACHED) return true;
        cacheZones(pairs, zoneWidthMeters);
        for (const r of batch) {
          // The cluster it would form: the clusters it touches and itself, members ascending as the report lists them.
          const joined = new Set(pairsOf(r).map(([x, y]) => report.clusterOf[x === r ? y : x]!));
          cachedOutline([r, ...[...joined].flatMap((id) => report.clusters[id]!.members)].sort((x, y) => x - y));
        }
      }
      return true;
    },
    refineBridges(designated, { timeBudgetMs, now } = {}) {
      const report = contiguousClusters(graph, designated, metrics);
      const bridges = bridgesForReport(graph, report, { cost, exactMaxClusters: DEFAULT_EXACT_MAX_CLUSTERS, timeBudgetMs, now });
      const names = namesOf(report);
      const target = targetOf(report, bridges);
      return { bridges, explanations: explain(bridges, names), routes: routesOfBridges(graph, report, bridges, routeOptions).map((route) => planned(route, names, target)), target };
    },
    complete(designated, fast, { goalMembers = [], timeBudgetMs, now } = {}) {
      const { report, names } = fast;
      // The exact search (never worse than the fast plan) only where the core says it may help.
      const refined = fast.refinable;
      const bridges = refined ? bridgesForReport(graph, report, { cost, exactMaxClusters: DEFAULT_EXACT_MAX_CLUSTERS, timeBudgetMs, now }) : fast.bridges;
      const goal = goalOf(report, [], goalMembers);
      const join = goal.length >= 2 ? joinGoal(graph, report, goal, { ...routeOptions, timeBudgetMs, now }) : null;
      const target = checkTarget(report.designatedCount, targetCount, fullJoinOf(report, bridges), join ? report.designatedCount + join.solution.added.length : null);
      const allIn = refined ? routesOfBridges(graph, report, bridges, routeOptions) : fast.routes;
      const plan = (route: Route) => planned(route, names, target);
      const pairs = pairsOf(report, goal);
      return {
        bridges,
        explanations: refined ? explain(bridges, names) : fast.explanations,
        routes: allIn.map(plan),
        target,
        pairs: pairs && tieWithPlan(pairs, allIn).map((pair) => ({ a: pair.a, b: pair.b, title: `${names[pair.a]!.label} ↔ ${names[pair.b]!.label}`, best: plan(pair.best), alternatives: pair.alternatives.map(plan) })),
        goal,
        join: join && {
          goal: join.goal,
          solution: join.solution,
          routes: join.routes.map(plan),
          summary: join.routes.length === 0 ? null : `需补充 ${join.solution.added.length} 个社区，方案将达 ${report.designatedCount + join.solution.added.length} 个${join.solution.exact ? '（最优）' : '（近似）'}${join.solution.connected ? '' : '；有的片区无法连入'}。`,
          label: `连接 ${labels(join.goal, names)}`,
        },
        refined,
      };
    },
    routesAndJoin(designated, { goal: clusterIds = [], goalMembers = [], timeBudgetMs, now } = {}) {
      const report = contiguousClusters(graph, designated);
      const goal = goalOf(report, clusterIds, goalMembers);
      const join = goal.length >= 2 ? joinGoal(graph, report, goal, { ...routeOptions, timeBudgetMs, now }) : null;
      return {
        pairs: pairsOf(report, goal),
        join,
        target: checkTarget(report.designatedCount, targetCount, null, join ? report.designatedCount + join.solution.added.length : null),
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

/** Alternatives per pair, as `pairRoutes` gives them by default. */
const MAX_ALTERNATIVES = 3;

/**
 * Breaks ties between a pair's best route and the all-in plan the same way: when the all-in plan
 * has a route joining exactly that pair at the same cost (as few communities, as ready), the pair's
 * best is that route, so 全部连片建议 and 最佳 never name different communities for the same choice.
 * The route it replaces stays as the first alternative when it shares no community with it.
 */
export function tieWithPlan(pairs: readonly PairRoutes[], planRoutes: readonly Route[]): PairRoutes[] {
  return pairs.map((pair) => {
    const same = planRoutes.find((route) => route.joins.length === 2 && route.joins[0] === pair.a && route.joins[1] === pair.b && Math.abs(route.cost - pair.best.cost) < 1e-9);
    if (!same || same.nodes.join() === pair.best.nodes.join()) return pair;
    const used = new Set(same.nodes);
    const disjoint = (route: Route) => route.nodes.every((v) => !used.has(v));
    const alternatives = [pair.best, ...pair.alternatives].filter(disjoint);
    // Alternatives stay pairwise disjoint: drop any that shares a community with one kept before it.
    const kept: Route[] = [];
    for (const route of alternatives) if (kept.every((other) => other.nodes.every((v) => !route.nodes.includes(v)))) kept.push(route);
    return { ...pair, best: same, alternatives: kept.slice(0, MAX_ALTERNATIVES) };
  });
}
