/**
 * The outside tools the benchmarks compare with, when this machine has them: PySAL (python3
 * with libpysal and geopandas) and PostGIS (psql reaching a server where the postgis extension
 * can be created: the server DATABASE_URL names when it is set, as scripts/with-postgres.sh does,
 * else the usual PGHOST/PGUSER/PGDATABASE settings). Callers say what they skip with `reportSkip`.
 *
 *   apt-get install -y python3-libpysal python3-geopandas postgresql-15-postgis-3
 */
import { spawnSync } from 'node:child_process';

/** Why PostGIS comparisons cannot run, for `reportSkip`. */
export const POSTGIS_MISSING = 'psql with a reachable PostgreSQL server and the postgis extension not found (apt-get install -y postgresql-15-postgis-3, a running server, DATABASE_URL or PGUSER/PGDATABASE)';

/** The python3 that imports libpysal and geopandas; undefined when none does or with --no-pysal / LIANPIAN_BENCH_PYSAL=0. */
export function findPysal(): string | undefined {
  if (process.argv.includes('--no-pysal') || process.env.LIANPIAN_BENCH_PYSAL === '0') return undefined;
  return ['python3', '/usr/bin/python3'].find((candidate) => spawnSync(candidate, ['-c', 'import libpysal, geopandas'], { stdio: 'ignore' }).status === 0);
}

/**
 * psql's arguments before a command's own: the `-X -q -At -v ON_ERROR_STOP=1` every bench call
 * uses, then DATABASE_URL as the dbname argument when it is set (psql takes a connection URI
 * there), so a throwaway server from scripts/with-postgres.sh is the one reached.
 */
export function psqlArgs(...rest: string[]): string[] {
  const url = process.env.DATABASE_URL;
  return ['-X', '-v', 'ON_ERROR_STOP=1', ...rest, ...(url ? ['--dbname', url] : [])];
}

/** PostGIS's version when psql reaches a server with the extension; undefined otherwise or with --no-postgis / LIANPIAN_BENCH_POSTGIS=0. */
export function findPostgis(): string | undefined {
  if (process.argv.includes('--no-postgis') || process.env.LIANPIAN_BENCH_POSTGIS === '0') return undefined;
  const run = spawnSync('psql', psqlArgs('-q', '-At', '-c', 'CREATE EXTENSION IF NOT EXISTS postgis', '-c', 'SELECT postgis_lib_version()'), { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}
