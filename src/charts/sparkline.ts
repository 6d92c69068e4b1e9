/**
 * A score sparkline: d3 scales and a line generator turn dated scores into an SVG path string.
 * No DOM here; React renders the path.
 */
import { extent } from 'd3-array';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';

export interface DatedValue {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  value: number;
}

export interface Sparkline {
  path: string;
  /** Pixel positions of each value, for dots and tooltips. */
  points: { x: number; y: number; date: string; value: number }[];
  /** y of a reference value (e.g. the lagging threshold), or null when none was given. */
  referenceY: number | null;
}

/**
 * Lays out values (oldest first) in a `width × height` box with `padding` pixels inside;
 * y runs from `domain[0]` at the bottom to `domain[1]` at the top (default 0–100 points).
 */
export function sparkline(values: readonly DatedValue[], options: { width: number; height: number; padding?: number; domain?: [number, number]; reference?: number }): Sparkline {
  const { width, height, padding = 3, domain = [0, 100], reference } = options;
  const times = values.map((value) => Date.parse(`${value.date}T00:00:00Z`));
  const [first, last] = extent(times) as [number | undefined, number | undefined];
  const x = scaleUtc()
    .domain(first === undefined || last === undefined || first === last ? [new Date((first ?? 0) - 86_400_000), new Date((last ?? 0) + 86_400_000)] : [new Date(first), new Date(last)])
    .range([padding, width - padding]);
  const y = scaleLinear().domain(domain).range([height - padding, padding]).clamp(true);
  const points = values.map((value, i) => ({ x: x(new Date(times[i]!)), y: y(value.value), date: value.date, value: value.value }));
  const path = line<{ x: number; y: number }>()
    .x((point) => point.x)
    .y((point) => point.y)(points) ?? '';
  return { path, points, referenceY: reference === undefined ? null : y(reference) };
}
