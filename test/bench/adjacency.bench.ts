/**
 * Adjacency benchmarks: parse and adjacency timed separately on seeded mosaics (Voronoi 5k, 20k,
 * 100k; 100×100 grids with extra vertices, T-junctions or 1e-9° jitter; 20k-cell T-junction and
 * jittered mosaics for the tolerance pass), on 20,000 stacked copies of one square (issue 8) and on
 * Italy's comuni when the file is present.
 * Baseline in every group: topojson (topojson-server `topology` + topojson-client `neighbors`,
 * i.e. polygons sharing an arc) on the same input; PySAL `Rook.from_dataframe` too when
 * `python3 -c 'import libpysal'` works (graph build only, timed inside python; skip with
 * `--no-pysal` or LIANPIAN_BENCH_PYSAL=0).
 *
 *   npm run bench -- adjacency
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { neighbors } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection } from 'topojson-specification';
import { buildAdjacency, edgeCount, graphPairs, gridMosaic, mulberry32, parseBoundaries, voronoiMosaic, type AdjacencyOptions, type AdjacencyResult } from '../../src/core/index.ts';
import { ITALY_FILE, PYSAL_MISSING, findBenchData, missingBenchData, readGzipText, reportSkip } from '../support/bench-data.ts';
import { findPysal } from './baselines.ts';
import type { Harness } from './harness.ts';

type Collection = FeatureCollection<Polygon | MultiPolygon>;

const EXACT: AdjacencyOptions = { mode: 'rook', toleranceMeters: 0, minSharedMeters: 0 };
const pysal = findPysal();

export default async function bench(h: Harness): Promise<void> {
  if (!pysal) reportSkip('PySAL baseline rows', process.argv.includes('--no-pysal') || process.env.LIANPIAN_BENCH_PYSAL === '0' ? 'turned off (--no-pysal or LIANPIAN_BENCH_PYSAL=0)' : PYSAL_MISSING);
  const directory = mkdtempSync(join(tmpdir(), 'lianpian-adjacency-bench-'));
  try {
    for (const count of [5_000, 20_000]) {
      await group(h, directory, `Adjacency, Voronoi ${count / 1000}k cells (exact)`, voronoiMosaic(count, 42), {});
    }
    await voronoi100k(h);
    const grid = { columns: 100, rows: 100 };
    const plainGrid = gridMosaic(grid);
    await group(h, directory, 'Adjacency, grid 100×100, 3 extra vertices per side (shared)', gridMosaic({ ...grid, extraVertices: 3 }), { reference: plainGrid });
    await group(h, directory, 'Adjacency, grid 100×100 with T-junctions (3 extra vertices on one side)', gridMosaic({ ...grid, extraVertices: 3, tJunctions: true }), { reference: plainGrid, tolerance: true });
    await group(h, directory, 'Adjacency, grid 100×100, every vertex jittered by 1e-9°', gridMosaic({ ...grid, extraVertices: 3, jitterDegrees: 1e-9 }), { reference: plainGrid, tolerance: true });
    await group(h, directory, 'Adjacency, grid 200×100 (20k cells) with T-junctions', gridMosaic({ columns: 200, rows: 100, extraVertices: 3, tJunctions: true }), { reference: gridMosaic({ columns: 200, rows: 100 }), tolerance: true });
    const voronoi20k = voronoiMosaic(20_000, 42);
    await group(h, directory, 'Adjacency, Voronoi 20k cells, every vertex jittered by 1e-9° per polygon', jitter(voronoi20k, 1e-9, 5), { reference: voronoi20k, tolerance: true });
    await group(h, directory, 'Adjacency, Voronoi 20k cells, every vertex jittered by 2e-6° (0.2 m) per polygon', jitter(voronoi20k, 2e-6, 6), { reference: voronoi20k, tolerance: true });
    await stacked(h);
    await italy(h, directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

interface GroupOptions {
  /** The clean mosaic this one was made from: its rook pairs (same options) are the truth to find. */
  reference?: Collection;
  /** Add a tolerance-mode case (default 1 m, minSharedMeters 5). */
  tolerance?: boolean;
  toleranceMeters?: number;
  runs?: number;
}

async function group(h: Harness, directory: string, title: string, collection: Collection, options: GroupOptions): Promise<void> {
  const text = JSON.stringify(collection);
  const geometries = collection.features.map((feature) => feature.geometry);
  const vertices = geometries.reduce((sum, g) => sum + (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).reduce((s, ring) => s + ring.length, 0), 0);
  const runs = options.runs ?? 7;
  h.section(`${title} — ${collection.features.length} polygons, ${vertices.toLocaleString('en-US')} vertices`);
  const referenceGeometries = options.reference?.features.map((feature) => feature.geometry);
  /** Rook pairs found, and how many of the clean mosaic's pairs (same options) they include. */
  const pairs = (adjacency: AdjacencyOptions) => (result: unknown) => {
    const found = new Set(graphPairs((result as AdjacencyResult).graph).map(([a, b]) => `${a}-${b}`));
    if (!referenceGeometries) return `${found.size} rook pairs`;
    const truth = graphPairs(buildAdjacency(referenceGeometries, adjacency).graph).map(([a, b]) => `${a}-${b}`);
    const hits = truth.filter((key) => found.has(key)).length;
    const extra = found.size - hits;
    return `${found.size} rook pairs: ${hits === truth.length ? 'all' : hits} of the clean mosaic's ${truth.length}${extra ? `, ${extra} others` : ''}`;
  };
  await h.measure('topojson: topology() + neighbors() [baseline]', () => topojsonPairs(collection), { baseline: true, runs: 3, note: (n) => `${n as number} arc-sharing pairs` });
  await h.measure(`parse: JSON.parse + parseBoundaries (${(text.length / 2 ** 20).toFixed(1)} MiB)`, () => parseBoundaries(text), { runs: 3 });
  await h.measure('buildAdjacency exact rook (tolerance 0, min 0)', () => buildAdjacency(geometries, EXACT), { runs, note: pairs(EXACT) });
  await h.measure('buildAdjacency exact queen', () => buildAdjacency(geometries, { ...EXACT, mode: 'queen' }), { runs, note: (r) => `${edgeCount((r as AdjacencyResult).graph)} queen pairs` });
  coldCase(h, directory, text, EXACT, 'buildAdjacency exact rook');
  if (options.tolerance) {
    const toleranceMeters = options.toleranceMeters ?? 1;
    await h.measure(`buildAdjacency tolerance ${toleranceMeters} m (rook, min 5 m)`, () => buildAdjacency(geometries, { toleranceMeters }), { runs, note: pairs({ toleranceMeters }) });
  } else {
    await h.measure('buildAdjacency defaults (rook, min 5 m, tolerance 1 m)', () => buildAdjacency(geometries), { runs, note: pairs({}) });
  }
  if (pysal && collection.features.length <= 20_000) pysalCase(h, directory, text);
}

/**
 * Issue 8: 20,000 copies of one square and its east neighbour (before: 56 s and 63 of the 20,000
 * neighbour pairs, cut silently at 64 owners). Baseline: a grid with as many polygons.
 */
async function stacked(h: Harness): Promise<void> {
  const [square, neighbour] = gridMosaic({ columns: 2, rows: 1 }).features.map((feature) => feature.geometry);
  const geometries = [...Array.from({ length: 20_000 }, () => square!), neighbour!];
  const grid = gridMosaic({ columns: 200, rows: 100 }).features.map((feature) => feature.geometry);
  h.section('Adjacency, 20,000 stacked copies of one square and its neighbour (issue 8)');
  await h.measure('buildAdjacency defaults on a 200×100 grid (as many polygons) [baseline]', () => buildAdjacency(grid), { baseline: true, runs: 3, note: (r) => `${edgeCount((r as AdjacencyResult).graph)} rook pairs` });
  await h.measure('buildAdjacency defaults on the stack', () => buildAdjacency(geometries), {
    runs: 3,
    note: (r) => {
      const { graph, findings } = r as AdjacencyResult;
      return `${edgeCount(graph)} rook pairs; findings: ${findings.map((finding) => `${finding.kind} (${finding.units.length} units)`).join(', ')}`;
    },
  });
}

/** 100k cells end to end (parse + adjacency), with the memory it takes. */
async function voronoi100k(h: Harness): Promise<void> {
  const collection = voronoiMosaic(100_000, 42);
  const text = JSON.stringify(collection);
  h.section(`Adjacency, Voronoi 100k cells — end to end (${(text.length / 2 ** 20).toFixed(0)} MiB GeoJSON)`);
  await h.measure('topojson: topology() + neighbors() [baseline]', () => topojsonPairs(collection), { baseline: true, runs: 1, warmup: 0, note: (n) => `${n as number} arc-sharing pairs` });
  const geometries = collection.features.map((feature) => feature.geometry);
  await h.measure('buildAdjacency exact rook (adjacency only)', () => buildAdjacency(geometries, EXACT), { runs: 3, note: (r) => `${edgeCount((r as AdjacencyResult).graph)} rook pairs` });
  await h.measure('buildAdjacency defaults (adjacency only)', () => buildAdjacency(geometries), { runs: 3, note: (r) => `${edgeCount((r as AdjacencyResult).graph)} rook pairs` });
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  await h.measure('end to end: JSON.parse + parseBoundaries + buildAdjacency defaults', () => {
    const parsed = parseBoundaries(text);
    sample();
    const result = buildAdjacency(parsed.features.map((feature) => feature.geometry));
    sample();
    return result;
  }, {
    runs: 2,
    note: (r) => `${edgeCount((r as AdjacencyResult).graph)} rook pairs; peak rss ${(peakRss / 2 ** 20).toFixed(0)} MiB (+${((peakRss - before.rss) / 2 ** 20).toFixed(0)}), heapUsed +${((peakHeap - before.heapUsed) / 2 ** 20).toFixed(0)} MiB`,
  });
}

async function italy(h: Harness, directory: string): Promise<void> {
  const path = findBenchData(ITALY_FILE);
  if (!path) {
    reportSkip("adjacency group on Italy's comuni", missingBenchData(ITALY_FILE));
    return;
  }
  const collection = JSON.parse(readGzipText(path)) as Collection;
  await group(h, directory, "Adjacency, Italy's comuni (ISTAT/openpolis; reference: 22,864 rook, 23,202 queen pairs)", collection, { tolerance: true });
}

/** Pairs of polygons sharing an arc, the way topojson users compute neighbours. */
function topojsonPairs(collection: Collection): number {
  const topo = topology({ units: collection });
  const units = topo.objects.units as GeometryCollection;
  let count = 0;
  neighbors(units.geometries).forEach((list, a) => {
    for (const b of list) if (a < b) count++;
  });
  return count;
}

/**
 * The first buildAdjacency call in a fresh process (3 processes), next to the warm case of the
 * same name measured just before: the CLI and the app's first load pay this one.
 */
function coldCase(h: Harness, directory: string, text: string, options: AdjacencyOptions, warmName: string): void {
  const file = join(directory, 'cold.geojson');
  writeFileSync(file, text);
  const script = new URL('./cold-adjacency.ts', import.meta.url).pathname;
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, file, JSON.stringify(options)], { encoding: 'utf8', maxBuffer: 2 ** 20 });
    if (child.status !== 0) {
      console.log(`  cold run failed: ${child.stderr.trim().split('\n').pop()}`);
      return;
    }
    times.push((JSON.parse(child.stdout) as { ms: number }).ms);
  }
  const warm = h.results.find((s) => s.group === h.results.at(-1)!.group && s.name.startsWith(warmName));
  const cold = Math.min(...times);
  h.record(`${warmName}, cold (first call in a fresh process, 3 processes)`, times, { note: warm ? `${(cold / warm.minMs).toFixed(1)}× the warm min` : '' });
}

/** Runs PySAL Rook.from_dataframe on the same GeoJSON and records the time of the graph build. */
function pysalCase(h: Harness, directory: string, text: string): void {
  const file = join(directory, 'input.geojson');
  writeFileSync(file, text);
  const run = spawnSync(pysal!, [new URL('../../scripts/crosscheck-pysal.py', import.meta.url).pathname, file, 'rook'], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  if (run.status !== 0) {
    console.log(`  PySAL failed: ${run.stderr.trim().split('\n').pop()}`);
    return;
  }
  const { rook, rookSeconds } = JSON.parse(run.stdout) as { rook: unknown[]; rookSeconds: number };
  const ms = rookSeconds * 1000;
  const stats = { group: h.results.at(-1)!.group, name: 'PySAL Rook.from_dataframe (graph build in python, 1 run)', runs: 1, minMs: ms, meanMs: ms, medianMs: ms, baseline: false, note: `${rook.length} rook pairs` };
  const ours = h.results.find((s) => s.group === stats.group && s.name.startsWith('buildAdjacency exact rook'));
  if (ours) stats.note += `; buildAdjacency exact rook is ${(ms / ours.minMs).toFixed(0)}× faster`;
  h.results.push(stats);
  console.log(`  ${stats.name.padEnd(56)} min ${ms.toFixed(0).padStart(9)} ms  ${stats.note}`);
}

/** Every vertex moved by up to `degrees`, independently per polygon (shared vertices disagree). */
function jitter(collection: Collection, degrees: number, seed: number): Collection {
  const random = mulberry32(seed);
  const move = (value: number) => value + (random() * 2 - 1) * degrees;
  return {
    type: 'FeatureCollection',
    features: collection.features.map((feature) => {
      const rings = (feature.geometry as Polygon).coordinates.map((ring) => {
        const moved = ring.map(([x, y]) => [move(x!), move(y!)]);
        moved[moved.length - 1] = moved[0]!;
        return moved;
      });
      return { ...feature, geometry: { type: 'Polygon', coordinates: rings } };
    }),
  };
}
