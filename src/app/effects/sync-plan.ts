/**
 * Keeps the planning answers in step with the plan: routes between clusters and the join of the
 * chosen goal for every new plan or goal, and the 自动推荐 search when the user starts or
 * cancels it. Answers for an outdated plan or goal are dropped.
 */
import type { AnalysisClient } from '../../worker/client.ts';
import { bestSetDone, bestSetFailed, planReady } from '../../state/plan-updaters.ts';
import { dispatch, type AppStore } from '../../state/store.ts';

export function syncPlan(store: AppStore, client: AnalysisClient): () => void {
  let generation = 0;

  const run = (selected: Uint8Array, goal: number[]) => {
    const current = ++generation;
    client.request('plan', { selected, goalMembers: goal }).then(
      (result) => {
        if (current === generation) dispatch(store, planReady, result, selected, goal);
      },
      () => undefined,
    );
  };

  return store.subscribe((state, previous) => {
    if (state.dataStatus !== 'ready' || !state.data) return;
    if (state.data !== previous.data || state.plan.selected !== previous.plan.selected || state.goal !== previous.goal) run(state.plan.selected, state.goal);
    const search = state.bestSet;
    if (search.request !== previous.bestSet.request && search.status === 'running' && search.request) {
      const request = search.request;
      client.request('bestSet', request).then(
        (result) => {
          if (store.getState().bestSet.request === request) dispatch(store, bestSetDone, result);
        },
        (error: unknown) => {
          if (store.getState().bestSet.request === request) dispatch(store, bestSetFailed, `自动推荐失败：${(error as Error).message}`);
        },
      );
    } else if (search.status === 'running' && previous.bestSet.status === 'running' && search.cancelRequested && !previous.bestSet.cancelRequested) {
      void client.request('cancelBestSet', {});
    }
  });
}
