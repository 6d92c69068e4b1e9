import { nextDeadline } from '../core/index.ts';
import { dispatch, useAppStore, type AppStore } from '../state/store.ts';
import { setAboutOpen, setActiveView, startPresentation } from '../state/updaters.ts';
import { formatDate } from './format.ts';
import type { RemoteFlow } from '../app/effects/remote.ts';
import { ServerBar } from './server/ServerBar.tsx';

export function Header({ store, remote }: { store: AppStore; remote?: RemoteFlow }) {
  const data = useAppStore(store, (state) => state.data);
  const source = useAppStore(store, (state) => state.source);
  const activeView = useAppStore(store, (state) => state.activeView);
  const dataset = data?.dataset;
  const title = dataset?.config.title ?? '精品示范社区创建';
  const asOf = dataset?.asOf ?? null;
  const deadline = dataset && asOf ? nextDeadline(dataset.config, asOf) : null;
  return (
    <header className="app-header" data-testid="header">
      <h1>
        <span className="app-logo" aria-hidden="true">连片</span>
        {title}看板
      </h1>
      <nav className="view-switch" aria-label="视图">
        <button type="button" data-testid="view-dashboard" aria-pressed={activeView === 'dashboard'} onClick={() => dispatch(store, setActiveView, 'dashboard')}>
          连线成片
        </button>
        <button type="button" data-testid="view-lagging" aria-pressed={activeView === 'lagging'} onClick={() => dispatch(store, setActiveView, 'lagging')}>
          落后分析
        </button>
        <button type="button" data-testid="start-presentation" aria-pressed={false} onClick={() => dispatch(store, startPresentation)} title="在投影或大屏上演示（F 全屏，Esc 退出）">
          演示模式
        </button>
      </nav>
      <div className="header-facts">
        {asOf && (
          <span data-testid="as-of">
            数据截至 <time dateTime={asOf}>{formatDate(asOf)}</time>
          </span>
        )}
        {deadline && (
          <span className="countdown" data-testid="countdown" data-days-left={deadline.daysLeft} title={`责任：${deadline.responsible || '未指定'}`}>
            距「{deadline.label}」还有 <strong>{deadline.daysLeft}</strong> 天（{formatDate(deadline.date)}）
          </span>
        )}
        {dataset && asOf && !deadline && <span className="countdown">全部节点已过</span>}
        <ServerBar store={store} remote={remote} />
        <button type="button" className="header-button" onClick={() => dispatch(store, setAboutOpen, true)}>
          {source.kind === 'synthetic' ? '合成数据（示意）' : '示例数据说明'}
        </button>
      </div>
    </header>
  );
}
