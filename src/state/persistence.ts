/**
 * Saved scenarios live in localStorage (this browser only). A corrupt or foreign entry is
 * ignored, never thrown: a bad entry must not stop the app from starting.
 */
import { dispatch, type AppStore, type SavedScenario } from './store.ts';
import { setScenarios } from './updaters.ts';

const SCENARIOS_KEY = 'lianpian.scenarios.v1';

function parseScenarios(text: string | null): SavedScenario[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (item): item is SavedScenario =>
        typeof item === 'object' && item !== null && typeof item.name === 'string' && typeof item.savedAt === 'string' && Array.isArray(item.codes) && item.codes.every((code: unknown) => typeof code === 'string') &&
        (item.themes === undefined || (typeof item.themes === 'object' && item.themes !== null && Object.values(item.themes as object).every((theme) => typeof theme === 'string'))),
    );
  } catch {
    return [];
  }
}

/** Loads saved scenarios into the store and writes every change back. */
export function persistScenarios(store: AppStore, storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage): () => void {
  if (!storage) return () => undefined;
  dispatch(store, setScenarios, parseScenarios(storage.getItem(SCENARIOS_KEY)));
  return store.subscribe((state, previous) => {
    // A read-only link shows someone else's plan: it never writes over this browser's scenarios.
    if (state.scenarios === previous.scenarios || state.readOnly) return;
    try {
      storage.setItem(SCENARIOS_KEY, JSON.stringify(state.scenarios));
    } catch {
      // Storage full or blocked: the scenarios stay in memory for this session.
    }
  });
}
