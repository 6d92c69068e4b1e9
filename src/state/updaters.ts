/** Pure state transitions: `(state, ...args) => changed fields`. Tested in Node (test/state). */
import { baselineSelection, streetKey } from '../core/index.ts';
import type { AnalyzeResult, ErrorPayload, LoadResult, WhatIfResult } from '../worker/protocol.ts';
import { diffSelections, isPlanModified, planCodes, selectPlannedThemes } from './selectors.ts';
import { IDLE_BEST_SET, NO_FILTERS, type AppState, type Filters, type LinkIntent, type MapState, type PlanEdit, type StageSize, type SupervisionCases, type ViewId } from './store.ts';
import { canEdit, guarded } from './permissions.ts';
import type { SavedScenario } from './project.ts';
import type { StatusLayerId } from './status-layer-ids.ts';
import type { MapView } from './url-hash.ts';
import type { HashIntent } from './hash-intent.ts';

/** Undo history is capped; older steps are dropped. */
const MAX_UNDO = 200;

export function setView(_state: AppState, view: MapView): Partial<AppState> {
  return { view };
}

export function setMapState(state: AppState, mapState: MapState, error?: string): Partial<AppState> {
  // An error is sticky: a later `idle` (the map keeps rendering what it has) must not hide it.
  if (state.mapState === 'error' && mapState !== 'error') return {};
  return { mapState, mapError: mapState === 'error' ? (error ?? '地图加载失败') : null };
}

export function dataLoading(_state: AppState, source: AppState['source']): Partial<AppState> {
  return { source, dataStatus: 'loading', dataError: null };
}

/** The map has framed the data once (or a link's view made that unnecessary). */
export function fitDone(_state: AppState): Partial<AppState> {
  return { fitOnLoad: false };
}

/** At most this many unknown codes are named in a notice; the rest are counted. */
const NAMED_CODES = 10;

/** A code, street or theme from a link is cut to this many characters in a notice (a link can carry 1 MB). */
const NAMED_CHARS = 24;

/** `text` cut to NAMED_CHARS characters. */
function short(text: string): string {
  return text.length > NAMED_CHARS ? `${text.slice(0, NAMED_CHARS)}…` : text;
}

function listCodes(codes: readonly string[]): string {
  const named = codes.slice(0, NAMED_CODES).map(short).join('、');
  return codes.length > NAMED_CODES ? `${named} 等 ${codes.length} 个` : named;
}

/**
 * Applies a link's plan, selection and street filter to loaded data. Unknown parts are ignored
 * and named in `linkNotice`: unknown codes are dropped from the plan (when none is known, the
 * plan stays the status table's), an unknown selection selects nothing, a street or theme no
 * community has clears that filter. No link plan means the status table's plan.
 */
function applyLink(state: AppState, link: LinkIntent): Partial<AppState> {
  if (!state.data) return { pendingIntent: link };
  const features = state.data.dataset.boundaries.features;
  const known = new Set(features.map((feature) => feature.id));
  const notices: string[] = [];

  const planCodes = link.planCodes ?? [];
  const unknown = planCodes.filter((code) => !known.has(code));
  const usable = planCodes.filter((code) => known.has(code));
  if (unknown.length) notices.push(`链接中的示范社区编码不在数据中，已忽略：${listCodes(unknown)}${usable.length ? '' : '（没有可用的编码，显示现状名单）'}`);
  // A link's plan is applied as an edit of the status table's, so undo shows where it started.
  // Not a user's edit: a read-only link shows its plan too (the unguarded updaters).
  const plan = link.planCodes && (usable.length || !unknown.length) ? replacePlanEdit(state, usable, '打开链接中的方案') : isPlanModified(state) ? resetPlanEdit(state) : {};

  let selected: number | null = null;
  if (link.selectedCode !== undefined) {
    selected = features.find((feature) => feature.id === link.selectedCode)?.index ?? null;
    if (selected === null) notices.push(`链接中选中的社区编码不在数据中，已忽略：${short(link.selectedCode)}`);
  }

  // A filter value no community has would dim everything: drop it and say so.
  const filters = { ...state.filters };
  const { street, theme } = filters;
  if (street !== null && !features.some((feature) => streetKey(feature) === street || feature.street === street)) {
    notices.push(`街道「${short(street)}」不在数据中，已取消街道筛选`);
    filters.street = null;
  }
  if (theme !== null && !state.data.dataset.status.some((row) => row?.theme === theme)) {
    notices.push(`主题「${short(theme)}」不在数据中，已取消主题筛选`);
    filters.theme = null;
  }

  const goalCodes = new Set(link.goalCodes ?? []);
  const goal = features.filter((feature) => goalCodes.has(feature.id)).map((feature) => feature.index);
  return {
    ...plan,
    selected,
    ...(goal.join() !== state.goal.join() ? { goal } : {}),
    pendingIntent: null,
    linkNotice: notices.length ? notices.join('；') : null,
    ...(filters.street === street && filters.theme === theme ? {} : { filters }),
  };
}

export function dismissLinkNotice(_state: AppState): Partial<AppState> {
  return { linkNotice: null };
}

/**
 * A dataset arrived. The plan starts from the status table's designations, then a pending link
 * (plan, selection) is applied, see `applyLink`.
 */
export function dataLoaded(state: AppState, data: LoadResult): Partial<AppState> {
  const loaded: AppState = {
    ...state,
    data,
    dataStatus: 'ready',
    dataError: null,
    plan: { designated: baselineSelection(data.dataset), past: [], future: [] },
    analysis: null,
    bridges: null,
    goal: [],
    planAnswer: null,
    bestSet: IDLE_BEST_SET,
    baselineAnalysis: null,
    hovered: null,
  };
  return { ...loaded, ...applyLink(loaded, state.pendingIntent ?? {}) };
}

/** State fields a hash sets before any data is loaded. */
function stateFromIntent(intent: HashIntent): Partial<AppState> {
  return {
    ...(intent.view ? { view: intent.view, fitOnLoad: false } : {}),
    layer: intent.layer ?? 'demo',
    designating: intent.designating,
    activeView: intent.activeView,
    slide: intent.slide,
    step: intent.step,
    stage: intent.stage,
    asOf: intent.asOf,
    filters: intent.filters ?? NO_FILTERS,
    source: intent.source,
    readOnly: intent.readOnly,
    ...(intent.themes ? { planThemes: intent.themes } : {}),
  };
}

/** The part of a hash that must wait for the data. */
function linkOf(intent: HashIntent): LinkIntent {
  return { ...(intent.planCodes ? { planCodes: intent.planCodes } : {}), ...(intent.selectedCode ? { selectedCode: intent.selectedCode } : {}), ...(intent.goalCodes ? { goalCodes: intent.goalCodes } : {}) };
}

/**
 * The URL hash says `intent` (on start, a typed link, back/forward): view, layer, mode, filters
 * and source at once; plan and selection now if the data they name is loaded, else once it is.
 */
export function hashChanged(state: AppState, linkIntent: HashIntent): Partial<AppState> {
  // A link without data= means "the data you have": the working project (or the campaign) stays loaded.
  const intent = linkIntent.source.kind === 'lucheng' && (state.source.kind === 'project' || state.source.kind === 'server') ? { ...linkIntent, source: state.source } : linkIntent;
  const next: AppState = { ...state, ...stateFromIntent(intent) };
  const reload = JSON.stringify(intent.source) !== JSON.stringify(state.source);
  // 服务器模式: the plan is the campaign's; a link neither sets nor resets it (that would be an edit sent to the server).
  const { planCodes: _linkPlan, ...withoutPlan } = linkOf(intent);
  const server = state.source.kind === 'server';
  const link = server ? withoutPlan : linkOf(intent);
  const applied = () => {
    const result = applyLink(next, link);
    if (!server) return result;
    const { plan: _plan, ...rest } = result;
    return rest;
  };
  const linked = reload || !state.data || state.dataStatus !== 'ready' ? { pendingIntent: link } : applied();
  return { ...stateFromIntent(intent), ...linked };
}

export function dataFailed(_state: AppState, error: ErrorPayload): Partial<AppState> {
  return { dataStatus: 'error', dataError: error };
}

export function designationFromCodes(data: Pick<LoadResult, 'dataset'>, codes: readonly string[]): Uint8Array {
  const wanted = new Set(codes);
  return Uint8Array.from(data.dataset.boundaries.features, (feature) => (wanted.has(feature.id) ? 1 : 0));
}

/** Applies an edit to a selection (or reverts it), returning a new array. */
function applyEdit(designated: Uint8Array, edit: PlanEdit, forward: boolean): Uint8Array {
  const next = designated.slice();
  for (const node of edit.on) next[node] = forward ? 1 : 0;
  for (const node of edit.off) next[node] = forward ? 0 : 1;
  return next;
}

/** Records `edit` as one undoable step; no-op when it changes nothing. */
function pushEdit(state: AppState, edit: PlanEdit): Partial<AppState> {
  if (edit.on.length + edit.off.length === 0) return {};
  return { plan: { designated: applyEdit(state.plan.designated, edit, true), past: [...state.plan.past, edit].slice(-MAX_UNDO), future: [] } };
}

function setDesignationEdit(state: AppState, nodes: readonly number[], to: 0 | 1, label: string): Partial<AppState> {
  const changed = nodes.filter((node) => node >= 0 && node < state.plan.designated.length && state.plan.designated[node] !== to);
  return pushEdit(state, to ? { on: changed, off: [], label } : { on: [], off: changed, label });
}

function toggleDesignationEdit(state: AppState, node: number): Partial<AppState> {
  const to = state.plan.designated[node] ? 0 : 1;
  const name = state.data?.dataset.boundaries.features[node]?.name ?? String(node);
  return setDesignation(state, [node], to, `${to ? '设为' : '取消'}示范社区：${name}`);
}

function undoEdit(state: AppState): Partial<AppState> {
  const edit = state.plan.past[state.plan.past.length - 1];
  if (!edit) return {};
  return { plan: { designated: applyEdit(state.plan.designated, edit, false), past: state.plan.past.slice(0, -1), future: [edit, ...state.plan.future] } };
}

function redoEdit(state: AppState): Partial<AppState> {
  const edit = state.plan.future[0];
  if (!edit) return {};
  return { plan: { designated: applyEdit(state.plan.designated, edit, true), past: [...state.plan.past, edit], future: state.plan.future.slice(1) } };
}

function replacePlanEdit(state: AppState, codes: readonly string[], label: string): Partial<AppState> {
  if (!state.data) return {};
  const { added, removed } = diffSelections(state.plan.designated, designationFromCodes(state.data, codes));
  return pushEdit(state, { on: added, off: removed, label });
}

function resetPlanEdit(state: AppState): Partial<AppState> {
  if (!state.data) return {};
  const codes = state.data.dataset.boundaries.features.filter((feature) => state.data!.dataset.status[feature.index]?.demo).map((feature) => feature.id);
  return replacePlanEdit(state, codes, '恢复为现状名单');
}

/**
 * The complete answer for `selection` and `goal` arrived (one request, one answer): analysis,
 * bridge plan and the exact part at once, so the report and the map change once.
 */
export function analysisReady(state: AppState, result: WhatIfResult, designated: Uint8Array, goal: number[], elapsedMs?: number): Partial<AppState> {
  const { bridges: _bridges, explanations: _explanations, routes: _routes, target: _target, ...analysis } = result.answer;
  const { exact } = result;
  return {
    analysis: { ...analysis, elapsedMs: result.elapsedMs },
    bridges: { solution: exact.bridges, explanations: exact.explanations, routes: exact.routes, designated },
    planAnswer: { result: exact, designated, goal },
    analysisError: null,
    analysisVersion: state.analysisVersion + 1,
    ...(elapsedMs === undefined ? {} : { lastToggleMs: elapsedMs }),
  };
}

export function baselineReady(_state: AppState, result: AnalyzeResult): Partial<AppState> {
  const { bridges: _bridges, explanations: _explanations, routes: _routes, target: _target, ...analysis } = result;
  return { baselineAnalysis: analysis };
}

export function analysisFailed(_state: AppState, message: string): Partial<AppState> {
  return { analysisError: message };
}

export function setActiveView(_state: AppState, activeView: ViewId): Partial<AppState> {
  return { activeView };
}

/** Opens the presentation at a slide (1-based), at its overview step. */
export function startPresentation(_state: AppState, slide = 1): Partial<AppState> {
  return { activeView: 'present', slide, step: 0 };
}

/**
 * Moves through the presentation by `delta` (±1) camera steps: steps of the current slide first,
 * then the next (or previous) slide; going back lands on the previous slide's last step.
 * `stepCounts[i]` is the number of steps of slide i + 1. Stays put at either end.
 */
export function moveSlide(state: AppState, delta: 1 | -1, stepCounts: readonly number[]): Partial<AppState> {
  const slides = stepCounts.length;
  if (slides === 0) return {};
  const slide = Math.min(Math.max(state.slide, 1), slides);
  const steps = stepCounts[slide - 1]!;
  const step = Math.min(state.step, steps - 1);
  if (delta > 0) {
    if (step + 1 < steps) return { slide, step: step + 1 };
    return slide < slides ? { slide: slide + 1, step: 0 } : {};
  }
  if (step > 0) return { slide, step: step - 1 };
  return slide > 1 ? { slide: slide - 1, step: Math.max(0, stepCounts[slide - 2]! - 1) } : {};
}

/** Jumps to a slide (1-based, clamped to the slides there are), at its overview step. */
export function goToSlide(_state: AppState, slide: number, slides: number): Partial<AppState> {
  return { slide: Math.min(Math.max(Math.round(slide), 1), Math.max(slides, 1)), step: 0 };
}

export function setStage(_state: AppState, stage: StageSize): Partial<AppState> {
  return { stage };
}

/** Sets the as-of date (an inspection round; null = latest). */
export function setAsOf(state: AppState, asOf: string | null): Partial<AppState> {
  return state.asOf === asOf ? {} : { asOf };
}

/** Selects a street (code) on the map and in the lists, or none; the same street again unselects it. */
export function selectStreet(state: AppState, code: string | null): Partial<AppState> {
  return { filters: { ...state.filters, street: state.filters.street === code ? null : code } };
}

export function hoverStreet(state: AppState, code: string | null): Partial<AppState> {
  return state.hoveredStreet === code ? {} : { hoveredStreet: code };
}

export function setLayer(_state: AppState, layer: StatusLayerId): Partial<AppState> {
  return { layer };
}

export function setFilter<K extends keyof Filters>(state: AppState, key: K, value: Filters[K]): Partial<AppState> {
  return { filters: { ...state.filters, [key]: value } };
}

export function clearFilters(_state: AppState): Partial<AppState> {
  return { filters: NO_FILTERS };
}

/** The cases the lagging report grades with (服务器模式); null when the account sees only a part of them, or none. */
export function supervisionCasesRead(state: AppState, value: SupervisionCases | null): Partial<AppState> {
  return state.supervisionCases === value ? {} : { supervisionCases: value };
}

export function select(state: AppState, index: number | null): Partial<AppState> {
  return state.selected === index ? {} : { selected: index };
}

/**
 * A click on the map (a community's index, or null for none): in planning mode it designates or
 * undesignates the community; where that is not allowed (not planning, a read-only link) it selects.
 */
export function mapClicked(state: AppState, index: number | null): Partial<AppState> {
  return index !== null && canEdit(state, 'mapClicked') ? toggleDesignationEdit(state, index) : select(state, index);
}

export function hover(state: AppState, index: number | null): Partial<AppState> {
  return state.hovered === index ? {} : { hovered: index };
}

export function setDesignating(_state: AppState, planning: boolean): Partial<AppState> {
  return { designating: planning };
}

export function setOverlay(state: AppState, key: keyof AppState['overlays'], visible: boolean): Partial<AppState> {
  return { overlays: { ...state.overlays, [key]: visible } };
}

function saveScenarioEdit(state: AppState, name: string, savedAt: string): Partial<AppState> {
  const trimmed = name.trim();
  if (!trimmed || !state.data) return {};
  // Themes given to the communities the plan adds travel with it.
  const themes = selectPlannedThemes(state);
  const scenario: SavedScenario = { name: trimmed, savedAt, codes: planCodes(state), ...(Object.keys(themes).length > 0 ? { themes } : {}) };
  return { scenarios: [...state.scenarios.filter((item) => item.name !== trimmed), scenario].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
}

function deleteScenarioEdit(state: AppState, name: string): Partial<AppState> {
  return { scenarios: state.scenarios.filter((item) => item.name !== name), comparing: state.comparing === name ? null : state.comparing };
}

function importScenariosEdit(state: AppState, scenarios: SavedScenario[]): Partial<AppState> {
  const names = new Set(scenarios.map((item) => item.name));
  return { scenarios: [...state.scenarios.filter((item) => !names.has(item.name)), ...scenarios] };
}

/** The saved scenarios as stored (loading them is not an edit). */
export function setScenarios(_state: AppState, scenarios: SavedScenario[]): Partial<AppState> {
  return { scenarios };
}

export function compareScenario(_state: AppState, name: string | null): Partial<AppState> {
  return { comparing: name };
}

export function setAboutOpen(_state: AppState, aboutOpen: boolean): Partial<AppState> {
  return { aboutOpen };
}

// The edits: each returns no change where `canEdit` (state/permissions.ts) refuses it.

/** Sets `nodes` to designated (1) or not (0) as one undoable step; no-op when nothing changes. */
export const setDesignation = guarded('setDesignation', setDesignationEdit);

/** Designates or undesignates one community (planning mode click). */
export const toggleDesignation = guarded('toggleDesignation', toggleDesignationEdit);

/** Reverts the last plan edit. */
export const undo = guarded('undo', undoEdit);

/** Re-applies the last undone plan edit. */
export const redo = guarded('redo', redoEdit);

/** Replaces the plan with a set of codes as one undoable step (loading a scenario, resetting). */
export const replacePlan = guarded('replacePlan', replacePlanEdit);

/**
 * The plan as the campaign server holds it (a live event, the server's side of a conflict): one
 * undoable step like `replacePlan`, but NOT guarded: the server already checked who made the
 * change, and every signed-in role (a leader too) must see it. Never call it for a user's edit.
 */
export function planFromServer(state: AppState, codes: readonly string[], label: string): Partial<AppState> {
  return replacePlanEdit(state, codes, label);
}

/** Back to the status table's designations. */
export const resetPlan = guarded('resetPlan', resetPlanEdit);

/** Saves (or overwrites) a named scenario with the current plan. */
export const saveScenario = guarded('saveScenario', saveScenarioEdit);

/** Deletes a saved scenario (and stops comparing with it). */
export const deleteScenario = guarded('deleteScenario', deleteScenarioEdit);

/** Scenarios read from a 情景文件: each replaces a saved one of the same name. */
export const importScenarios = guarded('importScenarios', importScenariosEdit);
