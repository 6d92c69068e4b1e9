/**
 * Pure transitions of what the user is told about the saved project (tested in Node): a failed
 * save, an unreadable stored copy, another tab's change, and the way back to the embedded demo.
 */
import { projectSnapshot } from './import-updaters.ts';
import { guarded } from './permissions.ts';
import { emptyProject } from './project.ts';
import type { AppState, StorageNotice } from './store.ts';

/** Shows a storage notice (replacing any other). */
export function storageNoticeShown(_state: AppState, notice: StorageNotice): Partial<AppState> {
  return { storageNotice: notice };
}

/** The user has read the notice. */
export function storageNoticeDismissed(): Partial<AppState> {
  return { storageNotice: null };
}

/**
 * Another tab saved a change and the user keeps this tab's project: the notice goes and the
 * project is marked changed, so it is saved (over the other tab's copy, by the user's choice).
 */
export const thisTabKept = guarded('thisTabKept', (state: AppState, now: string): Partial<AppState> => {
  return { storageNotice: null, project: { ...state.project, updatedAt: now } };
});

/**
 * Back to the embedded Lucheng demo data: a fresh project; the one it replaces (plan and
 * scenarios included) becomes `previousProject`, so this too is one restore away.
 */
export const demoRestored = guarded('demoRestored', (state: AppState, now: string): Partial<AppState> => {
  return { project: { ...emptyProject(now), scenarios: state.scenarios }, source: { kind: 'lucheng' }, previousProject: projectSnapshot(state, now), pendingIntent: null };
});
