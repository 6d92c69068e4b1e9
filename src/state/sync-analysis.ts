/**
 * Keeps the analysis in step with the plan: every change of the designated set asks the worker
 * for the fast what-if (clusters, rings, approximate bridges), then for the overlay geometry and
 * the exact bridge plan. Answers for an outdated plan are dropped.
 */
import type { AnalysisClient } from '../worker/client.ts';
import { selectBaseline } from './selectors.ts';
import { dispatch, type AppStore } from './store.ts';
import { analysisFailed, analysisReady, baselineReady, geometryReady } from './updaters.ts';

export function syncAnalysis(store: AppStore, client: AnalysisClient): () => void {
  let generation = 0;

  const run = (selected: Uint8Array) => {
    const current = ++generation;
    const started = performance.now();
    const zoneWidthMeters = store.getState().data!.dataset.config.zoneWidthMeters;
    client
      .request('analyze', { selected })
      .then((result) => {
        if (current !== generation) return;
        dispatch(store, analysisReady, result, performance.now() - started);
        return client.request('geometry', { selected, zoneWidthMeters }).then((geometry) => {
          if (current === generation) dispatch(store, geometryReady, geometry, selected);
        });
      })
      .catch((error: unknown) => {
        if (current === generation) dispatch(store, analysisFailed, `连线成片分析失败：${(error as Error).message}`);
      });
  };

  const runBaseline = () => {
    const state = store.getState();
    client.request('analyze', { selected: selectBaseline(state) }).then(
      (result) => {
        if (store.getState().data === state.data) dispatch(store, baselineReady, result);
      },
      () => undefined,
    );
  };

  return store.subscribe((state, previous) => {
    if (state.dataStatus !== 'ready' || !state.data) return;
    if (state.data !== previous.data) {
      runBaseline();
      run(state.plan.selected);
    } else if (state.plan.selected !== previous.plan.selected) {
      run(state.plan.selected);
    }
  });
}
