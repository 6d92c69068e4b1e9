/**
 * The one module that knows the state library (zustand/vanilla). Components read through
 * `useAppStore`, changes go through the pure updaters in `updaters.ts` (tested in Node), and
 * `app/effects/url-sync.ts` mirrors the shareable part (`hash-intent.ts`) into the URL hash.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BridgeSolution, CaseRecord, CivilizedLevel, FilePreview, ImportChoices, ImportInput, DescribedRoute, WhatIfAnswer, WhatIfExact } from '../core/index.ts';
import type { BestSetRequest, BestSetResult, ErrorPayload, LoadResult, Progress, SourceRef } from '../worker/protocol.ts';
import { STANDALONE, type ServerState } from './server-state.ts';
import { emptyProject, type Project, type SavedScenario } from './project.ts';
import type { MapView } from './url-hash.ts';
import type { StatusLayerId } from './status-layer-ids.ts';

export type MapState = 'loading' | 'idle' | 'error';

/**
 * A what-if answer without its bridge plan and target: the store keeps bridges in one place
 * (`bridges`) and the one target check in the exact part (`planAnswer`).
 */
export type Analysis = Omit<WhatIfAnswer, 'bridges' | 'explanations' | 'routes' | 'target'> & {
  /** Time the session spent on it, ms. */
  elapsedMs: number;
};

/** The one bridge answer: a plan, one sentence per suggestion, the plan as routes, and the selection it is for. */
export interface BridgeAnswer {
  solution: BridgeSolution;
  explanations: string[];
  /** The plan's connected runs of communities (a chain is one route), in step order. */
  routes: DescribedRoute[];
  designated: Uint8Array;
}

/** The app's views (`view=` in the URL): the planning dashboard, the 落后分析 view and the presentation; one map controller for all. */
export type ViewId = 'dashboard' | 'lagging' | 'present';
export const VIEW_IDS: readonly ViewId[] = ['dashboard', 'lagging', 'present'];

/** Size of the presentation stage in stage pixels (1920×1080 by default; 6720×2160 for an LED wall). */
export interface StageSize {
  width: number;
  height: number;
}
export const DEFAULT_STAGE: StageSize = { width: 1920, height: 1080 };


export interface Filters {
  /** Street code (a street name from an older link is accepted too). */
  street: string | null;
  level: CivilizedLevel | null;
  theme: string | null;
  /** Designated demonstration community in the current plan: yes / no / any (null). */
  demo: 'yes' | 'no' | null;
}

export const NO_FILTERS: Filters = { street: null, level: null, theme: null, demo: null };

/** One undoable change of the plan: `on` became designated and `off` undesignated (each from the opposite). */
export interface PlanEdit {
  on: number[];
  off: number[];
  /** What the user did, in Chinese, for the undo button's title. */
  label: string;
}

export interface Plan {
  /** 1 = designated demonstration community in this plan, per feature index. */
  designated: Uint8Array;
  past: PlanEdit[];
  future: PlanEdit[];
}

/** The part of a shared link that needs the data to resolve: codes of the plan and of the selection. */
export interface LinkIntent {
  planCodes?: string[];
  selectedCode?: string;
  /** The goal of a partial join: one community per chosen cluster. */
  goalCodes?: string[];
}

/** The 自动推荐 search (best contiguous set) and its answer, shown on the map as a proposal. */
export interface BestSetState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** What was asked (feature indices for must / exclude). */
  request: BestSetRequest | null;
  result: BestSetResult | null;
  error: string | null;
  /** Draw the answer on the map. */
  shown: boolean;
  /** The user asked to stop the running search (it then answers with the best found and its bound). */
  cancelRequested?: boolean;
}

export type DataStatus = 'loading' | 'ready' | 'error';

/** The import dialog: files read and previewed in the worker, applied only on confirm. */
export interface ImportState {
  phase: 'idle' | 'reading' | 'preview' | 'applying';
  inputs: ImportInput[];
  /** Per logical file name: what the user chose in the preview. */
  choices: Record<string, ImportChoices>;
  previews: FilePreview[];
  progress: Progress | null;
  /** Why applying failed (the project stayed as it was); null otherwise. */
  failure: ErrorPayload | null;
}

/**
 * What the user must know about the saved copy of the working project: a save the browser
 * refused, a stored project this version cannot read (kept aside, not overwritten), or a change
 * saved by another tab (this tab stops saving until the user chooses).
 */
export interface StorageNotice {
  kind: 'save-failed' | 'unreadable' | 'other-tab';
  message: string;
  /** `unreadable`: the IndexedDB key the entry was kept under (for its export). */
  key?: string;
}

export const IDLE_IMPORT: ImportState = { phase: 'idle', inputs: [], choices: {}, previews: [], progress: null, failure: null };

/** Cases read by the lagging report: the server's list and its case clock (ISO date-time). */
export interface SupervisionCases {
  cases: readonly CaseRecord[];
  now: string;
}

export interface AppState {
  /** Camera of the map; mirrored in the URL hash. */
  view: MapView;
  /** Lifecycle of the map, exposed as `data-map-state` for automation. */
  mapState: MapState;
  /** A Chinese message for the user when the map could not load. */
  mapError: string | null;

  dataStatus: DataStatus;
  dataError: ErrorPayload | null;
  /** The loaded dataset with its adjacency graph and metrics. */
  data: LoadResult | null;
  /** Which data is shown: the embedded Lucheng demo, a synthetic mosaic of N cells, the working project's files, or a campaign server's files at a revision. */
  source: { kind: 'lucheng' } | { kind: 'synthetic'; cells: number } | { kind: 'project' } | { kind: 'server'; campaign: string; revision: number; files: SourceRef[] };
  /** 服务器模式 or 单机模式: the campaign server, the signed-in user, what the server acknowledged (state/server.ts). */
  server: ServerState;
  /** The working project (imports, plan, scenarios, export settings), saved in IndexedDB. */
  project: Project;
  importState: ImportState;
  /** Progress of a long data load (large imports), null when none. */
  loadProgress: Progress | null;
  /** Opened from a read-only link: planning and imports are off. */
  readOnly: boolean;
  /** Frame the designated communities once the data has loaded (a link with a view sets false). */
  fitOnLoad: boolean;
  /** Plan and selection from a link, applied when the data they refer to has loaded. */
  pendingIntent: LinkIntent | null;
  /** What of a link could not be applied (unknown codes or street), in Chinese; null = nothing. */
  linkNotice: string | null;
  /** A problem with the saved project (a failed save, an unreadable stored copy, another tab's change); null = none. */
  storageNotice: StorageNotice | null;
  /** The project the last replacement (project file, demo data) replaced, one "restore" away; null = none. */
  previousProject: Project | null;

  /** The designation plan (the status table's demo set until the user plans otherwise). */
  plan: Plan;
  /** Analysis of the plan last answered: clusters, rings, overlay geometry (bridges are in `bridges`). */
  analysis: Analysis | null;
  /** The best bridge plan of the plan last answered (exact within the budget). Read via `selectBridges`. */
  bridges: BridgeAnswer | null;
  /**
   * The goal of a partial join: one member per chosen cluster or isolated point (feature
   * indices, so the goal survives the renumbering of clusters); fewer than two = join everything.
   */
  goal: number[];
  /**
   * The exact part of the last answer (target check, routes per pair, the goal's join), with the
   * selection and goal it answers: while they are not the current plan and goal, the answer is
   * pending (`selectAnswerPending`) and the report shows the old one dimmed.
   */
  planAnswer: { result: WhatIfExact; designated: Uint8Array; goal: number[] } | null;
  bestSet: BestSetState;
  /** Themes given in planning to communities the plan adds (code → theme key); in the URL and scenarios. */
  planThemes: Record<string, string>;
  /** Analysis of the status table's own demo set, for comparisons. */
  baselineAnalysis: Analysis | null;
  analysisError: string | null;
  /** Measured time of the last what-if: toggle → report updated, in ms. */
  lastToggleMs: number | null;
  /** Counts analysis results received (a change signal for automation and benchmarks). */
  analysisVersion: number;

  /** Which view is shown. */
  activeView: ViewId;
  /** Presentation: current slide (1-based, as shown and typed) and camera step within it (0 = overview). */
  slide: number;
  step: number;
  stage: StageSize;
  /** The as-of date of the lagging figures (an inspection round); null = the latest in the data. */
  asOf: string | null;
  /**
   * The campaign's cases as the lagging report reads them (服务器模式, an account that sees every
   * case), at the end of the server's day; null otherwise (a file campaign has no cases).
   */
  supervisionCases: SupervisionCases | null;
  layer: StatusLayerId;
  filters: Filters;
  /** Selected community (feature index). */
  selected: number | null;
  hovered: number | null;
  /** Street (key) under the pointer in a chart, outlined on the map. */
  hoveredStreet: string | null;
  /** Clicking the map toggles designations instead of selecting. */
  designating: boolean;
  scenarios: SavedScenario[];
  /** Scenario being compared with the baseline; null = none. */
  comparing: string | null;
  /** Visible overlays of the 连线成片 analysis. */
  overlays: { clusters: boolean; zones: boolean; rings: boolean; bridges: boolean };
  aboutOpen: boolean;
}

/** No 自动推荐 search yet. */
export const IDLE_BEST_SET: BestSetState = { status: 'idle', request: null, result: null, error: null, shown: false };

/** Lucheng District as a whole fits the screen at this view. */
const DEFAULT_VIEW: MapView = { zoom: 10.6, lat: 28.045, lon: 120.6 };

export function initialState(view: MapView = DEFAULT_VIEW): AppState {
  return {
    view,
    mapState: 'loading',
    mapError: null,
    dataStatus: 'loading',
    dataError: null,
    data: null,
    source: { kind: 'lucheng' },
    server: STANDALONE,
    project: emptyProject(),
    importState: IDLE_IMPORT,
    loadProgress: null,
    readOnly: false,
    pendingIntent: null,
    linkNotice: null,
    storageNotice: null,
    previousProject: null,
    fitOnLoad: true,
    plan: { designated: new Uint8Array(0), past: [], future: [] },
    analysis: null,
    bridges: null,
    goal: [],
    planAnswer: null,
    bestSet: IDLE_BEST_SET,
    planThemes: {},
    baselineAnalysis: null,
    analysisError: null,
    lastToggleMs: null,
    analysisVersion: 0,
    activeView: 'dashboard',
    slide: 1,
    step: 0,
    stage: DEFAULT_STAGE,
    asOf: null,
    supervisionCases: null,
    layer: 'demo',
    filters: NO_FILTERS,
    selected: null,
    hovered: null,
    hoveredStreet: null,
    designating: false,
    scenarios: [],
    comparing: null,
    overlays: { clusters: true, zones: true, rings: true, bridges: true },
    aboutOpen: false,
  };
}

export type AppStore = StoreApi<AppState>;

export function createAppStore(initial: AppState = initialState()): AppStore {
  return createStore<AppState>()(() => initial);
}

/** Applies a pure updater `(state, ...args) => partial` to the store. */
export function dispatch<A extends unknown[]>(store: AppStore, updater: (state: AppState, ...args: A) => Partial<AppState>, ...args: A): void {
  store.setState((state) => updater(state, ...args));
}

/** React hook: subscribes a component to one slice of the store. */
export function useAppStore<T>(store: AppStore, selector: (state: AppState) => T): T {
  return useStore(store, selector);
}
