import { describe, expect, test } from 'vitest';
import { initialState, type AppState } from '../../src/state/store.ts';
import { dataLoaded, redo, replacePlan, resetPlan, saveScenario, selectStreet, setActiveView, setAsOf, setDesignation, setMapState, toggleDesignation, undo } from '../../src/state/updaters.ts';
import type { LoadResult } from '../../src/worker/protocol.ts';

/** A minimal loaded dataset: five communities, A and C designated in the status table. */
function loadResult(): LoadResult {
  const codes = ['A', 'B', 'C', 'D', 'E'];
  return {
    dataset: {
      boundaries: { features: codes.map((id, index) => ({ id, index, name: `社区${id}`, street: '甲街道', streetCode: 'S1' })) },
      status: codes.map((code) => ({ code, demo: code === 'A' || code === 'C' })),
    },
  } as unknown as LoadResult;
}

function apply(state: AppState, ...changes: ((state: AppState) => Partial<AppState>)[]): AppState {
  return changes.reduce((current, change) => ({ ...current, ...change(current) }), state);
}

const loaded = () => apply(initialState(), (state) => dataLoaded(state, loadResult()));
const codesOf = (state: AppState) => [...state.plan.selected].flatMap((value, i) => (value ? ['ABCDE'[i]] : []));

describe('plan updaters', () => {
  test('dataLoaded() starts the plan from the status table', () => {
    expect(codesOf(loaded())).toEqual(['A', 'C']);
  });

  test('dataLoaded() applies a link\'s plan and selection once the data is there', () => {
    const state = apply({ ...initialState(), pendingIntent: { planCodes: ['B', 'E', 'X'], selectedCode: 'D' } }, (current) => dataLoaded(current, loadResult()));
    expect(codesOf(state)).toEqual(['B', 'E']);
    expect(state.selected).toBe(3);
    expect(state.pendingIntent).toBeNull();
    // Undo goes back to the status table's designations.
    expect(codesOf(apply(state, undo, undo))).toEqual(['A', 'C']);
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
    expect(changed.plan.past.at(-1)?.nodes).toEqual([1, 3]);
  });

  test('replacePlan() is one undoable step that undo restores exactly', () => {
    const state = apply(loaded(), (s) => replacePlan(s, ['B', 'C', 'D'], '打开方案'));
    expect(codesOf(state)).toEqual(['B', 'C', 'D']);
    expect(codesOf(apply(state, undo, undo))).toEqual(['A', 'C']);
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
