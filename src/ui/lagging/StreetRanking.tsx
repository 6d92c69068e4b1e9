import { rankingBars } from '../../charts/ranking-bars.ts';
import { GRADE_LABELS, LAGGING_STREET_WORD } from '../../core/index.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { hoverStreet, selectStreet } from '../../state/updaters.ts';
import { formatScore } from '../format.ts';
import { useWidth } from '../charts/use-width.ts';

const BAND = 24;

/**
 * Streets ranked worst first as horizontal bars with the lagging threshold line. Each street is a
 * `g` with data-street-code, data-score and data-lagging, in ranked order; a click selects the
 * street (map outline, filters, `street=` in the URL), hovering outlines it on the map (dashed), and a
 * street selected elsewhere, or holding the community hovered on the map, is marked.
 */
export function StreetRanking({ store }: { store: AppStore }) {
  const [ref, measured] = useWidth<HTMLElement>(330);
  const width = Math.min(measured, 420);
  const report = useAppStore(store, selectLaggingReport);
  const selected = useAppStore(store, (state) => state.filters.street);
  const hoveredStreet = useAppStore(store, (state) => (state.hovered === null ? null : (state.data?.dataset.boundaries.features[state.hovered]?.streetCode ?? null)));
  const minScore = useAppStore(store, (state) => state.data?.dataset.config.lagging.minScore ?? null);
  if (!report) return null;
  const layout = rankingBars(
    report.streets.map((street) => ({ key: street.code, value: street.score })),
    { width, band: BAND, threshold: minScore, margin: { top: 4, right: 64, bottom: 20, left: 92 } },
  );
  const height = layout.plot.bottom + 22;
  return (
    <figure className="chart street-ranking-chart" ref={ref}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label="街道排名（最落后在上）" data-testid="street-ranking">
        {layout.ticks.map((tick) => (
          <g key={tick.label} transform={`translate(${tick.offset},0)`} className="axes">
            <line y1={layout.plot.top} y2={layout.plot.bottom} className="grid" />
            <text y={layout.plot.bottom + 14} textAnchor="middle">
              {tick.label}
            </text>
          </g>
        ))}
        {report.streets.map((street, i) => {
          const bar = layout.bars[i]!;
          const classes = ['bar-row', street.lagging ? 'lagging' : '', street.code === selected ? 'selected' : '', street.code === hoveredStreet ? 'hovered' : ''].filter(Boolean).join(' ');
          return (
            <g
              key={street.code}
              className={classes}
              data-street-code={street.code}
              data-score={street.score ?? ''}
              data-lagging={street.lagging ? 'true' : 'false'}
              data-grade={street.grade}
              data-rank={street.rank}
              role="button"
              tabIndex={0}
              aria-pressed={street.code === selected}
              aria-label={`${street.rank}. ${street.name} ${formatScore(street.score)}${street.lagging ? `，${LAGGING_STREET_WORD}` : ''}，分级${GRADE_LABELS[street.grade]}`}
              onClick={() => dispatch(store, selectStreet, street.code)}
              onMouseEnter={() => dispatch(store, hoverStreet, street.code)}
              onMouseLeave={() => dispatch(store, hoverStreet, null)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  dispatch(store, selectStreet, street.code);
                }
              }}
            >
              <rect x={0} y={bar.y - 2} width={width} height={bar.height + 4} className="hit" />
              <circle cx={7} cy={bar.y + bar.height / 2} r={5} className={`grade-dot grade-${street.grade}`}>
                <title>{`分级：${GRADE_LABELS[street.grade]}`}</title>
              </circle>
              <text x={layout.plot.left - 6} y={bar.y + bar.height / 2} dy="0.32em" textAnchor="end" className="label">
                {street.name}
              </text>
              <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} className="bar" />
              {/* Scores in a column right of the plot, so the dashed lagging line never crosses them. */}
              <text x={layout.plot.right + 6} y={bar.y + bar.height / 2} dy="0.32em" className="value">
                {street.score === null ? '未检查' : formatScore(street.score).replace(' 分', '')}
                {street.scoreChange !== null && street.scoreChange !== 0 && <tspan className={street.scoreChange > 0 ? 'up' : 'down'}>{` ${street.scoreChange > 0 ? '↑' : '↓'}${Math.abs(street.scoreChange)}`}</tspan>}
              </text>
            </g>
          );
        })}
        {layout.thresholdX !== null && (
          <g className="threshold">
            <line x1={layout.thresholdX} x2={layout.thresholdX} y1={layout.plot.top - 2} y2={layout.plot.bottom} />
            <text x={layout.thresholdX} y={layout.plot.bottom + 14} textAnchor="middle">
              {minScore}
            </text>
          </g>
        )}
      </svg>
      <figcaption className="muted">街道平均检查得分，最落后在上；红色条为平均分低于 {minScore ?? '—'} 分的{LAGGING_STREET_WORD}，左侧圆点为街道红黄绿分级；点击街道在地图上选中。</figcaption>
    </figure>
  );
}
