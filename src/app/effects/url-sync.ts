/**
 * Two-way sync between the store and `location.hash` (the only module that touches `location`).
 * What the hash means is `state/hash-intent.ts` (pure: `readHash`, `writeHash`).
 */
import { readHash, writeHash } from '../../state/hash-intent.ts';
import { dispatch, type AppState, type AppStore } from '../../state/store.ts';
import { hashChanged } from '../../state/updaters.ts';

const SHARED_KEYS: (keyof AppState)[] = ['view', 'activeView', 'slide', 'step', 'stage', 'asOf', 'layer', 'plan', 'selected', 'designating', 'filters', 'source', 'data', 'planThemes', 'goal', 'readOnly'];

/**
 * Keeps the hash in step with the store (replaceState: panning must not flood the history) and
 * applies hash edits made by the user (typing a link, back/forward).
 */
export function syncUrl(store: AppStore): () => void {
  const unsubscribe = store.subscribe((state, previous) => {
    if (!SHARED_KEYS.some((key) => state[key] !== previous[key])) return;
    const next = writeHash(state);
    if (next !== location.hash && !(next === '' && location.hash === '')) history.replaceState(null, '', next || location.pathname + location.search);
  });
  const onHashChange = () => {
    dispatch(store, hashChanged, readHash(location.hash));
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}
