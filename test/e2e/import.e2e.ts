/**
 * Bring your own data (issue 10) in Chromium: a refused GeoJSON shows its problems with their
 * paths and changes nothing; a GBK status CSV from Chinese Excel designates one more community
 * and the clusters change as the CLI says; a reload finds the project again (IndexedDB); the
 * exported map PNG is not blank and carries the legend; the PDF is a PDF.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { runLianpian } from '../support/cli.ts';
import { ARTIFACTS_DIR, test } from './fixtures.ts';
import { luchengEngine } from './lucheng.ts';
import { waitForMapIdle } from './map-page.ts';

const engine = luchengEngine();
const clusterCount = (page: Page) => page.getByTestId('cluster-summary').getAttribute('data-cluster-count');

async function cliClusterCount(status: string): Promise<number> {
  const { stdout } = await runLianpian('analyze', 'data/lucheng/communities.geojson', '--status', status, '--config', 'data/lucheng/campaign.json');
  return (JSON.parse(stdout) as { clusters: unknown[] }).clusters.length;
}

test('an invalid GeoJSON is refused with paths, a GBK status CSV changes the clusters as the CLI says, and a reload keeps it', async ({ app }) => {
  await app.open();
  const { page } = app;
  const before = String(engine.clusterCount());
  await expect.poll(() => clusterCount(page)).toBe(before);

  // 1. Invalid boundaries: every problem listed with its path; nothing can be confirmed.
  await page.getByTestId('import-input').setInputFiles('test/fixtures/import/invalid-communities.geojson');
  const errors = page.getByTestId('import-errors');
  await errors.waitFor();
  const text = await errors.innerText();
  expect(text).toContain('features[3].geometry.coordinates[0][2]');
  expect(text).toContain('features[1].geometry');
  expect(text).toContain('当前项目保持不变');
  await expect(page.getByTestId('import-confirm').isDisabled()).resolves.toBe(true);
  await app.screenshot('import-refused-geojson');
  await page.getByRole('button', { name: '取消' }).click();
  await expect(clusterCount(page)).resolves.toBe(before);
  await expect(page.getByRole('table', { name: '社区一览' }).getAttribute('aria-rowcount')).resolves.toBe(String(engine.dataset.boundaries.features.length + 1));

  // 2. The GBK status table: recognised, decoded, joined by code; confirm applies it.
  await page.getByTestId('import-input').setInputFiles('test/fixtures/import/status-lucheng-gbk.csv');
  const file = page.getByTestId('import-file');
  await expect.poll(() => file.getAttribute('data-ok')).toBe('true');
  await expect(file.getAttribute('data-kind')).resolves.toBe('status');
  await expect(file.innerText()).resolves.toContain('GBK/GB18030');
  await expect(page.getByTestId('join-report').getAttribute('data-matched')).resolves.toBe('171');
  await app.screenshot('import-preview-gbk-status');
  await page.getByTestId('import-confirm').click();
  const expected = await cliClusterCount('test/fixtures/import/status-lucheng-gbk.csv');
  expect(expected).toBe(Number(before) - 1);
  await expect.poll(() => clusterCount(page), { timeout: 20_000 }).toBe(String(expected));
  await expect(page.getByTestId('project-files').innerText()).resolves.toContain('status-lucheng-gbk.csv');
  await waitForMapIdle(page);
  await app.screenshot('import-applied-gbk-status');

  // 3. Saved in IndexedDB; a reload restores it.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const request = indexedDB.open('lianpian');
            request.onsuccess = () => {
              const get = request.result.transaction('projects').objectStore('projects').get('current');
              get.onsuccess = () => resolve((get.result as { files?: unknown[] } | undefined)?.files?.length ?? 0);
              get.onerror = () => resolve(-1);
            };
            request.onerror = () => resolve(-1);
          }),
      ),
    )
    .toBe(1);
  // The record names the file by its content hash; its bytes are in their own store (issue 15).
  const stored = await page.evaluate(
    () =>
      new Promise<{ part: unknown; bytes: number }>((resolve) => {
        const request = indexedDB.open('lianpian');
        request.onsuccess = () => {
          const tx = request.result.transaction(['projects', 'files']);
          const get = tx.objectStore('projects').get('current');
          get.onsuccess = () => {
            const part = (get.result as { files: { parts: { hash: string }[] }[] }).files[0]!.parts[0]!;
            const bytes = tx.objectStore('files').get(part.hash);
            bytes.onsuccess = () => resolve({ part, bytes: (bytes.result as Uint8Array | undefined)?.byteLength ?? -1 });
          };
        };
      }),
  );
  expect(stored.part).toEqual({ name: 'status-lucheng-gbk.csv', hash: expect.stringMatching(/^[0-9a-f]{64}$/), size: stored.bytes });
  expect(stored.bytes).toBeGreaterThan(0);
  await page.reload();
  await waitForMapIdle(page);
  await expect.poll(() => clusterCount(page), { timeout: 20_000 }).toBe(String(expected));
  await expect(page.getByTestId('project-files').innerText()).resolves.toContain('status-lucheng-gbk.csv');
  await app.screenshot('import-after-reload');
});

test('the exported map PNG is not blank and carries the legend; the PDF places it on a page', async ({ app }) => {
  await app.open();
  const { page } = app;
  await expect.poll(() => clusterCount(page)).toBe(String(engine.clusterCount()));
  await waitForMapIdle(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
  const path = `${ARTIFACTS_DIR}/map-export.png`;
  await download.saveAs(path);
  const png = readFileSync(path);
  expect([...png.subarray(1, 4)].map((byte) => String.fromCharCode(byte)).join('')).toBe('PNG');
  const legendColors = await page.locator('[data-testid="legend"] > ul:first-of-type .swatch').evaluateAll((nodes) => nodes.map((node) => getComputedStyle(node).backgroundColor));
  const checks = await page.evaluate(
    async ({ base64, count }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixel = (x: number, y: number) => [...context.getImageData(x, y, 1, 1).data.slice(0, 3)];
      // Distinct colours in the map area (a blank capture has one or two).
      const colours = new Set<string>();
      const map = context.getImageData(0, 56, image.width, image.height - 56 - 36).data;
      for (let i = 0; i < map.length; i += 4 * 97) colours.add(`${map[i]},${map[i + 1]},${map[i + 2]}`);
      // Legend swatches sit at x = 12 + 10 + 9, y = 56 + 12 + 34 + 20·i + 8 (see drawMapSheet).
      const swatches = Array.from({ length: count }, (_, i) => pixel(31, 56 + 12 + 34 + 20 * i + 8));
      return { width: image.width, colours: colours.size, swatches };
    },
    { base64: png.toString('base64'), count: legendColors.length },
  );
  expect(checks.colours).toBeGreaterThan(20);
  const rgb = (css: string) => css.match(/\d+/g)!.slice(0, 3).map(Number);
  expect(legendColors.length).toBeGreaterThan(2);
  checks.swatches.forEach((swatch, i) => {
    const want = rgb(legendColors[i]!);
    swatch.forEach((channel, c) => expect(Math.abs(channel - want[c]!)).toBeLessThanOrEqual(3));
  });

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pdf').click()]);
  const pdfPath = `${ARTIFACTS_DIR}/map-export.pdf`;
  await pdf.saveAs(pdfPath);
  const bytes = readFileSync(pdfPath);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.toString('latin1')).toContain('/Subtype /Image');
  writeFileSync(`${ARTIFACTS_DIR}/map-export-legend.json`, JSON.stringify({ legendColors, checks }, null, 1));
});
