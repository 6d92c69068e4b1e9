/**
 * Keeps the working project saved: every change of the plan, the scenarios or the project
 * itself is written to IndexedDB (debounced), and the browser is asked once to persist storage.
 */
import { projectSnapshot } from './import-updaters.ts';
import { requestPersistentStorage, saveProject } from './project-db.ts';
import type { AppStore } from './store.ts';

/** Changes are written this long after the last one, ms. */
export const SAVE_DELAY_MS = 300;

export function syncProject(store: AppStore, save = saveProject): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let asked = false;
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.plan === previous.plan && state.scenarios === previous.scenarios && state.project === previous.project) return;
    // A campaign server's data lives on the server (the browser's own project stays as it was).
    if (state.source.kind === 'synthetic' || state.source.kind === 'server' || state.dataStatus !== 'ready') return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void save(projectSnapshot(store.getState(), new Date().toISOString()));
      if (!asked) {
        asked = true;
        void requestPersistentStorage();
      }
    }, SAVE_DELAY_MS);
  });
  return () => {
    if (timer) clearTimeout(timer);
    unsubscribe();
  };
}
