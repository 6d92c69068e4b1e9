/**
 * Campaign features on the map (issue 21) on a real server and database: the seeded illustrative
 * routes, road works, centres and sites; create, patch and delete with versions (409 stale with
 * the feature as stored, 404 unknown), the leader 403 and a street account only for its own
 * street, an invalid import refused whole with the Chinese error naming the feature and field, an
 * export imported back with equal geometry, audit rows before → after, the live `feature.changed`
 * event, and the veto's landscape-route reason following the features.
 */
import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communitiesWithRoute, type CampaignFeature, type ProjectRecord, type VetoVerdict } from '../../src/core/index.ts';
import type { CampaignEvent, CampaignFeatureCollection, FeaturesError, FeatureStale, ImportFeaturesResponse } from '../../src/api/index.ts';
import { ADMIN_PASSWORD, Client, DB_KIND, signedIn, startTestServer, type TestServer } from './harness.ts';

const C = '/api/campaigns/lucheng';
const PASSWORD = 'a-long-password-1';
const WUMA_COMMUNITY = '330302006044';
const OTHER_STREET_COMMUNITY = '330302023001';

const boundaries = (JSON.parse(readFileSync(new URL('../../data/lucheng/communities.geojson', import.meta.url), 'utf8')) as {
  features: { properties: { code: string; name: string; labelPoint: [number, number] }; geometry: Polygon | MultiPolygon }[];
}).features;
const outlines = boundaries.map((feature) => ({ code: feature.properties.code, geometry: feature.geometry }));

let server: TestServer;
let admin: Client;
let lead: Client;
let street: Client;

const list = async () => (await new Client(server.base).get<CampaignFeatureCollection>(`${C}/features`)).body.features;
const veto = async () => (await lead.get<{ communities: VetoVerdict[] }>(`${C}/veto`)).body.communities;
const routeOf = (name: string, coordinates: [number, number][], community: string | null, project: string | null = null) => ({
  type: 'Feature',
  geometry: { type: 'LineString', coordinates },
  properties: { kind: 'landscape_route', name, community, project },
});
const pointOf = (name: string, coordinates: [number, number], community: string | null, kind = 'project_site') => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties: { kind, name, community } });
/** A short line around a community's label point (inside its boundary). */
const lineNear = (code: string): [number, number][] => {
  const [lon, lat] = boundaries.find((feature) => feature.properties.code === code)!.properties.labelPoint;
  return [[lon - 0.0004, lat], [lon, lat + 0.0002], [lon + 0.0004, lat]];
};
const audit = async (entity: string) => (await admin.get<{ action: string; entity: string; actor: string; before: unknown; after: unknown }[]>(`${C}/audit?limit=1000`)).body.filter((event) => event.entity === entity);

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedIn(server.base, 'admin', ADMIN_PASSWORD);
  for (const [username, role, scope] of [['lead', 'leader', []], ['wuma', 'street', ['330302006']]] as const) {
    expect((await admin.request('POST', '/api/users', { username, password: PASSWORD, role, scope })).status).toBe(201);
  }
  lead = await signedIn(server.base, 'lead', PASSWORD);
  street = await signedIn(server.base, 'wuma', PASSWORD);
}, 300_000);

afterAll(async () => {
  await server?.close();
});

describe.sequential(`campaign features API on ${DB_KIND}`, () => {
  it('the seeded Lucheng campaign ships illustrative routes inside most (not all) demonstration communities, road works, a centre per street and project sites, readable without signing in', async () => {
    const features = await list();
    expect(features.every((feature) => feature.properties.name.includes('示意'))).toBe(true);
    const routes = features.filter((feature) => feature.properties.kind === 'landscape_route');
    // Each seeded route lies inside the community it names: the geometry alone gives the same community.
    for (const route of routes) expect(communitiesWithRoute([{ ...route, properties: { ...route.properties, community: null } }], outlines)).toEqual(new Set([route.properties.community]));
    const verdicts = await veto();
    const demo = verdicts.map((verdict) => verdict.code);
    const routed = communitiesWithRoute(routes);
    expect(demo.filter((code) => routed.has(code)).length).toBeGreaterThan(demo.length / 2);
    expect(verdicts.filter((verdict) => verdict.reasons.some((reason) => reason.rule === 'landscapeRoute')).map((verdict) => verdict.code)).toEqual(demo.filter((code) => !routed.has(code)));
    expect(demo.some((code) => !routed.has(code))).toBe(true);
    const projects = (await admin.get<{ projects: ProjectRecord[] }>(`${C}/projects`)).body.projects;
    for (const route of routes) expect(projects.find((project) => project.id === route.properties.project)).toMatchObject({ kind: 'landscape_route', target: { id: route.properties.community } });
    expect(features.filter((feature) => feature.properties.kind === 'service_centre')).toHaveLength(14);
    const roads = features.filter((feature) => feature.properties.kind === 'road_work');
    expect(roads.length).toBeGreaterThan(0);
    for (const road of roads) expect(projects.find((project) => project.id === road.properties.project)?.kind).toBe('road');
    expect(features.some((feature) => feature.properties.kind === 'project_site' && feature.properties.project !== null)).toBe(true);
  });

  it('creates, patches and deletes a feature with versions; each write audited before → after', async () => {
    const created = await admin.request<CampaignFeature>('POST', `${C}/features`, routeOf(' 测试景观路线 ', lineNear(WUMA_COMMUNITY), WUMA_COMMUNITY));
    expect(created.status).toBe(201);
    expect(created.body.properties).toMatchObject({ kind: 'landscape_route', name: '测试景观路线', community: WUMA_COMMUNITY, project: null, version: 1, updatedBy: 'admin' });
    const fid = created.body.properties.id;
    expect((await list()).find((feature) => feature.properties.id === fid)).toEqual(created.body);

    const moved: [number, number][] = lineNear(WUMA_COMMUNITY).map(([lon, lat]) => [lon, lat + 0.0001]);
    const patched = await admin.request<CampaignFeature>('PATCH', `${C}/features/${fid}`, { version: 1, geometry: { type: 'LineString', coordinates: moved }, name: '改名后的路线' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ geometry: { coordinates: moved }, properties: { id: fid, name: '改名后的路线', community: WUMA_COMMUNITY, version: 2 } });

    const stale = await admin.request<FeatureStale>('PATCH', `${C}/features/${fid}`, { version: 1, name: '过期的修改' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('E_STALE');
    expect(stale.body.current).toEqual(patched.body);
    expect((await admin.request<FeatureStale>('DELETE', `${C}/features/${fid}?version=1`)).body).toMatchObject({ code: 'E_STALE', current: patched.body });

    const wrongKind = await admin.request<FeaturesError>('PATCH', `${C}/features/${fid}`, { version: 2, kind: 'service_centre' });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body).toMatchObject({ code: 'E_FEATURES', errors: [{ index: 0, field: 'geometry.type' }] });
    expect(wrongKind.body.message).toContain('改名后的路线');

    expect((await admin.request('DELETE', `${C}/features/${fid}?version=2`)).status).toBe(204);
    expect((await list()).some((feature) => feature.properties.id === fid)).toBe(false);
    expect((await admin.request('PATCH', `${C}/features/${fid}`, { version: 2, name: '不存在' })).status).toBe(404);
    expect((await admin.request('DELETE', `${C}/features/${fid}?version=2`)).status).toBe(404);

    const rows = await audit(`feature:${fid}`);
    expect(rows.map((row) => row.action)).toEqual(['feature.delete', 'feature.update', 'feature.create']);
    expect(rows[2]).toMatchObject({ actor: 'admin', before: null, after: created.body });
    expect(rows[1]).toMatchObject({ before: created.body, after: patched.body });
    expect(rows[0]).toMatchObject({ before: patched.body, after: null });
  });

  it('the leader is refused every write; a street account draws only for communities of its street', async () => {
    const [seeded] = await list();
    for (const response of [
      await lead.request('POST', `${C}/features`, pointOf('领导的点', [120.66, 28.02], null)),
      await lead.request('PATCH', `${C}/features/${seeded!.properties.id}`, { version: seeded!.properties.version, name: '改' }),
      await lead.request('DELETE', `${C}/features/${seeded!.properties.id}?version=${seeded!.properties.version}`),
    ]) {
      expect(response.status).toBe(403);
      expect((response.body as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
    }
    const own = await street.request<CampaignFeature>('POST', `${C}/features`, pointOf('五马点位', [120.66, 28.02], WUMA_COMMUNITY));
    expect(own.status).toBe(201);
    const other = await street.request<{ message: string }>('POST', `${C}/features`, pointOf('越界点位', [120.66, 28.02], OTHER_STREET_COMMUNITY));
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('越界点位');
    expect((await street.request('POST', `${C}/features`, pointOf('无社区的点', [120.66, 28.02], null))).status).toBe(403);
    // Moving its own feature to another street's community, or editing a feature outside its street, is refused too.
    expect((await street.request('PATCH', `${C}/features/${own.body.properties.id}`, { version: 1, community: OTHER_STREET_COMMUNITY })).status).toBe(403);
    const foreign = (await list()).find((feature) => feature.properties.community !== null && !feature.properties.community.startsWith('330302006'))!;
    expect((await street.request('DELETE', `${C}/features/${foreign.properties.id}?version=${foreign.properties.version}`)).status).toBe(403);
    expect((await street.request('DELETE', `${C}/features/${own.body.properties.id}?version=1`)).status).toBe(204);
  });

  it('an import with one invalid feature stores nothing and says which feature, which field and what was expected', async () => {
    const before = await list();
    const response = await admin.request<FeaturesError>('POST', `${C}/features`, {
      type: 'FeatureCollection',
      features: [pointOf('好的点位', [120.66, 28.02], null), routeOf('学院路示意', [[120.66, 28.02]], null), pointOf('未知社区的点', [120.66, 28.02], '999999999999')],
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('E_FEATURES');
    expect(response.body.errors.map((error) => [error.index, error.field])).toEqual([[1, 'geometry.coordinates'], [2, 'properties.community']]);
    expect(response.body.errors[0]!.message).toBe('第 2 个要素（学院路示意）的 geometry.coordinates：线至少需要 2 个点，实为 1 个');
    expect(response.body.errors[1]!.message).toContain('第 3 个要素（未知社区的点）');
    expect(response.body.message).toContain('第 2 个要素');
    expect(await list()).toEqual(before);
    const notGeoJson = await admin.request<FeaturesError>('POST', `${C}/features`, { hello: 'world' });
    expect(notGeoJson.body).toMatchObject({ code: 'E_FEATURES', errors: [{ index: null, field: 'type' }] });
  });

  it('an export imported back after deleting the features gives the same features (geometry, kind, name, community, project)', async () => {
    const exported = await list();
    for (const feature of exported) expect((await admin.request('DELETE', `${C}/features/${feature.properties.id}?version=${feature.properties.version}`)).status).toBe(204);
    expect(await list()).toEqual([]);
    // The file as a user would have saved it (JSON text), ids and versions included: they are dropped.
    const imported = await admin.request<ImportFeaturesResponse>('POST', `${C}/features`, JSON.parse(JSON.stringify({ type: 'FeatureCollection', features: exported })));
    expect(imported.status).toBe(201);
    const essence = (features: CampaignFeature[]) => features.map(({ geometry, properties: { kind, name, community, project } }) => ({ geometry, kind, name, community, project }));
    expect(essence(imported.body.features)).toEqual(essence(exported));
    expect(essence(await list())).toEqual(essence(exported));
    expect(imported.body.features.every((feature) => feature.properties.version === 1 && feature.properties.updatedBy === 'admin')).toBe(true);
    const [row] = await audit('features');
    expect(row).toMatchObject({ action: 'feature.import', before: null, after: { count: exported.length } });
  });

  it('every open dashboard hears feature.changed with the stored feature, and with the id when deleted', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.base}${C}/events`, { headers: { cookie: lead.cookie! }, signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextChange = async (): Promise<CampaignEvent> => {
      for (;;) {
        const match = /(?:id: .*\n)?event: change\ndata: (.*)\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return JSON.parse(match[1]!) as CampaignEvent;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    const created = (await admin.request<CampaignFeature>('POST', `${C}/features`, pointOf('直播点位', [120.66, 28.02], WUMA_COMMUNITY))).body;
    expect(await nextChange()).toMatchObject({ type: 'feature.changed', features: [created], deleted: [], actor: 'admin' });
    expect((await admin.request('DELETE', `${C}/features/${created.properties.id}?version=1`)).status).toBe(204);
    expect(await nextChange()).toMatchObject({ type: 'feature.changed', features: [], deleted: [created.properties.id] });
    controller.abort();
  });

  it('the veto follows the features: a route drawn for a demonstration community removes its route reason, deleting it brings the reason back', async () => {
    const without = (await veto()).find((verdict) => verdict.reasons.some((reason) => reason.rule === 'landscapeRoute'))!;
    // Drawn inside the community without naming it: the geometry gives it to the community.
    const drawn = await admin.request<CampaignFeature>('POST', `${C}/features`, routeOf('新画的景观路线', lineNear(without.code), null));
    expect(drawn.status).toBe(201);
    const after = (await veto()).find((verdict) => verdict.code === without.code)!;
    expect(after.reasons.map((reason) => reason.rule)).toEqual(without.reasons.map((reason) => reason.rule).filter((rule) => rule !== 'landscapeRoute'));
    // A road work there changes nothing; deleting the route brings the reason back.
    expect((await admin.request('POST', `${C}/features`, { ...routeOf('道路工程', lineNear(without.code), without.code), properties: { kind: 'road_work', name: '道路工程', community: without.code } })).status).toBe(201);
    expect((await admin.request('DELETE', `${C}/features/${drawn.body.properties.id}?version=1`)).status).toBe(204);
    expect((await veto()).find((verdict) => verdict.code === without.code)).toEqual(without);
  });
});
