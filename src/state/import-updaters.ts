/** Pure state transitions of the import dialog and the working project (tested in Node). */
import type { FilePreview, ImportChoices, ImportInput } from '../core/index.ts';
import type { ErrorPayload, LoadResult, Progress } from '../worker/protocol.ts';
import { withImport, type ExportSettings, type Project } from './project.ts';
import { IDLE_IMPORT, type AppState } from './store.ts';
import { guarded } from './permissions.ts';
import { dataLoaded, replacePlan } from './updaters.ts';
import { isPlanModified, planCodes } from './selectors.ts';

export function importReading(state: AppState, inputs: ImportInput[], choices: Record<string, ImportChoices>): Partial<AppState> {
  return { importState: { ...state.importState, phase: 'reading', inputs, choices, progress: null, failure: null } };
}

export function importProgress(state: AppState, progress: Progress): Partial<AppState> {
  return { importState: { ...state.importState, progress } };
}

export function importPreviewed(state: AppState, previews: FilePreview[]): Partial<AppState> {
  return { importState: { ...state.importState, phase: 'preview', previews, progress: null } };
}

/**
 * A preview handed the batch's bytes back (they were transferred to the worker and back): they
 * replace the sent ones, which are now empty, when the dialog still holds that batch.
 */
export function importInputsReturned(state: AppState, sent: ImportInput[], returned: ImportInput[]): Partial<AppState> {
  return state.importState.inputs === sent ? { importState: { ...state.importState, inputs: returned } } : {};
}

export function importApplying(state: AppState): Partial<AppState> {
  return { importState: { ...state.importState, phase: 'applying', failure: null } };
}

/** Applying failed: the dialog shows why; the project and the data are untouched. */
export function importFailed(state: AppState, failure: ErrorPayload): Partial<AppState> {
  return { importState: { ...state.importState, phase: 'preview', failure, progress: null } };
}

export function importCancelled(): Partial<AppState> {
  return { importState: IDLE_IMPORT };
}

/** The candidate project a confirm would load (nothing changes until it has loaded). */
export function candidateProject(state: AppState, now: string): Project {
  const { previews, inputs, choices } = state.importState;
  // The scenarios in memory are the current ones (the project's copy is the last saved one).
  return withImport({ ...state.project, scenarios: state.scenarios }, previews, inputs, choices, now);
}

function projectAppliedEdit(state: AppState, project: Project, data: LoadResult): Partial<AppState> {
  const withIntent: AppState = { ...state, pendingIntent: project.planCodes ? { planCodes: project.planCodes } : null };
  const boundaries = (p: Project) => p.files.find((file) => file.role === 'communities');
  // New boundaries may lie anywhere: frame them.
  const moved = boundaries(project) !== undefined && boundaries(project) !== boundaries(state.project);
  const previousProject = projectSnapshot(state, state.project.updatedAt);
  return { ...dataLoaded(withIntent, data), project, scenarios: project.scenarios, previousProject, source: { kind: 'project' }, importState: IDLE_IMPORT, loadProgress: null, ...(moved ? { fitOnLoad: true } : {}) };
}

export function setLoadProgress(_state: AppState, loadProgress: Progress | null): Partial<AppState> {
  return { loadProgress };
}

function planImportedEdit(state: AppState, project: Project, label: string): Partial<AppState> {
  return { ...replacePlan(state, project.planCodes ?? [], label), project };
}

function setExportSettingsEdit(state: AppState, settings: Partial<ExportSettings>, now: string): Partial<AppState> {
  return { project: { ...state.project, settings: { ...state.project.settings, ...settings }, updatedAt: now } };
}

/** The project as it should be saved: the current plan (null when it is the status table's) and scenarios. */
export function projectSnapshot(state: AppState, now: string): Project {
  const plan = state.data && isPlanModified(state) ? planCodes(state) : state.data ? null : state.project.planCodes;
  return { ...state.project, planCodes: plan, scenarios: state.scenarios, updatedAt: now };
}

// The edits: each returns no change where `canEdit` (state/permissions.ts) refuses it.

/**
 * The candidate project loaded: it becomes the working project with its scenarios, its data is
 * shown, and a plan file (or the project's saved plan) is applied as an undoable edit. The
 * project it replaces (with its plan and scenarios) is kept as `previousProject`, one
 * "restore previous project" away.
 */
export const projectApplied = guarded('projectApplied', projectAppliedEdit);

/** Changes the texts composed into exported maps (footer, source). */
export const setExportSettings = guarded('setExportSettings', setExportSettingsEdit);

/** A plan file alone was confirmed: it changes no data; its designations become one undoable edit and the project records it. */
export const planImported = guarded('planImported', planImportedEdit);
