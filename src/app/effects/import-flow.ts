/**
 * The import as the user lives it: files in → preview (read and validated in the worker, with
 * progress) → choices edited → confirm. Confirm loads the candidate project in the worker first;
 * only when it has loaded does it become the working project, so a refused or failing import
 * leaves the project and the map exactly as they were.
 * The bytes cross to the worker once: each preview transfers them there and gets them back
 * (no copy), the worker stages what it read by batch, and confirming loads the staged files.
 */
import type { ImportChoices, ImportInput } from '../../core/index.ts';
import type { AnalysisClient } from '../../worker/client.ts';
import { AnalysisError, errorPayload } from '../../worker/messages.ts';
import type { LoadRequest, Progress, SourceRef } from '../../worker/protocol.ts';
import { candidateProject, importApplying, planImported, importCancelled, importFailed, importInputsReturned, importPreviewed, importProgress, importReading, projectApplied, setLoadProgress } from '../../state/import-updaters.ts';
import { projectSources, rememberContentHash, type Project } from '../../state/project.ts';
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
  /** The import batch: the worker stages each preview under it, so confirming parses nothing again. */
  let batches = 0;
  let batch = '';
  /** The running preview: it has the batch's bytes (transferred to the worker) until it answers. */
  let previewing: Promise<void> = Promise.resolve();
  const inspect = (inputs: () => ImportInput[], choices: Record<string, ImportChoices>) => {
    const current = ++generation;
    const previous = previewing;
    const run = (async () => {
      // A newer preview of the batch waits for the bytes to come back from the previous one.
      await previous;
      if (current !== generation) return;
      const sent = inputs();
      dispatch(store, importReading, sent, choices);
      try {
        const result = await client.request('inspect', { batch, inputs: sent, choices }, { onProgress: (progress) => current === generation && dispatch(store, importProgress, progress), transfer: transferableBuffers(sent) });
        // Hashed and stored by the worker: the project's save neither hashes nor writes these bytes.
        result.hashes?.forEach((hash, i) => result.inputs[i] && rememberContentHash(result.inputs[i].bytes, hash));
        dispatch(store, importInputsReturned, sent, result.inputs);
        if (current === generation) dispatch(store, importPreviewed, result.files);
      } catch (error) {
        if (current === generation) dispatch(store, importFailed, failure(error));
      }
    })();
    previewing = run;
    return run;
  };
  const apply = async (candidate: Project, staged: readonly ImportInput[] = []) => {
    const current = ++generation;
    dispatch(store, importApplying);
    const sources = projectSources(candidate, embedded);
    // The batch's files go by reference to the worker's staged preview: no bytes sent, nothing parsed again.
    const fromBatch = (source: SourceRef) => staged.length > 0 && source.parts !== undefined && source.parts.every((part) => staged.includes(part));
    const light = sources.map(({ parts, ...source }): SourceRef => (parts && fromBatch({ ...source, parts }) ? { ...source, staged: batch } : { ...source, ...(parts ? { parts } : {}) }));
    const full: LoadRequest = { kind: 'files', sources };
    const onProgress = (progress: Progress) => dispatch(store, setLoadProgress, progress);
    try {
      let data;
      try {
        data = await client.request('load', { kind: 'files', sources: light }, { onProgress, replay: full });
      } catch (error) {
        // The staged preview is gone (the worker restarted): send the bytes after all.
        if (!(error instanceof AnalysisError) || error.input || light.every((source) => source.staged === undefined)) throw error;
        data = await client.request('load', full, { onProgress });
      }
      if (current === generation) dispatch(store, projectApplied, candidate, data);
    } catch (error) {
      dispatch(store, setLoadProgress, null);
      if (current === generation) dispatch(store, importFailed, failure(error));
    }
  };
  return {
    open: (inputs) => {
      batch = `batch-${++batches}`;
      return inspect(() => inputs, {});
    },
    choose: (name, choices) => {
      const state = store.getState().importState;
      return inspect(() => store.getState().importState.inputs, { ...state.choices, [name]: { ...state.choices[name], ...choices } });
    },
    async confirm() {
      await previewing;
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
      await apply(candidate, state.importState.inputs);
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

/**
 * The buffers of the files' bytes that can move to the worker without a copy: each one whole
 * (a view on part of a larger buffer is copied, so the rest stays usable) and listed once.
 */
export function transferableBuffers(inputs: readonly ImportInput[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const { bytes } of inputs) {
    const buffer = bytes.buffer;
    if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength && buffer.byteLength > 0) buffers.add(buffer);
  }
  return [...buffers];
}

function failure(error: unknown) {
  return error instanceof AnalysisError ? { message: error.message, ...(error.input ? { input: error.input } : {}) } : errorPayload(error);
}
