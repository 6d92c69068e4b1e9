/**
 * The one module that knows the state library (zustand/vanilla). Components read through
 * `useAppStore`, changes go through the pure updaters in `updaters.ts` (tested in Node), and
 * `url-sync.ts` mirrors the shareable part into the URL hash.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { BridgePlan, CivilizedLevel, Route } from '../core/index.ts';
import type { AnalyzeResult, BestSetRequest, BestSetResult, ErrorPayload, LoadResult, PlanResult } from '../worker/protocol.ts';
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
  /** Themes given in planning to communities the scenario adds (code → theme); absent in older saves. */
  themes?: Record<string, string>;
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
  /** Which data is shown: the embedded Lucheng demo or a synthetic mosaic of N cells. */
  source: { kind: 'lucheng' } | { kind: 'synthetic'; cells: number };
  /** Frame the designated communities once the data has loaded (a link with a view sets false). */
  fitOnLoad: boolean;
  /** Plan and selection from a link, applied when the data they refer to has loaded. */
  pendingIntent: { planCodes?: string[]; selectedCode?: string; goalCodes?: string[] } | null;

  /** The designation plan (the status table's demo set until the user plans otherwise). */
  plan: Plan;
  /** Analysis of the current plan: clusters, rings, overlay geometry, fast bridge plan. */
  analysis: AnalyzeResult | null;
  /** The exact bridge plan with its routes, and the selection it was computed for. */
  exactBridges: { plan: BridgePlan; selection: Uint8Array; routes?: Route[] } | null;
  /**
   * The goal of a partial join: one member per chosen cluster or isolated point (feature
   * indices, so the goal survives the renumbering of clusters); fewer than two = join everything.
   */
  goal: number[];
  /** Routes between clusters and the goal's join, for the selection and goal they were computed for. */
  planAnswer: { result: PlanResult; selection: Uint8Array; goal: number[] } | null;
  bestSet: BestSetState;
  /** Themes given in planning to communities the plan adds (code → theme); in the URL and scenarios. */
  planThemes: Record<string, string>;
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
    pendingIntent: null,
    fitOnLoad: true,
    plan: { selected: new Uint8Array(0), past: [], future: [] },
    analysis: null,
    exactBridges: null,
    goal: [],
    planAnswer: null,
    bestSet: { status: 'idle', request: null, result: null, error: null, shown: false },
    planThemes: {},
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
