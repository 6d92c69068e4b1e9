import { describe, expect, test } from 'vitest';
import { budgetSpentShare, laggingDesignated, laggingReport, targetProgress } from '../../../src/core/index.ts';
import { config, dataset } from './fixtures.ts';

describe('targetProgress() (issue 15: compare like with like)', () => {
  const levels = ['city', 'city', 'city', 'provincial', 'none'] as const;
  const data = dataset(levels.map((level, i) => ({ code: `C${i}`, status: { level } })));
  const report = (atStart: number | null) => {
    const campaign = config();
    return targetProgress(data.status, laggingReport({ ...data, config: { ...campaign, targets: { ...campaign.targets, newCityLevel: 2, cityLevelAtStart: atStart } } }).communities, { ...campaign, targets: { ...campaign.targets, newCityLevel: 2, cityLevelAtStart: atStart } });
  };

  test('targetProgress() counts new city-level communities against the target for new ones, from the baseline at the start', () => {
    const city = report(2).find((target) => target.id === 'cityLevel')!;
    expect(city).toMatchObject({ label: '新增市级文明社区', value: 1, target: 2, met: false, valueText: '1', targetText: '2 个' });
  });

  test('targetProgress() without a baseline does not compare all city-level communities with a target for new ones', () => {
    const city = report(null).find((target) => target.id === 'cityLevel')!;
    expect(city).toMatchObject({ value: null, valueText: '—', met: false, progress: 0 });
    expect(city.note).toContain('现有市级文明社区 3 个');
    expect(city.note).toContain('cityLevelAtStart');
  });

  test('targetProgress() formats shares and counts once, for the gauges and the slides', () => {
    const civilized = report(2).find((target) => target.id === 'civilized')!;
    expect(civilized.valueText).toBe('80%');
    expect(civilized.targetText).toBe('60%');
  });
});

describe('budgetSpentShare() and laggingDesignated()', () => {
  test('budgetSpentShare() is spent over allocated, null with nothing allocated; the assessment carries it', () => {
    expect(budgetSpentShare({ budgetAllocatedWan: 100, budgetSpentWan: 25 })).toBe(0.25);
    expect(budgetSpentShare({ budgetAllocatedWan: 0, budgetSpentWan: 5 })).toBeNull();
    expect(budgetSpentShare(null)).toBeNull();
    const data = dataset([{ code: 'A', status: { budgetAllocatedWan: 40, budgetSpentWan: 10 } }, { code: 'B' }]);
    expect(laggingReport(data).communities.map((community) => community.budgetSpentShare)).toEqual([0.25, null]);
  });

  test('laggingDesignated() lists the plan\'s lagging communities, worst first', () => {
    const data = dataset([
      { code: 'A', scores: [['2002-05-01', 70]] },
      { code: 'B', scores: [['2002-05-01', 60]] },
      { code: 'C', scores: [['2002-05-01', 90]] },
    ]);
    const report = laggingReport(data);
    expect(laggingDesignated(report, Uint8Array.of(1, 1, 1)).map((community) => community.code)).toEqual(['B', 'A']);
    expect(laggingDesignated(report, Uint8Array.of(1, 0, 1)).map((community) => community.code)).toEqual(['A']);
  });
});
