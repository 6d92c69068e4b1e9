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
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.ts';
import { LONG_TASK_PROBE, TOGGLES, fmt, frameTime, loadToIdle, max, measureToggles, median } from './bench-page.ts';
import { replaceDocSection } from '../test/bench/doc-section.ts';

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
