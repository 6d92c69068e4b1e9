import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CASE_STATES, type CaseColour } from '../../src/core/index.ts';
import {
  caseChanged,
  caseFilterOptions,
  caseMatches,
  caseRemoved,
  casesLoaded,
  countCases,
  filterCases,
  NO_CASE_FILTERS,
  NO_CASES,
  openCase,
  selectOpenCase,
  setCaseFilter,
  unitKey,
  type CaseFilters,
  type CaseItem,
  type CasesState,
} from '../../src/state/cases.ts';
import { caseItem } from '../support/case-items.ts';

const apply = (state: CasesState, partial: Partial<CasesState>): CasesState => ({ ...state, ...partial });
const colours: (CaseColour | null)[] = ['blue', 'yellow', 'red', null];

const arbitraryCase = fc
  .record({
    number: fc.integer({ min: 1, max: 500 }),
    state: fc.constantFrom(...CASE_STATES),
    colour: fc.constantFrom(...colours),
    category: fc.constantFrom('环境卫生', '设施', '治安'),
    unit: fc.constantFrom({ kind: 'street' as const, id: 'S1' }, { kind: 'street' as const, id: 'S2' }, { kind: 'department' as const, id: '城管局' }),
    roundId: fc.constantFrom(null, 'r1', 'r2'),
  })
  .map(({ number, ...rest }) => caseItem(number, rest));
const arbitraryCases = fc.uniqueArray(arbitraryCase, { selector: (item) => item.id, maxLength: 30 });
const arbitraryFilters: fc.Arbitrary<CaseFilters> = fc.record({
  state: fc.constantFrom(null, ...CASE_STATES),
  category: fc.constantFrom(null, '环境卫生', '设施'),
  unit: fc.constantFrom(null, 'street:S1', 'department:城管局'),
  round: fc.constantFrom(null, 'r1'),
  colour: fc.constantFrom(null, 'none' as const, 'blue' as const, 'yellow' as const, 'red' as const),
});

describe('the cases list', () => {
  test('casesLoaded() holds the server list newest first and counts the change', () => {
    const state = apply(NO_CASES, casesLoaded(NO_CASES, [caseItem(1), caseItem(3), caseItem(2)]));
    expect(state.status).toBe('ready');
    expect(state.cases.map((item) => item.number)).toEqual([3, 2, 1]);
    expect(state.revision).toBe(1);
  });

  test('filterCases() keeps exactly the cases every set filter lets through, in the list order', () => {
    fc.assert(
      fc.property(arbitraryCases, arbitraryFilters, (cases, filters) => {
        const shown = filterCases(cases, filters);
        expect(shown).toEqual(cases.filter((item) => caseMatches(item, filters)));
        for (const item of shown) {
          if (filters.state) expect(item.state).toBe(filters.state);
          if (filters.unit) expect(unitKey(item.unit)).toBe(filters.unit);
          if (filters.colour === 'none') expect(item.colour).toBeNull();
          else if (filters.colour) expect(item.colour).toBe(filters.colour);
        }
        expect(filterCases(cases, NO_CASE_FILTERS)).toEqual(cases);
      }),
    );
  });

  test('countCases() counts every case once per state, open ones are those not 销号, colours only where set', () => {
    fc.assert(
      fc.property(arbitraryCases, (cases) => {
        const counts = countCases(cases);
        expect(Object.values(counts.byState).reduce((a, b) => a + b, 0)).toBe(cases.length);
        expect(counts.open).toBe(cases.filter((item) => item.state !== 'closed').length);
        expect(counts.byColour.red + counts.byColour.yellow + counts.byColour.blue).toBe(cases.filter((item) => item.colour !== null).length);
      }),
    );
  });

  test('caseFilterOptions() lists each category, unit and round of the held cases once, by the names the server gave', () => {
    const cases = [caseItem(1, { category: 'facility', categoryLabel: '设施', roundId: 'r1' }), caseItem(2, { unit: { kind: 'department', id: 'cg' }, unitName: '城管局', roundId: 'r1' }), caseItem(3), caseItem(4, { roundId: 'r9' })];
    const options = caseFilterOptions(cases, [{ id: 'r1', title: '六月第一周周查' }]);
    expect(options.categories.map((option) => [option.value, option.label]).sort()).toEqual([
      ['facility', '设施'],
      ['环境卫生', '环境卫生'],
    ]);
    expect(options.units.map((option) => [option.value, option.label]).sort()).toEqual([
      ['department:cg', '城管局'],
      ['street:S1', '街道一'],
    ]);
    // A round the list of rounds does not name shows its id.
    expect(options.rounds.map((option) => option.label).sort()).toEqual(['r9', '六月第一周周查'].sort());
  });

  test('setCaseFilter() changes one filter and nothing when the value is the same', () => {
    const state = apply(NO_CASES, setCaseFilter(NO_CASES, 'colour', 'red'));
    expect(state.filters).toEqual({ ...NO_CASE_FILTERS, colour: 'red' });
    expect(setCaseFilter(state, 'colour', 'red')).toEqual({});
  });
});

describe('live changes', () => {
  const held = apply(NO_CASES, casesLoaded(NO_CASES, [caseItem(1), caseItem(2)]));
  const moved = (item: CaseItem): CaseItem => ({
    ...item,
    state: 'registered',
    history: [...item.history, { at: '2002-06-03T03:00:00.000Z', actor: 'admin', transition: 'registered', from: 'reported', to: 'registered', note: '立案' }],
  });

  test('caseChanged() replaces the held copy of a case and adds a new one in number order', () => {
    const next = apply(held, caseChanged(held, moved(held.cases[1]!)));
    expect(next.cases.find((item) => item.number === 1)?.state).toBe('registered');
    const added = apply(next, caseChanged(next, caseItem(7)));
    expect(added.cases.map((item) => item.number)).toEqual([7, 2, 1]);
  });

  test('caseChanged() never goes back to an older copy (a shorter history), whichever arrives last', () => {
    fc.assert(
      fc.property(fc.boolean(), (newerFirst) => {
        const older = held.cases[0]!;
        const newer = moved(older);
        const order = newerFirst ? [newer, older] : [older, newer];
        const end = order.reduce((state, item) => apply(state, caseChanged(state, item)), held);
        expect(end.cases.find((item) => item.id === older.id)).toEqual(newer);
      }),
    );
  });

  test('caseRemoved() drops a case that left the user’s scope and closes its page', () => {
    const open = apply(held, openCase(held, 'case-2'));
    expect(selectOpenCase(open)?.number).toBe(2);
    const next = apply(open, caseRemoved(open, 'case-2'));
    expect(next.cases.map((item) => item.id)).toEqual(['case-1']);
    expect(next.openId).toBeNull();
    expect(selectOpenCase(next)).toBeNull();
  });
});
