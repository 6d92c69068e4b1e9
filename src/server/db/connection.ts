/**
 * The one database interface of the server: `query` and `transaction` over either PGlite
 * (embedded PostgreSQL in WebAssembly, a data directory on disk) or a PostgreSQL server
 * (`DATABASE_URL`, through `pg`). Both speak the same SQL (PostgreSQL), so migrations and
 * queries are written once (queries.ts). Durability: PGlite runs with relaxedDurability off
 * (its default; a query returns after its writes reached the file system), PostgreSQL with its
 * defaults (fsync, synchronous_commit on).
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** Something that runs a parameterised query: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction (BEGIN … COMMIT, ROLLBACK when it throws). */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

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

async function openPglite(dataDir: string): Promise<Db> {
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  // relaxedDurability: false (the default, spelled out): each query waits for its writes to be flushed.
  const db = await PGlite.create({ dataDir, relaxedDurability: false });
  return pgliteDb(db);
}

/** Wraps an open PGlite instance (also used by restore). */
export function pgliteDb(db: PGlite): Db & { pglite: PGlite } {
  return {
    kind: 'pglite',
    pglite: db,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<T>(sql, [...params])).rows;
    },
    transaction<T>(work: (tx: Queryable) => Promise<T>) {
      return db.transaction(async (tx) => work({ query: async <R>(sql: string, params: readonly unknown[] = []) => (await tx.query<R>(sql, [...params])).rows }));
    },
    close: () => db.close(),
  };
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
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, [...params])).rows as T[];
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({ query: async <R>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, [...params])).rows as R[] });
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
