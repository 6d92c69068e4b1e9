import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { createAppStore, dispatch, initialState } from './state/store.ts';
import { LUCHENG_SOURCES } from './state/lucheng.ts';
import { persistScenarios } from './state/persistence.ts';
import { loadSavedProject } from './state/project-db.ts';
import { createImportFlow } from './state/import-flow.ts';
import { syncProject } from './state/sync-project.ts';
import { syncAnalysis } from './state/sync-analysis.ts';
import { syncData } from './state/sync-data.ts';
import { syncPlan } from './state/sync-plan.ts';
import { hashChanged, setScenarios } from './state/updaters.ts';
import { storageNoticeShown } from './state/storage-updaters.ts';
import { readHash, syncUrl } from './state/url-sync.ts';
import { createAnalysisClient } from './worker/client.ts';
import './ui/styles.css';

const intent = readHash(location.hash);
// The working project saved in IndexedDB comes back unless the link names other data.
const stored = intent.source.kind === 'lucheng' ? await loadSavedProject() : null;
const saved = stored?.project ?? null;
const initial = { ...initialState(), ...(saved ? { project: saved, ...(saved.files.length > 0 ? { source: { kind: 'project' as const } } : {}) } : {}) };
const linked = hashChanged(initial, intent);
// The saved plan, unless the link carries one.
const pendingIntent = saved?.planCodes && !linked.pendingIntent?.planCodes ? { ...linked.pendingIntent, planCodes: saved.planCodes } : linked.pendingIntent;
const store = createAppStore({ ...initial, ...linked, ...(pendingIntent ? { pendingIntent } : {}) });
const client = createAnalysisClient();

persistScenarios(store);
if (saved && saved.scenarios.length > 0) dispatch(store, setScenarios, saved.scenarios);
if (stored?.unreadableKey) {
  dispatch(store, storageNoticeShown, { kind: 'unreadable', message: `浏览器中保存的项目无法读取（${stored.reason}），已原样另存、不会被覆盖；现在显示的是内置示例数据。可导出该数据留存或交技术人员恢复。`, key: stored.unreadableKey });
}
syncProject(store);
syncUrl(store);
syncAnalysis(store, client);
syncPlan(store, client);
syncData(store, client, LUCHENG_SOURCES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} importFlow={createImportFlow(store, client, LUCHENG_SOURCES)} />
  </StrictMode>,
);
