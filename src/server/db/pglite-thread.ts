/**
 * PGlite behind a worker thread (pglite-worker.ts), as a `Db`: queries and transactions are sent
 * by message, so the embedded database's WebAssembly and file I/O leave the request loop.
 * The same PGlite does the same work as in the request thread: one statement at a time, a
 * transaction holding the database from BEGIN to COMMIT (others wait behind it, none
 * interleave), each query answered after its writes were flushed (durability unchanged).
 * A database error arrives as an Error with its SQLSTATE `code` and fields (pglite-protocol.ts).
 * The worker keeps the process alive only while a request is in flight.
 */
import { startTsWorker } from '../ts-worker.ts';
import type { Db, Prepared, Queryable } from './queryable.ts';
import { deserializeDbError, type PgliteReply, type PgliteRequest } from './pglite-protocol.ts';

type Pending = { resolve: (reply: PgliteReply) => void; reject: (error: Error) => void };
type Ask = PgliteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** Opens the PGlite database in `dataDir` (`memory://`: in memory) in a worker thread; resolves when it is open. */
export async function openPgliteThread(dataDir: string): Promise<Db> {
  const worker = startTsWorker(new URL('./pglite-worker.ts', import.meta.url), { dataDir });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let stopped: Error | null = null;
  worker.unref();

  worker.on('message', (reply: PgliteReply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ('error' in reply) waiting.reject(deserializeDbError(reply.error));
    else waiting.resolve(reply);
  });
  const fail = (error: Error) => {
    stopped ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', (error) => fail(Object.assign(new Error(`数据库线程出错：${error.message}`), { cause: error })));
  worker.on('exit', (code) => fail(new Error(`数据库线程已退出（${code}）`)));

  const send = (id: number, request: Ask): Promise<PgliteReply> => {
    if (stopped) return Promise.reject(stopped);
    return new Promise<PgliteReply>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as PgliteRequest);
    });
  };
  const ask = (request: Ask) => send(nextId++, request);
  const rows = async <T>(request: Ask) => (await ask(request)) as { rows: T[] };

  await ask({ op: 'open' });
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = [], prepared?: Prepared) {
      return (await rows<T>({ op: 'query', sql, params: [...params], ...(prepared ? { prepared } : {}) })).rows;
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>) {
      // The begin request's id names the transaction.
      const tx = nextId++;
      await send(tx, { op: 'begin' });
      let result: T;
      try {
        result = await work({ query: async <R>(sql: string, params: readonly unknown[] = [], prepared?: Prepared) => (await rows<R>({ op: 'tx.query', tx, sql, params: [...params], ...(prepared ? { prepared } : {}) })).rows });
      } catch (error) {
        await ask({ op: 'rollback', tx }).catch(() => undefined);
        throw error;
      }
      await ask({ op: 'commit', tx });
      return result;
    },
    async close() {
      if (!stopped) await ask({ op: 'close' });
      await worker.terminate();
    },
  };
}
