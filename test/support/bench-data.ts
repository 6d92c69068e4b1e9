/**
 * The large real datasets for cross-checks and benchmarks live outside the repository (never
 * commit them). Lookup order: $LIANPIAN_BENCH_DATA, then `shared/bench-data` in the directory
 * that holds the repository or in any directory above it (so a git worktree nested one level
 * deeper finds the same files). A cross-check that cannot run says so with `reportSkip`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The directories searched for benchmark data, in order. */
export function benchDataDirectories(): string[] {
  const directories = process.env.LIANPIAN_BENCH_DATA ? [process.env.LIANPIAN_BENCH_DATA] : [];
  for (let directory = dirname(repository); ; directory = dirname(directory)) {
    directories.push(join(directory, 'shared/bench-data'));
    if (dirname(directory) === directory) return directories;
  }
}

/** Absolute path of a benchmark data file, or undefined when it is not on this machine. */
export function findBenchData(file: string): string | undefined {
  return benchDataDirectories()
    .map((directory) => join(directory, file))
    .find((path) => existsSync(path));
}

/** Prints one line that says which cross-check or comparison did not run, and why. */
export function reportSkip(what: string, why: string): void {
  console.log(`SKIPPED: ${what}: ${why}`);
}

/** Why a benchmark data file is absent, for `reportSkip`. */
export function missingBenchData(file: string): string {
  return `${file} not found in ${benchDataDirectories().join(', ')} (set LIANPIAN_BENCH_DATA to its directory)`;
}

/** Why PySAL comparisons cannot run, for `reportSkip`. */
export const PYSAL_MISSING = 'python3 with libpysal and geopandas not found (apt-get install -y python3-libpysal python3-geopandas)';

/** Italy's 7,899 comuni (ISTAT via openpolis, CC-BY 4.0): the reference counts measured with PySAL and PostGIS. */
export const ITALY_FILE = 'it-comuni.geojson.gz';
export const ITALY_REFERENCE = { features: 7899, rookPairs: 22_864, queenPairs: 23_202, withoutNeighbours: 14 } as const;

/** The gunzipped GeoJSON text of a `.geojson.gz` benchmark file. */
export function readGzipText(path: string): string {
  return gunzipSync(readFileSync(path)).toString('utf8');
}

/** The comuni as parsed GeoJSON, or undefined (with a SKIPPED line) when the file is absent. */
export function readItalyComuni(): FeatureCollection<Polygon | MultiPolygon> | undefined {
  const path = findBenchData(ITALY_FILE);
  if (!path) reportSkip("cross-check on Italy's comuni (test/core/adjacency/italy.test.ts)", missingBenchData(ITALY_FILE));
  return path ? (JSON.parse(readGzipText(path)) as FeatureCollection<Polygon | MultiPolygon>) : undefined;
}
