/**
 * The effects (src/app/effects) against a fake analysis client: what each asks the worker, and
 * what it does with answers that arrive late, out of order or not at all.
 */
import { describe, expect, test } from 'vitest';
import { createImportFlow } from '../../src/app/effects/import-flow.ts';
import { migrateLocalScenarios } from '../../src/app/effects/persistence.ts';
import { syncAnalysis } from '../../src/app/effects/sync-analysis.ts';
import { syncData } from '../../src/app/effects/sync-data.ts';
import { SAVE_DELAY_MS, syncProject } from '../../src/app/effects/sync-project.ts';
import type { FilePreview } from '../../src/core/index.ts';
import { contentHash, type Project, type SavedScenario } from '../../src/state/project.ts';
import { createAppStore, dispatch, initialState, type AppState } from '../../src/state/store.ts';
import { dataLoaded, toggleDesignation } from '../../src/state/updaters.ts';
import type { SourceRef, WhatIfResult } from '../../src/worker/protocol.ts';
import { FakeClient } from '../support/fake-client.ts';
import { loadResult } from '../support/plan-state.ts';

const EMBEDDED: SourceRef[] = [{ role: 'communities', file: 'communities.geojson', url: '/communities.geojson' }];

function loadedStore(patch: Partial<AppState> = {}) {
  const start = { ...initialState(), ...patch };
  return createAppStore({ ...start, ...dataLoaded(start, loadResult()) });
}

/** A what-if answer for the tests (its report is what the store keeps). */
function answer(clusters: number): WhatIfResult {
  const bridges = { added: [], suggestions: [] };
  return {
    answer: { report: { clusters: Array.from({ length: clusters }, (_, id) => ({ id, members: [id] })), isolated: [], clusterOf: new Int32Array(5) }, names: [], bridges, explanations: [], routes: [], refinable: false },
    exact: { bridges, explanations: [], routes: [], target: { warnings: [] }, pairs: null, goal: [], join: null, refined: false },
    elapsedMs: 1,
  } as unknown as WhatIfResult;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('syncData()', () => {
  test('syncData() loads the embedded files at start and shows the data when the worker answers', async () => {
    const store = createAppStore();
    const client = new FakeClient();
    syncData(store, client, EMBEDDED);
    const [load] = client.of('load');
    expect(load!.payload).toEqual({ kind: 'files', sources: EMBEDDED });
    expect(store.getState().dataStatus).toBe('loading');
    const data = loadResult();
    await load!.answer(data);
    expect(store.getState().data).toBe(data);
    expect(store.getState().dataStatus).toBe('ready');
  });

  test('syncData() drops the answer for a source the user has left and keeps the data on a failed load', async () => {
    const store = createAppStore();
    const client = new FakeClient();
    syncData(store, client, EMBEDDED);
    dispatch(store, () => ({ source: { kind: 'synthetic', cells: 100 } }));
    const [first, second] = client.of('load');
    expect(second!.payload).toMatchObject({ kind: 'synthetic', cells: 100 });
    await first!.answer(loadResult());
    expect(store.getState().data).toBeNull();
    const data = loadResult();
    await second!.answer(data);
    expect(store.getState().data).toBe(data);
    // Back to Lucheng, and that load fails: the mosaic stays on screen with the error.
    dispatch(store, () => ({ source: { kind: 'lucheng' } }));
    await client.of('load')[2]!.fail('边界文件无法解析');
    expect(store.getState().data).toBe(data);
    expect(store.getState().dataStatus).toBe('error');
    expect(store.getState().dataError?.message).toBe('边界文件无法解析');
  });
});

describe('syncAnalysis()', () => {
  test('syncAnalysis() asks for the what-if of every new plan and keeps only the latest plan\'s answer', async () => {
    const store = createAppStore({ ...initialState(), dataStatus: 'loading' });
    const client = new FakeClient();
    syncAnalysis(store, client);
    dispatch(store, dataLoaded, loadResult());
    // The baseline (counts only, its own request) and the plan: one whatIf request per plan change.
    expect(client.of('analyze').map((request) => request.payload.overlays)).toEqual([false]);
    expect(client.of('whatIf')).toHaveLength(1);
    dispatch(store, toggleDesignation, 1);
    const [first, latest] = client.of('whatIf');
    expect(Array.from(latest!.payload.designated)).toEqual(Array.from(store.getState().plan.designated));
    // The newer change aborted the first request (the client cancels it in the worker).
    expect(first!.options?.signal?.aborted).toBe(true);
    await latest!.answer(answer(1));
    await first!.answer(answer(2));
    expect(store.getState().analysis?.report.clusters).toHaveLength(1);
    expect(store.getState().bridges?.designated).toBe(store.getState().plan.designated);
  });
});

describe('syncProject()', () => {
  test('syncProject() saves the plan once after a burst of edits, not for a synthetic mosaic', async () => {
    const store = loadedStore();
    const saves: Project[] = [];
    syncProject(store, async (project) => (saves.push(project), true));
    dispatch(store, toggleDesignation, 1);
    dispatch(store, toggleDesignation, 3);
    await wait(SAVE_DELAY_MS + 50);
    expect(saves.map((project) => project.planCodes)).toEqual([['A', 'B', 'C', 'D']]);

    const mosaic = loadedStore({ source: { kind: 'synthetic', cells: 100 } });
    const none: Project[] = [];
    syncProject(mosaic, async (project) => (none.push(project), true));
    dispatch(mosaic, toggleDesignation, 1);
    await wait(SAVE_DELAY_MS + 50);
    expect(none).toEqual([]);
  });
});

/** The first request of `type` the client was sent, waiting a few turns of the event loop for it. */
async function sent<T extends Parameters<FakeClient['of']>[0]>(client: FakeClient, type: T): Promise<ReturnType<FakeClient['of']>[number] | undefined> {
  for (let turn = 0; turn < 20 && client.of(type).length === 0; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
  return client.of(type)[0];
}

describe('createImportFlow()', () => {
  const preview = (patch: Partial<FilePreview>): FilePreview => ({ name: 'x', inputs: ['x'], kind: null, format: null, encoding: null, encodingSource: null, errors: [], warnings: [], notes: [], count: 0, ...patch });
  const input = (name: string) => ({ name, bytes: new TextEncoder().encode('code\nB\n') });

  test('confirm() loads the candidate project in the worker first; when that fails the project is as it was', async () => {
    const store = loadedStore();
    const client = new FakeClient();
    const flow = createImportFlow(store, client, EMBEDDED, () => '2002-05-24T00:00:00Z');
    const opened = flow.open([input('status.csv')]);
    // The preview is sent once the previous one has handed its bytes back (a microtask later).
    await Promise.resolve();
    const [inspect] = client.of('inspect');
    expect(inspect!.payload.inputs.map((item) => item.name)).toEqual(['status.csv']);
    await inspect!.answer({ files: [preview({ name: 'status.csv', inputs: ['status.csv'], kind: 'status', count: 5 })], inputs: inspect!.payload.inputs, elapsedMs: 1 });
    await opened;
    expect(store.getState().importState.phase).toBe('preview');
    const project = store.getState().project;
    const confirmed = flow.confirm();
    // Confirming waits for the preview's bytes to come back before it sends the load.
    const load = await sent(client, 'load');
    expect(load!.payload).toMatchObject({ kind: 'files' });
    // The first load names the staged preview; when the worker no longer has it, the bytes go once more.
    await load!.fail('导入预览已失效');
    const retry = client.of('load')[1];
    expect(retry).toBeDefined();
    await retry!.fail('状态表缺少社区代码列');
    await confirmed;
    expect(store.getState().project).toBe(project);
    expect(store.getState().importState).toMatchObject({ phase: 'preview', failure: { message: '状态表缺少社区代码列' } });
  });

  test('a preview whose worker stored the files gives the project those hashes, so its save does not hash the bytes again', async () => {
    const store = loadedStore();
    const client = new FakeClient();
    const flow = createImportFlow(store, client, EMBEDDED);
    const opened = flow.open([input('status.csv')]);
    await Promise.resolve();
    const [inspect] = client.of('inspect');
    const returned = inspect!.payload.inputs.map((item) => ({ ...item, bytes: item.bytes.slice() }));
    await inspect!.answer({ files: [preview({ name: 'status.csv', inputs: ['status.csv'], kind: 'status', count: 5 })], inputs: returned, hashes: ['a'.repeat(64)], elapsedMs: 1 });
    await opened;
    expect(store.getState().importState.inputs).toBe(returned);
    expect(await contentHash(returned[0]!.bytes)).toBe('a'.repeat(64));
  });

  test('a plan file alone becomes one undoable edit without a load, and changes nothing in a read-only link', async () => {
    for (const readOnly of [false, true]) {
      const store = loadedStore({ readOnly });
      const client = new FakeClient();
      const flow = createImportFlow(store, client, EMBEDDED);
      const opened = flow.open([input('plan.csv')]);
      await Promise.resolve();
      await client.of('inspect')[0]!.answer({ files: [preview({ name: 'plan.csv', inputs: ['plan.csv'], kind: 'plan', designated: ['B'] })], inputs: client.of('inspect')[0]!.payload.inputs, elapsedMs: 1 });
      await opened;
      const before = store.getState().plan;
      await flow.confirm();
      expect(client.of('load')).toEqual([]);
      if (readOnly) expect(store.getState().plan).toBe(before);
      else expect(store.getState().plan.past.at(-1)?.label).toBe('导入方案：plan.csv');
    }
  });
});

describe('migrateLocalScenarios()', () => {
  function storage(entries: Record<string, string>) {
    const stored = new Map(Object.entries(entries));
    return { stored, storage: { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value), removeItem: (key: string) => void stored.delete(key) } as Storage };
  }
  const scenario = (name: string, codes: string[]): SavedScenario => ({ name, savedAt: '2002-05-24T00:00:00Z', codes });

  test('migrateLocalScenarios() moves an older build\'s scenarios into the project once and forgets them after a successful save', () => {
    const { stored, storage: local } = storage({ 'lianpian.scenarios.v1': JSON.stringify([scenario('方案乙', ['B']), scenario('方案甲', ['E'])]) });
    const store = createAppStore({ ...initialState(), scenarios: [scenario('方案甲', ['A'])] });
    const saved = migrateLocalScenarios(store, local);
    // The project's 方案甲 wins over the old copy's.
    expect(store.getState().scenarios).toEqual([scenario('方案甲', ['A']), scenario('方案乙', ['B'])]);
    saved(false);
    expect(stored.has('lianpian.scenarios.v1')).toBe(true);
    saved(true);
    expect(stored.has('lianpian.scenarios.v1')).toBe(false);
  });

  test('migrateLocalScenarios() ignores a corrupt entry and does nothing without one', () => {
    const store = createAppStore({ ...initialState(), scenarios: [scenario('方案甲', ['A'])] });
    const before = store.getState().scenarios;
    migrateLocalScenarios(store, storage({ 'lianpian.scenarios.v1': '{not json' }).storage);
    migrateLocalScenarios(store, storage({}).storage);
    expect(store.getState().scenarios).toBe(before);
  });
});
