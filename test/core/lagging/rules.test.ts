import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { activeRules, laggingReasons, LAGGING_RULES, type RuleInput } from '../../../src/core/index.ts';
import { config, goodStatus, lacking } from './fixtures.ts';

const input = (overrides: Partial<RuleInput> = {}): RuleInput => ({ status: goodStatus('A'), score: 90, checkScores: [80, 85, 90], budgetDue: true, ...overrides });
const texts = (overrides: Partial<RuleInput> = {}, rules = config()) => laggingReasons(input(overrides), rules).reasons.map((reason) => reason.text);

describe('laggingReasons', () => {
  test('laggingReasons() gives no reason for a community meeting every rule', () => {
    expect(laggingReasons(input(), config())).toEqual({ reasons: [], unknown: [] });
  });

  test('laggingReasons() flags a score below minScore, not one equal to it', () => {
    expect(texts({ score: 74, checkScores: [70, 72, 74] })).toEqual(['检查得分 74 < 75']);
    expect(texts({ score: 75, checkScores: [70, 72, 75] })).toEqual([]);
    expect(texts({ score: 74.5, checkScores: [70, 72, 74.5] })).toEqual(['检查得分 74.5 < 75']);
  });

  test('laggingReasons() names every missing facility when more than maxMissingFacilities are missing', () => {
    const status = goodStatus('A', { facilities: lacking('policeRoom', 'medicalStation', 'readingRoom') });
    expect(texts({ status })).toEqual(['缺警务室、阅览室、医疗站（3 项 > 2 项）']);
    expect(texts({ status: goodStatus('A', { facilities: lacking('policeRoom', 'medicalStation') }) })).toEqual([]);
    expect(texts({ status: goodStatus('A', { facilities: lacking('policeRoom') }) }, config({ maxMissingFacilities: 0 }))).toEqual(['缺警务室（1 项 > 0 项）']);
  });

  test('laggingReasons() flags facility floor area below facilities.minAreaM2', () => {
    expect(texts({ status: goodStatus('A', { facilityAreaM2: 240 }) })).toEqual(['配套用房 240 m² < 300 m²']);
    expect(texts({ status: goodStatus('A', { facilityAreaM2: 300 }) })).toEqual([]);
  });

  test('laggingReasons() flags stairway lighting below lightingThreshold with a percentage that never equals the threshold', () => {
    expect(texts({ status: goodStatus('A', { lightingRate: 0.72 }) })).toEqual(['楼道亮灯率 72% < 95%']);
    expect(texts({ status: goodStatus('A', { lightingRate: 0.9496 }) })).toEqual(['楼道亮灯率 94.96% < 95%']);
    expect(texts({ status: goodStatus('A', { lightingRate: 0.95 }) })).toEqual([]);
  });

  test('laggingReasons() flags more open five-disorders cases than maxOpenDisorders', () => {
    expect(texts({ status: goodStatus('A', { openDisorders: 4 }) })).toEqual(['五乱未整治 4 处 > 3 处']);
    expect(texts({ status: goodStatus('A', { openDisorders: 3 }) })).toEqual([]);
  });

  test('laggingReasons() flags stagnation when the last of stagnantRounds checks is not above the first', () => {
    expect(texts({ score: 80, checkScores: [70, 79, 81, 80] })).toEqual([]);
    expect(texts({ score: 80, checkScores: [70, 80, 82, 80] })).toEqual(['近 3 次检查无提升（80 → 80）']);
    expect(texts({ score: 78, checkScores: [80, 79, 78] })).toEqual(['近 3 次检查无提升（80 → 78）']);
    // Too few checks to tell, and a perfect score cannot improve.
    expect(texts({ score: 78, checkScores: [80, 78] })).toEqual([]);
    expect(texts({ score: 100, checkScores: [100, 100, 100] })).toEqual([]);
    expect(texts({ score: 78, checkScores: [80, 78] }, config({ stagnantRounds: 2 }))).toEqual(['近 2 次检查无提升（80 → 78）']);
  });

  test('laggingReasons() flags budget use below minBudgetSpentShare only with money allocated and once due', () => {
    const slow = goodStatus('A', { budgetAllocatedWan: 162, budgetSpentWan: 29.2 });
    expect(texts({ status: slow })).toEqual(['经费使用 18% < 30%']);
    expect(texts({ status: slow, budgetDue: false })).toEqual([]);
    expect(texts({ status: goodStatus('A', { budgetAllocatedWan: 0, budgetSpentWan: 0 }) })).toEqual([]);
    expect(texts({ status: goodStatus('A', { budgetAllocatedWan: 100, budgetSpentWan: 29.7 }) })).toEqual(['经费使用 29.7% < 30%']);
    expect(texts({ status: goodStatus('A', { budgetAllocatedWan: 100, budgetSpentWan: 30 }) })).toEqual([]);
  });

  test('laggingReasons() lists reasons in rule order and unknown values without flagging them', () => {
    const status = goodStatus('A', { lightingRate: null, facilityAreaM2: null, openDisorders: 5, budgetAllocatedWan: 10, budgetSpentWan: 1 });
    const result = laggingReasons(input({ status, score: null, checkScores: [] }), config());
    expect(result.reasons.map((reason) => reason.rule)).toEqual(['disorders', 'budget']);
    expect(result.unknown).toEqual(['尚无检查得分', '配套用房面积未填报', '楼道亮灯率未填报']);
    expect(laggingReasons(input({ status: null, score: 60 }), config()).unknown).toContain('状态表无此社区');
  });

  test('laggingReasons() with a rule switched off (null threshold or false switch) never gives that reason', () => {
    const bad = input({ status: goodStatus('A', { facilities: lacking('policeRoom', 'medicalStation', 'readingRoom'), facilityAreaM2: 10, lightingRate: 0.1, openDisorders: 9, budgetAllocatedWan: 10, budgetSpentWan: 0 }), score: 50, checkScores: [60, 55, 50] });
    expect(laggingReasons(bad, config()).reasons.map((reason) => reason.rule)).toEqual(LAGGING_RULES.map((rule) => rule.id));
    const off = config({ minScore: null, maxMissingFacilities: null, stagnantRounds: null, maxOpenDisorders: null, minBudgetSpentShare: null, lighting: false, facilityArea: false });
    expect(laggingReasons(bad, off).reasons).toEqual([]);
    expect(activeRules(off)).toEqual([]);
    expect(laggingReasons(bad, config({ minBudgetSpentShare: null })).reasons.map((reason) => reason.rule)).not.toContain('budget');
  });

  test('laggingReasons() switching a rule off removes exactly that rule\'s reason (property)', () => {
    const offs = { score: { minScore: null }, facilities: { maxMissingFacilities: null }, facilityArea: { facilityArea: false }, lighting: { lighting: false }, disorders: { maxOpenDisorders: null }, stagnant: { stagnantRounds: null }, budget: { minBudgetSpentShare: null } } as const;
    fc.assert(
      fc.property(
        fc.record({
          score: fc.option(fc.integer({ min: 0, max: 100 })),
          checks: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 6 }),
          area: fc.option(fc.integer({ min: 0, max: 700 })),
          lighting: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
          disorders: fc.integer({ min: 0, max: 8 }),
          allocated: fc.integer({ min: 0, max: 200 }),
          spentShare: fc.double({ min: 0, max: 1, noNaN: true }),
          missing: fc.subarray(['policeRoom', 'medicalStation', 'readingRoom', 'citizenSchool'] as const),
        }),
        fc.constantFrom(...LAGGING_RULES.map((rule) => rule.id)),
        (values, rule) => {
          const status = goodStatus('A', { facilities: lacking(...values.missing), facilityAreaM2: values.area, lightingRate: values.lighting, openDisorders: values.disorders, budgetAllocatedWan: values.allocated, budgetSpentWan: values.allocated * values.spentShare });
          const probe = input({ status, score: values.score, checkScores: values.checks });
          const all = laggingReasons(probe, config()).reasons;
          const without = laggingReasons(probe, config(offs[rule])).reasons;
          expect(without).toEqual(all.filter((reason) => reason.rule !== rule));
        },
      ),
    );
  });
});
