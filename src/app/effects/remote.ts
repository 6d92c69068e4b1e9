/**
 * The remote effect (issue 19): the app as a client of a campaign server on its own origin.
 * It finds out whether a server answers (`probeServer`: 服务器模式, else 单机模式), opens a
 * campaign (its files go through the usual data load in the worker, its plan and scenarios into
 * the store), sends the user's edits (plan with its version, scenarios, status rows in scope),
 * and applies the server's live events (SSE) through the store's updaters. The server is the
 * authority: a refused write (403) is shown in Chinese and the plan rolls back to the server's;
 * a stale write (409) opens the conflict dialog with both versions.
 *
 * Network access goes through the `fetch` and `openEvents` given, so tests run it against a
 * fake server.
 */
import type { CampaignFeature } from '../../core/index.ts';
import type { ApiError, CampaignEvent, CampaignSummary, Me, SharedPlan, Scenario, StatusRow } from '../../api/index.ts';
import { dispatch, type AppStore } from '../../state/store.ts';
import { campaignOpened, conflictClosed, conflictFound, planAcknowledged, planInSync, planRolledBack, scenarioOf, serverPlanChanged, setLive, setServerNotice, signedIn, takeTheirPlan } from '../../state/server.ts';
import { canEditStatus } from '../../state/permissions.ts';
import { planCodes } from '../../state/selectors.ts';
import { setScenarios } from '../../state/updaters.ts';

/** The part of `EventSource` the effect uses. */
export interface EventStream {
  /** `hello`, `change` (data: JSON) and `error` (the browser reconnects unless readyState is 2). */
  addEventListener(type: string, listener: (event: { data: string }) => void): void;
  readonly readyState: number;
  close(): void;
}
export type OpenEvents = (url: string) => EventStream;

/** Re-reads after a burst of data events are collapsed into one, ms. */
export const REREAD_DELAY_MS = 60;

export { callApi, chooseCampaign, probeServer, readCampaign, type Answer, type Fetch } from './server-api.ts';
import { NO_SERVER, callApi, campaignPath, readCampaign, type Answer, type Fetch } from './server-api.ts';

/** What the UI may ask of the server. */
export interface RemoteFlow {
  /** null when signed in, else the Chinese reason. */
  signIn(username: string, password: string): Promise<string | null>;
  signOut(): Promise<void>;
  /** The status row with its version (for the editor). */
  readRow(code: string): Promise<Answer<StatusRow>>;
  /** Sends a status edit made on `base`; a 409 opens the conflict dialog (the answer says so). */
  editStatus(base: StatusRow, changes: Partial<StatusRow>): Promise<Answer<StatusRow>>;
  /** The user's choice in the conflict dialog: resend theirs' version with mine, or take theirs. */
  resolveConflict(choice: 'mine' | 'theirs'): Promise<void>;
  /** The campaign as the app's project file (GET /api/campaigns/:id/export). */
  exportProject(): Promise<Answer<Blob>>;
  dispose(): void;
}

export interface RemoteOptions {
  fetch: Fetch;
  openEvents: OpenEvents;
  /** The scenarios the campaign was opened with (as the server holds them). */
  scenarios: Scenario[];
  /** The campaign features effect (issue 21): `feature.changed` events go to it alone, and it reads again after missed events. */
  features?: { changed(features: CampaignFeature[], deleted: string[]): void; reload(): Promise<void> };
}

/** Connects the store to the campaign server: writes, live events, sign-in. Call after the store holds an opened campaign. */
export function connectRemote(store: AppStore, { fetch, openEvents, scenarios, features }: RemoteOptions): RemoteFlow {
  const api = <T>(method: string, path: string, body?: unknown) => callApi<T>(fetch, method, path, body);
  const campaignId = () => store.getState().server.campaign?.id ?? null;
  /** The scenarios as the server holds them (by name). */
  let knownScenarios: Scenario[] = scenarios;
  let applyingServer = false;
  let stream: EventStream | null = null;
  let seenRevision = store.getState().server.revision;
  let disposed = false;

  const fromServer = (action: () => void) => {
    applyingServer = true;
    try {
      action();
    } finally {
      applyingServer = false;
    }
  };

  // ---- reading ----
  let rereadTimer: ReturnType<typeof setTimeout> | null = null;
  const reread = async (revision?: number) => {
    const id = campaignId();
    if (!id) return;
    const answer = await readCampaign(fetch, id, revision);
    if (disposed || campaignId() !== id) return;
    if (!answer.ok) return dispatch(store, setServerNotice, answer.error.message);
    knownScenarios = answer.value.scenarios;
    fromServer(() => dispatch(store, campaignOpened, answer.value.detail, answer.value.scenarios, Math.max(revision ?? 0, answer.value.detail.revision)));
  };
  const scheduleReread = (revision: number) => {
    if (rereadTimer) clearTimeout(rereadTimer);
    rereadTimer = setTimeout(() => {
      rereadTimer = null;
      void reread(revision);
    }, REREAD_DELAY_MS);
  };

  // ---- live events ----
  const applyEvent = (event: CampaignEvent) => {
    if (event.revision <= seenRevision) return;
    seenRevision = event.revision;
    switch (event.type) {
      case 'plan':
        dispatch(store, serverPlanChanged, event.plan, event.actor);
        break;
      case 'scenario':
        knownScenarios = event.scenario ? [...knownScenarios.filter((s) => s.id !== event.id && s.name !== event.scenario!.name), event.scenario] : knownScenarios.filter((s) => s.id !== event.id);
        fromServer(() => dispatch(store, setScenarios, knownScenarios.map(scenarioOf).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))));
        break;
      // Cases and rounds are the cases effect's (app/effects/cases.ts), projects the works effect's: the dataset's files did not change.
      case 'problem':
      case 'project.changed':
      case 'works.changed':
      case 'case.changed':
      case 'round.changed':
        break;
      // Campaign features change the map's 工程与路线 layer only: the features effect applies them.
      case 'feature.changed':
        features?.changed(event.features, event.deleted);
        break;
      default:
        // Status rows, inspections, settings and boundaries change the dataset: re-read its files.
        scheduleReread(event.revision);
    }
  };
  const listen = () => {
    stream?.close();
    const id = campaignId();
    if (!id || disposed) return;
    dispatch(store, setLive, 'connecting');
    const source = openEvents(`${campaignPath(id)}/events`);
    stream = source;
    source.addEventListener('hello', (message) => {
      dispatch(store, setLive, 'open');
      const { revision } = JSON.parse(message.data) as { revision: number };
      // Missed changes while disconnected: read the campaign again.
      if (revision > seenRevision) {
        seenRevision = revision;
        void reread(revision);
        void features?.reload();
      }
    });
    source.addEventListener('change', (message) => applyEvent(JSON.parse(message.data) as CampaignEvent));
    source.addEventListener('error', () => dispatch(store, setLive, source.readyState === 2 ? 'closed' : 'connecting'));
  };

  // ---- writing the plan: one write at a time until the local plan is the server's ----
  let planInFlight = false;
  const sendPlan = async () => {
    const state = store.getState();
    const id = campaignId();
    const known = state.server.plan;
    if (planInFlight || !id || !known || state.server.conflict || state.dataStatus !== 'ready' || state.source.kind !== 'server' || planInSync(state)) return;
    planInFlight = true;
    const codes = planCodes(state);
    try {
      const answer = await api<SharedPlan>('PUT', `${campaignPath(id)}/plan`, { version: known.version, codes });
      if (disposed) return;
      if (answer.ok) dispatch(store, planAcknowledged, answer.value);
      else if (answer.status === 409 && answer.error.current) dispatch(store, conflictFound, { kind: 'plan', mine: codes, theirs: answer.error.current as SharedPlan });
      else dispatch(store, planRolledBack, `方案未保存：${answer.error.message}`);
    } finally {
      planInFlight = false;
    }
    void sendPlan();
  };

  // ---- writing scenarios: what differs from the server's list ----
  let scenariosChain: Promise<void> = Promise.resolve();
  const sendScenarios = () => {
    scenariosChain = scenariosChain.then(async () => {
      const id = campaignId();
      if (!id || disposed) return;
      const local = store.getState().scenarios;
      const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((code, i) => code === b[i]);
      const changed = local.filter((mine) => !knownScenarios.some((theirs) => theirs.name === mine.name && same(theirs.codes, mine.codes)));
      const removed = knownScenarios.filter((theirs) => !local.some((mine) => mine.name === theirs.name));
      for (const scenario of changed) {
        const answer = await api<Scenario>('POST', `${campaignPath(id)}/scenarios`, { name: scenario.name, codes: scenario.codes });
        if (!answer.ok) return refuseScenarios(answer.error.message);
        knownScenarios = [...knownScenarios.filter((s) => s.name !== answer.value.name), answer.value];
      }
      for (const scenario of removed) {
        const answer = await api<{ ok: true }>('DELETE', `${campaignPath(id)}/scenarios/${scenario.id}`);
        if (!answer.ok && answer.status !== 404) return refuseScenarios(answer.error.message);
        knownScenarios = knownScenarios.filter((s) => s.id !== scenario.id);
      }
    });
  };
  const refuseScenarios = (message: string) => {
    fromServer(() => dispatch(store, setScenarios, knownScenarios.map(scenarioOf)));
    dispatch(store, setServerNotice, `情景未保存：${message}`);
  };

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.plan.designated !== previous.plan.designated || state.server.plan !== previous.server.plan || state.server.conflict !== previous.server.conflict || state.dataStatus !== previous.dataStatus) void sendPlan();
    if (state.scenarios !== previous.scenarios && !applyingServer && state.source.kind === 'server') sendScenarios();
  });

  listen();

  const refreshSession = async () => {
    const [me, campaigns] = await Promise.all([api<Me>('GET', '/api/me'), api<CampaignSummary[]>('GET', '/api/campaigns')]);
    dispatch(store, signedIn, me.ok ? me.value : null, campaigns.ok ? campaigns.value : store.getState().server.campaigns);
    // The stream's access follows the session: reconnect with the new cookie.
    listen();
  };

  return {
    async signIn(username, password) {
      const answer = await api<Me>('POST', '/api/login', { username, password });
      if (!answer.ok) return answer.error.message;
      await refreshSession();
      return null;
    },
    async signOut() {
      await api('POST', '/api/logout');
      await refreshSession();
    },
    readRow(code) {
      return api<StatusRow>('GET', `${campaignPath(campaignId() ?? '')}/communities/${encodeURIComponent(code)}`);
    },
    async editStatus(base, changes) {
      const { version, code, ...fields } = base;
      // The role table refuses early what the server would refuse (a street office outside its street).
      const state = store.getState();
      const feature = state.data?.dataset.boundaries.features.find((item) => item.id === code);
      if (!canEditStatus(state, feature ? { code, streetCode: feature.streetCode } : undefined)) {
        const error: ApiError = { code: 'E_FORBIDDEN', message: '您的角色或范围不允许修改该社区的状态' };
        dispatch(store, setServerNotice, `修改未保存：${error.message}`);
        return { ok: false, status: 403, error };
      }
      const answer = await api<StatusRow>('PATCH', `${campaignPath(campaignId() ?? '')}/communities/${encodeURIComponent(code)}`, { version, changes });
      if (!answer.ok && answer.status === 409 && answer.error.current) {
        const mine = { ...fields, ...changes, facilities: { ...fields.facilities, ...changes.facilities }, code, version } as StatusRow;
        dispatch(store, conflictFound, { kind: 'status', code, name: base.name, mine, changes, theirs: answer.error.current as StatusRow });
      } else if (!answer.ok) {
        dispatch(store, setServerNotice, `修改未保存：${answer.error.message}`);
      }
      return answer;
    },
    async resolveConflict(choice) {
      const conflict = store.getState().server.conflict;
      if (!conflict) return;
      if (conflict.kind === 'plan') {
        // Mine: the plan stays as the user made it and is sent again on the server's version.
        if (choice === 'mine') dispatch(store, (state) => ({ ...planAcknowledged(state, conflict.theirs), ...conflictClosed(state) }));
        else dispatch(store, takeTheirPlan, conflict.theirs);
        return;
      }
      dispatch(store, conflictClosed);
      if (choice === 'mine') await this.editStatus(conflict.theirs, conflict.changes);
    },
    async exportProject() {
      let response: Response;
      try {
        response = await fetch(`${campaignPath(campaignId() ?? '')}/export`);
      } catch {
        return { ok: false, status: 0, error: NO_SERVER };
      }
      if (response.ok) return { ok: true, value: await response.blob() };
      const body = (await response.json().catch(() => null)) as ApiError | null;
      return { ok: false, status: response.status, error: body ?? { code: `E_HTTP_${response.status}`, message: `服务器返回 HTTP ${response.status}` } };
    },
    dispose() {
      disposed = true;
      unsubscribe();
      stream?.close();
      if (rereadTimer) clearTimeout(rereadTimer);
    },
  };
}
