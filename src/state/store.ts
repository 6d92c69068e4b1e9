/**
 * The one module that knows the state library (zustand/vanilla). Components read through
 * `useAppStore`, changes go through the pure updaters in `updaters.ts` (tested in Node), and
 * `url-sync.ts` mirrors the shareable part into the URL hash.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BridgePlan, CivilizedLevel } from '../core/index.ts';
import type { FilePreview, ImportChoices, ImportInput } from '../core/index.ts';
import type { AnalyzeResult, ErrorPayload, LoadResult, Progress } from '../worker/protocol.ts';
import { emptyProject, type Project } from './project.ts';
import type { MapView } from './url-hash.ts';
import { STATUS_LAYERS, type StatusLayerId } from '../map/status-layers.ts';

export type MapState = 'loading' | 'idle' | 'error';

export type { StatusLayerId };
export const STATUS_LAYER_IDS: readonly StatusLayerId[] = STATUS_LAYERS.map((layer) => layer.id);

export interface Filters {
  street: string | null;
  level: CivilizedLevel | null;
  theme: string | null;
  /** Designated demonstration community in the current plan: yes / no / any (null). */
  demo: 'yes' | 'no' | null;
}

export const NO_FILTERS: Filters = { street: null, level: null, theme: null, demo: null };

/** One undoable change of the plan: these nodes were set to `to` (from the opposite). */
export interface PlanEdit {
  nodes: number[];
  to: 0 | 1;
  /** What the user did, in Chinese, for the undo button's title. */
  label: string;
}

export interface Plan {
  /** 1 = designated demonstration community in this plan, per feature index. */
  selected: Uint8Array;
  past: PlanEdit[];
  future: PlanEdit[];
}

/** A named scenario saved in the browser. */
export interface SavedScenario {
  name: string;
  /** ISO timestamp. */
  savedAt: string;
  /** Codes of the designated communities. */
  codes: string[];
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

export const IDLE_IMPORT: ImportState = { phase: 'idle', inputs: [], choices: {}, previews: [], progress: null, failure: null };

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
  /** Which data is shown: the embedded Lucheng demo, a synthetic mosaic of N cells, or the working project's files. */
  source: { kind: 'lucheng' } | { kind: 'synthetic'; cells: number } | { kind: 'project' };
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
  pendingIntent: { planCodes?: string[]; selectedCode?: string } | null;

  /** The designation plan (the status table's demo set until the user plans otherwise). */
  plan: Plan;
  /** Analysis of the current plan: clusters, rings, overlay geometry, fast bridge plan. */
  analysis: AnalyzeResult | null;
  /** The exact bridge plan, and the selection it was computed for. */
  exactBridges: { plan: BridgePlan; selection: Uint8Array } | null;
  /** Analysis of the status table's own demo set, for comparisons. */
  baselineAnalysis: AnalyzeResult | null;
  analysisError: string | null;
  /** Measured time of the last what-if: toggle → report updated, in ms. */
  lastToggleMs: number | null;
  /** Counts analysis results received (a change signal for automation and benchmarks). */
  analysisVersion: number;

  layer: StatusLayerId;
  filters: Filters;
  /** Selected community (feature index). */
  selected: number | null;
  hovered: number | null;
  /** Clicking the map toggles designations instead of selecting. */
  planning: boolean;
  scenarios: SavedScenario[];
  /** Scenario being compared with the baseline; null = none. */
  comparing: string | null;
  /** Visible overlays of the 连线成片 analysis. */
  overlays: { clusters: boolean; zones: boolean; rings: boolean; bridges: boolean };
  aboutOpen: boolean;
}

/** Lucheng District as a whole fits the screen at this view. */
export const DEFAULT_VIEW: MapView = { zoom: 10.6, lat: 28.045, lon: 120.6 };

export function initialState(view: MapView = DEFAULT_VIEW): AppState {
  return {
    view,
    mapState: 'loading',
    mapError: null,
    dataStatus: 'loading',
    dataError: null,
    data: null,
    source: { kind: 'lucheng' },
    project: emptyProject(),
    importState: IDLE_IMPORT,
    loadProgress: null,
    readOnly: false,
    pendingIntent: null,
    fitOnLoad: true,
    plan: { selected: new Uint8Array(0), past: [], future: [] },
    analysis: null,
    exactBridges: null,
    baselineAnalysis: null,
    analysisError: null,
    lastToggleMs: null,
    analysisVersion: 0,
    layer: 'demo',
    filters: NO_FILTERS,
    selected: null,
    hovered: null,
    planning: false,
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
