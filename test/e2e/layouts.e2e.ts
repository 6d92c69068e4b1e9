/**
 * The dashboard on every screen (issue 12): phone, tablet, projector, desktop. The map keeps the
 * full width on narrow screens and at least 40 % of the height, nothing scrolls sideways, and the
 * legend never covers the clusters it explains.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { test } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';
import { waitForMapIdle } from './map-page.ts';

const engine = luchengEngine();

/** Screen positions (page pixels) of every cluster's label point that lies inside the map. */
async function clusterLabelPositions(page: Page): Promise<{ x: number; y: number }[]> {
  const points = engine.baselineClusters().clusters.map((cluster) => cluster.labelPoint);
  const box = (await page.getByTestId('map').boundingBox())!;
  const projected = await page.evaluate((lonLats) => lonLats.map((lonLat) => window.lianpian!.map!.project(lonLat as [number, number])), points);
  return projected.filter((p) => p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height).map((p) => ({ x: box.x + p.x, y: box.y + p.y }));
}

const SCREENS = [
  { name: 'phone', width: 390, height: 844, narrow: true },
  { name: 'tablet', width: 768, height: 1024, narrow: true },
  { name: 'projector', width: 1280, height: 720, narrow: false },
  { name: 'desktop', width: 1920, height: 1080, narrow: false },
] as const;

for (const screen of SCREENS) {
  test(`the dashboard at ${screen.width}×${screen.height} (${screen.name}): map size, no sideways scroll, legend clear of the clusters`, async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width: screen.width, height: screen.height });
    await app.open();
    const map = (await page.getByTestId('map').boundingBox())!;
    if (screen.narrow) expect(map.width).toBeGreaterThanOrEqual(screen.width - 1);
    else expect(map.width).toBeGreaterThanOrEqual(screen.width * 0.5);
    expect(map.height).toBeGreaterThanOrEqual(screen.height * 0.4);
    const scroll = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.innerWidth);

    const positions = await clusterLabelPositions(page);
    expect(positions.length).toBe(engine.baselineClusters().clusters.length);
    const legend = (await page.getByTestId('legend').boundingBox())!;
    const covered = positions.filter(({ x, y }) => x >= legend.x && x <= legend.x + legend.width && y >= legend.y && y <= legend.y + legend.height);
    expect(covered).toEqual([]);
    await app.screenshot(`layout-${screen.name}-${screen.width}`);

    if (screen.narrow) {
      // Panels are tabs under the map: the table tab shows the table, the report tab the clusters.
      await expect(page.getByTestId('panel-tabs').isVisible()).resolves.toBe(true);
      await page.getByRole('tab', { name: '社区一览' }).click();
      await expect(page.getByRole('table', { name: '社区一览' }).isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('cluster-summary').isVisible()).resolves.toBe(false);
      // The table fits the screen: no sideways scroll inside it either (issue 16: 785 px in 390), its key columns shown.
      const table = await page.getByTestId('community-table').evaluate((element) => ({
        scrollWidth: element.scrollWidth,
        clientWidth: element.clientWidth,
        headers: [...element.querySelectorAll('th')].filter((th) => th.getBoundingClientRect().width > 0).map((th) => th.textContent!.replace(/[▲▼]/g, '').trim()),
      }));
      expect(table.scrollWidth, 'community table width').toBeLessThanOrEqual(table.clientWidth);
      for (const header of ['社区', '街道', '得分', '较上次', '落后原因']) expect(table.headers).toContain(header);
      await app.screenshot(`layout-${screen.name}-${screen.width}-table`);
      await page.getByRole('tab', { name: '连线成片' }).click();
      await expect(page.getByTestId('cluster-summary').isVisible()).resolves.toBe(true);
      const after = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(after).toBe(true);
    } else {
      await expect(page.getByTestId('panel-tabs').isVisible()).resolves.toBe(false);
    }
  });
}

test('on a phone, tapping a community in planning mode designates it (touch works for the map and planning)', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open();
  await page.getByRole('tab', { name: '图层与规划' }).click();
  await page.getByTestId('planning-toggle').click();
  const bridge = engine.indexOf('郭公山社区');
  await page.evaluate(([lon, lat]) => window.lianpian!.map!.jumpTo({ center: [lon!, lat!], zoom: 14 }), engine.labelPoint(bridge));
  await waitForMapIdle(page);
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
  await page.getByRole('tab', { name: '连线成片' }).click();
  await expect.poll(() => page.getByTestId('cluster-summary').getAttribute('data-cluster-count')).toBe(String(engine.clusterCount([bridge])));
});
