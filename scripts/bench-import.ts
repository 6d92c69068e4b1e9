/**
 * `npm run bench:import`: imports ../shared/bench-data/it-comuni.geojson.gz (7,899 comuni of
 * Italy, 36 MB of GeoJSON) through the import panel of the built app in headless Chromium and
 * measures: file chosen → preview shown, confirm → map idle, the longest main-thread task over
 * the whole import (the budget is 200 ms), the progress phases seen, and what-if toggles after
 * it. Without the file (it is not committed) it imports a seeded synthetic mosaic of 10,000
 * cells written as GeoJSON instead. Writes test-results/bench-import.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { syntheticSources } from '../src/core/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.ts';
import { waitForMapIdle } from '../test/e2e/map-page.ts';
import { ITALY_FILE, findBenchData } from '../test/support/bench-data.ts';
import { LONG_TASK_PROBE, TOGGLES, drawnCommunityPoint, fmt, frameTime, max, measureToggles, median } from './bench-page.ts';

const outDir = mkdtempSync(join(tmpdir(), 'lianpian-bench-import-'));
let file = findBenchData(ITALY_FILE);
let label = 'Italy, 7,899 comuni (it-comuni.geojson.gz, 36 MB unzipped)';
if (!file) {
  file = join(outDir, 'synthetic-10000.geojson');
  writeFileSync(file, syntheticSources(10_000, 20020630).find((source) => source.role === 'communities')!.text);
  label = 'synthetic mosaic, 10,000 cells (GeoJSON)';
}
await build({ logLevel: 'warn', build: { outDir: join(outDir, 'dist'), emptyOutDir: true } });
const server = await preview({ logLevel: 'warn', build: { outDir: join(outDir, 'dist') }, preview: { host: '127.0.0.1', port: 0 } });
const base = server.resolvedUrls!.local[0]!;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const lines: string[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  await page.addInitScript(LONG_TASK_PROBE);
  await page.goto(base);
  await waitForMapIdle(page, 120_000);
  // Progress phases as the page shows them.
  await page.evaluate(() => {
    const phases: string[] = [];
    (window as unknown as { __phases: string[] }).__phases = phases;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-progress"]')?.textContent;
      if (text && phases[phases.length - 1] !== text) phases.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const mark = () => page.evaluate(() => performance.now());
  const longest = (from: number, to: number) => page.evaluate(([a, b]) => Math.max(0, ...(window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((task) => task.start + task.duration >= a! && task.start <= b!).map((task) => task.duration)), [from, to]);
  const longTasks = (from: number, to: number) => page.evaluate(([a, b]) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((task) => task.start + task.duration >= a! && task.start <= b!).map((task) => Math.round(task.duration)), [from, to]);

  const step = (what: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${what}`);
  page.on('console', (message) => step(`page: ${message.text()}`));
  page.on('pageerror', (error) => step(`page error: ${error.message}`));
  step(`importing ${file}`);
  const chosen = await mark();
  await page.getByTestId('import-input').setInputFiles(file);
  try {
    await page.locator('[data-testid="import-file"][data-ok="true"]').waitFor({ timeout: 300_000 });
  } catch (error) {
    await page.screenshot({ path: 'test-results/bench-import-failed.png' });
    throw error;
  }
  const previewed = await mark();
  step('preview shown');
  // Drawn: a tile of the new communities has loaded (the idle before the new data was drawn does
  // not count). Told by the map's event, not by polling queryRenderedFeatures, which ran in the
  // page every 50 ms and put up to ~300 ms of the harness's own work into the tasks measured.
  await page.evaluate(`(() => {
    const map = window.lianpian.map;
    map.on('sourcedata', (event) => { if (event.sourceId === 'communities' && event.tile) window.__communitiesDrawn = true; });
  })()`);
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('project-files').waitFor({ timeout: 600_000 });
  step('project applied');
  await page.waitForFunction('window.__communitiesDrawn === true', undefined, { timeout: 300_000, polling: 50 });
  await waitForMapIdle(page, 300_000);
  step('map idle');
  const idle = await mark();
  const phases = await page.evaluate(() => (window as unknown as { __phases: string[] }).__phases);
  const features = await page.getByRole('table', { name: '社区一览' }).getAttribute('aria-rowcount');
  const tasks = await longTasks(chosen, idle);
  lines.push(`- ${label}: ${Number(features) - 1} communities in the table`);
  lines.push(`- file chosen → preview shown: ${fmt(previewed - chosen)} ms; confirm → map idle: ${fmt(idle - previewed)} ms`);
  lines.push(`- longest main-thread task during the import: ${fmt(await longest(chosen, idle))} ms (long tasks > 50 ms: ${tasks.length ? tasks.join(', ') : 'none'})`);
  lines.push(`- progress shown: ${phases.join(' → ') || '(none captured)'}`);
  lines.push(`- one map frame while repainting continuously (the SwiftShader rendering floor): ${fmt(await frameTime(page))} ms`);
  // A point of the map where a community is drawn (the data's centre may be sea).
  const at = await drawnCommunityPoint(page);
  if (!at) {
    await page.screenshot({ path: 'test-results/bench-import-failed.png' });
    throw new Error('no community drawn near the middle of the map');
  }
  step(`toggling at ${at.x},${at.y}`);
  const toggles = await measureToggles(page, at);
  const report = toggles.map((t) => t.reportMs);
  const repaint = toggles.map((t) => t.repaintMs);
  lines.push(`- after the import, ${TOGGLES} what-if toggles: worker ${fmt(median(toggles.map((t) => t.workerMs)))} / ${fmt(max(toggles.map((t) => t.workerMs)))} ms, report ${fmt(median(report))} / ${fmt(max(report))} ms, repaint ${fmt(median(repaint))} / ${fmt(max(repaint))} ms (median / max), longest task ${fmt(max(toggles.map((t) => t.longestTaskMs)))} ms`);
  await page.screenshot({ path: 'test-results/bench-import.png' });
  await page.close();
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
const cpu = cpus();
const text = [`Machine: ${cpu[0]?.model.trim()} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; headless Chromium (SwiftShader WebGL, 1600×900); ${new Date().toISOString().slice(0, 10)}.`, '', ...lines].join('\n');
console.log(text);
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/bench-import.md', `${text}\n`);
