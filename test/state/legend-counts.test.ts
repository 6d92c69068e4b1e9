import { describe, expect, test } from 'vitest';
import { statusClassCounts } from '../../src/core/index.ts';
import { selectLaggingReport, selectLegendCounts } from '../../src/state/selectors.ts';
import { initialState } from '../../src/state/store.ts';
import { dataLoaded, toggleDesignation } from '../../src/state/updaters.ts';
import { gridLoadResult } from '../support/load-result.ts';
import { apply } from '../support/plan-state.ts';

describe('selectLegendCounts()', () => {
  test('selectLegendCounts() is the core\'s count for the plan and round, the same object while they stay the same', async () => {
    const { result } = await gridLoadResult();
    const state = apply(initialState(), (s) => dataLoaded(s, result));
    const counts = selectLegendCounts(state, 'demo');
    expect(counts).toEqual(statusClassCounts('demo', { dataset: result.dataset, designated: state.plan.designated, assessments: selectLaggingReport(state)!.communities }));
    // Stable for React's store hook: another layer in between does not evict it.
    selectLegendCounts(state, 'score');
    expect(selectLegendCounts(state, 'demo')).toBe(counts);
    const toggled = apply(state, (s) => toggleDesignation(s, 4));
    expect(selectLegendCounts(toggled, 'demo').get('none')).toBe(counts.get('none')! - 1);
  });
});
