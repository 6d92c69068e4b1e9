/**
 * Issue 18 (the browser's large import): the lagging report of a loaded dataset is made where the
 * load runs (the worker), posted ahead of the result in a message of its own, and read by the
 * page without making it again. Drives the real dispatch (serve.ts), the worker shell's result
 * preparation and the session in Node; only the Worker transport is a stand-in.
 */
import { describe, expect, test } from 'vitest';
import { laggingReport } from '../../src/core/index.ts';
import { createAnalysisClient } from '../../src/worker/client.ts';
import { prepareResult } from '../../src/worker/prepare-result.ts';
import type { ResponseMessage, WorkerInbound } from '../../src/worker/protocol.ts';
import { serveSession } from '../../src/worker/serve.ts';
import { createAnalysisSession } from '../../src/worker/session.ts';
import { selectLaggingReport } from '../../src/state/selectors.ts';
import { initialState } from '../../src/state/store.ts';
import { dataLoaded, setAsOf } from '../../src/state/updaters.ts';
import { gridLoadResult } from '../support/load-result.ts';
import { apply } from '../support/plan-state.ts';

type Listener = (event: { data: ResponseMessage }) => void;

/** A Worker whose far side is the worker shell's dispatch over a real session; it logs what it posts back. */
class ShellWorker {
  readonly answered: ResponseMessage[] = [];
  private listeners: Listener[] = [];
  private readonly handle = serveSession(
    createAnalysisSession(),
    (message) => {
      // Structured clone across the boundary, each message delivered as a task of its own.
      const copy = structuredClone(message);
      this.answered.push(copy);
      setTimeout(() => this.listeners.forEach((listener) => listener({ data: copy })), 0);
    },
    prepareResult,
  );

  addEventListener(type: string, listener: Listener) {
    if (type === 'message') this.listeners.push(listener);
  }

  postMessage(message: WorkerInbound) {
    const copy = structuredClone(message);
    setTimeout(() => this.handle(copy), 0);
  }

  terminate() {}
}

describe('the lagging report of a load (issue 18)', () => {
  test("session load answers with the core's laggingReport(dataset) of the dataset it loaded", async () => {
    const { result } = await gridLoadResult();
    expect(result.lagging).toEqual(laggingReport(result.dataset));
    // The grid has two inspection rounds; the default report is as of the latest.
    expect(result.lagging!.round?.date).toBe('2002-05-13');
  });

  test('the worker posts the report in a message of its own before the result, and the client puts it back into the load result', async () => {
    const worker = new ShellWorker();
    const client = createAnalysisClient({ createWorker: () => worker as unknown as Worker });
    const data = await client.request('load', { kind: 'synthetic', cells: 60, seed: 7 });
    const kinds = worker.answered.map((message) => ('progress' in message ? 'progress' : 'part' in message ? `part ${message.part.key}` : 'result'));
    expect(kinds.filter((kind) => kind !== 'progress')).toEqual(['part lagging', 'result']);
    const posted = worker.answered.find((message) => 'ok' in message && message.ok) as { result: Record<string, unknown> };
    expect('lagging' in posted.result).toBe(false);
    expect(data.lagging).toEqual(laggingReport(data.dataset));
    client.dispose();
  });

  test("selectLaggingReport() answers with the load's report itself (none made on the page) until an as-of date is asked, then with the core's report as of it", async () => {
    const { result } = await gridLoadResult();
    const state = apply(initialState(), (s) => dataLoaded(s, result));
    expect(selectLaggingReport(state)).toBe(result.lagging);
    const earlier = apply(state, (s) => setAsOf(s, '2002-05-06'));
    const report = selectLaggingReport(earlier)!;
    expect(report).not.toBe(result.lagging);
    expect(report).toEqual(laggingReport(result.dataset, { asOf: '2002-05-06' }));
    expect(report.round?.date).toBe('2002-05-06');
    expect(selectLaggingReport(apply(earlier, (s) => setAsOf(s, null)))).toBe(result.lagging);
  });

  test('without the load\'s report (a result made elsewhere) the page makes it, as before', async () => {
    const { result } = await gridLoadResult();
    const { lagging: _lagging, ...bare } = result;
    const state = apply(initialState(), (s) => dataLoaded(s, bare));
    expect(selectLaggingReport(state)).toEqual(laggingReport(result.dataset));
  });
});
