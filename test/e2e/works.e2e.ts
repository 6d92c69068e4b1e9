/**
 * 项目、经费与责任 (issue 21) in real Chromium, served by the campaign server: a project submitted
 * 申报 and signed through every stage in the panel, each stage by an account of the unit the
 * campaign settings name (accounts created through the API); a wrong unit is offered no sign-off
 * and its attempt is refused in Chinese, on screen too when its page is stale; a payment before
 * 验收 and one above the allocation are refused on screen unless an admin overrides with a reason;
 * the ledger's numbers are the core's ledgerRows of the server's projects; the 一票否决 list is the
 * core's verdicts and follows a red case closed through the cases UI live; the 责任清单 print page
 * and the XLSX exports show the screen's people and numbers. Failures save a screenshot of every
 * open page to test-results/e2e; the README's works screenshots are written there too.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from 'vitest';
import {
  campaignWorksSettings,
  communitiesWithRoute,
  disburse,
  isOpenCase,
  ledgerRows,
  ledgerTotals,
  missingFacilities,
  nextStage,
  PROJECT_STAGES,
  PROJECT_STAGE_LABELS,
  remainingAllocation,
  signStage,
  vetoVerdicts,
  worksActorOf,
  type Allocation,
  type CampaignFeature,
  type Grade,
  type LedgerRow,
  type Person,
  type ProjectRecord,
  type ProjectStage,
  type VetoInput,
  type VetoVerdict,
} from '../../src/core/index.ts';
import type { CaseView } from '../../src/api/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { ADMIN_PASSWORD, startCampaignServer, type CampaignServer } from './campaign-server.ts';
import { ARTIFACTS_DIR } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';
import { waitForMapIdle } from './map-page.ts';

const engine = luchengEngine();
const C = '/api/campaigns/lucheng';
const PASSWORD = 'e2e-user-password';
/** The server's day for the whole file (China time): inside the demo campaign, before its deadlines. */
const NOW = '2002-06-03T10:00:00+08:00';
const TODAY = '2002-06-03';
/** The Lucheng campaign's works settings as the server reads them (its seeded campaign.json over the core's defaults). */
const SETTINGS = campaignWorksSettings(JSON.parse(readFileSync('data/lucheng/campaign.json', 'utf8')) as Record<string, unknown>);
const unitName = (id: string) => SETTINGS.units.find((unit) => unit.id === id)!.name;
/** The account created for each reviewing unit: role department, the unit's id as its scope. */
const unitUser = (unit: string) => `w-${unit}`;
const unitActor = (unit: string) => worksActorOf({ username: unitUser(unit), role: 'department', scope: [unit] }, SETTINGS);
const adminActor = worksActorOf({ username: 'admin', role: 'admin', scope: [] }, SETTINGS);
/** Answers the API gives on purpose (anonymous /api/me, refused, invalid and stale writes): the browser logs them, they are not errors of the page. */
const EXPECTED_STATUS = /Failed to load resource: the server responded with a status of (400|401|403|409)/;

let server: CampaignServer;
let browser: Browser;
let adminCookie: string;
const contexts: BrowserContext[] = [];
const pages: Page[] = [];
const pageErrors: string[] = [];
let savedNow: string | undefined;

beforeAll(async () => {
  savedNow = process.env.LIANPIAN_NOW;
  process.env.LIANPIAN_NOW = NOW;
  server = await startCampaignServer(inject('distDir'));
  for (const unit of SETTINGS.units) await server.createUser(unitUser(unit.id), PASSWORD, 'department', [unit.id]);
  // One more 审计局 account: the person who moves to 建设局 while a page is open.
  await server.createUser('w-sjj-moving', PASSWORD, 'department', ['sjj']);
  await server.createUser('ld', PASSWORD, 'leader');
  adminCookie = await server.login('admin', ADMIN_PASSWORD);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' || (task.result?.errors?.length ?? 0) > 0) {
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    for (const [index, page] of pages.entries()) await page.screenshot({ path: `${ARTIFACTS_DIR}/FAILED-works-${name}-${index}.png` }).catch(() => undefined);
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
  console.log(`works e2e: ${name} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The admin's JSON call (the steps a test is not about, and what the expectations are computed from). */
async function api<T>(method: string, path: string, body?: unknown, cookie = adminCookie): Promise<T> {
  const answer = await server.call<T>(method, path, body, cookie);
  if (answer.status >= 300) throw new Error(`${method} ${path}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const projects = async () => (await api<{ projects: ProjectRecord[] }>('GET', `${C}/projects`)).projects;
const projectById = async (id: string) => (await projects()).find((project) => project.id === id)!;
const ledger = async () => (await api<{ rows: LedgerRow[] }>('GET', `${C}/ledger`)).rows;
/** The allocations as the ledger states them (one row per source and street). */
const allocationsOf = (rows: readonly LedgerRow[]): Allocation[] => rows.filter((row) => row.allocatedWan > 0).map((row) => ({ source: row.source, street: row.street, allocatedWan: row.allocatedWan }));

/** A new browser context (own cookies) on the server's app, signed in as `username`, the works panel open on `tab`. */
async function openAs(username: string, password = PASSWORD, options: { live?: boolean; tab?: 'projects' | 'ledger' | 'people' | 'veto' } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true });
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
  await page.getByTestId('works-toggle').click();
  await page.locator('[data-testid="works-panel"][data-status="ready"]').waitFor({ timeout: 30_000 });
  if (options.tab && options.tab !== 'projects') await page.getByTestId(`works-tab-${options.tab}`).click();
  return page;
}

/** Opens a project's page from the list, as a person clicks its row. */
async function openProject(page: Page, id: string) {
  await page.getByTestId('works-tab-projects').click();
  const open = page.getByTestId('project-page');
  if ((await open.count()) > 0) {
    if ((await open.getAttribute('data-project')) === id) return open;
    await open.getByRole('button', { name: '← 返回项目列表' }).click();
  }
  await page.locator(`[data-testid="project-row"][data-project="${id}"] button`).click();
  await page.locator(`[data-testid="project-page"][data-project="${id}"]`).waitFor();
  return page.getByTestId('project-page');
}

/**
 * A screenshot of the works panel as a person sees it in the right-hand panel: scrolled so that
 * `from` (default: the panel's title) is at the top, cut to the panel's width and the window.
 */
async function panelShot(page: Page, name: string, from = page.getByTestId('works-panel')): Promise<void> {
  await from.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  const box = (await page.getByTestId('works-panel').boundingBox())!;
  const viewport = page.viewportSize()!;
  const top = Math.max(0, (await from.boundingBox())!.y - 8);
  await page.screenshot({ path: `${ARTIFACTS_DIR}/${name}.png`, clip: { x: Math.max(0, box.x - 8), y: top, width: Math.min(box.width + 16, viewport.width - box.x + 8), height: viewport.height - top } });
}

const stageOf = (page: Page) => page.getByTestId('project-page').getAttribute('data-stage');

/** Pays `amountWan` on the open project page (with an override reason when given); answers the refusal shown, or null once the payment is listed. */
async function pay(page: Page, amountWan: number, note: string, reason = ''): Promise<string | null> {
  const form = page.getByTestId('payment-form');
  const before = await page.locator('[data-testid="payments"] li').count();
  await form.getByTestId('payment-amount').fill(String(amountWan));
  await form.getByLabel('说明').fill(note);
  await form.getByTestId('payment-override').fill(reason);
  const answered = page.waitForResponse((response) => response.url().endsWith('/disbursements'));
  await form.getByTestId('payment-button').click();
  if ((await answered).ok()) {
    await expect.poll(() => page.locator('[data-testid="payments"] li').count()).toBe(before + 1);
    return null;
  }
  await form.getByTestId('payment-refusal').waitFor();
  return form.getByTestId('payment-refusal').innerText();
}

/** The ledger as the page shows it, per street: key → [下达, 已安排, 已拨付, 已支出] as printed. */
async function shownLedgerByStreet(page: Page): Promise<Map<string, string[]>> {
  await page.getByTestId('works-tab-ledger').click();
  await page.getByTestId('ledger-by-street').click();
  const rows = await page.locator('[data-testid="ledger-row"]').evaluateAll((items) => items.map((item) => [item.getAttribute('data-key') ?? '', [...item.querySelectorAll('td')].map((cell) => cell.textContent ?? '')] as const));
  return new Map(rows.map(([key, cells]) => [key, [...cells]]));
}

/** The core's ledger totals per street of the server's projects now, printed as the page prints them. */
function expectedLedgerByStreet(list: readonly ProjectRecord[], allocations: readonly Allocation[]): Map<string, string[]> {
  const rows = ledgerRows(list, allocations, SETTINGS.lag, { today: TODAY, deadline: null });
  return new Map(ledgerTotals(rows, 'street').map((total) => [total.key ?? '', [total.allocatedWan, total.committedWan, total.disbursedWan, total.spentWan].map((value) => value.toFixed(2))]));
}

/**
 * The veto list the core gives for the server's data now: the lagging report's grades and red
 * cases, the status rows' facilities, the open department cases, the projects, the drawn routes
 * and the people, put together as the campaign's acceptance rules read them.
 */
async function expectedVeto(): Promise<VetoVerdict[]> {
  type Graded = { code: string; name: string; street: string; streetCode: string; demo: boolean; grade: Grade | null; redCases: number };
  const graded = (await api<{ communities: Graded[] }>('GET', `${C}/lagging`)).communities.filter((community) => community.demo);
  const list = await projects();
  const open = (await api<{ cases: CaseView[] }>('GET', `${C}/cases`)).cases.filter((record) => isOpenCase(record.state) && record.unit.kind === 'department');
  const features = (await api<{ features: CampaignFeature[] }>('GET', `${C}/features`)).features;
  const people = (await api<{ people: Person[] }>('GET', `${C}/people`)).people;
  const statusOf = new Map(engine.dataset.boundaries.features.map((feature, index) => [feature.id, engine.dataset.status[index] ?? null]));
  const inputs = graded.map((community): VetoInput => {
    const status = statusOf.get(community.code) ?? null;
    return {
      code: community.code,
      name: community.name,
      street: community.streetCode,
      streetName: community.street,
      grade: community.grade,
      missingFacilities: status ? missingFacilities(status).map((item) => item.label) : null,
      openRedCases: community.redCases,
      caseDepartments: [...new Set(open.filter((record) => record.community === community.code).map((record) => record.unit.id))],
      projects: list
        .filter((project) => project.target.kind === 'community' && project.target.id === community.code)
        .map((project) => {
          const next = nextStage(project.stage);
          return { title: project.title, stage: project.stage, nextUnit: next === null ? null : SETTINGS.stages[next] };
        }),
    };
  });
  const routes = communitiesWithRoute(
    features,
    engine.dataset.boundaries.features.map((feature) => ({ code: feature.id, geometry: feature.geometry })),
  );
  const departments = new Map(engine.dataset.config.supervision.departments.map((department) => [department.id, department.name]));
  return vetoVerdicts(inputs, routes, people, (id) => SETTINGS.units.find((unit) => unit.id === id)?.name ?? departments.get(id) ?? id, SETTINGS.acceptance);
}

/** What a veto row says, as the page renders each part. */
const vetoRowText = (verdict: VetoVerdict) => ({
  name: verdict.name,
  pass: String(verdict.pass),
  reasons: verdict.reasons.map((reason) => reason.message),
  chain: verdict.responsible.map((link, index) => `${index > 0 ? ' → ' : ''}${link.unit} ${link.person ? `${link.person.name}（${link.person.title}，${link.person.phone}）` : '（未明确责任人）'}`),
});

async function shownVeto(page: Page) {
  return page.locator('[data-testid="veto-row"]').evaluateAll((rows) =>
    rows.map((row) => ({
      code: row.getAttribute('data-code') ?? '',
      name: row.querySelector('strong')?.textContent ?? '',
      pass: row.getAttribute('data-pass') ?? '',
      reasons: [...row.querySelectorAll('.veto-reasons li')].map((item) => item.textContent ?? ''),
      chain: [...row.querySelectorAll('[data-testid="veto-link"]')].map((item) => item.textContent ?? ''),
    })),
  );
}

/** A community outside the demonstration set (a project there does not move the veto list), with its street. */
const plainCommunity = (() => {
  const index = engine.dataset.boundaries.features.findIndex((feature) => !engine.baseline[feature.index] && feature.streetCode);
  const feature = engine.dataset.boundaries.features[index]!;
  return { code: feature.id, name: feature.name, street: feature.streetCode! };
})();

describe('项目、经费与责任', () => {
  test('a project submitted in the panel goes 申报 → 审核 → 评估 → 施工 → 监督 → 验收 → 拨付, each stage signed by the settings’ unit; a wrong unit is refused in Chinese; a payment before 验收 is refused on screen; the paid amount moves the ledger as ledgerRows says', async () => {
    started = Date.now();
    // 申报 by the 创建办's account, through the form.
    const submitter = await openAs(unitUser(SETTINGS.stages.reviewed));
    await submitter.getByTestId('project-submit').click();
    const form = submitter.getByTestId('project-submit-form');
    await form.getByTestId('submit-title').fill(`${plainCommunity.name}文体活动室（e2e）`);
    await form.getByTestId('submit-kind').selectOption('facility');
    await form.getByTestId('submit-description').fill('调剂闲置用房改建文体活动室');
    await form.getByTestId('submit-community').selectOption(plainCommunity.code);
    await expect(form.getByTestId('submit-street').inputValue()).resolves.toBe(plainCommunity.street);
    await form.getByTestId('submit-budget').fill('36');
    await form.getByTestId('submit-source').selectOption(SETTINGS.sources[0]!.id);
    const responsible = (await api<{ people: Person[] }>('GET', `${C}/people`)).people.find((person) => person.responsibleFor.some((target) => target.kind === 'street' && target.id === plainCommunity.street))!;
    await form.getByTestId('submit-responsible').selectOption(responsible.id);
    await expect(form.getByTestId('submit-start').inputValue()).resolves.toBe(TODAY);
    // The dates out of order first: the server's words name the field.
    await form.getByTestId('submit-due').fill('2002-06-01');
    await form.getByTestId('submit-button').click();
    await expect.poll(() => form.getByTestId('submit-refusal').innerText()).toBe(`字段 due：完成日期 2002-06-01 早于开工日期 ${TODAY}`);
    await form.getByTestId('submit-due').fill('2002-06-28');
    await form.getByTestId('submit-button').click();
    const page = submitter.getByTestId('project-page');
    await page.waitFor();
    const id = (await page.getAttribute('data-project'))!;
    await expect(page.getByRole('heading', { level: 3 }).innerText()).resolves.toMatch(new RegExp(`^第 \\d+ 号项目：${plainCommunity.name}文体活动室（e2e）$`));
    expect(await stageOf(submitter)).toBe('submitted');
    step('submitted');

    // A wrong unit (审计局) is offered no sign-off for 审核 and is told who signs; its attempt from its own session is refused in the core's words.
    const wrong = await openAs(unitUser(SETTINGS.stages.evaluated));
    await openProject(wrong, id);
    await expect(wrong.getByTestId('sign-button').count()).resolves.toBe(0);
    await expect(wrong.getByTestId('sign-waiting').innerText()).resolves.toBe(`下一步「审核」由${unitName(SETTINGS.stages.reviewed)}签批。`);
    const refused = await wrong.evaluate(async (pid) => {
      const response = await fetch(`/api/campaigns/lucheng/projects/${pid}/stages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: 'reviewed', note: '' }) });
      return { status: response.status, body: (await response.json()) as { message: string } };
    }, id);
    const core = signStage(await projectById(id), { to: 'reviewed' }, unitActor(SETTINGS.stages.evaluated), '', SETTINGS);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(!core.ok && core.error.message);
    await wrong.context().close();
    step('wrong unit refused');

    // Each stage by its unit's account, in its own browser (closed once signed, but the payer's).
    const byUnit = new Map<string, Page>([[SETTINGS.stages.reviewed, submitter]]);
    for (const to of PROJECT_STAGES.slice(1, PROJECT_STAGES.indexOf('accepted') + 1) as Exclude<ProjectStage, 'submitted'>[]) {
      const unit = SETTINGS.stages[to];
      const signer = byUnit.get(unit) ?? (await openAs(unitUser(unit)));
      byUnit.set(unit, signer);
      await openProject(signer, id);
      if (to === 'accepted') {
        // Before 验收 the payer's form says so, and the server refuses the payment: its words are on screen.
        const payer = byUnit.get(SETTINGS.stages.paid) ?? (await openAs(unitUser(SETTINGS.stages.paid)));
        byUnit.set(SETTINGS.stages.paid, payer);
        await openProject(payer, id);
        await expect(payer.getByTestId('payment-form').innerText()).resolves.toContain('项目验收后方可拨付');
        const early = disburse(await projectById(id), { id: '', amountWan: 10 }, Infinity, unitActor(SETTINGS.stages.paid), '', SETTINGS);
        await expect(pay(payer, 10, '提前拨付')).resolves.toBe(!early.ok && early.error.message);
        await expect(payer.getByTestId('payment-refusal').innerText()).resolves.toContain('尚未验收');
      }
      await expect(signer.getByTestId('sign-button').innerText()).resolves.toBe(`以${unitName(unit)}签批「${PROJECT_STAGE_LABELS[to]}」`);
      await signer.getByTestId('sign-note').fill(`${PROJECT_STAGE_LABELS[to]}意见：同意`);
      await signer.getByTestId('sign-button').click();
      await expect.poll(() => stageOf(signer), { timeout: 15_000 }).toBe(to);
      const line = signer.locator(`[data-testid="stage-line"] li[data-stage="${to}"]`);
      await expect(line.innerText()).resolves.toContain(`${unitUser(unit)}（${unitName(unit)}）`);
      await expect(line.innerText()).resolves.toContain(`${PROJECT_STAGE_LABELS[to]}意见：同意`);
      step(`signed ${to}`);
      if (unit !== SETTINGS.stages.paid) {
        await signer.context().close();
        byUnit.delete(unit);
      }
    }

    // After 验收 the payer pays; its ledger row (per street) changes as the core's ledgerRows says.
    const payer = byUnit.get(SETTINGS.stages.paid)!;
    await expect.poll(() => stageOf(payer)).toBe('accepted');
    const rowsBefore = await ledger();
    const allocations = allocationsOf(rowsBefore);
    const shownBefore = await shownLedgerByStreet(payer);
    expect(shownBefore.get(plainCommunity.street)).toEqual(expectedLedgerByStreet(await projects(), allocations).get(plainCommunity.street));
    await openProject(payer, id);
    await expect(pay(payer, 20, '首笔拨付')).resolves.toBeNull();
    await expect(payer.getByTestId('project-paid').innerText()).resolves.toMatch(/^20 万元 \//);
    const afterList = await projects();
    const expected = expectedLedgerByStreet(afterList, allocations).get(plainCommunity.street)!;
    await expect.poll(async () => (await shownLedgerByStreet(payer)).get(plainCommunity.street)).toEqual(expected);
    expect(Number(expected[2]) - Number(shownBefore.get(plainCommunity.street)![2])).toBeCloseTo(20);
    await panelShot(payer, 'works-ledger');

    // 拨付 is signed after the payment: every stage is done, each by its unit.
    await openProject(payer, id);
    await payer.getByTestId('sign-note').fill('经费已拨付');
    await payer.getByTestId('sign-button').click();
    await expect.poll(() => stageOf(payer), { timeout: 15_000 }).toBe('paid');
    const done = await payer.locator('[data-testid="stage-line"] li').evaluateAll((items) => items.map((item) => [item.getAttribute('data-stage'), item.getAttribute('data-done')]));
    expect(done).toEqual(PROJECT_STAGES.map((stage) => [stage, 'true']));
    expect((await projectById(id)).history.map((event) => [event.to, event.actor])).toEqual(PROJECT_STAGES.slice(1).map((to) => [to, unitUser(SETTINGS.stages[to as Exclude<ProjectStage, 'submitted'>])]));
    await panelShot(payer, 'works-project');
  }, 420_000);

  test('a payment above the allocation is refused on screen (the payer cannot override); an admin’s payment with a reason passes and is listed as 超额拨付', async () => {
    started = Date.now();
    const list = await projects();
    const project = list.find((item) => item.stage === 'accepted' && item.target.kind !== 'community')!;
    const allocations = allocationsOf(await ledger());
    const remaining = remainingAllocation(list, allocations, project.source, project.street);
    const amount = Math.ceil(remaining) + 50;
    const payer = await openAs(unitUser(SETTINGS.stages.paid));
    await openProject(payer, project.id);
    const over = disburse(project, { id: '', amountWan: amount }, remaining, unitActor(SETTINGS.stages.paid), '', SETTINGS);
    await expect(pay(payer, amount, '超额拨付')).resolves.toBe(!over.ok && over.error.message);
    expect(!over.ok && over.error.message).toContain('剩余额度');
    const byPayer = disburse(project, { id: '', amountWan: amount, override: { reason: '工期紧' } }, remaining, unitActor(SETTINGS.stages.paid), '', SETTINGS);
    await expect(pay(payer, amount, '超额拨付', '工期紧')).resolves.toBe(!byPayer.ok && byPayer.error.message);
    step('payer refused');

    const admin = await openAs('admin', ADMIN_PASSWORD);
    await openProject(admin, project.id);
    const byAdmin = disburse(project, { id: '', amountWan: amount, override: { reason: '区政府常务会议特批（e2e）' } }, remaining, adminActor, '', SETTINGS);
    expect(byAdmin.ok).toBe(true);
    await expect(pay(admin, amount, '特批拨付', '区政府常务会议特批（e2e）')).resolves.toBeNull();
    await expect(admin.locator('[data-testid="payments"] li').last().innerText()).resolves.toContain('超额拨付（理由：区政府常务会议特批（e2e））');
    const audit = (await api<{ action: string; entity: string }[]>('GET', `${C}/audit?limit=1000`)).filter((event) => event.entity === `project:${project.id}`);
    expect(audit.map((event) => event.action)).toContain('project.disbursement.override');
  }, 240_000);

  test('a sign-off from a stale page, after the account moved to another unit, is refused with the server’s Chinese words on screen and the page then says who signs', async () => {
    started = Date.now();
    const project = (await projects()).find((item) => item.stage === 'reviewed' && item.target.kind !== 'community')!;
    const page = await openAs('w-sjj-moving', PASSWORD, { live: false });
    await openProject(page, project.id);
    await expect(page.getByTestId('sign-button').innerText()).resolves.toBe(`以${unitName('sjj')}签批「评估」`);
    const users = await api<{ username: string; version: number }[]>('GET', '/api/users');
    await api('PATCH', '/api/users/w-sjj-moving', { version: users.find((user) => user.username === 'w-sjj-moving')!.version, scope: ['jsj'] });
    const core = signStage(project, { to: 'evaluated' }, worksActorOf({ username: 'w-sjj-moving', role: 'department', scope: ['jsj'] }, SETTINGS), '', SETTINGS);
    await page.getByTestId('sign-note').fill('同意');
    const answered = page.waitForResponse((response) => response.url().endsWith('/stages'));
    await page.getByTestId('sign-button').click();
    expect((await answered).status()).toBe(403);
    await expect.poll(() => page.getByTestId('sign-refusal').innerText()).toBe(!core.ok && core.error.message);
    await expect(page.getByTestId('sign-refusal').getAttribute('role')).resolves.toBe('alert');
    await expect.poll(() => page.getByTestId('sign-button').count()).toBe(0);
    await expect(page.getByTestId('sign-waiting').innerText()).resolves.toBe(`下一步「评估」由${unitName('sjj')}签批。`);
    expect((await projectById(project.id)).stage).toBe('reviewed');
  }, 180_000);

  test('the 一票否决 list shows every failing demonstration community with its reasons and chain as the core judges; a red case verified and closed in the cases UI changes its row live', async () => {
    started = Date.now();
    const leader = await openAs('ld', PASSWORD, { tab: 'veto' });
    const expected = await expectedVeto();
    const served = (await api<{ communities: VetoVerdict[] }>('GET', `${C}/veto`)).communities;
    expect(served).toEqual(expected);
    const failing = expected.filter((verdict) => !verdict.pass);
    expect(failing.length).toBeGreaterThan(0);
    await expect(leader.getByTestId('veto-counts').innerText()).resolves.toBe(`示范社区 ${expected.length} 个，按今日数据验收将不通过 ${failing.length} 个。`);
    const order = [...failing, ...expected.filter((verdict) => verdict.pass)];
    await expect.poll(() => shownVeto(leader)).toEqual(order.map((verdict) => ({ code: verdict.code, ...(verdict.pass ? { ...vetoRowText(verdict), reasons: [], chain: [] } : vetoRowText(verdict)) })));
    await panelShot(leader, 'works-veto');
    step('veto list as the core says');

    // A failing community with an open red case referred to a department: the department fixes it (API), the street's inspector verifies and closes it in the cases UI.
    const cases = (await api<{ cases: CaseView[] }>('GET', `${C}/cases`)).cases;
    const red = cases.find((record) => record.colour === 'red' && record.state === 'in_progress' && record.unit.kind === 'department' && failing.some((verdict) => verdict.code === record.community && verdict.reasons.some((reason) => reason.rule === 'maxOpenRedCases')))!;
    expect(red, 'a red case of a failing demonstration community').toBeDefined();
    await server.createUser('w-dept', PASSWORD, 'department', [red.unit.id]);
    await server.createUser('w-xcy', PASSWORD, 'inspector', [red.street]);
    await api('POST', `${C}/cases/${red.id}/transitions`, { to: 'fixed', note: '路灯已全部修复，附整改说明' }, await server.login('w-dept', PASSWORD));
    const before = (await shownVeto(leader)).find((row) => row.code === red.community)!;
    const inspector = await openAs('w-xcy');
    await inspector.locator(`[data-testid="case-row"][data-case="${red.id}"] button`).click();
    const content = inspector.locator(`[data-testid="case-content"][data-case="${red.id}"]`);
    await content.waitFor();
    await content.getByTestId('transition-note').fill('复查合格');
    await content.getByTestId('transition-verified').click();
    await expect.poll(() => content.getAttribute('data-state'), { timeout: 15_000 }).toBe('verified');
    await content.getByTestId('transition-note').fill('予以销号');
    await content.getByTestId('transition-closed').click();
    await expect.poll(() => content.getAttribute('data-state'), { timeout: 15_000 }).toBe('closed');
    step('red case closed');

    // The leader's open list follows without a reload, to what the core says of the data now.
    const after = await expectedVeto();
    const verdict = after.find((item) => item.code === red.community)!;
    expect(verdict.reasons.map((reason) => reason.message)).not.toEqual(before.reasons);
    await expect.poll(async () => (await shownVeto(leader)).find((row) => row.code === red.community), { timeout: 15_000 }).toEqual({ code: red.community, ...(verdict.pass ? { ...vetoRowText(verdict), reasons: [], chain: [] } : vetoRowText(verdict)) });
    await expect(leader.getByTestId('veto-counts').getAttribute('data-failing')).resolves.toBe(String(after.filter((item) => !item.pass).length));
  }, 300_000);

  test('the 责任清单 print page shows a person’s duties and the server’s countdown (not the browser’s clock); the projects and ledger XLSX parse with the screen’s numbers', async () => {
    started = Date.now();
    const admin = await openAs('admin', ADMIN_PASSWORD, { tab: 'people' });
    const { people } = await api<{ people: Person[] }>('GET', `${C}/people`);
    const list = await projects();
    // A street leader: named for a street and responsible for its projects.
    const person = people.find((item) => item.responsibleFor.some((target) => target.kind === 'street') && list.some((project) => project.responsible === item.id))!;
    await admin.getByTestId('people-print').click();
    const print = admin.getByTestId('works-print');
    await print.waitFor();
    const card = print.locator(`[data-testid="duty-person"][data-person="${person.id}"]`);
    const text = await card.innerText();
    expect(text).toContain(`${person.name} ${person.title} · 电话 ${person.phone}`);
    for (const project of list.filter((item) => item.responsible === person.id)) expect(text).toContain(`项目：${project.title}（${project.due} 前）`);
    await expect(print.getByTestId('works-print-as-of').innerText()).resolves.toBe(`数据日期 ${TODAY}（服务器）`);
    // The countdown is the server's timetable (its day, 2002-06-03), not the browser's clock (years later): every row as served.
    const timetable = await api<{ today: string; items: { label: string; date: string; daysLeft: number }[] }>('GET', `${C}/timetable`);
    expect(timetable.today).toBe(TODAY);
    expect(timetable.items.some((item) => item.daysLeft > 0)).toBe(true);
    const shownTimetable = await print.locator('[data-testid="timetable-row"]').evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.textContent, ...[...row.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent)]));
    expect(shownTimetable).toEqual(timetable.items.map((item) => [item.label, item.date, item.daysLeft >= 0 ? `还剩 ${item.daysLeft} 天` : `已逾期 ${-item.daysLeft} 天`]));
    await card.scrollIntoViewIfNeeded();
    await admin.screenshot({ path: `${ARTIFACTS_DIR}/works-people-print.png` });
    await print.getByRole('button', { name: '关闭' }).click();

    // The projects list filtered to one stage, exported: the rows and the budget total are the screen's.
    await admin.getByTestId('works-tab-projects').click();
    await admin.getByTestId('project-filter-stage').selectOption('accepted');
    const shownIds = await admin.locator('[data-testid="project-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-project')));
    const shownStages = await admin.locator('[data-testid="project-stage"]').allInnerTexts();
    expect(shownStages.every((stage) => stage === PROJECT_STAGE_LABELS.accepted)).toBe(true);
    const shownTotal = /预算合计 ([\d,.]+) 万元/.exec(await admin.getByTestId('projects-shown').innerText())![1]!.replaceAll(',', '');
    await panelShot(admin, 'works-projects');
    const projectsFile = admin.waitForEvent('download');
    await admin.getByTestId('projects-xlsx').click();
    const projectsDownload = await projectsFile;
    expect(projectsDownload.suggestedFilename()).toMatch(/-项目清单\.xlsx$/);
    const projectRows = (await readXlsxFile(readFileSync((await projectsDownload.path())!)))[0]!.data;
    expect(projectRows[0]).toEqual(['编号', '项目', '类型', '街道', '地点', '预算（万元）', '资金来源', '阶段', '责任人', '开工', '完成', '已拨付（万元）', '已支出（万元）']);
    const byNumber = new Map(list.map((project) => [project.number, project]));
    expect(projectRows.slice(1).map((row) => byNumber.get(row[0] as number)!.id)).toEqual(shownIds);
    expect(projectRows.slice(1).every((row) => row[7] === PROJECT_STAGE_LABELS.accepted)).toBe(true);
    expect(projectRows.slice(1).reduce((sum, row) => sum + (row[5] as number), 0)).toBeCloseTo(Number(shownTotal));

    // The ledger export: one row per source and street whose numbers sum to the screen's per-source totals.
    await admin.getByTestId('works-tab-ledger').click();
    await admin.getByTestId('ledger-by-source').click();
    const shownBySource = await admin.locator('[data-testid="ledger-row"]').evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.firstChild?.textContent ?? '', [...row.querySelectorAll('td')].map((cell) => Number(cell.textContent))] as const));
    const ledgerFile = admin.waitForEvent('download');
    await admin.getByTestId('ledger-xlsx').click();
    const ledgerDownload = await ledgerFile;
    expect(ledgerDownload.suggestedFilename()).toMatch(/-经费台账\.xlsx$/);
    const ledgerSheet = (await readXlsxFile(readFileSync((await ledgerDownload.path())!)))[0]!.data;
    expect(ledgerSheet[0]).toEqual(['资金来源', '街道', '下达（万元）', '已安排（万元）', '已拨付（万元）', '已支出（万元）', '预警']);
    expect(shownBySource.length).toBeGreaterThan(0);
    for (const [source, cells] of shownBySource) {
      const mine = ledgerSheet.slice(1).filter((row) => row[0] === source);
      expect(mine.length, source).toBeGreaterThan(0);
      cells.forEach((value, column) => expect(mine.reduce((sum, row) => sum + Number(row[2 + column]), 0), `${source} column ${column}`).toBeCloseTo(value, 2));
    }
  }, 240_000);
});
