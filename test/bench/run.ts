/**
 * `npm run bench`: runs every test/bench/*.bench.ts (or those whose name contains an argument),
 * prints a Markdown table, writes it to test-results/bench.md, and with `--docs` replaces the
 * table between the bench markers in docs/performance.md.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { Harness } from './harness.ts';
import { replaceDocSection } from './doc-section.ts';

const args = process.argv.slice(2);
const updateDocs = args.includes('--docs');
const filters = args.filter((arg) => !arg.startsWith('--'));

const directory = new URL('.', import.meta.url);
const files = readdirSync(directory).filter((file) => file.endsWith('.bench.ts') && (filters.length === 0 || filters.some((filter) => file.includes(filter)))).sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(2);
}

const harness = new Harness();
for (const file of files) {
  const module = (await import(new URL(file, directory).href)) as { default: (h: Harness) => Promise<void> };
  await module.default(harness);
}

const table = harness.markdown();
console.log(`\n${table}`);
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/bench.md', `${table}\n`);

if (updateDocs) replaceDocSection('bench', table);
