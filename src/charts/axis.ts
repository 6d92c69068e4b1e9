/**
 * Axis ticks as plain data (value, pixel offset, label): d3 scales choose the ticks, React draws
 * them. Dates are ISO strings `YYYY-MM-DD` read as UTC days.
 */
import type { ScaleLinear, ScaleTime } from 'd3-scale';

export interface Tick {
  /** Pixel position along the axis. */
  offset: number;
  label: string;
}

/** Ticks of a linear scale (about `count` of them). */
export function linearTicks(scale: ScaleLinear<number, number>, count = 5, format: (value: number) => string = String): Tick[] {
  return scale.ticks(count).map((value) => ({ offset: scale(value), label: format(value) }));
}

/** Ticks of a UTC time scale, labelled `5月24日` (month and day, the campaign runs within a year). */
export function dateTicks(scale: ScaleTime<number, number>, count = 5): Tick[] {
  return scale.ticks(count).map((date) => ({ offset: scale(date), label: `${date.getUTCMonth() + 1}月${date.getUTCDate()}日` }));
}

/** An ISO date as a UTC Date. */
export function utcDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
