/**
 * End to end: the whole `lianpian analyze FILE --pairs` process (start-up, read, parse,
 * adjacency, output of every adjacent pair), timed from spawn to exit, on Italy's comuni (when
 * the file is present), a seeded 30k-cell Voronoi mosaic and US counties (us-atlas TopoJSON,
 * converted to GeoJSON once, outside the timings). In the same run:
 * - baseline: the PySAL process (`scripts/crosscheck-pysal.py FILE rook`: geopandas.read_file +
 *   Rook.from_dataframe + the pairs as JSON), also timed from spawn to exit;
 * - the PostGIS query alone, data already loaded (GiST index, one parallel worker):
 *   `count(*)` of `a.g && b.g AND ST_Relate(a.g, b.g, 'F***1****')`, timed by psql's \timing.
 *   US counties need ST_MakeValid (PostGIS throws on the raw rings).
 * Either prints a `SKIPPED: …` line with the reason and the rest still runs when it is absent.
 * The CLI runs exact (`--tolerance 0 --min-shared 0`: the same predicate as PySAL's rook and
 * the ST_Relate pattern), with defaults too, and once more through tsx (no prebuilt bundle) to
 * show what transpiling at each start costs.
 *
 * With LIANPIAN_BENCH_BEFORE=<another checkout> (e.g. `git worktree add /tmp/before <commit>`
 * plus its node_modules) its `lianpian` bin runs the exact case too, for before/after tables.
 *
 *   npm run bench -- cli                # LIANPIAN_BENCH_PYSAL=0 / LIANPIAN_BENCH_POSTGIS=0 to skip
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { voronoiMosaic } from '../support/mosaics.ts';
import { ITALY_FILE, PYSAL_MISSING, findBenchData, missingBenchData, readGzipText, reportSkip } from '../support/bench-data.ts';
import { POSTGIS_MISSING, findPostgis, findPysal, psqlArgs } from './baselines.ts';
import type { Harness, Stats } from './harness.ts';

const BIN = new URL('../../scripts/lianpian.mjs', import.meta.url).pathname;
const PYSAL_SCRIPT = new URL('../../scripts/crosscheck-pysal.py', import.meta.url).pathname;
const EXACT = ['--tolerance', '0', '--min-shared', '0'];

interface Dataset {
  title: string;
  /** GeoJSON text written to a temporary file for every tool. */
  text: () => string;
  /** Run ST_MakeValid on the geometries before the PostGIS query. */
  makeValid?: boolean;
}

export default async function bench(h: Harness): Promise<void> {
  const pysal = findPysal();
  if (!pysal) reportSkip('PySAL process rows (CLI bench)', process.argv.includes('--no-pysal') || process.env.LIANPIAN_BENCH_PYSAL === '0' ? 'turned off (--no-pysal or LIANPIAN_BENCH_PYSAL=0)' : PYSAL_MISSING);
  const postgis = findPostgis();
  if (!postgis) reportSkip('PostGIS query rows (CLI bench)', process.argv.includes('--no-postgis') || process.env.LIANPIAN_BENCH_POSTGIS === '0' ? 'turned off (--no-postgis or LIANPIAN_BENCH_POSTGIS=0)' : POSTGIS_MISSING);
  const italy = findBenchData(ITALY_FILE);
  if (!italy) reportSkip("Italy's comuni (CLI bench)", missingBenchData(ITALY_FILE));
  const datasets: Dataset[] = [
    ...(italy ? [{ title: "Italy's comuni (7,899; ISTAT/openpolis)", text: () => readGzipText(italy) }] : []),
    { title: 'Voronoi mosaic, 30k cells (seed 42)', text: () => JSON.stringify(voronoiMosaic(30_000, 42)) },
    { title: 'US counties (us-atlas counties-10m, 3,231)', text: usCounties, makeValid: true },
  ];
  const directory = mkdtempSync(join(tmpdir(), 'lianpian-cli-bench-'));
  const peakHook = join(directory, 'peak-rss.cjs');
  writeFileSync(peakHook, "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\nLIANPIAN_PEAK_RSS_KB ${u.maxRSS} CPU_US ${u.userCPUTime + u.systemCPUTime}\\n`); });\n");
  try {
    startUp(h, directory, peakHook);
    for (const dataset of datasets) {
      const file = join(directory, 'input.geojson');
      writeFileSync(file, dataset.text());
      const megabytes = readFileSync(file).length / 1e6;
      h.section(`CLI end to end, ${dataset.title}: ${megabytes.toFixed(1)} MB GeoJSON, whole process`);
      const base = pysal ? pysalProcess(h, directory, pysal, file) : undefined;
      const query = postgis ? postgisQuery(h, directory, file, dataset.makeValid ?? false) : undefined;
      const versus = (stats: Stats | undefined, label: string, ours: number) => {
        if (!stats) return `${label} skipped`;
        const ratio = stats.minMs / ours;
        return ratio >= 1 ? `${ratio.toFixed(ratio < 10 ? 2 : 1)}× faster than ${label}` : `${(1 / ratio).toFixed(2)}× slower than ${label}`;
      };
      const cli = async (name: string, args: string[], env: NodeJS.ProcessEnv = {}, bin = BIN) => {
        const output = join(directory, 'pairs.json');
        const peaks: number[] = [];
        const cpu: number[] = [];
        // Peak memory of each process: a preloaded hook prints process.resourceUsage().maxRSS at exit.
        const withPeak = { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${peakHook}`.trim() };
        await h.measure(name, () => runProcess(process.execPath, [bin, 'analyze', file, '--pairs', ...args], output, withPeak, peaks, cpu), {
          runs: 5,
          // CPU time (user + system) of the process: less moved by the other jobs on a shared machine than wall time.
          note: () => `${(JSON.parse(readFileSync(output, 'utf8')) as { pairCount: number }).pairCount} pairs; peak RSS ${(Math.max(...peaks) / 1024).toFixed(0)} MB; CPU min ${(Math.min(...cpu) / 1000).toFixed(0)} ms`,
        });
        const last = h.results.at(-1)!;
        last.note += `; ${versus(base, 'the PySAL process', last.minMs)}; ${versus(query, 'the PostGIS query', last.minMs)}`;
        console.log(`    ${last.note}`);
      };
      const before = process.env.LIANPIAN_BENCH_BEFORE;
      if (before) await cli(`lianpian analyze --pairs, exact, at ${before} (before)`, EXACT, {}, join(before, 'scripts', 'lianpian.mjs'));
      await cli('lianpian analyze --pairs, exact (prebuilt bundle)', EXACT);
      await cli('lianpian analyze --pairs, exact, through tsx (no bundle)', EXACT, { LIANPIAN_CLI_SOURCE: '1' });
      await cli('lianpian analyze --pairs, defaults (tolerance 1 m, min 5 m)', []);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Start-up alone: Node without a script, and `lianpian --version` (the bin's freshness check, the
 * bundle compiled from V8's code cache, the program's set-up), 10 runs each, CPU time noted.
 */
function startUp(h: Harness, directory: string, peakHook: string): void {
  h.section('CLI start-up: whole process, spawn to exit');
  const output = join(directory, 'version.txt');
  const env = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${peakHook}`.trim() };
  const row = (name: string, args: string[]) => {
    const times: number[] = [];
    const cpu: number[] = [];
    runProcess(process.execPath, args, output, env, [], cpu);
    cpu.length = 0;
    for (let run = 0; run < 10; run++) times.push(runProcess(process.execPath, args, output, env, [], cpu));
    const stats = h.record(name, times, { note: `CPU min ${(Math.min(...cpu) / 1000).toFixed(0)} ms` });
    console.log(`  ${name}: min ${stats.minMs.toFixed(0)} ms, ${stats.note}`);
  };
  row('node -e 0 (Node alone)', ['-e', '0']);
  row('lianpian --version (bundle through the V8 code cache)', [BIN, '--version']);
  const before = process.env.LIANPIAN_BENCH_BEFORE;
  if (before) row(`lianpian --version at ${before} (before)`, [join(before, 'scripts', 'lianpian.mjs'), '--version']);
}

/** Wall time of a process from spawn to exit, stdout into `output`; throws when it fails. Peak RSS (KB) and CPU time (µs) printed by the hook go to `peaks` and `cpu`. */
function runProcess(command: string, args: string[], output: string, env: NodeJS.ProcessEnv = {}, peaks?: number[], cpu?: number[]): number {
  const fd = openSync(output, 'w');
  try {
    const start = performance.now();
    const run = spawnSync(command, args, { stdio: ['ignore', fd, 'pipe'], env: { ...process.env, ...env }, encoding: 'utf8' });
    const ms = performance.now() - start;
    if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr.trim().split('\n').pop()}`);
    const usage = /LIANPIAN_PEAK_RSS_KB (\d+) CPU_US (\d+)/.exec(run.stderr);
    if (usage) {
      peaks?.push(Number(usage[1]));
      cpu?.push(Number(usage[2]));
    }
    return ms;
  } finally {
    closeSync(fd);
  }
}

/** The PySAL process: geopandas.read_file + Rook.from_dataframe + pairs as JSON (2 runs, the faster counts). */
function pysalProcess(h: Harness, directory: string, python: string, file: string): Stats | undefined {
  const output = join(directory, 'pysal.json');
  const times: number[] = [];
  try {
    for (let run = 0; run < 2; run++) times.push(runProcess(python, [PYSAL_SCRIPT, file, 'rook'], output));
  } catch (error) {
    console.log(`  PySAL failed: ${(error as Error).message}`);
    return undefined;
  }
  const { rook } = JSON.parse(readFileSync(output, 'utf8')) as { rook: unknown[] };
  return h.record('PySAL process: geopandas read + Rook.from_dataframe [baseline]', times, { baseline: true, note: `${rook.length} rook pairs` });
}

/**
 * Loads the file into PostGIS (not timed), then runs the rook query 3 times in one psql session
 * and records psql's \timing of each (the query alone, as a user with the data loaded sees it).
 */
function postgisQuery(h: Harness, directory: string, file: string, makeValid: boolean): Stats | undefined {
  const collection = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const rows = join(directory, 'rows.tsv');
  writeFileSync(rows, collection.features.map((f, i) => `${i}\t${JSON.stringify(f.geometry)}`).join('\n'));
  const table = 'lianpian_cli_bench';
  const geometry = makeValid ? 'ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(gj), 4326))' : 'ST_SetSRID(ST_GeomFromGeoJSON(gj), 4326)';
  const query = `SELECT count(*) FROM ${table} a JOIN ${table} b ON a.g && b.g WHERE a.id < b.id AND ST_Relate(a.g, b.g, 'F***1****');`;
  const script = [
    `DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_raw;`,
    `CREATE TABLE ${table}_raw (id integer, gj text);`,
    `\\copy ${table}_raw FROM '${rows}'`,
    `CREATE TABLE ${table} AS SELECT id, ${geometry} AS g FROM ${table}_raw;`,
    `CREATE INDEX ON ${table} USING gist (g); ANALYZE ${table};`,
    'SET max_parallel_workers_per_gather = 1;',
    '\\timing on',
    query,
    query,
    query,
    '\\timing off',
    `DROP TABLE ${table}; DROP TABLE ${table}_raw;`,
  ].join('\n');
  const run = spawnSync('psql', psqlArgs('-q', '-At'), { input: script, encoding: 'utf8' });
  if (run.status !== 0) {
    spawnSync('psql', psqlArgs('-q', '-c', `DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_raw;`));
    console.log(`  PostGIS query failed: ${run.stderr.trim().split('\n')[0]}`);
    return undefined;
  }
  const times = [...run.stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((match) => Number(match[1]));
  const count = run.stdout.split('\n').find((line) => /^\d+$/.test(line));
  return h.record(`PostGIS query alone (data loaded, GiST, 1 parallel worker${makeValid ? ', ST_MakeValid' : ''})`, times, { note: `${count} rook pairs` });
}

/** us-atlas counties (TopoJSON) as GeoJSON, the way a user would hand them to each tool. */
function usCounties(): string {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology;
  return JSON.stringify(feature(topology, topology.objects.counties as GeometryCollection));
}
