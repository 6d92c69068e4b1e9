import { pairedBars } from '../../charts/paired-bars.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { selectStreet } from '../../state/updaters.ts';

/** Budget allocated vs spent per street (万元), streets with money allocated, in ranking order. */
export function BudgetChart({ store, width = 340, height = 200 }: { store: AppStore; width?: number; height?: number }) {
  const report = useAppStore(store, selectLaggingReport);
  const selected = useAppStore(store, (state) => state.filters.street);
  if (!report) return null;
  const streets = report.streets.filter((street) => street.budgetAllocatedWan > 0);
  const layout = pairedBars(
    streets.map((street) => ({ key: street.code, a: street.budgetAllocatedWan, b: street.budgetSpentWan })),
    { width, height },
  );
  return (
    <figure className="chart budget-chart">
      <figcaption>
        <strong>经费：下拨与使用（万元）</strong>
        <span className="legend-inline">
          <span className="key allocated" /> 已下拨 <span className="key spent" /> 已使用
        </span>
      </figcaption>
      {streets.length === 0 ? (
        <p className="muted">尚未下拨经费。</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} className="fluid" role="img" aria-label="各街道经费下拨与使用" data-testid="budget-chart">
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
              <title>{`${streets.find((street) => street.code === bar.key)?.name}：${bar.series === 'a' ? '已下拨' : '已使用'} ${bar.value} 万元`}</title>
            </rect>
          ))}
          {layout.labels.map((label) => (
            <text key={label.key} x={label.x} y={layout.plot.bottom + 14} textAnchor="middle" className="axis-label">
              {streets.find((street) => street.code === label.key)?.name.replace(/(街道|镇)$/, '')}
            </text>
          ))}
        </svg>
      )}
    </figure>
  );
}
