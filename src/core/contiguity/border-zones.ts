/**
 * Joint environment zones (相邻周边环境联动区): the borders shared by neighbouring demonstration
 * communities, buffered on both sides, one polygon per pair (@turf/buffer).
 */
import { buffer } from '@turf/buffer';
import type { Feature, MultiLineString, MultiPolygon, Polygon } from 'geojson';

/** One shared border as `sharedBorders` gives it. */
export interface SharedBorderInput {
  /** Node indices of the two neighbours. */
  a: number;
  b: number;
  /** Length of the shared line in metres. */
  lengthMeters: number;
  /** The shared line(s), WGS84 lon/lat. */
  geometry: MultiLineString;
}

export interface BorderZoneOptions {
  /** Zone reach on each side of the border, in metres (> 0; the campaign config's `zoneWidthMeters`). */
  widthMeters: number;
}

/**
 * Buffers every shared border by `widthMeters` on each side. Pass the borders of selected
 * neighbours to get the joint environment zones. Borders without line geometry (corner-only
 * contacts) give no zone.
 * @throws RangeError when `widthMeters` is not a finite number > 0.
 * @example
 * borderZones(sharedBorders(...).filter((s) => demo[s.a] && demo[s.b]), { widthMeters: 60 });
 * // [{ type: 'Feature', geometry: Polygon, properties: { a, b, lengthMeters } }, …]
 */
export function borderZones(borders: readonly SharedBorderInput[], options: BorderZoneOptions): Feature<Polygon | MultiPolygon, { a: number; b: number; lengthMeters: number }>[] {
  const { widthMeters } = options;
  if (!(widthMeters > 0 && widthMeters < Infinity)) throw new RangeError(`widthMeters is ${widthMeters}, expected a finite number > 0`);
  const zones: Feature<Polygon | MultiPolygon, { a: number; b: number; lengthMeters: number }>[] = [];
  for (const { a, b, lengthMeters, geometry } of borders) {
    const lines = geometry.coordinates.filter((line) => line.length >= 2);
    if (lines.length === 0) continue;
    const zone = buffer({ type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: lines } }, widthMeters, { units: 'meters' });
    if (zone) zones.push({ type: 'Feature', properties: { a, b, lengthMeters }, geometry: zone.geometry });
  }
  return zones;
}
