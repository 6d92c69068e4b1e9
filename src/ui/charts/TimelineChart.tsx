import { timelineLayout } from '../../charts/timeline.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { formatDate } from '../format.ts';
import { useWidth } from './use-width.ts';

const ROW_LABELS = { deadline: '节点', monthly: '月查', weekly: '周查', bulletin: '通报' } as const;
const KINDS = ['deadline', 'monthly', 'weekly', 'bulletin'] as const;
/** Row pitch and the first row's centre, px (rows far enough apart for 12 px labels). */
const PITCH = 20;
const TOP = 22;
const LABEL_GUTTER = 40;

/**
 * Campaign timeline: deadlines with the person responsible, weekly/monthly checks, bulletins, the
 * as-of marker and the countdown. The axis ends at the next deadline; later ones are named under it.
 */
export function TimelineChart({ store }: { store: AppStore }) {
  const report = useAppStore(store, selectLaggingReport);
  const [ref, width] = useWidth<HTMLElement>(400);
  if (!report) return null;
  const { timeline } = report;
  const until = timeline.next?.date ?? null;
  const layout = timelineLayout(timeline.events, { width, asOf: timeline.asOf, until, left: LABEL_GUTTER, tickCount: Math.max(2, Math.floor(width / 90)) });
  const rowY = (kind: (typeof KINDS)[number]) => TOP + KINDS.indexOf(kind) * PITCH;
  const axisY = TOP + KINDS.length * PITCH - 6;
  const height = axisY + 22;
  const later = layout.later.filter((event) => event.kind === 'deadline');
  return (
    <figure className="chart timeline-chart" ref={ref}>
      <figcaption>
        <strong>创建时间轴</strong>
        {timeline.next ? (
          <span className="countdown-inline" data-testid="lagging-countdown" data-days-left={timeline.next.daysLeft}>
            距「{timeline.next.label}」还有 <strong>{timeline.next.daysLeft}</strong> 天（{formatDate(timeline.next.date)}，责任：{timeline.next.responsible || '未指定'}）
          </span>
        ) : (
          <span className="muted"> 全部节点已过</span>
        )}
      </figcaption>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="创建时间轴" data-testid="timeline-chart">
        {KINDS.map((kind) => (
          <text key={kind} x={2} y={rowY(kind)} dy="0.32em" className="row-label">
            {ROW_LABELS[kind]}
          </text>
        ))}
        {layout.ticks.map((tick) => (
          <g key={tick.label} transform={`translate(${tick.offset},0)`} className="axes">
            <line y1={TOP - 10} y2={axisY} className="grid" />
            <text y={axisY + 15} textAnchor="middle">
              {tick.label}
            </text>
          </g>
        ))}
        {layout.events.map((event, i) => (
          <g key={`${event.kind}-${event.date}-${i}`} className={`event ${event.kind}${event.past ? ' past' : ''}`} transform={`translate(${event.x},${rowY(event.kind)})`} data-kind={event.kind}>
            {event.kind === 'deadline' ? <path d="M0,-6 L6,0 L0,6 L-6,0 Z" /> : event.kind === 'monthly' ? <rect x={-3.5} y={-3.5} width={7} height={7} /> : <circle r={event.kind === 'bulletin' ? 3.5 : 3} />}
            <title>{`${formatDate(event.date)} ${event.label}${event.responsible ? `（${event.responsible}）` : ''}`}</title>
          </g>
        ))}
        {layout.asOfX !== null && (
          <g className="asof-marker">
            <line x1={layout.asOfX} x2={layout.asOfX} y1={TOP - 10} y2={axisY} />
          </g>
        )}
      </svg>
      {later.length > 0 && (
        <p className="muted timeline-later" data-testid="timeline-later">
          其后节点：{later.map((event) => `${formatDate(event.date)} ${event.label}${event.responsible ? `（${event.responsible}）` : ''}`).join('；')}
        </p>
      )}
    </figure>
  );
}
