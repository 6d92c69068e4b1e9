/**
 * The large real datasets for cross-checks and benchmarks live outside the repository (never
 * commit them). Lookup order: $LIANPIAN_BENCH_DATA, then ../shared/bench-data next to the
 * repository, then /work/shared/bench-data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Absolute path of a benchmark data file, or undefined when it is not on this machine. */
export function findBenchData(file: string): string | undefined {
  const directories = [process.env.LIANPIAN_BENCH_DATA, join(repository, '../shared/bench-data'), '/work/shared/bench-data'];
  for (const directory of directories) {
    if (directory && existsSync(join(directory, file))) return join(directory, file);
  }
  return undefined;
}

/** Italy's 7,899 comuni (ISTAT via openpolis, CC-BY 4.0): the reference counts measured with PySAL and PostGIS. */
export const ITALY_FILE = 'it-comuni.geojson.gz';
export const ITALY_REFERENCE = { features: 7899, rookPairs: 22_864, queenPairs: 23_202, withoutNeighbours: 14 } as const;

/** The gunzipped GeoJSON text of a `.geojson.gz` benchmark file. */
export function readGzipText(path: string): string {
  return gunzipSync(readFileSync(path)).toString('utf8');
}

/** The comuni as parsed GeoJSON, or undefined when the file is absent. */
export function readItalyComuni(): FeatureCollection<Polygon | MultiPolygon> | undefined {
  const path = findBenchData(ITALY_FILE);
  return path ? (JSON.parse(readGzipText(path)) as FeatureCollection<Polygon | MultiPolygon>) : undefined;
}
