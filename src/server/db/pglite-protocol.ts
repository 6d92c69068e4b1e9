/**
 * The messages between the request thread (pglite-thread.ts) and the PGlite worker
 * (pglite-worker.ts), and how a database error crosses between them with its SQLSTATE code and
 * fields (structured cloning would keep only the message).
 */

/** What the request thread asks; every request is answered by one reply with its id. */
export type PgliteRequest =
  | { id: number; op: 'open' }
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  /** Opens a transaction whose id is this request's id. */
  | { id: number; op: 'begin' }
  | { id: number; op: 'tx.query'; tx: number; sql: string; params: unknown[] }
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
