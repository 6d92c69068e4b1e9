/**
 * The first page's JavaScript budget: what index.html loads before the app can draw (its entry
 * and every modulepreload), at most 450 kB gzip. Views opened later (落后分析, presentation), the
 * analysis worker and the import/export libraries load on demand and are not counted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, expect, test } from 'vitest';

const BUDGET_KB = 450;
const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'lianpian-build-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

test(`the first page loads at most ${BUDGET_KB} kB of JavaScript (gzip), the lazy views excluded`, async () => {
  // Vitest runs with NODE_ENV=test, which would bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  const kilobytes = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(outDir, file))).length, 0) / 1024;
  console.log(`first page JS: ${kilobytes.toFixed(1)} kB gzip in ${scripts.length} files`);
  expect(kilobytes).toBeLessThanOrEqual(BUDGET_KB);
  // The views that are not on the first page stay out of it.
  const initial = scripts.map((file) => readFileSync(join(outDir, file), 'utf8')).join('\n');
  expect(initial).not.toContain('半月通报（打印）');
}, 120_000);
