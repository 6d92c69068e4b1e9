/**
 * The outline of a cluster for drawing: the union of its members' polygons (@turf/union).
 */
import { union } from '@turf/union';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

/**
 * Dissolves the members' polygons into one outline; internal shared borders disappear, members
 * that only touch at a point or not at all stay separate parts of a MultiPolygon.
 * Boundaries digitized separately (gaps or overlaps of a few metres) leave slivers; simplify for display.
 * @param geometries WGS84 lon/lat polygons of all units (graph node order).
 * @param members node indices of the cluster.
 * @returns the outline, or null for no members.
 * @example clusterOutline(features.map((f) => f.geometry), report.clusters[0].members); // Polygon | MultiPolygon
 */
export function clusterOutline(geometries: readonly (Polygon | MultiPolygon)[], members: readonly number[]): Polygon | MultiPolygon | null {
  if (members.length === 0) return null;
  if (members.length === 1) return geometries[members[0]!] ?? null;
  const features: Feature<Polygon | MultiPolygon>[] = members.map((m) => ({ type: 'Feature', properties: {}, geometry: geometries[m]! }));
  return union({ type: 'FeatureCollection', features })?.geometry ?? null;
}
