/** The store of works, money and accountability (issue 21): state/works.ts in its own small zustand store, created in 服务器模式 only. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { NO_WORKS, type WorksState } from './works.ts';

export type WorksStore = StoreApi<WorksState>;

export function createWorksStore(initial: WorksState = NO_WORKS): WorksStore {
  return createStore<WorksState>()(() => initial);
}

export function dispatchWorks<A extends unknown[]>(store: WorksStore, updater: (state: WorksState, ...args: A) => Partial<WorksState>, ...args: A): void {
  store.setState((state) => updater(state, ...args));
}

export function useWorks<T>(store: WorksStore, selector: (state: WorksState) => T): T {
  return useStore(store, selector);
}
