/**
 * The URL hash holds the UI state worth sharing: a link reproduces what one planner sees.
 * Format: `#map=<zoom>/<lat>/<lon>` plus further `key=value` pairs joined by `&`
 * (URLSearchParams syntax). Unknown keys are kept, so newer links survive older builds.
 */

/** A map camera: zoom level and centre in WGS84 degrees. */
export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

/** Everything the hash can carry; absent keys mean "use the default". */
export interface HashState {
  view?: MapView;
  /** Other parameters, kept verbatim in their original order. */
  extra: [string, string][];
}

const VIEW_KEY = 'map';

/** Parses `#map=12.5/28.01/120.65&...`; malformed values are ignored, never thrown. */
export function parseHash(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: HashState = { extra: [] };
  for (const [key, value] of params) {
    if (key === VIEW_KEY) {
      const view = parseView(value);
      if (view) state.view = view;
    } else {
      state.extra.push([key, value]);
    }
  }
  return state;
}

/** Formats a hash (with the leading `#`), rounding the view to what a screen can show. */
export function formatHash(state: HashState): string {
  const parts: string[] = [];
  if (state.view) parts.push(`${VIEW_KEY}=${formatView(state.view)}`);
  for (const [key, value] of state.extra) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return parts.length ? `#${parts.join('&')}` : '';
}

function parseView(value: string): MapView | undefined {
  const [zoom, lat, lon] = value.split('/').map(Number);
  if (zoom === undefined || lat === undefined || lon === undefined) return undefined;
  if (![zoom, lat, lon].every(Number.isFinite)) return undefined;
  if (zoom < 0 || zoom > 24 || Math.abs(lat) > 85.06 || Math.abs(lon) > 180) return undefined;
  return { zoom, lat, lon };
}

function formatView({ zoom, lat, lon }: MapView): string {
  // Precision grows with zoom: about one screen pixel at that zoom level.
  const digits = Math.max(0, Math.ceil(Math.log10(2 ** zoom / 360 * 512)));
  return `${zoom.toFixed(2)}/${lat.toFixed(digits)}/${lon.toFixed(digits)}`;
}
