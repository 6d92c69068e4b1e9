/** A minimal loaded app state for updater tests: five communities A–E, A and C designated in the status table. */
import { initialState, type AppState } from '../../src/state/store.ts';
import { dataLoaded } from '../../src/state/updaters.ts';
import type { LoadResult } from '../../src/worker/protocol.ts';

export function loadResult(): LoadResult {
  const codes = ['A', 'B', 'C', 'D', 'E'];
  return {
    dataset: {
      boundaries: { features: codes.map((id, index) => ({ id, index, name: `社区${id}`, street: '甲街道', streetCode: 'S1' })) },
      status: codes.map((code) => ({ code, demo: code === 'A' || code === 'C' })),
    },
  } as unknown as LoadResult;
}

/** Applies updaters in order, as the store would. */
export function apply(state: AppState, ...changes: ((state: AppState) => Partial<AppState>)[]): AppState {
  return changes.reduce((current, change) => ({ ...current, ...change(current) }), state);
}

export const loaded = () => apply(initialState(), (state) => dataLoaded(state, loadResult()));
