/**
 * Campaign features on the map 工程与路线 (issue 21) in real Chromium, served by the campaign
 * server: the admin draws a landscape route 景观路线 by clicking on the map canvas (terra-draw),
 * fills the form and saves; after a reload the route is still drawn; a leader in another browser
 * context sees it without reloading and has no drawing tools; the community's details say 已有;
 * the GeoJSON export, a deletion and the import of that file bring the route back. Failures save a
 * screenshot of every open page to test-results/e2e.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import type { CampaignFeatureCollection } from '../../src/api/index.ts';
import { FEATURE_LAYER_IDS, FEATURE_SOURCE } from '../../src/map/feature-layer.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { ADMIN_PASSWORD, startCampaignServer, type CampaignServer } from './campaign-server.ts';
import { ARTIFACTS_DIR } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';
import { jumpAndSettle, waitForMapIdle } from './map-page.ts';

const engine = luchengEngine();
const PASSWORD = 'e2e-user-password';
/** Answers the API gives on purpose (anonymous /api/me, refused writes): the browser logs them, they are not errors of the page. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of (401|403|409)/;
const ROUTE_NAME = '滨河景观步道（e2e）';

let server: CampaignServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pages: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startCampaignServer(inject('distDir'));
  await server.createUser('ld', PASSWORD, 'leader');
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' || (task.result?.errors?.length ?? 0) > 0) {
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    for (const [index, page] of pages.entries()) await page.screenshot({ path: `${ARTIFACTS_DIR}/FAILED-features-${name}-${index}.png` }).catch(() => undefined);
  }
  for (const context of contexts.splice(0)) await context.close();
  pages.splice(0);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  expect(pageErrors, 'console errors').toEqual([]);
});

/** A new browser context (own cookies) on the server's app at `hash`, signed in as `username`, map idle and the features read. */
async function openAs(username: string, password: string, hash = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  pages.push(page);
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_STATUS.test(message.text())) pageErrors.push(`${username}: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
  await page.goto(`${server.url}${hash}`);
  await waitForMapIdle(page);
  await page.getByTestId('sign-in').click();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.locator(`[data-testid="server-mode"][data-user="${username}"][data-live="open"]`).waitFor();
  await page.getByTestId('feature-legend').waitFor();
  return page;
}

/** Names of the features the map draws in the routes layer now (what a person sees, not the store). */
const renderedRoutes = (page: Page) =>
  page.evaluate((layer) => {
    const map = window.lianpian!.map!;
    return [...new Set(map.queryRenderedFeatures({ layers: [layer] }).map((feature) => String(feature.properties.name)))].sort();
  }, FEATURE_LAYER_IDS.routes);

/** Names in the features source (the whole campaign, in view or not). */
const sourceNames = (page: Page) =>
  page.evaluate((source) => window.lianpian!.map!.querySourceFeatures(source).map((feature) => String(feature.properties.name)), FEATURE_SOURCE);

/** Pixel of a lon/lat on the page. */
async function pixelOf(page: Page, lonLat: [number, number]): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(([lon, lat]) => window.lianpian!.map!.project([lon, lat]), lonLat);
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: box.x + point.x, y: box.y + point.y };
}

/** A demonstration community of the status table that has no landscape route yet (the seed gives most, not all, one). */
async function communityWithoutRoute(): Promise<{ code: string; name: string; point: [number, number] }> {
  const { body } = await server.call<CampaignFeatureCollection>('GET', '/api/campaigns/lucheng/features');
  const routed = new Set(body.features.filter((feature) => feature.properties.kind === 'landscape_route').map((feature) => feature.properties.community));
  const feature = engine.dataset.boundaries.features.find((item) => engine.baseline[item.index] === 1 && !routed.has(item.id));
  if (!feature) throw new Error('every demonstration community has a route in the seed');
  return { code: feature.id, name: feature.name, point: engine.labelPoint(feature.index) };
}

describe('工程与路线', () => {
  test('a route drawn in the browser is saved, survives a reload, appears for a leader without reload; export, delete and import round-trip it', async () => {
    const target = await communityWithoutRoute();
    const admin = await openAs('admin', ADMIN_PASSWORD, `#sel=${target.code}`);
    const details = admin.getByTestId('community-details');
    await expect(details.getByTestId('details-route').innerText()).resolves.toBe('景观路线：尚无');
    expect((await sourceNames(admin)).length).toBeGreaterThan(0);
    const before = (await server.call<CampaignFeatureCollection>('GET', '/api/campaigns/lucheng/features')).body.features.length;

    const leader = await openAs('ld', PASSWORD);
    // The leader reads the layer but gets no drawing tools.
    await expect(leader.getByTestId('feature-tools').count()).resolves.toBe(0);
    await expect(leader.getByTestId('feature-legend').innerText()).resolves.toContain('景观路线');

    // The admin draws: three clicks inside the community, then a click on the last point finishes the line.
    await jumpAndSettle(admin, target.point, 15.5);
    await admin.getByTestId('draw-line').click();
    await expect(admin.getByTestId('feature-tools').innerText()).resolves.toContain('再次点击最后一点');
    const centre = await pixelOf(admin, target.point);
    const clicks = [
      { x: centre.x - 40, y: centre.y + 12 },
      { x: centre.x, y: centre.y - 12 },
      { x: centre.x + 40, y: centre.y + 8 },
    ];
    for (const click of clicks) {
      await admin.mouse.move(click.x, click.y, { steps: 3 });
      await admin.mouse.click(click.x, click.y);
      await admin.waitForTimeout(150);
    }
    await admin.mouse.click(clicks[2]!.x, clicks[2]!.y);
    const form = admin.getByTestId('feature-form');
    await form.waitFor();
    await expect(form.innerText()).resolves.toContain('新要素（线，3 个点）');
    // Kind by shape, community where it was drawn.
    await expect(form.getByLabel('类型').inputValue()).resolves.toBe('landscape_route');
    await expect(form.getByLabel('所属社区').inputValue()).resolves.toBe(target.code);
    await form.getByLabel('名称').fill(ROUTE_NAME);
    await form.getByTestId('feature-save').click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => renderedRoutes(admin), { timeout: 10_000 }).toContain(ROUTE_NAME);
    await expect(details.getByTestId('details-route').innerText()).resolves.toBe(`景观路线：已有（${ROUTE_NAME}）`);

    // The leader sees it without a reload (the live event), in the source the map draws.
    await expect.poll(() => sourceNames(leader), { timeout: 10_000 }).toContain(ROUTE_NAME);

    // A reload: the route comes from the server.
    await admin.reload();
    await waitForMapIdle(admin);
    await admin.getByTestId('feature-legend').waitFor();
    await jumpAndSettle(admin, target.point, 15.5);
    await expect.poll(() => renderedRoutes(admin), { timeout: 10_000 }).toContain(ROUTE_NAME);
    await expect(admin.getByTestId('community-details').getByTestId('details-route').innerText()).resolves.toBe(`景观路线：已有（${ROUTE_NAME}）`);

    // Clicking the route shows what it is.
    const middle = await pixelOf(admin, await admin.evaluate((name) => {
      const feature = window.lianpian!.map!.querySourceFeatures('campaign-features').find((item) => item.properties.name === name)!;
      return (feature.geometry as unknown as { coordinates: [number, number][] }).coordinates[1]!;
    }, ROUTE_NAME));
    await admin.mouse.click(middle.x, middle.y);
    const card = admin.getByTestId('feature-card');
    await card.waitFor();
    await expect(card.innerText()).resolves.toMatch(new RegExp(`${ROUTE_NAME.replace(/[()（）]/g, '.')}[\\s\\S]*类型\\s*景观路线[\\s\\S]*所属社区\\s*${target.name}[\\s\\S]*关联项目\\s*无`));
    // The pointer off the map (its community tooltip would cover the route), then the README's screenshot.
    await admin.mouse.move(5, 450);
    await admin.screenshot({ path: `${ARTIFACTS_DIR}/works-features.png` });

    // Export the GeoJSON (every feature, the new route among them).
    await admin.getByTestId('works-toggle').click();
    const section = admin.getByTestId('features-section');
    await section.waitFor();
    const [download] = await Promise.all([admin.waitForEvent('download'), section.getByTestId('features-export').click()]);
    expect(download.suggestedFilename()).toMatch(/工程与路线\.geojson$/);
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as CampaignFeatureCollection;
    expect(exported.type).toBe('FeatureCollection');
    expect(exported.features).toHaveLength(before + 1);
    expect(exported.features.find((feature) => feature.properties.name === ROUTE_NAME)?.properties).toMatchObject({ kind: 'landscape_route', community: target.code });

    // Delete it, after the confirmation.
    await card.getByTestId('feature-delete').click();
    await expect(card.innerText()).resolves.toContain(`确认删除「${ROUTE_NAME}」？`);
    await card.getByTestId('feature-delete-confirm').click();
    await expect.poll(() => sourceNames(admin), { timeout: 10_000 }).not.toContain(ROUTE_NAME);
    await expect.poll(() => sourceNames(leader), { timeout: 10_000 }).not.toContain(ROUTE_NAME);
    await expect(admin.getByTestId('community-details').getByTestId('details-route').innerText()).resolves.toBe('景观路线：尚无');

    // Import the exported file: only the missing route is added (the others are held), then saved.
    await section.getByTestId('features-import').setInputFiles({ name: '工程与路线.geojson', mimeType: 'application/geo+json', buffer: readFileSync((await download.path())!) });
    const preview = section.getByTestId('features-import-preview');
    await expect(preview.innerText()).resolves.toContain(`工程与路线.geojson：将新增 1 个要素（景观路线 1），${before} 个已在本活动中、跳过`);
    await preview.getByTestId('features-import-save').click();
    await expect(section.getByTestId('features-import-done').innerText()).resolves.toBe('已导入 1 个要素（工程与路线.geojson）');
    await expect.poll(() => renderedRoutes(admin), { timeout: 10_000 }).toContain(ROUTE_NAME);
    await expect.poll(() => sourceNames(leader), { timeout: 10_000 }).toContain(ROUTE_NAME);
    await expect(admin.getByTestId('community-details').getByTestId('details-route').innerText()).resolves.toBe(`景观路线：已有（${ROUTE_NAME}）`);
    const { body } = await server.call<CampaignFeatureCollection>('GET', '/api/campaigns/lucheng/features');
    expect(body.features.filter((feature) => feature.properties.name === ROUTE_NAME)).toHaveLength(1);
    expect(body.features).toHaveLength(before + 1);
    // Two browsers with live maps on a shared 2-core machine: the steps take their time.
  }, 300_000);

  test('editing a route another user renamed meanwhile shows both versions and keeps mine on request; its shape is moved by dragging a point', async () => {
    const { body } = await server.call<CampaignFeatureCollection>('GET', '/api/campaigns/lucheng/features');
    const route = body.features.find((feature) => feature.properties.kind === 'landscape_route' && feature.geometry.type === 'LineString')!;
    const line = route.geometry.coordinates as [number, number][];
    const admin = await openAs('admin', ADMIN_PASSWORD);
    await jumpAndSettle(admin, line[1]!, 16);
    const openCard = async () => {
      const at = await pixelOf(admin, line[1]!);
      await admin.mouse.click(at.x, at.y);
      await admin.locator(`[data-testid="feature-card"][data-feature="${route.properties.id}"]`).waitFor();
    };
    await openCard();
    await admin.getByTestId('feature-edit').click();
    const form = admin.getByTestId('feature-form');
    await form.getByLabel('名称').fill('我的名称（e2e）');
    // Meanwhile another admin renames it through the API (version 1 → 2); this page's form is still on version 1.
    const cookie = await server.login('admin', ADMIN_PASSWORD);
    expect((await server.call('PATCH', `/api/campaigns/lucheng/features/${route.properties.id}`, { version: 1, name: '他人的名称（e2e）' }, cookie)).status).toBe(200);
    await form.getByTestId('feature-save').click();
    const dialog = admin.getByTestId('feature-conflict');
    await expect(dialog.getByTestId('feature-conflict-versions').innerText()).resolves.toMatch(/名称\s*我的名称（e2e）\s*他人的名称（e2e）/);
    await expect(dialog.innerText()).resolves.toContain('服务器上已是第 2 版');
    await dialog.getByTestId('feature-keep-mine').click();
    await expect.poll(async () => (await server.call<CampaignFeatureCollection>('GET', '/api/campaigns/lucheng/features')).body.features.find((feature) => feature.properties.id === route.properties.id)?.properties).toMatchObject({ name: '我的名称（e2e）', version: 3 });

    // 修改形状: drag the first point 40 pixels down, then 完成修改 and 保存 (a PATCH of the geometry).
    await openCard();
    await admin.getByTestId('feature-reshape').click();
    await expect(admin.getByTestId('feature-tools').getAttribute('data-tool')).resolves.toBe('reshape');
    const first = await pixelOf(admin, line[0]!);
    await admin.waitForTimeout(300);
    await admin.mouse.move(first.x, first.y, { steps: 2 });
    await admin.mouse.down();
    for (let dy = 5; dy <= 40; dy += 5) await admin.mouse.move(first.x, first.y + dy);
    await admin.mouse.up();
    await admin.getByTestId('reshape-done').click();
    await expect(form.innerText()).resolves.toContain('编辑要素');
    await form.getByTestId('feature-save').click();
    await form.waitFor({ state: 'detached' });
    const stored = (await server.call<CampaignFeatureCollection>('GET', '/api/campaigns/lucheng/features')).body.features.find((feature) => feature.properties.id === route.properties.id)!;
    expect(stored.properties.version).toBe(4);
    const moved = stored.geometry.coordinates[0] as [number, number];
    // 40 pixels down at zoom 16 is about 0.0003° of latitude south; the other points stay.
    expect(moved[1]).toBeLessThan(line[0]![1] - 0.0002);
    expect(stored.geometry.coordinates.slice(1)).toEqual(line.slice(1));
  }, 180_000);

  test('an import with a bad feature is refused whole, naming the file, the feature, the field and what was expected', async () => {
    const admin = await openAs('admin', ADMIN_PASSWORD);
    await admin.getByTestId('works-toggle').click();
    const section = admin.getByTestId('features-section');
    const bad = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [120.65, 28.02] }, properties: { kind: 'landscape_route', name: '错的路线' } }] };
    await section.getByTestId('features-import').setInputFiles({ name: '错误.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(bad)) });
    await expect(section.getByTestId('features-import-errors').innerText()).resolves.toContain('错误.geojson：第 1 个要素（错的路线）的 geometry.type：景观路线应为 LineString（线），实为 Point');
    await expect(section.getByTestId('features-import-save').count()).resolves.toBe(0);
  });
});
