/**
 * Saved scenarios live in one place: the working project in IndexedDB (sync-project.ts). Builds
 * before issue 15 also kept them in localStorage; that copy is read once, merged into the
 * project's scenarios and removed after the project holding them has been saved. A corrupt or
 * foreign entry is ignored, never thrown: a bad entry must not stop the app from starting.
 */
import type { SavedScenario } from '../../state/project.ts';
import { dispatch, type AppStore } from '../../state/store.ts';
import { setScenarios } from '../../state/updaters.ts';

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

/**
 * Moves the scenarios an older build kept in localStorage into the store (on a name clash the
 * project's scenario wins). Returns what to call after each project save: once a save has
 * succeeded, the old copy is removed (not before, so closing the tab first loses nothing).
 */
export function migrateLocalScenarios(store: AppStore, storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage): (saved: boolean) => void {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(SCENARIOS_KEY) ?? null;
  } catch {
    // Storage blocked: nothing to migrate.
  }
  if (!storage || stored === null) return () => undefined;
  const current = store.getState().scenarios;
  const names = new Set(current.map((item) => item.name));
  const added = parseScenarios(stored).filter((item) => !names.has(item.name));
  if (added.length > 0) dispatch(store, setScenarios, [...current, ...added].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')));
  let done = false;
  return (saved) => {
    if (!saved || done) return;
    done = true;
    try {
      storage.removeItem(SCENARIOS_KEY);
    } catch {
      // Blocked now: the next start merges it again (names already present are skipped).
    }
  };
}
