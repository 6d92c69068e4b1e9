import { lineChart } from '../../charts/line-chart.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { LineAxes, LineDots } from './LineChart.tsx';
import { useWidth } from './use-width.ts';

/**
 * Average score per inspection round up to the as-of round: the district, and the selected street
 * (if any); dots mark the round kinds (weekly circles, monthly squares, bulletins hollow). The
 * first monthly check is marked on the chart: from then on every community is scored, not only
 * the demonstration ones, which is why the average drops there.
 */
export function TrendChart({ store, height = 200 }: { store: AppStore; height?: number }) {
  const report = useAppStore(store, selectLaggingReport);
  const street = useAppStore(store, (state) => state.filters.street);
  const minScore = useAppStore(store, (state) => state.data?.dataset.config.lagging.minScore ?? null);
  const [ref, width] = useWidth<HTMLElement>(400);
  if (!report) return null;
  const { trend } = report;
  const kindOf = (i: number) => (trend.rounds[i]!.kinds.includes('monthly') ? 'monthly' : trend.rounds[i]!.kinds.includes('weekly') ? 'weekly' : 'bulletin');
  const toPoints = (scores: readonly (number | null)[]) => scores.map((value, i) => ({ date: trend.rounds[i]!.date, value, kind: kindOf(i) }));
  const streetInfo = street === null ? undefined : report.streets.find((candidate) => candidate.code === street);
  const series = [{ key: 'district', points: toPoints(trend.district.scores) }];
  if (streetInfo && trend.streets.has(streetInfo.code)) series.push({ key: streetInfo.code, points: toPoints(trend.streets.get(streetInfo.code)!.scores) });
  const layout = lineChart(series, { width, height, reference: minScore, margin: { top: 22, right: 14, bottom: 24, left: 34 } });
  // The first monthly round (when the checks start covering every community), if it is not the first round.
  const firstMonthly = trend.rounds.findIndex((round) => round.kinds.includes('monthly'));
  const monthlyX = firstMonthly > 0 ? layout.x(trend.rounds[firstMonthly]!.date) : null;
  return (
    <figure className="chart trend-chart" ref={ref}>
      <figcaption>
        <strong>得分趋势（每轮检查）</strong>
        <span className="legend-inline">
          <span className="key district" /> 全区{streetInfo && (<><span className="key street" /> {streetInfo.name}</>)}
          <span className="muted"> ● 周查 ■ 月查 ○ 通报</span>
        </span>
      </figcaption>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="得分趋势" data-testid="trend-chart" data-rounds={trend.rounds.length}>
        <LineAxes layout={layout} />
        {monthlyX !== null && (
          <g className="annotation" data-testid="trend-monthly-start">
            <line x1={monthlyX} x2={monthlyX} y1={layout.plot.top - 4} y2={layout.plot.bottom} />
            <text x={monthlyX} y={layout.plot.top - 8} textAnchor={monthlyX > width / 2 ? 'end' : 'start'}>
              月查起计入全部社区
            </text>
          </g>
        )}
        {layout.lines.map((line) => (
          <g key={line.key} className={line.key === 'district' ? 'series district' : 'series street'} data-series={line.key}>
            <path d={line.path} className="line" />
            <LineDots dots={line.dots} label={line.key === 'district' ? '全区' : (streetInfo?.name ?? '')} />
          </g>
        ))}
      </svg>
    </figure>
  );
}
