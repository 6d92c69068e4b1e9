import { sparkline, type DatedValue } from '../../charts/sparkline.ts';
import { formatDate } from '../format.ts';

/** Score history as a small line chart with the lagging threshold dashed. */
export function Sparkline({ values, reference, label }: { values: DatedValue[]; reference: number | null; label: string }) {
  const width = 240;
  const height = 56;
  const chart = sparkline(values, { width, height, domain: [40, 100], ...(reference === null ? {} : { reference }) });
  const last = chart.points[chart.points.length - 1];
  return (
    <figure className="sparkline">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="sparkline">
        {chart.referenceY !== null && <line x1={0} x2={width} y1={chart.referenceY} y2={chart.referenceY} className="reference" />}
        <path d={chart.path} className="line" />
        {/* Keyed by position in the history: two inspections can share a date. */}
        {chart.points.map((point, i) => (
          <circle key={i} cx={point.x} cy={point.y} r={2} className={reference !== null && point.value < reference ? 'dot low' : 'dot'}>
            <title>{`${formatDate(point.date)}：${point.value} 分`}</title>
          </circle>
        ))}
        {last && <circle cx={last.x} cy={last.y} r={3.5} className="dot last" />}
      </svg>
      <figcaption className="muted">
        {values.length} 次检查{reference !== null && `，虚线为 ${reference} 分落后线`}
      </figcaption>
    </figure>
  );
}
