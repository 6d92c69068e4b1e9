import { timelineLayout } from '../../charts/timeline.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { formatDate } from '../format.ts';

const ROW: Record<string, number> = { deadline: 22, monthly: 46, weekly: 60, bulletin: 74 };

/** Campaign timeline: deadlines with the person responsible, weekly/monthly checks, bulletins, the as-of marker and the countdown. */
export function TimelineChart({ store, width = 400 }: { store: AppStore; width?: number }) {
  const report = useAppStore(store, selectLaggingReport);
  if (!report) return null;
  const { timeline } = report;
  const layout = timelineLayout(timeline.events, { width, asOf: timeline.asOf });
  const height = 104;
  return (
    <figure className="chart timeline-chart">
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
      <svg viewBox={`0 0 ${width} ${height}`} className="fluid" role="img" aria-label="创建时间轴" data-testid="timeline-chart">
        {(['deadline', 'monthly', 'weekly', 'bulletin'] as const).map((kind) => (
          <text key={kind} x={2} y={ROW[kind]! - 8} className="row-label">
            {{ deadline: '节点', monthly: '月查', weekly: '周查', bulletin: '通报' }[kind]}
          </text>
        ))}
        {layout.ticks.map((tick) => (
          <g key={tick.label} transform={`translate(${tick.offset},0)`} className="axes">
            <line y1={10} y2={84} className="grid" />
            <text y={98} textAnchor="middle">
              {tick.label}
            </text>
          </g>
        ))}
        {layout.events.map((event, i) => (
          <g key={`${event.kind}-${event.date}-${i}`} className={`event ${event.kind}${event.past ? ' past' : ''}`} transform={`translate(${event.x},${ROW[event.kind]})`} data-kind={event.kind}>
            {event.kind === 'deadline' ? <path d="M0,-6 L6,0 L0,6 L-6,0 Z" /> : event.kind === 'monthly' ? <rect x={-3} y={-3} width={6} height={6} /> : <circle r={event.kind === 'bulletin' ? 3 : 2.5} />}
            <title>{`${formatDate(event.date)} ${event.label}${event.responsible ? `（${event.responsible}）` : ''}`}</title>
          </g>
        ))}
        {layout.asOfX !== null && (
          <g className="asof-marker">
            <line x1={layout.asOfX} x2={layout.asOfX} y1={8} y2={86} />
            <text x={layout.asOfX} y={8} textAnchor="middle">
              截至
            </text>
          </g>
        )}
      </svg>
    </figure>
  );
}
