import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { BridgeSolution } from '../../src/core/index.ts';
import { selectAnswerPending, selectBridges, selectPlanAnswer } from '../../src/state/selectors.ts';
import { initialState, type AppState } from '../../src/state/store.ts';
import { analysisReady, dataLoaded, hashChanged, redo, replacePlan, resetPlan, saveScenario, selectStreet, setActiveView, setAsOf, setDesignation, setMapState, toggleDesignation, undo } from '../../src/state/updaters.ts';
import { readHash } from '../../src/state/hash-intent.ts';
import type { WhatIfResult } from '../../src/worker/protocol.ts';
import { apply, loaded, loadResult } from '../support/plan-state.ts';

const codesOf = (state: AppState) => [...state.plan.designated].flatMap((value, i) => (value ? ['ABCDE'[i]] : []));

describe('plan updaters', () => {
  test('dataLoaded() starts the plan from the status table', () => {
    expect(codesOf(loaded())).toEqual(['A', 'C']);
  });

  test('dataLoaded() applies a link\'s plan and selection once the data is there', () => {
    const state = apply({ ...initialState(), pendingIntent: { planCodes: ['B', 'E', 'X'], selectedCode: 'D' } }, (current) => dataLoaded(current, loadResult()));
    expect(codesOf(state)).toEqual(['B', 'E']);
    expect(state.selected).toBe(3);
    expect(state.pendingIntent).toBeNull();
    expect(state.linkNotice).toBe('链接中的示范社区编码不在数据中，已忽略：X');
    // One undo goes back to the status table's designations.
    expect(codesOf(apply(state, undo))).toEqual(['A', 'C']);
  });

  test('toggleDesignation() then undo() then redo() walks the history', () => {
    const toggled = apply(loaded(), (state) => toggleDesignation(state, 1));
    expect(codesOf(toggled)).toEqual(['A', 'B', 'C']);
    expect(toggled.plan.past.at(-1)?.label).toBe('设为示范社区：社区B');
    const undone = apply(toggled, undo);
    expect(codesOf(undone)).toEqual(['A', 'C']);
    expect(codesOf(apply(undone, redo))).toEqual(['A', 'B', 'C']);
  });

  test('a new edit after undo clears the redo stack', () => {
    const state = apply(loaded(), (s) => toggleDesignation(s, 1), undo, (s) => toggleDesignation(s, 3));
    expect(state.plan.future).toEqual([]);
    expect(apply(state, redo)).toEqual(state);
  });

  test('setDesignation() records only real changes and ignores a no-op', () => {
    const state = loaded();
    expect(setDesignation(state, [0, 2], 1, '无变化')).toEqual({});
    const changed = apply(state, (s) => setDesignation(s, [0, 1, 3], 1, '采纳建议'));
    expect(changed.plan.past.at(-1)).toEqual({ on: [1, 3], off: [], label: '采纳建议' });
  });

  test('replacePlan() is one undoable step that one undo restores exactly and redo repeats', () => {
    const before = loaded();
    const state = apply(before, (s) => replacePlan(s, ['B', 'C', 'D'], '打开方案'));
    expect(codesOf(state)).toEqual(['B', 'C', 'D']);
    expect(state.plan.past).toHaveLength(before.plan.past.length + 1);
    const undone = apply(state, undo);
    expect(codesOf(undone)).toEqual(['A', 'C']);
    expect(undone.plan.past).toEqual(before.plan.past);
    expect(codesOf(apply(undone, redo))).toEqual(['B', 'C', 'D']);
  });

  test('replacePlan() then undo restores any plan exactly, for any two code sets', () => {
    const subset = fc.subarray(['A', 'B', 'C', 'D', 'E']);
    fc.assert(
      fc.property(subset, subset, (first, second) => {
        const start = apply(loaded(), (s) => replacePlan(s, first, '一'));
        // Replacing a plan by itself is no step at all (tested above as a no-op).
        fc.pre(codesOf(start).join() !== second.join());
        const replaced = apply(start, (s) => replacePlan(s, second, '二'));
        expect(codesOf(replaced)).toEqual(second);
        expect(codesOf(apply(replaced, undo))).toEqual(codesOf(start));
      }),
    );
  });

  test('resetPlan() returns to the status table designations', () => {
    expect(codesOf(apply(loaded(), (s) => toggleDesignation(s, 4), (s) => toggleDesignation(s, 0), resetPlan))).toEqual(['A', 'C']);
  });

  test('saveScenario() stores the codes and overwrites a scenario of the same name', () => {
    const first = apply(loaded(), (s) => saveScenario(s, ' 方案一 ', '2002-05-01T00:00:00Z'));
    expect(first.scenarios).toEqual([{ name: '方案一', savedAt: '2002-05-01T00:00:00Z', codes: ['A', 'C'] }]);
    const second = apply(first, (s) => toggleDesignation(s, 1), (s) => saveScenario(s, '方案一', '2002-05-02T00:00:00Z'));
    expect(second.scenarios).toEqual([{ name: '方案一', savedAt: '2002-05-02T00:00:00Z', codes: ['A', 'B', 'C'] }]);
    expect(saveScenario(second, '   ', 'x')).toEqual({});
  });
});

test('setMapState() keeps an error visible when the map later reports idle', () => {
  const failed = { ...initialState(), ...setMapState(initialState(), 'error', '数据加载失败') };
  expect(failed.mapError).toBe('数据加载失败');
  expect(setMapState(failed, 'idle')).toEqual({});
});

test('setMapState() gives a default Chinese message when an error has none', () => {
  expect(setMapState(initialState(), 'error').mapError).toBe('地图加载失败');
});

describe('links with unknown parts', () => {
  const linked = (intent: AppState['pendingIntent']) => apply({ ...initialState(), pendingIntent: intent }, (state) => dataLoaded(state, loadResult()));

  test('dataLoaded() keeps the known codes of a link and names every unknown one', () => {
    const state = linked({ planCodes: ['B', 'nope', 'D', 'gone'] });
    expect(codesOf(state)).toEqual(['B', 'D']);
    expect(state.linkNotice).toContain('nope、gone');
  });

  test('dataLoaded() keeps the status table plan, and says so, when no code of a link is known', () => {
    const state = linked({ planCodes: ['X', 'Y'] });
    expect(codesOf(state)).toEqual(['A', 'C']);
    expect(state.plan.past).toEqual([]);
    expect(state.linkNotice).toMatch(/X、Y.*显示现状名单/);
  });

  test('dataLoaded() names an unknown selected code and selects nothing', () => {
    const state = linked({ selectedCode: 'Q' });
    expect(state.selected).toBeNull();
    expect(state.linkNotice).toContain('Q');
  });

  test('a link with only known parts leaves no notice', () => {
    expect(linked({ planCodes: ['B'], selectedCode: 'A' }).linkNotice).toBeNull();
  });

  test('hashChanged() clears an unknown street filter and names the street', () => {
    const state = apply(loaded(), (s) => hashChanged(s, readHash('#street=%E4%B9%99%E8%A1%97%E9%81%93&level=city')));
    expect(state.filters).toMatchObject({ street: null, level: 'city' });
    expect(state.linkNotice).toBe('街道「乙街道」不在数据中，已取消街道筛选');
    const known = apply(loaded(), (s) => hashChanged(s, readHash('#street=%E7%94%B2%E8%A1%97%E9%81%93')));
    expect(known.filters.street).toBe('甲街道');
    expect(known.linkNotice).toBeNull();
  });

  test('hashChanged() clears a theme filter no community has and names it', () => {
    const state = apply(loaded(), (s) => hashChanged(s, readHash('#theme=galactic')));
    expect(state.filters.theme).toBeNull();
    expect(state.linkNotice).toBe('主题「galactic」不在数据中，已取消主题筛选');
  });

  test('hashChanged() before the data is loaded keeps the plan for later', () => {
    const state = apply(initialState(), (s) => hashChanged(s, readHash('#demo=B%2CZ&sel=E')));
    expect(state.pendingIntent).toEqual({ planCodes: ['B', 'Z'], selectedCode: 'E' });
    const later = apply(state, (s) => dataLoaded(s, loadResult()));
    expect(codesOf(later)).toEqual(['B']);
    expect(later.selected).toBe(4);
    expect(later.linkNotice).toContain('Z');
  });
});

describe('one answer per plan change', () => {
  const plan = (exact: boolean) => ({ added: exact ? [1] : [1, 3], exact, method: exact ? 'exact' : 'approximation' }) as unknown as BridgeSolution;
  const target = { target: 12, planned: 2, warnings: ['精'] };
  const result = (bridges: BridgeSolution) =>
    ({ answer: { report: {}, rings: [], bridges: plan(false), explanations: ['快'], routes: [], target: { warnings: ['快'] } }, exact: { bridges, explanations: ['精'], routes: [], target, pairs: null, join: null, goal: [], refined: bridges.exact }, elapsedMs: 1 }) as unknown as WhatIfResult;

  test('analysisReady() applies the exact part: its bridge plan and its target, with no copy in the analysis', () => {
    const state = loaded();
    const ready = apply(state, (s) => analysisReady(s, result(plan(true)), state.plan.designated, state.goal));
    expect(selectBridges(ready)).toEqual(plan(true));
    expect(ready.bridges?.explanations).toEqual(['精']);
    // The refined target is the one shown (it was dropped before issue 15).
    expect(selectPlanAnswer(ready)?.target).toEqual(target);
    for (const key of ['bridges', 'explanations', 'routes', 'target']) expect(ready.analysis).not.toHaveProperty(key);
  });

  test('selectAnswerPending() is true from a plan or goal change until its answer arrives', () => {
    const state = loaded();
    expect(selectAnswerPending(state)).toBe(true);
    const ready = apply(state, (s) => analysisReady(s, result(plan(true)), state.plan.designated, state.goal));
    expect(selectAnswerPending(ready)).toBe(false);
    const toggled = apply(ready, (s) => toggleDesignation(s, 1));
    expect(selectAnswerPending(toggled)).toBe(true);
    expect(selectAnswerPending(apply(ready, () => ({ goal: [0, 2] })))).toBe(true);
    const next = apply(toggled, (s) => analysisReady(s, result(plan(false)), toggled.plan.designated, toggled.goal));
    expect(selectAnswerPending(next)).toBe(false);
    expect(selectBridges(next)?.exact).toBe(false);
  });
});

describe('lagging view updaters (issue 9)', () => {
  test('selectStreet() selects a street and the same street again clears it; setAsOf() ignores no-ops', () => {
    const state = initialState();
    const selected = { ...state, ...selectStreet(state, 'S1') };
    expect(selected.filters.street).toBe('S1');
    expect(selectStreet(selected, 'S1')).toEqual({ filters: { ...selected.filters, street: null } });
    expect(setAsOf(state, null)).toEqual({});
    expect(setAsOf(state, '2002-03-29')).toEqual({ asOf: '2002-03-29' });
    expect(setActiveView(state, 'lagging')).toEqual({ activeView: 'lagging' });
  });
});
