/**
 * The campaign timeline laid out on a UTC time scale: event x positions, the as-of marker, month
 * ticks. With `until`, the axis ends there (the next deadline) instead of running empty to the
 * last one months later; the events after it come back as `later`, for a caption.
 */
import { scaleUtc } from 'd3-scale';
import { dateTicks, utcDay, type Tick } from './axis.ts';

export interface TimelineLayout<E> {
  events: (E & { x: number })[];
  /** Events after `until` (not drawn on the axis). */
  later: E[];
  asOfX: number | null;
  ticks: Tick[];
}

export interface TimelineOptions {
  width: number;
  /** Left and right margin in pixels (the left one holds the row labels). */
  margin?: number;
  left?: number;
  asOf: string | null;
  /** Last date on the axis (ISO); default the last event. */
  until?: string | null;
  tickCount?: number;
}

export function timelineLayout<E extends { date: string }>(events: readonly E[], options: TimelineOptions): TimelineLayout<E> {
  const margin = options.margin ?? 16;
  const left = options.left ?? margin;
  const end = options.until ? utcDay(options.until).getTime() : Infinity;
  const shown = events.filter((event) => utcDay(event.date).getTime() <= end);
  const later = events.filter((event) => utcDay(event.date).getTime() > end);
  const dates = shown.map((event) => utcDay(event.date).getTime());
  const first = Math.min(...dates);
  const last = Math.max(...dates, ...(options.asOf && dates.length > 0 ? [Math.min(end, utcDay(options.asOf).getTime())] : []));
  const domain = dates.length === 0 ? [0, 1] : first === last ? [first - 86_400_000, last + 86_400_000] : [first, last];
  const x = scaleUtc().domain(domain.map((time) => new Date(time))).range([left, options.width - margin]).clamp(true);
  return {
    events: shown.map((event) => ({ ...event, x: x(utcDay(event.date)) })),
    later,
    asOfX: options.asOf === null ? null : x(utcDay(options.asOf)),
    ticks: dateTicks(x, options.tickCount ?? 6),
  };
}
