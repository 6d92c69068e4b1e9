import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runLianpian } from '../support/cli.ts';

const path = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

describe('lianpian reads files as the app does (issue 10)', () => {
  test('validate reads a GBK status CSV from Chinese Excel without garbled headers', async () => {
    const { code, stdout, stderr } = await runLianpian('validate', path('test/fixtures/import/status-lucheng-gbk.csv'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('精品示范社区 demo: 13');
  });

  test.each(['status-gb18030.csv', 'status-utf16le.csv', 'status-utf16be.csv'])('validate reads %s', async (name) => {
    const { code, stdout } = await runLianpian('validate', path(`test/fixtures/import/${name}`));
    expect(code).toBe(0);
    expect(stdout).toContain('社区 rows: 2');
  });

  test('analyze with the GBK status table designates 集善社区 too, joining two clusters', async () => {
    const run = async (status: string) => JSON.parse((await runLianpian('analyze', path('data/lucheng/communities.geojson'), '--status', path(status), '--config', path('data/lucheng/campaign.json'))).stdout) as { selectedCount: number; clusters: unknown[] };
    const before = await run('data/lucheng/status.csv');
    const after = await run('test/fixtures/import/status-lucheng-gbk.csv');
    expect(after.selectedCount).toBe(before.selectedCount + 1);
    expect(after.clusters.length).toBe(before.clusters.length - 1);
  });
});
