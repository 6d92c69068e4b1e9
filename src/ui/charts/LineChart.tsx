import type { LineLayout } from '../../charts/line-chart.ts';
import { formatDate } from '../format.ts';

/** Axes of a line layout: y ticks with grid lines on the left, date ticks at the bottom. */
export function LineAxes({ layout }: { layout: LineLayout }) {
  const { plot } = layout;
  return (
    <g className="axes">
      {layout.yTicks.map((tick) => (
        <g key={`y${tick.label}`} transform={`translate(0,${tick.offset})`}>
          <line x1={plot.left} x2={plot.right} className="grid" />
          <text x={plot.left - 4} dy="0.32em" textAnchor="end">
            {tick.label}
          </text>
        </g>
      ))}
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} className="axis-line" />
      {layout.xTicks.map((tick) => (
        <g key={`x${tick.label}`} transform={`translate(${tick.offset},${plot.bottom})`}>
          <line y2={4} className="axis-line" />
          <text y={15} textAnchor="middle">
            {tick.label}
          </text>
        </g>
      ))}
      {layout.referenceY !== null && <line x1={plot.left} x2={plot.right} y1={layout.referenceY} y2={layout.referenceY} className="reference" />}
    </g>
  );
}

/** One dot per value; monthly checks are squares, bulletins hollow (the weekly/monthly markers). */
export function LineDots({ dots, className, label }: { dots: LineLayout['lines'][number]['dots']; className?: string; label: string }) {
  return (
    <g className={className}>
      {/* Keyed by position: two inspections can share a date. */}
      {dots.map((dot, i) =>
        dot.kind === 'monthly' ? (
          <rect key={i} x={dot.x - 3} y={dot.y - 3} width={6} height={6} className="dot monthly" data-kind="monthly">
            <title>{`${label} ${formatDate(dot.date)} 月查：${dot.value}`}</title>
          </rect>
        ) : (
          <circle key={i} cx={dot.x} cy={dot.y} r={2.6} className={`dot ${dot.kind ?? ''}`} data-kind={dot.kind}>
            <title>{`${label} ${formatDate(dot.date)}${dot.kind === 'bulletin' ? ' 通报' : dot.kind === 'weekly' ? ' 周查' : ''}：${dot.value}`}</title>
          </circle>
        ),
      )}
    </g>
  );
}
