/** Pure state transitions: `(state, ...args) => changed fields`. Tested in Node (test/state). */
import { baselineSelection, type BridgePlan } from '../core/index.ts';
import type { AnalyzeResult, ErrorPayload, LoadResult } from '../worker/protocol.ts';
import type { AppState, Filters, MapState, PlanEdit, SavedScenario, StageSize, StatusLayerId, ViewId } from './store.ts';
import type { MapView } from './url-hash.ts';

/** Undo history is capped; older steps are dropped. */
export const MAX_UNDO = 200;

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

/** Remembers a link's plan and selection until the data they name has loaded. */
export function setPendingIntent(_state: AppState, intent: AppState['pendingIntent']): Partial<AppState> {
  return { pendingIntent: intent };
}

/**
 * A dataset arrived. The plan starts from the status table's designations, or from `planCodes`
 * (a shared link); unknown codes in a link are ignored.
 */
export function dataLoaded(state: AppState, data: LoadResult): Partial<AppState> {
  const intent = state.pendingIntent;
  const focus = intent?.selectedCode === undefined ? null : (data.dataset.boundaries.features.find((feature) => feature.id === intent.selectedCode)?.index ?? null);
  const loaded: AppState = {
    ...state,
    data,
    dataStatus: 'ready',
    dataError: null,
    pendingIntent: null,
    plan: { selected: baselineSelection(data.dataset), past: [], future: [] },
    analysis: null,
    exactBridges: null,
    baselineAnalysis: null,
    selected: focus,
    hovered: null,
  };
  // A link's plan is applied as an edit of the status table's, so undo shows where it started.
  const linked = intent?.planCodes ? replacePlan(loaded, intent.planCodes, '打开链接中的方案') : {};
  return { ...loaded, ...linked };
}

export function dataFailed(_state: AppState, error: ErrorPayload): Partial<AppState> {
  return { dataStatus: 'error', dataError: error };
}

export function selectionFromCodes(data: Pick<LoadResult, 'dataset'>, codes: readonly string[]): Uint8Array {
  const wanted = new Set(codes);
  return Uint8Array.from(data.dataset.boundaries.features, (feature) => (wanted.has(feature.id) ? 1 : 0));
}

/** Applies an edit to a selection, returning a new array. */
function applyEdit(selected: Uint8Array, edit: PlanEdit, forward: boolean): Uint8Array {
  const next = selected.slice();
  const value = forward ? edit.to : edit.to === 1 ? 0 : 1;
  for (const node of edit.nodes) next[node] = value;
  return next;
}

/** Sets `nodes` to designated (1) or not (0) as one undoable step; no-op when nothing changes. */
export function setDesignation(state: AppState, nodes: readonly number[], to: 0 | 1, label: string): Partial<AppState> {
  const changed = nodes.filter((node) => node >= 0 && node < state.plan.selected.length && state.plan.selected[node] !== to);
  if (changed.length === 0) return {};
  const edit: PlanEdit = { nodes: changed, to, label };
  return {
    plan: {
      selected: applyEdit(state.plan.selected, edit, true),
      past: [...state.plan.past, edit].slice(-MAX_UNDO),
      future: [],
    },
  };
}

/** Designates or undesignates one community (planning mode click). */
export function toggleDesignation(state: AppState, node: number): Partial<AppState> {
  const to = state.plan.selected[node] ? 0 : 1;
  const name = state.data?.dataset.boundaries.features[node]?.name ?? String(node);
  return setDesignation(state, [node], to, `${to ? '设为' : '取消'}示范社区：${name}`);
}

export function undo(state: AppState): Partial<AppState> {
  const edit = state.plan.past[state.plan.past.length - 1];
  if (!edit) return {};
  return { plan: { selected: applyEdit(state.plan.selected, edit, false), past: state.plan.past.slice(0, -1), future: [edit, ...state.plan.future] } };
}

export function redo(state: AppState): Partial<AppState> {
  const edit = state.plan.future[0];
  if (!edit) return {};
  return { plan: { selected: applyEdit(state.plan.selected, edit, true), past: [...state.plan.past, edit], future: state.plan.future.slice(1) } };
}

/** Replaces the plan with a set of codes as one undoable step (loading a scenario, resetting). */
export function replacePlan(state: AppState, codes: readonly string[], label: string): Partial<AppState> {
  if (!state.data) return {};
  const target = selectionFromCodes(state.data, codes);
  const on: number[] = [];
  const off: number[] = [];
  target.forEach((value, i) => {
    if (value !== state.plan.selected[i]) (value ? on : off).push(i);
  });
  if (on.length + off.length === 0) return {};
  // Two edits (off, then on) so that undo restores the previous plan exactly.
  const edits: PlanEdit[] = [];
  if (off.length) edits.push({ nodes: off, to: 0, label });
  if (on.length) edits.push({ nodes: on, to: 1, label });
  return { plan: { selected: target, past: [...state.plan.past, ...edits].slice(-MAX_UNDO), future: [] } };
}

/** Back to the status table's designations. */
export function resetPlan(state: AppState): Partial<AppState> {
  if (!state.data) return {};
  const codes = state.data.dataset.boundaries.features.filter((feature) => state.data!.dataset.status[feature.index]?.demo).map((feature) => feature.id);
  return replacePlan(state, codes, '恢复为现状名单');
}

export function analysisReady(state: AppState, result: AnalyzeResult, elapsedMs?: number): Partial<AppState> {
  return { analysis: result, analysisError: null, analysisVersion: state.analysisVersion + 1, ...(elapsedMs === undefined ? {} : { lastToggleMs: elapsedMs }) };
}

export function bridgesRefined(_state: AppState, plan: BridgePlan, selection: Uint8Array): Partial<AppState> {
  return { exactBridges: { plan, selection } };
}

export function baselineReady(_state: AppState, result: AnalyzeResult): Partial<AppState> {
  return { baselineAnalysis: result };
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

export function setLayer(_state: AppState, layer: StatusLayerId): Partial<AppState> {
  return { layer };
}

export function setFilter<K extends keyof Filters>(state: AppState, key: K, value: Filters[K]): Partial<AppState> {
  return { filters: { ...state.filters, [key]: value } };
}

export function select(state: AppState, index: number | null): Partial<AppState> {
  return state.selected === index ? {} : { selected: index };
}

export function hover(state: AppState, index: number | null): Partial<AppState> {
  return state.hovered === index ? {} : { hovered: index };
}

export function setPlanning(_state: AppState, planning: boolean): Partial<AppState> {
  return { planning };
}

export function setOverlay(state: AppState, key: keyof AppState['overlays'], visible: boolean): Partial<AppState> {
  return { overlays: { ...state.overlays, [key]: visible } };
}

/** Saves (or overwrites) a named scenario with the current plan. */
export function saveScenario(state: AppState, name: string, savedAt: string): Partial<AppState> {
  const trimmed = name.trim();
  if (!trimmed || !state.data) return {};
  const scenario: SavedScenario = { name: trimmed, savedAt, codes: planCodes(state) };
  return { scenarios: [...state.scenarios.filter((item) => item.name !== trimmed), scenario].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
}

export function deleteScenario(state: AppState, name: string): Partial<AppState> {
  return { scenarios: state.scenarios.filter((item) => item.name !== name), comparing: state.comparing === name ? null : state.comparing };
}

export function setScenarios(_state: AppState, scenarios: SavedScenario[]): Partial<AppState> {
  return { scenarios };
}

export function compareScenario(_state: AppState, name: string | null): Partial<AppState> {
  return { comparing: name };
}

export function setAboutOpen(_state: AppState, aboutOpen: boolean): Partial<AppState> {
  return { aboutOpen };
}

/** Codes of the communities designated in the current plan, in feature order. */
export function planCodes(state: Pick<AppState, 'data' | 'plan'>): string[] {
  if (!state.data) return [];
  return state.data.dataset.boundaries.features.filter((feature) => state.plan.selected[feature.index]).map((feature) => feature.id);
}
