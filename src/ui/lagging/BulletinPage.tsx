import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { bulletin, bulletinPage, formatBulletinCsv, formatScore as formatPlainScore, GRADE_LABELS, halfMonthsBetween, laggingTerms, standingText, UNIT_KIND_LABELS, type Bulletin, type HalfMonth } from '../../core/index.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { formatDate } from '../format.ts';

/**
 * The bulletin of the loaded data (the core's rows): of a half-month (`YYYY-MM-1|2`) when one is
 * chosen, else as of the chosen round; with the campaign's cases in 服务器模式.
 */
export function useBulletin(store: AppStore, halfMonth: string | null = null): Bulletin | null {
  const data = useAppStore(store, (state) => state.data);
  const asOf = useAppStore(store, (state) => state.asOf);
  // 服务器模式: the campaign's cases add the units' standings and grade with open and red cases.
  const cases = useAppStore(store, (state) => state.supervisionCases);
  return useMemo(() => {
    if (!data) return null;
    const withCases = cases ? { cases: cases.cases, now: cases.now } : {};
    return bulletin(data.dataset, halfMonth ? { halfMonth, ...withCases } : { asOf, ...withCases });
  }, [data, asOf, halfMonth, cases]);
}

/** The half-months from the first inspection to the data's as-of date, latest first (the bulletin's choices). */
function useHalfMonths(store: AppStore): HalfMonth[] {
  const dataset = useAppStore(store, (state) => state.data?.dataset ?? null);
  return useMemo(() => {
    const first = dataset?.inspections[0]?.date;
    return first && dataset?.asOf ? halfMonthsBetween(first, dataset.asOf).reverse() : [];
  }, [dataset]);
}

/** Saves the bulletin CSV (UTF-8 with BOM for Excel) as `通报-<date>.csv`. */
export function downloadBulletinCsv(result: Bulletin): void {
  const blob = new Blob([formatBulletinCsv(result.rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `通报-${result.asOf ?? '无检查'}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const change = (value: number | null) => (value === null ? '' : `${value > 0 ? '+' : ''}${formatPlainScore(value)}`);
const score = (value: number | null) => (value === null ? '—' : formatPlainScore(value));

/**
 * The printable half-monthly bulletin: ONE A4 page (print stylesheet in styles.css) with the
 * core's one-page content (bulletinPage): streets ranked, the worst communities, what changed and
 * the total line; the full list of red lights is the CSV. Esc or 关闭 closes it.
 */
export function BulletinPage({ store, onClose }: { store: AppStore; onClose: () => void }) {
  const [halfMonth, setHalfMonth] = useState<string | null>(null);
  const periods = useHalfMonths(store);
  const result = useBulletin(store, halfMonth);
  const config = useAppStore(store, (state) => state.data?.dataset.config ?? null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    closeRef.current?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  if (!result || !config) return null;
  const page = bulletinPage(result, config);
  const terms = laggingTerms(config);
  // Rendered next to the app root so that printing can hide the app and keep only the page.
  return createPortal(
    <div className="bulletin-overlay" role="dialog" aria-modal="true" aria-labelledby="bulletin-title" data-testid="bulletin-dialog">
      <div className="bulletin-actions no-print">
        <label>
          通报期：
          <select data-testid="bulletin-period" value={halfMonth ?? ''} onChange={(event) => setHalfMonth(event.target.value || null)}>
            <option value="">截至所选轮次</option>
            {periods.map((period) => (
              <option key={period.id} value={period.id}>
                {period.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => window.print()}>
          打印 / 存为 PDF
        </button>
        <button type="button" data-testid="bulletin-csv" onClick={() => downloadBulletinCsv(result)}>
          下载 CSV（完整名单）
        </button>
        <button type="button" ref={closeRef} onClick={onClose} data-testid="bulletin-close">
          关闭（Esc）
        </button>
      </div>
      <article className="bulletin-page" data-testid="bulletin-page">
        <h1 id="bulletin-title">{result.title}</h1>
        <p className="bulletin-meta">
          截至 {result.asOf ? formatDate(result.asOf) : '—'}
          {result.previousAsOf ? `，与 ${formatDate(result.previousAsOf)} 比较` : '（首期，无上期比较）'} · {result.report.rankingScore}
        </p>
        <p className="bulletin-total" data-testid="bulletin-total">{page.total}</p>
        <p className="bulletin-total" data-testid="bulletin-grades">{page.grades}</p>
        <h2>一、街道排名（最落后在前）</h2>
        <table>
          <thead>
            <tr>
              <th>名次</th>
              <th>街道</th>
              <th>平均分</th>
              <th>较上期</th>
              <th>分级</th>
              <th>{terms.community.word}</th>
              <th>各规则{terms.community.word}数</th>
              <th>变化</th>
            </tr>
          </thead>
          <tbody>
            {page.streets.map((row) => (
              <tr key={row.code} className={row.lagging ? 'lagging' : undefined}>
                <td>{row.rank}</td>
                <td>{row.name}{row.lagging && terms.street ? `（${terms.street.word}）` : ''}</td>
                <td>{score(row.score)}</td>
                <td>{change(row.change)}</td>
                <td className={`grade-${row.grade}`} title={`红 ${row.gradeCounts.red} · 黄 ${row.gradeCounts.yellow} · 绿 ${row.gradeCounts.green}`}>{GRADE_LABELS[row.grade]}</td>
                <td>{`${row.redLights}/${row.communities}`}</td>
                <td>{row.rules}</td>
                <td>{row.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>
          二、最落后的 {page.worst.length} 个社区（共 {page.laggingTotal} 个{terms.community.word}，完整名单见 CSV）
        </h2>
        <table>
          <thead>
            <tr>
              <th>序</th>
              <th>社区</th>
              <th>街道</th>
              <th>得分</th>
              <th>较上期</th>
              <th>原因</th>
            </tr>
          </thead>
          <tbody>
            {page.worst.map((row) => (
              <tr key={row.code}>
                <td>{row.rank}</td>
                <td>{row.name}</td>
                <td>{row.street}</td>
                <td>{score(row.score)}</td>
                <td>{change(row.change)}</td>
                <td>{row.reasons.join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.unitsTotal > 0 && (
          <>
            <h2>
              三、责任单位督办（最落后的 {page.units.length} 个，共 {page.unitsTotal} 个单位有问题）
            </h2>
            <table data-testid="bulletin-units">
              <thead>
                <tr>
                  <th>名次</th>
                  <th>单位</th>
                  <th>督办情况</th>
                </tr>
              </thead>
              <tbody>
                {page.units.map((standing) => (
                  <tr key={`${standing.unit.kind}:${standing.unit.id}`} className={standing.red > 0 ? 'lagging' : undefined}>
                    <td>{standing.rank}</td>
                    <td>
                      {standing.name}（{UNIT_KIND_LABELS[standing.unit.kind]}）
                    </td>
                    <td>{standingText(standing)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <h2>{page.unitsTotal > 0 ? '四' : '三'}、较上期变化</h2>
        {page.changes.length === 0 ? (
          <p>首期通报，无上期比较。</p>
        ) : (
          <ul className="bulletin-changes">
            {page.changes.map((item) => (
              <li key={item.label}>
                {item.label} {item.count} 个{item.names.length > 0 ? `：${item.names.join('、')}${item.count > item.names.length ? ` 等` : ''}` : ''}
              </li>
            ))}
          </ul>
        )}
      </article>
    </div>,
    document.body,
  );
}
