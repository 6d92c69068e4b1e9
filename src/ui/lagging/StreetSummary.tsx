import { formatShare, GRADE_LABELS, GRADES, LAGGING_STREET_WORD, laggingTerms, standingText, type GradedStreet } from '../../core/index.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { selectStreet } from '../../state/updaters.ts';
import { formatScore } from '../format.ts';

/** The selected street (or the district): score and trend, lagging count, standard share, demo progress, reasons. */
export function StreetSummary({ store }: { store: AppStore }) {
  const report = useAppStore(store, selectLaggingReport);
  const code = useAppStore(store, (state) => state.filters.street);
  const config = useAppStore(store, (state) => state.data?.dataset.config ?? null);
  if (!report || !config) return null;
  const terms = laggingTerms(config);
  const street: GradedStreet | undefined = code === null ? report.district : report.streets.find((candidate) => candidate.code === code || candidate.name === code);
  if (!street) return null;
  const isDistrict = street === report.district;
  const standing = isDistrict ? undefined : report.standings.find((candidate) => candidate.unit.kind === 'street' && candidate.unit.id === street.code);
  return (
    <section className="street-summary" data-testid="street-summary" data-street-code={street.code} aria-label={`${street.name}汇总`}>
      <div className="details-head">
        <h2>
          {street.name}
          {!isDistrict && <span className={street.lagging ? 'tag bad' : 'tag ok'}>{street.lagging ? `${LAGGING_STREET_WORD} · 第 ${street.rank} 名（倒数）` : `第 ${street.rank} 名（倒数）`}</span>}
          <span className={`tag grade-${street.grade}`} data-testid="street-grade" data-grade={street.grade}>
            分级：{GRADE_LABELS[street.grade]}
          </span>
        </h2>
        {!isDistrict && (
          <button type="button" className="link-button" onClick={() => dispatch(store, selectStreet, null)} aria-label="取消选中街道">
            ×
          </button>
        )}
      </div>
      <dl className="facts">
        <dt>平均检查得分</dt>
        <dd data-testid="street-score">
          {formatScore(street.score)}
          {street.scoreChange !== null && <span className={street.scoreChange >= 0 ? 'up' : 'down'}>（较上轮 {street.scoreChange > 0 ? '+' : ''}{street.scoreChange}）</span>}
        </dd>
        <dt>台账评分（均值）</dt>
        <dd>{formatScore(street.rubricScore)}</dd>
        <dt>社区分级</dt>
        <dd data-testid="street-grade-counts">{GRADES.map((grade) => `${GRADE_LABELS[grade]} ${street.gradeCounts[grade]}`).join(' · ')}</dd>
        {standing && (
          <>
            <dt>问题督办</dt>
            <dd data-testid="street-standing">
              第 {standing.rank} 名（倒数）：{standingText(standing)}
            </dd>
          </>
        )}
        <dt title={terms.community.rule}>{terms.community.word}社区</dt>
        <dd data-testid="street-lagging-count">
          {street.laggingCount} / {street.communities}
        </dd>
        <dt>设施全部达标</dt>
        <dd>{street.standardShare === null ? '—' : `${street.standardCount} 个（${formatShare(street.standardShare)}）`}</dd>
        <dt>示范社区</dt>
        <dd>
          {street.demoCount} 个{street.demoLagging > 0 && <span className="warn-text">，其中 {street.demoLagging} 个{terms.community.word}</span>}
        </dd>
        <dt>经费（已用 / 下拨）</dt>
        <dd>{street.budgetAllocatedWan > 0 ? `${street.budgetSpentWan} / ${street.budgetAllocatedWan} 万元（${formatShare(street.budgetSpentShare ?? 0)}）` : '未下拨'}</dd>
      </dl>
      {street.gradeReasons.length > 0 && (
        <>
          <h3>分级原因</h3>
          <ul className="reasons" data-testid="street-grade-reasons">
            {street.gradeReasons.map((reason) => (
              <li key={reason.text}>{reason.text}</li>
            ))}
          </ul>
        </>
      )}
      {street.reasons.length > 0 && (
        <>
          <h3>{street.lagging ? '落后原因' : '存在问题'}</h3>
          <ul className="reasons" data-testid="street-reasons">
            {street.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
