import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyTransition, caseColour, colourRank, type CaseRecord } from '../../../src/core/index.ts';
import { admin, inspector, reported, settings, street } from './fixtures.ts';

const assignedOn = new Date('2002-03-04T02:00:00Z'); // Monday

function assigned(deadline?: string): CaseRecord {
  let record = reported('stall', assignedOn);
  for (const [to, actor] of [['registered', admin], ['assigned', admin]] as const) {
    const result = applyTransition(record, { to, ...(to === 'assigned' && deadline ? { deadline } : {}) }, actor, assignedOn, settings);
    if (!result.ok) throw new Error(result.error.message);
    record = result.case;
  }
  return record;
}

const at = (day: string) => new Date(`${day}T02:00:00Z`);

describe('caseColour()', () => {
  it('is null before assignment and after closing', () => {
    expect(caseColour(reported(), at('2002-09-01'), settings)).toBeNull();
    expect(caseColour({ ...assigned(), state: 'closed' }, at('2002-09-01'), settings)).toBeNull();
  });

  it('goes null → blue → yellow → red as the deadline (Monday 2002-03-11, 5 working days) nears and passes', () => {
    const record = assigned();
    expect(record.deadline).toBe('2002-03-11');
    expect(caseColour(record, at('2002-03-05'), settings)).toBeNull(); // 4 working days left
    expect(caseColour(record, at('2002-03-07'), settings)).toBe('blue'); // 2 left
    expect(caseColour(record, at('2002-03-11'), settings)).toBe('blue'); // due today
    expect(caseColour(record, at('2002-03-12'), settings)).toBe('yellow'); // 1 working day over
    expect(caseColour(record, at('2002-03-14'), settings)).toBe('yellow'); // 3 over
    expect(caseColour(record, at('2002-03-15'), settings)).toBe('red'); // 4 over > 3
  });

  it('is red once reopened twice, whatever the deadline', () => {
    expect(caseColour({ ...assigned('2002-12-31'), state: 'in_progress', reopenings: 2 }, at('2002-03-05'), settings)).toBe('red');
  });

  it('stops the clock when the fix is reported', () => {
    let record = assigned();
    for (const [to, actor, day] of [['in_progress', street, '2002-03-05'], ['fixed', street, '2002-03-12']] as const) {
      const result = applyTransition(record, { to, note: '已整改' }, actor, at(day), settings);
      if (!result.ok) throw new Error(result.error.message);
      record = result.case;
    }
    expect(caseColour(record, at('2002-06-01'), settings)).toBe('yellow');
    const verified = applyTransition(record, { to: 'verified' }, inspector, at('2002-06-01'), settings);
    expect(verified.ok && caseColour(verified.case, at('2002-06-02'), settings)).toBe('yellow');
  });

  it('never gets greener by waiting', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('assigned', 'in_progress', 'fixed', 'verified'),
        (first, wait, reopenings, state) => {
          const record = { ...assigned(), state, reopenings } as CaseRecord;
          const earlier = new Date(assignedOn.getTime() + first * 3_600_000 * 6);
          const later = new Date(earlier.getTime() + wait * 3_600_000 * 6);
          expect(colourRank(caseColour(record, later, settings))).toBeGreaterThanOrEqual(colourRank(caseColour(record, earlier, settings)));
        },
      ),
    );
  });

  it('follows the configured thresholds', () => {
    const strict = { ...settings, colours: { blueWithinWorkingDays: 0, redOverdueWorkingDays: 0, redReopenings: 5 } };
    const record = assigned();
    expect(caseColour(record, at('2002-03-08'), strict)).toBeNull();
    expect(caseColour(record, at('2002-03-11'), strict)).toBe('blue');
    expect(caseColour(record, at('2002-03-12'), strict)).toBe('red');
  });
});
