/** The store of campaign features on the map 工程与路线 (issue 21): state/features.ts in its own small zustand store, created in 服务器模式 only. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { NO_FEATURES, type FeaturesState } from './features.ts';

export type FeaturesStore = StoreApi<FeaturesState>;

export function createFeaturesStore(initial: FeaturesState = NO_FEATURES): FeaturesStore {
  return createStore<FeaturesState>()(() => initial);
}

/** Applies a pure updater `(state, ...args) => partial` to the features store. */
export function dispatchFeatures<A extends unknown[]>(store: FeaturesStore, updater: (state: FeaturesState, ...args: A) => Partial<FeaturesState>, ...args: A): void {
  store.setState((state) => updater(state, ...args));
}

/** React hook: subscribes a component to one slice of the features store. */
export function useFeatures<T>(store: FeaturesStore, selector: (state: FeaturesState) => T): T {
  return useStore(store, selector);
}
