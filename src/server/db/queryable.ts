/** The database interface every server module uses (connection.ts opens one; pglite-thread.ts is PGlite's). */

/**
 * A statement the database plans once and runs many times (a hot write): its name, unique per
 * statement text, and its parameters' PostgreSQL types in order.
 */
export interface Prepared {
  name: string;
  types: readonly PreparedType[];
}

/** The parameter types a prepared statement may take (their literals are written by pglite-protocol.ts). */
export type PreparedType = 'text' | 'integer' | 'bigint' | 'jsonb' | 'boolean';

/** Something that runs a parameterised query: the database itself or an open transaction. */
export interface Queryable {
  /** With `prepared`, the statement is planned once per connection and reused (same answer, less work). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], prepared?: Prepared): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction (BEGIN … COMMIT, ROLLBACK when it throws). */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
