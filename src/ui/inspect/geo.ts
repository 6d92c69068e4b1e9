/**
 * Where a problem is: the phone's position when it is inside the community, else the
 * community's centre (the boundary file's `labelPoint`, or polylabel's pole of inaccessibility
 * of its largest ring). Coordinates are WGS84 [lon, lat].
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import area from '@turf/area';
import polylabel from 'polylabel';
import type { MultiPolygon, Polygon } from 'geojson';

export type LonLat = [number, number];

/** A community as the phone needs it: its outline and centre. */
export interface CommunityPlace {
  code: string;
  geometry: Polygon | MultiPolygon;
  centre: LonLat;
}

/** Polylabel's precision, in degrees (about 10 m). */
const CENTRE_PRECISION_DEGREES = 0.0001;

/** The centre of a community: `labelPoint` when the file has one, else polylabel of the largest polygon. */
export function communityCentre(geometry: Polygon | MultiPolygon, properties: Record<string, unknown> | null): LonLat {
  const given = properties?.labelPoint;
  if (Array.isArray(given) && given.length === 2 && given.every((value) => typeof value === 'number' && Number.isFinite(value))) return [given[0], given[1]];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let largest = polygons[0]!;
  for (const polygon of polygons) if (area({ type: 'Polygon', coordinates: polygon }) > area({ type: 'Polygon', coordinates: largest })) largest = polygon;
  const [lon, lat] = polylabel(largest, CENTRE_PRECISION_DEGREES);
  return [lon!, lat!];
}

/** Whether a point lies inside the community (its boundary counts as inside). */
export function isInside(point: LonLat, geometry: Polygon | MultiPolygon): boolean {
  return booleanPointInPolygon(point, geometry);
}

/** The communities of a boundary file (GeoJSON FeatureCollection) by code (`properties.code`, else the feature id). */
export function placesOf(collection: unknown): Map<string, CommunityPlace> {
  const places = new Map<string, CommunityPlace>();
  const features = (collection as { features?: unknown[] } | null)?.features ?? [];
  for (const raw of features) {
    const feature = raw as { id?: unknown; properties?: Record<string, unknown> | null; geometry?: Polygon | MultiPolygon | null };
    const code = String(feature.properties?.code ?? feature.id ?? '');
    const geometry = feature.geometry;
    if (!code || !geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    places.set(code, { code, geometry, centre: communityCentre(geometry, feature.properties ?? null) });
  }
  return places;
}

/** The default point of a problem: the phone's position inside the community, else its centre. */
export function defaultPoint(place: CommunityPlace, phone: LonLat | null): { point: LonLat; source: 'gps' | 'centre' } {
  return phone && isInside(phone, place.geometry) ? { point: phone, source: 'gps' } : { point: place.centre, source: 'centre' };
}
