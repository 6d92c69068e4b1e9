/** Derived values of the state (pure, memoized on the inputs that matter). */
import { baselineSelection, laggingReport, statusClassCounts, streetKey, type BridgeSolution, type CommunityStatus, type LaggingReport, type NumberedCluster, type DescribedRoute, type StatusClassLayer, type WhatIfExact } from '../core/index.ts';
import type { AppState, Filters } from './store.ts';

let baselineCache: { key: unknown; value: Uint8Array } | null = null;

/** The status table's own designations (1 = demo), per feature. */
export function selectBaseline(state: Pick<AppState, 'data'>): Uint8Array {
  const dataset = state.data?.dataset;
  if (!dataset) return new Uint8Array(0);
  if (baselineCache?.key !== dataset) baselineCache = { key: dataset, value: baselineSelection(dataset) };
  return baselineCache.value;
}

export interface PlanDiff {
  added: number[];
  removed: number[];
}

/** How a selection differs from another (default: from the baseline). */
export function diffSelections(from: Uint8Array, to: Uint8Array): PlanDiff {
  const added: number[] = [];
  const removed: number[] = [];
  for (let i = 0; i < to.length; i++) {
    if (to[i] && !from[i]) added.push(i);
    else if (!to[i] && from[i]) removed.push(i);
  }
  return { added, removed };
}

export function selectPlanDiff(state: Pick<AppState, 'data' | 'plan'>): PlanDiff {
  return diffSelections(selectBaseline(state), state.plan.designated);
}

export function isPlanModified(state: Pick<AppState, 'data' | 'plan'>): boolean {
  const diff = selectPlanDiff(state);
  return diff.added.length + diff.removed.length > 0;
}

export function hasActiveFilters(filters: Filters): boolean {
  return filters.street !== null || filters.level !== null || filters.theme !== null || filters.demo !== null;
}

/** Whether a community passes the filters (demo = designated in the current plan). */
function matchesFilters(filters: Filters, feature: { street: string; streetCode: string }, status: CommunityStatus | null, designated: boolean): boolean {
  if (filters.street !== null && streetKey(feature) !== filters.street && feature.street !== filters.street) return false;
  if (filters.level !== null && (status?.level ?? 'none') !== filters.level) return false;
  if (filters.theme !== null && (!designated || status?.theme !== filters.theme)) return false;
  if (filters.demo === 'yes' && !designated) return false;
  if (filters.demo === 'no' && designated) return false;
  return true;
}

/** 1 = passes the filters, per feature; `selected` is the plan's designation (for the demo filter). */
export function selectFilterMatches(state: Pick<AppState, 'data' | 'filters'>, designated: Uint8Array): Uint8Array {
  const dataset = state.data?.dataset;
  if (!dataset) return new Uint8Array(0);
  return Uint8Array.from(dataset.boundaries.features, (feature) => (matchesFilters(state.filters, feature, dataset.status[feature.index] ?? null, designated[feature.index] === 1) ? 1 : 0));
}

/** How many communities pass the filters (the 符合条件 n 个社区 line). */
export function selectFilterCount(state: Pick<AppState, 'data' | 'filters'>, designated: Uint8Array): number {
  let count = 0;
  for (const match of selectFilterMatches(state, designated)) count += match;
  return count;
}

/** Streets in the data (code and name), in order of first appearance. */
export function selectStreets(state: Pick<AppState, 'data'>): { code: string; name: string }[] {
  const dataset = state.data?.dataset;
  if (!dataset) return [];
  const streets = new Map<string, string>();
  for (const feature of dataset.boundaries.features) if (feature.street && !streets.has(streetKey(feature))) streets.set(streetKey(feature), feature.street);
  return [...streets].map(([code, name]) => ({ code, name }));
}

let laggingCache: { dataset: unknown; asOf: string | null; cases: AppState['supervisionCases']; value: LaggingReport } | null = null;

/**
 * The core's lagging answer for the loaded data as of the chosen round (memoized): every view,
 * the map, the table and the bulletin read it; none re-thresholds. In 服务器模式 it grades with
 * the campaign's cases (open and red cases, the units' standings), as the server's report does.
 * The report the load made with the data (`LoadResult.lagging`, made in the worker) is the
 * answer while no as-of date and no cases are asked for: the page makes one only for those.
 */
export function selectLaggingReport(state: Pick<AppState, 'data' | 'asOf' | 'supervisionCases'>): LaggingReport | null {
  const data = state.data;
  if (!data) return null;
  const { dataset } = data;
  const cases = state.supervisionCases;
  if (state.asOf === null && !cases && data.lagging) return data.lagging;
  if (laggingCache?.dataset !== dataset || laggingCache.asOf !== state.asOf || laggingCache.cases !== cases) {
    laggingCache = { dataset, asOf: state.asOf, cases, value: laggingReport(dataset, { asOf: state.asOf, ...(cases ? { cases: cases.cases, now: cases.now } : {}) }) };
  }
  return laggingCache.value;
}

/**
 * The bridge plan shown with the analysis: the exact one of the last answer (see `analysisReady`).
 */
export function selectBridges(state: Pick<AppState, 'bridges'>): BridgeSolution | null {
  return state.bridges?.solution ?? null;
}

/**
 * The designation the map draws: the one the latest analysis answered (`bridges.designated`),
 * so fills, outlines, zones and markers always show one selection and a plan change repaints the
 * map once, when its answer arrives (a repaint before it delays the answer by a whole frame,
 * which is most of a second on a software-rendered map); the plan itself until the first answer.
 */
export function selectShownDesignation(state: Pick<AppState, 'bridges'> & { plan: Pick<AppState['plan'], 'designated'> }): Uint8Array {
  return state.bridges?.designated ?? state.plan.designated;
}

/** The themes of the communities the current plan adds (codes not added are left out). */
export function selectPlannedThemes(state: Pick<AppState, 'data' | 'planThemes'> & { plan: Pick<AppState['plan'], 'designated'> }): Record<string, string> {
  const features = state.data?.dataset.boundaries.features;
  if (!features) return {};
  const baseline = selectBaseline(state);
  const themes: Record<string, string> = {};
  for (const [code, theme] of Object.entries(state.planThemes)) {
    const feature = features.find((candidate) => candidate.id === code);
    if (feature && state.plan.designated[feature.index] && !baseline[feature.index]) themes[code] = theme;
  }
  return themes;
}

/** The routes of the bridge plan `selectBridges` gives (a chain is one route). */
export function selectRoutes(state: Pick<AppState, 'bridges'>): DescribedRoute[] {
  return state.bridges?.routes ?? [];
}

/**
 * The exact part of the last answer (the one target check, routes per pair, the goal's join).
 * It may belong to an older plan or goal while a newer answer is pending: see `selectAnswerPending`.
 */
export function selectPlanAnswer(state: Pick<AppState, 'planAnswer'>): WhatIfExact | null {
  return state.planAnswer?.result ?? null;
}

/** True while the shown answer is not for the current plan and goal (a request is under way). */
export function selectAnswerPending(state: Pick<AppState, 'planAnswer' | 'goal'> & { plan: Pick<AppState['plan'], 'designated'> }): boolean {
  const answer = state.planAnswer;
  return !answer || answer.designated !== state.plan.designated || answer.goal !== state.goal;
}

/** The clusters shown now with their numbers, sent with the next request so surviving clusters keep them. */
export function selectNumbering(state: Pick<AppState, 'analysis'>): NumberedCluster[] {
  const analysis = state.analysis;
  if (!analysis) return [];
  return analysis.report.clusters.map((cluster) => ({ number: analysis.names[cluster.id]!.number, members: cluster.members }));
}

/** One memo per layer, so two legends of different layers never evict each other's counts. */
const legendCache = new Map<StatusClassLayer, { key: readonly unknown[]; value: Map<string, number> }>();

/** Communities per legend item of a status layer for the current plan and round (core's `statusClassCounts`, memoized). */
export function selectLegendCounts(state: Pick<AppState, 'data' | 'asOf' | 'planThemes' | 'supervisionCases'> & { plan: Pick<AppState['plan'], 'designated'> }, layer: StatusClassLayer): Map<string, number> {
  const dataset = state.data?.dataset;
  if (!dataset) return new Map();
  const lagging = selectLaggingReport(state);
  const key = [dataset, state.plan.designated, state.planThemes, lagging];
  const cached = legendCache.get(layer);
  if (cached && cached.key.every((value, i) => value === key[i])) return cached.value;
  const value = statusClassCounts(layer, { dataset, designated: state.plan.designated, plannedThemes: selectPlannedThemes(state), assessments: lagging?.communities ?? null });
  legendCache.set(layer, { key, value });
  return value;
}

/** Codes of the communities designated in the current plan, in feature order. */
export function planCodes(state: Pick<AppState, 'data' | 'plan'>): string[] {
  if (!state.data) return [];
  return state.data.dataset.boundaries.features.filter((feature) => state.plan.designated[feature.index]).map((feature) => feature.id);
}
