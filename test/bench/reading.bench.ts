/**
 * Issue 18: reading GeoJSON, bytes → the engine's ring arrays (FlatRings), on Italy's comuni
 * (when present), the 30k Voronoi mosaic and US counties (us-atlas as GeoJSON):
 * - baseline: today's path — decode the bytes to text, JSON.parse, validate the object tree
 *   (`parseBoundariesTree`), then `flattenRings` over the geometries;
 * - the byte scanner: `parseBoundaries(bytes)` (rings cleaned on the way) + `flattenRings`
 *   (which reuses them), with the throughput in MB/s;
 * - cold: both readers plus the first `buildAdjacency` call in fresh processes (CPU time, 3
 *   processes each, min): the first call no longer flattens rings nor collects a parsed tree;
 * - TopoJSON (us-atlas counties): `parseBoundaries(bytes)`, which stitches the arcs onto the ring
 *   arrays, + `buildAdjacency` against the GeoJSON way (topojson-client, tree parser, engine), and
 *   rook neighbours from shared arcs (`topologyRookGraph`) against topojson-client + the engine.
 *
 *   npm run bench -- reading
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MultiPolygon, Polygon } from 'geojson';
import { buildAdjacency, decodeText, edgeCount, parseBoundaries, topologyRookGraph } from '../../src/core/index.ts';
import { topologyToGeoJson } from '../../src/core/parse/topojson.ts';
import { flattenRings } from '../../src/core/adjacency/flat-rings.ts';
import { parseBoundariesTree } from '../../src/core/parse/boundaries.ts';
import { voronoiMosaic } from '../support/mosaics.ts';
import { ITALY_FILE, findBenchData, missingBenchData, reportSkip } from '../support/bench-data.ts';
import { gunzipSync } from 'node:zlib';
import type { Harness } from './harness.ts';

export default async function bench(h: Harness): Promise<void> {
  const italy = findBenchData(ITALY_FILE);
  if (!italy) reportSkip("Italy's comuni (reading bench)", missingBenchData(ITALY_FILE));
  const require = createRequire(import.meta.url);
  const datasets: { title: string; bytes: () => Uint8Array }[] = [
    ...(italy ? [{ title: "Italy's comuni (7,899)", bytes: () => gunzipSync(readFileSync(italy)) }] : []),
    { title: 'Voronoi mosaic, 30k cells (seed 42)', bytes: () => new TextEncoder().encode(JSON.stringify(voronoiMosaic(30_000, 42))) },
    {
      title: 'US counties (us-atlas counties-10m as GeoJSON)',
      bytes: () => {
        const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology;
        return new TextEncoder().encode(JSON.stringify(feature(topology, topology.objects.counties as GeometryCollection)));
      },
    },
  ];
  const directory = mkdtempSync(join(tmpdir(), 'lianpian-reading-bench-'));
  try {
    for (const dataset of datasets) {
      const bytes = dataset.bytes();
      const megabytes = bytes.length / 1e6;
      h.section(`GeoJSON reading, ${dataset.title}: ${megabytes.toFixed(1)} MB, bytes → rings`);
      const rate = (ms: number) => `${(megabytes / (ms / 1000)).toFixed(0)} MB/s`;
      const tree = await h.measure('today: decode + JSON.parse + validate tree + flattenRings [baseline]', () => flattenRings(parseBoundariesTree(decodeText(bytes).text).features.map((f) => f.geometry)).size, { baseline: true, runs: 5, note: (size) => `${String(size)} vertex slots` });
      h.results.at(-1)!.note += `; ${rate(h.results.at(-1)!.minMs)}`;
      const scanned = await h.measure('byte scanner: parseBoundaries(bytes) + flattenRings', () => flattenRings(parseBoundaries(bytes).features.map((f) => f.geometry)).size, { runs: 5, note: (size) => `${String(size)} vertex slots` });
      const last = h.results.at(-1)!;
      last.note += `; ${rate(last.minMs)}; ${(h.speedup(last) ?? 1).toFixed(1)}× the baseline${scanned === tree ? '' : '; DIFFERENT SIZE'}`;
      console.log(`    ${last.note}`);
      coldCases(h, directory, bytes);
    }
    await topologySection(h, readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** TopoJSON us-atlas counties: read from the arcs, or rook from shared arcs, vs converting to GeoJSON and running the engine. */
async function topologySection(h: Harness, text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  const exact = { toleranceMeters: 0, minSharedMeters: 0 };
  const pairs = (count: unknown) => `${String(count)} pairs`;
  h.section('TopoJSON us-atlas counties (3,231, 0.8 MB): bytes → rook graph');
  await h.measure('GeoJSON way: topologyToGeoJson (topojson-client) + tree parser + buildAdjacency [baseline]', () => {
    const topology = JSON.parse(decodeText(bytes).text) as Topology;
    const set = parseBoundariesTree(topologyToGeoJson(topology, { file: 'counties.topojson' }), { file: 'counties.topojson' });
    return edgeCount(buildAdjacency(set.features.map((f) => f.geometry), exact).graph);
  }, { baseline: true, runs: 5, note: pairs });
  await h.measure('parseBoundaries(bytes): arcs stitched onto the ring arrays + buildAdjacency (import and CLI)', () => {
    const set = parseBoundaries(bytes, { file: 'counties.topojson' });
    return edgeCount(buildAdjacency(set.features.map((f) => f.geometry), exact).graph);
  }, { runs: 5, note: pairs });
  const arcs = h.results.at(-1)!;
  arcs.note += `; ${(h.speedup(arcs) ?? 1).toFixed(1)}× the baseline; same pairs, lengths and findings`;
  h.section('TopoJSON us-atlas counties: text → rook graph, engine vs shared arcs');
  await h.measure('topojson-client feature() + buildAdjacency exact rook [baseline]', () => {
    const topology = JSON.parse(text) as Topology;
    const collection = feature(topology, topology.objects.counties as GeometryCollection) as unknown as { features: { geometry: Polygon | MultiPolygon }[] };
    return edgeCount(buildAdjacency(collection.features.map((f) => f.geometry), exact).graph);
  }, { baseline: true, runs: 5, note: pairs });
  await h.measure('topologyRookGraph (arcs as typed arrays, shared arcs)', () => edgeCount(topologyRookGraph(JSON.parse(text) as Topology, { object: 'counties' }).graph), { runs: 5, note: pairs });
  const last = h.results.at(-1)!;
  last.note += `; ${(h.speedup(last) ?? 1).toFixed(1)}× the baseline`;
}

/** Reading + the first buildAdjacency in fresh processes, for both readers (CPU ms, min of 3). */
function coldCases(h: Harness, directory: string, bytes: Uint8Array): void {
  const file = join(directory, 'cold.geojson');
  writeFileSync(file, bytes);
  const script = new URL('./cold-reading.ts', import.meta.url).pathname;
  for (const reader of ['tree', 'scanner']) {
    const runs: { readMs: number; adjacencyMs: number; pairs: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', script, file, reader], { encoding: 'utf8' });
      if (child.status !== 0) {
        console.log(`  cold run failed: ${child.stderr.trim().split('\n').pop()}`);
        return;
      }
      runs.push(JSON.parse(child.stdout) as { readMs: number; adjacencyMs: number; pairs: number });
    }
    const read = Math.min(...runs.map((run) => run.readMs));
    const adjacency = Math.min(...runs.map((run) => run.adjacencyMs));
    h.record(`cold, ${reader === 'tree' ? 'today\'s reader' : 'byte scanner'}: read + first buildAdjacency (CPU, 3 processes)`, runs.map((run) => run.readMs + run.adjacencyMs), {
      note: `read ${read.toFixed(0)} ms, first buildAdjacency ${adjacency.toFixed(0)} ms (exact rook, ${runs[0]!.pairs} pairs)`,
    });
  }
}
