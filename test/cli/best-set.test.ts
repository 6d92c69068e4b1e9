import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runLianpian } from '../support/cli.ts';

const data = (name: string) => fileURLToPath(new URL(`../../data/lucheng/${name}`, import.meta.url));
const GUIGAN = '330302026024';
const plan = (...args: string[]) => runLianpian('plan', data('communities.geojson'), '--status', data('status.csv'), ...args);

describe('lianpian plan', () => {
  test('lianpian plan --size 12 --must 桂柑 prints the proven best contiguous set with its objective and bound', async () => {
    const { code, stdout, stderr } = await plan('--size', '12', '--must', GUIGAN);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const document = JSON.parse(stdout) as { members: string[]; contiguous: boolean; objective: number; optimal: boolean; bound: number };
    expect(document).toMatchObject({ contiguous: true, objective: 135, optimal: true, bound: 135 });
    expect(document.members).toHaveLength(12);
    expect(document.members).toContain(GUIGAN);
  });

  test('lianpian plan takes the size from the campaign target when --size is absent', async () => {
    const { stdout } = await plan('--config', data('campaign.json'), '--exclude', GUIGAN);
    const document = JSON.parse(stdout) as { members: string[]; size: number; optimal: boolean };
    expect(document.size).toBe(12);
    expect(document.members).toHaveLength(12);
    expect(document.members).not.toContain(GUIGAN);
    expect(document.optimal).toBe(true);
  });

  test('lianpian plan names unknown codes and a code both required and excluded, without a stack trace', async () => {
    const unknown = await plan('--must', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^E_ARGUMENT: .*--must.*nope/);
    const both = await plan('--must', GUIGAN, '--exclude', GUIGAN);
    expect(both.code).toBe(1);
    expect(both.stderr).toContain(GUIGAN);
    expect(`${unknown.stderr}${both.stderr}`).not.toMatch(/\n\s+at /);
  });

  test('lianpian plan rejects a size that is not a whole number ≥ 1', async () => {
    const { code, stderr } = await plan('--size', '0');
    expect(code).toBe(2);
    expect(stderr).toMatch(/^E_ARGUMENT: --size/);
  });

  test('lianpian plan --format text says whether the answer is proven', async () => {
    const { stdout } = await plan('--size', '3', '--format', 'text');
    expect(stdout).toMatch(/^自动推荐 3 个相连社区，设施齐备项合计 \d+（已证明最优）/);
  });

  test('lianpian plan --must/--exclude accept names as the app does (桂柑, 桂柑社区) and give the same set as codes (issue 16)', async () => {
    const byCode = JSON.parse((await plan('--size', '12', '--must', GUIGAN)).stdout) as { members: string[]; must: string[] };
    for (const name of ['桂柑', '桂柑社区']) {
      const byName = JSON.parse((await plan('--size', '12', '--must', name)).stdout) as { members: string[]; must: string[] };
      expect(byName.members).toEqual(byCode.members);
      expect(byName.must).toEqual([GUIGAN]);
    }
    const excluded = JSON.parse((await plan('--size', '12', '--exclude', '桂柑')).stdout) as { members: string[] };
    expect(excluded.members).not.toContain(GUIGAN);
  });

  test('lianpian plan --must with a name two communities share is an error listing both with street and code', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'lianpian-plan-'));
    try {
      const collection = JSON.parse(readFileSync(data('communities.geojson'), 'utf8')) as { features: { properties: { code: string; name: string } }[] };
      const twin = collection.features.find((feature) => feature.properties.code !== GUIGAN)!;
      twin.properties.name = '桂柑社区';
      const file = join(temp, 'twins.geojson');
      writeFileSync(file, JSON.stringify(collection));
      const result = await runLianpian('plan', file, '--status', data('status.csv'), '--must', '桂柑');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^E_ARGUMENT: /);
      expect(result.stderr).toContain('2 个同名社区');
      expect(result.stderr).toContain(GUIGAN);
      expect(result.stderr).toContain(twin.properties.code);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });

  test('lianpian plan --must X, X already in the unconstrained best set, returns that best set (issue 16)', async () => {
    const free = JSON.parse((await plan('--size', '12')).stdout) as { members: string[] };
    for (const code of free.members) {
      const constrained = JSON.parse((await plan('--size', '12', '--must', code)).stdout) as { members: string[] };
      expect(constrained.members).toEqual(free.members);
    }
  });
});
