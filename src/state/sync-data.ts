/**
 * Loads the dataset named by `state.source` through the analysis client (in the worker) and
 * reloads when the source changes. A failed load keeps the previous data on screen and shows
 * the validation error.
 */
import { AnalysisError, errorPayload } from '../worker/messages.ts';
import type { AnalysisClient } from '../worker/client.ts';
import type { LoadRequest, SourceRef } from '../worker/protocol.ts';
import { dispatch, type AppState, type AppStore } from './store.ts';
import { dataFailed, dataLoaded, dataLoading } from './updaters.ts';

/** Seed of the synthetic mosaic (fixed, so links reproduce the same data). */
const SYNTHETIC_SEED = 20020630;

function loadRequestFor(source: AppState['source'], embedded: SourceRef[]): LoadRequest {
  return source.kind === 'synthetic' ? { kind: 'synthetic', cells: source.cells, seed: SYNTHETIC_SEED } : { kind: 'files', sources: embedded };
}

export function syncData(store: AppStore, client: AnalysisClient, embedded: SourceRef[]): () => void {
  let generation = 0;
  const load = (source: AppState['source']) => {
    const current = ++generation;
    dispatch(store, dataLoading, source);
    client.request('load', loadRequestFor(source, embedded)).then(
      (result) => {
        if (current === generation) dispatch(store, dataLoaded, result);
      },
      (error: unknown) => {
        if (current === generation) dispatch(store, dataFailed, error instanceof AnalysisError ? { message: error.message, ...(error.input ? { input: error.input } : {}) } : errorPayload(error));
      },
    );
  };
  load(store.getState().source);
  return store.subscribe((state, previous) => {
    if (state.source !== previous.source && JSON.stringify(state.source) !== JSON.stringify(previous.source)) load(state.source);
  });
}
