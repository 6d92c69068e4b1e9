import { describe, expect, test } from 'vitest';
import { planImported, projectApplied, setExportSettings } from '../../src/state/import-updaters.ts';
import { ROLES, type Role } from '../../src/api/roles.ts';
import { ROLE_PERMISSIONS } from '../../src/server/auth/permissions.ts';
import { canEdit, canEditStatus, EDITS, TARGET_PERMISSION, type EditAction } from '../../src/state/permissions.ts';
import { STANDALONE, type ServerState } from '../../src/state/server-state.ts';
import { demoRestored, thisTabKept } from '../../src/state/storage-updaters.ts';
import { adoptProposal, clearGoal, openScenario, setPlanTheme, toggleGoalCluster } from '../../src/state/plan-updaters.ts';
import { initialState, type AppState } from '../../src/state/store.ts';
import { dataLoaded, deleteScenario, importScenarios, mapClicked, redo, replacePlan, resetPlan, saveScenario, setDesignation, toggleDesignation, undo } from '../../src/state/updaters.ts';
import type { AnalyzeResult, BestSetResult } from '../../src/worker/protocol.ts';
import { apply, loaded, loadResult } from '../support/plan-state.ts';

const NOW = '2002-05-24T00:00:00Z';

/** The fields an edit may change: a refused edit leaves every one of them as it was. */
const EDITED: (keyof AppState)[] = ['plan', 'scenarios', 'project', 'data', 'planThemes', 'goal', 'source'];

/**
 * A planning state in which every edit has something to change: a plan with one step to undo and
 * one to redo, a saved scenario, a goal, an analysis with two clusters and a 自动推荐 answer.
 */
function editable(): AppState {
  const planned = apply(loaded(), (s) => toggleDesignation(s, 1), (s) => toggleDesignation(s, 3), (s) => undo(s));
  return {
    ...planned,
    designating: true,
    scenarios: [{ name: '方案一', savedAt: NOW, codes: ['B', 'D'] }],
    goal: [0],
    analysis: { report: { clusters: [{ id: 0, members: [0, 1] }, { id: 1, members: [2] }], clusterOf: Int32Array.of(0, 0, 1, -1, -1) } } as unknown as AnalyzeResult,
    bestSet: { status: 'done', request: { size: 2 }, result: { members: [3, 4] } as unknown as BestSetResult, error: null, shown: true },
  } as AppState;
}

/** One call per edit updater, each one that changes the editable state. */
const CASES: Record<EditAction, (state: AppState) => Partial<AppState>> = {
  setDesignation: (s) => setDesignation(s, [4], 1, '设为示范社区：社区E'),
  toggleDesignation: (s) => toggleDesignation(s, 4),
  mapClicked: (s) => mapClicked(s, 4),
  undo: (s) => undo(s),
  redo: (s) => redo(s),
  replacePlan: (s) => replacePlan(s, ['E'], '打开方案'),
  resetPlan: (s) => resetPlan(s),
  openScenario: (s) => openScenario(s, '方案一'),
  setPlanTheme: (s) => setPlanTheme(s, 'B', 'humanist'),
  toggleGoalCluster: (s) => toggleGoalCluster(s, 1),
  clearGoal: (s) => clearGoal(s),
  saveScenario: (s) => saveScenario(s, '方案二', NOW),
  deleteScenario: (s) => deleteScenario(s, '方案一'),
  adoptProposal: (s) => adoptProposal(s, '自动推荐', NOW),
  importScenarios: (s) => importScenarios(s, [{ name: '方案一', savedAt: NOW, codes: ['E'] }]),
  planImported: (s) => planImported(s, { ...s.project, planCodes: ['E'] }, '导入方案：plan.csv'),
  projectApplied: (s) => projectApplied(s, { ...s.project, updatedAt: NOW }, loadResult()),
  setExportSettings: (s) => setExportSettings(s, { footer: '审图号' }, NOW),
  demoRestored: (s) => demoRestored(s, NOW),
  thisTabKept: (s) => thisTabKept(s, NOW),
};

/** The edited fields `change` would change in `state`. */
function changedFields(state: AppState, change: Partial<AppState>): (keyof AppState)[] {
  return EDITED.filter((key) => key in change && change[key] !== state[key] && JSON.stringify(change[key]) !== JSON.stringify(state[key]));
}

describe('permissions: edits are refused in the updaters (issue 15)', () => {
  test('every edit updater in EDITS has a case here', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(EDITS).sort());
  });

  test.each(Object.keys(CASES) as EditAction[])('%s() edits an editable planning state', (action) => {
    const state = editable();
    expect(changedFields(state, CASES[action](state))).not.toEqual([]);
  });

  test.each(Object.keys(CASES) as EditAction[])('%s() changes nothing of the plan, scenarios, project or data in a read-only link', (action) => {
    const state = { ...editable(), readOnly: true };
    expect(canEdit(state, action)).toBe(false);
    expect(changedFields(state, CASES[action](state))).toEqual([]);
  });

  test('mapClicked() designates only in planning mode; elsewhere, and read-only, it selects', () => {
    const viewing = { ...editable(), designating: false };
    expect(mapClicked(viewing, 4)).toEqual({ selected: 4 });
    expect(mapClicked({ ...editable(), readOnly: true }, 4)).toEqual({ selected: 4 });
    expect(mapClicked(editable(), 4).plan?.designated[4]).toBe(1);
  });

  test('canEdit() allows every edit outside read-only, planning-only edits only in planning mode', () => {
    for (const action of Object.keys(EDITS) as EditAction[]) {
      expect(canEdit({ readOnly: false, designating: true, server: STANDALONE }, action)).toBe(true);
      expect(canEdit({ readOnly: false, designating: false, server: STANDALONE }, action)).toBe(!('designatingOnly' in EDITS[action]));
    }
  });

  test('a read-only link still shows the plan it carries (applying a link is not an edit)', () => {
    const linked = apply({ ...initialState(), readOnly: true, pendingIntent: { planCodes: ['B', 'E'] } }, (s) => dataLoaded(s, loadResult()));
    expect(Array.from(linked.plan.designated)).toEqual([0, 1, 0, 0, 1]);
  });
});

/** 服务器模式 signed in as `role` with `scope` (null = an anonymous visitor of a public-read campaign). */
function signedIn(role: Role | null, scope: string[] = []): ServerState {
  return { ...STANDALONE, mode: 'server', me: role ? { username: `${role}1`, role, scope } : null, campaign: { id: 'c1', title: '测试活动' }, plan: { codes: null, version: 1 } };
}

/** Every community of the test data is in street S1 (社区A–E); X is in street S2. */
const IN_STREET = { code: 'B', streetCode: 'S1' };
const OTHER_STREET = { code: 'X', streetCode: 'S2' };

describe('roles in the updaters (issue 19)', () => {
  const pairs = ROLES.flatMap((role) => (Object.keys(CASES) as EditAction[]).map((action) => [role, action] as const));

  test.each(pairs)('a signed-in %s: %s() changes the plan, scenarios, settings or data only for the admin', (role, action) => {
    const state = { ...editable(), server: signedIn(role, role === 'street' ? ['S1'] : role === 'instructor' ? ['B'] : []) };
    const change = CASES[action](state);
    if (role === 'admin') {
      expect(canEdit(state, action)).toBe(true);
      expect(changedFields(state, change)).not.toEqual([]);
    } else {
      expect(canEdit(state, action)).toBe(false);
      expect(changedFields(state, change)).toEqual([]);
    }
  });

  test.each(Object.keys(CASES) as EditAction[])('an anonymous visitor of a public campaign: %s() changes nothing', (action) => {
    const state = { ...editable(), server: signedIn(null) };
    expect(canEdit(state, action)).toBe(false);
    expect(changedFields(state, CASES[action](state))).toEqual([]);
  });

  test("canEdit() reads the server's role table: a role's edit is allowed exactly when the table grants the target's permission", () => {
    const state = editable();
    for (const role of ROLES)
      for (const action of Object.keys(EDITS) as EditAction[]) {
        const granted = ROLE_PERMISSIONS[role][TARGET_PERMISSION[EDITS[action].target]] !== undefined;
        expect(canEdit({ ...state, server: signedIn(role) }, action), `${role} ${action}`).toBe(granted);
      }
  });

  test("a leader's map click in planning mode selects the community and designates nothing", () => {
    const state = { ...editable(), server: signedIn('leader') };
    expect(mapClicked(state, 4)).toEqual({ selected: 4 });
  });

  test('canEditStatus(): the admin edits every status row, a street office only its own street, every other role none', () => {
    const expected: Record<Role, [inside: boolean, outside: boolean]> = {
      admin: [true, true],
      street: [true, false],
      inspector: [false, false],
      instructor: [false, false],
      department: [false, false],
      leader: [false, false],
    };
    for (const role of ROLES) {
      // Each scoped role is scoped to street S1 (or its community B): inside = B, outside = X.
      const state = { readOnly: false, server: signedIn(role, role === 'instructor' ? ['B'] : role === 'department' ? ['d1'] : ['S1']) };
      expect([canEditStatus(state, IN_STREET), canEditStatus(state, OTHER_STREET)], role).toEqual(expected[role]);
    }
  });

  test('canEditStatus(): a street office scoped by a district code covers the communities whose code starts with it', () => {
    const state = { readOnly: false, server: signedIn('street', ['330302']) };
    expect(canEditStatus(state, { code: '330302001001', streetCode: '330302001' })).toBe(true);
    expect(canEditStatus(state, { code: '330303001001', streetCode: '330303001' })).toBe(false);
  });

  test('canEditStatus(): no status edits in a read-only link, for an anonymous visitor, in 单机模式 or for a community not in the data', () => {
    expect(canEditStatus({ readOnly: true, server: signedIn('admin') }, IN_STREET)).toBe(false);
    expect(canEditStatus({ readOnly: false, server: signedIn(null) }, IN_STREET)).toBe(false);
    expect(canEditStatus({ readOnly: false, server: STANDALONE }, IN_STREET)).toBe(false);
    expect(canEditStatus({ readOnly: false, server: signedIn('street', ['S1']) }, undefined)).toBe(false);
    expect(canEditStatus({ readOnly: false, server: signedIn('admin') }, undefined)).toBe(true);
  });
});
