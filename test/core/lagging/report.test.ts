import { describe, expect, test } from 'vitest';
import { assessCommunities, bulletin, bulletinPage, BULLETIN_WORST_SHOWN, formatBulletinCsv, inspectionRounds, laggingReport, previousBulletinRound, rubricScore, scoreTrend } from '../../../src/core/index.ts';
import { config, dataset, goodStatus } from './fixtures.ts';

describe('assessCommunities', () => {
  test('assessCommunities() with no inspections yet has no scores, no score or stagnation reasons, and applies the budget rule', () => {
    const data = dataset([{ code: 'A' }, { code: 'B', status: { budgetAllocatedWan: 100, budgetSpentWan: 10 } }]);
    const [a, b] = assessCommunities(data, null);
    expect(a).toMatchObject({ score: null, scoreDate: null, lagging: false, reasons: [], unknown: ['尚无检查得分'] });
    expect(b).toMatchObject({ lagging: true, rules: ['budget'], reasons: ['经费使用 10% < 30%'] });
  });

  test('assessCommunities() after one round uses that score and waits a month before the budget rule', () => {
    const data = dataset([{ code: 'A', scores: [['2002-03-08', 70]], status: { budgetAllocatedWan: 100, budgetSpentWan: 10 } }]);
    const [a] = assessCommunities(data, null);
    expect(a).toMatchObject({ score: 70, scoreDate: '2002-03-08', scoreChange: null, rules: ['score'] });
  });

  test('assessCommunities() as of a date ignores later inspections, and the budget rule starts 30 days after the first inspection', () => {
    const data = dataset([{ code: 'A', scores: [['2002-03-01', 70], ['2002-03-31', 80], ['2002-04-30', 90]], status: { budgetAllocatedWan: 100, budgetSpentWan: 10 } }]);
    expect(assessCommunities(data, '2002-03-30')[0]).toMatchObject({ score: 70, rules: ['score'] });
    expect(assessCommunities(data, '2002-03-31')[0]).toMatchObject({ score: 80, scoreChange: 10, rules: ['budget'] });
    expect(assessCommunities(data, '2002-02-01')[0]).toMatchObject({ score: null, rules: [] });
    expect(assessCommunities(data, null)[0]!.history.map((point) => point.score)).toEqual([70, 80, 90]);
  });

  test('assessCommunities() does not count half-monthly bulletins (repeats of a check) towards stagnation', () => {
    const data = dataset([{ code: 'A', scores: [['2002-03-01', 70], ['2002-03-08', 72], ['2002-03-15', 72, 'bulletin'], ['2002-03-22', 72, 'bulletin']] }], config({ minScore: null }));
    expect(assessCommunities(data, null)[0]!.rules).toEqual([]);
  });

  test('assessCommunities() gives communities without a status row and with the same supervision record one shared breakdown, equal to rubricScore(null, …) (issue 18: a boundary-only import of 7,899 held and sent 7,899 copies)', () => {
    const data = dataset([
      { code: 'A', status: null },
      { code: 'B', status: null },
      { code: 'C', status: null, scores: [['2002-03-01', 60]] },
      { code: 'D', status: null, scores: [['2002-03-01', 61]] },
      { code: 'E' },
    ]);
    const [a, b, c, d, e] = assessCommunities(data, null);
    expect(a!.breakdown).toBe(b!.breakdown);
    expect(a!.breakdown).toEqual(rubricScore(null, { found: 0, rectified: 0, inspections: 0 }, data.config).parts);
    expect(c!.breakdown).toBe(d!.breakdown);
    expect(c!.breakdown).not.toBe(a!.breakdown);
    expect(c!.breakdown).toEqual(rubricScore(null, { found: 2, rectified: 1, inspections: 1 }, data.config).parts);
    expect(e!.breakdown).not.toBe(a!.breakdown);
    expect(e!.breakdown).toEqual(rubricScore(data.status[4]!, { found: 0, rectified: 0, inspections: 0 }, data.config).parts);
  });

  test('assessCommunities() without a status row checks only the inspection rules and says so', () => {
    const [a] = assessCommunities(dataset([{ code: 'A', status: null, scores: [['2002-03-01', 60]] }]), null);
    expect(a).toMatchObject({ rubricScore: null, facilities: null, meetsStandard: null, rules: ['score'], unknown: ['状态表无此社区'] });
  });
});

describe('rubricScore', () => {
  test('rubricScore() is 100 for a community meeting everything and rescales weights around unknown parts', () => {
    const perfect = rubricScore(goodStatus('A', { lightingRate: 1 }), { found: 0, rectified: 0, inspections: 2 }, config());
    expect(perfect.score).toBe(100);
    expect(perfect.parts.map((part) => part.weight)).toEqual([40, 25, 15, 10, 10]);
    const noInspections = rubricScore(goodStatus('A', { lightingRate: 1, safeEstate: false }), { found: 0, rectified: 0, inspections: 0 }, config());
    // Safety 2/3 of 15 = 10 points lost 5; supervision unknown: 85 / 90.
    expect(noInspections.score).toBe(94.4);
    expect(noInspections.parts.at(-1)).toMatchObject({ key: 'supervision', value: null, points: null });
  });
});

describe('street roll-up', () => {
  const streets = (b1Latest = 85) =>
    dataset([
      { code: 'A1', streetCode: 'S1', street: '甲', scores: [['2002-03-01', 60], ['2002-04-01', 70]] },
      { code: 'A2', streetCode: 'S1', street: '甲', scores: [['2002-03-01', 80], ['2002-04-01', 80]] },
      { code: 'A3', streetCode: 'S1', street: '甲' },
      { code: 'B1', streetCode: 'S2', street: '乙', scores: [['2002-03-01', 90], ['2002-04-01', b1Latest]], status: { openDisorders: 9 } },
      { code: 'B2', streetCode: 'S2', street: '乙', scores: [['2002-03-01', 60], ['2002-04-01', 65]] },
      { code: 'C1', streetCode: 'S3', street: '丙' },
    ]);

  test('laggingReport() averages inspected communities only, ranks worst first, streets without scores last', () => {
    const report = laggingReport(streets(95));
    expect(report.streets.map((street) => [street.code, street.rank, street.score, street.inspected, street.communities, street.laggingCount])).toEqual([
      ['S1', 1, 75, 2, 3, 1],
      ['S2', 2, 80, 2, 2, 2],
      ['S3', 3, null, 0, 1, 0],
    ]);
    expect(report.district).toMatchObject({ score: 77.5, inspected: 4, communities: 6, laggingCount: 3 });
  });

  test('laggingReport() breaks a tie in average score by the larger lagging share, then by code', () => {
    // Both average 75; S2 has 2/2 lagging (B1 disorders, B2 score), S1 1/3 (A1).
    expect(laggingReport(streets()).streets.map((street) => street.code)).toEqual(['S2', 'S1', 'S3']);
    const same = dataset([
      { code: 'Y', streetCode: 'S9', scores: [['2002-03-01', 80]] },
      { code: 'X', streetCode: 'S8', scores: [['2002-03-01', 80]] },
    ]);
    expect(laggingReport(same).streets.map((street) => street.code)).toEqual(['S8', 'S9']);
  });

  test('laggingReport() flags a street whose average is below minScore with that reason first, then the rolled-up reasons', () => {
    const report = laggingReport(streets(60));
    const s2 = report.streets.find((street) => street.code === 'S2')!;
    expect(s2).toMatchObject({ score: 62.5, lagging: true, laggingCount: 2 });
    expect(s2.reasons).toEqual(['平均得分 62.5 < 75', '检查得分低 2 个（社区B1、社区B2）', '五乱未整治 1 个（社区B1）']);
    expect(report.streets.find((street) => street.code === 'S1')).toMatchObject({ score: 75, lagging: false, reasons: ['检查得分低 1 个（社区A1）'] });
  });

  test('laggingReport() with minScore switched off never flags a street, and the trend compares with the previous round', () => {
    const off = laggingReport(dataset([{ code: 'A', scores: [['2002-03-01', 40], ['2002-04-01', 50]] }], config({ minScore: null })));
    expect(off.streets[0]).toMatchObject({ score: 50, previousScore: 40, scoreChange: 10, lagging: false, reasons: [] });
    expect(off.trend.district.scores).toEqual([40, 50]);
  });

  test('laggingReport() compares a street with the previous round like for like: a newly scored community is no drop', () => {
    const report = laggingReport(
      dataset([
        { code: 'A', scores: [['2002-03-01', 90], ['2002-03-29', 92]] },
        { code: 'B', scores: [['2002-03-29', 60]] },
      ]),
    );
    expect(report.streets[0]).toMatchObject({ score: 76, previousScore: 90, scoreChange: 2, inspected: 2 });
    expect(report.district).toMatchObject({ scoreChange: 2 });
  });

  test('laggingReport() as of an earlier round shows that round\'s scores and trend up to it', () => {
    const report = laggingReport(streets(), { asOf: '2002-03-15' });
    expect(report.round?.date).toBe('2002-03-01');
    expect(report.previousRound).toBeNull();
    expect(report.streets.map((street) => [street.code, street.score, street.previousScore])).toEqual([
      ['S1', 70, null],
      ['S2', 75, null],
      ['S3', null, null],
    ]);
    expect(report.trend.rounds.map((round) => round.date)).toEqual(['2002-03-01']);
  });

  test('laggingReport() on an empty dataset gives empty lists', () => {
    const report = laggingReport(dataset([]));
    expect(report).toMatchObject({ asOf: null, round: null, communities: [], ranking: [], streets: [] });
  });
});

describe('rounds and trend', () => {
  test('inspectionRounds() lists each date once with its kinds, and previousBulletinRound() prefers a bulletin', () => {
    const rounds = inspectionRounds([
      { date: '2002-03-08', kind: 'weekly', code: 'A' },
      { date: '2002-03-18', kind: 'bulletin', code: 'A' },
      { date: '2002-03-29', kind: 'monthly', code: 'A' },
      { date: '2002-03-29', kind: 'monthly', code: 'B' },
      { date: '2002-04-05', kind: 'weekly', code: 'A' },
    ]);
    expect(rounds.map((round) => [round.date, round.kinds.join(), round.communities])).toEqual([
      ['2002-03-08', 'weekly', 1],
      ['2002-03-18', 'bulletin', 1],
      ['2002-03-29', 'monthly', 2],
      ['2002-04-05', 'weekly', 1],
    ]);
    expect(previousBulletinRound(rounds, '2002-04-05')?.date).toBe('2002-03-18');
    expect(previousBulletinRound(rounds, '2002-03-18')?.date).toBe('2002-03-08');
    expect(previousBulletinRound(rounds, '2002-03-08')).toBeNull();
  });

  test('scoreTrend() carries each community\'s last score forward between its checks', () => {
    const data = dataset([
      { code: 'A', streetCode: 'S1', scores: [['2002-03-01', 60], ['2002-03-15', 70]] },
      { code: 'B', streetCode: 'S2', scores: [['2002-03-08', 90]] },
    ]);
    const trend = scoreTrend(data.boundaries.features, data.inspections, inspectionRounds(data.inspections));
    expect(trend.district).toEqual({ scores: [60, 75, 80], inspected: [1, 2, 2] });
    expect(trend.streets.get('S2')).toEqual({ scores: [null, 90, 90], inspected: [0, 1, 1] });
  });
});

describe('bulletin', () => {
  test('bulletin() ranks streets, lists lagging communities and what changed since the previous bulletin', () => {
    const data = dataset([
      { code: 'A', streetCode: 'S1', scores: [['2002-03-01', 70], ['2002-03-15', 70, 'bulletin'], ['2002-03-29', 80]] },
      { code: 'B', streetCode: 'S2', scores: [['2002-03-01', 80], ['2002-03-15', 80, 'bulletin'], ['2002-03-29', 72]] },
    ]);
    const result = bulletin(data);
    expect(result).toMatchObject({ asOf: '2002-03-29', previousAsOf: '2002-03-15' });
    expect(result.rows.map((row) => [row.section, row.rank, row.code, row.score, row.change, row.note])).toEqual([
      ['streets', 1, 'S2', 72, -8, '新增落后街道'],
      ['streets', 2, 'S1', 80, 10, '不再落后街道'],
      ['lagging', 1, 'B', 72, -8, '新增亮红灯'],
      ['changes', null, 'B', 72, -8, '新增亮红灯；新增原因：检查得分 72 < 75'],
      ['changes', null, 'A', 80, 10, '不再亮红灯；已解决：检查得分 70 < 75'],
    ]);
    const csv = formatBulletinCsv(result.rows);
    expect(csv.split('\r\n')[0]).toBe('\uFEFF部分,排名,代码,名称,街道,得分,较上期,判定,原因,变化,等级');
    expect(csv).toContain('亮红灯社区,1,B,社区B,甲街道,72,-8,亮红灯,检查得分 72 < 75,新增亮红灯,红');
  });

  test('the bulletin CSV says each row\'s verdict in the word of its rule: 落后街道 for a street, 亮红灯 for a community, never one 落后 for both (issue 16)', () => {
    const data = dataset([
      { code: 'A', streetCode: 'S1', scores: [['2002-03-01', 70], ['2002-03-15', 70, 'bulletin'], ['2002-03-29', 80]] },
      { code: 'B', streetCode: 'S2', scores: [['2002-03-01', 80], ['2002-03-15', 80, 'bulletin'], ['2002-03-29', 72]] },
    ]);
    const lines = formatBulletinCsv(bulletin(data).rows).split('\r\n').slice(1).filter(Boolean).map((line) => line.split(','));
    const verdicts = lines.map((cells) => [cells[0], cells[2], cells[7]]);
    expect(verdicts).toContainEqual(['街道排名', 'S2', '落后街道']);
    expect(verdicts).toContainEqual(['街道排名', 'S1', '']);
    expect(verdicts).toContainEqual(['亮红灯社区', 'B', '亮红灯']);
    expect(lines.flatMap((cells) => [cells[7], cells[9]]).filter((cell) => /落后(?!街道)/.test(cell!))).toEqual([]);
  });

  test('formatBulletinCsv() names a street once: its row leaves the 街道 cell empty (issue 16)', () => {
    const result = bulletin(dataset([{ code: 'A', streetCode: 'S1', scores: [['2002-03-01', 70]] }]));
    const streetLine = formatBulletinCsv(result.rows).split('\r\n').find((line) => line.startsWith('街道排名'))!;
    const cells = streetLine.split(',');
    expect(cells[3]).not.toBe('');
    expect(cells[4]).toBe('');
  });

  test('bulletinPage() keeps every street but only the worst BULLETIN_WORST_SHOWN communities, and its total line says which rule each number counts (issue 16: one A4 page)', () => {
    const specs = Array.from({ length: 14 }, (_, i) => ({ code: `C${i}`, streetCode: i < 7 ? 'S1' : 'S2', scores: [['2002-03-01', 60 + i], ['2002-03-15', 50 + i, 'bulletin'] as const] as [string, number][] }));
    const data = dataset(specs);
    const result = bulletin(data);
    const page = bulletinPage(result, data.config);
    expect(page.streets.map((street) => street.code)).toEqual(result.report.streets.map((street) => street.code));
    expect(page.laggingTotal).toBe(result.rows.filter((row) => row.section === 'lagging').length);
    expect(page.laggingTotal).toBeGreaterThan(BULLETIN_WORST_SHOWN);
    expect(page.worst).toHaveLength(BULLETIN_WORST_SHOWN);
    expect(page.worst.map((row) => row.rank)).toEqual(Array.from({ length: BULLETIN_WORST_SHOWN }, (_, i) => i + 1));
    expect(page.total).toContain(`${page.laggingTotal} 个亮红灯（任一落后规则未达标`);
    expect(page.total).toMatch(/其中低分 \d+ 个（最新检查得分低于 75 分）/);
    expect(page.streets[0]!.rules).toMatch(/检查得分低 \d+/);
  });

  test('bulletinPage() counts and names what changed since the previous bulletin', () => {
    const data = dataset([
      { code: 'A', streetCode: 'S1', scores: [['2002-03-01', 70], ['2002-03-15', 70, 'bulletin'], ['2002-03-29', 80]] },
      { code: 'B', streetCode: 'S2', scores: [['2002-03-01', 80], ['2002-03-15', 80, 'bulletin'], ['2002-03-29', 72]] },
    ]);
    const page = bulletinPage(bulletin(data), data.config);
    expect(page.changes.map((change) => [change.label, change.count, change.names])).toEqual([
      ['新增亮红灯', 1, ['社区B']],
      ['不再亮红灯', 1, ['社区A']],
      ['原因有增减', 0, []],
    ]);
  });

  test('bulletin() for the first round has no comparison and no change rows', () => {
    const result = bulletin(dataset([{ code: 'A', scores: [['2002-03-01', 70]] }]));
    expect(result.previousAsOf).toBeNull();
    expect(result.rows.map((row) => row.section)).toEqual(['streets', 'lagging']);
  });
});
