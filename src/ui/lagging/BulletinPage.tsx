import { useMemo } from 'react';
import { createPortal } from 'react-dom';
import { bulletin, formatBulletinCsv, formatScore as formatPlainScore, type Bulletin } from '../../core/index.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { formatDate } from '../format.ts';

/** The bulletin of the loaded data as of the chosen round (the core's rows). */
export function useBulletin(store: AppStore): Bulletin | null {
  const data = useAppStore(store, (state) => state.data);
  const asOf = useAppStore(store, (state) => state.asOf);
  return useMemo(() => (data ? bulletin(data.dataset, { asOf }) : null), [data, asOf]);
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

/** The printable half-monthly bulletin (A4, print stylesheet in styles.css): streets ranked, lagging communities, changes. */
export function BulletinPage({ store, onClose }: { store: AppStore; onClose: () => void }) {
  const result = useBulletin(store);
  if (!result) return null;
  const streets = result.rows.filter((row) => row.section === 'streets');
  const lagging = result.rows.filter((row) => row.section === 'lagging');
  const changes = result.rows.filter((row) => row.section === 'changes');
  // Rendered next to the app root so that printing can hide the app and keep only the page.
  return createPortal(
    <div className="bulletin-overlay" role="dialog" aria-modal="true" aria-labelledby="bulletin-title">
      <div className="bulletin-actions no-print">
        <button type="button" onClick={() => window.print()}>
          打印 / 存为 PDF
        </button>
        <button type="button" data-testid="bulletin-csv" onClick={() => downloadBulletinCsv(result)}>
          下载 CSV
        </button>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </div>
      <article className="bulletin-page" data-testid="bulletin-page">
        <h1 id="bulletin-title">{result.title}</h1>
        <p className="bulletin-meta">
          截至 {result.asOf ? formatDate(result.asOf) : '—'}
          {result.previousAsOf ? `，与 ${formatDate(result.previousAsOf)} 比较` : '（首期，无上期比较）'} · {result.report.rankingScore}
        </p>
        <h2>一、街道排名（最落后在前）</h2>
        <table>
          <thead>
            <tr>
              <th>名次</th>
              <th>街道</th>
              <th>平均分</th>
              <th>较上期</th>
              <th>落后</th>
              <th>原因与问题</th>
              <th>变化</th>
            </tr>
          </thead>
          <tbody>
            {streets.map((row) => (
              <tr key={row.code} className={row.lagging ? 'lagging' : undefined}>
                <td>{row.rank}</td>
                <td>{row.name}</td>
                <td>{score(row.score)}</td>
                <td>{change(row.change)}</td>
                <td>{row.lagging ? '是' : ''}</td>
                <td>{row.reasons.join('；')}</td>
                <td>{row.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>二、落后社区（{lagging.length} 个）</h2>
        <table>
          <thead>
            <tr>
              <th>序</th>
              <th>社区</th>
              <th>街道</th>
              <th>得分</th>
              <th>较上期</th>
              <th>原因</th>
              <th>变化</th>
            </tr>
          </thead>
          <tbody>
            {lagging.map((row) => (
              <tr key={row.code}>
                <td>{row.rank}</td>
                <td>{row.name}</td>
                <td>{row.street}</td>
                <td>{score(row.score)}</td>
                <td>{change(row.change)}</td>
                <td>{row.reasons.join('；')}</td>
                <td>{row.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>三、较上期变化（{changes.length} 个社区）</h2>
        {changes.length === 0 ? (
          <p>{result.previousAsOf ? '无变化。' : '首期通报。'}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>社区</th>
                <th>街道</th>
                <th>得分</th>
                <th>较上期</th>
                <th>变化</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((row) => (
                <tr key={row.code}>
                  <td>{row.name}</td>
                  <td>{row.street}</td>
                  <td>{score(row.score)}</td>
                  <td>{change(row.change)}</td>
                  <td>{row.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </article>
    </div>,
    document.body,
  );
}
