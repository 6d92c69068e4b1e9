/**
 * Two bars per item (e.g. budget allocated vs spent per street) on one linear scale, vertical,
 * items along x in the given order; y ticks for the amounts.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { linearTicks, type Tick } from './axis.ts';

export interface PairedBar {
  key: string;
  series: 'a' | 'b';
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PairedLayout {
  bars: PairedBar[];
  /** Centre x of each item's band, for labels. */
  labels: { key: string; x: number }[];
  yTicks: Tick[];
  plot: { left: number; top: number; right: number; bottom: number };
}

export function pairedBars(items: readonly { key: string; a: number; b: number }[], options: { width: number; height: number; margin?: { top: number; right: number; bottom: number; left: number } }): PairedLayout {
  const margin = options.margin ?? { top: 8, right: 8, bottom: 34, left: 40 };
  const plot = { left: margin.left, top: margin.top, right: options.width - margin.right, bottom: options.height - margin.bottom };
  const max = Math.max(1, ...items.flatMap((item) => [item.a, item.b]));
  const y = scaleLinear().domain([0, max]).nice().range([plot.bottom, plot.top]);
  const outer = scaleBand<string>().domain(items.map((item) => item.key)).range([plot.left, plot.right]).paddingInner(0.2).paddingOuter(0.1);
  const inner = scaleBand<'a' | 'b'>().domain(['a', 'b']).range([0, outer.bandwidth()]).paddingInner(0.1);
  const bars = items.flatMap((item) =>
    (['a', 'b'] as const).map((series) => {
      const value = item[series];
      return { key: item.key, series, value, x: (outer(item.key) ?? 0) + (inner(series) ?? 0), y: y(value), width: inner.bandwidth(), height: plot.bottom - y(value) };
    }),
  );
  return { bars, labels: items.map((item) => ({ key: item.key, x: (outer(item.key) ?? 0) + outer.bandwidth() / 2 })), yTicks: linearTicks(y, 4), plot };
}
