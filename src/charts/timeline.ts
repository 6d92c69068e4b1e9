/** The campaign timeline laid out on a UTC time scale: event x positions, the as-of marker, month ticks. */
import { scaleUtc } from 'd3-scale';
import { dateTicks, utcDay, type Tick } from './axis.ts';

export interface TimelineLayout<E> {
  events: (E & { x: number })[];
  asOfX: number | null;
  ticks: Tick[];
}

export function timelineLayout<E extends { date: string }>(events: readonly E[], options: { width: number; margin?: number; asOf: string | null }): TimelineLayout<E> {
  const margin = options.margin ?? 16;
  const dates = events.map((event) => utcDay(event.date).getTime());
  const first = Math.min(...dates);
  const last = Math.max(...dates);
  const domain = dates.length === 0 ? [0, 1] : first === last ? [first - 86_400_000, last + 86_400_000] : [first, last];
  const x = scaleUtc().domain(domain.map((time) => new Date(time))).range([margin, options.width - margin]).clamp(true);
  return {
    events: events.map((event) => ({ ...event, x: x(utcDay(event.date)) })),
    asOfX: options.asOf === null ? null : x(utcDay(options.asOf)),
    ticks: dateTicks(x, 6),
  };
}
