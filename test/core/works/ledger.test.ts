import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_WORKS_SETTINGS, PROJECT_STAGES, budgetTotal, ledgerRows, ledgerTotals, remainingAllocation, stageIndex, type Allocation, type ProjectRecord } from '../../../src/core/index.ts';
import { project } from './fixtures.ts';

const SOURCES = ['city_first', 'district_pre', 'street'];
const STREETS = ['330302006', '330302024', '330302025'];
const amount = fc.integer({ min: 0, max: 10_000 }).map((value) => value / 10);

const projectArb = fc
  .record({ source: fc.constantFrom(...SOURCES), street: fc.constantFrom(...STREETS), stage: fc.constantFrom(...PROJECT_STAGES), budgetWan: amount, spentWan: amount, paid: fc.array(amount, { maxLength: 3 }) })
  .map((item): ProjectRecord => project(item.stage, { source: item.source, street: item.street, budgetWan: item.budgetWan, spentWan: item.spentWan, disbursements: item.paid.map((amountWan, i) => ({ id: String(i), at: '', actor: 'x', amountWan, note: '', override: null })) }));
const allocationArb = fc.record({ source: fc.constantFrom(...SOURCES), street: fc.constantFrom(null, ...STREETS), allocatedWan: amount }) satisfies fc.Arbitrary<Allocation>;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('the funds ledger', () => {
  it("sums to the projects' and allocations' sums, per source and street, in its totals per source and per street, and in total", () => {
    fc.assert(
      fc.property(fc.array(projectArb, { maxLength: 30 }), fc.array(allocationArb, { maxLength: 10 }), (projects, allocations) => {
        const rows = ledgerRows(projects, allocations, DEFAULT_WORKS_SETTINGS.lag, { today: '2002-05-01', deadline: null });
        const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);
        close(sum(rows.map((row) => row.allocatedWan)), sum(allocations.map((item) => item.allocatedWan)));
        close(sum(rows.map((row) => row.committedWan)), sum(projects.filter((item) => stageIndex(item.stage) >= stageIndex('reviewed')).map((item) => item.budgetWan)));
        close(sum(rows.map((row) => row.disbursedWan)), sum(projects.flatMap((item) => item.disbursements.map((paid) => paid.amountWan))));
        close(sum(rows.map((row) => row.spentWan)), sum(projects.map((item) => item.spentWan)));
        for (const row of rows) {
          const mine = projects.filter((item) => item.source === row.source && item.street === row.street);
          close(row.spentWan, sum(mine.map((item) => item.spentWan)));
          if (row.street !== null) close(remainingAllocation(projects, allocations, row.source, row.street), row.allocatedWan - row.disbursedWan);
        }
        expect(new Set(rows.map((row) => `${row.source}/${row.street}`)).size).toBe(rows.length);
        // The totals the ledger view shows: one per key, each column summing to the projects' (and allocations') sums.
        for (const by of ['source', 'street'] as const) {
          const totals = ledgerTotals(rows, by);
          expect(new Set(totals.map((total) => total.key)).size).toBe(totals.length);
          for (const total of totals) {
            const mine = projects.filter((item) => item[by] === total.key);
            close(total.spentWan, sum(mine.map((item) => item.spentWan)));
            close(total.disbursedWan, sum(mine.flatMap((item) => item.disbursements.map((paid) => paid.amountWan))));
            close(total.committedWan, budgetTotal(mine.filter((item) => stageIndex(item.stage) >= stageIndex('reviewed'))));
            close(total.allocatedWan, sum(allocations.filter((item) => item[by] === total.key).map((item) => item.allocatedWan)));
          }
          close(sum(totals.map((total) => total.committedWan)), budgetTotal(projects.filter((item) => stageIndex(item.stage) >= stageIndex('reviewed'))));
          close(sum(totals.map((total) => total.allocatedWan)), sum(allocations.map((item) => item.allocatedWan)));
        }
      }),
    );
  });

  it('warns about a street spending below the share when the deadline is near, and not when it is far', () => {
    const projects = [project('accepted', { street: '330302006', spentWan: 10 })];
    const allocations: Allocation[] = [{ source: 'city_first', street: '330302006', allocatedWan: 100 }];
    const deadline = { label: '建成精品示范社区', date: '2002-06-30' };
    const near = ledgerRows(projects, allocations, DEFAULT_WORKS_SETTINGS.lag, { today: '2002-06-01', deadline, streetName: () => '五马街道' });
    expect(near[0]).toMatchObject({ lagging: true, warning: expect.stringContaining('五马街道已使用 10.0 万元') });
    expect(near[0]!.warning).toContain('还有 29 天');
    expect(ledgerRows(projects, allocations, DEFAULT_WORKS_SETTINGS.lag, { today: '2002-03-01', deadline })[0]!.lagging).toBe(false);
    const spent = [project('accepted', { street: '330302006', spentWan: 40 })];
    expect(ledgerRows(spent, allocations, DEFAULT_WORKS_SETTINGS.lag, { today: '2002-06-01', deadline })[0]!.lagging).toBe(false);
  });
});
