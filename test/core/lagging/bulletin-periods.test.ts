import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bulletin, bulletinPage, formatBulletinCsv, halfMonthOf, halfMonthsBetween, parseHalfMonth, previousHalfMonth, type CaseRecord } from '../../../src/core/index.ts';
import { luchengEngine } from '../../e2e/lucheng.ts';
import { dataset } from './fixtures.ts';

describe('half-months', () => {
  test('halfMonthOf() splits a month at the 15th and knows the month\'s last day', () => {
    expect(halfMonthOf('2002-05-15')).toEqual({ id: '2002-05-1', start: '2002-05-01', end: '2002-05-15', label: '2002年5月上半月' });
    expect(halfMonthOf('2002-02-16T10:00:00Z')).toEqual({ id: '2002-02-2', start: '2002-02-16', end: '2002-02-28', label: '2002年2月下半月' });
    expect(previousHalfMonth(parseHalfMonth('2002-01-1')).id).toBe('2001-12-2');
    expect(() => parseHalfMonth('2002-13-1')).toThrow(/YYYY-MM-1/);
  });

  test('property: halfMonthsBetween() tiles the days without gaps or overlaps, and every day lies in its own half-month', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => new Date(Date.UTC(2001, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const periods = halfMonthsBetween(from, to);
        expect(periods[0]!.id).toBe(halfMonthOf(from).id);
        expect(periods.at(-1)!.id).toBe(halfMonthOf(to).id);
        for (let i = 1; i < periods.length; i++) {
          const next = new Date(Date.parse(`${periods[i - 1]!.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          expect(periods[i]!.start).toBe(next);
        }
        const own = halfMonthOf(from);
        expect(own.start <= from && from <= own.end).toBe(true);
      }),
    );
  });
});

describe('bulletin of a half-month', () => {
  test('bulletin() for a half-month reports as of its last day, compares with the half-month before, and titles it', () => {
    const data = luchengEngine().dataset;
    const result = bulletin(data, { halfMonth: '2002-05-1' });
    expect(result).toMatchObject({ asOf: '2002-05-15', previousAsOf: '2002-04-30', period: { label: '2002年5月上半月' } });
    expect(result.title).toBe('鹿城区精品示范社区创建 半月通报（2002年5月上半月）');
    expect(result.report.round!.date).toBe('2002-05-15');
    // The running half-month stops at today.
    expect(bulletin(data, { halfMonth: '2002-05-2', now: '2002-05-20T08:00:00Z' }).asOf).toBe('2002-05-20');
    // Before the first inspection there is nothing to compare with.
    expect(bulletin(data, { halfMonth: '2002-03-1' }).previousAsOf).toBeNull();
  });

  test('bulletin() with cases lists the units\' standings (new and closed in the half-month) on the page and in the CSV, and the grades line names the rules', () => {
    const data = dataset([{ code: 'A', streetCode: 'S1', scores: [['2002-05-01', 90]] }, { code: 'B', streetCode: 'S2', scores: [['2002-05-01', 90]] }]);
    const base: Omit<CaseRecord, 'id' | 'number' | 'reportedAt' | 'history'> = { community: 'A', street: '甲街道', category: 'disorder', note: '', lon: null, lat: null, photos: [], state: 'in_progress', unit: { kind: 'street', id: 'S1' }, deadline: '2002-05-20', reopenings: 0, closedAt: null, inspectionId: null, roundId: null };
    const cases: CaseRecord[] = [
      { ...base, id: 'k1', number: 1, reportedAt: '2002-05-03T09:00:00Z', history: [{ at: '2002-05-03T09:00:00Z', actor: 'x', transition: 'reported', from: null, to: 'reported', note: '' }, { at: '2002-05-04T09:00:00Z', actor: 'x', transition: 'assigned', from: 'reported', to: 'assigned', note: '', unit: { kind: 'street', id: 'S1' }, deadline: '2002-05-10' }] },
      { ...base, id: 'k2', number: 2, reportedAt: '2002-05-20T09:00:00Z', unit: { kind: 'department', id: 'D1' }, history: [{ at: '2002-05-20T09:00:00Z', actor: 'x', transition: 'reported', from: null, to: 'reported', note: '' }] },
    ];
    const result = bulletin(data, { halfMonth: '2002-05-2', cases, now: '2002-06-01T00:00:00Z', colourOf: (record, now) => (record.deadline !== null && record.deadline < now.slice(0, 10) ? 'red' : null), departmentNames: { D1: '城管局' } });
    const units = result.rows.filter((row) => row.section === 'units');
    expect(units.map((row) => [row.rank, row.name, row.note])).toEqual([
      [1, '甲街道', '本期新增 0 件、销号 0 件'],
      [2, '城管局', '本期新增 1 件、销号 0 件'],
    ]);
    expect(units[0]!.reasons[0]).toBe('未整改 1 件；超期 1 件；红色督办 1 件（第 1 号）；整改率 0%；销号中位 —；重复整改 0 次');
    const page = bulletinPage(result, data.config);
    expect(page.units.map((unit) => unit.name)).toEqual(['甲街道', '城管局']);
    expect(page.grades).toMatch(/^分级：红 1 个、黄 0 个、绿 1 个（红：任一：低分/);
    expect(page.streets.map((street) => street.grade)).toEqual(['red', 'green']);
    expect(formatBulletinCsv(result.rows)).toContain('责任单位督办,2,D1,城管局,');
  });
});
