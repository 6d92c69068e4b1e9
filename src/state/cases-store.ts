/**
 * The store of the cases 问题 (issue 20): the state of state/cases.ts in its own small zustand
 * store, created in 服务器模式 only. Components read through `useCases`, changes go through
 * the pure updaters of cases.ts with `dispatchCases`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { NO_CASES, type CasesState } from './cases.ts';

export type CasesStore = StoreApi<CasesState>;

export function createCasesStore(initial: CasesState = NO_CASES): CasesStore {
  return createStore<CasesState>()(() => initial);
}

/** Applies a pure updater `(state, ...args) => partial` to the cases store. */
export function dispatchCases<A extends unknown[]>(store: CasesStore, updater: (state: CasesState, ...args: A) => Partial<CasesState>, ...args: A): void {
  store.setState((state) => updater(state, ...args));
}

/** React hook: subscribes a component to one slice of the cases store. */
export function useCases<T>(store: CasesStore, selector: (state: CasesState) => T): T {
  return useStore(store, selector);
}
