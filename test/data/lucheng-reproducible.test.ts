/** `npm run data:lucheng` is deterministic: re-running it reproduces the committed files byte for byte (issue 3). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { DATA_DIR, FILE_NAMES } from './lucheng-files.ts';

const script = fileURLToPath(new URL('../../scripts/generate-lucheng.ts', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'lianpian-lucheng-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('scripts/generate-lucheng.ts --out <tmp> writes byte-identical copies of data/lucheng', () => {
  execFileSync(process.execPath, ['--import', 'tsx', script, '--out', out, '--quiet'], { stdio: 'pipe', timeout: 55_000 });
  expect(readdirSync(out).sort()).toEqual([...FILE_NAMES].sort());
  for (const name of FILE_NAMES) {
    const fresh = readFileSync(join(out, name));
    const committed = readFileSync(join(DATA_DIR, name));
    expect(fresh.equals(committed), `${name} differs from the committed file: re-run npm run data:lucheng`).toBe(true);
  }
}, 60_000);
