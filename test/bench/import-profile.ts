/**
 * What blocks the page's main thread during a large import: builds the app, imports Italy's
 * comuni (../shared/bench-data/it-comuni.geojson.gz; else a seeded 10,000-cell mosaic) in
 * headless Chromium with the CPU profiler on the page's main thread (1 ms sampling), and prints
 * the longest stretches of consecutive busy samples (≈ main-thread tasks) with the functions
 * that take their time (self and inclusive, sampled ms).
 *
 *   npx tsx test/bench/import-profile.ts
 */
import { writeFileSync } from 'node:fs';
import { waitForMapIdle } from '../e2e/map-page.ts';
import { readProfile, topLines, type Profile } from './cpu-profile.ts';
import { importUntilDrawn, startProfiledApp } from './profiled-app.ts';

const app = await startProfiledApp('import-profile');
const { file, browser } = app;
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  await page.goto(app.url);
  await waitForMapIdle(page, 120_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  await cdp.send('Profiler.start');
  await importUntilDrawn(page, file);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  report(profile);
} finally {
  await app.close();
}

/** Busy stretches (consecutive samples not in "(idle)") and what runs in the three longest. */
function report(profile: Profile): void {
  const read = readProfile(profile);
  const stretches = [...read.stretches].sort((a, b) => b.ms - a.ms);
  const long = stretches.filter((s) => s.ms > 50);
  console.log(`busy stretches over 50 ms: ${long.map((s) => s.ms.toFixed(0)).join(', ') || 'none'}`);
  // The page's own code (not maplibre's bundle, not native) in every busy stretch over 50 ms:
  // what this repository can change.
  const ours = read.timeIn(long, (node) => node.callFrame.url !== '' && !node.callFrame.url.includes('maplibre')).inclusive;
  console.log(`\nthe page's own code in those stretches, inclusive\n${topLines(ours, 40)}`);
  for (const stretch of stretches.slice(0, 3)) {
    const { self, inclusive } = read.timeIn([stretch]);
    console.log(`\nstretch of ${stretch.ms.toFixed(0)} ms: self time\n${topLines(self, 12)}\n  inclusive\n${topLines(inclusive, 14)}`);
  }
}
