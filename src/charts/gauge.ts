/** A half-circle gauge: the track and the filled part as SVG path strings (d3-shape arc), centred at 0,0. */
import { arc } from 'd3-shape';

export interface GaugeLayout {
  track: string;
  value: string;
  /** Progress drawn, clamped to 0–1. */
  progress: number;
}

export function gaugeArcs(progress: number, options: { radius: number; thickness: number }): GaugeLayout {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(progress) ? progress : 0));
  const shape = arc<{ end: number }>()
    .innerRadius(options.radius - options.thickness)
    .outerRadius(options.radius)
    .startAngle(-Math.PI / 2)
    .endAngle((datum) => datum.end);
  return { track: shape({ end: Math.PI / 2 }) ?? '', value: shape({ end: -Math.PI / 2 + clamped * Math.PI }) ?? '', progress: clamped };
}
