/**
 * The import as the user lives it: files in → preview (read and validated in the worker, with
 * progress) → choices edited → confirm. Confirm loads the candidate project in the worker first;
 * only when it has loaded does it become the working project, so a refused or failing import
 * leaves the project and the map exactly as they were.
 */
import type { ImportChoices, ImportInput } from '../../core/index.ts';
import type { AnalysisClient } from '../../worker/client.ts';
import { AnalysisError, errorPayload } from '../../worker/messages.ts';
import type { SourceRef } from '../../worker/protocol.ts';
import { candidateProject, importApplying, planImported, importCancelled, importFailed, importPreviewed, importProgress, importReading, projectApplied, setLoadProgress } from '../../state/import-updaters.ts';
import { projectSources, type Project } from '../../state/project.ts';
import { dispatch, type AppStore } from '../../state/store.ts';

export interface ImportFlow {
  /** Reads and previews files (replacing any previous batch). */
  open(inputs: ImportInput[]): Promise<void>;
  /** Changes one file's choices (encoding, coordinate system, kind, mapping) and previews again. */
  choose(name: string, choices: ImportChoices): Promise<void>;
  confirm(): Promise<void>;
  cancel(): void;
  /** Opens a project file's project (loaded first; the working project changes only on success). */
  openProject(project: Project): Promise<void>;
  /** Unpacks a project file in the worker (under the decompression limits); nothing changes yet. */
  readProject(input: ImportInput): Promise<Project | { error: string }>;
}

export function createImportFlow(store: AppStore, client: AnalysisClient, embedded: readonly SourceRef[], now: () => string = () => new Date().toISOString()): ImportFlow {
  let generation = 0;
  const inspect = async (inputs: ImportInput[], choices: Record<string, ImportChoices>) => {
    const current = ++generation;
    dispatch(store, importReading, inputs, choices);
    try {
      const result = await client.request('inspect', { inputs, choices }, { onProgress: (progress) => current === generation && dispatch(store, importProgress, progress) });
      if (current === generation) dispatch(store, importPreviewed, result.files);
    } catch (error) {
      if (current === generation) dispatch(store, importFailed, failure(error));
    }
  };
  const apply = async (candidate: Project) => {
    const current = ++generation;
    dispatch(store, importApplying);
    try {
      const data = await client.request('load', { kind: 'files', sources: projectSources(candidate, embedded) }, { onProgress: (progress) => dispatch(store, setLoadProgress, progress) });
      if (current === generation) dispatch(store, projectApplied, candidate, data);
    } catch (error) {
      dispatch(store, setLoadProgress, null);
      if (current === generation) dispatch(store, importFailed, failure(error));
    }
  };
  return {
    open: (inputs) => inspect(inputs, {}),
    choose: (name, choices) => {
      const state = store.getState().importState;
      return inspect(state.inputs, { ...state.choices, [name]: { ...state.choices[name], ...choices } });
    },
    async confirm() {
      const state = store.getState();
      const accepted = state.importState.previews.filter((preview) => preview.errors.length === 0 && preview.kind !== null);
      if (accepted.length === 0) return;
      const candidate = candidateProject(state, now());
      // A plan alone changes no data: it is applied as one undoable edit of the plan.
      if (accepted.every((preview) => preview.kind === 'plan')) {
        dispatch(store, planImported, candidate, `导入方案：${accepted.map((preview) => preview.name).join('、')}`);
        dispatch(store, importCancelled);
        return;
      }
      await apply(candidate);
    },
    openProject: (project) => apply(project),
    async readProject(input) {
      try {
        const read = await client.request('readProject', { name: input.name, bytes: input.bytes });
        // The worker ran migrateProject on it (ReadProjectResult says why it is typed unknown).
        return 'error' in read ? read : (read.project as Project);
      } catch (error) {
        return { error: failure(error).message };
      }
    },
    cancel() {
      generation++;
      dispatch(store, importCancelled);
    },
  };
}

function failure(error: unknown) {
  return error instanceof AnalysisError ? { message: error.message, ...(error.input ? { input: error.input } : {}) } : errorPayload(error);
}
