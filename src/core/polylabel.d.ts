// Types for polylabel 2 (ESM, ships no declarations). Referenced from metrics.ts.
declare module 'polylabel' {
  /**
   * Pole of inaccessibility of a polygon given as GeoJSON-like rings (`[x, y]` positions): the
   * interior point farthest from the outline, within `precision` (input units; default 1).
   */
  export default function polylabel(polygon: readonly (readonly (readonly number[])[])[], precision?: number, debug?: boolean): [number, number] & { distance: number };
}
