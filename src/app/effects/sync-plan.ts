/**
 * Runs the 自动推荐 search when the user starts or cancels it. (Routes between clusters and the
 * goal's join are part of the one what-if answer, see sync-analysis.ts.)
 */
import type { AnalysisClient } from '../../worker/client.ts';
import { bestSetDone, bestSetFailed } from '../../state/plan-updaters.ts';
import { dispatch, type AppStore } from '../../state/store.ts';

export function syncPlan(store: AppStore, client: AnalysisClient): () => void {
  return store.subscribe((state, previous) => {
    if (state.dataStatus !== 'ready' || !state.data) return;
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
