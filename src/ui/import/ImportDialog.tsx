import { formatInputError, IMPORT_KIND_LABELS, PREVIEW_MAX_COLUMNS, PREVIEW_MAX_ITEMS, type ColumnMapping, type Crs, type FilePreview, type ImportKind, type TextEncodingChoice } from '../../core/index.ts';
import type { ImportFlow } from '../../app/effects/import-flow.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { JoinSummary } from './JoinSummary.tsx';

const ENCODINGS: { value: TextEncodingChoice; label: string }[] = [
  { value: 'auto', label: '自动识别' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'gb18030', label: 'GBK / GB18030（简体）' },
  { value: 'big5', label: 'Big5（繁體）' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
];
const CRS_OPTIONS: { value: Crs; label: string }[] = [
  { value: 'WGS84', label: 'WGS84 经纬度（GPS、天地图）' },
  { value: 'GCJ02', label: 'GCJ-02（高德、腾讯）' },
  { value: 'BD09', label: 'BD-09（百度）' },
];
const FORMAT_LABELS: Record<string, string> = { geojson: 'GeoJSON', topojson: 'TopoJSON', shapefile: 'Shapefile', csv: 'CSV', xlsx: 'Excel', json: 'JSON' };
const ENCODING_LABELS: Record<string, string> = { 'utf-8': 'UTF-8', gb18030: 'GBK/GB18030', big5: 'Big5', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', xlsx: '—', none: '—' };

/** Preview and join report of the files read, with their problems, before anything is applied. */
export function ImportDialog({ store, flow }: { store: AppStore; flow: ImportFlow }) {
  const state = useAppStore(store, (s) => s.importState);
  const loadProgress = useAppStore(store, (s) => s.loadProgress);
  if (state.phase === 'idle') return null;
  const accepted = state.previews.filter((preview) => preview.errors.length === 0 && preview.kind !== null);
  const refused = state.previews.filter((preview) => preview.errors.length > 0);
  const busy = state.phase === 'reading' || state.phase === 'applying';
  return (
    <div className="import-dialog" role="dialog" aria-modal="false" aria-labelledby="import-dialog-title" data-testid="import-dialog" data-phase={state.phase}>
      <h3 id="import-dialog-title">导入预览</h3>
      {busy && <ProgressLine label={state.phase === 'reading' ? '正在读取与校验' : '正在应用'} progress={state.phase === 'applying' ? loadProgress : state.progress} />}
      {state.previews.map((preview) => (
        <FileCard key={preview.name} preview={preview} choices={state.choices[preview.name] ?? {}} flow={flow} disabled={busy} />
      ))}
      {refused.length > 0 && (
        <div className="import-errors" role="alert" data-testid="import-errors">
          <strong>以下文件有问题，不会导入（当前项目保持不变）：</strong>
          {refused.map((preview) => (
            <div key={preview.name}>
              <p>
                {preview.name}：{preview.errors.length} 处问题
              </p>
              <ul>
                {preview.errors.slice(0, PREVIEW_MAX_ITEMS).map((issue, i) => (
                  <li key={i}>{formatInputError(issue)}</li>
                ))}
              </ul>
              <MoreCount shown={PREVIEW_MAX_ITEMS} total={preview.errors.length} what="处问题" />
            </div>
          ))}
        </div>
      )}
      {state.failure && (
        <div className="import-errors" role="alert" data-testid="import-errors">
          <strong>应用失败，当前项目保持不变：</strong>
          <ul>
            {(state.failure.input?.issues ?? [{ code: 'E_ARGUMENT', expected: state.failure.message }]).map((issue, i) => (
              <li key={i}>{state.failure!.input ? formatInputError(issue) : state.failure!.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="button-row">
        <button type="button" className="primary" data-testid="import-confirm" disabled={busy || accepted.length === 0} onClick={() => void flow.confirm()}>
          {accepted.length > 0 ? `导入 ${accepted.length} 个文件` : '没有可导入的文件'}
        </button>
        <button type="button" onClick={() => flow.cancel()}>
          取消
        </button>
      </div>
    </div>
  );
}

function ProgressLine({ label, progress }: { label: string; progress: { phase: string; fraction?: number } | null }) {
  return (
    <div className="progress-line" data-testid="import-progress">
      <span>
        {label}
        {progress ? `：${progress.phase}` : '…'}
      </span>
      <progress max={1} value={progress?.fraction ?? undefined} />
    </div>
  );
}

/** "另有 N … 未显示" under a list cut at `shown` items (the preview renders bounded lists). */
function MoreCount({ shown, total, what }: { shown: number; total: number; what: string }) {
  if (total <= shown) return null;
  return (
    <p className="muted" data-testid="preview-more">
      另有 {total - shown} {what}未显示
    </p>
  );
}

function FileCard({ preview, choices, flow, disabled }: { preview: FilePreview; choices: { encoding?: TextEncodingChoice; crs?: Crs; kind?: ImportKind; mapping?: ColumnMapping; idField?: string }; flow: ImportFlow; disabled: boolean }) {
  const ok = preview.errors.length === 0 && preview.kind !== null;
  const textual = preview.format !== 'xlsx';
  return (
    <article className={ok ? 'import-file ok' : 'import-file refused'} data-testid="import-file" data-kind={preview.kind ?? ''} data-ok={ok}>
      <header>
        <strong>{preview.name}</strong>
        <span className="muted">
          {preview.kind ? IMPORT_KIND_LABELS[preview.kind] : '未识别'}
          {preview.format && ` · ${FORMAT_LABELS[preview.format]}`}
          {preview.encoding && ENCODING_LABELS[preview.encoding] !== '—' && ` · 编码 ${ENCODING_LABELS[preview.encoding] ?? preview.encoding}`}
          {ok && ` · ${preview.count} ${preview.kind === 'boundaries' ? '个要素' : '行'}`}
        </span>
      </header>
      <div className="import-choices">
        {textual && (
          <label>
            编码
            <select value={choices.encoding ?? 'auto'} disabled={disabled} onChange={(event) => void flow.choose(preview.name, { encoding: event.target.value as TextEncodingChoice })}>
              {ENCODINGS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {preview.kind === 'boundaries' && (
          <label>
            坐标系
            <select value={choices.crs ?? preview.crs ?? 'WGS84'} disabled={disabled} onChange={(event) => void flow.choose(preview.name, { crs: event.target.value as Crs })}>
              {CRS_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {preview.kind === 'boundaries' && preview.ids && preview.ids.fields.length > 0 && (
          <label>
            社区代码字段
            <select data-testid="import-id-field" value={choices.idField ?? preview.ids.field ?? ''} disabled={disabled} onChange={(event) => void flow.choose(preview.name, event.target.value ? { idField: event.target.value } : { idField: undefined })}>
              <option value="">要素自带的 id（无则按顺序编号）</option>
              {preview.ids.fields.slice(0, PREVIEW_MAX_COLUMNS).map((field) => (
                <option key={field} value={field}>
                  {field}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {preview.notes.map((note, i) => (
        <p key={`n${i}`} className="muted">
          {note}
        </p>
      ))}
      {preview.warnings.length > 0 && (
        <ul className="import-warnings">
          {preview.warnings.slice(0, PREVIEW_MAX_ITEMS).map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      )}
      <MoreCount shown={PREVIEW_MAX_ITEMS} total={preview.warnings.length} what="条提示" />
      {preview.columns && (
        <details className="import-mapping">
          <summary>列对应（可修改）</summary>
          <table>
            <tbody>
              {preview.columns.header.slice(0, PREVIEW_MAX_COLUMNS).map((header, i) => (
                <tr key={i}>
                  <th scope="row">{header || `第 ${i + 1} 列`}</th>
                  <td>
                    <select
                      aria-label={`「${header}」对应的字段`}
                      value={preview.columns!.mapping[i] ?? ''}
                      disabled={disabled}
                      onChange={(event) => {
                        const mapping = [...preview.columns!.mapping];
                        mapping[i] = event.target.value || null;
                        void flow.choose(preview.name, { mapping });
                      }}
                    >
                      <option value="">（忽略）</option>
                      {preview.columns!.options.map((column) => (
                        <option key={column.key} value={column.key}>
                          {column.label}
                          {column.required ? '（必填）' : ''}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <MoreCount shown={PREVIEW_MAX_COLUMNS} total={preview.columns.header.length} what="列" />
        </details>
      )}
      {preview.join && <JoinSummary join={preview.join} kind={preview.kind} />}
      {preview.designated && <p>方案中示范社区：{preview.designated.length} 个</p>}
    </article>
  );
}
