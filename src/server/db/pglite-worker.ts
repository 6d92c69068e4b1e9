/**
 * The PGlite worker thread, twin of pglite-thread.ts (the messages: pglite-protocol.ts). It owns
 * the embedded database, so PGlite's WebAssembly and its synchronous file I/O run here and not
 * in the request loop. A transaction is PGlite's own
 * (`db.transaction`): it holds the database until the main thread sends commit or rollback, so
 * every other query and transaction waits behind it, as in the request thread before.
 */
import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { executeStatement, prepareStatement, serializeDbError, type PgliteReply, type PgliteRequest } from './pglite-protocol.ts';
import type { Prepared } from './queryable.ts';

const { dataDir } = workerData as { dataDir: string };
const port = parentPort!;
const reply = (message: PgliteReply) => port.postMessage(message);

/** The open transactions by id: their statements and how they end. */
const transactions = new Map<number, { tx: Transaction; end: (commit: boolean) => void }>();
/** Thrown inside PGlite's transaction callback to make it roll back. */
const ROLLBACK = Symbol('rollback');

const opened = (async () => {
  if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
  // relaxedDurability: false (the default, spelled out): each query returns after its writes were flushed.
  const db = await PGlite.create({ dataDir, relaxedDurability: false });
  // A prepared statement's parameters are written as literals (pglite-protocol.ts): quotes doubled is all the quoting there is only with this on.
  await db.exec('set standard_conforming_strings = on');
  return db;
})();

/** The statements prepared in this session (PGlite is one session), by name. */
const preparedNames = new Set<string>();

/** Runs `sql` with `params`, through its prepared statement when it names one (prepared on first use). */
async function run(on: Pick<PGlite, 'query' | 'exec'> | Transaction, sql: string, params: unknown[], prepared: Prepared | undefined): Promise<unknown[]> {
  if (!prepared) return (await on.query(sql, params)).rows;
  if (!preparedNames.has(prepared.name)) {
    await on.exec(prepareStatement(prepared, sql));
    preparedNames.add(prepared.name);
  }
  return (await on.query(executeStatement(prepared, params))).rows;
}
// A database that cannot open fails every request with the cause (and the opening one first).
opened.catch(() => undefined);

port.on('message', (message: PgliteRequest) => void handle(message));

async function handle(message: PgliteRequest): Promise<void> {
  try {
    const db = await opened;
    switch (message.op) {
      case 'open':
        return reply({ id: message.id, ok: true });
      case 'query':
        return reply({ id: message.id, rows: await run(db, message.sql, message.params, message.prepared) });
      case 'begin':
        return begin(db, message.id);
      case 'tx.query': {
        const open = transactions.get(message.tx);
        if (!open) throw new Error(`transaction ${message.tx} is not open`);
        return reply({ id: message.id, rows: await run(open.tx, message.sql, message.params, message.prepared) });
      }
      case 'commit':
      case 'rollback': {
        const open = transactions.get(message.tx);
        if (!open) throw new Error(`transaction ${message.tx} is not open`);
        // The reply is sent when PGlite's transaction has ended (see begin).
        pendingEnds.set(message.tx, message.id);
        return open.end(message.op === 'commit');
      }
      case 'close':
        await db.close();
        return reply({ id: message.id, ok: true });
    }
  } catch (error) {
    reply({ id: message.id, error: serializeDbError(error) });
  }
}

/** The request id waiting for each transaction's commit or rollback. */
const pendingEnds = new Map<number, number>();

/** Opens transaction `id`: replies once BEGIN ran, then holds the database until commit or rollback. */
function begin(db: PGlite, id: number): void {
  let begun = false;
  const outcome = db.transaction(async (tx) => {
    const ended = new Promise<void>((resolve, reject) => transactions.set(id, { tx, end: (commit) => (commit ? resolve() : reject(ROLLBACK)) }));
    begun = true;
    reply({ id, ok: true });
    await ended;
  });
  outcome.then(
    () => finish(id, null),
    (error: unknown) => (begun ? finish(id, error === ROLLBACK ? null : error) : reply({ id, error: serializeDbError(error) })),
  );
}

/** Answers the commit or rollback of transaction `tx` (an error: the commit failed and PGlite rolled back). */
function finish(tx: number, error: unknown): void {
  transactions.delete(tx);
  const id = pendingEnds.get(tx);
  pendingEnds.delete(tx);
  if (id === undefined) return;
  reply(error === null ? { id, ok: true } : { id, error: serializeDbError(error) });
}
