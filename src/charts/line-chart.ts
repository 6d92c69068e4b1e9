/**
 * Score lines over dates: one path per series (gaps where a value is unknown), dots with the
 * round kind for markers, date ticks on x, score ticks on y and an optional reference line (the
 * lagging threshold). Used for the trend per round and the community's score history.
 */
import { extent } from 'd3-array';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import { dateTicks, linearTicks, utcDay, type Tick } from './axis.ts';

export interface LinePoint {
  /** ISO date. */
  date: string;
  value: number | null;
  /** Free tag carried to the dot (e.g. the inspection kind). */
  kind?: string;
}

export interface LineSeries {
  key: string;
  points: readonly LinePoint[];
}

export interface LineLayout {
  lines: { key: string; path: string; dots: { x: number; y: number; date: string; value: number; kind: string | undefined }[] }[];
  xTicks: Tick[];
  yTicks: Tick[];
  referenceY: number | null;
  plot: { left: number; top: number; right: number; bottom: number };
  /** x of a date (for markers such as deadlines). */
  x: (date: string) => number;
}

export interface LineChartOptions {
  width: number;
  height: number;
  margin?: { top: number; right: number; bottom: number; left: number };
  /** y domain; default [min(60, lowest − 5) rounded down to 10, 100]. */
  yDomain?: [number, number];
  reference?: number | null;
  xTickCount?: number;
  yTickCount?: number;
}

export function lineChart(series: readonly LineSeries[], options: LineChartOptions): LineLayout {
  const margin = options.margin ?? { top: 8, right: 12, bottom: 22, left: 32 };
  const plot = { left: margin.left, top: margin.top, right: options.width - margin.right, bottom: options.height - margin.bottom };
  const times = series.flatMap((item) => item.points.map((point) => utcDay(point.date).getTime()));
  const [first, last] = extent(times) as [number | undefined, number | undefined];
  const day = 86_400_000;
  const domainX = first === undefined || last === undefined ? [0, day] : first === last ? [first - day, last + day] : [first, last];
  const x = scaleUtc().domain(domainX.map((time) => new Date(time))).range([plot.left, plot.right]);
  const values = series.flatMap((item) => item.points.map((point) => point.value)).filter((value): value is number => value !== null);
  const low = values.length === 0 ? 60 : Math.min(60, Math.floor((Math.min(...values) - 5) / 10) * 10);
  const y = scaleLinear().domain(options.yDomain ?? [Math.max(0, low), 100]).range([plot.bottom, plot.top]).clamp(true);
  const generator = line<LinePoint>()
    .defined((point) => point.value !== null)
    .x((point) => x(utcDay(point.date)))
    .y((point) => y(point.value ?? 0));
  return {
    lines: series.map((item) => ({
      key: item.key,
      path: generator(item.points) ?? '',
      dots: item.points.flatMap((point) => (point.value === null ? [] : [{ x: x(utcDay(point.date)), y: y(point.value), date: point.date, value: point.value, kind: point.kind }])),
    })),
    xTicks: dateTicks(x, options.xTickCount ?? 5),
    yTicks: linearTicks(y, options.yTickCount ?? 4),
    referenceY: options.reference === null || options.reference === undefined ? null : y(options.reference),
    plot,
    x: (date: string) => x(utcDay(date)),
  };
}
