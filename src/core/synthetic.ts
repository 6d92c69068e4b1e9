/**
 * Seeded synthetic polygon mosaics (illustrative data) for tests, benchmarks and the app's
 * large-data mode: every neighbour pair shares exact vertices unless a variant says otherwise.
 * Coordinates are lon/lat degrees around Wenzhou.
 */
import { Delaunay } from 'd3-delaunay';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { FACILITY_ITEMS } from './model.ts';
import { formatCsv } from './parse/table.ts';

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

/**
 * An illustrative dataset on a seeded Voronoi mosaic, for running the app and its benchmarks at
 * scale: `cells` communities named 合成社区 N in square "streets", a seeded demonstration set of
 * about one in 400 (grown as small patches, so there are clusters to join) and a facility checklist.
 * Returns the files as text, so it goes through the same validation boundary as real data.
 */
export function syntheticSources(cells: number, seed = 1): { role: 'communities' | 'status'; file: string; text: string }[] {
  const random = mulberry32(seed ^ 0x5eed);
  const mosaic = voronoiMosaic(cells, seed);
  const side = Math.max(1, Math.round(Math.sqrt(cells / 100)));
  const size = Math.sqrt(cells) * 0.01;
  const features = mosaic.features.map((feature, i) => {
    const [x, y] = feature.geometry.coordinates[0]![0]!;
    const column = Math.min(side - 1, Math.floor(((x! - ORIGIN[0]!) / size) * side));
    const row = Math.min(side - 1, Math.floor(((y! - ORIGIN[1]!) / size) * side));
    const street = `合成街道 ${row * side + column + 1}`;
    return { ...feature, properties: { code: feature.properties.code, name: `合成社区 ${i + 1}`, street, streetCode: `S${row * side + column + 1}` } };
  });
  const demo = new Set<number>();
  const patches = Math.max(3, Math.round(cells / 1200));
  for (let p = 0; p < patches; p++) {
    // A patch: a seed cell and a few of its followers in index order (Voronoi cells of nearby
    // seeds are not always adjacent, so patches come out as a mix of clusters and isolated ones).
    const start = Math.floor(random() * features.length);
    const length = 1 + Math.floor(random() * 3);
    for (let k = 0; k < length && start + k < features.length; k++) demo.add(start + k);
  }
  const header = ['社区代码', '社区名称', '精品示范社区', ...FACILITY_ITEMS.map((item) => item.label), '常住人口'];
  const rows = features.map((feature, i) => {
    const readiness = demo.has(i) ? 0.75 + random() * 0.25 : random();
    const facilities = FACILITY_ITEMS.map(() => (random() < readiness ? '是' : '否'));
    return [feature.properties.code, feature.properties.name, demo.has(i) ? '是' : '否', ...facilities, 1000 + Math.floor(random() * 9000)];
  });
  return [
    { role: 'communities', file: `synthetic-${cells}.geojson`, text: JSON.stringify({ type: 'FeatureCollection', features }) },
    { role: 'status', file: `synthetic-${cells}-status.csv`, text: formatCsv(header, rows) },
  ];
}
