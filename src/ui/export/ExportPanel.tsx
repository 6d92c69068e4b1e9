import { useContext, useState } from 'react';
import { RED_LIGHT_WORD } from '../../core/index.ts';
import { analysisGeoJson } from '../../export/geojson.ts';
import type { PageSize } from '../../export/map-pdf.ts';
import { planCsv, readOnlyLink, readScenarioFile, scenarioFile } from '../../export/plan.ts';
import { clusterReportTable, communityTable, laggingCommunitiesTable, laggingStreetsTable, tableToCsv, tableToXlsx, type ExportTable } from '../../export/tables.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { setExportSettings } from '../../state/import-updaters.ts';
import { projectSnapshot } from '../../state/import-updaters.ts';
import { dispatch, useAppStore, type AppState, type AppStore } from '../../state/store.ts';
import { importScenarios } from '../../state/updaters.ts';
import { download, fileStem } from './download.ts';
import { MapCaptureContext } from '../map/map-capture.ts';
import type { RemoteFlow } from '../../app/effects/remote.ts';
import { selectReadOnly } from '../../state/server.ts';

/** The store's analysis with its bridge answer, as the exports read it (no bridges yet: none). */
function exportAnswer(state: AppState) {
  if (!state.analysis) return null;
  const bridges = state.bridges?.solution ?? { suggestions: [] };
  return { ...state.analysis, bridges, explanations: state.bridges?.explanations ?? [] };
}

/** Exports (tables, GeoJSON, map image, print, PDF), plan sharing and the project file. */
export function ExportPanel({ store, remote }: { store: AppStore; remote?: RemoteFlow }) {
  const data = useAppStore(store, (state) => state.data);
  const analysis = useAppStore(store, (state) => state.analysis);
  const settings = useAppStore(store, (state) => state.project.settings);
  const readOnly = useAppStore(store, selectReadOnly);
  const mapCapture = useContext(MapCaptureContext);
  const [message, setMessage] = useState<string | null>(null);
  const [page, setPage] = useState<PageSize>('A4');
  if (!data) return null;
  const dataset = data.dataset;
  const stem = (what: string) => fileStem(dataset.config.title, what, dataset.asOf);

  const saveTable = async (table: ExportTable, format: 'csv' | 'xlsx') => {
    if (format === 'csv') download(`${stem(table.name)}.csv`, tableToCsv(table), 'text/csv;charset=utf-8');
    else download(`${stem(table.name)}.xlsx`, await tableToXlsx(table), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  };
  const tables = () => {
    const state = store.getState();
    const answer = exportAnswer(state);
    const lagging = () => selectLaggingReport(state)!;
    return { report: answer ? clusterReportTable(dataset, answer) : null, communities: communityTable(dataset, state.plan.designated, answer, selectLaggingReport(state)), laggingCommunities: () => laggingCommunitiesTable(lagging()), laggingStreets: () => laggingStreetsTable(lagging()) };
  };
  // The map sheet and the PDF writer load on the first map export, not with the first page (its JS budget).
  const mapSheet = () => import('./map-sheet.ts');
  const mapImage = async (type: 'image/png' | 'image/jpeg') => {
    const { canvasBlob, composeSheet } = await mapSheet();
    const canvas = await composeSheet(store.getState(), mapCapture.current);
    if (!canvas) throw new Error('地图尚未显示');
    return { canvas, blob: await canvasBlob(canvas, type, 0.92) };
  };
  const run = (label: string, action: () => Promise<void> | void) => async () => {
    setMessage(null);
    try {
      await action();
    } catch (error) {
      setMessage(`${label}失败：${(error as Error).message}`);
    }
  };

  return (
    <section aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title">导出与分享</h2>
      <div className="export-grid">
        <span>连片报告</span>
        <button type="button" disabled={!analysis} onClick={run('导出', () => saveTable(tables().report!, 'csv'))} data-testid="export-report-csv">CSV</button>
        <button type="button" disabled={!analysis} onClick={run('导出', () => saveTable(tables().report!, 'xlsx'))} data-testid="export-report-xlsx">XLSX</button>
        <span>社区一览</span>
        <button type="button" onClick={run('导出', () => saveTable(tables().communities, 'csv'))} data-testid="export-table-csv">CSV</button>
        <button type="button" onClick={run('导出', () => saveTable(tables().communities, 'xlsx'))} data-testid="export-table-xlsx">XLSX</button>
        <span>{RED_LIGHT_WORD}社区（含原因）</span>
        <button type="button" onClick={run('导出', () => saveTable(tables().laggingCommunities(), 'csv'))} data-testid="export-lagging-csv">CSV</button>
        <button type="button" onClick={run('导出', () => saveTable(tables().laggingCommunities(), 'xlsx'))}>XLSX</button>
        <span>街道排名</span>
        <button type="button" onClick={run('导出', () => saveTable(tables().laggingStreets(), 'csv'))}>CSV</button>
        <button type="button" onClick={run('导出', () => saveTable(tables().laggingStreets(), 'xlsx'))}>XLSX</button>
        <span>片区·联动区·周边·建议</span>
        <button type="button" disabled={!analysis} onClick={run('导出', () => download(`${stem('连片分析')}.geojson`, JSON.stringify(analysisGeoJson(dataset, exportAnswer(store.getState())!)), 'application/geo+json'))} data-testid="export-geojson">GeoJSON</button>
        <span />
        <span>地图</span>
        <button type="button" onClick={run('导出地图', async () => download(`${stem('地图')}.png`, (await mapImage('image/png')).blob, 'image/png'))} data-testid="export-png">PNG</button>
        <button
          type="button"
          data-testid="export-pdf"
          onClick={run('导出 PDF', async () => {
            const { mapPdf } = await mapSheet();
            download(`${stem('地图')}-${page}.pdf`, (await mapPdf(store.getState(), mapCapture.current, page)) as BlobPart, 'application/pdf');
          })}
        >
          PDF
        </button>
        <span>纸张</span>
        <select value={page} onChange={(event) => setPage(event.target.value as PageSize)} aria-label="纸张大小（横向）">
          <option value="A4">A4 横向</option>
          <option value="A3">A3 横向</option>
        </select>
        <button type="button" onClick={run('打印', async () => printSheet((await mapImage('image/png')).blob, page))}>打印</button>
      </div>
      <label className="export-footer">
        图面脚注
        <input value={settings.footer} maxLength={60} onChange={(event) => dispatch(store, setExportSettings, { footer: event.target.value }, new Date().toISOString())} placeholder="如：内部资料 / 审图号" />
      </label>
      <h3>分享方案</h3>
      <div className="button-row">
        <button type="button" onClick={() => download(`${stem('方案')}.csv`, planCsv(dataset, store.getState().plan.designated), 'text/csv;charset=utf-8')} data-testid="export-plan-csv">
          方案 CSV
        </button>
        <button type="button" onClick={() => download(`${stem('情景')}.json`, scenarioFile(store.getState().scenarios), 'application/json')}>情景文件</button>
        <button
          type="button"
          onClick={run('复制链接', async () => {
            const link = readOnlyLink(location.href);
            await navigator.clipboard?.writeText(link);
            setMessage(`只读链接已复制：${link}`);
          })}
        >
          只读链接
        </button>
      </div>
      {!readOnly && (
        <label className="file-button">
          导入情景文件
          <input
            type="file"
            accept=".json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (!file) return;
              void file.text().then((text) => {
                const scenarios = readScenarioFile(text);
                if (!scenarios) return setMessage('不是连片情景文件');
                dispatch(store, importScenarios, scenarios);
                setMessage(`已导入 ${scenarios.length} 个情景`);
              });
            }}
          />
        </label>
      )}
      <h3>项目文件</h3>
      <div className="button-row">
        <button
          type="button"
          data-testid="export-project"
          onClick={run('导出项目', async () => {
            const { exportProjectFile, PROJECT_FILE_SUFFIX } = await import('../../state/project-file.ts');
            download(`${stem('项目')}${PROJECT_FILE_SUFFIX}`, exportProjectFile(projectSnapshot(store.getState(), new Date().toISOString())) as BlobPart, 'application/zip');
          })}
        >
          导出项目文件
        </button>
        {remote && (
          <button
            type="button"
            data-testid="export-server-project"
            title="从活动服务器导出整个活动（边界、状态、检查、设置、方案与情景），可在单机模式中打开"
            onClick={run('从服务器导出', async () => {
              const answer = await remote.exportProject();
              if (!answer.ok) throw new Error(answer.error.message);
              const { PROJECT_FILE_SUFFIX } = await import('../../state/project-file.ts');
              download(`${stem('活动')}${PROJECT_FILE_SUFFIX}`, answer.value, 'application/zip');
              setMessage('已从服务器导出活动项目文件');
            })}
          >
            从服务器导出活动
          </button>
        )}
      </div>
      <p className="muted">项目文件含导入的原始文件、方案、情景与设置；在另一台电脑上拖入即可恢复（拖入 .lianpian.zip）。落后名单按「落后分析」的规则与截至日期导出。</p>
      {message && (
        <p className="muted" role="status" data-testid="export-message">
          {message}
        </p>
      )}
    </section>
  );
}

/** Prints the composed sheet on a landscape page of the chosen size (print stylesheet in styles.css). */
function printSheet(blob: Blob, page: PageSize): void {
  const url = URL.createObjectURL(blob);
  const image = document.createElement('img');
  image.className = 'print-sheet';
  image.src = url;
  const style = document.createElement('style');
  style.textContent = `@page { size: ${page} landscape; margin: 10mm; }`;
  document.head.append(style);
  document.body.append(image);
  document.body.classList.add('printing-map');
  const cleanup = () => {
    document.body.classList.remove('printing-map');
    image.remove();
    style.remove();
    URL.revokeObjectURL(url);
    window.removeEventListener('afterprint', cleanup);
  };
  window.addEventListener('afterprint', cleanup);
  image.onload = () => window.print();
}
