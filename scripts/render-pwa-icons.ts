/**
 * Renders the installed app's icons (public/icons/*.png) from the favicon's mark with Debian's
 * Chromium: 192 and 512 px "any" icons (the rounded red tile) and a 512 px "maskable" one (a full
 * square with the mark inside the 80 % safe zone, so a launcher's circle or squircle crop keeps it).
 * Run `npx tsx scripts/render-pwa-icons.ts` after changing the mark; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.ts';

const MARK = '<path d="M6 22 L12 10 L18 18 L26 8" stroke="#fff" stroke-width="3" fill="none" stroke-linejoin="round" stroke-linecap="round"/>';
const ANY = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b91c1c"/>${MARK}</svg>`;
// Maskable: the tile fills the square; the mark is scaled to 70 % around the centre.
const MASKABLE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#b91c1c"/><g transform="translate(4.8 4.8) scale(0.7)">${MARK}</g></svg>`;

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const [name, svg, size] of [['pwa-192.png', ANY, 192], ['pwa-512.png', ANY, 512], ['maskable-512.png', MASKABLE, 512]] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    writeFileSync(new URL(`../public/icons/${name}`, import.meta.url), await page.screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}
