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
import type { CampaignEvent, CaseView, PhotoUpload, ReferralRow, RoundBody, RoundRow, SupervisionInfo, TransitionBody } from '../../api/index.ts';
import { endOfChinaDay } from '../../core/index.ts';
import { caseChanged, casesFailed, casesLoaded, casesLoading, caseRemoved, referralsRead, roundsRead, supervisionRead, type CaseItem, type CasesState } from '../../state/cases.ts';
import { dispatchCases, type CasesStore } from '../../state/cases-store.ts';
import { serverAllows } from '../../state/server.ts';
import { dispatch, type AppStore } from '../../state/store.ts';
import { supervisionCasesRead } from '../../state/updaters.ts';
import type { EventStream, OpenEvents } from './remote.ts';
import { callApi, campaignPath, type Answer, type Fetch } from './server-api.ts';

/** What a transition sends (POST …/cases/:caseId/transitions): the deadline defaults to the settings' working days, photos are the proof of 已反馈. */
export type TransitionRequest = TransitionBody;

/** What the cases UI may ask of the server. */
export interface CasesFlow {
  /** Sends a transition; the answered case replaces the held one. */
  transition(id: string, request: TransitionRequest): Promise<Answer<CaseItem>>;
  /** A photo file as the transition sends it (a JPEG data URL, at most `maxSide` pixels on its longer side). */
  preparePhoto(file: Blob): Promise<PhotoUpload>;
  /** Where a photo is read from. */
  photoUrl(id: string): string;
  /** The 抄告单 of a case referred to a city department, as a PDF. */
  referralUrl(id: string): string;
  /** Schedules a round of inspection (admin); the answered round joins the held list. */
  scheduleRound(body: RoundBody): Promise<Answer<RoundRow>>;
  /** Reads the list again. */
  reload(): Promise<void>;
  dispose(): void;
}

export interface CasesOptions {
  fetch: Fetch;
  openEvents: OpenEvents;
}

/** Live event types after which the list is read again. */
const RELOAD_EVENTS = new Set<CampaignEvent['type']>(['settings', 'boundaries']);

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
    if (!app.getState().server.me) return dispatchCases(cases, casesLoaded, [], null);
    const none = Promise.resolve({ ok: false, status: 403 } as const);
    const [list, info, referrals, rounds] = await Promise.all([
      callApi<{ cases: CaseView[]; now: string }>(fetch, 'GET', `${campaignPath(id)}/cases`),
      callApi<SupervisionInfo>(fetch, 'GET', `${campaignPath(id)}/supervision`),
      // Only roles that may read the slips ask for them (a leader reads the cases, not the slips).
      readsReferrals() ? callApi<{ referrals: ReferralRow[] }>(fetch, 'GET', `${campaignPath(id)}/referrals`) : none,
      callApi<{ rounds: RoundRow[] }>(fetch, 'GET', `${campaignPath(id)}/rounds`),
    ]);
    if (disposed || mine !== generation) return;
    if (rounds.ok) dispatchCases(cases, roundsRead, rounds.value.rounds);
    if (info.ok) dispatchCases(cases, supervisionRead, info.value);
    if (referrals.ok) dispatchCases(cases, referralsRead, referrals.value.referrals);
    if (list.ok) dispatchCases(cases, casesLoaded, list.value.cases, list.value.now);
    else dispatchCases(cases, casesFailed, list.error.message);
  };

  const readsReferrals = () => serverAllows(app.getState().server, 'referral.read');
  const rereadReferrals = async () => {
    if (!readsReferrals()) return;
    const answer = await callApi<{ referrals: ReferralRow[] }>(fetch, 'GET', `${path()}/referrals`);
    if (!disposed && answer.ok) dispatchCases(cases, referralsRead, answer.value.referrals);
  };

  /** A case another user changed: shown as the event carries it, or re-read as this user may see it (gone = out of scope). */
  const refreshCase = async (id: string, row?: CaseItem) => {
    let item = row;
    if (!item) {
      const answer = await callApi<CaseItem>(fetch, 'GET', `${path()}/cases/${encodeURIComponent(id)}`);
      if (disposed) return;
      if (answer.ok) item = answer.value;
      else if (answer.status === 403 || answer.status === 404) dispatchCases(cases, caseRemoved, id);
    }
    if (item) dispatchCases(cases, caseChanged, item);
    // A slip is issued when a case is referred to a department; its state shows on the slip.
    if (item?.unit.kind === 'department' || cases.getState().referrals.some((slip) => slip.caseId === id)) void rereadReferrals();
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
      const event = JSON.parse(message.data) as CampaignEvent;
      if (!app.getState().server.me) return;
      // The event carries the case as the server holds it; every viewer receives it, so a
      // department (which sees only its own cases) reads it again through its scoped API.
      if (event.type === 'case.changed') void refreshCase(event.case.id, seesEveryCase() ? event.case : undefined);
      else if (event.type === 'inspection.created') for (const item of event.cases) void refreshCase(item.id, seesEveryCase() ? item : undefined);
      else if (event.type === 'round.changed') void callApi<{ rounds: RoundRow[] }>(fetch, 'GET', `${path()}/rounds`).then((answer) => answer.ok && !disposed && dispatchCases(cases, roundsRead, answer.value.rounds));
      else if (RELOAD_EVENTS.has(event.type)) scheduleReload();
    });
  };

  /** Only a department's account sees a part of the cases (those referred to it). */
  const seesEveryCase = () => app.getState().server.me?.role !== 'department';

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

  // The lagging report (grades, the units' standings, the bulletin) reads the cases as the server's
  // does, at the end of the server's day; not for a department, whose list is only its own part.
  let shared: CasesState['cases'] | null = null;
  const shareCases = (state: CasesState) => {
    const complete = state.status === 'ready' && state.now !== null && seesEveryCase();
    if (!complete) {
      if (shared !== null || app.getState().supervisionCases !== null) dispatch(app, supervisionCasesRead, null);
      shared = null;
      return;
    }
    if (state.cases === shared) return;
    shared = state.cases;
    dispatch(app, supervisionCasesRead, { cases: state.cases, now: endOfChinaDay(state.now!) });
  };
  const unshare = cases.subscribe(shareCases);

  void reload();
  listen();

  return {
    async transition(id, request) {
      const answer = await callApi<CaseItem>(fetch, 'POST', `${path()}/cases/${encodeURIComponent(id)}/transitions`, request);
      if (!disposed && answer.ok) dispatchCases(cases, caseChanged, answer.value);
      // A refusal (403) or a stale state (409): the case moved meanwhile; show it as the server holds it now.
      if (!disposed && !answer.ok && (answer.status === 403 || answer.status === 409)) void refreshCase(id);
      return answer;
    },
    async scheduleRound(body) {
      const answer = await callApi<RoundRow>(fetch, 'POST', `${path()}/rounds`, body);
      if (!disposed && answer.ok) dispatchCases(cases, roundsRead, [...cases.getState().rounds.filter((round) => round.id !== answer.value.id), answer.value]);
      return answer;
    },
    preparePhoto: (file) => photoForUpload(file),
    photoUrl: (id) => `${path()}/photos/${encodeURIComponent(id)}`,
    referralUrl: (id) => `${path()}/cases/${encodeURIComponent(id)}/referral.pdf`,
    reload,
    dispose() {
      disposed = true;
      unsubscribe();
      unshare();
      stream?.close();
      if (reloadTimer) clearTimeout(reloadTimer);
    },
  };
}

/** Longer side of a proof photo as sent, in pixels (the server takes about 1 MB per photo). */
export const PROOF_PHOTO_MAX_SIDE = 1600;

/** A picked photo as the API takes it: scaled to `maxSide` and re-encoded as JPEG (the browser decodes it; EXIF time and place are not kept for proof). */
export async function photoForUpload(file: Blob, maxSide = PROOF_PHOTO_MAX_SIDE): Promise<PhotoUpload> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return { dataUrl: canvas.toDataURL('image/jpeg', 0.85), takenAt: null, lon: null, lat: null };
}
