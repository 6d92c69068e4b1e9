import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { test } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';
import { waitForMapIdle, clickMapAt } from './map-page.ts';

const engine = luchengEngine();
const summary = (page: Page) => page.getByTestId('cluster-summary');

/** Clicks the map at a community's label point. */
async function clickCommunity(page: Page, index: number): Promise<void> {
  await clickMapAt(page, engine.labelPoint(index) as [number, number]);
}

/** What a person sees of the plan: the report's counts and verdict, the link's plan, and whether a community is shown designated. */
async function shownPlan(page: Page) {
  return {
    clusters: await summary(page).getAttribute('data-cluster-count'),
    designated: await summary(page).getAttribute('data-demo-count'),
    verdict: await page.getByTestId('verdict').innerText(),
    link: new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('demo'),
  };
}

test('issue 15: in a read-only link in planning mode, keys, map clicks, 采纳 and the details toggle leave the plan as shared', async ({ app }) => {
  // A shared plan: the status table's demonstration communities plus 郭公山.
  const bridge = engine.indexOf('郭公山社区');
  const codes = engine.dataset.boundaries.features.filter((feature) => engine.baseline[feature.index] || feature.index === bridge).map((feature) => feature.id);
  await app.open(`#plan=1&ro=1&demo=${codes.join(',')}`);
  const { page } = app;
  await expect.poll(() => summary(page).getAttribute('data-cluster-count')).toBe(String(engine.clusterCount([bridge])));
  await expect(page.getByTestId('read-only').innerText()).resolves.toContain('只读视图');
  const shared = await shownPlan(page);
  expect(shared.designated).toBe(String(codes.length));
  expect(shared.link?.split(',').sort()).toEqual([...codes].sort());

  // No planning panel and so no scenario buttons to press.
  await expect(page.getByTestId('planning-panel').count()).resolves.toBe(0);
  await expect(page.getByTestId('scenario-list').count()).resolves.toBe(0);

  // Undo would go back to the status table (opening the link is the first step), redo forward.
  for (const key of ['Control+z', 'Control+y', 'Control+Shift+Z', 'Meta+z']) await page.keyboard.press(key);

  // A map click in planning mode selects (it does not designate): 昌明 is not designated.
  const other = engine.indexOf('昌明社区');
  expect(engine.baseline[other]).toBe(0);
  await clickCommunity(page, other);
  const details = page.getByTestId('community-details');
  await expect.poll(() => details.getAttribute('data-code')).toBe(engine.codeOf('昌明社区'));
  await expect(details.innerText()).resolves.toContain('非示范社区');

  // The details toggle is not offered in a read-only view (the updater refuses it anyway, see
  // test/state/permissions.test.ts).
  await expect(details.getByRole('button', { name: '设为示范（规划）' }).count()).resolves.toBe(0);
  await expect(details.innerText()).resolves.toContain('非示范社区');

  // 采纳: every adopt button the report offers (all suggestions, a route).
  const adoptAll = page.getByTestId('apply-all-bridges');
  if ((await adoptAll.count()) > 0) await adoptAll.click();
  const adoptRoute = page.getByTestId('adopt-route');
  expect(await adoptRoute.count()).toBeGreaterThan(0);
  await adoptRoute.first().click();

  // Give any (wrong) edit the time to reach the worker and come back.
  await page.waitForTimeout(1000);
  await waitForMapIdle(page);
  expect(await shownPlan(page)).toEqual(shared);
  await expect(details.innerText()).resolves.toContain('非示范社区');
  await app.screenshot('read-only-after-edits');
});
