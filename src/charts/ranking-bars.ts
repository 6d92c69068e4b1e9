/**
 * The street ranking as horizontal bars: one band per item (in the given order, worst first),
 * bar length = score on a linear scale, a vertical threshold line (the lagging score), x ticks.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { linearTicks, type Tick } from './axis.ts';

export interface RankingBar {
  key: string;
  value: number | null;
  /** Left edge, top, length and thickness in pixels (length 0 for an unknown value). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RankingLayout {
  bars: RankingBar[];
  /** x of the threshold line; null without a threshold. */
  thresholdX: number | null;
  ticks: Tick[];
  /** Plot area: left, top, right, bottom. */
  plot: { left: number; top: number; right: number; bottom: number };
}

export interface RankingOptions {
  width: number;
  /** Height of one band in pixels. */
  band: number;
  margin?: { top: number; right: number; bottom: number; left: number };
  /** Value domain; default [min(40, lowest value − 5), 100]. */
  domain?: [number, number];
  threshold?: number | null;
}

export function rankingBars(items: readonly { key: string; value: number | null }[], options: RankingOptions): RankingLayout {
  const margin = options.margin ?? { top: 4, right: 40, bottom: 20, left: 80 };
  const known = items.map((item) => item.value).filter((value): value is number => value !== null);
  const low = Math.min(40, ...known.map((value) => Math.floor((value - 5) / 10) * 10));
  const domain = options.domain ?? [Math.max(0, low), 100];
  const plot = { left: margin.left, top: margin.top, right: options.width - margin.right, bottom: margin.top + options.band * items.length };
  const x = scaleLinear().domain(domain).range([plot.left, plot.right]).clamp(true);
  const y = scaleBand<string>().domain(items.map((item) => item.key)).range([plot.top, plot.bottom]).paddingInner(0.25).paddingOuter(0.1);
  const bars = items.map((item) => ({
    key: item.key,
    value: item.value,
    x: plot.left,
    y: y(item.key) ?? 0,
    width: item.value === null ? 0 : x(item.value) - plot.left,
    height: y.bandwidth(),
  }));
  return { bars, thresholdX: options.threshold === null || options.threshold === undefined ? null : x(options.threshold), ticks: linearTicks(x, 5), plot };
}
