import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { caseAsOf, isOverdue, laggingReport, unitStandings, type CaseColour, type CaseEvent, type CaseRecord, type CaseState, type StandingCase } from '../../../src/core/index.ts';
import { CASE_STATES } from '../../../src/core/supervision/types.ts';
import { dataset } from '../lagging/fixtures.ts';

let serial = 0;
/** A case with the given fields; by default assigned to street S1, due 2002-05-10. */
function standingCase(overrides: Partial<StandingCase> = {}): StandingCase {
  serial += 1;
  return { id: `c${serial}`, number: serial, state: 'in_progress', unit: { kind: 'street', id: 'S1' }, deadline: '2002-05-10', reopenings: 0, reportedAt: '2002-05-01T09:00:00Z', closedAt: null, colour: null, ...overrides };
}

const event = (at: string, transition: CaseEvent['transition'], from: CaseState | null, to: CaseState, extra: Partial<CaseEvent> = {}): CaseEvent => ({ at, actor: 'x', transition, from, to, note: '', ...extra });

/** A case in community A (street S1) with a full timeline: reported 05-01, assigned 05-02 due 05-10, reopened 05-12, closed 05-20. */
function caseRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 'k1',
    number: 7,
    community: 'A',
    street: 'S1',
    category: 'disorder',
    note: '',
    lon: null,
    lat: null,
    photos: [],
    state: 'closed',
    unit: { kind: 'department', id: '城管局' },
    deadline: '2002-05-15',
    reopenings: 1,
    reportedAt: '2002-05-01T09:00:00Z',
    closedAt: '2002-05-20T09:00:00Z',
    inspectionId: null,
    roundId: null,
    history: [
      event('2002-05-01T09:00:00Z', 'reported', null, 'reported'),
      event('2002-05-01T10:00:00Z', 'registered', 'reported', 'registered'),
      event('2002-05-02T09:00:00Z', 'assigned', 'registered', 'assigned', { unit: { kind: 'street', id: 'S1' }, deadline: '2002-05-10' }),
      event('2002-05-03T09:00:00Z', 'in_progress', 'assigned', 'in_progress'),
      event('2002-05-09T09:00:00Z', 'fixed', 'in_progress', 'fixed'),
      event('2002-05-11T09:00:00Z', 'reopened', 'fixed', 'in_progress'),
      event('2002-05-12T09:00:00Z', 'assigned', 'in_progress', 'in_progress', { unit: { kind: 'department', id: '城管局' }, deadline: '2002-05-15' }),
      event('2002-05-14T09:00:00Z', 'fixed', 'in_progress', 'fixed'),
      event('2002-05-16T09:00:00Z', 'verified', 'fixed', 'verified'),
      event('2002-05-20T09:00:00Z', 'closed', 'verified', 'closed'),
    ],
    ...overrides,
  };
}

describe('unitStandings', () => {
  test('unitStandings() counts open, overdue, red, the rectification rate, the median days to close and reopenings per unit', () => {
    const [standing] = unitStandings(
      [
        standingCase({ colour: 'red', reopenings: 2 }),
        standingCase({ state: 'fixed', colour: 'yellow' }),
        standingCase({ state: 'assigned', deadline: '2002-05-20' }),
        standingCase({ state: 'closed', reportedAt: '2002-05-01T00:00:00Z', closedAt: '2002-05-05T00:00:00Z', colour: 'red' }),
        standingCase({ state: 'closed', reportedAt: '2002-05-01T00:00:00Z', closedAt: '2002-05-11T12:00:00Z' }),
      ],
      { now: '2002-05-12T08:00:00Z', nameOf: () => '甲街道' },
    );
    expect(standing).toMatchObject({ name: '甲街道', rank: 1, cases: 5, open: 3, overdue: 1, red: 1, rectified: 2, rectificationRate: 0.4, medianDaysToClose: 7.3, reopenings: 2 });
    expect(standing!.redNumbers).toHaveLength(1);
  });

  test('unitStandings() ranks the unit with more red cases first, then more overdue, and lists units without cases last with zeros', () => {
    const standings = unitStandings(
      [standingCase({ unit: { kind: 'department', id: '城管局' }, colour: 'red' }), standingCase({ unit: { kind: 'street', id: 'S1' } }), standingCase({ unit: { kind: 'street', id: 'S2' }, deadline: '2002-06-01' })],
      { now: '2002-05-12', units: [{ kind: 'street', id: 'S3' }] },
    );
    expect(standings.map((standing) => standing.unit.id)).toEqual(['城管局', 'S1', 'S2', 'S3']);
    expect(standings.at(-1)).toMatchObject({ cases: 0, rectificationRate: null, medianDaysToClose: null, rank: 4 });
  });

  test('isOverdue() is false on the deadline day and once the unit reported back (已反馈)', () => {
    expect(isOverdue({ state: 'in_progress', deadline: '2002-05-10' }, '2002-05-10T20:00:00Z')).toBe(false);
    expect(isOverdue({ state: 'in_progress', deadline: '2002-05-10' }, '2002-05-11')).toBe(true);
    expect(isOverdue({ state: 'fixed', deadline: '2002-05-10' }, '2002-05-11')).toBe(false);
    expect(isOverdue({ state: 'registered', deadline: null }, '2002-05-11')).toBe(false);
  });

  test('property: every case counts once, and open + rectified = cases per unit', () => {
    const arbitrary = fc.record({ state: fc.constantFrom(...CASE_STATES), unit: fc.constantFrom('S1', 'S2', 'D1'), colour: fc.constantFrom<CaseColour | null>(null, 'blue', 'yellow', 'red') });
    fc.assert(
      fc.property(fc.array(arbitrary, { maxLength: 20 }), (specs) => {
        const cases = specs.map((spec) => standingCase({ state: spec.state, unit: { kind: spec.unit.startsWith('S') ? 'street' : 'department', id: spec.unit }, colour: spec.colour, closedAt: spec.state === 'closed' ? '2002-05-09T00:00:00Z' : null }));
        const standings = unitStandings(cases, { now: '2002-05-12' });
        expect(standings.reduce((sum, standing) => sum + standing.cases, 0)).toBe(cases.length);
        for (const standing of standings) expect(standing.open + standing.rectified).toBe(standing.cases);
        expect(standings.map((standing) => standing.rank)).toEqual(standings.map((_, i) => i + 1));
        for (let i = 1; i < standings.length; i++) expect(standings[i - 1]!.red).toBeGreaterThanOrEqual(standings[i]!.red);
      }),
    );
  });
});

describe('caseAsOf', () => {
  test('caseAsOf() reads a case as it stood on a date from its timeline: state, unit, deadline, reopenings and closing', () => {
    const record = caseRecord();
    expect(caseAsOf(record, '2002-04-30')).toBeNull();
    expect(caseAsOf(record, '2002-05-01')).toMatchObject({ state: 'registered', deadline: null, reopenings: 0, closedAt: null });
    expect(caseAsOf(record, '2002-05-10')).toMatchObject({ state: 'fixed', unit: { kind: 'street', id: 'S1' }, deadline: '2002-05-10', reopenings: 0 });
    expect(caseAsOf(record, '2002-05-12')).toMatchObject({ state: 'in_progress', unit: { kind: 'department', id: '城管局' }, deadline: '2002-05-15', reopenings: 1 });
    expect(caseAsOf(record, '2002-05-20')).toMatchObject({ state: 'closed', closedAt: '2002-05-20T09:00:00Z' });
    expect(caseAsOf(record, '2002-05-20T08:00:00Z')).toMatchObject({ state: 'verified', closedAt: null });
  });

  test('property: caseAsOf() never goes back in the case\'s timeline as the date moves on', () => {
    const record = caseRecord();
    const order = (state: CaseState | undefined) => (state === undefined ? -1 : CASE_STATES.indexOf(state));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (a, b) => {
        const day = (n: number) => new Date(Date.UTC(2002, 3, 25 + n)).toISOString().slice(0, 10);
        const [early, late] = a <= b ? [a, b] : [b, a];
        const before = caseAsOf(record, day(early));
        const after = caseAsOf(record, day(late));
        if (before) expect(after).not.toBeNull();
        expect((after?.reopenings ?? 0)).toBeGreaterThanOrEqual(before?.reopenings ?? 0);
        if (before?.state === 'closed') expect(order(after?.state)).toBe(order('closed'));
      }),
    );
  });
});

describe('laggingReport with cases', () => {
  const data = () => dataset([{ code: 'A', streetCode: 'S1', scores: [['2002-05-01', 90]] }, { code: 'B', streetCode: 'S1', scores: [['2002-05-01', 90]] }]);

  test('laggingReport() grades a community with an open red case red and lists the unit standings as of its clock', () => {
    const record = caseRecord({ state: 'in_progress', closedAt: null, history: caseRecord().history.slice(0, 6) });
    const report = laggingReport(data(), { cases: [record], now: '2002-05-12T12:00:00Z', colourOf: (then) => (then.reopenings > 0 ? 'red' : null) });
    expect(report.casesAt).toBe('2002-05-12T12:00:00Z');
    expect(report.communities[0]).toMatchObject({ code: 'A', grade: 'red', openCases: 1, redCases: 1 });
    expect(report.communities[0]!.gradeReasons[0]!.text).toBe('红色督办问题 1 件（≥ 1 件）');
    expect(report.communities[1]).toMatchObject({ code: 'B', grade: 'green', openCases: 0 });
    expect(report.streets[0]).toMatchObject({ code: 'S1', grade: 'red', gradeReasons: [{ rule: 'streetRedShare' }], gradeCounts: { red: 1, yellow: 0, green: 1 } });
    expect(report.standings[0]).toMatchObject({ unit: { kind: 'street', id: 'S1' }, name: '甲街道', open: 1, red: 1, overdue: 1, reopenings: 1 });
  });

  test('laggingReport() as of an earlier date reads the cases as they stood then; without cases there are no standings', () => {
    const report = laggingReport(data(), { asOf: '2002-05-09', cases: [caseRecord()], now: '2002-06-01T00:00:00Z' });
    expect(report.casesAt).toBe('2002-05-09T23:59:59.999Z');
    expect(report.communities[0]).toMatchObject({ grade: 'yellow', openCases: 1, gradeReasons: [{ rule: 'openCases' }] });
    const later = laggingReport(data(), { cases: [caseRecord()], now: '2002-06-01T00:00:00Z' });
    expect(later.communities[0]!.grade).toBe('green');
    expect(later.standings.find((standing) => standing.unit.id === '城管局')).toMatchObject({ cases: 1, rectificationRate: 1, medianDaysToClose: 19 });
    expect(laggingReport(data()).standings).toEqual([]);
    expect(laggingReport(data()).casesAt).toBeNull();
  });
});

describe('laggingReport with the campaign\'s three colours', () => {
  test('laggingReport() colours cases with caseColour and the supervision settings by default: a case overdue by more than 3 working days is red, and turns its community red', () => {
    const data = dataset([{ code: 'A', streetCode: 'S1', scores: [['2002-05-01', 90]] }]);
    const open = caseRecord({ state: 'in_progress', closedAt: null, reopenings: 0, history: caseRecord().history.slice(0, 4) });
    // Due 2002-05-10 (a Friday): on Monday the 13th it is 1 working day late (yellow), on Thursday the 16th 4 (red).
    const yellow = laggingReport(data, { cases: [open], now: '2002-05-13T04:00:00Z' });
    expect(yellow.communities[0]).toMatchObject({ grade: 'yellow', openCases: 1, redCases: 0 });
    const red = laggingReport(data, { cases: [open], now: '2002-05-16T04:00:00Z' });
    expect(red.communities[0]).toMatchObject({ grade: 'red', redCases: 1 });
    expect(red.standings[0]).toMatchObject({ red: 1, overdue: 1 });
  });
});
