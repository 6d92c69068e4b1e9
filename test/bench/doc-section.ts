/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in docs/performance.md (or `file`). */
import { readFileSync, writeFileSync } from 'node:fs';

export const PERFORMANCE_DOC = 'docs/performance.md';

export function replaceDocSection(name: string, text: string, file = PERFORMANCE_DOC): void {
  const doc = readFileSync(file, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} section`);
  writeFileSync(file, `${doc.slice(0, from + start.length)}\n${text}\n${doc.slice(to)}`);
  console.log(`${file}: ${name} table updated.`);
}
