/**
 * Keeps the analysis in step with the plan: every plan change (the designated set or the goal)
 * is ONE `whatIf` request whose answer is complete (clusters, overlays, exact bridges, routes per
 * pair, the goal's join, the target), applied in one store update so the map repaints once.
 * Latest wins: a newer change aborts the request under way, which cancels it in the worker.
 * The status table's own plan (the baseline, for comparisons) is its own `analyze` request.
 */
import { RequestCancelled, type AnalysisClient } from '../../worker/client.ts';
import { selectBaseline, selectNumbering } from '../../state/selectors.ts';
import { dispatch, type AppStore } from '../../state/store.ts';
import { analysisFailed, analysisReady, baselineReady } from '../../state/updaters.ts';

export function syncAnalysis(store: AppStore, client: AnalysisClient): () => void {
  let running: AbortController | null = null;

  /** `keepNumbers`: the change is of the plan (not of the data), so surviving clusters keep their numbers. */
  const run = (designated: Uint8Array, goal: number[], keepNumbers: boolean) => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    const started = performance.now();
    const previous = keepNumbers ? selectNumbering(store.getState()) : [];
    client
      .request('whatIf', { designated, goalMembers: goal, previous }, { signal: controller.signal })
      .then((result) => {
        if (running !== controller) return;
        running = null;
        dispatch(store, analysisReady, result, designated, goal, performance.now() - started);
      })
      .catch((error: unknown) => {
        if (error instanceof RequestCancelled || running !== controller) return;
        running = null;
        dispatch(store, analysisFailed, `连线成片分析失败：${(error as Error).message}`);
      });
  };

  const runBaseline = () => {
    const state = store.getState();
    client.request('analyze', { designated: selectBaseline(state), overlays: false }).then(
      (result) => {
        if (store.getState().data === state.data) dispatch(store, baselineReady, result);
      },
      () => undefined,
    );
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.dataStatus !== 'ready' || !state.data) return;
    if (state.data !== previous.data) {
      runBaseline();
      run(state.plan.designated, state.goal, false);
    } else if (state.plan.designated !== previous.plan.designated || state.goal !== previous.goal) {
      run(state.plan.designated, state.goal, true);
    }
  });
  return () => {
    unsubscribe();
    running?.abort();
  };
}
