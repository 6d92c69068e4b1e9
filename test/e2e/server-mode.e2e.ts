/**
 * Server mode (issue 19) in real Chromium: the app served by the campaign server, several
 * users in separate browser contexts (separate cookies), live updates over SSE, the server's
 * refusals (403) and conflicts (409) as the user sees them.
 */
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import type { SharedPlan, StatusRow } from '../../src/api/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { ADMIN_PASSWORD, startCampaignServer, type CampaignServer } from './campaign-server.ts';
import { ARTIFACTS_DIR } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';
import { waitForMapIdle } from './map-page.ts';

const engine = luchengEngine();
const PASSWORD = 'e2e-user-password';
/** Answers the API gives on purpose (anonymous /api/me, refused and stale writes): the browser logs them, they are not errors of the page. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of (401|403|409)/;

let server: CampaignServer;
let browser: Browser;
/** A second browser (its own GPU process, like a second computer): the leader's. */
let secondBrowser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startCampaignServer(inject('distDir'));
  await server.createUser('leader', PASSWORD, 'leader');
  await server.createUser('admin2', PASSWORD, 'admin');
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  secondBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
});

afterEach(async () => {
  // Each test's browsers close with it (idle maps still cost CPU on this machine).
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  await secondBrowser?.close();
  await server?.close();
  expect(pageErrors, 'console errors').toEqual([]);
});

/** A new browser context (own cookies) of the first or second browser on the server's app at `hash`, map idle. */
async function openBrowser(hash = '', base = server.url, which: 'first' | 'second' = 'first'): Promise<Page> {
  const context = await (which === 'first' ? browser : secondBrowser).newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN', deviceScaleFactor: 1, acceptDownloads: true, reducedMotion: 'reduce' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_STATUS.test(message.text())) pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${base}${hash}`);
  await waitForMapIdle(page);
  return page;
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('sign-in').click();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.locator(`[data-testid="server-mode"][data-user="${username}"][data-live="open"]`).waitFor();
}

const clusterCount = (page: Page) => page.getByTestId('cluster-summary').getAttribute('data-cluster-count');

/** A community outside the status table's plan whose designation changes the cluster count. */
const target = (() => {
  const index = engine.dataset.boundaries.features.findIndex((feature) => !engine.baseline[feature.index] && engine.clusterCount([feature.index]) !== engine.clusterCount());
  return { index, code: engine.dataset.boundaries.features[index]!.id, name: engine.dataset.boundaries.features[index]!.name };
})();

describe('服务器模式', () => {
  test('the static build says 单机模式; on the server an anonymous visitor sees the public Lucheng campaign read-only, map first', async () => {
    const standalone = await openBrowser('', inject('baseUrl'));
    await expect(standalone.getByTestId('server-mode').getAttribute('data-mode')).resolves.toBe('standalone');
    await expect(standalone.getByTestId('server-mode').innerText()).resolves.toBe('单机模式');

    const visitor = await openBrowser();
    const bar = visitor.getByTestId('server-mode');
    await expect(bar.getAttribute('data-mode')).resolves.toBe('server');
    await expect(bar.innerText()).resolves.toMatch(/服务器模式[\s\S]*未登录 · 只读/);
    await visitor.locator('[data-testid="server-mode"][data-live="open"]').waitFor();
    await expect(visitor.getByTestId('server-campaign').getAttribute('title')).resolves.toMatch(/^已连接活动服务器：鹿城区.+ · 实时同步中$/);
    await expect(visitor.getByTestId('read-only').innerText()).resolves.toContain('登录后');
    await expect(visitor.getByTestId('planning-toggle').count()).resolves.toBe(0);
    await expect.poll(() => clusterCount(visitor)).toBe(String(engine.clusterCount()));
    await visitor.screenshot({ path: `${ARTIFACTS_DIR}/server-anonymous.png` });
  });

  // Retried: the time is end to end on one 2-core machine, where two headless Chromiums render the
  // map in software (SwiftShader) beside the server. Measured 2026-12-03: the server writes the live
  // event with the plan's answer (a Node client receives it within ~10 ms), yet both browsers
  // dispatch it ~350 ms after the click while the admin's page repaints; the whole path took
  // 560-1079 ms over ten runs. A retry starts from the status table's plan again.
  test('the admin designates a community and a leader in a second browser sees the clusters change within a second; the leader changes nothing (every write 403)', { retry: 2 }, async () => {
    const adminCookie = await server.login('admin', ADMIN_PASSWORD);
    const shared = await server.call<SharedPlan>('GET', '/api/campaigns/lucheng/plan');
    if (shared.body.codes !== null) expect((await server.call('PUT', '/api/campaigns/lucheng/plan', { version: shared.body.version, codes: null }, adminCookie)).status).toBe(200);
    const admin = await openBrowser(`#sel=${target.code}`);
    await signIn(admin, 'admin', ADMIN_PASSWORD);
    const leader = await openBrowser('', server.url, 'second');
    await signIn(leader, 'leader', PASSWORD);
    await expect(leader.getByTestId('server-user').innerText()).resolves.toBe('leader（领导（只读））');
    const before = String(engine.clusterCount());
    const after = String(engine.clusterCount([target.index]));
    await expect.poll(() => clusterCount(leader)).toBe(before);

    const details = admin.getByTestId('community-details');
    await expect(details.getByRole('heading', { level: 2 }).innerText()).resolves.toBe(target.name);
    // Both clocks are this machine's: the admin's click and the leader's repaint of the count, as the pages see them.
    await leader.evaluate((count) => {
      // Anywhere in the page (the report may re-render its summary element).
      const seen = () => document.querySelector('[data-testid="cluster-summary"]')?.getAttribute('data-cluster-count') === count;
      new MutationObserver(() => {
        if (seen()) (window as unknown as { changedAt: number }).changedAt ??= Date.now();
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-cluster-count'] });
    }, after);
    await admin.evaluate(() => document.addEventListener('click', () => ((window as unknown as { clickedAt: number }).clickedAt = Date.now()), { capture: true, once: true }));
    await details.getByRole('button', { name: '设为示范（规划）' }).click();
    await leader.waitForFunction(() => (window as unknown as { changedAt?: number }).changedAt !== undefined, undefined, { timeout: 5000 }).catch(async (error: Error) => {
      const plan = await server.call('GET', '/api/campaigns/lucheng/plan');
      throw new Error(`${error.message}; leader shows ${await clusterCount(leader)}, admin ${await clusterCount(admin)}, server plan ${JSON.stringify(plan.body)}`);
    });
    const clickedAt = await admin.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
    const elapsedMs = (await leader.evaluate(() => (window as unknown as { changedAt: number }).changedAt)) - clickedAt;
    // Where the time went: the admin's plan write (request start and answer) as the admin's page timed it.
    const write = await admin.evaluate(() => {
      const entry = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/campaigns/lucheng/plan')).at(-1) as PerformanceResourceTiming;
      return { startedAt: performance.timeOrigin + entry.startTime, answeredAt: performance.timeOrigin + entry.responseEnd };
    });
    console.log(
      `server mode: admin's designation → leader's cluster count ${before} → ${after} in ${elapsedMs} ms ` +
        `(click → write sent ${Math.round(write.startedAt - clickedAt)} ms, write answered after ${Math.round(write.answeredAt - write.startedAt)} ms, leader repainted ${Math.round(clickedAt + elapsedMs - write.answeredAt)} ms after the answer)`,
    );
    expect(elapsedMs).toBeLessThan(1000);
    await expect.poll(() => clusterCount(admin)).toBe(after);
    const plan = await server.call<SharedPlan>('GET', '/api/campaigns/lucheng/plan');
    expect(plan.body.codes).toContain(target.code);
    expect(plan.body.updatedBy).toBe('admin');
    await waitForMapIdle(leader);
    await leader.screenshot({ path: `${ARTIFACTS_DIR}/server-leader-live.png` });

    // The leader's view offers no edits.
    await expect(leader.getByTestId('read-only').innerText()).resolves.toContain('领导（只读）不能修改方案');
    await expect(leader.getByTestId('planning-toggle').count()).resolves.toBe(0);
    await leader.goto(`${server.url}#sel=${target.code}`);
    await waitForMapIdle(leader);
    await expect(leader.getByTestId('community-details').getByRole('heading', { level: 2 }).innerText()).resolves.toBe(target.name);
    await expect(leader.getByTestId('community-details').getByRole('button', { name: /示范（规划）/ }).count()).resolves.toBe(0);
    await expect(leader.getByTestId('status-editor').count()).resolves.toBe(0);

    // The leader's store refuses an edit in the updater (undo of the admin's step): nothing changes, nothing is sent.
    const planWrites: string[] = [];
    leader.on('request', (request) => {
      if (request.url().endsWith('/api/campaigns/lucheng/plan') && request.method() === 'PUT') planWrites.push(request.url());
    });
    await leader.getByTestId('map').click({ position: { x: 5, y: 5 } });
    await leader.keyboard.press('Control+z');
    await leader.waitForTimeout(500);
    expect(planWrites).toEqual([]);
    await expect.poll(() => clusterCount(leader)).toBe(after);

    // Direct writes from the leader's browser session: all 403.
    const statuses = await leader.evaluate(async ({ code, version }) => {
      const send = (method: string, path: string, body: unknown) => fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((response) => response.status);
      return [
        await send('PUT', '/api/campaigns/lucheng/plan', { version, codes: [] }),
        await send('PATCH', `/api/campaigns/lucheng/communities/${code}`, { version: 1, changes: { responsible: '领导' } }),
        await send('POST', '/api/campaigns/lucheng/scenarios', { name: '领导的方案', codes: [code] }),
        await send('POST', '/api/campaigns/lucheng/inspections', { code, date: '2002-06-01', kind: 'weekly', score: 90, problemsFound: 0, problemsRectified: 0 }),
      ];
    }, { code: target.code, version: plan.body.version });
    expect(statuses).toEqual([403, 403, 403, 403]);
    const unchanged = await server.call<SharedPlan>('GET', '/api/campaigns/lucheng/plan');
    expect(unchanged.body).toEqual(plan.body);

    // Reading is allowed: the campaign exports as the project file the static app opens.
    const download = leader.waitForEvent('download');
    await leader.getByTestId('export-server-project').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/活动.*\.lianpian\.zip$/);
    const bytes = readFileSync((await file.path())!);
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    await expect(leader.getByTestId('export-message').innerText()).resolves.toBe('已从服务器导出活动项目文件');
  });

  test('two admins edit one community: the second gets the conflict dialog with both versions, keeps theirs or mine, nothing is lost', async () => {
    const code = engine.codeOf('桂柑社区');
    const first = await openBrowser(`#sel=${code}`);
    await signIn(first, 'admin', ADMIN_PASSWORD);
    const second = await openBrowser(`#sel=${code}`);
    await signIn(second, 'admin2', PASSWORD);
    const before = (await server.call<StatusRow>('GET', `/api/campaigns/lucheng/communities/${code}`)).body;
    for (const page of [first, second]) await expect.poll(() => page.getByTestId('status-editor').getAttribute('data-version')).toBe(String(before.version));

    // The second admin starts editing; meanwhile the first saves.
    await second.getByTestId('status-editor').getByLabel('责任人').fill('李四');
    await first.getByTestId('status-editor').getByLabel('责任人').fill('张三');
    await first.getByTestId('status-save').click();
    await expect.poll(() => first.getByTestId('status-message').innerText()).toContain(`已保存（第 ${before.version + 1} 版）`);

    await second.getByTestId('status-save').click();
    const dialog = second.getByTestId('conflict-dialog');
    await dialog.waitFor({ state: 'visible' });
    await expect(dialog.getByTestId('mine-responsible').innerText()).resolves.toBe('李四');
    await expect(dialog.getByTestId('theirs-responsible').innerText()).resolves.toBe('张三');
    await expect(dialog.locator('tr.differs').count()).resolves.toBe(1);
    await second.screenshot({ path: `${ARTIFACTS_DIR}/server-conflict.png` });

    await dialog.getByTestId('conflict-keep-mine').click();
    await dialog.waitFor({ state: 'hidden' });
    const after = (await server.call<StatusRow>('GET', `/api/campaigns/lucheng/communities/${code}`)).body;
    expect(after).toMatchObject({ responsible: '李四', version: before.version + 2 });
    // The first admin's version is in the audit log (before → after), not silently gone.
    const cookie = await server.login('admin', ADMIN_PASSWORD);
    const audit = await server.call<{ actor: string; action: string; entity: string; after: StatusRow }[]>('GET', '/api/campaigns/lucheng/audit', undefined, cookie);
    const edits = audit.body.filter((event) => event.action === 'status.update' && event.entity === `community:${code}`);
    expect(edits.map((event) => [event.actor, event.after.responsible])).toEqual([
      ['admin2', '李四'],
      ['admin', '张三'],
    ]);
    // The first admin sees the kept version live.
    await expect.poll(() => first.getByTestId('status-editor').getAttribute('data-version'), { timeout: 15_000 }).toBe(String(before.version + 2));
    await expect.poll(() => second.getByTestId('status-editor').getAttribute('data-version'), { timeout: 15_000 }).toBe(String(before.version + 2));
    await expect(first.getByTestId('status-editor').getByLabel('责任人').inputValue()).resolves.toBe('李四');
  });
});
