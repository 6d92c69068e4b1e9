/**
 * The set-up the browser profile scripts share: the file to import (Italy's comuni from the bench
 * data, else a seeded 10,000-cell mosaic written to a temporary directory), the app built unminified
 * (so a profile's names are readable) and served on 127.0.0.1, and headless Chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { syntheticSources } from '../../src/core/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';
import { waitForMapIdle } from '../e2e/map-page.ts';
import { ITALY_FILE, findBenchData } from '../support/bench-data.ts';

export interface ProfiledApp {
  /** The GeoJSON file to import. */
  file: string;
  /** The served app's URL. */
  url: string;
  browser: Browser;
  /** The temporary directory (build and synthetic file). */
  outDir: string;
  /** Closes the browser and the server and removes the directory (unless `keep`). */
  close(keep?: boolean): Promise<void>;
}

export async function startProfiledApp(name: string): Promise<ProfiledApp> {
  const outDir = mkdtempSync(join(tmpdir(), `lianpian-${name}-`));
  let file = findBenchData(ITALY_FILE);
  if (!file) {
    file = join(outDir, 'synthetic-10000.geojson');
    writeFileSync(file, syntheticSources(10_000, 20020630).find((source) => source.role === 'communities')!.text);
  }
  await build({ logLevel: 'warn', build: { outDir: join(outDir, 'dist'), emptyOutDir: true, sourcemap: false, minify: false } });
  const server = await preview({ logLevel: 'warn', build: { outDir: join(outDir, 'dist') }, preview: { host: '127.0.0.1', port: 0 } });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    file,
    url: server.resolvedUrls!.local[0]!,
    browser,
    outDir,
    async close(keep = false) {
      await browser.close();
      await server.close();
      if (!keep) rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Imports `file` through the import panel and waits until the map has drawn a tile of its communities and is idle. */
export async function importUntilDrawn(page: Page, file: string): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(file);
  await page.locator('[data-testid="import-file"][data-ok="true"]').waitFor({ timeout: 300_000 });
  // Drawn: a tile of the new communities loaded (maplibre's event; polling queryRenderedFeatures ran in the page and into the tasks measured).
  await page.evaluate(`window.lianpian.map.on('sourcedata', (event) => { if (event.sourceId === 'communities' && event.tile) window.__communitiesDrawn = true; })`);
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('project-files').waitFor({ timeout: 600_000 });
  await page.waitForFunction('window.__communitiesDrawn === true', undefined, { timeout: 300_000, polling: 50 });
  await waitForMapIdle(page, 300_000);
}
