import { describe, expect, test } from 'vitest';
import { createAnalysisClient, RequestCancelled } from '../../src/worker/client.ts';
import type { LoadRequest, RequestMessage, ResponseMessage } from '../../src/worker/protocol.ts';

type Listener = (event: { data?: ResponseMessage; message?: string; preventDefault(): void }) => void;

/** A stand-in Worker: answers `load` and `analyze` from a tiny in-memory state, or dies on demand. */
class FakeWorker {
  static created: FakeWorker[] = [];
  private listeners: Record<string, Listener[]> = {};
  loaded = false;
  terminated = false;
  crashOn: string | null = null;
  /** Every message with the buffers transferred with it. */
  received: { message: RequestMessage; transfer: Transferable[] }[] = [];

  constructor() {
    FakeWorker.created.push(this);
  }

  addEventListener(type: string, listener: Listener) {
    (this.listeners[type] ??= []).push(listener);
  }

  postMessage(message: RequestMessage, transfer: Transferable[] = []) {
    this.received.push({ message, transfer });
    queueMicrotask(() => {
      if (this.crashOn === message.type) {
        for (const listener of this.listeners.error ?? []) listener({ message: 'out of memory', preventDefault() {} });
        return;
      }
      const reply: ResponseMessage =
        message.type === 'load'
          ? ((this.loaded = true), { id: message.id, ok: true, result: 'loaded' })
          : this.loaded
            ? { id: message.id, ok: true, result: 'analyzed' }
            : { id: message.id, ok: false, error: { message: '尚未加载数据' } };
      for (const listener of this.listeners.message ?? []) listener({ data: reply, preventDefault() {} });
    });
  }

  terminate() {
    this.terminated = true;
  }
}

const load = { kind: 'synthetic', cells: 10, seed: 1 } as const;
const analyze = { designated: new Uint8Array(10), zoneWidthMeters: 60 };

describe('createAnalysisClient()', () => {
  test('runs requests in the worker', async () => {
    FakeWorker.created = [];
    const client = createAnalysisClient({ createWorker: () => new FakeWorker() as unknown as Worker });
    expect(client.mode).toBe('worker');
    await expect(client.request('load', load)).resolves.toBe('loaded');
    await expect(client.request('analyze', analyze)).resolves.toBe('analyzed');
  });

  test('after a worker crash the failed request rejects in Chinese, a new worker gets the dataset again and later requests succeed', async () => {
    FakeWorker.created = [];
    const client = createAnalysisClient({ createWorker: () => new FakeWorker() as unknown as Worker });
    await client.request('load', load);
    FakeWorker.created[0]!.crashOn = 'analyze';
    await expect(client.request('analyze', analyze)).rejects.toThrow(/分析线程出错，已自动重启：out of memory/);
    expect(FakeWorker.created).toHaveLength(2);
    expect(FakeWorker.created[0]!.terminated).toBe(true);
    await expect(client.request('analyze', analyze)).resolves.toBe('analyzed');
    expect(FakeWorker.created[1]!.loaded).toBe(true);
    expect(client.crashes).toBe(1);
  });

  test('request() transfers the buffers it is given, and a restarted worker loads the replay request instead of a staged one (issue 15)', async () => {
    FakeWorker.created = [];
    const client = createAnalysisClient({ createWorker: () => new FakeWorker() as unknown as Worker });
    const bytes = new Uint8Array([1, 2, 3]);
    const staged: LoadRequest = { kind: 'files', sources: [{ role: 'communities', file: 'a.geojson', staged: 'batch-1' }] };
    const replay: LoadRequest = { kind: 'files', sources: [{ role: 'communities', file: 'a.geojson', parts: [{ name: 'a.geojson', bytes }] }] };
    await client.request('load', staged, { replay, transfer: [bytes.buffer] });
    expect(FakeWorker.created[0]!.received[0]!.transfer).toEqual([bytes.buffer]);
    FakeWorker.created[0]!.crashOn = 'analyze';
    await expect(client.request('analyze', analyze)).rejects.toThrow(/已自动重启/);
    await client.request('analyze', analyze);
    expect(FakeWorker.created[1]!.received[0]!.message).toMatchObject({ type: 'load', payload: replay });
  });

  test('falls back to the main thread when no worker can be created', async () => {
    const client = createAnalysisClient({ createWorker: () => null });
    expect(client.mode).toBe('main-thread');
    await expect(client.request('analyze', analyze)).rejects.toThrow('尚未加载数据');
  });

  test('on the main thread an aborted request rejects as cancelled and a later one is answered', async () => {
    const client = createAnalysisClient({ createWorker: () => null });
    await client.request('load', { kind: 'synthetic', cells: 100, seed: 2 });
    const controller = new AbortController();
    const designated = new Uint8Array(100).fill(1, 0, 2);
    const cancelled = client.request('whatIf', { designated }, { signal: controller.signal });
    controller.abort();
    await expect(cancelled).rejects.toBeInstanceOf(RequestCancelled);
    await expect(client.request('whatIf', { designated })).resolves.toMatchObject({ answer: { counts: { designated: 2 } } });
  });
});
