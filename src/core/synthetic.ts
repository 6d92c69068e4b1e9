/**
 * Seeded synthetic polygon mosaics (illustrative data) for tests, benchmarks and the app's
 * large-data mode: every neighbour pair shares exact vertices unless a variant says otherwise.
 * Coordinates are lon/lat degrees around Wenzhou.
 */
import { Delaunay } from 'd3-delaunay';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';

/** Seeded pseudo-random numbers in [0, 1) (mulberry32): the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type MosaicFeature = Feature<Polygon, { code: string }>;

const ORIGIN: Position = [120.5, 27.9];

/** `count` Voronoi cells of uniform random seeds in a `sizeDegrees` square (about 1 km per 0.01°). */
export function voronoiMosaic(count: number, seed = 1, sizeDegrees = Math.sqrt(count) * 0.01): FeatureCollection<Polygon, { code: string }> {
  const random = mulberry32(seed);
  const points = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    points[2 * i] = ORIGIN[0]! + random() * sizeDegrees;
    points[2 * i + 1] = ORIGIN[1]! + random() * sizeDegrees;
  }
  const voronoi = new Delaunay(points).voronoi([ORIGIN[0]!, ORIGIN[1]!, ORIGIN[0]! + sizeDegrees, ORIGIN[1]! + sizeDegrees]);
  const features: MosaicFeature[] = [];
  for (let i = 0; i < count; i++) {
    const ring = voronoi.cellPolygon(i);
    if (!ring) continue;
    features.push({ type: 'Feature', id: `V${i}`, properties: { code: `V${i}` }, geometry: { type: 'Polygon', coordinates: [ring as Position[]] } });
  }
  return { type: 'FeatureCollection', features };
}

export interface GridOptions {
  columns: number;
  rows: number;
  /** Cell size in degrees. */
  cell?: number;
  /** Extra collinear vertices inserted on every side (shared by both neighbours). */
  extraVertices?: number;
  /** Insert the extra vertices only on the cell's left/bottom sides, so neighbours disagree (T-junctions). */
  tJunctions?: boolean;
  /** Move every vertex by up to this many degrees (seeded), independently per polygon. */
  jitterDegrees?: number;
  seed?: number;
}

/** A `columns × rows` grid of square cells, optionally with extra vertices, T-junctions or jitter. */
export function gridMosaic({ columns, rows, cell = 0.005, extraVertices = 0, tJunctions = false, jitterDegrees = 0, seed = 1 }: GridOptions): FeatureCollection<Polygon, { code: string }> {
  const random = mulberry32(seed);
  const jitter = (value: number) => (jitterDegrees ? value + (random() * 2 - 1) * jitterDegrees : value);
  const side = (from: Position, to: Position, withExtra: boolean): Position[] => {
    const points: Position[] = [from];
    const extra = withExtra ? extraVertices : 0;
    for (let k = 1; k <= extra; k++) {
      const t = k / (extra + 1);
      points.push([from[0]! + (to[0]! - from[0]!) * t, from[1]! + (to[1]! - from[1]!) * t]);
    }
    return points;
  };
  const features: MosaicFeature[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const x0 = ORIGIN[0]! + c * cell;
      const y0 = ORIGIN[1]! + r * cell;
      const corners: Position[] = [[x0, y0], [x0 + cell, y0], [x0 + cell, y0 + cell], [x0, y0 + cell]];
      const ring: Position[] = [];
      for (let s = 0; s < 4; s++) {
        // Sides 0 (bottom) and 3 (left) carry the extra vertices in T-junction mode.
        const withExtra = !tJunctions || s === 0 || s === 3;
        ring.push(...side(corners[s]!, corners[(s + 1) % 4]!, withExtra));
      }
      ring.push(ring[0]!);
      const coordinates = ring.map(([x, y]) => [jitter(x!), jitter(y!)]);
      coordinates[coordinates.length - 1] = coordinates[0]!;
      const code = `G${r}_${c}`;
      features.push({ type: 'Feature', id: code, properties: { code }, geometry: { type: 'Polygon', coordinates: [coordinates] } });
    }
  }
  return { type: 'FeatureCollection', features };
}
