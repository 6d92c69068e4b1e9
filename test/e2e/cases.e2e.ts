/**
 * Cases 问题 (issue 20) in real Chromium, served by the campaign server: several users in
 * separate browser contexts (admin, street office, inspector, city departments, leader). A case
 * goes through every state with the right roles and a wrong role is refused with a Chinese
 * message; with the server's clock moved (LIANPIAN_NOW) an overdue case turns yellow, then red,
 * in the list and on the map; a department sees only its own referral slips 抄告单 and the
 * slip's link answers a PDF; another user's change appears without a reload. Failures save a
 * screenshot of every open page to test-results/e2e.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import type { CaseView, InspectionCreated } from '../../src/api/index.ts';
import { addWorkingDays, CASE_COLOUR_LABELS, CASE_STATE_LABELS, defaultCampaignConfig } from '../../src/core/index.ts';
import { CASE_COLOURS, CASE_LAYER_IDS } from '../../src/map/case-layer.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { ADMIN_PASSWORD, startCampaignServer, type CampaignServer } from './campaign-server.ts';
import { ARTIFACTS_DIR } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';
import { jumpAndSettle, waitForMapIdle } from './map-page.ts';
import { renderPdfPage } from './pdf-render.ts';

const engine = luchengEngine();
const settings = defaultCampaignConfig().supervision;
const PASSWORD = 'e2e-user-password';
/** Screenshots for the README, written beside the other e2e artifacts (docs/img takes its copies from there, never the test). */
const DOCS_IMG = ARTIFACTS_DIR;
/** Answers the API gives on purpose (anonymous /api/me, refused and stale writes): the browser logs them, they are not errors of the page. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of (401|403|409)/;

/** The community the inspector finds problems in: the first of the data, inside its street. */
const community = (() => {
  const feature = engine.dataset.boundaries.features[0]!;
  return { code: feature.id, name: feature.name, street: feature.streetCode, point: engine.labelPoint(feature.index) };
})();

let server: CampaignServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pages: Page[] = [];
const pageErrors: string[] = [];
let savedNow: string | undefined;

beforeAll(async () => {
  savedNow = process.env.LIANPIAN_NOW;
  // A Monday in the campaign: the clock the cases are reported and assigned on.
  setClock('2002-06-03');
  server = await startCampaignServer(inject('distDir'));
  await server.createUser('xcy', PASSWORD, 'inspector', [community.street]);
  await server.createUser('jdb', PASSWORD, 'street', [community.street]);
  await server.createUser('cgj', PASSWORD, 'department', ['chengguan']);
  await server.createUser('gaj', PASSWORD, 'department', ['gongan']);
  await server.createUser('ld', PASSWORD, 'leader');
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  mkdirSync(DOCS_IMG, { recursive: true });
});

afterEach(async ({ task }) => {
  // A failed (or timed-out) test leaves a screenshot of every page it had open.
  if (task.result?.state === 'fail' || (task.result?.errors?.length ?? 0) > 0) {
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    for (const [index, page] of pages.entries()) await page.screenshot({ path: `${ARTIFACTS_DIR}/FAILED-cases-${name}-${index}.png` }).catch(() => undefined);
  }
  for (const context of contexts.splice(0)) await context.close();
  pages.splice(0);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (savedNow === undefined) delete process.env.LIANPIAN_NOW;
  else process.env.LIANPIAN_NOW = savedNow;
  expect(pageErrors, 'console errors').toEqual([]);
});

let started = Date.now();
/** Logs how long the running test took to reach a step (the machine is shared; timeouts say where). */
function step(name: string): void {
  console.log(`cases e2e: ${name} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A new browser context (own cookies) on the server's app, signed in as `username`, map idle. */
async function openAs(username: string, password = PASSWORD, options: { phone?: boolean; live?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(
    options.phone
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }
      : { viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN' },
  );
  contexts.push(context);
  const page = await context.newPage();
  pages.push(page);
  const live = options.live ?? true;
  // Without live updates the stream's requests fail on purpose (the browser logs them).
  if (!live) await page.route('**/api/campaigns/*/events', (route) => route.abort());
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_STATUS.test(message.text()) && (live || !message.text().includes('net::ERR_FAILED'))) pageErrors.push(`${username}: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`${username}: ${error.message}`));
  await page.goto(server.url);
  await waitForMapIdle(page);
  await page.getByTestId('sign-in').click();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.locator(`[data-testid="server-mode"][data-user="${username}"]${live ? '[data-live="open"]' : ''}`).waitFor();
  await page.locator('[data-testid="cases-panel"][data-status="ready"]').waitFor();
  return page;
}

const row = (page: Page, id: string) => page.locator(`[data-testid="case-row"][data-case="${id}"]`);

/** Opens a case from the list, as a person clicks its row; answers the open page. */
async function openCase(page: Page, id: string) {
  await row(page, id).getByRole('button').click();
  const content = page.getByTestId('case-content');
  await page.locator(`[data-testid="case-content"][data-case="${id}"]`).waitFor();
  return content;
}

/** Makes a transition on the open case page with a note, and waits for the state the server answered. */
async function transition(page: Page, to: string, note: string, expected: keyof typeof CASE_STATE_LABELS): Promise<void> {
  const content = page.getByTestId('case-content');
  await content.getByTestId('transition-note').fill(note);
  await content.getByTestId(`transition-${to}`).click();
  await expect.poll(() => content.getByTestId('case-page-state').innerText(), { timeout: 15_000 }).toBe(CASE_STATE_LABELS[expected]);
  await expect(content.getByTestId('transition-message').innerText()).resolves.toContain(`现为「${CASE_STATE_LABELS[expected]}」`);
}

/** The buttons a person sees on the open case page. */
const buttons = (page: Page) => page.getByTestId('case-content').locator('button[data-testid^="transition-"]').evaluateAll((list) => list.map((button) => button.textContent));

/** What the inspector writes for each category of problem. */
const NOTES: Record<string, string> = {
  sanitation: '3 号楼楼道堆放杂物，影响通行',
  dumping: '小区门口建筑垃圾未清运',
  posting: '宣传栏周边小广告未清理',
  building: '沿街违章搭建雨棚',
  parking: '人行道上机动车乱停放',
  stall: '菜场门口占道经营',
};

/** Sets the server's clock (LIANPIAN_NOW, read at every request), China time. */
function setClock(day: string, time = '10:00'): void {
  process.env.LIANPIAN_NOW = `${day}T${time}:00+08:00`;
}

/** Problems reported so far (each gets its own spot, about 30 m apart, so that points do not cover one another). */
let spots = 0;

/** The inspector reports one problem per category in the community (POST inspections, as the phone does). */
async function reportProblems(categories: string[]): Promise<CaseView[]> {
  const cookie = await server.login('xcy', PASSWORD);
  const [lon, lat] = community.point;
  const first = spots;
  spots += categories.length;
  const { status, body } = await server.call<InspectionCreated>(
    'POST',
    '/api/campaigns/lucheng/inspections',
    { community: community.code, date: '2002-06-03', kind: 'weekly', problems: categories.map((category, i) => ({ category, note: NOTES[category] ?? category, lon: lon + (first + i - 3) * 6e-4, lat })) },
    cookie,
  );
  expect(status).toBe(201);
  const admin = await server.login('admin', ADMIN_PASSWORD);
  return Promise.all(body.cases.map(async ({ id }) => (await server.call<CaseView>('GET', `/api/campaigns/lucheng/cases/${id}`, undefined, admin)).body));
}

/** Moves a case as `username` through the API (the steps a test is not about). */
async function moveAs(username: string, password: string, id: string, body: Record<string, unknown>): Promise<CaseView> {
  const cookie = await server.login(username, password);
  const answer = await server.call<CaseView>('POST', `/api/campaigns/lucheng/cases/${id}/transitions`, body, cookie);
  if (answer.status !== 200) throw new Error(`${username} ${JSON.stringify(body)}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A small real photo (PNG) of the page, as a department's proof would be. */
async function photoOf(page: Page): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  return { name: '整改后.png', mimeType: 'image/png', buffer: await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 240 } }) };
}

describe('问题督办', () => {
  test('a new case appears live; it goes through every state with the right roles; a wrong role is refused with a Chinese message', async () => {
    started = Date.now();
    const admin = await openAs('admin', ADMIN_PASSWORD);
    const leader = await openAs('ld');
    const before = Number(await leader.getByTestId('case-counts').getAttribute('data-total'));

    step('admin and leader signed in');
    // The inspector's report reaches both open dashboards without a reload.
    setClock('2002-06-03', '09:30');
    const [found] = await reportProblems(['sanitation']);
    for (const page of [admin, leader]) await row(page, found!.id).waitFor({ timeout: 5000 });
    await expect.poll(() => leader.getByTestId('case-counts').getAttribute('data-total')).toBe(String(before + 1));
    await expect(row(leader, found!.id).innerText()).resolves.toMatch(new RegExp(`第 ${found!.number} 号[\\s\\S]*${community.name}[\\s\\S]*上报`));

    step('the new case arrived live');
    // Admin: 立案, then 交办 to the community's street (deadline by the working-day rule).
    let page = await openCase(admin, found!.id);
    await expect(buttons(admin)).resolves.toEqual(['立案']);
    setClock('2002-06-03', '10:15');
    await transition(admin, 'registered', '经核实，予以立案', 'registered');
    setClock('2002-06-03', '10:20');
    await transition(admin, 'assigned', '请街道按期整改', 'assigned');
    const deadline = addWorkingDays('2002-06-03', settings.categories.find((c) => c.id === 'sanitation')?.deadlineWorkingDays ?? settings.deadlineWorkingDays, settings);
    await expect(page.getByTestId('case-deadline').innerText()).resolves.toBe(`${Number(deadline.slice(0, 4))}年${Number(deadline.slice(5, 7))}月${Number(deadline.slice(8, 10))}日`);
    // The leader's open list follows live.
    await expect.poll(() => row(leader, found!.id).getAttribute('data-state')).toBe('assigned');

    // A wrong role: the leader's session asks for 销号 and the street office's for 复查通过: 403, said in Chinese.
    const street = await openAs('jdb');
    const refusals = await Promise.all(
      [
        [leader, 'closed'],
        [street, 'verified'],
      ].map(([who, to]) =>
        (who as Page).evaluate(
          async ({ id, to }) => {
            const response = await fetch(`/api/campaigns/lucheng/cases/${id}/transitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to, note: '' }) });
            return { status: response.status, body: (await response.json()) as { message: string } };
          },
          { id: found!.id, to: to as string },
        ),
      ),
    );
    expect(refusals.map((answer) => answer.status)).toEqual([403, 403]);
    for (const answer of refusals) expect(answer.body.message).toMatch(/[\u4e00-\u9fff]/);
    expect(refusals[1]!.body.message).toContain('复查通过');

    step('refusals checked');
    // The street office: 开始整改, then 反馈 with a photo as proof.
    page = await openCase(street, found!.id);
    await expect(buttons(street)).resolves.toEqual(['开始整改']);
    setClock('2002-06-04', '09:00');
    await transition(street, 'in_progress', '已安排保洁人员', 'in_progress');
    setClock('2002-06-05', '16:00');
    await page.getByTestId('transition-photos').setInputFiles(await photoOf(street));
    await transition(street, 'fixed', '杂物已清理，附整改后照片', 'fixed');
    await expect(page.locator('[data-testid="case-event"][data-transition="fixed"] img').count()).resolves.toBe(1);

    step('street fixed');
    // The inspector: the first check fails (back to 整改中, one reopening); after the second fix it passes and is closed.
    await admin.close();
    await leader.close();
    const inspector = await openAs('xcy');
    page = await openCase(inspector, found!.id);
    await expect(buttons(inspector)).resolves.toEqual(['复查通过', '复查不通过，退回整改']);
    setClock('2002-06-06', '10:00');
    await transition(inspector, 'reopened', '复查时 3 单元楼道仍有杂物', 'in_progress');
    await expect(page.innerText()).resolves.toContain('退回整改 1 次');
    // The street's open case page follows live: 整改中 again, its button back.
    await expect.poll(() => street.getByTestId('case-content').getAttribute('data-state')).toBe('in_progress');
    setClock('2002-06-07', '15:00');
    await transition(street, 'fixed', '各单元楼道已全部清理，并张贴禁放提示', 'fixed');
    await expect.poll(() => page.getAttribute('data-state')).toBe('fixed');
    step('second fix');
    setClock('2002-06-10', '09:40');
    await transition(inspector, 'verified', '复查合格', 'verified');
    setClock('2002-06-10', '09:45');
    await transition(inspector, 'closed', '予以销号', 'closed');
    setClock('2002-06-03');
    const steps = await page.locator('[data-testid="case-event"]').evaluateAll((list) => list.map((item) => [item.getAttribute('data-transition'), item.textContent]));
    expect(steps.map(([step]) => step)).toEqual(['reported', 'registered', 'assigned', 'in_progress', 'fixed', 'reopened', 'fixed', 'verified', 'closed']);
    expect(steps.map(([, text]) => /xcy|admin|jdb/.exec(text ?? '')?.[0])).toEqual(['xcy', 'admin', 'admin', 'jdb', 'jdb', 'xcy', 'jdb', 'xcy', 'xcy']);
    await expect(buttons(inspector)).resolves.toEqual([]);
    await inspector.screenshot({ path: `${DOCS_IMG}/cases-page.png` });
  }, 240_000);

  test('a transition refused on a stale page (the case was reassigned while the street’s live updates were cut) shows the server’s Chinese message and keeps the note', async () => {
    started = Date.now();
    const [found] = await reportProblems(['dumping']);
    await moveAs('admin', ADMIN_PASSWORD, found!.id, { to: 'registered' });
    await moveAs('admin', ADMIN_PASSWORD, found!.id, { to: 'assigned' });
    // This page's live updates never arrive (a dropped connection): it shows the case as first read.
    const street = await openAs('jdb', PASSWORD, { live: false });
    const content = await openCase(street, found!.id);
    await expect(buttons(street)).resolves.toEqual(['开始整改']);
    await moveAs('admin', ADMIN_PASSWORD, found!.id, { to: 'assigned', unit: { kind: 'department', id: 'chengguan' }, note: '改由城管处理' });
    await content.getByTestId('transition-note').fill('已派人处理');
    const refused = street.waitForResponse((response) => response.url().endsWith('/transitions'));
    await content.getByTestId('transition-in_progress').click();
    expect((await refused).status()).toBe(403);
    await expect.poll(() => content.getByTestId('transition-message').innerText()).toBe(`问题第 ${found!.number} 号不在您的负责范围内，不能「开始整改」`);
    await expect(content.getByTestId('transition-message').getAttribute('role')).resolves.toBe('alert');
    await expect(content.getByTestId('transition-note').inputValue()).resolves.toBe('已派人处理');
    // The page now shows the case as the server holds it: the department's, no step for the street.
    await expect.poll(() => content.getByTestId('case-unit').innerText()).toBe('市城管执法局');
    await expect(buttons(street)).resolves.toEqual([]);
    await street.screenshot({ path: `${ARTIFACTS_DIR}/cases-refused.png` });
  }, 180_000);

  test('past its deadline a case is yellow, then red, in the list, on the map and in its street’s standing (the server’s clock moved)', async () => {
    started = Date.now();
    const [found] = await reportProblems(['posting']);
    await moveAs('admin', ADMIN_PASSWORD, found!.id, { to: 'registered' });
    const assigned = await moveAs('admin', ADMIN_PASSWORD, found!.id, { to: 'assigned' });
    const deadline = assigned.deadline!;
    const colourAt = async (page: Page): Promise<{ list: string | null; badge: string; map: string | undefined; pixel: number[] }> => {
      await row(page, found!.id).waitFor();
      await jumpAndSettle(page, [found!.lon!, found!.lat!], 16);
      const map = await page.evaluate(
        ({ layer, id }) => {
          const features = window.lianpian!.map!.queryRenderedFeatures({ layers: [layer] });
          return features.find((feature) => feature.properties?.id === id)?.properties?.colour as string | undefined;
        },
        { layer: CASE_LAYER_IDS.points, id: found!.id },
      );
      const pixel = await page.evaluate(
        ([lon, lat]) =>
          new Promise<number[]>((resolve) => {
            const map = window.lianpian!.map!;
            map.once('render', () => {
              const canvas = map.getCanvas();
              const point = map.project([lon!, lat!]);
              const ratio = canvas.width / canvas.clientWidth;
              const gl = canvas.getContext('webgl2')!;
              const data = new Uint8Array(4);
              gl.readPixels(Math.round(point.x * ratio), Math.round(canvas.height - point.y * ratio), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, data);
              resolve([...data.slice(0, 3)]);
            });
            map.triggerRepaint();
          }),
        [found!.lon!, found!.lat!],
      );
      return { list: await row(page, found!.id).getAttribute('data-colour'), badge: await row(page, found!.id).getByTestId('case-colour').innerText(), map, pixel };
    };
    // The street's standing (责任单位督办排名 in 落后分析): its overdue and red counts, the red cases' numbers; and the server's (the core's) standing of it.
    const standingAt = async (page: Page) => {
      await page.getByTestId('view-lagging').click();
      const unitRow = page.locator(`[data-testid="unit-standings"] tr[data-unit="${assigned.unit.id}"]`);
      await unitRow.waitFor();
      const cells = unitRow.locator('td');
      const shown = { overdue: Number(await cells.nth(3).innerText()), red: Number(await cells.nth(4).innerText()), redNumbers: (await cells.nth(4).getAttribute('title')) ?? '' };
      await page.getByTestId('view-dashboard').click();
      const served = await server.call<{ standings: { unit: { id: string }; overdue: number; red: number; redNumbers: number[] }[] }>('GET', '/api/campaigns/lucheng/lagging', undefined, await server.login('admin', ADMIN_PASSWORD));
      return { shown, served: served.body.standings.find((standing) => standing.unit.id === assigned.unit.id)! };
    };
    const hex = (colour: string) => [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    const near = (a: number[], b: number[]) => a.every((value, i) => Math.abs(value - b[i]!) <= 40);

    // One working day past the deadline: yellow.
    setClock(addWorkingDays(deadline, 1, settings));
    const admin = await openAs('admin', ADMIN_PASSWORD);
    let seen = await colourAt(admin);
    expect(seen).toMatchObject({ list: 'yellow', badge: CASE_COLOUR_LABELS.yellow, map: 'yellow' });
    expect(near(seen.pixel, hex(CASE_COLOURS.yellow)), `pixel ${seen.pixel}`).toBe(true);
    let standing = await standingAt(admin);
    expect(standing.served.redNumbers).not.toContain(found!.number);
    expect(standing.shown).toEqual({ overdue: standing.served.overdue, red: standing.served.red, redNumbers: standing.served.redNumbers.map((n) => `第 ${n} 号`).join('、') });
    expect(standing.shown.overdue).toBeGreaterThan(0);

    // More than the configured working days overdue: red, after a reload of the list.
    setClock(addWorkingDays(deadline, settings.colours.redOverdueWorkingDays + 1, settings));
    await admin.reload();
    await waitForMapIdle(admin);
    await admin.locator('[data-testid="cases-panel"][data-status="ready"]').waitFor();
    seen = await colourAt(admin);
    expect(seen).toMatchObject({ list: 'red', badge: CASE_COLOUR_LABELS.red, map: 'red' });
    expect(near(seen.pixel, hex(CASE_COLOURS.red)), `pixel ${seen.pixel}`).toBe(true);
    const redBefore = standing.served.red;
    standing = await standingAt(admin);
    expect(standing.served.redNumbers).toContain(found!.number);
    expect(standing.served.red).toBeGreaterThan(redBefore);
    expect(standing.shown).toEqual({ overdue: standing.served.overdue, red: standing.served.red, redNumbers: standing.served.redNumbers.map((n) => `第 ${n} 号`).join('、') });
    expect(standing.shown.redNumbers).toContain(`第 ${found!.number} 号`);
    await admin.getByTestId('count-red').click();
    await expect(admin.locator('[data-testid="case-row"]').evaluateAll((rows) => rows.every((item) => item.getAttribute('data-colour') === 'red'))).resolves.toBe(true);
    // Zoomed out, the cases are one cluster in the worst colour of its cases (red), with their count.
    await admin.getByTestId('count-red').click();
    await jumpAndSettle(admin, community.point, 12);
    const cluster = await admin.evaluate((layer) => window.lianpian!.map!.queryRenderedFeatures({ layers: [layer] }).map((feature) => feature.properties), CASE_LAYER_IDS.clusters);
    expect(cluster.length).toBeGreaterThan(0);
    expect(cluster.some((properties) => properties.red > 0 && properties.point_count >= 2)).toBe(true);
    await jumpAndSettle(admin, [community.point[0] - 6e-4, community.point[1]], 15.6);
    await admin.screenshot({ path: `${DOCS_IMG}/cases-map.png` });
    setClock('2002-06-03');
  }, 180_000);

  test('a department’s account sees only its cases and referral slips; the slip opens as an A4 PDF with three copies of one number', async () => {
    started = Date.now();
    const [building, parking] = await reportProblems(['building', 'parking']);
    for (const found of [building!, parking!]) {
      await moveAs('admin', ADMIN_PASSWORD, found.id, { to: 'registered' });
      await moveAs('admin', ADMIN_PASSWORD, found.id, { to: 'assigned' });
    }
    const chengguan = await openAs('cgj');
    await expect(chengguan.getByRole('heading', { name: '本部门的问题与抄告单' }).count()).resolves.toBe(1);
    const units = await chengguan.locator('[data-testid="case-row"]').evaluateAll((rows) => rows.map((item) => item.querySelector('.case-unit')?.textContent ?? ''));
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((text) => text.includes('市城管执法局'))).toBe(true);
    const slips = chengguan.getByTestId('referral-slip');
    const cases = await slips.evaluateAll((items) => items.map((item) => item.getAttribute('data-case')));
    expect(cases).toContain(building!.id);
    expect(cases).not.toContain(parking!.id);
    const slip = chengguan.locator(`[data-testid="referral-slip"][data-case="${building!.id}"]`);
    await expect(slip.innerText()).resolves.toMatch(/鹿创抄〔\d{4}〕第 \d+ 号/);
    const href = (await slip.getByTestId('referral-pdf').getAttribute('href'))!;
    const pdf = await chengguan.context().request.get(new URL(href, server.url).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // As a reader sees it (pdf.js): one A4 page with the slip's number on each of its three copies, 市创建办 / 市属部门 / 留底.
    const number = /鹿创抄〔\d{4}〕第 \d+ 号/.exec(await slip.innerText())![0];
    const rendered = await renderPdfPage(chengguan, server.url, await pdf.body());
    expect([Math.round(rendered.widthPt), Math.round(rendered.heightPt)]).toEqual([595, 842]);
    expect(rendered.text.split(number).length - 1).toBe(3);
    for (const copy of ['市创建办', '市属部门', '留底']) expect(rendered.text).toContain(copy);
    writeFileSync(`${ARTIFACTS_DIR}/cases-referral-pdf.png`, Buffer.from(rendered.png.split(',')[1]!, 'base64'));
    // Another department's slip is not this account's to read.
    const theirs = await chengguan.context().request.get(new URL(`/api/campaigns/lucheng/cases/${parking!.id}/referral.pdf`, server.url).toString());
    expect([403, 404]).toContain(theirs.status());

    // The department answers: 开始整改 on its case.
    await openCase(chengguan, building!.id);
    await transition(chengguan, 'in_progress', '已责成执法中队处理', 'in_progress');
    await chengguan.getByTestId('case-content').getByRole('button', { name: '关闭问题页' }).click();
    await chengguan.getByTestId('referral-slips').scrollIntoViewIfNeeded();
    await chengguan.screenshot({ path: `${DOCS_IMG}/cases-department.png` });

    const gongan = await openAs('gaj');
    const theirCases = await gongan.locator('[data-testid="referral-slip"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-case')));
    expect(theirCases).toContain(parking!.id);
    expect(theirCases).not.toContain(building!.id);
  }, 180_000);

  test('an admin schedules a 抽查 round for a street from the cases panel; the inspector finds its communities in today’s list', async () => {
    started = Date.now();
    const admin = await openAs('admin', ADMIN_PASSWORD);
    const form = admin.getByTestId('round-form');
    await form.scrollIntoViewIfNeeded();
    await form.getByTestId('round-kind').selectOption('spot');
    await form.getByTestId('round-street').selectOption(community.street);
    await form.getByTestId('round-title').fill('五月抽查');
    await form.getByTestId('round-inspectors').fill('xcy');
    await form.getByTestId('round-submit').click();
    await expect.poll(() => form.getByTestId('round-message').innerText()).toMatch(/^已安排「五月抽查」：\d+ 个社区，督查员 xcy$/);
    await expect(admin.locator('[data-testid="round-row"]', { hasText: '五月抽查' }).innerText()).resolves.toContain('抽查');
    const today = await server.call<{ rounds: { round: { kind: string; title: string }; communities: { code: string }[] }[] }>('GET', '/api/campaigns/lucheng/rounds/today', undefined, await server.login('xcy', PASSWORD));
    const scheduled = today.body.rounds.find((entry) => entry.round.title === '五月抽查');
    expect(scheduled?.round.kind).toBe('spot');
    expect(scheduled?.communities.map((entry) => entry.code)).toContain(community.code);
  }, 120_000);

  test('on a phone (390×844) the list and the case page fit the width: nothing scrolls sideways', async () => {
    started = Date.now();
    const [found] = await reportProblems(['stall']);
    const phone = await openAs('admin', ADMIN_PASSWORD, { phone: true });
    await phone.getByRole('tab', { name: '连线成片' }).click();
    await phone.getByTestId('cases-panel').evaluate((panel) => panel.scrollIntoView({ block: 'start' }));
    const overflow = () => phone.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: `${DOCS_IMG}/cases-list-phone.png` });
    await openCase(phone, found!.id);
    const dialog = await phone.getByTestId('case-page').evaluate((element) => ({ scroll: element.scrollWidth - element.clientWidth, right: element.getBoundingClientRect().right }));
    expect(dialog.scroll).toBeLessThanOrEqual(0);
    expect(dialog.right).toBeLessThanOrEqual(390);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: `${DOCS_IMG}/cases-page-phone.png` });
  }, 180_000);
});
