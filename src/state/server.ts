/**
 * Server mode (issue 19), the pure part: which mode the app is in, who is signed in, what the
 * campaign server last acknowledged, and the updaters that apply the server's answers and live
 * events to the state. The effect that talks to the server is src/app/effects/remote.ts.
 *
 * Permissions: the server is the authority (every write is checked there and a refusal rolls
 * the local state back). The app's updaters refuse the same edits from the same role table
 * (state/permissions.ts `canEdit`); what the server sends was checked there and is applied
 * through the unguarded `planFromServer`, so a leader's dashboard follows the admin's changes.
 */
import type { CampaignSummary, Me, SharedPlan, Scenario } from '../api/index.ts';
import type { Permission } from '../api/permissions.ts';
import { roleAllows, type CommunityRef } from './permissions.ts';
import type { CampaignDetail, Conflict, ServerState } from './server-state.ts';
import type { SavedScenario } from './project.ts';
import { planCodes, selectBaseline } from './selectors.ts';
import type { AppState } from './store.ts';
import { planFromServer, designationFromCodes } from './updaters.ts';

/** Whether the signed-in user may do `permission` (in server mode; always in 单机模式). */
export function serverAllows(server: ServerState, permission: Permission, community?: CommunityRef): boolean {
  return roleAllows(server, permission, community);
}

/** The view is read-only: a read-only link, or a server role that may not change the plan. */
export function selectReadOnly(state: Pick<AppState, 'readOnly' | 'server'>): boolean {
  return state.readOnly || !serverAllows(state.server, 'plan.edit');
}

/** The data source of a campaign at a revision (its files as the server serves them). */
export function campaignSource(detail: CampaignDetail, revision = detail.revision): Extract<AppState['source'], { kind: 'server' }> {
  return { kind: 'server', campaign: detail.id, revision, files: detail.files.map(({ role, file, url }) => ({ role, file, url: url.replace(/revision=\d+/, `revision=${revision}`) })) };
}

export function scenarioOf(scenario: Scenario): SavedScenario {
  return { name: scenario.name, savedAt: scenario.savedAt, codes: scenario.codes };
}

/** The user's plan has no unsent change: it is what the server last acknowledged. */
export function planInSync(state: Pick<AppState, 'data' | 'plan' | 'server'>): boolean {
  const known = state.server.plan;
  if (!state.data || !known) return true;
  const mine = planCodes(state);
  if (known.codes === null) {
    const baseline = selectBaseline(state);
    return state.plan.designated.every((value, index) => value === baseline[index]);
  }
  return mine.length === known.codes.length && new Set(known.codes).size === mine.length && mine.every((code) => known.codes!.includes(code));
}

/**
 * A campaign was opened (or re-read after a change of its files): its files become the data
 * source (loaded by the data effect), its plan is applied once they have loaded, its scenarios
 * listed. The selection survives a re-read.
 */
export function campaignOpened(state: AppState, detail: CampaignDetail, scenarios: Scenario[], revision = detail.revision): Partial<AppState> {
  // The shown selection, or one still waiting for the data (a link's sel= before the first load).
  const selectedCode = (state.selected !== null ? state.data?.dataset.boundaries.features[state.selected]?.id : undefined) ?? state.pendingIntent?.selectedCode;
  const inSync = planInSync(state);
  // Unsent local edits are kept across a re-read; otherwise the server's plan is shown.
  const codes = inSync || !state.data ? (detail.plan?.codes ?? undefined) : planCodes(state);
  return {
    source: campaignSource(detail, revision),
    pendingIntent: { ...(codes ? { planCodes: codes } : {}), ...(selectedCode ? { selectedCode } : {}) },
    scenarios: scenarios.map(scenarioOf),
    server: { ...state.server, campaign: { id: detail.id, title: detail.title }, plan: detail.plan ? { codes: detail.plan.codes, version: detail.plan.version } : null, revision: Math.max(state.server.revision, revision) },
  };
}

/** Signed in or out (`me` null); campaigns as the server now lists them. */
export function signedIn(state: AppState, me: Me | null, campaigns: CampaignSummary[]): Partial<AppState> {
  return { server: { ...state.server, me, campaigns, notice: null, conflict: null } };
}

export function setServerNotice(state: AppState, notice: string | null): Partial<AppState> {
  return state.server.notice === notice ? {} : { server: { ...state.server, notice } };
}

export function setLive(state: AppState, live: ServerState['live']): Partial<AppState> {
  return state.server.live === live ? {} : { server: { ...state.server, live } };
}

/** The server acknowledged a plan write (or announced a newer plan). */
export function planAcknowledged(state: AppState, plan: SharedPlan): Partial<AppState> {
  if (state.server.plan && plan.version < state.server.plan.version) return {};
  return { server: { ...state.server, plan: { codes: plan.codes, version: plan.version } } };
}

/**
 * Another user changed the plan (a live event): shown as one undoable step named after them,
 * through `planFromServer` (the server checked the change, so it is applied whatever the
 * user's own role may edit: a leader's dashboard follows the admin), unless the user has an edit
 * of their own on the way (that write then meets the newer version and shows both).
 */
export function serverPlanChanged(state: AppState, plan: SharedPlan, actor: string): Partial<AppState> {
  const known = state.server.plan;
  if (known && plan.version <= known.version) return {};
  if (!planInSync(state)) return {};
  const acknowledged = { server: { ...state.server, plan: { codes: plan.codes, version: plan.version } } };
  if (!state.data) return acknowledged;
  const codes = plan.codes ?? state.data.dataset.boundaries.features.filter((feature) => state.data!.dataset.status[feature.index]?.demo).map((feature) => feature.id);
  return { ...planFromServer(state, codes, `${actor} 修改了方案`), ...acknowledged };
}

/**
 * A write was refused (403) or failed: the message is shown and the plan goes back to what the
 * server holds (no undo history: the refused steps never happened there).
 */
export function planRolledBack(state: AppState, message: string): Partial<AppState> {
  const known = state.server.plan;
  const notice = { server: { ...state.server, notice: message } };
  if (!state.data) return notice;
  const designated = known?.codes ? designationFromCodes(state.data, known.codes) : selectBaseline(state).slice();
  return { plan: { designated, past: [], future: [] }, ...notice };
}

export function conflictFound(state: AppState, conflict: Conflict): Partial<AppState> {
  return { server: { ...state.server, conflict } };
}

/** The user chose in the conflict dialog (the effect resends or takes the server's version). */
export function conflictClosed(state: AppState): Partial<AppState> {
  return { server: { ...state.server, conflict: null } };
}

/** Takes the server's plan from a conflict: shown as one undoable step, acknowledged as the server's. */
export function takeTheirPlan(state: AppState, theirs: SharedPlan): Partial<AppState> {
  if (!state.data) return {};
  const codes = theirs.codes ?? state.data.dataset.boundaries.features.filter((feature) => state.data!.dataset.status[feature.index]?.demo).map((feature) => feature.id);
  return { ...planFromServer(state, codes, '采用服务器上的方案'), server: { ...state.server, plan: { codes: theirs.codes, version: theirs.version }, conflict: null } };
}
