/**
 * Pure state transitions of planning beyond the what-if (issue 11): the goal of a partial join,
 * routes, the 自动推荐 search and its proposal, themes of planned additions. Tested in Node.
 */
import type { BestSetRequest, BestSetResult, PlanResult } from '../worker/protocol.ts';
import { guarded } from './permissions.ts';
import type { SavedScenario } from './project.ts';
import type { AppState } from './store.ts';
import { replacePlan } from './updaters.ts';

/** The cluster ids of the goal in the current analysis (chosen clusters still designated), ascending. */
export function selectGoalClusters(state: Pick<AppState, 'goal' | 'analysis'>): number[] {
  const clusterOf = state.analysis?.report.clusterOf;
  if (!clusterOf) return [];
  return [...new Set(state.goal.map((v) => clusterOf[v] ?? -1).filter((id) => id >= 0))].sort((a, b) => a - b);
}

function toggleGoalClusterEdit(state: AppState, clusterId: number): Partial<AppState> {
  const report = state.analysis?.report;
  const cluster = report?.clusters[clusterId];
  if (!report || !cluster) return {};
  const inside = state.goal.filter((v) => report.clusterOf[v] === clusterId);
  return { goal: inside.length > 0 ? state.goal.filter((v) => report.clusterOf[v] !== clusterId) : [...state.goal, cluster.members[0]!] };
}

function clearGoalEdit(_state: AppState): Partial<AppState> {
  return { goal: [] };
}

export function planReady(_state: AppState, result: PlanResult, selection: Uint8Array, goal: number[]): Partial<AppState> {
  return { planAnswer: { result, selection, goal } };
}

/** Starts the 自动推荐 search (the sync module sends it to the worker). */
export function startBestSet(state: AppState, request: BestSetRequest): Partial<AppState> {
  return { bestSet: { ...state.bestSet, status: 'running', request, error: null, cancelRequested: false } };
}

/** Asks the running search to stop; it answers with the best set found and its bound. */
export function cancelBestSet(state: AppState): Partial<AppState> {
  return state.bestSet.status === 'running' ? { bestSet: { ...state.bestSet, cancelRequested: true } } : {};
}

export function bestSetDone(state: AppState, result: BestSetResult): Partial<AppState> {
  return { bestSet: { ...state.bestSet, status: 'done', result, error: null, shown: true } };
}

export function bestSetFailed(state: AppState, message: string): Partial<AppState> {
  return { bestSet: { ...state.bestSet, status: 'error', error: message } };
}

export function showProposal(state: AppState, shown: boolean): Partial<AppState> {
  return { bestSet: { ...state.bestSet, shown } };
}

function adoptProposalEdit(state: AppState, name: string, savedAt: string): Partial<AppState> {
  const result = state.bestSet.result;
  const trimmed = name.trim();
  if (!result || !state.data || !trimmed || result.members.length === 0) return {};
  const features = state.data.dataset.boundaries.features;
  const scenario: SavedScenario = { name: trimmed, savedAt, codes: result.members.map((v) => features[v]!.id) };
  return { scenarios: [...state.scenarios.filter((item) => item.name !== trimmed), scenario].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
}

function setPlanThemeEdit(state: AppState, code: string, theme: string | null): Partial<AppState> {
  const { [code]: _previous, ...rest } = state.planThemes;
  return { planThemes: theme ? { ...rest, [code]: theme } : rest };
}

function openScenarioEdit(state: AppState, name: string): Partial<AppState> {
  const scenario = state.scenarios.find((item) => item.name === name);
  if (!scenario) return {};
  return { ...replacePlan(state, scenario.codes, `打开方案：${scenario.name}`), planThemes: { ...(scenario.themes ?? {}) } };
}

// The edits: each returns no change where `canEdit` (state/permissions.ts) refuses it.

/** Adds a cluster (by id in the current analysis) to the goal, or removes it when it is in. */
export const toggleGoalCluster = guarded('toggleGoalCluster', toggleGoalClusterEdit);

/** Back to joining everything. */
export const clearGoal = guarded('clearGoal', clearGoalEdit);

/** Saves the proposal as a named scenario (the plan itself is unchanged; open the scenario to use it). */
export const adoptProposal = guarded('adoptProposal', adoptProposalEdit);

/** Gives a community the plan adds a theme (null removes it). */
export const setPlanTheme = guarded('setPlanTheme', setPlanThemeEdit);

/** Opens a saved scenario: its designations (one undoable step) and its themes. */
export const openScenario = guarded('openScenario', openScenarioEdit);
