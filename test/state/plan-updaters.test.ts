import { describe, expect, test } from 'vitest';
import { projectSnapshot } from '../../src/state/import-updaters.ts';
import { migrateProject } from '../../src/state/project.ts';
import { adoptProposal, cancelBestSet, openScenario, selectGoalClusters, setPlanTheme, startBestSet, toggleGoalCluster } from '../../src/state/plan-updaters.ts';
import { selectPlannedThemes } from '../../src/state/selectors.ts';
import { initialState } from '../../src/state/store.ts';
import { dataLoaded, hashChanged, saveScenario, toggleDesignation } from '../../src/state/updaters.ts';
import { readHash, writeHash } from '../../src/state/hash-intent.ts';
import type { AnalyzeResult, BestSetResult } from '../../src/worker/protocol.ts';
import { apply, loaded, loadResult } from '../support/plan-state.ts';


/** An analysis whose clusters are [A] (id 0) and [C] (id 1). */
const analysis = { report: { clusters: [{ id: 0, members: [0] }, { id: 1, members: [2] }], clusterOf: Int32Array.of(0, -1, 1, -1, -1) } } as unknown as AnalyzeResult;

describe('planning updaters (issue 11)', () => {
  test('toggleGoalCluster() adds a cluster by one of its members and removes it again', () => {
    const state = { ...loaded(), analysis };
    const both = apply(state, (s) => toggleGoalCluster(s, 0), (s) => toggleGoalCluster(s, 1));
    expect(both.goal).toEqual([0, 2]);
    expect(selectGoalClusters(both)).toEqual([0, 1]);
    expect(selectGoalClusters(apply(both, (s) => toggleGoalCluster(s, 0)))).toEqual([1]);
  });

  test('selectGoalClusters() drops a chosen member once it is no longer designated', () => {
    const state = { ...loaded(), analysis: { ...analysis, report: { ...analysis.report, clusterOf: Int32Array.of(-1, -1, 1, -1, -1) } } as AnalyzeResult, goal: [0, 2] };
    expect(selectGoalClusters(state)).toEqual([1]);
  });

  test('a theme given to a planned addition is kept in saved scenarios and the link, and restored on opening', () => {
    const planned = apply(loaded(), (s) => toggleDesignation(s, 1), (s) => setPlanTheme(s, 'B', 'humanist'), (s) => setPlanTheme(s, 'A', 'western'));
    // A is in the status table already: only additions carry a planned theme.
    expect(selectPlannedThemes(planned)).toEqual({ B: 'humanist' });
    const saved = apply(planned, (s) => saveScenario(s, '方案一', '2002-05-24T00:00:00Z'));
    expect(saved.scenarios[0]).toMatchObject({ name: '方案一', themes: { B: 'humanist' } });
    // Saved with the project (IndexedDB keeps this object) and read back with the themes.
    expect(migrateProject(structuredClone(projectSnapshot(saved, '2002-05-24T00:00:00Z')))?.scenarios).toEqual(saved.scenarios);
    const hash = writeHash(saved);
    expect(decodeURIComponent(hash)).toContain('themes=B:humanist');
    expect(hashChanged(initialState(), readHash(hash)).planThemes).toEqual({ B: 'humanist' });
    const reopened = apply({ ...saved, planThemes: {} }, (s) => setPlanTheme(s, 'B', null), (s) => openScenario(s, '方案一'));
    expect(reopened.planThemes).toEqual({ B: 'humanist' });
  });

  test('the goal travels in the link as codes and comes back as members once the data is loaded', () => {
    const state = { ...loaded(), goal: [0, 2] };
    const hash = writeHash(state);
    expect(decodeURIComponent(hash)).toContain('goal=A,C');
    const reopened = apply(initialState(), (s) => hashChanged(s, readHash(hash)), (s) => dataLoaded(s, loadResult()));
    expect(reopened.goal).toEqual([0, 2]);
  });

  test('the 自动推荐 search is started, cancelled and its answer saved as a scenario', () => {
    const running = apply(loaded(), (s) => startBestSet(s, { size: 2, must: [0] }));
    expect(running.bestSet.status).toBe('running');
    expect(apply(running, cancelBestSet).bestSet.cancelRequested).toBe(true);
    const result = { members: [0, 1], objective: 20, optimal: true, bound: 20, contiguous: true, feasible: true, branches: 3, size: 2, cancelled: false, elapsedMs: 1 } as BestSetResult;
    const done = { ...running, bestSet: { ...running.bestSet, status: 'done' as const, result } };
    expect(apply(done, (s) => adoptProposal(s, '自动推荐 2 个', '2002-05-24T00:00:00Z')).scenarios).toEqual([{ name: '自动推荐 2 个', savedAt: '2002-05-24T00:00:00Z', codes: ['A', 'B'] }]);
  });
});
