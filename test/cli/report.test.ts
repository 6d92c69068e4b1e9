import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { runLianpian } from '../support/cli.ts';

const data = (name: string) => fileURLToPath(new URL(`../../data/lucheng/${name}`, import.meta.url));
const files = [data('communities.geojson'), '--status', data('status.csv'), '--inspections', data('inspections.csv'), '--config', data('campaign.json')];

interface ReportJson {
  asOf: string;
  rules: string[];
  communities: { rank: number; code: string; name: string; street: string; demo: boolean; score: number | null; rubricScore: number | null; breakdown: { key: string; points: number | null }[]; lagging: boolean; reasons: string[] }[];
  streets: { rank: number; code: string; name: string; score: number | null; lagging: boolean; reasons: string[]; laggingCount: number }[];
}

async function report(...args: string[]): Promise<ReportJson> {
  const result = await runLianpian('report', ...files, ...args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as ReportJson;
}

describe('lianpian report', () => {
  test('report flags 马鞍池 (demonstration community, 18 % of budget spent, score 67) with both reasons', async () => {
    const result = await report();
    expect(result.asOf).toBe('2002-05-24');
    expect(result.rules).toEqual(['score', 'facilities', 'facilityArea', 'lighting', 'disorders', 'stagnant', 'budget']);
    const maanchi = result.communities.find((community) => community.name === '马鞍池社区')!;
    expect(maanchi).toMatchObject({ demo: true, score: 67, lagging: true, street: '大南街道' });
    expect(maanchi.reasons).toContain('检查得分 67 < 75');
    expect(maanchi.reasons).toContain('经费使用 18% < 30%');
    expect(maanchi.breakdown.map((part) => part.key)).toEqual(['facilities', 'environment', 'safety', 'services', 'supervision']);
  });

  test('report ranks streets worst first by average score, every lagging street with its reasons', async () => {
    const { streets, communities } = await report();
    expect(streets).toHaveLength(14);
    expect(streets.map((street) => street.rank)).toEqual(streets.map((_, i) => i + 1));
    const scores = streets.map((street) => street.score!);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    for (const street of streets) {
      expect(street.lagging).toBe(street.score! < 75);
      if (street.lagging) expect(street.reasons[0]).toMatch(/^平均得分 [\d.]+ < 75$/);
      expect(street.laggingCount).toBe(communities.filter((community) => community.street === street.name && community.lagging).length);
    }
    expect(communities.every((community) => community.lagging === community.reasons.length > 0)).toBe(true);
  });

  test('report --as-of an earlier round gives the scores of that round', async () => {
    const early = await report('--as-of', '2002-03-10');
    expect(early.asOf).toBe('2002-03-10');
    // Only the 12 demonstration communities were checked by then.
    expect(early.communities.filter((community) => community.score !== null)).toHaveLength(12);
    expect(early.communities.find((community) => community.name === '马鞍池社区')!.score).toBe(72);
  });

  test('report --as-of before the first inspection warns (W_BEFORE_FIRST_INSPECTION) instead of silently listing every street as not lagging (issue 16)', async () => {
    const result = await runLianpian('report', ...files, '--as-of', '2002-01-01');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^W_BEFORE_FIRST_INSPECTION: 截至 2002-01-01 尚无检查（首次检查为 \d{4}-\d{2}-\d{2}）/);
    const none = JSON.parse(result.stdout) as ReportJson & { notice: string | null };
    expect(none.communities.every((community) => community.score === null)).toBe(true);
    expect(none.notice).toContain('尚无检查');
    const text = await runLianpian('report', ...files, '--as-of', '2002-01-01', '--format', 'text');
    expect(text.stdout).toContain('注意：截至 2002-01-01 尚无检查');
    // No street has a score to be ranked by: the rank column says so instead of 1…14.
    const unranked = text.stdout.trim().split('\n').slice(text.stdout.trim().split('\n').findIndex((line) => line.startsWith('排名\t')) + 1);
    expect(unranked.map((line) => line.split('\t')[0])).toEqual(unranked.map(() => '—'));
    const later = await runLianpian('report', ...files, '--as-of', '2002-03-10');
    expect(later.stderr).toBe('');
  });

  test('report --format text says which rule each count counts, one word per meaning: 落后街道 and 亮红灯 (issue 16)', async () => {
    const result = await runLianpian('report', ...files, '--format', 'text');
    const lines = result.stdout.split('\n');
    expect(lines).toContain('落后街道：街道平均分低于 75 分；亮红灯：任一落后规则未达标（检查得分低、配套设施缺项、配套用房面积不足、楼道亮灯率不达标、五乱未整治、检查无提升、经费使用慢）');
    expect(lines.find((line) => line.startsWith('排名\t'))!.split('\t')).toEqual(['排名', '街道', '代码', '平均分', '较上轮', '落后街道', '亮红灯/社区']);
    expect(result.stdout).not.toMatch(/落后社区/);
  });

  test('report --format text prints the street ranking in the JSON order', async () => {
    const json = await report();
    const result = await runLianpian('report', ...files, '--format', 'text');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const header = lines.findIndex((line) => line.startsWith('排名\t'));
    const rows = lines.slice(header + 1).map((line) => line.split('\t'));
    expect(rows.map((row) => row[2])).toEqual(json.streets.map((street) => street.code));
  });

  test('report --format csv and bulletin write CSV through the project writer', async () => {
    const csv = await runLianpian('report', ...files, '--format', 'csv');
    expect(csv.stdout.startsWith('\uFEFF排名,代码,名称,街道,示范社区,检查得分,台账评分,亮红灯,原因,无法判定\r\n')).toBe(true);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(172);
    const bulletin = await runLianpian('report', ...files, '--format', 'bulletin');
    expect(bulletin.code).toBe(0);
    const lines = bulletin.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFF部分,排名,代码,名称,街道,得分,较上期,判定,原因,变化,等级');
    expect(lines.filter((line) => line.startsWith('街道排名,'))).toHaveLength(14);
    expect(lines.some((line) => line.startsWith('亮红灯社区,') && line.includes('马鞍池社区,大南街道'))).toBe(true);
  });

  test('report rejects a bad --as-of or --format with E_ARGUMENT and exit 2', async () => {
    const bad = await runLianpian('report', ...files, '--as-of', '2002-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^E_ARGUMENT: --as-of must be a date YYYY-MM-DD/);
    const format = await runLianpian('report', ...files, '--format', 'xml');
    expect(format.code).toBe(2);
    const missing = await runLianpian('report', data('communities.geojson'), '--status', '/nonexistent.csv');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^E_ARGUMENT: /);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
