/**
 * Cross-check of buildAdjacency on Italy's 7,899 comuni against the reference counts (PySAL and
 * PostGIS: 22,864 rook pairs, 23,202 queen pairs, 14 comuni without a neighbour) and, when python3
 * with libpysal is available, against PySAL's own pair sets (Rook/Queen.from_dataframe), listing
 * every difference. Exits non-zero on any mismatch.
 *
 *   npx tsx scripts/crosscheck-italy.ts            # file from $LIANPIAN_BENCH_DATA or shared/bench-data beside the repository
 *   npx tsx scripts/crosscheck-italy.ts --no-pysal # counts and timings only
 *
 * PySAL: `apt-get install -y python3-libpysal python3-geopandas` (Debian's python3).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { buildAdjacency, edgeCount, graphPairs, type AdjacencyResult } from '../src/core/index.ts';
import { ITALY_FILE, ITALY_REFERENCE, PYSAL_MISSING, findBenchData, missingBenchData, readGzipText, reportSkip } from '../test/support/bench-data.ts';

const path = findBenchData(ITALY_FILE);
if (!path) {
  console.error(`Italy cross-check not run: ${missingBenchData(ITALY_FILE)}`);
  process.exit(2);
}
const usePysal = !process.argv.includes('--no-pysal');

let start = performance.now();
const text = readGzipText(path);
const gunzipMs = performance.now() - start;
start = performance.now();
const comuni = JSON.parse(text) as FeatureCollection<Polygon | MultiPolygon, Record<string, unknown>>;
const parseMs = performance.now() - start;
const geometries = comuni.features.map((feature) => feature.geometry);
const name = (i: number) => String(comuni.features[i]?.properties?.name ?? i);

/** Best of `runs` timings (the machine may be shared) and the last result. */
function timed(options: Parameters<typeof buildAdjacency>[1], runs = 7): { ms: number; result: AdjacencyResult } {
  let best = Infinity;
  let result = buildAdjacency(geometries, options);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = buildAdjacency(geometries, options);
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

const rook = timed({ mode: 'rook', toleranceMeters: 0, minSharedMeters: 0 });
const queen = timed({ mode: 'queen', toleranceMeters: 0, minSharedMeters: 0 });
const defaults = timed({});
let isolated = 0;
for (let i = 0; i < queen.result.graph.nodeCount; i++) if (queen.result.graph.offsets[i + 1] === queen.result.graph.offsets[i]) isolated++;

const failures: string[] = [];
const check = (label: string, actual: number, expected: number) => {
  const ok = actual === expected;
  if (!ok) failures.push(`${label}: ${actual}, expected ${expected}`);
  console.log(`  ${ok ? 'ok ' : 'BAD'} ${label.padEnd(28)} ${String(actual).padStart(7)} (reference ${expected})`);
};

console.log(`Italy comuni: ${path}`);
console.log(`  ${comuni.features.length} features; gunzip ${gunzipMs.toFixed(0)} ms, JSON.parse ${parseMs.toFixed(0)} ms`);
console.log('Counts (toleranceMeters 0, minSharedMeters 0):');
check('features', comuni.features.length, ITALY_REFERENCE.features);
check('rook pairs', edgeCount(rook.result.graph), ITALY_REFERENCE.rookPairs);
check('queen pairs', edgeCount(queen.result.graph), ITALY_REFERENCE.queenPairs);
check('comuni without neighbour', isolated, ITALY_REFERENCE.withoutNeighbours);
console.log('Timings (best of 7, adjacency only, file already parsed):');
console.log(`  exact rook   ${rook.ms.toFixed(1)} ms`);
console.log(`  exact queen  ${queen.ms.toFixed(1)} ms`);
console.log(`  defaults     ${defaults.ms.toFixed(1)} ms (rook, minSharedMeters 5, toleranceMeters 1): ${edgeCount(defaults.result.graph)} edges, ${defaults.result.weakLinks.length} weak links, ${defaults.result.findings.length} findings`);

if (usePysal) comparePysal();
else reportSkip('PySAL pair-set comparison', '--no-pysal given');
if (failures.length > 0) {
  console.error(`\n${failures.length} mismatch(es):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('\nAll checks passed.');

function comparePysal(): void {
  const python = ['python3', '/usr/bin/python3'].find((candidate) => spawnSync(candidate, ['-c', 'import libpysal, geopandas'], { stdio: 'ignore' }).status === 0);
  if (!python) {
    reportSkip('PySAL pair-set comparison', PYSAL_MISSING);
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), 'lianpian-italy-'));
  try {
    const file = join(directory, 'it-comuni.geojson');
    writeFileSync(file, text);
    console.log(`\nPySAL (${python}): building Rook and Queen weights…`);
    const run = spawnSync(python, [new URL('./crosscheck-pysal.py', import.meta.url).pathname, file, 'both'], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
    if (run.status !== 0) {
      failures.push(`PySAL failed: ${run.stderr.trim().split('\n').pop()}`);
      return;
    }
    const pysal = JSON.parse(run.stdout) as { rook: [number, number][]; queen: [number, number][]; rookSeconds: number; queenSeconds: number };
    for (const [label, ours, theirs, seconds, ms] of [
      ['rook', rook.result, pysal.rook, pysal.rookSeconds, rook.ms],
      ['queen', queen.result, pysal.queen, pysal.queenSeconds, queen.ms],
    ] as const) {
      const ourKeys = new Set(graphPairs(ours.graph).map(([a, b]) => `${a}-${b}`));
      const theirKeys = new Set(theirs.map(([a, b]) => `${a}-${b}`));
      const onlyOurs = [...ourKeys].filter((key) => !theirKeys.has(key));
      const onlyTheirs = [...theirKeys].filter((key) => !ourKeys.has(key));
      const same = onlyOurs.length === 0 && onlyTheirs.length === 0;
      console.log(`  ${same ? 'ok ' : 'BAD'} ${label} pair sets: ours ${ourKeys.size}, PySAL ${theirKeys.size}, only ours ${onlyOurs.length}, only PySAL ${onlyTheirs.length}; PySAL ${(seconds * 1000).toFixed(0)} ms vs ours ${ms.toFixed(1)} ms (${(seconds * 1000 / ms).toFixed(0)}× faster)`);
      const describe = (key: string) => {
        const [a, b] = key.split('-').map(Number) as [number, number];
        return `${key} (${name(a)} / ${name(b)})`;
      };
      for (const key of onlyOurs.slice(0, 20)) console.log(`      only ours:  ${describe(key)}`);
      for (const key of onlyTheirs.slice(0, 20)) console.log(`      only PySAL: ${describe(key)}`);
      if (!same) failures.push(`${label} pair sets differ from PySAL (${onlyOurs.length} only ours, ${onlyTheirs.length} only PySAL)`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
