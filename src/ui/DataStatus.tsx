import type { DescribedFinding, InputWarning } from '../core/index.ts';
import { dispatch, useAppStore, type AppStore } from '../state/store.ts';
import { demoRestored } from '../state/storage-updaters.ts';
import { setView } from '../state/updaters.ts';

const NONE: never[] = [];
/** Zoom at least this far in when flying to a finding (a street block fills the view). */
const FINDING_ZOOM = 15;

/** Loading and validation errors of the data, shown over the map (in Chinese, with every problem found). */
export function DataStatus({ store }: { store: AppStore }) {
  const status = useAppStore(store, (state) => state.dataStatus);
  const error = useAppStore(store, (state) => state.dataError);
  const fromProject = useAppStore(store, (state) => state.source.kind === 'project');
  const warnings: InputWarning[] = useAppStore(store, (state) => state.data?.dataset.warnings ?? NONE);
  // Named and placed by the analysis worker (describeFindings).
  const described: DescribedFinding[] = useAppStore(store, (state) => state.data?.findings ?? NONE);
  if (status === 'loading') {
    return (
      <div className="data-status" role="status" data-testid="data-status">
        正在加载数据…
      </div>
    );
  }
  if (status === 'error' && error) {
    const issues = error.input?.issues ?? [];
    return (
      <div className="data-status error" role="alert" data-testid="data-error">
        <strong>数据有误，未能加载：</strong>
        {issues.length > 1 ? (
          <ul>
            {issues.map((issue, i) => (
              <li key={i}>{[issue.file && `文件 ${issue.file}`, issue.path, issue.field && `字段「${issue.field}」`].filter(Boolean).join('，')}：应为{issue.expected}{issue.actual ? `，实际为 ${issue.actual}` : ''}</li>
            ))}
          </ul>
        ) : (
          <p>{error.message}</p>
        )}
        {fromProject && (
          <p>
            {/* A stored project that fails to load on every start must not lock the user out. */}
            <button type="button" data-testid="data-error-demo" onClick={() => dispatch(store, demoRestored, new Date().toISOString())}>
              改用内置示例数据（当前项目可再恢复）
            </button>
          </p>
        )}
      </div>
    );
  }
  if (warnings.length + described.length === 0) return null;
  return (
    <details className="data-status notes" data-testid="data-warnings">
      <summary>数据提示 {warnings.length + described.length} 条</summary>
      <ul>
        {warnings.map((warning, i) => (
          <li key={`w${i}`}>{warning.message}</li>
        ))}
        {described.map((finding, i) => {
          const location = finding.location;
          return (
            <li key={`f${i}`}>
              {location ? (
                <button type="button" className="link-button" title="在地图上查看" onClick={() => dispatch(store, setView, { lon: location[0], lat: location[1], zoom: Math.max(store.getState().view.zoom, FINDING_ZOOM) })}>
                  {finding.message}
                </button>
              ) : (
                finding.message
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
