/**
 * Small planar geometry on lon/lat treated locally as a plane. Lucheng spans 0.45° × 0.2°, so a
 * local equirectangular projection (metres east/north of a reference point) is accurate to well
 * under 0.1 % for lengths and areas, which is all the generator needs for its own bookkeeping.
 * Reported areas in the output are computed with @turf/area on the final geometry.
 */
export type Point = [number, number];
export type Ring = Point[];

/** Reference latitude of the local projection (middle of Lucheng). */
const LAT0 = 28.05;
const METRES_PER_DEGREE_LAT = 110_900;
const METRES_PER_DEGREE_LON = 111_320 * Math.cos((LAT0 * Math.PI) / 180);

/** Metres per degree of longitude and latitude at Lucheng. */
export const METRES_PER_DEGREE: Readonly<Point> = [METRES_PER_DEGREE_LON, METRES_PER_DEGREE_LAT];

/** Origin of the local projection (south-west of Lucheng). */
const ORIGIN: Readonly<Point> = [120.35, 27.95];

/** Lon/lat → local metres east/north of the origin. */
export function toMetres(p: Readonly<Point>): Point {
  return [(p[0] - ORIGIN[0]) * METRES_PER_DEGREE_LON, (p[1] - ORIGIN[1]) * METRES_PER_DEGREE_LAT];
}

/** Local metres → lon/lat (the inverse of toMetres). */
export function toLonLat(p: Readonly<Point>): Point {
  return [ORIGIN[0] + p[0] / METRES_PER_DEGREE_LON, ORIGIN[1] + p[1] / METRES_PER_DEGREE_LAT];
}

/** Distance in metres between two lon/lat points. */
export function distanceMetres(a: Readonly<Point>, b: Readonly<Point>): number {
  return Math.hypot((a[0] - b[0]) * METRES_PER_DEGREE_LON, (a[1] - b[1]) * METRES_PER_DEGREE_LAT);
}

/** Signed shoelace area of a ring in degrees² (positive when counter-clockwise). The ring may be closed or open. */
export function signedArea(ring: readonly Readonly<Point>[]): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return sum / 2;
}

/** Area of a ring in km² (absolute value, local projection). */
export function ringAreaKm2(ring: readonly Readonly<Point>[]): number {
  return (Math.abs(signedArea(ring)) * METRES_PER_DEGREE_LON * METRES_PER_DEGREE_LAT) / 1e6;
}

/** Area-weighted centroid of a simple ring (lon/lat). */
export function ringCentroid(ring: readonly Readonly<Point>[]): Point {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const n = ring.length;
  const [x0, y0] = ring[0]!;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i]![0] - x0;
    const yi = ring[i]![1] - y0;
    const xj = ring[j]![0] - x0;
    const yj = ring[j]![1] - y0;
    const f = xj * yi - xi * yj;
    a += f;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
  }
  if (a === 0) return [x0, y0];
  return [x0 + cx / (3 * a), y0 + cy / (3 * a)];
}

/** Even-odd point-in-ring test (ring closed or open). */
export function pointInRing(point: Readonly<Point>, ring: readonly Readonly<Point>[]): boolean {
  const [x, y] = point;
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Rounds to 6 decimals (about 0.1 m), the precision of every coordinate the generator writes. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Closed ring without consecutive duplicate positions (first = last kept). */
export function dedupeRing(ring: readonly Point[]): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0]!;
  const last = out[out.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0], first[1]]);
  return out;
}
