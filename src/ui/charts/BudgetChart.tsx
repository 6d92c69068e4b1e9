import { pairedBars } from '../../charts/paired-bars.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { selectStreet } from '../../state/updaters.ts';
import { useWidth } from './use-width.ts';

/** Budget allocated vs spent per street (万元), every street in ranking order (none allocated: no bars, marked 未下拨). */
export function BudgetChart({ store, height = 210 }: { store: AppStore; height?: number }) {
  const report = useAppStore(store, selectLaggingReport);
  const selected = useAppStore(store, (state) => state.filters.street);
  const [ref, width] = useWidth<HTMLElement>(400);
  if (!report) return null;
  const streets = report.streets;
  const anyMoney = streets.some((street) => street.budgetAllocatedWan > 0);
  const layout = pairedBars(
    streets.map((street) => ({ key: street.code, a: street.budgetAllocatedWan, b: street.budgetSpentWan })),
    { width, height, margin: { top: 10, right: 8, bottom: 48, left: 40 } },
  );
  const nameOf = (code: string) => streets.find((street) => street.code === code)?.name ?? '';
  return (
    <figure className="chart budget-chart" ref={ref}>
      <figcaption>
        <strong>经费：下拨与使用（万元）</strong>
        <span className="legend-inline">
          <span className="key allocated" /> 已下拨 <span className="key spent" /> 已使用
        </span>
      </figcaption>
      {!anyMoney ? (
        <p className="muted">尚未下拨经费。</p>
      ) : (
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="各街道经费下拨与使用" data-testid="budget-chart" data-streets={streets.length}>
          {layout.yTicks.map((tick) => (
            <g key={tick.label} transform={`translate(0,${tick.offset})`} className="axes">
              <line x1={layout.plot.left} x2={layout.plot.right} className="grid" />
              <text x={layout.plot.left - 4} dy="0.32em" textAnchor="end">
                {tick.label}
              </text>
            </g>
          ))}
          {layout.bars.map((bar) => (
            <rect key={`${bar.key}-${bar.series}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} className={`bar ${bar.series === 'a' ? 'allocated' : 'spent'}${bar.key === selected ? ' selected' : ''}`} onClick={() => dispatch(store, selectStreet, bar.key)}>
              <title>{`${nameOf(bar.key)}：${bar.series === 'a' ? '已下拨' : '已使用'} ${bar.value} 万元`}</title>
            </rect>
          ))}
          {layout.labels.map((label) => (
            // Street names upright (turned 90°), so that all 14 fit under their bars without overlapping.
            <text key={label.key} transform={`translate(${label.x},${layout.plot.bottom + 6}) rotate(-90)`} textAnchor="end" dy="0.32em" className="axis-label" data-budget-street={label.key}>
              {nameOf(label.key).replace(/(街道|镇)$/, '')}
            </text>
          ))}
        </svg>
      )}
    </figure>
  );
}
