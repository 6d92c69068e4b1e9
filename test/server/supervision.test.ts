/**
 * The supervision loop's API (issue 20) on a real server and database (PGlite, or PostgreSQL when
 * DATABASE_URL is set): an inspection from the phone scored by the core's rubric, every case
 * transition × role (403 with a Chinese message, 409 for the wrong state), deadlines and colours
 * under LIANPIAN_NOW, the 抄告单 PDF's three copies, a department seeing only its own, rounds and
 * Open311.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectionOutcome, parseCampaignConfig, supervisionRecordOf, type CaseTransition } from '../../src/core/index.ts';
import type { CaseView, InspectionCreated, InspectionRow, ReferralRow, RoundRow, StatusRow, TodayList } from '../../src/api/index.ts';
import { ADMIN_PASSWORD, Client, DB_KIND, signedIn, startTestServer, type TestServer } from './harness.ts';

const COMMUNITY = '330302006044'; // 鼓楼社区, 五马街道 330302006
const STREET = '330302006';
const PASSWORD = 'a-long-password-1';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const C = '/api/campaigns/lucheng';

const USERS = {
  insp: { role: 'inspector', scope: [STREET] },
  far: { role: 'inspector', scope: ['330302023'] },
  wuma: { role: 'street', scope: [STREET] },
  cg: { role: 'department', scope: ['chengguan'] },
  ga: { role: 'department', scope: ['gongan'] },
  lead: { role: 'leader', scope: [] },
} as const;
type Name = 'admin' | keyof typeof USERS;

let server: TestServer;
const as = {} as Record<Name, Client>;
const CHINESE = /[\u4e00-\u9fff]/;

/** Decodes the text of a PDF's `<hex> Tj` operators (UCS-2, as src/export/pdf-pages.ts writes them). */
function pdfStrings(bytes: Uint8Array): string[] {
  const text = new TextDecoder('latin1').decode(bytes);
  return [...text.matchAll(/<([0-9a-f]+)> Tj/g)].map((match) => String.fromCharCode(...match[1]!.match(/.{4}/g)!.map((hex) => Number.parseInt(hex, 16))));
}

async function inspect(client: Client, body: Record<string, unknown>) {
  return client.request<InspectionCreated>('POST', `${C}/inspections`, { community: COMMUNITY, date: '2002-03-04', kind: 'spot', ...body });
}

const move = (client: Client, id: string, to: CaseTransition, extra: Record<string, unknown> = {}) => client.request<CaseView>('POST', `${C}/cases/${id}/transitions`, { to, note: '说明', ...extra });
const caseOf = async (id: string, client: Client = as.admin) => (await client.get<CaseView>(`${C}/cases/${id}`)).body;

beforeAll(async () => {
  process.env.LIANPIAN_NOW = '2002-03-04'; // a Monday
  server = await startTestServer();
  as.admin = await signedIn(server.base, 'admin', ADMIN_PASSWORD);
  for (const [name, user] of Object.entries(USERS)) {
    expect((await as.admin.request('POST', '/api/users', { username: name, password: PASSWORD, ...user })).status).toBe(201);
    as[name as Name] = await signedIn(server.base, name, PASSWORD);
  }
}, 120_000);

afterAll(async () => {
  delete process.env.LIANPIAN_NOW;
  await server?.close();
});

describe.sequential(`supervision API on ${DB_KIND}`, () => {
  let streetCase: string;
  let departmentCase: string;

  it('the seeded Lucheng campaign ships illustrative rounds, cases in several states and colours (at LIANPIAN_NOW=2002-05-29) and slips', async () => {
    process.env.LIANPIAN_NOW = '2002-05-29';
    try {
      const cases = (await as.lead.get<{ cases: CaseView[] }>(`${C}/cases`)).body.cases;
      expect(new Set(cases.map((entry) => entry.state)).size).toBeGreaterThanOrEqual(5);
      expect(new Set(cases.map((entry) => entry.colour))).toEqual(new Set([null, 'blue', 'yellow', 'red']));
      expect((await as.lead.get<{ rounds: RoundRow[] }>(`${C}/rounds`)).body.rounds.length).toBeGreaterThan(5);
      const slips = (await as.lead.get<{ referrals: ReferralRow[] }>(`${C}/referrals`)).body.referrals;
      expect(slips.length).toBeGreaterThan(0);
      const pdf = await fetch(`${server.base}${C}/cases/${slips[0]!.caseId}/referral.pdf`, { headers: { cookie: as.lead.cookie! } });
      expect(pdf.status).toBe(200);
      expect(pdfStrings(new Uint8Array(await pdf.arrayBuffer())).filter((line) => line === slips[0]!.number)).toHaveLength(3);
    } finally {
      process.env.LIANPIAN_NOW = '2002-03-04';
    }
  });

  it('POST inspections records the phone form, scores it with the core rubric and opens a case per problem', async () => {
    const before = (await as.admin.get<StatusRow>(`${C}/communities/${COMMUNITY}`)).body;
    const history = (await as.admin.get<InspectionRow[]>(`${C}/inspections`)).body;
    const settings = (await as.admin.get<Record<string, unknown>>(`${C}/files/campaign`)).body;
    const items = { facilities: { readingRoom: !before.facilities.readingRoom }, lightingRate: 0.97, openDisorders: 2 };
    const created = await inspect(as.insp, {
      items,
      note: '抽查',
      photos: [{ dataUrl: PNG, takenAt: '2002-03-04T09:30:00+08:00', lon: 120.66, lat: 28.02 }],
      problems: [
        { category: 'stall', note: '路口乱设摊', lon: 120.6605, lat: 28.0257, photos: [{ dataUrl: PNG }] },
        { category: 'building', note: '屋顶违章搭建' },
      ],
      clientId: 'outbox-1',
    });
    expect(created.status).toBe(201);
    const { inspection, cases } = created.body;
    expect(cases).toHaveLength(2);
    [streetCase, departmentCase] = cases.map((entry) => entry.id) as [string, string];
    const config = parseCampaignConfig(settings);
    const expected = inspectionOutcome(before, { code: COMMUNITY, name: before.name, date: '2002-03-04', kind: 'spot', items, note: '抽查', problemsFound: 2, problemsRectified: 0 }, supervisionRecordOf(history, COMMUNITY), config);
    expect(inspection.score).toBe(expected.rubric.score);
    expect(inspection.rubric).toEqual(expected.rubric.parts);
    expect(inspection.statusChanges.map((change) => change.field).sort()).toEqual(['facilities.readingRoom', 'lightingRate', 'openDisorders']);
    const after = (await as.admin.get<StatusRow>(`${C}/communities/${COMMUNITY}`)).body;
    expect(after).toMatchObject({ lightingRate: 0.97, openDisorders: 2, version: before.version + 1 });
    // The lagging report's input has it, with the rubric's score.
    const inspections = (await as.admin.get<InspectionRow[]>(`${C}/inspections`)).body.filter((row) => row.code === COMMUNITY);
    expect(inspections.find((row) => row.id === Number(inspection.id))).toMatchObject({ score: expected.rubric.score, kind: 'weekly', problemsFound: 2 });
    // Problems: routed by category, the first at its point with its photo, the second at the community's label point.
    const stall = await caseOf(streetCase);
    expect(stall).toMatchObject({ state: 'reported', unit: { kind: 'street', id: STREET }, unitName: '五马街道', lon: 120.6605, lat: 28.0257, colour: null, deadline: null });
    expect(stall.photos).toHaveLength(1);
    const photo = await fetch(`${server.base}${C}/photos/${stall.photos[0]}`, { headers: { cookie: as.admin.cookie! } });
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await photo.arrayBuffer()).equals(Buffer.from(PNG.split(',')[1]!, 'base64'))).toBe(true);
    const building = await caseOf(departmentCase);
    expect(building.unit).toEqual({ kind: 'department', id: 'chengguan' });
    expect(building.lon).not.toBeNull();
  });

  it('POST inspections again with the same clientId answers the first result (an outbox resend)', async () => {
    const again = await inspect(as.insp, { problems: [{ category: 'stall' }], clientId: 'outbox-1' });
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    expect(again.body.cases.map((entry) => entry.id)).toEqual([streetCase, departmentCase]);
  });

  it('POST inspections on a status row changed meanwhile answers 409 with the current row, for review', async () => {
    const current = (await as.admin.get<StatusRow>(`${C}/communities/${COMMUNITY}`)).body;
    const stale = await inspect(as.insp, { items: { drugFree: true }, baseVersion: current.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'E_CONFLICT', current: { version: current.version } });
    expect((await as.admin.get<StatusRow>(`${C}/communities/${COMMUNITY}`)).body.version).toBe(current.version);
  });

  it('POST inspections refuses a typed score, an unknown category and an inspector out of scope', async () => {
    expect((await inspect(as.insp, { items: {}, score: 99 })).status).toBe(400);
    const unknown = await inspect(as.insp, { problems: [{ category: 'nope' }] });
    expect(unknown.status).toBe(400);
    expect((unknown.body as unknown as { message: string }).message).toMatch(CHINESE);
    const far = await inspect(as.far, {});
    expect(far.status).toBe(403);
    expect((far.body as unknown as { message: string }).message).toMatch(CHINESE);
    expect((await inspect(as.lead, {})).status).toBe(403);
  });

  it('moves a street case through every state with the right roles: 403 for every other role, 409 for the wrong state', async () => {
    const steps: [CaseTransition, Name[], Record<string, unknown>?][] = [
      ['registered', ['admin']],
      ['assigned', ['admin']],
      ['in_progress', ['wuma']],
      ['fixed', ['wuma'], { photos: [{ dataUrl: PNG }] }],
      ['verified', ['insp']],
      ['closed', ['admin', 'insp']],
    ];
    const everyone: Name[] = ['admin', 'insp', 'far', 'wuma', 'cg', 'ga', 'lead'];
    for (const [to, movers, extra] of steps) {
      for (const name of everyone.filter((candidate) => !movers.includes(candidate))) {
        const refused = await move(as[name], streetCase, to, extra);
        expect(refused.status, `${to} by ${name}`).toBe(name === 'cg' || name === 'ga' ? 404 : 403);
        expect((refused.body as unknown as { message: string }).message).toMatch(CHINESE);
      }
      const moved = await move(as[movers.at(-1)!], streetCase, to, extra);
      expect(moved.status, `${to} by ${movers.at(-1)}`).toBe(200);
      // The same step again: the state no longer allows it.
      if (to !== 'assigned') {
        const repeated = await move(as[movers[0]!], streetCase, to, extra);
        expect(repeated.status).toBe(409);
        expect((repeated.body as unknown as { code: string; message: string })).toMatchObject({ code: 'E_STATE' });
      }
    }
    const closed = await caseOf(streetCase);
    expect(closed.state).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.history.map((event) => `${event.transition}:${event.actor}`)).toEqual(['reported:insp', 'registered:admin', 'assigned:admin', 'in_progress:wuma', 'fixed:wuma', 'verified:insp', 'closed:insp']);
    // Every transition is an audit event.
    const audit = (await as.admin.get<{ action: string; entity: string }[]>(`${C}/audit?limit=1000`)).body.filter((event) => event.entity === `case:${streetCase}`);
    expect(audit.map((event) => event.action).sort()).toEqual(['case.assigned', 'case.closed', 'case.fixed', 'case.in_progress', 'case.registered', 'case.verified']);
  });

  it('a failed verification goes back to 整改中 and counts; two make the case red', async () => {
    const id = (await inspect(as.insp, { problems: [{ category: 'dumping', note: '垃圾堆放' }] })).body.cases[0]!.id;
    await move(as.admin, id, 'registered');
    await move(as.admin, id, 'assigned', { deadline: '2002-12-31' });
    await move(as.wuma, id, 'in_progress');
    for (let round = 1; round <= 2; round++) {
      expect((await move(as.wuma, id, 'fixed', { note: '已清理' })).status).toBe(200);
      const reopened = await move(as.insp, id, 'reopened', { note: '又有堆放' });
      expect(reopened.body).toMatchObject({ state: 'in_progress', reopenings: round });
    }
    expect((await caseOf(id)).colour).toBe('red');
  });

  it('a case past its deadline turns yellow, then red, as LIANPIAN_NOW moves (5 working days: due Monday 2002-03-11)', async () => {
    const id = (await inspect(as.insp, { problems: [{ category: 'stall', note: '占道经营' }] })).body.cases[0]!.id;
    await move(as.admin, id, 'registered');
    const assigned = await move(as.admin, id, 'assigned');
    expect(assigned.body).toMatchObject({ deadline: '2002-03-11', colour: null, unit: { kind: 'street', id: STREET } });
    const colourOn = async (day: string) => {
      process.env.LIANPIAN_NOW = day;
      const one = await caseOf(id);
      const listed = (await as.lead.get<{ cases: CaseView[] }>(`${C}/cases?unit=street:${STREET}`)).body.cases.find((entry) => entry.id === id);
      expect(listed?.colour).toBe(one.colour);
      return one.colour;
    };
    try {
      expect(await colourOn('2002-03-07')).toBe('blue');
      expect(await colourOn('2002-03-12')).toBe('yellow');
      expect(await colourOn('2002-03-14')).toBe('yellow');
      expect(await colourOn('2002-03-15')).toBe('red');
      const red = (await as.lead.get<{ cases: CaseView[] }>(`${C}/cases?colour=red`)).body.cases.map((entry) => entry.id);
      expect(red).toContain(id);
    } finally {
      process.env.LIANPIAN_NOW = '2002-03-04';
    }
  });

  it('a case referred to a department gets a numbered 抄告单: an A4 PDF with three copies of the same number', async () => {
    await move(as.admin, departmentCase, 'registered');
    const assigned = await move(as.admin, departmentCase, 'assigned', { note: '请于期限内拆除' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.referral).toMatch(/^鹿创抄〔2002〕第 \d+ 号$/);
    expect(assigned.body.deadline).toBe('2002-03-18'); // 乱搭建: 10 working days
    const response = await fetch(`${server.base}${C}/cases/${departmentCase}/referral.pdf`, { headers: { cookie: as.cg.cookie! } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
    expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBe(1);
    const strings = pdfStrings(bytes);
    expect(strings.filter((line) => line === assigned.body.referral)).toHaveLength(3);
    for (const copy of ['市创建办', '市属部门', '留底']) expect(strings.filter((line) => line.endsWith(copy))).toHaveLength(1);
    expect(strings.filter((line) => line === '市城管执法局：')).toHaveLength(3);
    expect(strings.filter((line) => line === '沿此线剪开')).toHaveLength(2);
    // Two cut lines: dashed strokes across the page.
    expect((text.match(/\[6 4\] 0 d [\d.]+ [\d.]+ m [\d.]+ [\d.]+ l S/g) ?? []).length).toBe(2);
  });

  it('the department account sees only its own cases and slips, answers them and uploads proof', async () => {
    const mine = (await as.cg.get<{ cases: CaseView[] }>(`${C}/cases`)).body.cases;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((entry) => entry.unit.kind === 'department' && entry.unit.id === 'chengguan')).toBe(true);
    expect(mine.map((entry) => entry.id)).toContain(departmentCase);
    expect((await as.ga.get<{ cases: CaseView[] }>(`${C}/cases`)).body.cases.map((entry) => entry.id)).not.toContain(departmentCase);
    expect((await as.cg.get(`${C}/cases/${streetCase}`)).status).toBe(404);
    expect((await as.ga.get(`${C}/cases/${departmentCase}`)).status).toBe(404);
    expect((await fetch(`${server.base}${C}/cases/${departmentCase}/referral.pdf`, { headers: { cookie: as.ga.cookie! } })).status).toBe(404);
    const slips = (await as.cg.get<{ referrals: ReferralRow[] }>(`${C}/referrals`)).body.referrals;
    expect(slips.every((slip) => slip.department === 'chengguan')).toBe(true);
    expect(slips.map((slip) => slip.caseId)).toContain(departmentCase);
    expect((await as.ga.get<{ referrals: ReferralRow[] }>(`${C}/referrals`)).body.referrals.map((slip) => slip.caseId)).not.toContain(departmentCase);
    // The street may not act on a department's case; the department may.
    expect((await move(as.wuma, departmentCase, 'in_progress')).status).toBe(403);
    const view = await caseOf(departmentCase, as.cg);
    expect(view.allowed).toEqual(['in_progress']);
    expect((await move(as.cg, departmentCase, 'in_progress', { note: '已安排拆除' })).status).toBe(200);
    const fixed = await move(as.cg, departmentCase, 'fixed', { note: '已拆除', photos: [{ dataUrl: PNG }] });
    expect(fixed.status).toBe(200);
    expect(fixed.body.history.at(-1)!.photos).toHaveLength(1);
    // The slip shows every contact since the referral.
    const pdf = new Uint8Array(await (await fetch(`${server.base}${C}/cases/${departmentCase}/referral.pdf`, { headers: { cookie: as.cg.cookie! } })).arrayBuffer());
    const strings = pdfStrings(pdf).join('\n');
    expect(strings).toContain('整改中：已安排拆除');
    expect(strings).toContain('已反馈：已拆除');
  });

  it('a wrong role gets 403 with a Chinese message before anything else, even a leader on a case it cannot see change', async () => {
    const refused = await move(as.lead, departmentCase, 'verified');
    expect(refused.status).toBe(403);
    expect((refused.body as unknown as { message: string }).message).toMatch(CHINESE);
    expect((await move(as.insp, departmentCase, 'closed')).status).toBe(409);
    expect((await move(as.far, departmentCase, 'verified')).status).toBe(403);
  });

  it('rounds: an admin schedules one, the inspector sees it in today’s list and ticks the community off by inspecting it', async () => {
    const body = { kind: 'weekly', title: '第 10 周周查', start: '2002-03-04', end: '2002-03-08', communities: [COMMUNITY, '330302006045'], inspectors: ['insp'] };
    expect((await as.insp.request('POST', `${C}/rounds`, body)).status).toBe(403);
    expect((await as.admin.request('POST', `${C}/rounds`, { ...body, inspectors: ['wuma'] })).status).toBe(400);
    const created = await as.admin.request<RoundRow>('POST', `${C}/rounds`, body);
    expect(created.status).toBe(201);
    const today = async (client: Client) => (await client.get<TodayList>(`${C}/rounds/today`)).body;
    const list = await today(as.insp);
    const entry = list.rounds.find((round) => round.round.id === created.body.id)!;
    expect(list.date).toBe('2002-03-04');
    expect(entry.communities.map((community) => [community.code, community.inspected])).toEqual([
      [COMMUNITY, false],
      ['330302006045', false],
    ]);
    expect(entry.communities[0]).toMatchObject({ name: '鼓楼社区', streetName: '五马街道' });
    expect((await today(as.far)).rounds.map((round) => round.round.id)).not.toContain(created.body.id);
    expect((await inspect(as.insp, { kind: 'weekly', roundId: created.body.id })).status).toBe(201);
    expect((await today(as.insp)).rounds.find((round) => round.round.id === created.body.id)!.communities[0]!.inspected).toBe(true);
    expect((await inspect(as.insp, { community: '330302006071', roundId: created.body.id })).status).toBe(400);
  });

  it('Open311 GeoReport v2 lists the case with status, agency_responsible and expected_datetime, and takes a report', async () => {
    const services = (await new Client(server.base).get<{ service_code: string; service_name: string }[]>('/open311/v2/services.json')).body;
    expect(services.map((service) => service.service_code)).toContain('building');
    const requests = (await new Client(server.base).get<Record<string, unknown>[]>('/open311/v2/requests.json?jurisdiction_id=lucheng')).body;
    const found = requests.find((request) => request.service_request_id === departmentCase);
    expect(found).toMatchObject({ status: 'open', agency_responsible: '市城管执法局', expected_datetime: '2002-03-18T23:59:59+08:00', service_code: 'building', address_id: COMMUNITY });
    const closed = (await new Client(server.base).get<Record<string, unknown>[]>(`/open311/v2/requests/${streetCase}.json`)).body;
    expect(closed).toMatchObject([{ service_request_id: streetCase, status: 'closed', agency_responsible: '五马街道' }]);
    expect((await new Client(server.base).get<Record<string, unknown>[]>('/open311/v2/requests.json?status=closed')).body.every((request) => request.status === 'closed')).toBe(true);
    const form = `jurisdiction_id=lucheng&service_code=lighting&address_id=${COMMUNITY}&lat=28.02&long=120.66&description=${encodeURIComponent('楼道灯不亮')}`;
    const posted = await as.insp.request<{ service_request_id: string }[]>('POST', '/open311/v2/requests.json', form, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(posted.status).toBe(201);
    expect(await caseOf(posted.body[0]!.service_request_id)).toMatchObject({ state: 'reported', category: 'lighting', unit: { kind: 'department', id: 'shizheng' }, note: '楼道灯不亮' });
    expect((await as.lead.request('POST', '/open311/v2/requests.json', form, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(403);
    expect((await new Client(server.base).request('POST', '/open311/v2/requests.json', form, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(401);
  });

  it('GET lagging gains a grade per community and street, read with the cases (a red case makes its community red)', async () => {
    const lagging = (await as.lead.get<{ communities: { code: string; grade: string; redCases: number; openCases: number }[]; streets: { grade: string }[] }>(`${C}/lagging`)).body;
    expect(lagging.communities.every((community) => ['red', 'yellow', 'green'].includes(community.grade))).toBe(true);
    expect(lagging.streets.every((street) => ['red', 'yellow', 'green'].includes(street.grade))).toBe(true);
    const mine = lagging.communities.find((community) => community.code === COMMUNITY)!;
    const red = (await as.lead.get<{ cases: CaseView[] }>(`${C}/cases?community=${COMMUNITY}&colour=red`)).body.cases;
    expect(red.length).toBeGreaterThan(0);
    expect(mine.redCases).toBe(red.length);
    expect(mine.grade).toBe('red');
  });

  it('a live event tells every dashboard of a new inspection and of a case change', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.base}${C}/events`, { headers: { cookie: as.lead.cookie! }, signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const readUntil = async (pattern: RegExp) => {
      while (!pattern.test(buffer)) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/event: hello/);
    const created = await inspect(as.insp, { problems: [{ category: 'posting', note: '小广告' }] });
    await readUntil(/"type":"inspection\.created"/);
    await move(as.admin, created.body.cases[0]!.id, 'registered');
    await readUntil(/"type":"case\.changed"/);
    controller.abort();
    const events = [...buffer.matchAll(/event: change\ndata: (.*)\n/g)].map((match) => JSON.parse(match[1]!) as { type: string; cases?: CaseView[]; case?: CaseView });
    expect(events.find((event) => event.type === 'inspection.created')!.cases!.map((entry) => entry.id)).toEqual([created.body.cases[0]!.id]);
    expect(events.find((event) => event.type === 'case.changed')!.case).toMatchObject({ id: created.body.cases[0]!.id, state: 'registered' });
  });
});
