import { lazy, Suspense, useEffect, useState } from 'react';
import { dispatch, useAppStore, type AppStore } from '../state/store.ts';
import { redo, undo } from '../state/updaters.ts';
import { MapCaptureContext, type MapCaptureSlot } from './map/map-capture.ts';
import { DataStatus } from './DataStatus.tsx';
import { Header } from './Header.tsx';
import { LinkNotice } from './LinkNotice.tsx';
import { StorageNotice } from './StorageNotice.tsx';
import { MapView } from './map/MapView.tsx';
import { PanelTabs, type PanelTab } from './PanelTabs.tsx';
import { FilterPanel } from './panels/FilterPanel.tsx';
import { LayerPanel } from './panels/LayerPanel.tsx';
import { PlanningPanel } from './panels/PlanningPanel.tsx';
import { SearchBox } from './panels/SearchBox.tsx';
import { BestSetPanel } from './plan/BestSetPanel.tsx';
import { ClusterReport } from './report/ClusterReport.tsx';
import { CommunityTable } from './table/CommunityTable.tsx';
import { ExportPanel } from './export/ExportPanel.tsx';
import { ImportPanel } from './import/ImportPanel.tsx';
import type { ImportFlow } from '../app/effects/import-flow.ts';
import type { RemoteFlow } from '../app/effects/remote.ts';
import type { CasesFlow } from '../app/effects/cases.ts';
import type { CasesStore } from '../state/cases-store.ts';
import type { WorksFlow } from '../app/effects/works.ts';
import type { WorksStore } from '../state/works-store.ts';
import type { FeaturesWiring } from './features/wiring.ts';
import { selectReadOnly } from '../state/server.ts';
import { ROLE_LABELS } from '../api/roles.ts';
import { ServerNotice } from './server/ServerNotice.tsx';

// The 落后分析 and presentation views load when first opened: the dashboard's first page stays
// within its JS budget (charts and slides are a separate chunk each).
const loadLaggingView = () => import('./lagging/LaggingView.tsx');
// A community's details load when one is first selected.
const CommunityDetails = lazy(() => import('./details/CommunityDetails.tsx').then((module) => ({ default: module.CommunityDetails })));
// Server mode only: the status editor and the 409 dialog load when a campaign server answered.
const StatusEditor = lazy(() => import('./server/StatusEditor.tsx').then((module) => ({ default: module.StatusEditor })));
const ConflictDialog = lazy(() => import('./server/ConflictDialog.tsx').then((module) => ({ default: module.ConflictDialog })));
const LaggingSide = lazy(() => loadLaggingView().then((module) => ({ default: module.LaggingSide })));
const LaggingDetails = lazy(() => loadLaggingView().then((module) => ({ default: module.LaggingDetails })));
const LaggingCharts = lazy(() => loadLaggingView().then((module) => ({ default: module.LaggingCharts })));
// Server mode only: the cases 问题 (list, case page, referral slips) load when a campaign server answered.
const CasesPanel = lazy(() => import('./cases/CasesPanel.tsx').then((module) => ({ default: module.CasesPanel })));
// Server mode only: projects, the funds ledger, the 责任清单 and the veto list (issue 21) load when a campaign server answered.
const WorksPanel = lazy(() => import('./works/WorksPanel.tsx').then((module) => ({ default: module.WorksPanel })));
const CasePage = lazy(() => import('./cases/CasePage.tsx').then((module) => ({ default: module.CasePage })));
const Presentation = lazy(() => import('./present/Presentation.tsx').then((module) => ({ default: module.Presentation })));
// 关于数据 loads when first opened (mostly text, and rarely read: it kept the first page over its budget).
const AboutDialog = lazy(() => import('./AboutDialog.tsx').then((module) => ({ default: module.AboutDialog })));
const loading = <p className="muted">正在加载…</p>;

/** The cases store and effect of 服务器模式 (issue 20). */
export interface CasesWiring {
  store: CasesStore;
  flow: CasesFlow;
}

/** The works store and effect of 服务器模式 (issue 21). */
export interface WorksWiring {
  store: WorksStore;
  flow: WorksFlow;
}

export type { FeaturesWiring };

export function App({ store, importFlow, remote, cases, works, features }: { store: AppStore; importFlow?: ImportFlow; remote?: RemoteFlow; cases?: CasesWiring; works?: WorksWiring; features?: FeaturesWiring }) {
  const planning = useAppStore(store, (state) => state.designating);
  const hasSelection = useAppStore(store, (state) => state.selected !== null);
  const readOnly = useAppStore(store, selectReadOnly);
  const server = useAppStore(store, (state) => (state.readOnly ? null : state.server));
  const activeView = useAppStore(store, (state) => state.activeView);
  const aboutOpen = useAppStore(store, (state) => state.aboutOpen);
  // Narrow screens show one panel at a time under the map (CSS hides the tabs on wide screens).
  const [tab, setTab] = useState<PanelTab>('report');
  const lagging = activeView === 'lagging';
  // Where the map on screen offers its capture to the exports (ExportPanel).
  const [mapCapture] = useState<MapCaptureSlot>(() => ({ current: null }));

  // Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo (not while typing in a field).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (store.getState().activeView === 'present') return;
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        dispatch(store, undo);
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        dispatch(store, redo);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  if (activeView === 'present')
    return (
      <Suspense fallback={loading}>
        <Presentation store={store} />
      </Suspense>
    );
  return (
    <MapCaptureContext.Provider value={mapCapture}>
    <div className={['app', planning ? 'planning' : '', lagging ? 'view-lagging' : ''].filter(Boolean).join(' ')} data-view={activeView} data-tab={tab}>
      <a href="#main-map" className="skip-link">
        跳到地图
      </a>
      <Header store={store} remote={remote} />
      <PanelTabs tab={tab} onChange={setTab} lagging={lagging} />
      <aside className="app-side app-left" id="panel-layers" data-testid="side-panel" aria-label={lagging ? '落后分析' : '图层、筛选与规划'}>
        {lagging ? (
          <Suspense fallback={loading}>
            <LaggingSide store={store} />
          </Suspense>
        ) : (
          <>
            <SearchBox store={store} />
            <LayerPanel store={store} extra={features && <features.ui.FeatureToggle store={features.store} />} />
            <FilterPanel store={store} />
            {readOnly ? (
              <p className="read-only-note" data-testid="read-only">
                {server?.mode === 'server'
                  ? server.me
                    ? `只读：${ROLE_LABELS[server.me.role]}不能修改方案。`
                    : '只读：登录后按您的角色修改。'
                  : '只读视图：此链接展示一个方案，不能修改。'}
              </p>
            ) : (
              <>
                <PlanningPanel store={store} />
                <BestSetPanel store={store} />
              </>
            )}
            {importFlow && <ImportPanel store={store} flow={importFlow} />}
          </>
        )}
      </aside>
      <main className="app-map" id="main-map" aria-label="地图">
        <MapView store={store} cases={cases?.store} features={features} />
        <DataStatus store={store} />
        <LinkNotice store={store} />
        <StorageNotice store={store} />
        <ServerNotice store={store} />
      </main>
      <aside className="app-side app-right" id="panel-report" data-testid="report-panel" aria-label={lagging ? '街道与社区排名' : '连线成片分析与社区详情'}>
        {lagging ? (
          <Suspense fallback={loading}>
            <LaggingDetails store={store} />
          </Suspense>
        ) : (
          <>
            {cases && (
              <Suspense fallback={null}>
                <CasesPanel store={store} cases={cases.store} flow={cases.flow} />
              </Suspense>
            )}
            {works && (
              <Suspense fallback={null}>
                <WorksPanel store={store} works={works.store} flow={works.flow} features={features} />
              </Suspense>
            )}
            <ClusterReport store={store} />
            {hasSelection && (
              <Suspense fallback={loading}>
                <CommunityDetails store={store} features={features} />
              </Suspense>
            )}
            {remote && (
              <Suspense fallback={null}>
                <StatusEditor store={store} remote={remote} />
              </Suspense>
            )}
            <ExportPanel store={store} remote={remote} />
          </>
        )}
      </aside>
      <section className="app-bottom" id="panel-table" aria-label={lagging ? '趋势、经费、时间轴与设施清单' : '社区一览表'}>
        {lagging ? (
          <Suspense fallback={loading}>
            <LaggingCharts store={store} />
          </Suspense>
        ) : (
          <CommunityTable store={store} />
        )}
      </section>
      {aboutOpen && (
        <Suspense fallback={null}>
          <AboutDialog store={store} />
        </Suspense>
      )}
      {remote && (
        <Suspense fallback={null}>
          <ConflictDialog store={store} remote={remote} />
        </Suspense>
      )}
      {cases && (
        <Suspense fallback={null}>
          <CasePage store={store} cases={cases.store} flow={cases.flow} />
        </Suspense>
      )}
    </div>
    </MapCaptureContext.Provider>
  );
}
