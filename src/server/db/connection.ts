/**
 * The one database interface of the server: `query` and `transaction` over either PGlite
 * (embedded PostgreSQL in WebAssembly, a data directory on disk) or a PostgreSQL server
 * (`DATABASE_URL`, through `pg`). Both speak the same SQL (PostgreSQL), so migrations and
 * queries are written once (queries.ts). PGlite runs in a worker thread (pglite-thread.ts), so
 * its WebAssembly does not stall the request loop. Durability: PGlite runs with relaxedDurability
 * off (its default; a query returns after its writes reached the file system), PostgreSQL with
 * its defaults (fsync, synchronous_commit on).
 */
import pg from 'pg';
import { openPgliteThread } from './pglite-thread.ts';
import type { Db, Prepared, Queryable } from './queryable.ts';

export type { Db, Prepared, Queryable } from './queryable.ts';

/** Where the database is: a PGlite data directory, or a PostgreSQL connection string. */
export type DbLocation = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

/** The database named by the environment: DATABASE_URL, else PGlite in LIANPIAN_DATA_DIR (default ./.lianpian). */
export function dbLocationFromEnv(env: NodeJS.ProcessEnv = process.env): DbLocation {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: env.LIANPIAN_DATA_DIR || './.lianpian' };
}

/** Opens the database (creating a PGlite data directory when missing). */
export async function openDb(location: DbLocation): Promise<Db> {
  return location.kind === 'postgres' ? openPostgres(location.url) : openPglite(location.dataDir);
}

/** PGlite runs in a worker thread of its own (pglite-thread.ts), out of the request loop. */
function openPglite(dataDir: string): Promise<Db> {
  return openPgliteThread(dataDir);
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client the database drops (a restart, an administrator's terminate) leaves the pool,
  // which opens a new one on the next query; without a listener pg throws it as an uncaught error.
  pool.on('error', (error) => process.stderr.write(`数据库空闲连接已断开，连接池会重新连接：${error.message}\n`));
  // Fail at start, not at the first request, when the server cannot be reached.
  await pool.query('select 1');
  return {
    kind: 'postgres',
    // node-postgres prepares a named statement once per connection and reuses it.
    async query<T>(sql: string, params: readonly unknown[] = [], prepared?: Prepared) {
      return (await pool.query(prepared ? { name: prepared.name, text: sql, values: [...params] } : { text: sql, values: [...params] })).rows as T[];
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({ query: async <R>(sql: string, params: readonly unknown[] = [], prepared?: Prepared) => (await client.query(prepared ? { name: prepared.name, text: sql, values: [...params] } : { text: sql, values: [...params] })).rows as R[] });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
