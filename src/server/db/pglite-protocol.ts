/**
 * The messages between the request thread (pglite-thread.ts) and the PGlite worker
 * (pglite-worker.ts), and how a database error crosses between them with its SQLSTATE code and
 * fields (structured cloning would keep only the message).
 */

import type { Prepared, PreparedType } from './queryable.ts';

/** What the request thread asks; every request is answered by one reply with its id. */
export type PgliteRequest =
  | { id: number; op: 'open' }
  | { id: number; op: 'query'; sql: string; params: unknown[]; prepared?: Prepared }
  /** Opens a transaction whose id is this request's id. */
  | { id: number; op: 'begin' }
  | { id: number; op: 'tx.query'; tx: number; sql: string; params: unknown[]; prepared?: Prepared }
  | { id: number; op: 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

/** The worker's answer: rows, done, or an error. */
export type PgliteReply = { id: number; rows: unknown[] } | { id: number; ok: true } | { id: number; error: SerializedDbError };

/** A database error's fields (PostgreSQL's error response: code is the SQLSTATE, e.g. 23505). */
export interface SerializedDbError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  severity?: string;
  detail?: string;
  hint?: string;
  position?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
}

const FIELDS = ['code', 'severity', 'detail', 'hint', 'position', 'schema', 'table', 'column', 'dataType', 'constraint'] as const;

/** The error as a plain object that survives postMessage. */
export function serializeDbError(error: unknown): SerializedDbError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const serialized: SerializedDbError = { name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  for (const field of FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string') serialized[field] = value;
  }
  return serialized;
}

/** An Error with the serialized fields again (`code` stays the SQLSTATE), its stack the worker's. */
export function deserializeDbError(serialized: SerializedDbError): Error & Omit<SerializedDbError, 'name' | 'message'> {
  const { name, message, stack, ...fields } = serialized;
  const error = Object.assign(new Error(message), fields);
  error.name = name;
  if (stack !== undefined) error.stack = stack;
  return error;
}

/**
 * The SQL literal of a prepared statement's parameter, for PGlite's `EXECUTE name (…)`: PGlite
 * plans a parameterised query on every call (its extended protocol names no statement), and
 * planning was most of a status write's time (2-2.6 ms of WebAssembly against 0.6-1 ms for
 * EXECUTE of a statement prepared once). EXECUTE takes no bound parameters, so each value is
 * written as a literal of the statement's declared type: a string between single quotes with
 * every quote doubled, which is the whole of quoting when standard_conforming_strings is on
 * (the worker sets it; backslashes are then ordinary characters), the value cast by the
 * prepared signature, so no value can change what the statement does.
 */
export function preparedLiteral(value: unknown, type: PreparedType): string {
  if (value === null || value === undefined) return 'null';
  if (type === 'integer' || type === 'bigint') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new TypeError(`预编译语句的整数参数不是整数：${String(value)}`);
    return String(value);
  }
  if (type === 'boolean') {
    if (typeof value !== 'boolean') throw new TypeError(`预编译语句的布尔参数不是布尔值：${String(value)}`);
    return value ? 'true' : 'false';
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // PostgreSQL text cannot hold U+0000 (the API refuses it before; a parameter would be refused too).
  if (text.includes('\u0000')) throw new TypeError('预编译语句的文本参数含有空字符（U+0000）');
  return `'${text.replaceAll("'", "''")}'`;
}

/** `EXECUTE name (literals…)` for a prepared statement and its parameters. */
export function executeStatement(prepared: Prepared, params: readonly unknown[]): string {
  if (params.length !== prepared.types.length) throw new TypeError(`预编译语句 ${prepared.name} 需要 ${prepared.types.length} 个参数，收到 ${params.length} 个`);
  return `execute ${prepared.name} (${params.map((value, i) => preparedLiteral(value, prepared.types[i]!)).join(', ')})`;
}

/** `PREPARE name (types…) AS sql`. */
export function prepareStatement(prepared: Prepared, sql: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(prepared.name)) throw new TypeError(`预编译语句名称不合法：${prepared.name}`);
  return `prepare ${prepared.name} (${prepared.types.join(', ')}) as ${sql}`;
}
