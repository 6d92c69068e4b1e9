/**
 * The generator's own checks on its output, run before anything is written: the street layer
 * reproduces the 21 real pairs and the areas, labels are inside, every community is one polygon
 * inside its street, and the story's clusters hold on the final (simplified) geometry. A failure
 * throws, so a change that breaks the layout cannot produce data silently.
 */
import area from '@turf/area';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Area } from './geometry.ts';
import { distanceMetres, pointInRing, type Point } from './planar.ts';

/**
 * Shared border length in metres of every pair of geometries that share segments with identical
 * endpoints (the output's neighbours share exact vertices), key `i-j` with i < j.
 */
export function exactSharedBorders(geometries: readonly Area[]): Map<string, number> {
  const owner = new Map<string, number>();
  const borders = new Map<string, number>();
  geometries.forEach((geometry, g) => {
    for (const rings of geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) {
      for (const ring of rings) {
        for (let k = 0; k + 1 < ring.length; k++) {
          const a = ring[k]!;
          const b = ring[k + 1]!;
          const key = a[0]! < b[0]! || (a[0] === b[0] && a[1]! < b[1]!) ? `${a[0]},${a[1]},${b[0]},${b[1]}` : `${b[0]},${b[1]},${a[0]},${a[1]}`;
          const other = owner.get(key);
          if (other === undefined) owner.set(key, g);
          else if (other !== g) {
            const pair = other < g ? `${other}-${g}` : `${g}-${other}`;
            borders.set(pair, (borders.get(pair) ?? 0) + distanceMetres(a as Point, b as Point));
          }
        }
      }
    }
  });
  return borders;
}

/** Point in a Polygon/MultiPolygon (inside an exterior ring and outside its holes). */
export function pointInArea(point: Readonly<Point>, geometry: Polygon | MultiPolygon): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((rings) => pointInRing(point, rings[0] as Point[]) && !rings.slice(1).some((hole) => pointInRing(point, hole as Point[])));
}

/** Area in km² (@turf/area, on the WGS84 sphere as turf computes it). */
export function areaKm2(geometry: Polygon | MultiPolygon): number {
  return area(geometry) / 1e6;
}

/** Throws with all messages when any check failed. */
export function assertChecks(failures: readonly string[]): void {
  if (failures.length > 0) throw new Error(`generated Lucheng data failed its checks:\n- ${failures.join('\n- ')}`);
}

