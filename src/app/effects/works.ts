/**
 * The works effect (issue 21): reads the campaign's projects, funds ledger, people responsible,
 * instructors and veto verdicts from the server, reads them again on the campaign's live events
 * (a project signed or paid by another user, a case changed, an inspection, the settings), and
 * sends the user's sign-offs and payments. The server is the authority: a sign-off by the wrong
 * unit is a 403, one out of order or a payment before 验收 or above the allocation a 409, and
 * its Chinese message is what the user reads. Loaded in 服务器模式 only.
 *
 * Answers read: GET …/projects `{projects}`, …/ledger `{rows}`, …/people `{people, instructors}`,
 * …/veto `{communities}`, …/timetable `{today, items}`, …/works (sources, units, the account's
 * units). Network access goes
 * through the `fetch` and `openEvents` given, so tests run it against a fake server. Nothing is
 * read before the user opens the panel (`open`): the dashboard's other views ask nothing more.
 */
import type { Instructor, LedgerRow, NewProject, Person, ProjectRecord, ProjectStage, TimetableItem, VetoVerdict } from '../../core/index.ts';
import { NO_WORKS_INFO, projectChanged, worksFailed, worksUnavailable, worksLoaded, worksLoading, type WorksInfo } from '../../state/works.ts';
import { dispatchWorks, type WorksStore } from '../../state/works-store.ts';
import type { AppStore } from '../../state/store.ts';
import type { EventStream, OpenEvents } from './remote.ts';
import { callApi, campaignPath, type Answer, type Fetch } from './server-api.ts';

export interface WorksFlow {
  /** The panel was opened: the first read and the live stream start (nothing is asked of the server before). */
  open(): void;
  /** Submits 申报 a new project (admin or a joint-team unit; the server decides); the answered project joins the list. */
  submit(project: NewProject): Promise<Answer<ProjectRecord>>;
  /** Signs the project's next stage for the account's unit; the answered project replaces the held one. */
  sign(id: string, to: ProjectStage, note: string): Promise<Answer<ProjectRecord>>;
  /** Records a payment 拨付 (万元), with an override reason when it goes above the allocation. */
  disburse(id: string, amountWan: number, note: string, overrideReason: string | null): Promise<Answer<ProjectRecord>>;
  reload(): Promise<void>;
  dispose(): void;
}

export interface WorksOptions {
  fetch: Fetch;
  openEvents: OpenEvents;
}

/** Live events that may change a project, the ledger or a verdict: everything is read again (debounced). */
const IGNORED_EVENTS = new Set(['scenario', 'plan']);

export function connectWorks(works: WorksStore, app: AppStore, { fetch, openEvents }: WorksOptions): WorksFlow {
  const campaignId = () => app.getState().server.campaign?.id ?? null;
  const path = () => campaignPath(campaignId() ?? '');
  let disposed = false;
  let stream: EventStream | null = null;
  let generation = 0;
  let opened = false;

  const reload = async () => {
    const id = campaignId();
    if (!id || disposed || !opened) return;
    const mine = ++generation;
    dispatchWorks(works, worksLoading);
    const base = campaignPath(id);
    const [projects, ledger, people, veto, info, timetable] = await Promise.all([
      callApi<{ projects: ProjectRecord[] }>(fetch, 'GET', `${base}/projects`),
      callApi<{ rows: LedgerRow[] }>(fetch, 'GET', `${base}/ledger`),
      callApi<{ people: Person[]; instructors?: Instructor[] }>(fetch, 'GET', `${base}/people`),
      callApi<{ communities: VetoVerdict[] }>(fetch, 'GET', `${base}/veto`),
      callApi<WorksInfo>(fetch, 'GET', `${base}/works`),
      callApi<{ today: string; items: TimetableItem[] }>(fetch, 'GET', `${base}/timetable`),
    ]);
    if (disposed || mine !== generation) return;
    // A server without the works API answers its route-not-found 404: the views are left out.
    if (!projects.ok && projects.status === 404 && (projects.error.code.startsWith('E_HTTP') || projects.error.message.startsWith('找不到 GET '))) return dispatchWorks(works, worksUnavailable);
    const failed = [projects, ledger, people, veto].find((answer) => !answer.ok);
    if (failed && !failed.ok) return dispatchWorks(works, worksFailed, failed.error.message);
    if (!projects.ok || !ledger.ok || !people.ok || !veto.ok) return;
    dispatchWorks(works, worksLoaded, {
      projects: projects.value.projects,
      ledger: ledger.value.rows,
      people: people.value.people,
      instructors: people.value.instructors ?? [],
      veto: veto.value.communities,
      // A server without the timetable yet: the 倒计时 is empty rather than counted here.
      timetable: timetable.ok ? timetable.value.items : [],
      today: timetable.ok ? timetable.value.today : null,
      info: info.ok ? { ...NO_WORKS_INFO, ...info.value } : NO_WORKS_INFO,
    });
  };

  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  const scheduleReload = () => {
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void reload();
    }, 80);
  };

  const listen = () => {
    stream?.close();
    const id = campaignId();
    if (!id || disposed || !opened) return;
    const source = openEvents(`${campaignPath(id)}/events`);
    stream = source;
    let hello = false;
    source.addEventListener('hello', () => {
      if (hello) scheduleReload();
      hello = true;
    });
    source.addEventListener('change', (message) => {
      const event = JSON.parse(message.data) as { type: string };
      if (!IGNORED_EVENTS.has(event.type)) scheduleReload();
    });
  };

  let me = app.getState().server.me;
  let campaign = campaignId();
  const unsubscribe = app.subscribe((state) => {
    if (state.server.me === me && state.server.campaign?.id === campaign) return;
    me = state.server.me;
    campaign = state.server.campaign?.id ?? null;
    void reload();
    listen();
  });

  /**
   * A write's answer: the project as the server holds it now, and the ledger and verdicts re-read.
   * A 403 re-reads too: the page's idea of which units the account signs for (…/works) may be
   * stale (its scope or the settings changed), and the page then shows who signs instead.
   */
  const settle = (answer: Answer<ProjectRecord>) => {
    if (disposed) return answer;
    if (answer.ok) dispatchWorks(works, projectChanged, answer.value);
    else if (answer.status === 409 && answer.error.current) dispatchWorks(works, projectChanged, answer.error.current as ProjectRecord);
    if (answer.ok || answer.status === 409 || answer.status === 403) scheduleReload();
    return answer;
  };

  return {
    open() {
      if (opened) return;
      opened = true;
      void reload();
      listen();
    },
    async submit(project) {
      return settle(await callApi<ProjectRecord>(fetch, 'POST', `${path()}/projects`, project));
    },
    async sign(id, to, note) {
      return settle(await callApi<ProjectRecord>(fetch, 'POST', `${path()}/projects/${encodeURIComponent(id)}/stages`, { to, note }));
    },
    async disburse(id, amountWan, note, overrideReason) {
      const body = { amountWan, note, ...(overrideReason ? { override: { reason: overrideReason } } : {}) };
      return settle(await callApi<ProjectRecord>(fetch, 'POST', `${path()}/projects/${encodeURIComponent(id)}/disbursements`, body));
    },
    reload,
    dispose() {
      disposed = true;
      unsubscribe();
      stream?.close();
      if (reloadTimer) clearTimeout(reloadTimer);
    },
  };
}
