/**
 * Keeps the analysis in step with the plan: every change of the designated set asks the worker
 * for the what-if (clusters, rings, overlays and the fast bridge plan, in one answer so the map
 * repaints once), then, when the core says the fast plan may be improved (`refinable`), for the
 * exact bridge plan. Answers for an outdated plan are dropped.
 */
import type { AnalysisClient } from '../../worker/client.ts';
import { selectBaseline } from '../../state/selectors.ts';
import { dispatch, type AppStore } from '../../state/store.ts';
import { analysisFailed, analysisReady, baselineReady, bridgesRefined } from '../../state/updaters.ts';

export function syncAnalysis(store: AppStore, client: AnalysisClient): () => void {
  let generation = 0;

  const run = (selected: Uint8Array) => {
    const current = ++generation;
    const started = performance.now();
    client
      .request('analyze', { selected })
      .then((result) => {
        if (current !== generation) return;
        dispatch(store, analysisReady, result, selected, performance.now() - started);
        if (!result.refinable) return;
        return client.request('refine', { selected }).then((refined) => {
          if (current === generation) dispatch(store, bridgesRefined, refined, selected);
        });
      })
      .catch((error: unknown) => {
        if (current === generation) dispatch(store, analysisFailed, `连线成片分析失败：${(error as Error).message}`);
      });
  };

  const runBaseline = () => {
    const state = store.getState();
    client.request('analyze', { selected: selectBaseline(state), overlays: false }).then(
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
