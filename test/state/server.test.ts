import { describe, expect, test } from 'vitest';
import type { SharedPlan, Role } from '../../src/api/index.ts';
import { campaignOpened, planInSync, planRolledBack, selectReadOnly, serverAllows, serverPlanChanged } from '../../src/state/server.ts';
import { STANDALONE, type CampaignDetail } from '../../src/state/server-state.ts';
import type { AppState } from '../../src/state/store.ts';
import { planCodes } from '../../src/state/selectors.ts';
import { hashChanged, select, toggleDesignation } from '../../src/state/updaters.ts';
import { readHash } from '../../src/state/hash-intent.ts';
import { apply, loaded } from '../support/plan-state.ts';

/** Campaign c1 loaded (A and C designated by the status table, the server's plan null = those), signed in as `role`. */
function inServerMode(role: Role | null = 'admin', scope: string[] = []): AppState {
  return {
    ...loaded(),
    source: { kind: 'server', campaign: 'c1', revision: 1, files: [] },
    server: { ...STANDALONE, mode: 'server', me: role ? { username: `${role}1`, role, scope } : null, campaign: { id: 'c1', title: '测试活动' }, plan: { codes: null, version: 1 } },
  };
}

const serverPlan = (codes: string[] | null, version: number): SharedPlan => ({ codes, version, updatedBy: 'admin2', updatedAt: '2002-05-02T00:00:00Z' });

describe('roles', () => {
  test('selectReadOnly() is false in 单机模式 and for the admin, true for a leader, an anonymous visitor and a street office (which edits status, not the plan)', () => {
    expect(selectReadOnly(loaded())).toBe(false);
    expect(selectReadOnly(inServerMode('admin'))).toBe(false);
    for (const role of ['leader', 'street', 'inspector', 'instructor', 'department', null] as const) expect(selectReadOnly(inServerMode(role)), String(role)).toBe(true);
  });

  test('serverAllows() lets a street office edit status only in its own street', () => {
    const street = inServerMode('street', ['S1']).server;
    expect(serverAllows(street, 'status.edit', { code: 'A', streetCode: 'S1' })).toBe(true);
    expect(serverAllows(street, 'status.edit', { code: 'X', streetCode: 'S2' })).toBe(false);
    expect(serverAllows(street, 'plan.edit')).toBe(false);
  });
});

describe('server events through the updaters', () => {
  test("serverPlanChanged() shows another user's plan as one undoable step named after them", () => {
    const state = apply(inServerMode(), (s) => serverPlanChanged(s, serverPlan(['A', 'D'], 2), 'admin2'));
    expect(planCodes(state)).toEqual(['A', 'D']);
    expect(state.plan.past.map((edit) => edit.label)).toEqual(['admin2 修改了方案']);
    expect(state.server.plan).toEqual({ codes: ['A', 'D'], version: 2 });
    expect(planInSync(state)).toBe(true);
  });

  test("serverPlanChanged() in a leader's store applies the admin's plan (unguarded: the server checked it) while the leader's own edit is refused", () => {
    const state = apply(inServerMode('leader'), (s) => serverPlanChanged(s, serverPlan(['A', 'D'], 2), 'admin2'));
    expect(planCodes(state)).toEqual(['A', 'D']);
    expect(state.plan.past.at(-1)?.label).toBe('admin2 修改了方案');
    expect(state.server.plan).toEqual({ codes: ['A', 'D'], version: 2 });
    expect(toggleDesignation(state, 1)).toEqual({});
  });

  test('serverPlanChanged() ignores a version already known (an echo of the own write)', () => {
    const state = inServerMode();
    expect(serverPlanChanged(state, serverPlan(['A', 'D'], 1), 'admin')).toEqual({});
  });

  test('serverPlanChanged() leaves an unsent local edit alone (its write meets the newer version and shows both)', () => {
    const edited = apply(inServerMode(), (s) => toggleDesignation(s, 1));
    expect(planInSync(edited)).toBe(false);
    expect(serverPlanChanged(edited, serverPlan(['E'], 2), 'admin2')).toEqual({});
  });

  test('serverPlanChanged() with a null plan goes back to the status table designations', () => {
    const state = apply(inServerMode(), (s) => ({ server: { ...s.server, plan: { codes: ['B'], version: 2 } }, plan: { ...s.plan, designated: Uint8Array.from([0, 1, 0, 0, 0]) } }), (s) => serverPlanChanged(s, serverPlan(null, 3), 'admin2'));
    expect(planCodes(state)).toEqual(['A', 'C']);
  });

  test('planRolledBack() restores the server plan without undo history and says why', () => {
    // The admin's edits the server refused (its role was lowered there since sign-in).
    const state = apply(inServerMode('admin'), (s) => toggleDesignation(s, 1), (s) => toggleDesignation(s, 3), (s) => planRolledBack(s, '方案未保存：您的角色或范围不允许此操作'));
    expect(planCodes(state)).toEqual(['A', 'C']);
    expect(state.plan.past).toEqual([]);
    expect(state.server.notice).toBe('方案未保存：您的角色或范围不允许此操作');
  });

  test('campaignOpened() moves the source to the revision, keeps the selection and asks for the server plan once loaded', () => {
    const detail: CampaignDetail = { id: 'c1', title: '测试活动', revision: 7, plan: serverPlan(['B', 'E'], 4), files: [{ role: 'status', file: 'status.csv', url: '/api/campaigns/c1/files/status?revision=7' }] };
    const state = apply(inServerMode(), (s) => select(s, 2), (s) => campaignOpened(s, detail, []));
    expect(state.source).toEqual({ kind: 'server', campaign: 'c1', revision: 7, files: [{ role: 'status', file: 'status.csv', url: '/api/campaigns/c1/files/status?revision=7' }] });
    expect(state.pendingIntent).toEqual({ planCodes: ['B', 'E'], selectedCode: 'C' });
    expect(state.server.plan).toEqual({ codes: ['B', 'E'], version: 4 });
  });

  test('campaignOpened() keeps a selection still waiting for the data (a link opened before the first load)', () => {
    const detail: CampaignDetail = { id: 'c1', title: '测试活动', revision: 3, plan: serverPlan(null, 1), files: [] };
    const state = apply(inServerMode(), () => ({ pendingIntent: { selectedCode: 'D' } }), (s) => campaignOpened(s, detail, []));
    expect(state.pendingIntent).toEqual({ selectedCode: 'D' });
  });

  test('campaignOpened() keeps an unsent local edit across a re-read', () => {
    const detail: CampaignDetail = { id: 'c1', title: '测试活动', revision: 2, plan: serverPlan(null, 1), files: [] };
    const state = apply(inServerMode(), (s) => toggleDesignation(s, 4), (s) => campaignOpened(s, detail, []));
    expect(state.pendingIntent?.planCodes).toEqual(['A', 'C', 'E']);
  });

  test('hashChanged() in 服务器模式 keeps the campaign loaded and neither sets nor resets its plan', () => {
    const edited = apply(inServerMode(), (s) => serverPlanChanged(s, serverPlan(['B'], 2), 'admin2'));
    const state = apply(edited, (s) => hashChanged(s, readHash('#sel=D')), (s) => hashChanged(s, readHash('#demo=E&sel=D')));
    expect(state.source.kind).toBe('server');
    expect(planCodes(state)).toEqual(['B']);
    expect(state.selected).toBe(3);
    expect(planInSync(state)).toBe(true);
  });
});
