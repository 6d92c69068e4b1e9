import { formatShare, UNIT_KIND_LABELS, type UnitStanding } from '../../core/index.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';

const rate = (value: number | null) => (value === null ? '—' : formatShare(value));
const days = (value: number | null) => (value === null ? '—' : `${value} 天`);

/**
 * The responsible units' standings from the cases (街道 and 市属部门, worst first): open, overdue
 * and red cases, rectification rate, median days to close, reopenings; red case numbers listed
 * for the unit's leader. Shown only when the campaign has cases (a server campaign).
 */
export function UnitStandings({ store, limit }: { store: AppStore; limit?: number }) {
  const report = useAppStore(store, selectLaggingReport);
  if (!report || report.casesAt === null) return null;
  const shown: UnitStanding[] = report.standings.filter((standing) => standing.cases > 0).slice(0, limit);
  return (
    <section className="unit-standings" data-testid="unit-standings" aria-label="责任单位督办排名">
      <h2>责任单位督办排名</h2>
      {shown.length === 0 ? (
        <p className="muted">截至此时尚无问题记录。</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th>名次</th>
              <th>单位</th>
              <th title="未复查通过、未销号的问题">未整改</th>
              <th title="未反馈且已过整改期限">超期</th>
              <th title="三色督办：红色">红色</th>
              <th title="复查通过或已销号 / 全部问题">整改率</th>
              <th title="从上报到销号的天数（中位数）">销号用时</th>
              <th title="复查未通过、退回整改的次数">重复整改</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((standing) => (
              <tr key={`${standing.unit.kind}:${standing.unit.id}`} data-unit={standing.unit.id} className={standing.red > 0 ? 'lagging' : undefined}>
                <td>{standing.rank}</td>
                <td>
                  {standing.name}
                  <span className="muted">（{UNIT_KIND_LABELS[standing.unit.kind]}）</span>
                </td>
                <td>{standing.open}</td>
                <td>{standing.overdue}</td>
                <td title={standing.redNumbers.map((n) => `第 ${n} 号`).join('、')}>{standing.red}</td>
                <td>{rate(standing.rectificationRate)}</td>
                <td>{days(standing.medianDaysToClose)}</td>
                <td>{standing.reopenings}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
