import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { FACILITY_ITEMS } from '../../src/core/index.ts';
import { STATUS_LAYERS } from '../../src/state/status-layer-ids.ts';
import { test } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';
import { jumpAndSettle, waitForMapIdle, clickMapAt } from './map-page.ts';

const engine = luchengEngine();

const summaryAttribute = (page: Page, name: string) => page.getByTestId('cluster-summary').getAttribute(name);

/** Clicks the map at a community's label point. */
async function clickCommunity(page: Page, index: number): Promise<void> {
  await clickMapAt(page, engine.labelPoint(index) as [number, number]);
}

test('the Lucheng dashboard opens with the engine\'s clusters, the countdown and every community in the table', async ({ app }) => {
  await app.open();
  const { page } = app;
  await expect.poll(() => summaryAttribute(page, 'data-cluster-count')).toBe(String(engine.clusterCount()));
  const demoCount = engine.baseline.reduce((sum, value) => sum + value, 0);
  await expect(summaryAttribute(page, 'data-demo-count')).resolves.toBe(String(demoCount));
  await expect(page.getByTestId('as-of').innerText()).resolves.toBe(`数据截至 2002年5月24日`);
  await expect(page.getByTestId('countdown').getAttribute('data-days-left')).resolves.toBe('37');
  await expect(page.getByTestId('verdict').innerText()).resolves.toContain('尚未连线成片');
  // The table renders only what is visible, but knows all communities.
  await expect(page.getByRole('table', { name: '社区一览' }).getAttribute('aria-rowcount')).resolves.toBe(String(engine.dataset.boundaries.features.length + 1));
  // The opening view shows the whole district; zoomed in on the old town, the demo communities are labelled.
  const drawn = await page.evaluate(() => window.lianpian!.map!.queryRenderedFeatures({ layers: ['community-fill'] }).length);
  expect(drawn).toBeGreaterThan(40);
  // The outlines read the core's one classification (issue 15): ring neighbours by `inRing`, isolated points by role.
  const outlined = await page.evaluate(() => {
    const ids = (layer: string) => [...new Set(window.lianpian!.map!.queryRenderedFeatures({ layers: [layer] }).map((feature) => Number(feature.id)))].sort((a, b) => a - b);
    return { ring: ids('community-ring'), isolated: ids('community-isolated') };
  });
  expect(outlined.ring.length).toBeGreaterThan(0);
  expect(outlined.isolated).toEqual([...engine.baselineClusters().isolated].sort((a, b) => a - b));
  await app.screenshot('dashboard-overview');
  await jumpAndSettle(page, engine.labelPoint(engine.indexOf('桂柑社区')), 13);
  const labels = await page.evaluate(() => window.lianpian!.map!.queryRenderedFeatures({ layers: ['community-label'] }).map((feature) => String(feature.properties.name)));
  expect(labels).toContain('桂柑社区');
});

test('示例数据说明 opens 关于数据 (loaded on first opening) and 知道了 closes it', async ({ app }) => {
  await app.open();
  const { page } = app;
  await page.getByRole('button', { name: '示例数据说明' }).click();
  const dialog = page.getByRole('dialog', { name: '关于数据' });
  await dialog.waitFor();
  await expect(dialog.innerText()).resolves.toContain('社区和街道的内部边界是生成的示意数据');
  await dialog.getByRole('button', { name: '知道了' }).click();
  await dialog.waitFor({ state: 'detached' });
});

test('every status layer can be switched on and its legend follows', async ({ app }) => {
  await app.open();
  const { page } = app;
  for (const layer of STATUS_LAYERS) {
    await page.getByRole('radio', { name: layer.label }).check();
    await expect.poll(() => page.getByTestId('legend').getAttribute('data-layer')).toBe(layer.id);
    await waitForMapIdle(page);
    const legend = await page.getByTestId('legend').innerText();
    const expected = { demo: '精品示范社区（按主题）', level: '文明社区等级', facility: `配套设施达标（项 / ${FACILITY_ITEMS.length}）`, score: '最新检查得分（分）', lagging: '亮红灯社区（截至所选轮次）', grade: '红黄绿分级（截至所选轮次）', street: '所属街道（镇）' }[layer.id];
    expect(legend).toContain(expected);
    // Legend counts add up to all communities.
    const counts = await page.locator('[data-testid="legend"] > ul:first-of-type .legend-count').allInnerTexts();
    expect(counts.map(Number).reduce((sum, value) => sum + value, 0)).toBe(engine.dataset.boundaries.features.length);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(layer.id === 'demo' ? /^(?!.*layer=)/ : new RegExp(`layer=${layer.id}`));
    await app.screenshot(`layer-${layer.id}`);
  }
});

test('searching 桂柑 selects it, shows its details, highlights it on the map and puts it in the link', async ({ app }) => {
  await app.open();
  const { page } = app;
  const index = engine.indexOf('桂柑社区');
  await page.getByRole('combobox', { name: '搜索社区名称或代码' }).fill('桂柑');
  await expect(page.getByRole('option').first().innerText()).resolves.toContain('桂柑社区');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('community-details').getByRole('heading', { level: 2 }).innerText()).resolves.toBe('桂柑社区');
  await expect(page.getByTestId('community-details').innerText()).resolves.toContain('全国级候选文明社区');
  await expect
    .poll(() => page.evaluate(() => window.lianpian!.map!.queryRenderedFeatures({ layers: ['community-focus'] }).map((feature) => [feature.id, feature.properties.role])))
    .toContainEqual([index, 'selected']);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain(`sel=${engine.codeOf('桂柑社区')}`);
  await expect(page.locator(`tr[data-code="${engine.codeOf('桂柑社区')}"]`).getAttribute('aria-selected')).resolves.toBe('true');
  await waitForMapIdle(page);
  await app.screenshot('search-guigan');
});

test('selecting a community from the whole-district view moves the camera to it, and the page does not grow or scroll (issue 16)', async ({ app }) => {
  await app.page.setViewportSize({ width: 1600, height: 1000 });
  await app.open();
  const { page } = app;
  const before = await page.evaluate(() => window.lianpian!.map!.getZoom());
  await page.getByRole('combobox', { name: '搜索社区名称或代码' }).fill('桂柑');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('community-details').getByRole('heading', { level: 2 }).innerText()).resolves.toBe('桂柑社区');
  await waitForMapIdle(page);
  const [lon, lat] = engine.labelPoint(engine.indexOf('桂柑社区'));
  const after = await page.evaluate(([x, y]) => {
    const map = window.lianpian!.map!;
    const point = map.project([x, y]);
    const canvas = map.getCanvas();
    return { zoom: map.getZoom(), inside: point.x > 0 && point.y > 0 && point.x < canvas.clientWidth && point.y < canvas.clientHeight };
  }, [lon, lat] as [number, number]);
  expect(after.zoom).toBeGreaterThan(before + 1.5);
  expect(after.inside).toBe(true);
  const layout = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, scrollY: window.scrollY, headerTop: document.querySelector('header')!.getBoundingClientRect().top }));
  expect(layout.height).toBeLessThanOrEqual(1000);
  expect(layout.scrollY).toBe(0);
  expect(layout.headerTop).toBe(0);
});

test('planning mode: designating a bridge community changes the cluster count to the engine\'s, undo restores it, a reload keeps the plan', async ({ app }) => {
  await app.open();
  const { page } = app;
  const baselineCount = engine.clusterCount();
  await expect.poll(() => summaryAttribute(page, 'data-cluster-count')).toBe(String(baselineCount));
  // 郭公山 touches the 松台 cluster (桂柑–菱藕–庆年坊) and the 五马 cluster (府前–鼓楼–墨池).
  const bridge = engine.indexOf('郭公山社区');
  const expected = engine.clusterCount([bridge]);
  expect(expected).toBe(baselineCount - 1);

  await page.getByTestId('planning-toggle').click();
  await expect(page.getByTestId('planning-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
  await clickCommunity(page, bridge);
  await expect.poll(() => summaryAttribute(page, 'data-cluster-count')).toBe(String(expected));
  await expect(page.getByTestId('plan-diff').innerText()).resolves.toContain('新增 1 个（郭公山社区）');
  await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toContain(engine.codeOf('郭公山社区'));
  await waitForMapIdle(page);
  await app.screenshot('planning-after-toggle');

  // Reload with the link: same plan, same count, planning mode still on.
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  await waitForMapIdle(page);
  await expect.poll(() => summaryAttribute(page, 'data-cluster-count')).toBe(String(expected));
  await expect(page.getByTestId('planning-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
  await expect(page.getByTestId('plan-diff').innerText()).resolves.toContain('郭公山社区');

  // The reload counts as an edit of the status-table plan, so undo returns to the baseline.
  await page.getByRole('button', { name: '撤销' }).click();
  await expect.poll(() => summaryAttribute(page, 'data-cluster-count')).toBe(String(baselineCount));
  await expect.poll(() => page.evaluate(() => location.hash)).not.toContain('demo=');
  await page.getByRole('button', { name: '重做' }).click();
  await expect.poll(() => summaryAttribute(page, 'data-cluster-count')).toBe(String(expected));
});

test('applying every bridge suggestion joins all reachable clusters into one patch', async ({ app }) => {
  await app.open();
  const { page } = app;
  await expect.poll(() => summaryAttribute(page, 'data-bridge-count')).not.toBe('');
  await page.getByTestId('apply-all-bridges').click();
  await expect.poll(() => summaryAttribute(page, 'data-cluster-count')).toBe('1');
  await expect(page.getByTestId('verdict').innerText()).resolves.toMatch(/^已实现连线成片/);
  await waitForMapIdle(page);
  await app.screenshot('all-bridges-applied');
});
