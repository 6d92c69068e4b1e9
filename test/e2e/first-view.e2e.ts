import { expect } from 'vitest';
import { test } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';

const engine = luchengEngine();

// Issue 8: the opening view cut off the western towns (藤桥, 山福). Without a view in the link the
// map must show every community, whatever the window size.
for (const [width, height] of [
  [390, 844],
  [1280, 720],
] as const) {
  test(`the opening view shows every community, western towns included, at ${width}×${height}`, async ({ app }) => {
    await app.page.setViewportSize({ width, height });
    await app.open();
    const [west, south, east, north] = engine.bounds();
    const view = await app.page.evaluate(() => {
      const map = window.lianpian!.map!;
      const bounds = map.getBounds();
      const canvas = map.getCanvas();
      return { west: bounds.getWest(), south: bounds.getSouth(), east: bounds.getEast(), north: bounds.getNorth(), width: canvas.clientWidth, height: canvas.clientHeight };
    });
    // A map that takes a good share of the window, not a sliver squeezed by the side panels.
    expect(view.width).toBeGreaterThanOrEqual(Math.min(width, 600) - 40);
    expect(view.height).toBeGreaterThanOrEqual(300);
    expect(view.west).toBeLessThanOrEqual(west);
    expect(view.east).toBeGreaterThanOrEqual(east);
    expect(view.south).toBeLessThanOrEqual(south);
    expect(view.north).toBeGreaterThanOrEqual(north);
    await app.screenshot(`first-view-${width}x${height}`);
  });
}
