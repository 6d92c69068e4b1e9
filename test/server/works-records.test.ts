/**
 * Works records' API (issue 21) on a real server and database: submitting 申报 and correcting a
 * project (201/200, 403 leader, street and a department outside the joint team, 409 stale with the
 * project as stored, 400 naming the field in Chinese, stage and money not correctable), the people
 * responsible and instructors (admin only), what each instructor did in the supervision loop, and
 * the timetable as the core counts it from the server's day. Every write leaves its audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timetable, type Instructor, type Person, type ProjectRecord, type TimetableItem } from '../../src/core/index.ts';
import type { CaseView } from '../../src/api/index.ts';
import { ADMIN_PASSWORD, DB_KIND, signedIn, startTestServer, type Client, type TestServer } from './harness.ts';

const C = '/api/campaigns/lucheng';
const PASSWORD = 'a-long-password-1';
const COMMUNITY = '330302006044'; // 鼓楼社区, 五马街道
const STREET = '330302006';
const OTHER_STREET = '330302023';
const CHINESE = /[\u4e00-\u9fff]/;

let server: TestServer;
let admin: Client;
let cjb: Client;
let lead: Client;
let street: Client;
let cityDept: Client;
let inspector: Client;

type Answer<T> = T & { code?: string; message?: string; current?: T };
/** The entity's audit rows, oldest first (the audit answers newest first). */
const audit = async (entity: string) => (await admin.get<{ action: string; entity: string; actor: string; after: unknown }[]>(`${C}/audit?limit=1000`)).body.filter((event) => event.entity === entity).reverse();
const people = async () => (await lead.get<{ people: Person[]; instructors: Instructor[] }>(`${C}/people`)).body;

const NEW_PROJECT = {
  title: '鼓楼社区楼道灯改造（测试）',
  kind: 'stair_lighting',
  description: '三幢老楼的楼道灯',
  target: { kind: 'community', id: COMMUNITY },
  street: STREET,
  budgetWan: 12.5,
  source: 'city_first',
  responsible: 'p1',
  start: '2002-06-01',
  due: '2002-06-20',
};

beforeAll(async () => {
  process.env.LIANPIAN_NOW = '2002-06-01';
  server = await startTestServer();
  admin = await signedIn(server.base, 'admin', ADMIN_PASSWORD);
  cjb = await signedIn(server.base, 'unit-cjb', ADMIN_PASSWORD);
  const users = [
    ['lead', 'leader', []],
    ['wuma', 'street', [STREET]],
    ['cg', 'department', ['chengguan']],
    ['zdy', 'inspector', [STREET]],
  ] as const;
  for (const [username, role, scope] of users) expect((await admin.request('POST', '/api/users', { username, password: PASSWORD, role, scope })).status).toBe(201);
  lead = await signedIn(server.base, 'lead', PASSWORD);
  street = await signedIn(server.base, 'wuma', PASSWORD);
  cityDept = await signedIn(server.base, 'cg', PASSWORD);
  inspector = await signedIn(server.base, 'zdy', PASSWORD);
}, 120_000);

afterAll(async () => {
  delete process.env.LIANPIAN_NOW;
  await server?.close();
});

describe.sequential(`works records API on ${DB_KIND}`, () => {
  let created: ProjectRecord;

  it('POST projects: a joint-team unit submits a project at 申报 with the next number (201), audited, and it is listed', async () => {
    const before = (await admin.get<{ projects: ProjectRecord[] }>(`${C}/projects`)).body.projects;
    const response = await cjb.request<ProjectRecord>('POST', `${C}/projects`, NEW_PROJECT);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    created = response.body;
    expect(created).toMatchObject({ ...NEW_PROJECT, stage: 'submitted', history: [], disbursements: [], spentWan: 0, version: 1, number: Math.max(...before.map((item) => item.number)) + 1 });
    expect((await admin.get<{ projects: ProjectRecord[] }>(`${C}/projects`)).body.projects.find((item) => item.id === created.id)).toEqual(created);
    expect((await audit(`project:${created.id}`)).map((event) => [event.action, event.actor])).toEqual([['project.submit', 'unit-cjb']]);
    expect((await admin.request<ProjectRecord>('POST', `${C}/projects`, { ...NEW_PROJECT, title: '管理员申报（测试）' })).status).toBe(201);
  });

  it('POST projects is refused (403, Chinese) to a leader, a street account and a department outside the joint team', async () => {
    for (const client of [lead, street, cityDept]) {
      const response = await client.request<Answer<ProjectRecord>>('POST', `${C}/projects`, NEW_PROJECT);
      expect(response.status).toBe(403);
      expect(response.body.message).toMatch(CHINESE);
    }
  });

  it('POST projects with an invalid field is a 400 whose Chinese message names the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ budgetWan: -1 }, 'budgetWan'],
      [{ budgetWan: '十万' }, 'budgetWan'],
      [{ title: '' }, 'title'],
      [{ kind: 'bridge' }, 'kind'],
      [{ due: '20020620' }, 'due'],
      [{ stage: 'accepted' }, 'stage'],
      [{ source: 'lottery' }, 'source'],
      [{ street: OTHER_STREET }, 'street'],
      [{ target: { kind: 'community', id: '999' } }, 'target.id'],
      [{ responsible: 'p99999' }, 'responsible'],
      [{ due: '2002-05-01' }, 'due'],
    ];
    for (const [change, field] of cases) {
      const response = await cjb.request<Answer<ProjectRecord>>('POST', `${C}/projects`, { ...NEW_PROJECT, ...change });
      expect(response.status, field).toBe(400);
      expect(response.body.message, field).toContain(field);
      expect(response.body.message, field).toMatch(CHINESE);
    }
  });

  it('PATCH projects/:pid corrects the facts (200, version +1, audited); a stale version is a 409 with the project as stored', async () => {
    const response = await cjb.request<ProjectRecord>('PATCH', `${C}/projects/${created.id}`, { version: created.version, changes: { title: '鼓楼社区楼道灯改造（更正）', due: '2002-06-25' } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ title: '鼓楼社区楼道灯改造（更正）', due: '2002-06-25', version: created.version + 1, stage: 'submitted', budgetWan: created.budgetWan });
    const stale = await admin.request<Answer<ProjectRecord>>('PATCH', `${C}/projects/${created.id}`, { version: created.version, changes: { title: '另一个标题' } });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toEqual(response.body);
    expect((await audit(`project:${created.id}`)).map((event) => event.action)).toEqual(['project.submit', 'project.correct']);
    created = response.body;
  });

  it('PATCH projects/:pid refuses stage and money fields (400 naming them), a bad fact (400) and a leader or a street (403)', async () => {
    for (const field of ['stage', 'budgetWan', 'source', 'disbursements', 'spentWan']) {
      const response = await cjb.request<Answer<ProjectRecord>>('PATCH', `${C}/projects/${created.id}`, { version: created.version, changes: { [field]: field === 'stage' ? 'paid' : 1 } });
      expect(response.status, field).toBe(400);
      expect(response.body.message).toContain(field);
    }
    const bad = await cjb.request<Answer<ProjectRecord>>('PATCH', `${C}/projects/${created.id}`, { version: created.version, changes: { street: OTHER_STREET } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('street');
    for (const client of [lead, street]) expect((await client.request('PATCH', `${C}/projects/${created.id}`, { version: created.version, changes: { title: 'x' } })).status).toBe(403);
    expect((await admin.get<ProjectRecord>(`${C}/projects/${created.id}`)).body).toEqual(created);
  });

  it('POST and PATCH people: the admin adds and corrects a person responsible (201/200, audited); others 403; stale 409; invalid 400 naming the field', async () => {
    const body = { name: '测试责任人', title: '副主任', unit: '区创建办', phone: '0577-88000000', responsibleFor: [{ kind: 'deadline', id: 'demo' }] };
    const response = await admin.request<Person>('POST', `${C}/people`, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const person = response.body;
    expect(person).toMatchObject({ ...body, username: null, version: 1 });
    expect((await people()).people.find((item) => item.id === person.id)).toEqual(person);
    for (const client of [cjb, lead, street]) expect((await client.request('POST', `${C}/people`, body)).status).toBe(403);
    const invalid = await admin.request<Answer<Person>>('POST', `${C}/people`, { ...body, phone: '打电话' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toContain('phone');
    const patched = await admin.request<Person>('PATCH', `${C}/people/${person.id}`, { version: 1, changes: { phone: '0577-88000001' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ phone: '0577-88000001', version: 2, name: body.name });
    const stale = await admin.request<Answer<Person>>('PATCH', `${C}/people/${person.id}`, { version: 1, changes: { name: '旧版本' } });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toEqual(patched.body);
    expect((await cjb.request('PATCH', `${C}/people/${person.id}`, { version: 2, changes: { name: 'x' } })).status).toBe(403);
    expect((await audit(`person:${person.id}`)).map((event) => event.action)).toEqual(['person.create', 'person.update']);
  });

  it('POST and PATCH instructors: the admin adds and corrects an instructor (201/200, audited); others 403; stale 409; unknown community 400', async () => {
    const body = { name: '测试指导员', community: COMMUNITY, homeUnit: '市测试局', start: '2002-03-01', phone: '13800000000', username: 'zdy' };
    const response = await admin.request<Instructor>('POST', `${C}/instructors`, body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toMatchObject({ ...body, version: 1 });
    const id = response.body.id;
    for (const client of [cjb, lead, inspector]) expect((await client.request('POST', `${C}/instructors`, body)).status).toBe(403);
    const unknown = await admin.request<Answer<Instructor>>('POST', `${C}/instructors`, { ...body, community: '999' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('community');
    const patched = await admin.request<Instructor>('PATCH', `${C}/instructors/${id}`, { version: 1, changes: { homeUnit: '市测试局（更正）' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ homeUnit: '市测试局（更正）', version: 2 });
    expect((await admin.request('PATCH', `${C}/instructors/${id}`, { version: 1, changes: { homeUnit: 'x' } })).status).toBe(409);
    expect((await audit(`instructor:${id}`)).map((event) => event.action)).toEqual(['instructor.create', 'instructor.update']);
  });

  it('GET people counts what each instructor’s account did: inspections recorded, cases opened and how many of those are closed', async () => {
    const mine = () => people().then((body) => body.instructors.find((item) => item.username === 'zdy')!);
    expect((await mine()).activity).toEqual({ visits: 0, lastVisit: null, reported: 0, solved: 0 });
    const inspection = await inspector.request<{ cases: { id: string }[] }>('POST', `${C}/inspections`, { community: COMMUNITY, date: '2002-06-01', kind: 'spot', problems: [{ category: 'stall', note: '占道经营' }, { category: 'dumping', note: '垃圾' }] });
    expect(inspection.status, JSON.stringify(inspection.body)).toBe(201);
    expect((await mine()).activity).toEqual({ visits: 1, lastVisit: '2002-06-01', reported: 2, solved: 0 });
    // A seeded inspector's name given to an instructor: the counts are those of the seeded rows.
    const cases = (await admin.get<{ cases: CaseView[] }>(`${C}/cases`)).body.cases;
    const opener = cases.find((item) => item.state === 'closed')!.history[0]!.actor;
    const theirs = cases.filter((item) => item.history[0]!.actor === opener);
    const seeded = await admin.request<Instructor>('POST', `${C}/instructors`, { name: '示意指导员', community: COMMUNITY, homeUnit: '市测试局', start: '2002-03-01', username: opener });
    const activity = (await people()).instructors.find((item) => item.id === seeded.body.id)!.activity!;
    expect(activity.reported).toBe(theirs.length);
    expect(activity.solved).toBe(theirs.filter((item) => item.state === 'closed').length);
    expect(activity.solved).toBeGreaterThan(0);
    expect((await people()).instructors.filter((item) => item.username === null).every((item) => item.activity === null)).toBe(true);
  });

  it('GET timetable is every deadline and unpaid project counted from the server’s day, as the core counts it', async () => {
    const response = await lead.get<{ today: string; items: TimetableItem[] }>(`${C}/timetable`);
    expect(response.status).toBe(200);
    expect(response.body.today).toBe('2002-06-01');
    const projects = (await lead.get<{ projects: ProjectRecord[] }>(`${C}/projects`)).body.projects;
    const deadlines = [
      { id: 'demo', label: '建成精品示范社区', date: '2002-06-30', responsible: '区创建办' },
      { id: 'final', label: '十六大前完成全部创建任务', date: '2002-11-07', responsible: '区委、区政府' },
    ];
    expect(response.body.items).toEqual(timetable(deadlines, projects, (await people()).people, '2002-06-01'));
    const mine = response.body.items.find((item) => item.id === created.id)!;
    expect(mine).toMatchObject({ kind: 'project', daysLeft: 24, person: { id: 'p1' } });
    expect(response.body.items.filter((item) => item.kind === 'project')).toHaveLength(projects.filter((item) => item.stage !== 'paid').length);
  });
});
