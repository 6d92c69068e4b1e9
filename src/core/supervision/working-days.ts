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
  return fromMs(ms + CHINA_OFFSET_MS);
}

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

/** Cache of the calendar's sets (settings objects are reused for many cases). */
const sets = new WeakMap<WorkingCalendar, { holidays: Set<string>; workdays: Set<string> }>();
function setsOf(calendar: WorkingCalendar) {
  let found = sets.get(calendar);
  if (!found) {
    found = { holidays: new Set(calendar.holidays), workdays: new Set(calendar.workdays) };
    sets.set(calendar, found);
  }
  return found;
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
  let count = 0;
  for (let current = toMs(from) + DAY_MS, end = toMs(to); current <= end; current += DAY_MS) {
    if (isWorkingDay(fromMs(current), calendar)) count++;
  }
  return count;
}
