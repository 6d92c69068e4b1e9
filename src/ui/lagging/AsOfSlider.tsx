import { INSPECTION_KIND_LABELS } from '../../core/index.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { setAsOf } from '../../state/updaters.ts';
import { formatDate } from '../format.ts';

/** The inspection-round slider: the as-of date of map, charts, table and bulletin (`asof=` in the URL). */
export function AsOfSlider({ store }: { store: AppStore }) {
  const report = useAppStore(store, selectLaggingReport);
  if (!report || report.rounds.length === 0) return <p className="muted">尚无检查记录：只按状态表判定。</p>;
  const { rounds } = report;
  const current = report.round?.index ?? -1;
  const latest = rounds.length - 1;
  return (
    <div className="asof" data-testid="asof">
      <label htmlFor="asof-slider">
        截至 <strong data-testid="asof-date">{report.round ? formatDate(report.round.date) : '首轮之前'}</strong>
        {report.round && <span className="muted">（第 {current + 1}/{rounds.length} 轮 · {report.round.kinds.map((kind) => INSPECTION_KIND_LABELS[kind]).join('、')}）</span>}
      </label>
      <input
        id="asof-slider"
        data-testid="asof-slider"
        type="range"
        min={0}
        max={latest}
        step={1}
        value={Math.max(0, current)}
        onChange={(event) => {
          const index = Number(event.target.value);
          dispatch(store, setAsOf, index === latest ? null : rounds[index]!.date);
        }}
        aria-valuetext={report.round ? formatDate(report.round.date) : ''}
      />
    </div>
  );
}
