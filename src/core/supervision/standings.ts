/**
 * Standings of the responsible units (issue 20): per street office and per city department, from
 * the cases it must rectify — open, overdue and red cases, rectification rate, median days to
 * close, reopenings — ranked worst first. The 落后分析 view, the half-monthly bulletin and the
 * leaders' lists read them; red cases are listed by number to the unit's leader.
 *
 * Definitions (one home):
 * - **open**: not yet verified (复查通过) or closed (isOpenCase);
 * - **overdue** 超期: open, not yet reported back (before 已反馈), with a deadline before today
 *   (a deadline is the last day to rectify, ISO date);
 * - **red**: open with colour red (三色督办, the colour computed by caseColour);
 * - **rectification rate** 整改率: verified or closed / all cases of the unit (null without cases);
 * - **days to close**: calendar days from the report to 销号, median over the closed cases (one decimal);
 * - **reopenings**: failed verifications summed over the unit's cases.
 * Cases can be taken as of a past date with casesAsOf (from their audited timeline), so a
 * standing of any half-month comes from the same live data.
 */
import { median } from 'd3-array';
import type { CaseColour, CaseRecord, CaseState, ResponsibleUnit } from './types.ts';
import { isOpenCase } from './grades.ts';

/** The parts of a case a standing reads, with its three-colour state as of `now`. */
export type StandingCase = Pick<CaseRecord, 'id' | 'number' | 'state' | 'unit' | 'deadline' | 'reopenings' | 'reportedAt' | 'closedAt'> & { colour: CaseColour | null };

export interface UnitStanding {
  unit: ResponsibleUnit;
  /** Street or department name (the id when no name is known). */
  name: string;
  /** 1 = furthest behind. */
  rank: number;
  cases: number;
  open: number;
  overdue: number;
  red: number;
  /** Verified or closed. */
  rectified: number;
  /** rectified / cases; null without cases. */
  rectificationRate: number | null;
  /** Median calendar days from report to 销号 over the closed cases (one decimal); null when none is closed. */
  medianDaysToClose: number | null;
  reopenings: number;
  /** Reported on or after `since` (the period of a bulletin); equal to `cases` without `since`. */
  reported: number;
  /** Closed on or after `since`. */
  closed: number;
  /** Numbers of the red cases (第 n 号), ascending: the list for the unit's leader. */
  redNumbers: number[];
}

export interface StandingOptions {
  /** ISO date-time (or date) of "today": deadlines before its date are overdue. */
  now: string;
  /** Units to list even without cases (e.g. every street), in addition to the cases' units. */
  units?: readonly ResponsibleUnit[];
  /** The unit's name; default its id. */
  nameOf?: (unit: ResponsibleUnit) => string;
  /** ISO date: count `reported` and `closed` from this date on (the bulletin's period). */
  since?: string | null;
}

const BEFORE_FEEDBACK: ReadonlySet<CaseState> = new Set(['reported', 'registered', 'assigned', 'in_progress']);
const DAY_MS = 86_400_000;

/** The kinds of responsible unit in Chinese. */
export const UNIT_KIND_LABELS: Readonly<Record<ResponsibleUnit['kind'], string>> = { street: '街道', department: '市属部门' };

/** The key of a unit (`street:330302001`, `department:城管局`). */
export const unitKey = (unit: ResponsibleUnit): string => `${unit.kind}:${unit.id}`;

/** Whether a case is overdue on the date of `now` (see the file header). */
export function isOverdue(record: Pick<CaseRecord, 'state' | 'deadline'>, now: string): boolean {
  return BEFORE_FEEDBACK.has(record.state) && record.deadline !== null && record.deadline < now.slice(0, 10);
}

/**
 * The standings of the units, worst first: more red cases, then more overdue, then more open,
 * then the lower rectification rate (no cases last), then streets before departments and by id.
 * Empty input gives the listed `units` with zeros.
 */
export function unitStandings(cases: readonly StandingCase[], options: StandingOptions): UnitStanding[] {
  const groups = new Map<string, { unit: ResponsibleUnit; cases: StandingCase[] }>();
  const group = (unit: ResponsibleUnit) => {
    const key = unitKey(unit);
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { unit: { kind: unit.kind, id: unit.id }, cases: [] }));
    return entry;
  };
  for (const unit of options.units ?? []) group(unit);
  for (const record of cases) group(record.unit).cases.push(record);
  const since = options.since ?? null;
  const standings = [...groups.values()].map(({ unit, cases: own }): UnitStanding => {
    const open = own.filter((record) => isOpenCase(record.state));
    const rectified = own.length - open.length;
    const closed = own.filter((record) => record.closedAt !== null);
    const days = closed.map((record) => (Date.parse(record.closedAt!) - Date.parse(record.reportedAt)) / DAY_MS);
    const middle = median(days);
    return {
      unit,
      name: options.nameOf?.(unit) ?? unit.id,
      rank: 0,
      cases: own.length,
      open: open.length,
      overdue: open.filter((record) => isOverdue(record, options.now)).length,
      red: open.filter((record) => record.colour === 'red').length,
      rectified,
      rectificationRate: own.length === 0 ? null : rectified / own.length,
      medianDaysToClose: middle === undefined ? null : Math.round(middle * 10) / 10,
      reopenings: own.reduce((sum, record) => sum + record.reopenings, 0),
      reported: since === null ? own.length : own.filter((record) => record.reportedAt.slice(0, 10) >= since).length,
      closed: since === null ? closed.length : closed.filter((record) => record.closedAt!.slice(0, 10) >= since).length,
      redNumbers: open.filter((record) => record.colour === 'red').map((record) => record.number).sort((a, b) => a - b),
    };
  });
  standings.sort(compareStandings);
  standings.forEach((standing, i) => (standing.rank = i + 1));
  return standings;
}

function compareStandings(a: UnitStanding, b: UnitStanding): number {
  const rate = (standing: UnitStanding) => standing.rectificationRate ?? Infinity;
  return b.red - a.red || b.overdue - a.overdue || b.open - a.open || rate(a) - rate(b) || (a.unit.kind === b.unit.kind ? 0 : a.unit.kind === 'street' ? -1 : 1) || (a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0);
}

/**
 * A case as it stood at the end of `at` (ISO date-time, or a date = the end of that day), from its
 * audited timeline: the state of the last event by then, the unit and deadline last assigned by
 * then, the reopenings by then, closedAt only if closed by then. Null when reported later.
 * Events are read in time order whatever order the history lists them in.
 */
export function caseAsOf<T extends CaseRecord>(record: T, at: string): T | null {
  const end = at.length === 10 ? `${at}T23:59:59.999Z` : at;
  const time = Date.parse(end);
  if (Date.parse(record.reportedAt) > time) return null;
  const events = record.history.filter((event) => Date.parse(event.at) <= time).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (events.length === 0) return { ...record, state: 'reported', history: [], reopenings: 0, closedAt: null, deadline: null };
  // The unit last named by then (an assignment); before any, the case's own unit.
  let unit = record.unit;
  let deadline: string | null = null;
  let reopenings = 0;
  let closedAt: string | null = null;
  for (const event of events) {
    if (event.unit) unit = event.unit;
    if (event.deadline) deadline = event.deadline;
    if (event.transition === 'reopened') reopenings += 1;
    if (event.to === 'closed') closedAt = event.at;
  }
  return { ...record, state: events.at(-1)!.to, unit, deadline, reopenings, closedAt: events.at(-1)!.to === 'closed' ? closedAt : null, history: events };
}
