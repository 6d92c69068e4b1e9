import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addWorkingDays, chinaDay, endOfChinaDay, isWorkingDay, workingDaysBetween } from '../../../src/core/index.ts';
import { isoDayArb, settings } from './fixtures.ts';

const plain = { holidays: [], workdays: [] };

describe('addWorkingDays()', () => {
  it('skips the weekend: 5 working days from Friday 2002-03-08 is Friday 2002-03-15', () => {
    expect(addWorkingDays('2002-03-08', 5, plain)).toBe('2002-03-15');
    expect(addWorkingDays('2002-03-09', 1, plain)).toBe('2002-03-11');
  });

  it('skips the Labour Day week and works the swapped weekend 调休 (2002-04-27/28)', () => {
    // Friday 26 April + 1: Saturday 27 April is a swapped working day.
    expect(addWorkingDays('2002-04-26', 1, settings)).toBe('2002-04-27');
    expect(addWorkingDays('2002-04-26', 2, settings)).toBe('2002-04-28');
    // Tuesday 30 April + 1: 1–7 May are off, Wednesday 8 May is the next working day.
    expect(addWorkingDays('2002-04-30', 1, settings)).toBe('2002-05-08');
  });

  it('gives the day itself for n = 0 and refuses a negative n', () => {
    expect(addWorkingDays('2002-05-01', 0, settings)).toBe('2002-05-01');
    expect(() => addWorkingDays('2002-05-01', -1, settings)).toThrow(RangeError);
  });

  it('lands on a working day, after the start, for any n ≥ 1', () => {
    fc.assert(
      fc.property(isoDayArb, fc.integer({ min: 1, max: 40 }), (day, n) => {
        const result = addWorkingDays(day, n, settings);
        expect(isWorkingDay(result, settings)).toBe(true);
        expect(result > day).toBe(true);
      }),
    );
  });

  it('composes: n then m working days is n + m working days', () => {
    fc.assert(
      fc.property(isoDayArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (day, n, m) => {
        expect(addWorkingDays(addWorkingDays(day, n, settings), m, settings)).toBe(addWorkingDays(day, n + m, settings));
      }),
    );
  });

  it('never takes fewer calendar days than working days, nor fewer with a holiday added', () => {
    fc.assert(
      fc.property(isoDayArb, fc.integer({ min: 1, max: 30 }), isoDayArb, (day, n, holiday) => {
        const base = addWorkingDays(day, n, plain);
        const withHoliday = addWorkingDays(day, n, { holidays: [holiday], workdays: [] });
        expect(withHoliday >= base).toBe(true);
        expect(workingDaysBetween(day, base, { holidays: [], workdays: [] })).toBe(n);
      }),
    );
  });
});

describe('workingDaysBetween()', () => {
  it('inverts addWorkingDays', () => {
    fc.assert(
      fc.property(isoDayArb, fc.integer({ min: 0, max: 40 }), (day, n) => {
        expect(workingDaysBetween(day, addWorkingDays(day, n, settings), settings)).toBe(n);
      }),
    );
  });

  it('is antisymmetric and additive over a middle day', () => {
    fc.assert(
      fc.property(isoDayArb, isoDayArb, isoDayArb, (a, b, c) => {
        expect(workingDaysBetween(a, b, settings)).toBe(0 - workingDaysBetween(b, a, settings));
        expect(workingDaysBetween(a, b, settings) + workingDaysBetween(b, c, settings)).toBe(workingDaysBetween(a, c, settings));
      }),
    );
  });

  it('equals counting day by day with isWorkingDay, over spans of years and any holidays and swapped days', () => {
    const dayIn = (from: number, to: number) => fc.integer({ min: from, max: to }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    const anyDay = dayIn(-800, 25_000); // 1967 … 2038
    const calendar = fc.record({ holidays: fc.array(anyDay, { maxLength: 40 }), workdays: fc.array(anyDay, { maxLength: 20 }) });
    const walked = (from: string, to: string, cal: { holidays: string[]; workdays: string[] }) => {
      let count = 0;
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(day, cal)) count++;
      return count;
    };
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 4000 }), calendar, (from, span, cal) => {
        const to = addDays(from, span);
        expect(workingDaysBetween(from, to, cal)).toBe(walked(from, to, cal));
      }),
      { numRuns: 200 },
    );
  });

  it('counts the Spring Festival week 2002-02-12…18 as no working days', () => {
    expect(workingDaysBetween('2002-02-11', '2002-02-18', settings)).toBe(0);
    expect(workingDaysBetween('2002-02-08', '2002-02-10', settings)).toBe(2);
  });
});

describe('isWorkingDay()', () => {
  it('is Monday to Friday on a calendar without holidays', () => {
    fc.assert(
      fc.property(isoDayArb, (day) => {
        expect(isWorkingDay(day, plain)).toBe(![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()));
      }),
    );
  });
});

describe('chinaDay()', () => {
  it('reads the date in UTC+8', () => {
    expect(chinaDay(new Date('2002-03-08T15:59:59Z'))).toBe('2002-03-08');
    expect(chinaDay(new Date('2002-03-08T16:00:00Z'))).toBe('2002-03-09');
  });

  it('is the UTC date eight hours later for any instant, in any order of calls (its one-day memo never answers a neighbour day)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2040, 0, 1) }), { minLength: 1, maxLength: 20 }), fc.integer({ min: -2, max: 2 }), (instants, shiftMs) => {
        for (const ms of instants.flatMap((at) => [at, at + shiftMs])) expect(chinaDay(new Date(ms))).toBe(new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10));
      }),
    );
    expect(chinaDay('2002-03-08T15:59:59.999Z')).toBe('2002-03-08');
    expect(chinaDay('2002-03-08T16:00:00.000Z')).toBe('2002-03-09');
    expect(chinaDay('2002-03-08T15:59:59.999Z')).toBe('2002-03-08');
  });
});

describe('endOfChinaDay()', () => {
  it('is the last millisecond of the day in UTC+8: 10:00 and 23:30 China time end at 15:59:59.999Z', () => {
    expect(endOfChinaDay('2002-06-03T02:00:00Z')).toBe('2002-06-03T15:59:59.999Z');
    expect(endOfChinaDay(new Date('2002-06-03T15:30:00Z'))).toBe('2002-06-03T15:59:59.999Z');
    expect(endOfChinaDay('2002-06-03T16:00:00Z')).toBe('2002-06-04T15:59:59.999Z');
  });

  it('never comes before the instant, stays on its China day, and is the same for every instant of that day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2002, 0, 1), max: Date.UTC(2003, 11, 31) }), (ms) => {
        const instant = new Date(ms);
        const end = endOfChinaDay(instant);
        expect(Date.parse(end)).toBeGreaterThanOrEqual(ms);
        expect(chinaDay(end)).toBe(chinaDay(instant));
        expect(endOfChinaDay(end)).toBe(end);
        expect(chinaDay(new Date(Date.parse(end) + 1))).not.toBe(chinaDay(instant));
      }),
    );
  });
});
