/**
 * The outside tools the benchmarks compare with, when this machine has them: PySAL (python3
 * with libpysal and geopandas) and PostGIS (psql reaching a server where the postgis extension
 * can be created, through the usual PGHOST/PGUSER/PGDATABASE settings). Callers say what they
 * skip with `reportSkip`.
 *
 *   apt-get install -y python3-libpysal python3-geopandas postgresql-15-postgis-3
 */
import { spawnSync } from 'node:child_process';

/** Why PostGIS comparisons cannot run, for `reportSkip`. */
export const POSTGIS_MISSING = 'psql with a reachable PostgreSQL server and the postgis extension not found (apt-get install -y postgresql-15-postgis-3, a running server, PGUSER/PGDATABASE)';

/** The python3 that imports libpysal and geopandas; undefined when none does or with --no-pysal / LIANPIAN_BENCH_PYSAL=0. */
export function findPysal(): string | undefined {
  if (process.argv.includes('--no-pysal') || process.env.LIANPIAN_BENCH_PYSAL === '0') return undefined;
  return ['python3', '/usr/bin/python3'].find((candidate) => spawnSync(candidate, ['-c', 'import libpysal, geopandas'], { stdio: 'ignore' }).status === 0);
}

/** PostGIS's version when psql reaches a server with the extension; undefined otherwise or with --no-postgis / LIANPIAN_BENCH_POSTGIS=0. */
export function findPostgis(): string | undefined {
  if (process.argv.includes('--no-postgis') || process.env.LIANPIAN_BENCH_POSTGIS === '0') return undefined;
  const run = spawnSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', 'CREATE EXTENSION IF NOT EXISTS postgis', '-c', 'SELECT postgis_lib_version()'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}
