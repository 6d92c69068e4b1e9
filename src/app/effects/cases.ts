/**
 * The cases effect (issue 20): reads the campaign's cases 问题 from the server for the signed-in
 * user (a department's account gets only its own), keeps them current from the server's live
 * events (a case changed or created by another user, a new inspection), and sends the user's
 * transitions. The server is the authority: it checks every transition (403 for a role that may
 * not make it, 409 for a state that does not allow it) and its Chinese message is what the user
 * reads. Loaded in 服务器模式 only.
 *
 * Network access goes through the `fetch` and `openEvents` given, so tests run it against a
 * fake server.
 */
import type { CaseTransition, ResponsibleUnit } from '../../core/index.ts';
import { caseChanged, casesFailed, casesLoaded, casesLoading, caseRemoved, type CaseItem } from '../../state/cases.ts';
import { dispatchCases, type CasesStore } from '../../state/cases-store.ts';
import type { AppStore } from '../../state/store.ts';
import type { EventStream, OpenEvents } from './remote.ts';
import { callApi, campaignPath, type Answer, type Fetch } from './server-api.ts';

/** What a transition sends (POST …/cases/:caseId/transitions). */
export interface TransitionRequest {
  to: CaseTransition;
  note: string;
  unit?: ResponsibleUnit;
  /** ISO date; the server computes it from working days when absent. */
  deadline?: string;
  photos?: string[];
}

/** What the cases UI may ask of the server. */
export interface CasesFlow {
  /** Sends a transition; the answered case replaces the held one. */
  transition(id: string, request: TransitionRequest): Promise<Answer<CaseItem>>;
  /** Uploads a photo (proof of rectification); answers its id. */
  uploadPhoto(file: Blob): Promise<Answer<{ id: string }>>;
  /** Where a photo is read from. */
  photoUrl(id: string): string;
  /** The 抄告单 of a case referred to a city department, as a PDF. */
  referralUrl(id: string): string;
  /** Reads the list again. */
  reload(): Promise<void>;
  dispose(): void;
}

export interface CasesOptions {
  fetch: Fetch;
  openEvents: OpenEvents;
}

/** Live event types that carry a case (`row`: the case as the server now holds it). */
const CASE_EVENTS = new Set(['case']);
/** Live event types after which the list is read again (an inspection creates cases). */
const RELOAD_EVENTS = new Set(['inspection', 'settings', 'boundaries']);

/** Connects the cases store to the campaign server of `app` (its open campaign, its signed-in user). */
export function connectCases(cases: CasesStore, app: AppStore, { fetch, openEvents }: CasesOptions): CasesFlow {
  const campaignId = () => app.getState().server.campaign?.id ?? null;
  const path = () => campaignPath(campaignId() ?? '');
  let disposed = false;
  let stream: EventStream | null = null;
  let generation = 0;

  const reload = async () => {
    const id = campaignId();
    if (!id || disposed) return;
    const mine = ++generation;
    dispatchCases(cases, casesLoading);
    const answer = await callApi<CaseItem[]>(fetch, 'GET', `${campaignPath(id)}/cases`);
    if (disposed || mine !== generation) return;
    if (answer.ok) dispatchCases(cases, casesLoaded, answer.value);
    else dispatchCases(cases, casesFailed, answer.error.message);
  };

  /** A case another user changed: re-read it as this user may see it (gone = out of scope). */
  const refreshCase = async (id: string, row?: CaseItem) => {
    if (row) return dispatchCases(cases, caseChanged, row);
    const answer = await callApi<CaseItem>(fetch, 'GET', `${path()}/cases/${encodeURIComponent(id)}`);
    if (disposed) return;
    if (answer.ok) dispatchCases(cases, caseChanged, answer.value);
    else if (answer.status === 403 || answer.status === 404) dispatchCases(cases, caseRemoved, id);
  };

  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleReload = () => {
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void reload();
    }, 60);
  };

  const listen = () => {
    stream?.close();
    const id = campaignId();
    if (!id || disposed) return;
    const source = openEvents(`${campaignPath(id)}/events`);
    stream = source;
    let hello = false;
    source.addEventListener('hello', () => {
      // A reconnect may have missed changes: read the list again (the first hello follows the first read).
      if (hello) scheduleReload();
      hello = true;
    });
    source.addEventListener('change', (message) => {
      const event = JSON.parse(message.data) as { type: string; id?: string; row?: CaseItem & { id: string } };
      if (CASE_EVENTS.has(event.type)) {
        // The event's row is the case as the server holds it; a department sees only its own.
        const id = event.row?.id ?? event.id;
        if (id) void refreshCase(id, visible(event.row) ? event.row : undefined);
      } else if (RELOAD_EVENTS.has(event.type)) scheduleReload();
    });
  };

  /** A row from the event may be shown as is only to users who may see every case (the server scopes the others' reads). */
  const visible = (row: CaseItem | undefined): row is CaseItem => {
    const me = app.getState().server.me;
    return row !== undefined && me !== null && me.role !== 'department' && 'colour' in row;
  };

  // The list and the stream follow the session: another user, another list.
  let me = app.getState().server.me;
  let campaign = campaignId();
  const unsubscribe = app.subscribe((state) => {
    if (state.server.me === me && state.server.campaign?.id === campaign) return;
    me = state.server.me;
    campaign = state.server.campaign?.id ?? null;
    void reload();
    listen();
  });

  void reload();
  listen();

  return {
    async transition(id, request) {
      const answer = await callApi<CaseItem>(fetch, 'POST', `${path()}/cases/${encodeURIComponent(id)}/transitions`, request);
      if (!disposed && answer.ok) dispatchCases(cases, caseChanged, answer.value);
      // A 409 means the case moved meanwhile: show it as the server holds it now.
      if (!disposed && !answer.ok && answer.status === 409) void refreshCase(id);
      return answer;
    },
    async uploadPhoto(file) {
      let response: Response;
      try {
        response = await fetch(`${path()}/photos`, { method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream' }, body: file as unknown as string });
      } catch {
        return { ok: false, status: 0, error: { code: 'E_NETWORK', message: '无法连接活动服务器，请检查网络后重试' } };
      }
      const body = (await response.json().catch(() => null)) as { id?: string; code?: string; message?: string } | null;
      if (response.ok && body?.id) return { ok: true, value: { id: body.id } };
      return { ok: false, status: response.status, error: { code: body?.code ?? `E_HTTP_${response.status}`, message: body?.message ?? `服务器返回 HTTP ${response.status}` } };
    },
    photoUrl: (id) => `${path()}/photos/${encodeURIComponent(id)}`,
    referralUrl: (id) => `${path()}/cases/${encodeURIComponent(id)}/referral.pdf`,
    reload,
    dispose() {
      disposed = true;
      unsubscribe();
      stream?.close();
      if (reloadTimer) clearTimeout(reloadTimer);
    },
  };
}
