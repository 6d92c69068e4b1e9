/**
 * What blocks the page's main thread during a large import: builds the app, imports Italy's
 * comuni (../shared/bench-data/it-comuni.geojson.gz; else a seeded 10,000-cell mosaic) in
 * headless Chromium with the CPU profiler on the page's main thread (1 ms sampling), and prints
 * the longest stretches of consecutive busy samples (≈ main-thread tasks) with the functions
 * that take their time (self and inclusive, sampled ms).
 *
 *   npx tsx test/bench/import-profile.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { syntheticSources } from '../../src/core/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium.ts';
import { waitForMapIdle } from '../e2e/map-page.ts';
import { ITALY_FILE, findBenchData } from '../support/bench-data.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const outDir = mkdtempSync(join(tmpdir(), 'lianpian-import-profile-'));
let file = findBenchData(ITALY_FILE);
if (!file) {
  file = join(outDir, 'synthetic-10000.geojson');
  writeFileSync(file, syntheticSources(10_000, 20020630).find((source) => source.role === 'communities')!.text);
}
await build({ logLevel: 'warn', build: { outDir: join(outDir, 'dist'), emptyOutDir: true, sourcemap: false, minify: false } });
const server = await preview({ logLevel: 'warn', build: { outDir: join(outDir, 'dist') }, preview: { host: '127.0.0.1', port: 0 } });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  await page.goto(server.resolvedUrls!.local[0]!);
  await waitForMapIdle(page, 120_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  await page.getByTestId('import-input').setInputFiles(file);
  await page.locator('[data-testid="import-file"][data-ok="true"]').waitFor({ timeout: 300_000 });
  // Drawn: a tile of the new communities loaded (maplibre's event; polling queryRenderedFeatures ran in the page and into the tasks measured).
  await page.evaluate(`window.lianpian.map.on('sourcedata', (event) => { if (event.sourceId === 'communities' && event.tile) window.__communitiesDrawn = true; })`);
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('project-files').waitFor({ timeout: 600_000 });
  await page.waitForFunction('window.__communitiesDrawn === true', undefined, { timeout: 300_000, polling: 50 });
  await waitForMapIdle(page, 300_000);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  report(profile);
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}

/** Busy stretches (consecutive samples not in "(idle)") and what runs in the three longest. */
function report(profile: Profile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop() ?? ''}:${node.callFrame.lineNumber + 1}`;
  const stretches: { from: number; to: number; ms: number }[] = [];
  let from = -1;
  let ms = 0;
  profile.samples.forEach((sample, i) => {
    const idle = byId.get(sample)!.callFrame.functionName === '(idle)';
    const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!idle) {
      if (from < 0) {
        from = i;
        ms = 0;
      }
      ms += delta;
    }
    if ((idle || i === profile.samples.length - 1) && from >= 0) {
      stretches.push({ from, to: i, ms });
      from = -1;
    }
  });
  stretches.sort((a, b) => b.ms - a.ms);
  console.log(`busy stretches over 50 ms: ${stretches.filter((s) => s.ms > 50).map((s) => s.ms.toFixed(0)).join(', ') || 'none'}`);
  // The page's own code (not maplibre's bundle, not native) in every busy stretch over 50 ms:
  // what this repository can change.
  const ours = new Map<string, number>();
  for (const stretch of stretches.filter((s) => s.ms > 50)) {
    for (let i = stretch.from; i < stretch.to; i++) {
      const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const seen = new Set<string>();
      for (let id: number | undefined = profile.samples[i]!; id !== undefined; id = parent.get(id)) {
        const node = byId.get(id)!;
        if (!node.callFrame.url || node.callFrame.url.includes('maplibre')) continue;
        const key = name(node);
        if (!seen.has(key)) ours.set(key, (ours.get(key) ?? 0) + delta);
        seen.add(key);
      }
    }
  }
  console.log(`\nthe page's own code in those stretches, inclusive\n${[...ours].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([key, value]) => `    ${value.toFixed(0).padStart(5)} ms  ${key}`).join('\n')}`);
  for (const stretch of stretches.slice(0, 3)) {
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    for (let i = stretch.from; i < stretch.to; i++) {
      const delta = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      let id: number | undefined = profile.samples[i]!;
      const leaf = byId.get(id)!;
      self.set(name(leaf), (self.get(name(leaf)) ?? 0) + delta);
      const seen = new Set<string>();
      while (id !== undefined) {
        const key = name(byId.get(id)!);
        if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
        seen.add(key);
        id = parent.get(id);
      }
    }
    const top = (map: Map<string, number>, count: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, value]) => `    ${value.toFixed(0).padStart(5)} ms  ${key}`).join('\n');
    console.log(`\nstretch of ${stretch.ms.toFixed(0)} ms: self time\n${top(self, 12)}\n  inclusive\n${top(inclusive, 14)}`);
  }
}
