/** Two-way sync between the store and `location.hash` (the only module here that touches `location`). */
import type { AppStore } from './store.ts';
import { formatHash, parseHash } from './url-hash.ts';

/** Writes the shareable state into the hash (replaceState: panning must not flood history). */
export function syncHashFromStore(store: AppStore): () => void {
  return store.subscribe((state, previous) => {
    if (state.view === previous.view) return;
    const current = parseHash(location.hash);
    const next = formatHash({ ...current, view: state.view });
    if (next !== location.hash) history.replaceState(null, '', next || location.pathname + location.search);
  });
}

/** Reads the view from the hash at start-up and when the user edits or navigates the hash. */
export function syncStoreFromHash(store: AppStore): () => void {
  const apply = () => {
    const { view } = parseHash(location.hash);
    if (view) store.setState({ view });
  };
  apply();
  window.addEventListener('hashchange', apply);
  return () => window.removeEventListener('hashchange', apply);
}
