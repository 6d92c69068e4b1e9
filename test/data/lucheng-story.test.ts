/**
 * The campaign story told by the Lucheng status and inspections (issue 3, ../shared/domain.md):
 * the demonstration communities the speech names, several clusters, an isolated one, a pair of
 * clusters one community would join, realistic gaps, improving and stagnating communities.
 */
import { describe, expect, test } from 'vitest';
import { buildAdjacency, contiguousClusters, facilityCount, neighborsOf, type CommunityStatus } from '../../src/core/index.ts';
import { loadLuchengData } from './lucheng-files.ts';

const data = loadLuchengData();
const features = data.communities.features;
const statusByCode = new Map(data.status.rows.map((row) => [row.code, row]));
const statusOf = (name: string): CommunityStatus => {
  const feature = features.find((f) => f.name === name);
  if (!feature) throw new Error(`no community ${name}`);
  return statusByCode.get(feature.id)!;
};
const demos = data.status.rows.filter((row) => row.demo);
const { graph } = buildAdjacency(features.map((f) => f.geometry), { mode: 'rook', minSharedMeters: data.config.adjacency.minSharedMeters });
const designated = Uint8Array.from(features, (f) => (statusByCode.get(f.id)!.demo ? 1 : 0));
const report = contiguousClusters(graph, designated);
const nameSets = report.clusters.map((cluster) => cluster.members.map((i) => features[i]!.name).sort());

describe('demonstration communities', () => {
  test('about a dozen, matching the campaign target', () => {
    expect(demos.length).toBe(data.config.targets.demoCommunities);
    expect(demos.length).toBeGreaterThanOrEqual(10);
    expect(demos.length).toBeLessThanOrEqual(14);
  });

  test('the communities the speech names are demonstration communities with its themes', () => {
    const themes: Record<string, string> = {
      庆年坊社区: 'traditional_houses',
      桂柑社区: 'humanist',
      菱藕社区: 'humanist',
      府前社区: 'new_commercial',
      鼓楼社区: 'new_commercial',
      春秋社区: 'new_residential',
    };
    for (const [name, theme] of Object.entries(themes)) {
      expect(statusOf(name).demo, name).toBe(true);
      expect(statusOf(name).theme, name).toBe(theme);
    }
    expect(statusOf('花柳塘社区').demo).toBe(true);
    for (const row of demos) expect(row.theme, row.name).not.toBeNull();
  });

  test('桂柑 is the national candidate; there are provincial and city-level communities; demos are at least city-level', () => {
    expect(statusOf('桂柑社区').level).toBe('national_candidate');
    expect(data.status.rows.filter((row) => row.level === 'national_candidate')).toHaveLength(1);
    expect(data.status.rows.filter((row) => row.level === 'provincial').length).toBeGreaterThanOrEqual(2);
    expect(data.status.rows.filter((row) => row.level === 'city').length).toBeGreaterThanOrEqual(5);
    for (const row of demos) expect(row.level, row.name).not.toBe('none');
  });
});

describe('clusters (rook, ≥ 5 m)', () => {
  test('桂柑, 菱藕 and 庆年坊 touch each other', () => {
    const index = (name: string) => features.findIndex((f) => f.name === name);
    const [a, b, c] = ['桂柑社区', '菱藕社区', '庆年坊社区'].map(index) as [number, number, number];
    expect([...neighborsOf(graph, a)]).toEqual(expect.arrayContaining([b, c]));
    expect([...neighborsOf(graph, b)]).toContain(c);
  });

  test('several clusters: the 松台 triangle and a 五马 cluster around 府前 and 鼓楼', () => {
    const multi = nameSets.filter((names) => names.length >= 2);
    expect(multi.length).toBeGreaterThanOrEqual(2);
    expect(multi).toContainEqual(expect.arrayContaining(['桂柑社区', '菱藕社区', '庆年坊社区']));
    expect(multi).toContainEqual(expect.arrayContaining(['府前社区', '鼓楼社区']));
    const songtai = multi.find((names) => names.includes('桂柑社区'))!;
    expect(songtai).not.toContain('府前社区');
  });

  test('at least one isolated demonstration community (春秋 in 南汇)', () => {
    const isolated = report.isolated.map((i) => features[i]!.name);
    expect(isolated.length).toBeGreaterThanOrEqual(1);
    expect(isolated).toContain('春秋社区');
  });

  test('one extra community would join the 松台 and 五马 clusters', () => {
    const clusterOfName = (name: string) => report.clusterOf[features.findIndex((f) => f.name === name)]!;
    const songtai = clusterOfName('桂柑社区');
    const wuma = clusterOfName('府前社区');
    const bridges = features.flatMap((f, i) => {
      if (designated[i]) return [];
      const touched = new Set([...neighborsOf(graph, i)].map((j) => report.clusterOf[j]!));
      return touched.has(songtai) && touched.has(wuma) ? [f.name] : [];
    });
    expect(bridges.length).toBeGreaterThanOrEqual(1);
  });
});

describe('status values', () => {
  test('facility checklist: demos mostly 10–12 of 12, others lower, villages lowest', () => {
    const mean = (rows: CommunityStatus[]) => rows.reduce((sum, row) => sum + facilityCount(row), 0) / rows.length;
    const kindOf = new Map(features.map((f) => [f.id, f.properties.kind]));
    const others = data.status.rows.filter((row) => !row.demo && kindOf.get(row.code) === '社区');
    const villages = data.status.rows.filter((row) => kindOf.get(row.code) === '村');
    expect(demos.filter((row) => facilityCount(row) >= 10).length).toBeGreaterThanOrEqual(demos.length - 2);
    expect(mean(demos)).toBeGreaterThan(mean(others));
    expect(mean(others)).toBeGreaterThan(mean(villages));
    expect(facilityCount(statusOf('桂柑社区'))).toBe(12);
    // Realistic gaps: some demonstration communities still miss an item.
    expect(demos.some((row) => facilityCount(row) < 12)).toBe(true);
  });

  test('floor areas around the 300–600 m² standard, lighting around the 95 % threshold', () => {
    const { minAreaM2, maxAreaM2 } = data.config.facilities;
    const inRange = demos.filter((row) => row.facilityAreaM2 !== null && row.facilityAreaM2 >= minAreaM2 && row.facilityAreaM2 <= maxAreaM2 + 50);
    expect(inRange.length).toBeGreaterThanOrEqual(demos.length - 2);
    const lit = data.status.rows.flatMap((row) => (row.lightingRate === null ? [] : [row.lightingRate]));
    expect(lit.some((rate) => rate >= data.config.lightingThreshold)).toBe(true);
    expect(lit.some((rate) => rate < data.config.lightingThreshold)).toBe(true);
  });

  test('the first batch of city funds is spread over the demonstration communities, partly spent', () => {
    const allocated = demos.reduce((sum, row) => sum + row.budgetAllocatedWan, 0);
    const spent = demos.reduce((sum, row) => sum + row.budgetSpentWan, 0);
    expect(allocated).toBe(data.config.budget.firstBatchWan);
    expect(spent / allocated).toBeGreaterThan(0.3);
    expect(spent / allocated).toBeLessThan(0.9);
    for (const row of data.status.rows) expect(row.budgetSpentWan, row.name).toBeLessThanOrEqual(row.budgetAllocatedWan);
    expect(statusOf('桂柑社区').budgetAllocatedWan).toBe(Math.max(...demos.map((row) => row.budgetAllocatedWan)));
  });

  test('populations: communities ~4–15 thousand, villages ~1–4 thousand', () => {
    for (const f of features) {
      const population = statusByCode.get(f.id)!.population!;
      if (f.properties.kind === '村') expect(population, f.name).toBeLessThanOrEqual(4000);
      else expect(population, f.name).toBeGreaterThanOrEqual(4000);
    }
  });
});

describe('inspections', () => {
  const rows = data.inspections.rows;
  const asOf = rows.reduce((latest, row) => (row.date > latest ? row.date : latest), '');

  test('the as-of date is the latest inspection, in late May 2002', () => {
    expect(asOf).toBe('2002-05-24');
  });

  test('demonstration communities are checked every week, every community every month', () => {
    const weeklyDates = [...new Set(rows.filter((row) => row.kind === 'weekly').map((row) => row.date))];
    expect(weeklyDates.length).toBeGreaterThanOrEqual(6);
    for (const date of weeklyDates) {
      expect(rows.filter((row) => row.kind === 'weekly' && row.date === date).map((row) => row.code).sort()).toEqual(demos.map((row) => row.code).sort());
    }
    const months = ['2002-03', '2002-04', '2002-05'];
    for (const month of months) {
      const checked = new Set(rows.filter((row) => row.kind === 'monthly' && row.date.startsWith(month)).map((row) => row.code));
      expect(checked.size, month).toBe(features.length);
    }
    expect(rows.some((row) => row.kind === 'bulletin')).toBe(true);
  });

  test('most demonstration communities improve; some communities stagnate with named problems', () => {
    const history = (code: string) => rows.filter((row) => row.code === code && row.kind !== 'bulletin').map((row) => row.score);
    const improving = demos.filter((row) => {
      const scores = history(row.code);
      return scores.at(-1)! - scores[0]! >= 5;
    });
    expect(improving.length).toBeGreaterThanOrEqual(demos.length - 3);
    const stagnating = data.status.rows.filter((row) => {
      const scores = history(row.code);
      return scores.length >= 3 && scores.at(-1)! <= scores[0]!;
    });
    expect(stagnating.length).toBeGreaterThanOrEqual(2);
    const notes = rows.map((row) => row.note).join('\n');
    for (const problem of ['楼道灯不亮', '五乱回潮', '医疗站未建成']) expect(notes).toContain(problem);
  });
});
