/**
 * `npm run screenshot`: builds the app, serves it on 127.0.0.1 and saves the README screenshot
 * (public/screenshots/overview.png) from Debian's headless Chromium, like the e2e tests do.
 * Optional argument: a URL hash, e.g. `npm run screenshot -- '#layer=facility'`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.ts';
import { waitForMapIdle } from '../test/e2e/map-page.ts';

const hash = process.argv[2] ?? '';
const output = process.argv[3] ?? 'public/screenshots/overview.png';
const outDir = mkdtempSync(join(tmpdir(), 'lianpian-shot-'));
await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  await page.goto(`${server.resolvedUrls!.local[0]}${hash}`);
  await waitForMapIdle(page);
  await page.waitForTimeout(500);
  mkdirSync('public/screenshots', { recursive: true });
  await page.screenshot({ path: output });
  console.log(`saved ${output}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
