import { useState } from 'react';
import { GRADE_LABELS } from '../../core/index.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { select } from '../../state/updaters.ts';
import { formatScore } from '../format.ts';

/** The bottom (or top) N communities of the district or the selected street, each with its reasons. */
export function CommunityRanking({ store, count = 10 }: { store: AppStore; count?: number }) {
  const report = useAppStore(store, selectLaggingReport);
  const street = useAppStore(store, (state) => state.filters.street);
  const focused = useAppStore(store, (state) => state.selected);
  const [end, setEnd] = useState<'bottom' | 'top'>('bottom');
  if (!report) return null;
  const ranked = report.ranking.map((index) => report.communities[index]!).filter((community) => street === null || community.streetCode === street || community.street === street);
  const inspected = ranked.filter((community) => community.score !== null);
  const shown = end === 'bottom' ? ranked.slice(0, count) : [...inspected].reverse().slice(0, count);
  return (
    <section className="community-ranking" aria-label="社区排名">
      <div className="details-head">
        <h2>{end === 'bottom' ? `最落后 ${count} 个社区` : `最好 ${count} 个社区`}</h2>
        <div className="segmented" role="group" aria-label="排名方向">
          <button type="button" aria-pressed={end === 'bottom'} onClick={() => setEnd('bottom')}>
            倒数
          </button>
          <button type="button" aria-pressed={end === 'top'} onClick={() => setEnd('top')}>
            前列
          </button>
        </div>
      </div>
      <ol className="ranking-list" data-testid={`community-${end}`}>
        {shown.map((community) => (
          <li key={community.code} data-grade={community.grade} className={[community.lagging ? 'lagging' : '', community.index === focused ? 'selected' : ''].filter(Boolean).join(' ')} data-code={community.code}>
            <button type="button" className="link-button" onClick={() => dispatch(store, select, community.index)}>
              {community.name}
            </button>
            <span className="muted"> {community.street}</span>
            <span className={`tag grade-${community.grade}`} data-grade={community.grade}>{GRADE_LABELS[community.grade]}</span>
            <span className="score">{formatScore(community.score)}</span>
            {community.gradeReasons.length > 0 && <div className="reasons-line">{community.gradeReasons.map((reason) => reason.text).join('；')}</div>}
          </li>
        ))}
      </ol>
    </section>
  );
}
