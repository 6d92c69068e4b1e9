/**
 * `npm run bench:browser`: measures the dashboard in Debian's headless Chromium (SwiftShader
 * WebGL, so absolute figures are pessimistic next to a GPU):
 *   - initial JS (gzip) of the built page;
 *   - load to map idle on the Lucheng data;
 *   - a what-if toggle (planning-mode click) to updated report and to repainted map, and the
 *     longest main-thread task around it, on the Lucheng data and on a synthetic mosaic of
 *     10,000 communities.
 * Prints a Markdown table, writes test-results/bench-browser.md, and with `--docs` replaces
 * the table between the browser-bench markers in docs/performance.md.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.ts';
import { waitForMapIdle } from '../test/e2e/map-page.ts';
import { replaceDocSection } from '../test/bench/doc-section.ts';

const TOGGLES = 10;

interface ToggleTiming {
  reportMs: number;
  repaintMs: number;
  longestTaskMs: number;
  /** Time the analysis took inside the worker. */
  workerMs: number;
}

/** Records long tasks from page start. */
const LONG_TASK_PROBE = () => {
  const tasks: { start: number; duration: number }[] = [];
  (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
};

async function loadToIdle(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  await waitForMapIdle(page, 120_000);
  await page.getByTestId('cluster-summary').and(page.locator('[data-cluster-count]:not([data-cluster-count=""])')).waitFor({ timeout: 60_000 });
  return Date.now() - started;
}

/** Clicks a community in planning mode and times the report update and the repaint. */
async function toggleOnce(page: Page, point: { x: number; y: number }): Promise<ToggleTiming> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const armed = page.evaluate(
    () =>
      new Promise<{ clickAt: number; reportAt: number; idleAt: number }>((resolve) => {
        const map = window.lianpian!.map!;
        const summary = document.querySelector('[data-testid="cluster-summary"]')!;
        let clickAt = 0;
        let reportAt = 0;
        map.getCanvas().addEventListener('click', (event) => (clickAt = event.timeStamp), { once: true, capture: true });
        const observer = new MutationObserver(() => {
          if (!clickAt || reportAt) return;
          reportAt = performance.now();
          observer.disconnect();
          map.once('idle', () => resolve({ clickAt, reportAt, idleAt: performance.now() }));
        });
        observer.observe(summary, { attributes: true, attributeFilter: ['data-analysis-version'] });
      }),
  );
  await page.waitForTimeout(50);
  await page.mouse.click(box.x + point.x, box.y + point.y);
  const { clickAt, reportAt, idleAt } = await armed;
  const longest = await page.evaluate(([from = 0, to = 0]) => Math.max(0, ...(window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((task) => task.start + task.duration >= from && task.start <= to).map((task) => task.duration)), [clickAt, idleAt]);
  const workerMs = Number(await page.getByTestId('cluster-summary').getAttribute('data-analysis-ms'));
  return { reportMs: reportAt - clickAt, repaintMs: idleAt - clickAt, longestTaskMs: longest, workerMs };
}

async function measureToggles(page: Page): Promise<ToggleTiming[]> {
  await page.getByTestId('planning-toggle').click();
  const box = (await page.getByTestId('map').boundingBox())!;
  // The middle of the map is some community: toggling it on and off alternately.
  const point = { x: box.width * 0.55, y: box.height * 0.5 };
  const timings: ToggleTiming[] = [];
  for (let i = 0; i < TOGGLES; i++) timings.push(await toggleOnce(page, point));
  return timings;
}

/** Milliseconds per frame while the map repaints continuously for 3 s (the rendering floor). */
async function frameTime(page: Page): Promise<number> {
  const frames = (await page.evaluate(
    `new Promise((resolve) => { const map = window.lianpian.map; let n = 0; const count = () => n++; map.on('render', count); map.repaint = true; setTimeout(() => { map.repaint = false; map.off('render', count); resolve(n); }, 3000); })`,
  )) as number;
  return 3000 / Math.max(1, frames);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const max = (values: number[]) => Math.max(...values);
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

const outDir = mkdtempSync(join(tmpdir(), 'lianpian-bench-'));
await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const entry = readFileSync(join(outDir, 'index.html'), 'utf8').match(/src="\/assets\/([^"]+\.js)"/)?.[1];
const initialFiles = readdirSync(join(outDir, 'assets')).filter((file) => file === entry || (file.endsWith('.js') && readFileSync(join(outDir, 'index.html'), 'utf8').includes(file)));
const initialGzip = initialFiles.reduce((sum, file) => sum + gzipSync(readFileSync(join(outDir, 'assets', file))).length, 0);
const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
const base = server.resolvedUrls!.local[0]!;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const rows: string[] = [];
try {
  for (const [label, hash] of [
    ['Lucheng demo (171 communities)', ''],
    ['synthetic mosaic, 10,000 communities', '#data=synthetic:10000'],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
    await page.addInitScript(LONG_TASK_PROBE);
    const loadMs = await loadToIdle(page, `${base}${hash}`);
    const frameMs = await frameTime(page);
    const toggles = await measureToggles(page);
    const report = toggles.map((t) => t.reportMs);
    const repaint = toggles.map((t) => t.repaintMs);
    const longest = toggles.map((t) => t.longestTaskMs);
    const worker = toggles.map((t) => t.workerMs);
    rows.push(`| ${label} | ${fmt(loadMs)} | ${fmt(median(worker))} / ${fmt(max(worker))} | ${fmt(median(report))} / ${fmt(max(report))} | ${fmt(median(repaint))} / ${fmt(max(repaint))} | ${fmt(max(longest))} | ${fmt(frameMs)} |`);
    console.log(rows.at(-1));
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}

const cpu = cpus();
const table = [
  `Machine: ${cpu[0]?.model.trim()} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; headless Chromium (${CHROMIUM_PATH}, SwiftShader WebGL, 1600×900); ${new Date().toISOString().slice(0, 10)}. Initial JS: **${(initialGzip / 1024).toFixed(0)} kB gzip** (${initialFiles.join(', ')}).`,
  '',
  `| Data | load → map idle (ms) | what-if in the worker, median / max of ${TOGGLES} (ms) | toggle → report updated, median / max (ms) | toggle → map repainted, median / max (ms) | longest main-thread task around a toggle (ms) | one map frame, continuous repaint (ms) |`,
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows,
].join('\n');
console.log(`\n${table}`);
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/bench-browser.md', `${table}\n`);
if (process.argv.includes('--docs')) replaceDocSection('browser-bench', table);
