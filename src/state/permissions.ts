/**
 * Who may change what, checked where the state changes: every updater that edits the plan, the
 * scenarios, the project or the data is listed in `EDITS` and wrapped with `guarded`, so it
 * returns no change when `canEdit` refuses, whatever called it (a button, a key, a map click, a
 * hidden panel). Today the rules are the read-only link (`ro=1`: nothing is editable) and
 * planning mode (a map click designates only in planning mode); the campaign server adds roles
 * here the same way (a role is one more condition in `canEdit`, read from the state).
 */
import type { AppState } from './store.ts';

/** What an edit changes. */
export type EditTarget = 'plan' | 'scenarios' | 'project' | 'data';

/** How an edit is allowed: what it changes, and whether it needs planning mode. */
export interface EditRule {
  target: EditTarget;
  /** Only in planning mode (the map's click designates there and selects elsewhere). */
  planningOnly?: boolean;
}

/** Every edit updater by name (the updater's own name), with what it changes. */
export const EDITS = {
  setDesignation: { target: 'plan' },
  toggleDesignation: { target: 'plan' },
  mapClicked: { target: 'plan', planningOnly: true },
  undo: { target: 'plan' },
  redo: { target: 'plan' },
  replacePlan: { target: 'plan' },
  resetPlan: { target: 'plan' },
  openScenario: { target: 'plan' },
  setPlanTheme: { target: 'plan' },
  toggleGoalCluster: { target: 'plan' },
  clearGoal: { target: 'plan' },
  saveScenario: { target: 'scenarios' },
  deleteScenario: { target: 'scenarios' },
  adoptProposal: { target: 'scenarios' },
  importScenarios: { target: 'scenarios' },
  planImported: { target: 'plan' },
  projectApplied: { target: 'data' },
  setExportSettings: { target: 'project' },
  demoRestored: { target: 'data' },
  thisTabKept: { target: 'project' },
} as const satisfies Record<string, EditRule>;

export type EditAction = keyof typeof EDITS;

/** Whether `action` may change the state now: never in a read-only link; planning-only edits need planning mode. */
export function canEdit(state: Pick<AppState, 'readOnly' | 'planning'>, action: EditAction): boolean {
  if (state.readOnly) return false;
  const rule: EditRule = EDITS[action];
  return !rule.planningOnly || state.planning;
}

/** `updater`, refusing (no change) when `canEdit(state, action)` is false. */
export function guarded<A extends unknown[]>(action: EditAction, updater: (state: AppState, ...args: A) => Partial<AppState>): (state: AppState, ...args: A) => Partial<AppState> {
  return (state, ...args) => (canEdit(state, action) ? updater(state, ...args) : {});
}
