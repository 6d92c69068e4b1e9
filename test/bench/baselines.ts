/**
 * The outside tools the benchmarks compare with, found on this machine or reported as skipped:
 * PySAL (Debian's python3 with libpysal and geopandas) and PostGIS (psql reaching a server with
 * the postgis extension, through the usual PGHOST/PGUSER/PGDATABASE settings).
 *
 *   apt-get install -y python3-libpysal python3-geopandas postgresql-15-postgis-3
 */
import { spawnSync } from 'node:child_process';

/** The python3 that imports libpysal and geopandas; undefined (and a printed "skipped" line) when none does. */
export function findPysal(): string | undefined {
  if (process.argv.includes('--no-pysal') || process.env.LIANPIAN_BENCH_PYSAL === '0') {
    console.log('skipped: PySAL (--no-pysal or LIANPIAN_BENCH_PYSAL=0)');
    return undefined;
  }
  const python = ['python3', '/usr/bin/python3'].find((candidate) => spawnSync(candidate, ['-c', 'import libpysal, geopandas'], { stdio: 'ignore' }).status === 0);
  if (!python) console.log('skipped: PySAL not installed (python3 with libpysal and geopandas: apt-get install -y python3-libpysal python3-geopandas)');
  return python;
}

/** PostGIS's version when psql reaches a server where `CREATE EXTENSION postgis` works; undefined (and a printed "skipped" line) otherwise. */
export function findPostgis(): string | undefined {
  if (process.argv.includes('--no-postgis') || process.env.LIANPIAN_BENCH_POSTGIS === '0') {
    console.log('skipped: PostGIS (--no-postgis or LIANPIAN_BENCH_POSTGIS=0)');
    return undefined;
  }
  const run = spawnSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', 'CREATE EXTENSION IF NOT EXISTS postgis', '-c', 'SELECT postgis_lib_version()'], { encoding: 'utf8' });
  if (run.status === 0) return run.stdout.trim();
  const reason = run.error ? 'psql not found' : run.stderr.trim().split('\n')[0];
  console.log(`skipped: PostGIS not installed or not reachable (${reason}; apt-get install -y postgresql-15-postgis-3, a running server and PGUSER/PGDATABASE)`);
  return undefined;
}
