import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FACILITY_ITEMS, blankStatus, defaultCampaignConfig, inspectionOutcome, rubricScore, supervisionRecordOf, type FacilityKey } from '../../../src/core/index.ts';

const config = defaultCampaignConfig();
const base = { ...blankStatus('330302006044', '广化社区'), lightingRate: 0.9, police: 'one' as const };
const input = { code: base.code, name: base.name, date: '2002-03-08', kind: 'spot' as const, note: '', problemsFound: 1, problemsRectified: 0 };

describe('inspectionOutcome()', () => {
  it('applies the checked items, lists the changes and scores the new row with the core rubric', () => {
    const outcome = inspectionOutcome(base, { ...input, items: { facilities: { readingRoom: true }, lightingRate: 0.96, drugFree: true } }, { found: 0, rectified: 0, inspections: 0 }, config);
    expect(outcome.status.facilities.readingRoom).toBe(true);
    expect(outcome.changes.map((change) => change.field)).toEqual(['facilities.readingRoom', 'lightingRate', 'drugFree']);
    expect(outcome.rubric).toEqual(rubricScore(outcome.status, { found: 1, rectified: 0, inspections: 1 }, config));
    expect(outcome.inspection).toMatchObject({ kind: 'weekly', score: outcome.rubric.score, problemsFound: 1 });
  });

  it('changes nothing when the items repeat the status row', () => {
    const outcome = inspectionOutcome(base, { ...input, items: { lightingRate: 0.9, police: 'one', facilities: { readingRoom: false } } }, { found: 0, rectified: 0, inspections: 0 }, config);
    expect(outcome.changes).toEqual([]);
    expect(outcome.status).toEqual(base);
  });

  it('scores higher, never lower, when one more facility item is found in place', () => {
    fc.assert(
      fc.property(fc.subarray(FACILITY_ITEMS.map((item) => item.key)), fc.constantFrom(...FACILITY_ITEMS.map((item) => item.key)), (present, added) => {
        const facilities = Object.fromEntries(present.map((key) => [key, true])) as Partial<Record<FacilityKey, boolean>>;
        const before = inspectionOutcome(base, { ...input, items: { facilities } }, { found: 0, rectified: 0, inspections: 0 }, config);
        const after = inspectionOutcome(base, { ...input, items: { facilities: { ...facilities, [added]: true } } }, { found: 0, rectified: 0, inspections: 0 }, config);
        expect(after.rubric.score!).toBeGreaterThanOrEqual(before.rubric.score!);
      }),
    );
  });

  it('records a monthly round as 月查', () => {
    expect(inspectionOutcome(null, { ...input, kind: 'monthly', items: {} }, { found: 0, rectified: 0, inspections: 0 }, config).inspection.kind).toBe('monthly');
  });
});

describe('supervisionRecordOf()', () => {
  it('sums one community’s problems found and rectified', () => {
    const rows = [
      { code: 'a', problemsFound: 3, problemsRectified: 1 },
      { code: 'b', problemsFound: 9, problemsRectified: 9 },
      { code: 'a', problemsFound: 1, problemsRectified: 2 },
    ];
    expect(supervisionRecordOf(rows, 'a')).toEqual({ found: 4, rectified: 3, inspections: 2 });
  });
});
