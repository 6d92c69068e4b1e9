/**
 * `sharedBorders`: the line geometry two neighbouring polygons share, for drawing the joint
 * environment zones (相邻周边环境联动区). Runs the same segment passes as `buildAdjacency` on the
 * requested polygons and the polygons around them, keeps the shared pieces, and joins
 * consecutive pieces into lines.
 */
import Flatbush from 'flatbush';
import type { MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { InputError, describeValue } from '../errors.ts';
import { DEFAULT_TOLERANCE_METERS, effectiveShared } from './build-adjacency.ts';
import { QUANTUM_DEGREES, UNITS_PER_DEGREE, flattenRings } from './flat-rings.ts';
import { matchSegments } from './match-segments.ts';
import type { PieceList } from './piece-list.ts';

/** The border shared by features a < b. */
export interface SharedBorder {
  a: number;
  b: number;
  /** Shared length in metres (as in `buildAdjacency`'s `sharedMeters`; 0 for a corner touch). */
  lengthMeters: number;
  /** The shared lines, [lon, lat] in degrees; no lines for a corner touch. */
  geometry: MultiLineString;
}

export interface SharedBordersOptions {
  /** Same meaning and default (1 m) as `buildAdjacency`'s `toleranceMeters`. */
  toleranceMeters?: number;
}

/**
 * The shared border of every requested pair, one entry per distinct pair in first-seen order
 * (normalized to a < b), with its length in metres and its geometry merged into lines where the
 * pieces are consecutive. A pair that does not share a border gets length 0 and no lines.
 * Pieces found only by the tolerance pass lie on one of the two boundaries.
 * @throws InputError E_ARGUMENT when a pair is not two different indices into `geometries`.
 * @example
 * sharedBorders(geometries, [[3, 7]])
 * // [{ a: 3, b: 7, lengthMeters: 412.5, geometry: { type: 'MultiLineString', coordinates: [[[120.61, 28.01], …]] } }]
 */
export function sharedBorders(geometries: readonly (Polygon | MultiPolygon)[], pairs: readonly (readonly [number, number])[], options: SharedBordersOptions = {}): SharedBorder[] {
  const toleranceMeters = options.toleranceMeters ?? DEFAULT_TOLERANCE_METERS;
  const requested = checkPairs(geometries, pairs, toleranceMeters);
  if (requested.length === 0) return [];
  const n = geometries.length;

  // The requested polygons and every polygon whose box touches theirs: segments then match
  // exactly as they do in buildAdjacency (a third neighbour can take a segment first).
  const include = featuresAround(geometries, requested, toleranceMeters);
  const flat = flattenRings(geometries, include);
  const match = matchSegments(flat, { toleranceMeters, collectPieces: true });
  const pieces = match.pieces!;

  const byPair = new Map<number, number[]>();
  for (const [a, b] of requested) byPair.set(a * n + b, []);
  for (let i = 0; i < pieces.count; i++) byPair.get(pieces.a[i]! * n + pieces.b[i]!)?.push(i);

  return requested.map(([a, b]) => {
    const slot = match.pairs.find(a, b);
    const exact = slot >= 0 ? match.pairs.exact[slot]! : 0;
    const tolerance = slot >= 0 ? match.pairs.tolerance[slot]! : 0;
    const lengthMeters = effectiveShared(exact, tolerance, toleranceMeters);
    const keepTolerance = lengthMeters > exact;
    const used = (byPair.get(a * n + b) ?? []).filter((i) => keepTolerance || !pieces.tolerance[i]);
    return { a, b, lengthMeters, geometry: { type: 'MultiLineString', coordinates: chainPieces(pieces, used) } };
  });
}

function checkPairs(geometries: unknown, pairs: unknown, toleranceMeters: number): [number, number][] {
  const fail = (field: string, expected: string, actual: unknown): never => {
    throw new InputError({ code: 'E_ARGUMENT', field, expected, actual: describeValue(actual) });
  };
  if (!Array.isArray(geometries)) fail('geometries', 'Polygon/MultiPolygon 几何数组', geometries);
  if (!Array.isArray(pairs)) fail('pairs', '[a, b] 序号对的数组', pairs);
  if (!(toleranceMeters >= 0 && toleranceMeters < Infinity)) fail('toleranceMeters', '≥ 0 的有限数（米）', toleranceMeters);
  const n = (geometries as unknown[]).length;
  const seen = new Set<number>();
  const requested: [number, number][] = [];
  (pairs as unknown[]).forEach((pair, i) => {
    const [p, q] = Array.isArray(pair) ? (pair as unknown[]) : [];
    const valid = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) < n;
    if (!valid(p) || !valid(q) || p === q) fail(`pairs[${i}]`, `两个不同的要素序号（0…${n - 1}）`, pair);
    const a = Math.min(p as number, q as number);
    const b = Math.max(p as number, q as number);
    if (seen.has(a * n + b)) return;
    seen.add(a * n + b);
    requested.push([a, b]);
  });
  return requested;
}

/** Mask of the requested features and every feature whose bounding box touches one of theirs. */
function featuresAround(geometries: readonly (Polygon | MultiPolygon)[], requested: readonly [number, number][], toleranceMeters: number): Uint8Array {
  const n = geometries.length;
  const boxes = new Float64Array(n * 4);
  for (let f = 0; f < n; f++) boundingBox(geometries[f], boxes, f * 4);
  const index = new Flatbush(n);
  for (let f = 0; f < n; f++) index.add(boxes[f * 4]!, boxes[f * 4 + 1]!, boxes[f * 4 + 2]!, boxes[f * 4 + 3]!);
  index.finish();
  const include = new Uint8Array(n);
  // Margin: the tolerance in degrees at the worst latitude we accept (85°), plus rounding.
  const margin = (toleranceMeters / (111_320 * Math.cos((85 * Math.PI) / 180))) + 2 * QUANTUM_DEGREES;
  const visit = (f: number) => {
    if (include[f] === 2) return;
    include[f] = 2;
    const at = f * 4;
    if (!(boxes[at]! <= boxes[at + 2]!)) return;
    for (const g of index.search(boxes[at]! - margin, boxes[at + 1]! - margin, boxes[at + 2]! + margin, boxes[at + 3]! + margin)) if (!include[g]) include[g] = 1;
  };
  for (const [a, b] of requested) {
    visit(a);
    visit(b);
  }
  return include;
}

function boundingBox(geometry: Polygon | MultiPolygon | null | undefined, out: Float64Array, at: number): void {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = !geometry || !Array.isArray(geometry.coordinates) ? [] : geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  for (const rings of polygons) {
    if (!Array.isArray(rings)) continue;
    for (const ring of rings) {
      if (!Array.isArray(ring)) continue;
      for (const position of ring as Position[]) {
        const lon = position?.[0];
        const lat = position?.[1];
        if (!(typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat))) continue;
        if (lon < minX) minX = lon;
        if (lat < minY) minY = lat;
        if (lon > maxX) maxX = lon;
        if (lat > maxY) maxY = lat;
      }
    }
  }
  // An empty geometry gets an inverted box far away (it matches nothing).
  if (minX > maxX) minX = minY = maxX = maxY = 1e9;
  out[at] = minX;
  out[at + 1] = minY;
  out[at + 2] = maxX;
  out[at + 3] = maxY;
}

/** Joins pieces that meet end to end into lines; returns [lon, lat] coordinates. */
function chainPieces(pieces: PieceList, used: readonly number[]): Position[][] {
  if (used.length === 0) return [];
  const c = pieces.coords;
  const key = (x: number, y: number) => `${Math.round(x)},${Math.round(y)}`;
  const startKey = used.map((i) => key(c[4 * i]!, c[4 * i + 1]!));
  const endKey = used.map((i) => key(c[4 * i + 2]!, c[4 * i + 3]!));
  const at = new Map<string, number[]>();
  const attach = (k: string, j: number) => {
    const list = at.get(k);
    if (list) list.push(j);
    else at.set(k, [j]);
  };
  used.forEach((_, j) => {
    attach(startKey[j]!, j);
    attach(endKey[j]!, j);
  });
  const degree = (k: string) => at.get(k)!.length;
  const visited = new Uint8Array(used.length);
  const lines: Position[][] = [];
  const point = (x: number, y: number): Position => [round7(x * QUANTUM_DEGREES), round7(y * QUANTUM_DEGREES)];
  const walk = (first: number, fromStart: boolean) => {
    let j = first;
    let forward = fromStart;
    const i0 = used[j]!;
    const line: Position[] = [forward ? point(c[4 * i0]!, c[4 * i0 + 1]!) : point(c[4 * i0 + 2]!, c[4 * i0 + 3]!)];
    for (;;) {
      visited[j] = 1;
      const i = used[j]!;
      line.push(forward ? point(c[4 * i + 2]!, c[4 * i + 3]!) : point(c[4 * i]!, c[4 * i + 1]!));
      const node = forward ? endKey[j]! : startKey[j]!;
      if (degree(node) !== 2) break;
      const next = at.get(node)!.find((other) => !visited[other]);
      if (next === undefined) break;
      forward = startKey[next] === node;
      j = next;
    }
    lines.push(line);
  };
  // Open chains first (from an end that is not a simple joint), then closed loops.
  for (let j = 0; j < used.length; j++) {
    if (visited[j]) continue;
    if (degree(startKey[j]!) !== 2) walk(j, true);
    else if (degree(endKey[j]!) !== 2) walk(j, false);
  }
  for (let j = 0; j < used.length; j++) if (!visited[j]) walk(j, true);
  return lines;
}

function round7(value: number): number {
  return Math.round(value * UNITS_PER_DEGREE) / UNITS_PER_DEGREE;
}
