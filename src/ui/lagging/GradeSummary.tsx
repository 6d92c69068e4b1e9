import { GRADES, gradeSummary } from '../../core/index.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';

/**
 * The graded standing 红黄绿 as of the chosen round: communities and streets per grade, how the
 * grades split the red lights (亮红灯), and the rule each grade counts (the core's gradeSummary).
 */
export function GradeSummary({ store }: { store: AppStore }) {
  const report = useAppStore(store, selectLaggingReport);
  const config = useAppStore(store, (state) => state.data?.dataset.config ?? null);
  if (!report || !config) return null;
  const summary = gradeSummary(report, config);
  return (
    <section className="grade-summary" data-testid="grade-summary" aria-label="红黄绿分级">
      <ul className="grade-counts">
        {GRADES.map((grade) => (
          <li key={grade} className={`grade-chip grade-${grade}`} data-grade={grade} title={summary.terms[grade].rule}>
            <span className="grade-word">{summary.terms[grade].label}</span>
            <strong data-testid={`grade-count-${grade}`}>{summary.communities[grade]}</strong> 个
          </li>
        ))}
      </ul>
      <p className="muted" data-testid="grade-split">
        {summary.split}；{summary.streetLine}
      </p>
      <details className="grade-rules">
        <summary>分级规则</summary>
        <ul>
          {GRADES.map((grade) => (
            <li key={grade}>
              <strong>{summary.terms[grade].label}</strong>：{summary.terms[grade].rule}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
