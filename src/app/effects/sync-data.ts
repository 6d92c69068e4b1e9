/**
 * Loads the dataset named by `state.source` through the analysis client (in the worker) and
 * reloads when the source changes. A failed load keeps the previous data on screen and shows
 * the validation error.
 */
import { AnalysisError, errorPayload } from '../../worker/messages.ts';
import type { AnalysisClient } from '../../worker/client.ts';
import type { LoadRequest, SourceRef } from '../../worker/protocol.ts';
import { dispatch, type AppState, type AppStore } from '../../state/store.ts';
import { dataFailed, dataLoaded, dataLoading } from '../../state/updaters.ts';
import { setLoadProgress } from '../../state/import-updaters.ts';
import { projectSources, type Project } from '../../state/project.ts';

/** Seed of the synthetic mosaic (fixed, so links reproduce the same data). */
const SYNTHETIC_SEED = 20020630;

function loadRequestFor(source: AppState['source'], embedded: SourceRef[], project?: Project): LoadRequest {
  if (source.kind === 'synthetic') return { kind: 'synthetic', cells: source.cells, seed: SYNTHETIC_SEED };
  if (source.kind === 'server') return { kind: 'files', sources: source.files };
  return { kind: 'files', sources: source.kind === 'project' && project ? projectSources(project, embedded) : embedded };
}

export function syncData(store: AppStore, client: AnalysisClient, embedded: SourceRef[]): () => void {
  let generation = 0;
  const load = (source: AppState['source']) => {
    const current = ++generation;
    dispatch(store, dataLoading, source);
    const onProgress = (progress: Parameters<typeof setLoadProgress>[1]) => current === generation && dispatch(store, setLoadProgress, progress);
    client.request('load', loadRequestFor(source, embedded, store.getState().project), { onProgress }).then(
      (result) => {
        if (current === generation) dispatch(store, (state) => ({ ...dataLoaded(state, result), loadProgress: null }));
      },
      (error: unknown) => {
        if (current === generation) dispatch(store, setLoadProgress, null);
        if (current === generation) dispatch(store, dataFailed, error instanceof AnalysisError ? { message: error.message, ...(error.input ? { input: error.input } : {}) } : errorPayload(error));
      },
    );
  };
  load(store.getState().source);
  return store.subscribe((state, previous) => {
    // An applied import arrives with its data already loaded (state.data changes with the source).
    if (state.source !== previous.source && state.data === previous.data && JSON.stringify(state.source) !== JSON.stringify(previous.source)) load(state.source);
  });
}
