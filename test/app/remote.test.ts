import { afterEach, describe, expect, test, vi } from 'vitest';
import { connectRemote, probeServer, type RemoteFlow } from '../../src/app/effects/remote.ts';
import type { Role } from '../../src/api/index.ts';
import { STANDALONE } from '../../src/state/server-state.ts';
import { createAppStore, dispatch, type AppStore } from '../../src/state/store.ts';
import { planCodes } from '../../src/state/selectors.ts';
import { saveScenario, select, toggleDesignation, undo } from '../../src/state/updaters.ts';
import { fakeCampaignServer, type FakeCampaignServer } from '../support/fake-campaign-server.ts';
import { loaded } from '../support/plan-state.ts';

const flows: RemoteFlow[] = [];
afterEach(() => flows.splice(0).forEach((flow) => flow.dispose()));

/** A store showing campaign c1 (five communities A–E, A and C designated) and the effect connected to the fake. */
function connected(role: Role | null = 'admin'): { store: AppStore; server: FakeCampaignServer; remote: RemoteFlow } {
  const server = fakeCampaignServer(role);
  const store = createAppStore({
    ...loaded(),
    source: { kind: 'server', campaign: 'c1', revision: 1, files: [] },
    server: { ...STANDALONE, mode: 'server', me: server.user, campaign: { id: 'c1', title: '测试活动' }, plan: { codes: null, version: 1 }, revision: 1 },
  });
  const remote = connectRemote(store, { fetch: server.fetch, openEvents: server.openEvents, scenarios: [] });
  flows.push(remote);
  return { store, server, remote };
}

/** The live stream said hello (events from now on are this browser's). */
const opened = (store: AppStore) => vi.waitFor(() => expect(store.getState().server.live).toBe('open'));

const indexOf = (code: string) => ['A', 'B', 'C', 'D', 'E'].indexOf(code);

describe('probeServer()', () => {
  test('probeServer() finds 服务器模式 with the campaigns and the signed-in user', async () => {
    const server = fakeCampaignServer('leader');
    await expect(probeServer(server.fetch)).resolves.toEqual({ campaigns: [expect.objectContaining({ id: 'c1' })], me: { username: 'leader1', role: 'leader', scope: [] } });
  });

  test('probeServer() finds an anonymous visitor (401 from /api/me) still in 服务器模式', async () => {
    await expect(probeServer(fakeCampaignServer(null).fetch)).resolves.toMatchObject({ me: null });
  });

  test('probeServer() says 单机模式 (null) when a static host answers /api/campaigns with its page, a 404 or nothing', async () => {
    const page = async () => new Response('<!doctype html><html></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    const missing = async () => new Response('not found', { status: 404 });
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    for (const fetch of [page, missing, offline]) await expect(probeServer(fetch)).resolves.toBeNull();
  });
});

describe('connectRemote() writes', () => {
  test('a designation is sent as a plan write on the server version, and the new version is kept', async () => {
    const { store, server } = connected();
    dispatch(store, toggleDesignation, indexOf('B'));
    await vi.waitFor(() => expect(store.getState().server.plan).toEqual({ codes: ['A', 'B', 'C'], version: 2 }));
    expect(server.plan).toMatchObject({ codes: ['A', 'B', 'C'], version: 2, updatedBy: 'admin' });
    expect(server.requests.filter((request) => request.startsWith('PUT'))).toEqual(['PUT /api/campaigns/c1/plan']);
  });

  test('quick successive designations end with the server holding the last plan, one write at a time', async () => {
    const { store, server } = connected();
    dispatch(store, toggleDesignation, indexOf('B'));
    dispatch(store, toggleDesignation, indexOf('D'));
    dispatch(store, toggleDesignation, indexOf('A'));
    await vi.waitFor(() => expect(server.plan.codes).toEqual(['B', 'C', 'D']));
    // Own echoes did not undo the later edits.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(planCodes(store.getState())).toEqual(['B', 'C', 'D']);
    expect(store.getState().server.conflict).toBeNull();
  });

  test("a leader's designation is refused in the updater: the plan stays the server's and nothing is sent", async () => {
    const { store, server } = connected('leader');
    dispatch(store, toggleDesignation, indexOf('B'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(planCodes(store.getState())).toEqual(['A', 'C']);
    expect(store.getState().plan.past).toEqual([]);
    expect(server.requests.filter((request) => !request.startsWith('GET'))).toEqual([]);
  });

  test("a plan write the server refuses (403: the role was lowered there since sign-in) shows the Chinese message and the plan goes back to the server's", async () => {
    const { store, server } = connected('admin');
    server.user = { username: 'admin', role: 'leader', scope: [] };
    dispatch(store, toggleDesignation, indexOf('B'));
    await vi.waitFor(() => expect(store.getState().server.notice).toBe('方案未保存：您的角色或范围不允许此操作'));
    expect(planCodes(store.getState())).toEqual(['A', 'C']);
    expect(store.getState().plan.past).toEqual([]);
    expect(server.plan.version).toBe(1);
  });

  test('a plan write on a stale version (409) holds both versions; keeping mine resends on the server version', async () => {
    const { store, server } = connected();
    server.delivering = false; // the other user's change has not reached this browser yet
    server.writePlanAs('admin2', ['A', 'E']);
    dispatch(store, toggleDesignation, indexOf('B'));
    await vi.waitFor(() => expect(store.getState().server.conflict).toEqual({ kind: 'plan', mine: ['A', 'B', 'C'], theirs: expect.objectContaining({ codes: ['A', 'E'], version: 2, updatedBy: 'admin2' }) }));
    expect(planCodes(store.getState())).toEqual(['A', 'B', 'C']);
    expect(server.plan.codes).toEqual(['A', 'E']);
    const { remote } = { remote: flows[0]! };
    await remote.resolveConflict('mine');
    await vi.waitFor(() => expect(server.plan).toMatchObject({ codes: ['A', 'B', 'C'], version: 3, updatedBy: 'admin' }));
    expect(store.getState().server.conflict).toBeNull();
  });

  test('taking theirs in a plan conflict shows the server plan as one undoable step and sends nothing', async () => {
    const { store, server, remote } = connected();
    server.delivering = false;
    server.writePlanAs('admin2', ['A', 'E']);
    dispatch(store, toggleDesignation, indexOf('B'));
    await vi.waitFor(() => expect(store.getState().server.conflict).not.toBeNull());
    await remote.resolveConflict('theirs');
    expect(planCodes(store.getState())).toEqual(['A', 'E']);
    expect(store.getState().plan.past.at(-1)?.label).toBe('采用服务器上的方案');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.plan.version).toBe(2);
    expect(server.requests.filter((request) => request.startsWith('PUT'))).toHaveLength(1);
  });

  test('a status edit on a stale row opens the conflict with mine and theirs; keeping mine patches on their version, nothing lost', async () => {
    const { store, server, remote } = connected();
    const base = (await remote.readRow('B')) as { ok: true; value: ReturnType<typeof server.rows.get> & object };
    server.writeStatusAs('admin2', 'B', { responsible: '张三' });
    const answer = await remote.editStatus(base.value, { responsible: '李四' });
    expect(answer).toMatchObject({ ok: false, status: 409 });
    expect(store.getState().server.conflict).toMatchObject({ kind: 'status', code: 'B', mine: { responsible: '李四', version: 1 }, theirs: { responsible: '张三', version: 2 } });
    await remote.resolveConflict('mine');
    expect(server.rows.get('B')).toMatchObject({ responsible: '李四', version: 3 });
    expect(store.getState().server.conflict).toBeNull();
  });

  test('a street office editing outside its scope gets the 403 message, the row stays', async () => {
    const { store, server, remote } = connected('street');
    server.user = { ...server.user!, scope: ['S9'] };
    const base = (await remote.readRow('B')) as { ok: true; value: NonNullable<ReturnType<typeof server.rows.get>> };
    await expect(remote.editStatus(base.value, { responsible: '王五' })).resolves.toMatchObject({ ok: false, status: 403 });
    expect(store.getState().server.notice).toBe('修改未保存：您的角色或范围不允许此操作');
    expect(server.rows.get('B')!.version).toBe(1);
  });

  test('a street office editing a community outside its scope is refused before sending (no PATCH), with the Chinese message', async () => {
    const { store, server, remote } = connected('street');
    dispatch(store, (state) => ({ server: { ...state.server, me: { ...state.server.me!, scope: ['S9'] } } }));
    const base = (await remote.readRow('B')) as { ok: true; value: NonNullable<ReturnType<typeof server.rows.get>> };
    await expect(remote.editStatus(base.value, { responsible: '王五' })).resolves.toMatchObject({ ok: false, status: 403, error: { code: 'E_FORBIDDEN' } });
    expect(store.getState().server.notice).toBe('修改未保存：您的角色或范围不允许修改该社区的状态');
    expect(server.requests.filter((request) => request.startsWith('PATCH'))).toEqual([]);
    expect(server.rows.get('B')!.version).toBe(1);
  });

  test('a street office edits the status of a community of its own street', async () => {
    const { server, remote } = connected('street');
    const base = (await remote.readRow('B')) as { ok: true; value: NonNullable<ReturnType<typeof server.rows.get>> };
    await expect(remote.editStatus(base.value, { responsible: '王五' })).resolves.toMatchObject({ ok: true, value: { responsible: '王五', version: 2 } });
    expect(server.rows.get('B')).toMatchObject({ responsible: '王五', version: 2 });
  });

  test('a saved scenario is sent to the server; a deleted one is removed there', async () => {
    const { store, server } = connected();
    dispatch(store, toggleDesignation, indexOf('D'));
    dispatch(store, saveScenario, '方案甲', '2002-05-02T00:00:00Z');
    await vi.waitFor(() => expect(server.scenarios.map((s) => [s.name, s.codes])).toEqual([['方案甲', ['A', 'C', 'D']]]));
    dispatch(store, (state) => ({ scenarios: state.scenarios.filter((s) => s.name !== '方案甲') }));
    await vi.waitFor(() => expect(server.scenarios).toEqual([]));
  });
});

describe('connectRemote() live events', () => {
  test("a leader's dashboard applies the admin's plan change (the server checked it; the leader's own edits stay refused)", async () => {
    const { store, server } = connected('leader');
    await opened(store);
    server.writePlanAs('admin2', ['A', 'D']);
    await vi.waitFor(() => expect(planCodes(store.getState())).toEqual(['A', 'D']));
    expect(store.getState().plan.past.at(-1)?.label).toBe('admin2 修改了方案');
    expect(store.getState().server.plan).toEqual({ codes: ['A', 'D'], version: 2 });
    dispatch(store, undo);
    expect(planCodes(store.getState())).toEqual(['A', 'D']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests.filter((request) => !request.startsWith('GET'))).toEqual([]);
  });

  test("another user's plan is applied through planFromServer: one undoable step named after them, and undoing it is a write", async () => {
    const { store, server } = connected();
    await opened(store);
    server.writePlanAs('admin2', ['A', 'D']);
    await vi.waitFor(() => expect(planCodes(store.getState())).toEqual(['A', 'D']));
    expect(store.getState().plan.past.at(-1)?.label).toBe('admin2 修改了方案');
    expect(store.getState().server.plan).toEqual({ codes: ['A', 'D'], version: 2 });
    dispatch(store, undo);
    await vi.waitFor(() => expect(server.plan).toMatchObject({ codes: ['A', 'C'], version: 3, updatedBy: 'admin' }));
  });

  test('a status event re-reads the campaign: the data source moves to the new revision (the worker loads it) and the selection is kept', async () => {
    const { store, server } = connected();
    await opened(store);
    dispatch(store, select, indexOf('E'));
    server.writeStatusAs('admin2', 'E', { demo: true });
    await vi.waitFor(() => expect(store.getState().source).toMatchObject({ kind: 'server', revision: 2, files: [{ role: 'status', url: '/api/campaigns/c1/files/status?revision=2' }] }));
    expect(store.getState().pendingIntent).toEqual({ selectedCode: 'E' });
    // The re-read asks for the event's revision (the server answers once it includes it).
    expect(server.requests).toContain('GET /api/campaigns/c1?revision=2');
  });

  test('a scenario saved by another user appears in the list without being sent back', async () => {
    const { store, server } = connected();
    await opened(store);
    await server.fetch('/api/campaigns/c1/scenarios', { method: 'POST', body: JSON.stringify({ name: '他人的方案', codes: ['B'] }) });
    await vi.waitFor(() => expect(store.getState().scenarios.map((s) => s.name)).toEqual(['他人的方案']));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests.filter((request) => request.startsWith('POST'))).toHaveLength(1);
  });

  test('signing in and out updates the user and reconnects the stream', async () => {
    const { store, remote } = connected(null);
    await expect(remote.signIn('admin', 'wrong')).resolves.toBe('用户名或密码错误，或账号已停用');
    await expect(remote.signIn('admin', 'secret')).resolves.toBeNull();
    expect(store.getState().server.me).toMatchObject({ username: 'admin', role: 'admin' });
    await vi.waitFor(() => expect(store.getState().server.live).toBe('open'));
    await remote.signOut();
    expect(store.getState().server.me).toBeNull();
  });
});
