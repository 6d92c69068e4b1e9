/**
 * `npm run screenshot`: builds the app once, serves it on 127.0.0.1 and saves screenshots from
 * Debian's headless Chromium, like the e2e tests do. Without arguments it saves the README's
 * overview (docs/img/overview.png). Otherwise each shot is `<hash> <file.png>`, with `-` for no
 * hash; `--size=WxH` sets the window for the shots after it (default 1600x900), `--click=<text>`
 * clicks the first button or tab with that text before the next shot.
 *
 *   npm run screenshot -- '#layer=facility' docs/img/facility.png --size=390x844 - docs/img/phone.png
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.ts';
import { waitForMapIdle } from '../test/e2e/map-page.ts';

interface Shot {
  hash: string;
  output: string;
  width: number;
  height: number;
  click?: string;
}

function parseShots(args: string[]): Shot[] {
  if (args.length === 0) return [{ hash: '', output: 'docs/img/overview.png', width: 1600, height: 900 }];
  const shots: Shot[] = [];
  let size = { width: 1600, height: 900 };
  let click: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const sized = /^--size=(\d+)x(\d+)$/.exec(arg);
    if (sized) {
      size = { width: Number(sized[1]), height: Number(sized[2]) };
    } else if (arg.startsWith('--click=')) {
      click = arg.slice('--click='.length);
    } else {
      const output = args[i + 1]?.endsWith('.png') ? args[++i]! : 'docs/img/overview.png';
      shots.push({ hash: arg === '-' ? '' : arg, output, ...size, ...(click ? { click } : {}) });
      click = undefined;
    }
  }
  return shots;
}

const shots = parseShots(process.argv.slice(2));
const outDir = mkdtempSync(join(tmpdir(), 'lianpian-shot-'));
await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, locale: 'zh-CN' });
    await page.goto(`${server.resolvedUrls!.local[0]}${shot.hash}`);
    await waitForMapIdle(page);
    if (shot.click) {
      await page.getByRole('button', { name: shot.click }).or(page.getByRole('tab', { name: shot.click })).first().click();
      await waitForMapIdle(page);
    }
    await page.waitForTimeout(500);
    mkdirSync(dirname(shot.output), { recursive: true });
    await page.screenshot({ path: shot.output });
    console.log(`saved ${shot.output} (${shot.width}×${shot.height}${shot.hash ? `, ${shot.hash}` : ''})`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
