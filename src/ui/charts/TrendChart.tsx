import { lineChart } from '../../charts/line-chart.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { LineAxes, LineDots } from './LineChart.tsx';

/**
 * Average score per inspection round up to the as-of round: the district, and the selected street
 * (if any); dots mark the round kinds (weekly circles, monthly squares, bulletins hollow).
 */
export function TrendChart({ store, width = 400, height = 200 }: { store: AppStore; width?: number; height?: number }) {
  const report = useAppStore(store, selectLaggingReport);
  const street = useAppStore(store, (state) => state.filters.street);
  const minScore = useAppStore(store, (state) => state.data?.dataset.config.lagging.minScore ?? null);
  if (!report) return null;
  const { trend } = report;
  const kindOf = (i: number) => (trend.rounds[i]!.kinds.includes('monthly') ? 'monthly' : trend.rounds[i]!.kinds.includes('weekly') ? 'weekly' : 'bulletin');
  const toPoints = (scores: readonly (number | null)[]) => scores.map((value, i) => ({ date: trend.rounds[i]!.date, value, kind: kindOf(i) }));
  const streetInfo = street === null ? undefined : report.streets.find((candidate) => candidate.code === street);
  const series = [{ key: 'district', points: toPoints(trend.district.scores) }];
  if (streetInfo && trend.streets.has(streetInfo.code)) series.push({ key: streetInfo.code, points: toPoints(trend.streets.get(streetInfo.code)!.scores) });
  const layout = lineChart(series, { width, height, reference: minScore, margin: { top: 10, right: 12, bottom: 22, left: 30 } });
  return (
    <figure className="chart trend-chart">
      <figcaption>
        <strong>得分趋势（每轮检查）</strong>
        <span className="legend-inline">
          <span className="key district" /> 全区{streetInfo && (<><span className="key street" /> {streetInfo.name}</>)}
          <span className="muted"> ● 周查 ■ 月查 ○ 通报；月查起计入全部社区</span>
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="fluid" role="img" aria-label="得分趋势" data-testid="trend-chart" data-rounds={trend.rounds.length}>
        <LineAxes layout={layout} />
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
