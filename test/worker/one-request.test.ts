/**
 * Issue 15, done when: one designation click is one worker request (plus a cancel when a newer
 * click supersedes it), and the map's inputs (analysis and bridges, which become its sources)
 * change once per answer. Drives the real store, sync module, client, worker-side dispatch
 * (serve.ts) and session in Node; only the Worker transport is a stand-in that records messages.
 */
import { describe, expect, test } from 'vitest';
import { createAnalysisClient } from '../../src/worker/client.ts';
import type { ResponseMessage, WorkerInbound } from '../../src/worker/protocol.ts';
import { serveSession } from '../../src/worker/serve.ts';
import { createAnalysisSession } from '../../src/worker/session.ts';
import { syncAnalysis } from '../../src/app/effects/sync-analysis.ts';
import { createAppStore, dispatch, initialState, type AppState } from '../../src/state/store.ts';
import { dataLoaded, toggleDesignation } from '../../src/state/updaters.ts';
import { selectAnswerPending } from '../../src/state/selectors.ts';

type Listener = (event: { data: ResponseMessage }) => void;

/** A Worker whose far side is the real worker dispatch over a real session; it logs what the page posts. */
class RecordingWorker {
  readonly posted: WorkerInbound[] = [];
  private listeners: Listener[] = [];
  private readonly handle = serveSession(createAnalysisSession(), (message) => setTimeout(() => this.listeners.forEach((listener) => listener({ data: message })), 0));

  addEventListener(type: string, listener: Listener) {
    if (type === 'message') this.listeners.push(listener);
  }

  postMessage(message: WorkerInbound) {
    this.posted.push(message);
    // Structured clone across the boundary, delivered as a separate task like a real worker.
    const copy = structuredClone(message);
    setTimeout(() => this.handle(copy), 0);
  }

  terminate() {}
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await settle();
  expect(condition()).toBe(true);
};
const kinds = (messages: readonly WorkerInbound[]) => messages.map((message) => ('cancel' in message ? `cancel ${message.cancel}` : message.type));

async function setup() {
  const worker = new RecordingWorker();
  const client = createAnalysisClient({ createWorker: () => worker as unknown as Worker });
  const store = createAppStore(initialState());
  syncAnalysis(store, client);
  const data = await client.request('load', { kind: 'synthetic', cells: 400, seed: 3 });
  dispatch(store, dataLoaded, data);
  await until(() => !selectAnswerPending(store.getState()) && store.getState().baselineAnalysis !== null);
  // Map inputs: each change of the analysis or the bridge answer re-sets the map's sources.
  const mapInputs: Pick<AppState, 'analysis' | 'bridges'>[] = [];
  store.subscribe((state, previous) => {
    if (state.analysis !== previous.analysis || state.bridges !== previous.bridges) mapInputs.push({ analysis: state.analysis, bridges: state.bridges });
  });
  worker.posted.length = 0;
  const undesignated = () => store.getState().plan.designated.findIndex((value) => value === 0);
  return { worker, store, mapInputs, undesignated };
}

describe('one designation click, one request (issue 15)', () => {
  test('a click sends one whatIf request; its answer changes the map inputs once and completes the report', async () => {
    const { worker, store, mapInputs, undesignated } = await setup();
    const before = store.getState().analysisVersion;
    dispatch(store, toggleDesignation, undesignated());
    expect(selectAnswerPending(store.getState())).toBe(true);
    await until(() => !selectAnswerPending(store.getState()));
    await settle();
    expect(kinds(worker.posted)).toEqual(['whatIf']);
    expect(store.getState().analysisVersion).toBe(before + 1);
    expect(mapInputs).toHaveLength(1);
    // The answer is complete: the exact part (target, routes) belongs to the clicked plan.
    expect(store.getState().planAnswer?.designated).toBe(store.getState().plan.designated);
    expect(store.getState().analysis?.counts.designated).toBe(store.getState().plan.designated.reduce((sum, value) => sum + value, 0));
  });

  test('a second click before the answer cancels the first in the worker: two requests, one cancel, one answer applied', async () => {
    const { worker, store, mapInputs, undesignated } = await setup();
    const before = store.getState().analysisVersion;
    dispatch(store, toggleDesignation, undesignated());
    dispatch(store, toggleDesignation, undesignated());
    await until(() => !selectAnswerPending(store.getState()));
    await settle();
    const first = worker.posted[0] as { id: number };
    expect(kinds(worker.posted)).toEqual(['whatIf', `cancel ${first.id}`, 'whatIf']);
    expect(store.getState().analysisVersion).toBe(before + 1);
    expect(mapInputs).toHaveLength(1);
    expect(store.getState().planAnswer?.designated).toBe(store.getState().plan.designated);
  });

  test('the session drops a cancelled request between its phases and never answers it', async () => {
    const session = createAnalysisSession();
    const answers: ResponseMessage[] = [];
    // Final answers only (progress messages of the load are not answers).
    const handle = serveSession(session, (message) => 'progress' in message || answers.push(message));
    handle({ id: 1, type: 'load', payload: { kind: 'synthetic', cells: 100, seed: 2 } });
    await until(() => answers.length === 1);
    const designated = new Uint8Array(100);
    designated[0] = 1;
    handle({ id: 2, type: 'whatIf', payload: { designated } });
    handle({ cancel: 2 });
    await settle();
    handle({ id: 3, type: 'whatIf', payload: { designated } });
    await until(() => answers.some((answer) => answer.id === 3));
    await settle();
    expect(answers.map((answer) => answer.id)).toEqual([1, 3]);
  });

  test('the session lets the latest what-if win: a newer request stops the one under way', async () => {
    const answers: ResponseMessage[] = [];
    const handle = serveSession(createAnalysisSession(), (message) => 'progress' in message || answers.push(message));
    handle({ id: 1, type: 'load', payload: { kind: 'synthetic', cells: 100, seed: 2 } });
    await until(() => answers.length === 1);
    handle({ id: 2, type: 'whatIf', payload: { designated: new Uint8Array(100).fill(1, 0, 3) } });
    handle({ id: 3, type: 'whatIf', payload: { designated: new Uint8Array(100).fill(1, 0, 4) } });
    await until(() => answers.some((answer) => answer.id === 3));
    await settle();
    expect(answers.map((answer) => answer.id)).toEqual([1, 3]);
    expect((answers[1] as { result: { answer: { counts: { designated: number } } } }).result.answer.counts.designated).toBe(4);
  });
});
