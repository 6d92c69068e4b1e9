/**
 * A small in-memory campaign server behind the `fetch` and `EventSource` interfaces the remote
 * effect uses (src/app/effects/remote.ts): one campaign `c1` over the five communities A–E of
 * plan-state.ts, the API's status codes (401/403/404/409) and its live events. Another user's
 * writes go through `writeAs`, which publishes the event like the real server.
 */
import type { CampaignEvent, Me, SharedPlan, Role, Scenario, StatusRow } from '../../src/api/index.ts';
import type { EventStream, Fetch } from '../../src/app/effects/remote.ts';
import type { CampaignFeature } from '../../src/core/index.ts';
import { FakeStream, json } from './fake-stream.ts';


export function statusRow(code: string, version = 1): StatusRow {
  return {
    code,
    version,
    name: `社区${code}`,
    level: 'city',
    demo: code === 'A' || code === 'C',
    theme: null,
    facilities: { managementOffice: true, partyOffice: true, policeRoom: true, readingRoom: true, cultureRoom: true, serviceStation: true, medicalStation: true, familyPlanningStation: true, publicityBoard: true, newspaperBoard: true, citizenSchool: true, outdoorGround: true },
    facilityAreaM2: null,
    lightingRate: null,
    greenAreaM2: null,
    police: 'one',
    drugFree: true,
    safeEstate: true,
    openDisorders: 0,
    budgetAllocatedWan: 0,
    budgetSpentWan: 0,
    population: 1000,
    responsible: '',
  };
}

export interface FakeCampaignServer {
  fetch: Fetch;
  openEvents: (url: string) => EventStream;
  /** Who is signed in (null = anonymous). */
  user: Me | null;
  plan: SharedPlan;
  rows: Map<string, StatusRow>;
  scenarios: Scenario[];
  revision: number;
  /** Every request, as `METHOD url` (with its query). */
  requests: string[];
  /** Live events stop reaching the browser (a dropped connection) when false. */
  delivering: boolean;
  /** Another user changes the plan (and the event goes out). */
  writePlanAs(actor: string, codes: string[] | null): void;
  /** Another user edits a status row. */
  writeStatusAs(actor: string, code: string, changes: Partial<StatusRow>): void;
  /** Campaign features (issue 21) by id, as stored. */
  features: Map<string, CampaignFeature>;
  /** Another user saves a feature (a new one, or a held one with its version raised), and the event goes out. */
  writeFeatureAs(actor: string, feature: CampaignFeature): CampaignFeature;
}

/** A stored campaign feature for the fakes: a landscape route of community A unless `properties` say otherwise. */
export function storedFeature(id: string, properties: Partial<CampaignFeature['properties']> = {}, geometry: CampaignFeature['geometry'] = { type: 'LineString', coordinates: [[120.6, 28], [120.61, 28.01]] }): CampaignFeature {
  return { type: 'Feature', geometry, properties: { id, kind: 'landscape_route', name: `路线${id}`, community: 'A', project: null, version: 1, updatedBy: 'admin', updatedAt: '2002-05-01T00:00:00Z', ...properties } };
}

export function fakeCampaignServer(role: Role | null = 'admin'): FakeCampaignServer {
  const streams: FakeStream[] = [];
  let nextScenario = 1;
  const server: FakeCampaignServer = {
    user: role ? { username: role === 'admin' ? 'admin' : `${role}1`, role, scope: role === 'street' ? ['S1'] : [] } : null,
    plan: { codes: null, version: 1, updatedBy: 'system', updatedAt: '2002-05-01T00:00:00Z' },
    rows: new Map(['A', 'B', 'C', 'D', 'E'].map((code) => [code, statusRow(code)])),
    features: new Map([['f1', storedFeature('f1')]]),
    scenarios: [],
    revision: 1,
    requests: [],
    delivering: true,
    fetch: async (url, init = {}) => {
      const method = init.method ?? 'GET';
      const path = url.split('?')[0]!;
      server.requests.push(`${method} ${url}`);
      const body = init.body ? (JSON.parse(init.body) as Record<string, unknown>) : {};
      const me = server.user;
      const write = (allowed: boolean) => (me ? (allowed ? null : json(403, { code: 'E_FORBIDDEN', message: '您的角色或范围不允许此操作' })) : json(401, { code: 'E_AUTH', message: '请先登录' }));
      let match: RegExpExecArray | null;
      if (method === 'GET' && path === '/api/campaigns') return json(200, [{ id: 'c1', title: '测试活动', publicRead: true, revision: server.revision, communities: 5 }]);
      if (method === 'GET' && path === '/api/me') return me ? json(200, me) : json(401, { code: 'E_AUTH', message: '请先登录' });
      if (method === 'POST' && path === '/api/login') {
        if (body.password !== 'secret') return json(401, { code: 'E_LOGIN', message: '用户名或密码错误，或账号已停用' });
        server.user = { username: String(body.username), role: 'admin', scope: [] };
        return json(200, server.user);
      }
      if (method === 'POST' && path === '/api/logout') {
        server.user = null;
        return json(200, { ok: true });
      }
      if (method === 'GET' && path === '/api/campaigns/c1')
        return json(200, { id: 'c1', title: '测试活动', revision: server.revision, plan: server.plan, files: [{ role: 'status', file: 'status.csv', url: `/api/campaigns/c1/files/status?revision=${server.revision}` }] });
      if (method === 'GET' && path === '/api/campaigns/c1/scenarios') return json(200, server.scenarios);
      if (method === 'GET' && path === '/api/campaigns/c1/export') return new Response(new Uint8Array([80, 75, 3, 4]), { status: 200, headers: { 'content-type': 'application/zip' } });
      if (method === 'PUT' && path === '/api/campaigns/c1/plan') {
        const refused = write(me?.role === 'admin');
        if (refused) return refused;
        if (body.version !== server.plan.version) return json(409, { code: 'E_CONFLICT', message: '数据已被他人修改', current: server.plan });
        server.writePlanAs(me!.username, body.codes as string[] | null);
        return json(200, server.plan);
      }
      if ((match = /^\/api\/campaigns\/c1\/communities\/(\w+)$/.exec(path))) {
        const row = server.rows.get(match[1]!);
        if (!row) return json(404, { code: 'E_NOT_FOUND', message: '找不到社区' });
        if (method === 'GET') return json(200, row);
        const refused = write(me?.role === 'admin' || (me?.role === 'street' && me.scope.includes('S1')));
        if (refused) return refused;
        if (body.version !== row.version) return json(409, { code: 'E_CONFLICT', message: '数据已被他人修改', current: row });
        server.writeStatusAs(me!.username, row.code, body.changes as Partial<StatusRow>);
        return json(200, server.rows.get(row.code));
      }
      if (method === 'POST' && path === '/api/campaigns/c1/scenarios') {
        const refused = write(me?.role === 'admin');
        if (refused) return refused;
        const scenario: Scenario = { id: nextScenario++, name: String(body.name), codes: body.codes as string[], author: me!.username, version: 1, savedAt: '2002-05-02T00:00:00Z' };
        server.scenarios = [...server.scenarios.filter((s) => s.name !== scenario.name), scenario];
        publish({ type: 'scenario', id: scenario.id, scenario, actor: me!.username });
        return json(201, scenario);
      }
      if (method === 'DELETE' && (match = /^\/api\/campaigns\/c1\/scenarios\/(\d+)$/.exec(path))) {
        const refused = write(me?.role === 'admin');
        if (refused) return refused;
        const id = Number(match[1]);
        server.scenarios = server.scenarios.filter((s) => s.id !== id);
        publish({ type: 'scenario', id, scenario: null, actor: me!.username });
        return json(200, { ok: true });
      }
      if (method === 'GET' && path === '/api/campaigns/c1/features') return json(200, { type: 'FeatureCollection', features: [...server.features.values()] });
      if (method === 'GET' && path === '/api/campaigns/c1/projects') return json(200, { projects: [{ id: 'p1', number: 1, title: '甲社区景观路线' }] });
      // Features: the admin everywhere, a street account (scope S1) for A–E, a feature without community the admin only.
      const drawsFor = (community: unknown) => me?.role === 'admin' || (me?.role === 'street' && typeof community === 'string' && ['A', 'B', 'C', 'D', 'E'].includes(community));
      if (method === 'POST' && path === '/api/campaigns/c1/features') {
        const items = (body.type === 'FeatureCollection' ? body.features : [body]) as { geometry: CampaignFeature['geometry']; properties: Record<string, unknown> }[];
        const refused = write(items.every((item) => drawsFor(item.properties.community ?? null)));
        if (refused) return refused;
        const stored = items.map((item) => server.writeFeatureAs(me!.username, storedFeature(`f${server.features.size + 1}`, item.properties as Partial<CampaignFeature['properties']>, item.geometry)));
        return json(201, body.type === 'FeatureCollection' ? { features: stored } : stored[0]);
      }
      if ((match = /^\/api\/campaigns\/c1\/features\/(\w+)$/.exec(path)) && (method === 'PATCH' || method === 'DELETE')) {
        const held = server.features.get(match[1]!);
        if (!held) return json(404, { code: 'E_NOT_FOUND', message: `找不到要素 ${match[1]}` });
        const refused = write(drawsFor(held.properties.community));
        if (refused) return refused;
        const version = method === 'PATCH' ? body.version : Number(new URLSearchParams(url.split('?')[1]).get('version'));
        if (version !== held.properties.version) return json(409, { code: 'E_STALE', message: `要素「${held.properties.name}」已被他人修改`, current: held });
        if (method === 'DELETE') {
          server.features.delete(held.properties.id);
          publish({ type: 'feature.changed', features: [], deleted: [held.properties.id], actor: me!.username });
          return new Response(null, { status: 204 });
        }
        const { version: _version, geometry, ...fields } = body;
        return json(200, server.writeFeatureAs(me!.username, { ...held, ...(geometry ? { geometry: geometry as CampaignFeature['geometry'] } : {}), properties: { ...held.properties, ...fields } }));
      }
      return json(404, { code: 'E_NOT_FOUND', message: `找不到 ${method} ${path}` });
    },
    openEvents(url) {
      const stream = new FakeStream(url);
      streams.push(stream);
      queueMicrotask(() => stream.emit('hello', { revision: server.revision }));
      return stream;
    },
    writePlanAs(actor, codes) {
      server.plan = { codes, version: server.plan.version + 1, updatedBy: actor, updatedAt: '2002-05-02T00:00:00Z' };
      publish({ type: 'plan', plan: server.plan, actor });
    },
    writeFeatureAs(actor, feature) {
      const held = server.features.get(feature.properties.id);
      const stored: CampaignFeature = { ...feature, properties: { ...feature.properties, version: held ? held.properties.version + 1 : 1, updatedBy: actor } };
      server.features.set(stored.properties.id, stored);
      publish({ type: 'feature.changed', features: [stored], deleted: [], actor });
      return stored;
    },
    writeStatusAs(actor, code, changes) {
      const before = server.rows.get(code)!;
      const row = { ...before, ...changes, facilities: { ...before.facilities, ...changes.facilities }, version: before.version + 1 };
      server.rows.set(code, row);
      publish({ type: 'status', code, row, actor });
    },
  };
  type Unnumbered = CampaignEvent extends infer E ? (E extends unknown ? Omit<E, 'revision'> : never) : never;
  const publish = (event: Unnumbered) => {
    server.revision += 1;
    const numbered = { ...event, revision: server.revision } as CampaignEvent;
    // After the response, like the real server (published after commit).
    setTimeout(() => {
      if (server.delivering) for (const stream of streams) stream.emit('change', numbered);
    }, 0);
  };
  return server;
}
