/**
 * Who may change what, checked where the state changes: every updater that edits the plan, the
 * scenarios, the project or the data is listed in `EDITS` and wrapped with `guarded`, so it
 * returns no change when `canEdit` refuses, whatever called it (a button, a key, a map click, a
 * hidden panel). The rules: the read-only link (`ro=1`: nothing is editable), planning mode (a
 * map click designates only in planning mode) and, in 服务器模式, the signed-in user's role and
 * scope, read from the campaign's one role table (src/api/permissions.ts, which the server
 * checks on every request too: the server stays the authority, this only refuses early).
 *
 * What comes from the server (a live event, the server's side of a conflict) was checked there
 * and is applied through the unguarded updaters named `…FromServer` (state/server.ts).
 */
import { isAllowed, type Permission } from '../api/permissions.ts';
import type { ServerState } from './server-state.ts';
import type { AppState } from './store.ts';

/** What an edit changes. */
export type EditTarget = 'plan' | 'scenarios' | 'project' | 'data';

/**
 * The permission of the role table each edit target needs in 服务器模式: the plan (and its goal
 * and themes) `plan.edit`, scenarios `scenario.edit`, the project's settings `settings.edit`,
 * its data (boundaries and status files) `boundaries.edit`. Only the admin holds these.
 */
export const TARGET_PERMISSION: Readonly<Record<EditTarget, Permission>> = {
  plan: 'plan.edit',
  scenarios: 'scenario.edit',
  project: 'settings.edit',
  data: 'boundaries.edit',
};

/** A community as the role table's scope sees it (its code and its street's code). */
export interface CommunityRef {
  code: string;
  streetCode: string;
}

/** How an edit is allowed: what it changes, and whether it needs planning mode. */
export interface EditRule {
  target: EditTarget;
  /** Only in planning mode (the map's click designates there and selects elsewhere). */
  designatingOnly?: boolean;
}

/** Every edit updater by name (the updater's own name), with what it changes. */
export const EDITS = {
  setDesignation: { target: 'plan' },
  toggleDesignation: { target: 'plan' },
  mapClicked: { target: 'plan', designatingOnly: true },
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

/**
 * Whether the signed-in user's role allows `permission` (on `community`, for a scoped one such as
 * a street office's `status.edit`): always in 单机模式; never for an anonymous visitor.
 */
export function roleAllows(server: Pick<ServerState, 'mode' | 'me'>, permission: Permission, community?: CommunityRef): boolean {
  if (server.mode === 'standalone') return true;
  if (!server.me) return false;
  return isAllowed(server.me, permission, community ? { community } : {});
}

/**
 * Whether `action` may change the state now: never in a read-only link; never when the role may
 * not change its target (a leader changes nothing, a street office only status rows, only the
 * admin the plan, scenarios, settings and data); planning-only edits need planning mode.
 */
export function canEdit(state: Pick<AppState, 'readOnly' | 'designating' | 'server'>, action: EditAction): boolean {
  if (state.readOnly) return false;
  const rule: EditRule = EDITS[action];
  if (!roleAllows(state.server, TARGET_PERMISSION[rule.target])) return false;
  return !rule.designatingOnly || state.designating;
}

/**
 * Whether the user may edit the status row of `community` (服务器模式's status editor; the remote
 * effect refuses to send otherwise): not in a read-only link; only a role with `status.edit`
 * whose scope covers the community (the admin everywhere, a street office in its street; a
 * community not in the loaded data is in no scope, so only an unscoped grant allows it).
 */
export function canEditStatus(state: Pick<AppState, 'readOnly' | 'server'>, community: CommunityRef | undefined): boolean {
  return !state.readOnly && state.server.mode === 'server' && roleAllows(state.server, 'status.edit', community);
}

/** `updater`, refusing (no change) when `canEdit(state, action)` is false. */
export function guarded<A extends unknown[]>(action: EditAction, updater: (state: AppState, ...args: A) => Partial<AppState>): (state: AppState, ...args: A) => Partial<AppState> {
  return (state, ...args) => (canEdit(state, action) ? updater(state, ...args) : {});
}
