import { afterEach, describe, expect, test, vi } from 'vitest';
import { connectFeatures, type FeaturesFlow } from '../../src/app/effects/features.ts';
import { connectRemote, type RemoteFlow } from '../../src/app/effects/remote.ts';
import type { Role } from '../../src/api/index.ts';
import { createFeaturesStore, dispatchFeatures, type FeaturesStore } from '../../src/state/features-store.ts';
import { editFeature, draftChanged } from '../../src/state/features.ts';
import { STANDALONE } from '../../src/state/server-state.ts';
import { createAppStore, type AppStore } from '../../src/state/store.ts';
import { fakeCampaignServer, storedFeature, type FakeCampaignServer } from '../support/fake-campaign-server.ts';
import { loaded } from '../support/plan-state.ts';

const flows: (FeaturesFlow | RemoteFlow)[] = [];
afterEach(() => flows.splice(0).forEach((flow) => flow.dispose()));

const line = { type: 'LineString' as const, coordinates: [[120.6, 28], [120.61, 28.02]] as [number, number][] };

/** Campaign c1 (communities A–E of street S1) open, the features effect connected to the fake, and the remote effect handing it the live events. */
function connected(role: Role | null = 'admin'): { app: AppStore; server: FakeCampaignServer; features: FeaturesStore; flow: FeaturesFlow } {
  const server = fakeCampaignServer(role);
  const app = createAppStore({
    ...loaded(),
    source: { kind: 'server', campaign: 'c1', revision: 1, files: [] },
    server: { ...STANDALONE, mode: 'server', me: server.user, campaign: { id: 'c1', title: '测试活动' }, plan: { codes: null, version: 1 }, revision: 1 },
  });
  const features = createFeaturesStore();
  const flow = connectFeatures(features, app, { fetch: server.fetch });
  const remote = connectRemote(app, { fetch: server.fetch, openEvents: server.openEvents, scenarios: [], features: flow });
  flows.push(flow, remote);
  return { app, server, features, flow };
}

const ready = (features: FeaturesStore) => vi.waitFor(() => expect(features.getState().status).toBe('ready'));
const live = (app: AppStore) => vi.waitFor(() => expect(app.getState().server.live).toBe('open'));

describe('connectFeatures() reading', () => {
  test('reads the features and the linkable projects at once', async () => {
    const { features } = connected('leader');
    await ready(features);
    expect(features.getState().features.map((feature) => feature.properties.id)).toEqual(['f1']);
    expect(features.getState().projects).toEqual([{ id: 'p1', number: 1, title: '甲社区景观路线' }]);
  });

  test("another user's feature arrives by the live event alone: the campaign's data is not read again", async () => {
    const { app, server, features } = connected('leader');
    await ready(features);
    await live(app);
    const before = server.requests.length;
    server.writeFeatureAs('admin', storedFeature('f2', { name: '新路线' }));
    await vi.waitFor(() => expect(features.getState().features.map((feature) => feature.properties.name)).toEqual(['路线f1', '新路线']));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests.slice(before)).toEqual([]);
    expect(app.getState().source).toMatchObject({ revision: 1 });
  });
});

describe('connectFeatures() writing', () => {
  test('a new feature is POSTed with its form fields and joins the held ones', async () => {
    const { server, features, flow } = connected('admin');
    await ready(features);
    const answer = await flow.save({ kind: 'landscape_route', name: '滨江步道', community: 'A', project: 'p1', geometry: line, id: null, version: null });
    expect(answer.ok).toBe(true);
    expect(server.requests).toContain('POST /api/campaigns/c1/features');
    expect(features.getState().features.map((feature) => feature.properties.name)).toEqual(['路线f1', '滨江步道']);
    expect([...server.features.values()].at(-1)?.properties).toMatchObject({ name: '滨江步道', community: 'A', project: 'p1' });
  });

  test('a leader is refused before anything is sent, with the reason in Chinese', async () => {
    const { server, features, flow } = connected('leader');
    await ready(features);
    const answer = await flow.save({ kind: 'landscape_route', name: '滨江步道', community: 'A', project: null, geometry: line, id: null, version: null });
    expect(answer).toMatchObject({ ok: false, status: 403 });
    expect(features.getState().notice).toBe('未保存：您的角色或范围不允许为该社区绘制要素');
    expect(server.requests.filter((request) => !request.startsWith('GET'))).toEqual([]);
  });

  test("the server's refusal is shown in its words (a street office drawing a feature of no community is refused early the same way)", async () => {
    const { server, features, flow } = connected('street');
    await ready(features);
    await flow.save({ kind: 'service_centre', name: '服务中心', community: null, project: null, geometry: { type: 'Point', coordinates: [120.6, 28] }, id: null, version: null });
    expect(features.getState().notice).toMatch(/^未保存：要素「服务中心」未指明所属社区/);
    expect(server.requests.some((request) => request.startsWith('POST'))).toBe(false);
  });

  test('an edit PATCHes the changed fields with the held version; a stale version opens the dialog with both, and keeping mine resends on theirs', async () => {
    const { server, features, flow } = connected('admin');
    await ready(features);
    dispatchFeatures(features, editFeature, { server: { mode: 'server', me: server.user }, readOnly: false }, 'f1', { code: 'A', streetCode: 'S1' });
    dispatchFeatures(features, draftChanged, { name: '我的名字' });
    // Meanwhile another user renamed it (version 2), and this browser has not heard yet.
    server.features.set('f1', { ...server.features.get('f1')!, properties: { ...server.features.get('f1')!.properties, name: '他的名字', version: 2, updatedBy: 'admin2' } });
    const answer = await flow.save(features.getState().draft!);
    expect(answer).toMatchObject({ ok: false, status: 409 });
    expect(features.getState().conflict).toMatchObject({ action: 'update', mine: { name: '我的名字', version: 1 }, theirs: { properties: { name: '他的名字', version: 2 } } });
    await flow.resolveConflict('mine');
    expect(features.getState().conflict).toBeNull();
    expect(server.features.get('f1')?.properties).toMatchObject({ name: '我的名字', version: 3 });
    expect(features.getState().features[0]?.properties).toMatchObject({ name: '我的名字', version: 3 });
  });

  test('a deletion sends the held version and removes the feature; an import POSTs one collection', async () => {
    const { server, features, flow } = connected('admin');
    await ready(features);
    await expect(flow.remove('f1')).resolves.toEqual({ ok: true, value: null });
    expect(server.requests).toContain('DELETE /api/campaigns/c1/features/f1?version=1');
    expect(features.getState().features).toEqual([]);
    const imported = await flow.importFeatures([{ type: 'Feature', geometry: line, properties: { kind: 'landscape_route', name: '回来的路线', community: 'A', project: null } }]);
    expect(imported.ok).toBe(true);
    expect(features.getState().features.map((feature) => feature.properties.name)).toEqual(['回来的路线']);
  });
});
