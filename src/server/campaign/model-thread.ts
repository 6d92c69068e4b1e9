/**
 * Runs model builds in a worker thread (model-worker.ts) so the request loop stays free while a
 * model is rebuilt: the loop only reads the snapshot and copies bytes back. The worker is
 * started on first use, loads the TypeScript sources through tsx (as the server itself runs),
 * and is restarted after it dies. `inline: true` builds in the calling thread instead (the same
 * code; for comparisons and where threads are unwanted).
 */
import type { Worker } from 'node:worker_threads';
import { InputError } from '../../core/index.ts';
import { startTsWorker } from '../ts-worker.ts';
import { ModelBuilder, type BuildRequest, type BuildResult } from './model-build.ts';

type Pending = { resolve: (result: BuildResult) => void; reject: (error: Error) => void };

export class ModelThread {
  private worker: Worker | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private inlineBuilder: ModelBuilder | null = null;

  constructor(private readonly options: { inline?: boolean } = {}) {}

  /** Builds one model; rejects with the build's error (an InputError stays one). */
  build(request: BuildRequest): Promise<BuildResult> {
    if (this.options.inline) {
      this.inlineBuilder ??= new ModelBuilder();
      try {
        return Promise.resolve(this.inlineBuilder.build(request));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<BuildResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, request });
    });
  }

  /** Stops the worker (pending builds are rejected). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startTsWorker(new URL('./model-worker.ts', import.meta.url));
    worker.unref();
    worker.on('message', ({ id, result, error }: { id: number; result?: BuildResult; error?: { name: string; message: string; code?: string; issues?: InputError['issues']; stack?: string } }) => {
      const pending = this.pending.get(id);
      if (!pending) return;
      this.pending.delete(id);
      if (result) pending.resolve(result);
      else if (error?.name === 'InputError' && error.issues?.[0]) pending.reject(new InputError(error.issues[0], error.issues));
      else pending.reject(Object.assign(new Error(error?.message ?? 'model build failed'), { code: error?.code, stack: error?.stack }));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`model worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}
