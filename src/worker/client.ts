/**
 * The analysis client: runs requests in a Web Worker, or on the main thread with the very same
 * session code when workers are unavailable. If the worker crashes, pending requests fail with a
 * Chinese message, a fresh worker is started and the last dataset is loaded into it again; after
 * repeated crashes the client falls back to the main thread. User state never lives in the
 * worker, so a crash loses nothing the user entered.
 */
import { AnalysisError, errorPayload } from './messages.ts';
import { unpackLoadResult, type PackedLoadResult } from './geometry-transport.ts';
import { withMapData } from './map-data.ts';
import type { CancelMessage, LoadRequest, LoadResult, MessageMap, Progress, RequestMessage, RequestType, ResponseMessage } from './protocol.ts';
import type { AnalysisSession, CancelToken } from './session.ts';

export type ClientMode = 'worker' | 'main-thread';

export interface RequestOptions {
  /** Called with the progress messages of a long request (load, inspect). */
  onProgress?: (progress: Progress) => void;
  /** Buffers to transfer to the worker instead of copying (imported file bytes). */
  transfer?: Transferable[];
  /**
   * A load only: the request to load again after a worker crash, when `payload` relies on what
   * the lost worker held (sources staged by an import preview); default the payload itself.
   */
  replay?: LoadRequest;
  /**
   * Aborting cancels the request: the promise rejects with a `RequestCancelled` error at once and
   * the worker gets a cancel message for its id (the session stops it between phases).
   */
  signal?: AbortSignal;
}

/** The rejection of a request whose `signal` was aborted. */
export class RequestCancelled extends Error {
  constructor() {
    super('请求已取消');
    this.name = 'RequestCancelled';
  }
}

export interface AnalysisClient {
  request<T extends RequestType>(type: T, payload: MessageMap[T][0], options?: RequestOptions): Promise<MessageMap[T][1]>;
  readonly mode: ClientMode;
  /** How many times the worker died and was restarted. */
  readonly crashes: number;
  dispose(): void;
}

export interface ClientOptions {
  /** Creates the worker; return null to run on the main thread. */
  createWorker?: () => Worker | null;
  /** Worker crashes tolerated before falling back to the main thread. */
  maxCrashes?: number;
}

function defaultWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'lianpian-analysis' });
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress: ((progress: Progress) => void) | undefined;
  /** Fields of the result that arrived before it (`part` messages). */
  parts?: Record<string, unknown>;
}

export function createAnalysisClient({ createWorker = defaultWorker, maxCrashes = 2 }: ClientOptions = {}): AnalysisClient {
  let worker: Worker | null = null;
  /** The main-thread session, loaded on demand so the engine stays out of the initial bundle. */
  let fallback: Promise<AnalysisSession> | null = null;
  const mainThread = () => (fallback ??= import('./session.ts').then(({ createAnalysisSession }) => createAnalysisSession()));
  let crashes = 0;
  let nextId = 1;
  let lastLoad: LoadRequest | null = null;
  /** The reload after a crash; other requests wait for it so they find the dataset. */
  let reloading: Promise<unknown> | null = null;
  const pending = new Map<number, Pending>();

  const start = () => {
    try {
      worker = createWorker();
    } catch {
      worker = null;
    }
    if (!worker) {
      void mainThread();
      return;
    }
    worker.addEventListener('message', (event: MessageEvent<ResponseMessage>) => {
      const message = event.data;
      const entry = pending.get(message.id);
      if (!entry) return;
      if ('progress' in message) {
        entry.onProgress?.(message.progress);
        return;
      }
      if ('part' in message) {
        (entry.parts ??= {})[message.part.key] = message.part.value;
        return;
      }
      pending.delete(message.id);
      if (message.ok) entry.resolve(entry.parts ? { ...(message.result as object), ...entry.parts } : message.result);
      else entry.reject(new AnalysisError(message.error));
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      crash(event.message || '分析线程意外退出');
    });
  };

  const crash = (reason: string) => {
    crashes++;
    worker?.terminate();
    worker = null;
    for (const entry of pending.values()) entry.reject(new AnalysisError({ message: `分析线程出错，已自动重启：${reason}` }));
    pending.clear();
    if (crashes > maxCrashes) void mainThread();
    else start();
    // The new session is empty: load the last dataset again so later requests find it.
    if (lastLoad) {
      const reload = send('load', lastLoad).catch(() => undefined);
      reloading = reload.finally(() => {
        if (reloading === reload) reloading = null;
      });
    }
  };

  const send = <T extends RequestType>(type: T, payload: MessageMap[T][0], options: RequestOptions = {}): Promise<MessageMap[T][1]> => {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new RequestCancelled());
    if (fallback || !worker) {
      const token: CancelToken = { cancelled: false };
      const run = mainThread()
        // The map's data is built where the load ran, here on the main thread (the worker shell does it in the worker).
        .then(async (session) => {
          const result = await session.handle(type, payload, options.onProgress, token);
          return (type === 'load' ? withMapData(result as LoadResult) : result) as MessageMap[T][1];
        })
        .catch((error: unknown) => {
          throw token.cancelled ? new RequestCancelled() : new AnalysisError(errorPayload(error));
        });
      if (!signal) return run;
      return new Promise((resolve, reject) => {
        const abort = () => {
          token.cancelled = true;
          reject(new RequestCancelled());
        };
        signal.addEventListener('abort', abort, { once: true });
        run.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
      });
    }
    const id = nextId++;
    const message: RequestMessage = { id, type, payload };
    const target = worker;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress: options.onProgress });
      target.postMessage(message, options.transfer ?? []);
      signal?.addEventListener(
        'abort',
        () => {
          if (!pending.delete(id)) return;
          const cancel: CancelMessage = { cancel: id };
          target.postMessage(cancel);
          reject(new RequestCancelled());
        },
        { once: true },
      );
    });
  };

  const client: AnalysisClient = {
    async request(type, payload, options) {
      if (type === 'load') lastLoad = options?.replay ?? (payload as LoadRequest);
      else if (reloading) await reloading;
      const result = await send(type, payload, options);
      // A large dataset's geometry arrives packed; rebuild it in slices (no long main-thread task).
      return (type === 'load' ? await unpackLoadResult(result as PackedLoadResult) : result) as MessageMap[typeof type][1];
    },
    get mode() {
      return fallback || !worker ? 'main-thread' : 'worker';
    },
    get crashes() {
      return crashes;
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const entry of pending.values()) entry.reject(new AnalysisError({ message: '分析已停止' }));
      pending.clear();
    },
  };
  start();
  return client;
}
