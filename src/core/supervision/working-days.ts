/**
 * Working days 工作日 for case deadlines: Monday to Friday, minus the public holidays of the
 * settings, plus the weekend days swapped into working days 调休. Days are ISO `YYYY-MM-DD`
 * calendar dates in China's time (UTC+8, no daylight saving); arithmetic is on UTC midnights so
 * the host's time zone never matters.
 */

/** The calendar: holidays (no work on these weekdays) and swapped working days (work on these weekend days). */
export interface WorkingCalendar {
  holidays: readonly string[];
  workdays: readonly string[];
}

const DAY_MS = 86_400_000;
/** China Standard Time, UTC+8, in ms. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const toMs = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromMs = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The calendar day in China (UTC+8) of an instant: `chinaDay(new Date('2002-03-08T17:00:00Z'))` is `2002-03-09`. */
export function chinaDay(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  // The server asks for today's day on every request: the last day's bounds answer without formatting.
  if (ms >= lastDay.from && ms < lastDay.to) return lastDay.day;
  const start = Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS;
  const day = fromMs(start);
  lastDay = { from: start - CHINA_OFFSET_MS, to: start + DAY_MS - CHINA_OFFSET_MS, day };
  return day;
}
/** The China day chinaDay answered last, as UTC instants [from, to). */
let lastDay = { from: Number.NaN, to: Number.NaN, day: '' };

/**
 * The end of an instant's day in China's time, as an ISO date-time: the clock the lagging report
 * reads the cases at (their colours count days, so every step taken so far today is in), the
 * same for the server's documents and the dashboard.
 */
export function endOfChinaDay(instant: Date | string): string {
  return new Date(Date.parse(`${chinaDay(instant)}T23:59:59.999Z`) - CHINA_OFFSET_MS).toISOString();
}

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  return fromMs(toMs(day) + days * DAY_MS);
}

/**
 * Per calendar (settings objects are reused for many cases): its sets, and the exceptions to
 * Monday–Friday as sorted day numbers (days since 1970-01-01): holidays on weekdays that are
 * not also swapped working days, and swapped working days on weekends.
 */
const sets = new WeakMap<WorkingCalendar, { holidays: Set<string>; workdays: Set<string>; offWeekdays: number[]; workedWeekends: number[] }>();
function setsOf(calendar: WorkingCalendar) {
  let found = sets.get(calendar);
  if (!found) {
    const holidays = new Set(calendar.holidays);
    const workdays = new Set(calendar.workdays);
    const dayNumbers = (days: Iterable<string>) => [...days].map((day) => toMs(day) / DAY_MS).filter(Number.isFinite).sort((a, b) => a - b);
    const offWeekdays = dayNumbers([...holidays].filter((day) => !workdays.has(day) && isWeekday(toMs(day) / DAY_MS)));
    const workedWeekends = dayNumbers([...workdays].filter((day) => !isWeekday(toMs(day) / DAY_MS)));
    found = { holidays, workdays, offWeekdays, workedWeekends };
    sets.set(calendar, found);
  }
  return found;
}

/** Day 0 (1970-01-01) was a Thursday: the weekday (0 Sunday … 6 Saturday) of day number `n`. */
const weekdayOf = (n: number) => (((n + 4) % 7) + 7) % 7;
const isWeekday = (n: number) => {
  const weekday = weekdayOf(n);
  return weekday !== 0 && weekday !== 6;
};
/** Weekdays Monday–Friday among day numbers [0, n) (negative for n < 0: minus those in [n, 0)). */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  let count = weeks * 5;
  for (let day = weeks * 7; day < n; day++) if (isWeekday(day)) count++;
  return count;
}
/** Entries of the sorted `days` in (from, to]. */
function countIn(days: readonly number[], from: number, to: number): number {
  return upperBound(days, to) - upperBound(days, from);
}
/** How many of the sorted `days` are ≤ `n`. */
function upperBound(days: readonly number[], n: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (days[middle]! <= n) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** True when `day` is a working day: a swapped working day, or a weekday that is not a holiday. */
export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  const { holidays, workdays } = setsOf(calendar);
  if (workdays.has(day)) return true;
  if (holidays.has(day)) return false;
  const weekday = new Date(toMs(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The `n`-th working day after `day` (`day` itself not counted); `n = 0` gives `day`. A deadline
 * of 5 working days from an assignment on Friday 2002-03-08 is Friday 2002-03-15.
 */
export function addWorkingDays(day: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a non-negative integer, got ${n}`);
  let current = toMs(day);
  let left = n;
  while (left > 0) {
    current += DAY_MS;
    if (isWorkingDay(fromMs(current), calendar)) left--;
  }
  return fromMs(current);
}

/**
 * Working days after `from` up to and including `to` (negative, the same count reversed, when
 * `to` is before `from`): `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar): number {
  if (to < from) return 0 - workingDaysBetween(to, from, calendar);
  // Counted, not walked (a case read years after its deadline spans thousands of days): the
  // weekdays in (from, to], minus the holidays on weekdays, plus the swapped working weekends.
  const { offWeekdays, workedWeekends } = setsOf(calendar);
  const start = toMs(from) / DAY_MS;
  const end = toMs(to) / DAY_MS;
  return weekdaysBefore(end + 1) - weekdaysBefore(start + 1) - countIn(offWeekdays, start, end) + countIn(workedWeekends, start, end);
}
