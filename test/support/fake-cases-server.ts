/**
 * A small in-memory campaign server for the cases UI's tests: campaign `c1`, its cases moved by
 * the core's own rules (applyTransition, caseColour, referralNumber, the default supervision
 * settings), the API's answers (the case list with the server's clock, one case, transitions
 * with 403/409/400 and the core's Chinese messages, referral slips, rounds, the supervision
 * settings) and its live events. A department's account sees only its cases, like the real server.
 */
import { roundBodySchema, type CaseView, type Me, type ReferralRow, type RoundRow, type SupervisionInfo, type TransitionBody } from '../../src/api/index.ts';
import type { EventStream, Fetch } from '../../src/app/effects/remote.ts';
import { FakeStream, json } from './fake-stream.ts';
import { applyTransition, caseColour, defaultCampaignConfig, referralNumber, reportCase, type CaseRecord, type SupervisionActor } from '../../src/core/index.ts';

const NAMES: Record<string, string> = { A: '社区A', B: '社区B', S1: '街道一', S2: '街道二' };

export interface FakeCasesServer {
  fetch: Fetch;
  openEvents: (url: string) => EventStream;
  user: Me | null;
  /** The server's clock. */
  now: Date;
  cases: Map<string, CaseRecord>;
  requests: string[];
  /** Live events stop reaching the browser (a dropped connection) when false. */
  delivering: boolean;
  /** Reports a case (as an inspector's inspection would), publishing inspection.created. */
  report(community: 'A' | 'B', category: string, note?: string): CaseRecord;
  /** Another user moves a case (the core's rules), publishing case.changed; throws when refused. */
  moveAs(actor: SupervisionActor, id: string, request: TransitionBody): CaseRecord;
  view(record: CaseRecord): CaseView;
}

export function fakeCasesServer(user: Me | null): FakeCasesServer {
  const settings = defaultCampaignConfig().supervision;
  const streams: FakeStream[] = [];
  let revision = 1;
  let serial = 0;
  const slips = new Map<string, { serial: number; issuedAt: string }>();
  const rounds: RoundRow[] = [];

  const department = (id: string) => settings.departments.find((d) => d.id === id)?.name ?? id;
  const view = (record: CaseRecord): CaseView => {
    const slip = slips.get(record.id);
    return {
      ...record,
      communityName: NAMES[record.community] ?? record.community,
      streetName: NAMES[record.street] ?? record.street,
      categoryLabel: settings.categories.find((c) => c.id === record.category)?.label ?? record.category,
      unitName: record.unit.kind === 'street' ? (NAMES[record.unit.id] ?? record.unit.id) : department(record.unit.id),
      colour: caseColour(record, server.now, settings),
      referral: slip ? referralNumber(slip.serial, 2002, settings) : null,
    };
  };
  const visible = (record: CaseRecord) => server.user?.role !== 'department' || (record.unit.kind === 'department' && server.user.scope.includes(record.unit.id));
  const publish = (event: Record<string, unknown>) => {
    revision++;
    if (server.delivering) for (const stream of streams) stream.emit('change', { revision, ...event });
  };
  const issueSlip = (record: CaseRecord) => {
    if (record.unit.kind === 'department' && record.state === 'assigned' && !slips.has(record.id)) slips.set(record.id, { serial: ++serial, issuedAt: server.now.toISOString() });
  };

  const server: FakeCasesServer = {
    user,
    now: new Date('2002-06-03T02:00:00Z'),
    cases: new Map(),
    requests: [],
    delivering: true,
    view,
    report(community, category, note = '') {
      const number = server.cases.size + 1;
      const record = reportCase(
        { id: `case-${number}`, number, community, street: community === 'A' ? 'S1' : 'S2', category, note, lon: 120.6 + number / 100, lat: 28 + number / 100, photos: [], inspectionId: null, roundId: null },
        'inspector1',
        server.now,
        settings,
      );
      server.cases.set(record.id, record);
      publish({ type: 'inspection.created', inspection: { id: `i${number}` }, status: null, cases: [view(record)], actor: 'inspector1' });
      return record;
    },
    moveAs(actor, id, request) {
      const result = applyTransition(server.cases.get(id)!, { ...request, photos: (request.photos ?? []).map((_, i) => `p${i}`) }, actor, server.now, settings);
      if (!result.ok) throw new Error(result.error.message);
      server.cases.set(id, result.case);
      issueSlip(result.case);
      publish({ type: 'case.changed', case: view(result.case), actor: actor.username });
      return result.case;
    },
    async fetch(url, init = {}) {
      const method = init.method ?? 'GET';
      server.requests.push(`${method} ${url}`);
      const path = new URL(url, 'http://fake').pathname;
      if (!server.user) return json(401, { code: 'E_AUTH', message: '请先登录' });
      if (method === 'GET' && path === '/api/campaigns/c1/cases') return json(200, { cases: [...server.cases.values()].filter(visible).map(view), now: server.now.toISOString() });
      if (method === 'GET' && path === '/api/campaigns/c1/supervision') {
        const info: SupervisionInfo = { now: server.now.toISOString(), today: server.now.toISOString().slice(0, 10), categories: settings.categories, departments: settings.departments, deadlineWorkingDays: settings.deadlineWorkingDays, colours: settings.colours };
        return json(200, info);
      }
      if (method === 'GET' && path === '/api/campaigns/c1/rounds') return json(200, { rounds });
      if (method === 'POST' && path === '/api/campaigns/c1/rounds') {
        // As src/server/routes/rounds.ts: admin only, the body's schema, inspectors that exist.
        if (server.user.role !== 'admin') return json(403, { code: 'E_FORBIDDEN', message: '只有区创建办可以安排检查轮次' });
        const parsed = roundBodySchema.safeParse(JSON.parse(String(init.body)));
        if (!parsed.success) return json(400, { code: 'E_VALIDATION', message: `检查轮次不完整：${parsed.error.issues.map((issue) => issue.path.join('.')).join('、')}` });
        const unknown = parsed.data.inspectors.filter((username) => username !== 'inspector1');
        if (unknown.length > 0) return json(400, { code: 'E_UNKNOWN_USER', message: `以下账号不存在或不是督查员：${unknown.join('、')}` });
        const row: RoundRow = { ...parsed.data, id: String(rounds.length + 1), createdBy: server.user.username, createdAt: server.now.toISOString() };
        rounds.push(row);
        return json(201, row);
      }
      if (method === 'GET' && path === '/api/campaigns/c1/referrals') {
        const referrals: ReferralRow[] = [...slips.entries()]
          .map(([caseId, slip]) => ({ caseId, slip, record: server.cases.get(caseId)! }))
          .filter(({ record }) => visible(record))
          .map(({ caseId, slip, record }) => ({ number: referralNumber(slip.serial, 2002, settings), serial: slip.serial, year: 2002, caseId, caseNumber: record.number, department: record.unit.id, departmentName: department(record.unit.id), issuedAt: slip.issuedAt, state: record.state, colour: view(record).colour, deadline: record.deadline }));
        return json(200, { referrals });
      }
      const one = /^\/api\/campaigns\/c1\/cases\/([^/]+)(\/transitions)?$/.exec(path);
      const record = one ? server.cases.get(decodeURIComponent(one[1]!)) : undefined;
      if (one && (!record || !visible(record))) return json(404, { code: 'E_NOT_FOUND', message: '没有这个问题' });
      if (one && record && !one[2] && method === 'GET') return json(200, view(record));
      if (one && record && one[2] && method === 'POST') {
        const body = JSON.parse(init.body ?? '{}') as TransitionBody;
        const result = applyTransition(record, { ...body, photos: (body.photos ?? []).map((_, i) => `p${record.history.length}-${i}`) }, { username: server.user.username, role: server.user.role, scope: server.user.scope }, server.now, settings);
        if (!result.ok) return json(result.error.code === 'E_FORBIDDEN' ? 403 : result.error.code === 'E_STATE' ? 409 : 400, result.error);
        server.cases.set(record.id, result.case);
        issueSlip(result.case);
        publish({ type: 'case.changed', case: view(result.case), actor: server.user.username });
        return json(200, view(result.case));
      }
      return json(404, { code: 'E_NOT_FOUND', message: `没有 ${method} ${path}` });
    },
    openEvents(url) {
      const stream = new FakeStream(url);
      streams.push(stream);
      queueMicrotask(() => stream.emit('hello', { revision }));
      return stream;
    },
  };
  return server;
}
