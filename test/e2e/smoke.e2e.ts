import { expect } from 'vitest';
import { test } from './fixtures.ts';
import { jumpAndSettle } from './map-page.ts';
import { layerPixelDiff } from './pixels.ts';

test('the first screen renders community polygons with Chinese labels, offline and without errors', async ({ app }) => {
  await app.open();
  const { page } = app;

  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
  await expect(page.getByTestId('header').innerText()).resolves.toContain('精品示范社区');

  const polygons = await page.evaluate(() => {
    const { map, layers } = window.lianpian!;
    return map!.queryRenderedFeatures({ layers: [layers.communityFill] }).map((feature) => String(feature.properties.name));
  });
  expect(new Set(polygons).size).toBeGreaterThanOrEqual(6);
  expect(polygons.every((name) => /\p{Script=Han}/u.test(name))).toBe(true);

  // The opening view shows the whole district, named by street; labels are really drawn:
  // hiding the label layer lightens ink pixels on the canvas.
  const placedStreets = await page.evaluate(() => {
    const { map, layers } = window.lianpian!;
    return map!.queryRenderedFeatures({ layers: [layers.streetLabel] }).map((feature) => String(feature.properties.name));
  });
  expect(placedStreets.length).toBeGreaterThan(3);
  expect(placedStreets.every((name) => /\p{Script=Han}/u.test(name))).toBe(true);
  expect((await layerPixelDiff(page, 'street-label')).inked).toBeGreaterThan(100);
  await app.screenshot('smoke-first-screen');

  // Zoomed in, every community carries its Chinese name.
  const centre = await page.evaluate(() => window.lianpian!.map!.getCenter().toArray() as [number, number]);
  await jumpAndSettle(page, centre, 12.5);
  const placedLabels = await page.evaluate(() => {
    const { map, layers } = window.lianpian!;
    return map!.queryRenderedFeatures({ layers: [layers.communityLabel] }).length;
  });
  expect(placedLabels).toBeGreaterThan(0);
  expect((await layerPixelDiff(page, 'community-label')).inked).toBeGreaterThan(100);
  expect(app.externalRequests).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('without WebGL2 the page explains the problem in Chinese instead of staying blank', async ({ app }) => {
  await app.page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (type === 'webgl2') return null;
      return (original as (...args: unknown[]) => unknown).call(this, type, ...rest);
    } as typeof original;
  });
  await app.open('', { waitForIdle: false });
  const map = app.page.getByTestId('map');
  await expect.poll(() => map.getAttribute('data-map-state')).toBe('error');
  await expect(app.page.getByRole('alert').innerText()).resolves.toContain('WebGL2');
  await app.screenshot('no-webgl2');
});

test('the map view is kept in the URL hash and restored from it', async ({ app }) => {
  await app.open('#map=13.00/28.0150/120.6550');
  const center = await app.page.evaluate(() => {
    const map = window.lianpian!.map!;
    return { zoom: map.getZoom(), lat: map.getCenter().lat, lon: map.getCenter().lng };
  });
  expect(center.zoom).toBeCloseTo(13, 2);
  expect(center.lat).toBeCloseTo(28.015, 3);
  expect(center.lon).toBeCloseTo(120.655, 3);

  await app.page.evaluate(() => window.lianpian!.map!.jumpTo({ center: [120.66, 28.02], zoom: 12 }));
  await expect.poll(() => app.page.evaluate(() => location.hash)).toMatch(/^#map=12\.00\/28\.020\d*\/120\.660\d*/);
});
