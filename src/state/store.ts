/**
 * The one module that knows the state library (zustand/vanilla). Components read through
 * `useAppStore`, changes go through the pure updaters in `updaters.ts`, so every transition
 * can be tested in Node without React.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { MapView } from './url-hash.ts';

export type MapState = 'loading' | 'idle' | 'error';

export interface AppState {
  /** Camera of the map; mirrored in the URL hash. */
  view: MapView;
  /** Lifecycle of the map, exposed as `data-map-state` for automation. */
  mapState: MapState;
  /** A Chinese message for the user when the map or the data could not load. */
  mapError: string | null;
}

/** Lucheng District as a whole fits the screen at this view. */
export const DEFAULT_VIEW: MapView = { zoom: 10.6, lat: 28.045, lon: 120.6 };

export function initialState(view: MapView = DEFAULT_VIEW): AppState {
  return { view, mapState: 'loading', mapError: null };
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
