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
});
