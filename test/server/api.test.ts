/**
 * The campaign server's API (issue 19) on a real server and database (PGlite, or PostgreSQL when
 * DATABASE_URL is set): accounts, the role × write matrix in and out of scope, CSRF, sessions,
 * hostile input, body limits, optimistic concurrency, live events and the CLI-identical documents.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/cli/commands/analyze.ts';
import { loadDataset, reportDocument } from '../../src/cli/commands/report.ts';
import { laggingReport, type CaseRecord } from '../../src/core/index.ts';
import { casesClock } from '../../src/server/campaign/supervision.ts';
import { importProjectFile } from '../../src/state/project-file.ts';
import type { StatusRow } from '../../src/api/index.ts';
import { ADMIN_PASSWORD, Client, DB_KIND, signedIn, startTestServer, type TestServer } from './harness.ts';

const IN_COMMUNITY = '330302006044'; // 鼓楼社区, 五马街道 330302006
const OUT_COMMUNITY = '330302023001'; // 江都社区, another street
const PASSWORD = 'a-long-password-1';
const DEPT_IN = 'dept-city-management';
const DEPT_OUT = 'dept-water';

const USERS = {
  street: { role: 'street', scope: ['330302006'] },
  inspector: { role: 'inspector', scope: ['330302006'] },
  instructor: { role: 'instructor', scope: [IN_COMMUNITY] },
  department: { role: 'department', scope: [DEPT_IN] },
  leader: { role: 'leader', scope: [] },
} as const;
type RoleName = 'admin' | keyof typeof USERS;
const ROLE_NAMES: RoleName[] = ['admin', 'street', 'inspector', 'instructor', 'department', 'leader'];

let server: TestServer;
let admin: Client;
const clients = {} as Record<RoleName, Client>;
let problemIn: number;
let problemOut: number;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedIn(server.base, 'admin', ADMIN_PASSWORD);
  clients.admin = admin;
  for (const [name, user] of Object.entries(USERS)) {
    const created = await admin.request('POST', '/api/users', { username: name, password: PASSWORD, ...user });
    expect(created.status).toBe(201);
    clients[name as RoleName] = await signedIn(server.base, name, PASSWORD);
  }
  const a = await admin.request<{ id: number }>('POST', '/api/campaigns/lucheng/problems', { code: IN_COMMUNITY, description: '楼道灯不亮', department: DEPT_IN });
  const b = await admin.request<{ id: number }>('POST', '/api/campaigns/lucheng/problems', { code: IN_COMMUNITY, description: '下水道堵塞', department: DEPT_OUT });
  problemIn = a.body.id;
  problemOut = b.body.id;
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const statusOf = async (code: string) => (await admin.get<StatusRow>(`/api/campaigns/lucheng/communities/${code}`)).body;
const planVersion = async () => (await admin.get<{ version: number }>('/api/campaigns/lucheng/plan')).body.version;

describe(`campaign server on ${DB_KIND}: accounts and sessions`, () => {
  it('POST /api/login answers 401 E_LOGIN for a wrong password and an unknown user alike', async () => {
    const client = new Client(server.base);
    for (const [username, password] of [['admin', 'wrong-password'], ['nobody', 'whatever']]) {
      const response = await client.login(username!, password!);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'E_LOGIN' });
      expect(client.cookie).toBeNull();
    }
  });

  it('POST /api/login sets an HttpOnly SameSite=Strict cookie and GET /api/me answers {username, role, scope}', async () => {
    const response = await fetch(`${server.base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'street', password: PASSWORD }) });
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(await response.json()).toEqual({ username: 'street', role: 'street', scope: ['330302006'] });
    expect((await clients.street.get('/api/me')).body).toEqual({ username: 'street', role: 'street', scope: ['330302006'] });
  });

  it('GET /api/me is 401 without a session, with a tampered cookie and after logout', async () => {
    expect((await new Client(server.base).get('/api/me')).status).toBe(401);
    const tampered = new Client(server.base);
    const real = clients.leader.cookie!;
    const last = real.at(-1) === 'A' ? 'B' : 'A';
    tampered.cookie = real.slice(0, -1) + last;
    expect((await tampered.get('/api/me')).status).toBe(401);
    tampered.cookie = "lianpian_session=' or 1=1 --";
    expect((await tampered.get('/api/me')).status).toBe(401);
    const leaving = await signedIn(server.base, 'leader', PASSWORD);
    const cookie = leaving.cookie;
    await leaving.request('POST', '/api/logout');
    const replay = new Client(server.base);
    replay.cookie = cookie;
    expect((await replay.get('/api/me')).status).toBe(401);
  });

  it('session fixation: a token planted before login is never the session after it', async () => {
    const victim = await signedIn(server.base, 'instructor', PASSWORD);
    const planted = victim.cookie!;
    // The attacker's browser holds the planted cookie and signs in: it gets a new token, and the planted one ends.
    const attacker = new Client(server.base);
    attacker.cookie = planted;
    await attacker.login('instructor', PASSWORD);
    expect(attacker.cookie).not.toBe(planted);
    expect((await attacker.get('/api/me')).status).toBe(200);
    const old = new Client(server.base);
    old.cookie = planted;
    expect((await old.get('/api/me')).status).toBe(401);
  });

  it('login is rate limited per account (429 with Retry-After), also for the right password then', async () => {
    await admin.request('POST', '/api/users', { username: 'limited', password: PASSWORD, role: 'leader', scope: [] });
    const client = new Client(server.base);
    for (let i = 0; i < 5; i++) expect((await client.login('limited', `wrong-${i}`)).status).toBe(401);
    const limited = await client.login('limited', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'E_RATE_LIMIT' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('an admin disables a user (sessions end, login refused) and resets a password', async () => {
    await admin.request('POST', '/api/users', { username: 'temp', password: PASSWORD, role: 'leader', scope: [] });
    const temp = await signedIn(server.base, 'temp', PASSWORD);
    const users = (await admin.get<{ username: string; version: number }[]>('/api/users')).body;
    const version = users.find((user) => user.username === 'temp')!.version;
    expect((await admin.request('PATCH', '/api/users/temp', { version, disabled: true })).status).toBe(200);
    expect((await temp.get('/api/me')).status).toBe(401);
    expect((await new Client(server.base).login('temp', PASSWORD)).status).toBe(401);
    expect((await admin.request('PATCH', '/api/users/temp', { version: version + 1, disabled: false, password: 'another-password' })).status).toBe(200);
    expect((await new Client(server.base).login('temp', 'another-password')).status).toBe(200);
    expect((await admin.get<unknown[]>('/api/users')).text).not.toMatch(/scrypt|password/);
  });
});

/** Each write endpoint, with a request in the caller's scope and one outside it (the same when unscoped). */
interface WriteCase {
  name: string;
  /** Roles allowed in scope (the table). */
  allowed: RoleName[];
  /** Scoped roles: outside their scope they get 403. */
  scoped: boolean;
  request: (inScope: boolean) => Promise<[method: string, path: string, body: unknown]>;
}

const WRITES: WriteCase[] = [
  {
    name: 'PATCH communities/:code (status)',
    allowed: ['admin', 'street'],
    scoped: true,
    request: async (inScope) => {
      const code = inScope ? IN_COMMUNITY : OUT_COMMUNITY;
      return ['PATCH', `/api/campaigns/lucheng/communities/${code}`, { version: (await statusOf(code)).version, changes: { openDisorders: 1 } }];
    },
  },
  {
    name: 'POST inspections',
    allowed: ['admin', 'inspector'],
    scoped: true,
    request: async (inScope) => ['POST', '/api/campaigns/lucheng/inspections', { code: inScope ? IN_COMMUNITY : OUT_COMMUNITY, date: '2002-05-20', kind: 'weekly', score: 88, problemsFound: 1, problemsRectified: 1, note: '复查' }],
  },
  {
    name: 'POST problems',
    allowed: ['admin', 'instructor'],
    scoped: true,
    request: async (inScope) => ['POST', '/api/campaigns/lucheng/problems', { code: inScope ? IN_COMMUNITY : OUT_COMMUNITY, description: '垃圾未清运', department: null }],
  },
  {
    name: 'PATCH problems/:pid (answer)',
    allowed: ['admin', 'department'],
    scoped: true,
    request: async (inScope) => {
      const id = inScope ? problemIn : problemOut;
      const problems = (await admin.get<{ id: number; version: number }[]>('/api/campaigns/lucheng/problems')).body;
      return ['PATCH', `/api/campaigns/lucheng/problems/${id}`, { version: problems.find((p) => p.id === id)!.version, answer: '已派员处理' }];
    },
  },
  { name: 'PUT plan', allowed: ['admin'], scoped: false, request: async () => ['PUT', '/api/campaigns/lucheng/plan', { version: await planVersion(), codes: null }] },
  { name: 'POST scenarios', allowed: ['admin'], scoped: false, request: async () => ['POST', '/api/campaigns/lucheng/scenarios', { name: '方案甲', codes: [IN_COMMUNITY] }] },
  {
    name: 'DELETE scenarios/:sid',
    allowed: ['admin'],
    scoped: false,
    request: async () => {
      const saved = await admin.request<{ id: number }>('POST', '/api/campaigns/lucheng/scenarios', { name: `待删 ${Math.random()}`, codes: [] });
      return ['DELETE', `/api/campaigns/lucheng/scenarios/${saved.body.id}`, undefined];
    },
  },
  {
    name: 'PUT settings',
    allowed: ['admin'],
    scoped: false,
    request: async () => {
      const campaign = (await admin.get<{ settingsVersion: number }>('/api/campaigns/lucheng')).body;
      return ['PUT', '/api/campaigns/lucheng/settings', { version: campaign.settingsVersion, settings: JSON.parse(readFileSync('data/lucheng/campaign.json', 'utf8')) }];
    },
  },
  {
    name: 'PUT boundaries',
    allowed: ['admin'],
    scoped: false,
    request: async () => {
      const campaign = (await admin.get<{ boundaryVersion: number }>('/api/campaigns/lucheng')).body;
      return ['PUT', '/api/campaigns/lucheng/boundaries', { version: campaign.boundaryVersion, file: 'communities.geojson', communities: JSON.parse(readFileSync('data/lucheng/communities.geojson', 'utf8')) }];
    },
  },
  { name: 'POST users', allowed: ['admin'], scoped: false, request: async () => ['POST', '/api/users', { username: `u${Math.floor(Math.random() * 1e9)}`, password: PASSWORD, role: 'leader', scope: [] }] },
  {
    name: 'PATCH users/:username',
    allowed: ['admin'],
    scoped: false,
    request: async () => {
      const user = (await admin.get<{ username: string; version: number }[]>('/api/users')).body.find((u) => u.username === 'temp2') ?? (await admin.request<{ username: string; version: number }>('POST', '/api/users', { username: 'temp2', password: PASSWORD, role: 'leader', scope: [] })).body;
      return ['PATCH', '/api/users/temp2', { version: user.version, scope: [] }];
    },
  },
];

describe(`campaign server on ${DB_KIND}: every role × every write, in and out of scope`, () => {
  for (const write of WRITES) {
    for (const role of ROLE_NAMES) {
      for (const inScope of write.scoped ? [true, false] : [true]) {
        const allowed = write.allowed.includes(role) && (inScope || role === 'admin');
        it(`${role} ${write.name}${write.scoped ? (inScope ? ' in scope' : ' outside scope') : ''} → ${allowed ? '2xx' : 403}`, async () => {
          const [method, path, body] = await write.request(inScope);
          const response = await clients[role].request(method, path, body);
          if (allowed) expect(response.status, response.text).toBeLessThan(300);
          else {
            expect(response.status, response.text).toBe(403);
            expect(response.body).toMatchObject({ code: 'E_FORBIDDEN' });
          }
        });
      }
    }
    it(`anonymous ${write.name} → 401`, async () => {
      const [method, path, body] = await write.request(true);
      const response = await new Client(server.base).request(method, path, body);
      expect(response.status).toBe(401);
    });
  }

  it('a refused write changes nothing and writes no audit event', async () => {
    const before = await statusOf(OUT_COMMUNITY);
    const auditBefore = (await admin.get<unknown[]>('/api/campaigns/lucheng/audit?limit=1')).body;
    await clients.street.request('PATCH', `/api/campaigns/lucheng/communities/${OUT_COMMUNITY}`, { version: before.version, changes: { responsible: '越权' } });
    expect(await statusOf(OUT_COMMUNITY)).toEqual(before);
    expect((await admin.get<unknown[]>('/api/campaigns/lucheng/audit?limit=1')).body).toEqual(auditBefore);
  });

  it('GET audit is admin only', async () => {
    for (const role of ROLE_NAMES.filter((name) => name !== 'admin')) expect((await clients[role].get('/api/campaigns/lucheng/audit')).status).toBe(403);
    expect((await new Client(server.base).get('/api/campaigns/lucheng/audit')).status).toBe(401);
  });
});

describe(`campaign server on ${DB_KIND}: hostile requests`, () => {
  it('refuses a state-changing request with a foreign Origin (403 E_ORIGIN) and accepts its own', async () => {
    const row = await statusOf(IN_COMMUNITY);
    const foreign = await admin.request('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: row.version, changes: { responsible: '跨站' } }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'E_ORIGIN' });
    expect((await statusOf(IN_COMMUNITY)).responsible).toBe(row.responsible);
    const loginFromElsewhere = await new Client(server.base).request('POST', '/api/login', { username: 'admin', password: ADMIN_PASSWORD }, { origin: 'null' });
    expect(loginFromElsewhere.status).toBe(403);
    const own = await admin.request('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: row.version, changes: { responsible: '本站' } }, { origin: server.base });
    expect(own.status).toBe(200);
  });

  const INJECTIONS = ["'; drop table community_status; --", "' or '1'='1", '1; select pg_sleep(5)', '"); delete from users; --', '\\x00\u0000'];

  it('SQL-injection strings in every field are stored as text or refused, and change nothing else', async () => {
    for (const evil of INJECTIONS) {
      const row = await statusOf(IN_COMMUNITY);
      const patched = await admin.request<StatusRow>('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: row.version, changes: { responsible: evil, name: evil, theme: evil } });
      if (evil.includes('\u0000')) expect(patched.status).toBe(400);
      else {
        expect(patched.status).toBe(200);
        expect(patched.body.responsible).toBe(evil);
      }
      for (const response of [
        await admin.get(`/api/campaigns/${encodeURIComponent(evil)}/communities/${encodeURIComponent(evil)}`),
        await admin.get(`/api/campaigns/lucheng/communities/${encodeURIComponent(evil)}`),
        await admin.request('POST', '/api/campaigns/lucheng/inspections', { code: evil, date: '2002-05-01', kind: 'weekly', score: 1, problemsFound: 0, problemsRectified: 0, note: evil }),
        await admin.request('POST', '/api/campaigns/lucheng/problems', { code: IN_COMMUNITY, description: evil, department: evil }),
        await admin.request('POST', '/api/campaigns/lucheng/scenarios', { name: evil, codes: [IN_COMMUNITY] }),
        await admin.request('PUT', '/api/campaigns/lucheng/plan', { version: await planVersion(), codes: [evil] }),
        await new Client(server.base).login(evil, evil),
        await admin.request('POST', '/api/users', { username: evil, password: `${evil}-long-enough`, role: 'leader', scope: [evil] }),
        await admin.get(`/api/campaigns/lucheng/audit?limit=${encodeURIComponent(evil)}&before=${encodeURIComponent(evil)}`),
      ]) {
        expect(response.status, response.text).toBeLessThan(500);
        expect(response.headers.get('content-type')).toMatch(/json/);
      }
    }
    // Everything is still there.
    expect((await admin.get<unknown[]>('/api/campaigns/lucheng/communities')).body).toHaveLength(171);
    expect((await new Client(server.base).login('admin', ADMIN_PASSWORD)).status).toBe(200);
  });

  it('stored-XSS names come back as JSON data, never as HTML', async () => {
    const xss = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const row = await statusOf(IN_COMMUNITY);
    await admin.request('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: row.version, changes: { name: xss } });
    const response = await admin.get<StatusRow>(`/api/campaigns/lucheng/communities/${IN_COMMUNITY}`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body.name).toBe(xss);
    const analysis = await admin.get('/api/campaigns/lucheng/analysis');
    expect(analysis.headers.get('content-type')).toMatch(/^application\/json/);
    const restored = await statusOf(IN_COMMUNITY);
    await admin.request('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: restored.version, changes: { name: '鼓楼社区' } });
  });

  it('oversized bodies get 413 JSON, malformed ones 400 JSON, unknown paths 404 JSON: no stack trace, no HTML', async () => {
    const big = await admin.request('POST', '/api/campaigns/lucheng/problems', { code: IN_COMMUNITY, description: 'x'.repeat(2 * 1024 * 1024), department: null });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'E_TOO_LARGE' });
    const malformed = await admin.request('POST', '/api/campaigns/lucheng/problems', '{"code":');
    expect(malformed.status).toBe(400);
    const wrongType = await admin.request('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: 'one', changes: { population: -5 } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ code: 'E_VALIDATION' });
    for (const response of [big, malformed, wrongType, await admin.get('/api/nothing-here'), await admin.get('/api/campaigns/unknown/analysis')]) {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.text).not.toMatch(/at .*\.ts:\d+|<html/i);
      expect((response.body as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe(`campaign server on ${DB_KIND}: concurrency, live events, documents`, () => {
  it('two users editing one community: the second gets 409 with the current row, nothing is lost', async () => {
    const base = await statusOf(IN_COMMUNITY);
    const first = await admin.request<StatusRow>('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: base.version, changes: { responsible: '甲' } });
    const second = await clients.street.request<{ code: string; current: StatusRow }>('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: base.version, changes: { responsible: '乙' } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(base.version + 1);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('E_CONFLICT');
    expect(second.body.current).toEqual(first.body);
    expect(await statusOf(IN_COMMUNITY)).toEqual(first.body);
  });

  it('concurrent writes on one version: exactly one wins', async () => {
    const base = await statusOf(IN_COMMUNITY);
    const results = await Promise.all(['丙', '丁', '戊', '己'].map((name) => clients.street.request('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: base.version, changes: { responsible: name } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect((await statusOf(IN_COMMUNITY)).version).toBe(base.version + 1);
  });

  it('GET events streams a change committed by another user, after commit, with the new row', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.base}/api/campaigns/lucheng/events`, { headers: { cookie: clients.leader.cookie! }, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
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
    const row = await statusOf(IN_COMMUNITY);
    const patched = await admin.request<StatusRow>('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: row.version, changes: { demo: !row.demo } });
    await readUntil(/event: change\ndata: .*\n\n/);
    controller.abort();
    const data = JSON.parse(/event: change\ndata: (.*)\n/.exec(buffer)![1]!);
    expect(data).toMatchObject({ type: 'status', code: IN_COMMUNITY, actor: 'admin', row: patched.body });
    // The leader's dashboard reads the analysis of the event's revision at once.
    const analysis = (await clients.leader.get<{ selectedCount: number }>(`/api/campaigns/lucheng/analysis?revision=${data.revision}`)).body;
    const demoCount = (await admin.get<StatusRow[]>('/api/campaigns/lucheng/communities')).body.filter((r) => r.demo).length;
    expect(analysis.selectedCount).toBe(demoCount);
    await admin.request('PATCH', `/api/campaigns/lucheng/communities/${IN_COMMUNITY}`, { version: patched.body.version, changes: { demo: row.demo } });
  });

  it('every accepted write appended an audit event with actor, before and after', async () => {
    const events = (await admin.get<{ actor: string; action: string; entity: string; before: StatusRow; after: StatusRow }[]>('/api/campaigns/lucheng/audit?limit=1000')).body;
    const statusEvents = events.filter((event) => event.action === 'status.update' && event.entity === `community:${IN_COMMUNITY}`);
    expect(statusEvents.length).toBeGreaterThan(3);
    for (const event of statusEvents) expect(event.after.version).toBe(event.before.version + 1);
    expect(new Set(statusEvents.map((event) => event.actor))).toEqual(new Set(['admin', 'street']));
  });
});

describe(`campaign server on ${DB_KIND}: the seeded Lucheng campaign`, () => {
  let fresh: TestServer;
  beforeAll(async () => {
    // The lagging report grades with the seeded cases' colours on the server's day (issue 20).
    process.env.LIANPIAN_NOW = '2002-05-29';
    fresh = await startTestServer();
  }, 120_000);
  afterAll(async () => {
    delete process.env.LIANPIAN_NOW;
    await fresh?.close();
  });

  const withoutTimings = ({ timings: _timings, ...document }: Record<string, unknown>) => document;

  it('GET analysis is the JSON of `lianpian analyze --format json` on data/lucheng (timings aside), read-only without signing in', async () => {
    const response = await new Client(fresh.base).get<Record<string, unknown>>('/api/campaigns/lucheng/analysis');
    expect(response.status).toBe(200);
    const cli = (await analyze({ file: 'data/lucheng/communities.geojson', status: 'data/lucheng/status.csv', config: 'data/lucheng/campaign.json', select: undefined, mode: undefined, minSharedMeters: undefined, toleranceMeters: undefined, idField: undefined, pairs: false, format: 'json' })).document;
    expect(withoutTimings(response.body)).toEqual(withoutTimings(JSON.parse(JSON.stringify(cli))));
  });

  it('GET lagging is the JSON of `lianpian report --format json` on data/lucheng', async () => {
    const response = await new Client(fresh.base).get('/api/campaigns/lucheng/lagging');
    const dataset = await loadDataset({ boundaries: 'data/lucheng/communities.geojson', status: 'data/lucheng/status.csv', inspections: 'data/lucheng/inspections.csv', config: 'data/lucheng/campaign.json', streets: 'data/lucheng/streets.geojson' });
    const cases = (JSON.parse(readFileSync('data/lucheng/supervision.json', 'utf8')) as { cases: CaseRecord[] }).cases;
    expect(response.body).toEqual(JSON.parse(JSON.stringify(reportDocument(laggingReport(dataset, { asOf: null, cases, now: casesClock() })))));
    expect((response.body as { grades?: unknown }).grades).toBeDefined();
  });

  it('an anonymous visitor reads the public campaign but writes nothing (401)', async () => {
    const visitor = new Client(fresh.base);
    expect((await visitor.get<unknown[]>('/api/campaigns')).body).toHaveLength(1);
    expect((await visitor.get(`/api/campaigns/lucheng/communities/${IN_COMMUNITY}`)).status).toBe(200);
    expect((await visitor.request('PUT', '/api/campaigns/lucheng/plan', { version: 1, codes: [] })).status).toBe(401);
  });

  it('GET export is a project file the static app opens: the campaign files, plan and scenarios', async () => {
    const client = await signedIn(fresh.base, 'admin', ADMIN_PASSWORD);
    await client.request('POST', '/api/campaigns/lucheng/scenarios', { name: '北片方案', codes: [IN_COMMUNITY, OUT_COMMUNITY] });
    await client.request('PUT', '/api/campaigns/lucheng/plan', { version: 1, codes: [IN_COMMUNITY] });
    const response = await fetch(`${fresh.base}/api/campaigns/lucheng/export`, { headers: { cookie: client.cookie! } });
    const project = importProjectFile(new Uint8Array(await response.arrayBuffer()));
    if ('error' in project) throw new Error(project.error);
    expect(project.files.map((file) => file.role).sort()).toEqual(['campaign', 'communities', 'district', 'inspections', 'status', 'streets']);
    expect(project.planCodes).toEqual([IN_COMMUNITY]);
    expect(project.scenarios.map((s) => [s.name, s.codes])).toEqual([['北片方案', [IN_COMMUNITY, OUT_COMMUNITY]]]);
  });
});
