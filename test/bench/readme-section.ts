/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in README.md. */
import { readFileSync, writeFileSync } from 'node:fs';

export function replaceReadmeSection(name: string, text: string, file = 'README.md'): void {
  const readme = readFileSync(file, 'utf8');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} section`);
  writeFileSync(file, `${readme.slice(0, from + start.length)}\n${text}\n${readme.slice(to)}`);
  console.log(`${file}: ${name} table updated.`);
}
