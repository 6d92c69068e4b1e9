/**
 * Generates the embedded Lucheng dataset into data/lucheng (or `--out <dir>`):
 *
 *   npm run data:lucheng
 *   npm run data:lucheng -- --out /tmp/lucheng
 *
 * Deterministic: the same seed gives byte-identical files (a test re-runs it and compares).
 * See data/README.md for what is real and what is generated.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLucheng } from './lucheng/generate.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir = outIndex >= 0 && args[outIndex + 1] ? resolve(args[outIndex + 1]!) : join(root, 'data', 'lucheng');
const quiet = args.includes('--quiet');

const started = performance.now();
const { files, report } = generateLucheng();
mkdirSync(outDir, { recursive: true });
for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
if (!quiet) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`wrote ${Object.keys(files).length} files to ${outDir} in ${seconds} s`);
  console.log(JSON.stringify(report, null, 2));
}
