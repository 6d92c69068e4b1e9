/** Pure state transitions: `(state, ...args) => changed fields`. Tested in Node. */
import type { AppState, MapState } from './store.ts';
import type { MapView } from './url-hash.ts';

export function setView(_state: AppState, view: MapView): Partial<AppState> {
  return { view };
}

export function setMapState(state: AppState, mapState: MapState, error?: string): Partial<AppState> {
  // An error is sticky: a later `idle` (the map keeps rendering what it has) must not hide it.
  if (state.mapState === 'error' && mapState !== 'error') return {};
  return { mapState, mapError: mapState === 'error' ? (error ?? '地图加载失败') : null };
}
