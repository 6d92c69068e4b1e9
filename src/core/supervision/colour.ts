/**
 * 三色督办, the three-colour supervision of open cases (as Ouhai District runs it): blue 蓝色预警
 * when due within `colours.blueWithinWorkingDays` working days, yellow 黄色督办 once past the
 * deadline, red 红色督办 when overdue by more than `colours.redOverdueWorkingDays` working days or
 * reopened `colours.redReopenings` times or more; null for a case not yet assigned, closed, or
 * due later.
 *
 * The clock stops when the unit reports the fix: a fixed or verified case keeps the colour it had
 * on the day of its latest `fixed` event (waiting for the inspector does not count against the
 * unit). So a case never gets greener by waiting.
 */
import type { SupervisionSettings } from '../parse/campaign-config.ts';
import type { CaseColour, CaseRecord } from './types.ts';
import { chinaDay, workingDaysBetween } from './working-days.ts';

/** Colours from least to most serious (null first): the order "greener" refers to. */
export const COLOUR_ORDER: readonly (CaseColour | null)[] = [null, 'blue', 'yellow', 'red'];

/** The rank of a colour in COLOUR_ORDER (0 for null). */
export const colourRank = (colour: CaseColour | null): number => COLOUR_ORDER.indexOf(colour);

/** The day the case's clock reads: today while open with the unit, the latest fix report's day once fixed or verified. */
function clockDay(record: Pick<CaseRecord, 'state' | 'history'>, now: Date): string {
  if (record.state === 'fixed' || record.state === 'verified') {
    for (let index = record.history.length - 1; index >= 0; index--) {
      const event = record.history[index]!;
      if (event.transition === 'fixed') return chinaDay(event.at);
    }
  }
  return chinaDay(now);
}

/** Working days overdue (> 0 past the deadline; 0 on and before it, and for a case without a deadline). */
export function overdueWorkingDays(record: Pick<CaseRecord, 'state' | 'history' | 'deadline'>, now: Date, settings: Pick<SupervisionSettings, 'holidays' | 'workdays'>): number {
  if (record.deadline === null) return 0;
  return Math.max(0, workingDaysBetween(record.deadline, clockDay(record, now), settings));
}

/** The case's colour at `now` (see the file's comment). `caseColour(overdueCase, now, settings)` → `'yellow'`. */
export function caseColour(record: Pick<CaseRecord, 'state' | 'history' | 'deadline' | 'reopenings'>, now: Date, settings: Pick<SupervisionSettings, 'holidays' | 'workdays' | 'colours'>): CaseColour | null {
  if (record.deadline === null || record.state === 'reported' || record.state === 'registered' || record.state === 'closed') return null;
  if (record.reopenings >= settings.colours.redReopenings) return 'red';
  const day = clockDay(record, now);
  if (day > record.deadline) {
    return workingDaysBetween(record.deadline, day, settings) > settings.colours.redOverdueWorkingDays ? 'red' : 'yellow';
  }
  return workingDaysBetween(day, record.deadline, settings) <= settings.colours.blueWithinWorkingDays ? 'blue' : null;
}
