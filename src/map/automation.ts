/**
 * `window.lianpian`: the automation handle for end-to-end tests and for pages embedding the
 * app. Stable names: `map` (the maplibregl.Map, read-only use please) and `layers` (layer ids).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LAYER_IDS } from './layers.ts';

export interface AutomationHandle {
  map: MapLibreMap | null;
  layers: typeof LAYER_IDS;
}

declare global {
  interface Window {
    lianpian?: AutomationHandle;
  }
}

export function exposeMap(map: MapLibreMap | null): void {
  window.lianpian = { ...(window.lianpian ?? { layers: LAYER_IDS }), map, layers: LAYER_IDS };
}
