import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { createAppStore, dispatch, initialState } from './state/store.ts';
import { LUCHENG_SOURCES } from './state/lucheng.ts';
import { migrateLocalScenarios } from './app/effects/persistence.ts';
import { loadSavedProject, saveProject } from './app/effects/project-db.ts';
import { createImportFlow } from './app/effects/import-flow.ts';
import { syncProject } from './app/effects/sync-project.ts';
import { syncAnalysis } from './app/effects/sync-analysis.ts';
import { syncData } from './app/effects/sync-data.ts';
import { syncPlan } from './app/effects/sync-plan.ts';
import { hashChanged } from './state/updaters.ts';
import { readHash } from './state/hash-intent.ts';
import { syncUrl } from './app/effects/url-sync.ts';
import { storageNoticeShown } from './state/storage-updaters.ts';
import { createAnalysisClient } from './worker/client.ts';
import './ui/styles.css';

const intent = readHash(location.hash);
// The working project saved in IndexedDB comes back unless the link names other data.
const stored = intent.source.kind === 'lucheng' ? await loadSavedProject() : null;
const saved = stored?.project ?? null;
const initial = { ...initialState(), ...(saved ? { project: saved, scenarios: saved.scenarios, ...(saved.files.length > 0 ? { source: { kind: 'project' as const } } : {}) } : {}) };
const linked = hashChanged(initial, intent);
// The saved plan, unless the link carries one.
const pendingIntent = saved?.planCodes && !linked.pendingIntent?.planCodes ? { ...linked.pendingIntent, planCodes: saved.planCodes } : linked.pendingIntent;
const store = createAppStore({ ...initial, ...linked, ...(pendingIntent ? { pendingIntent } : {}) });
const client = createAnalysisClient();

if (stored?.unreadableKey) {
  dispatch(store, storageNoticeShown, { kind: 'unreadable', message: `浏览器中保存的项目无法读取（${stored.reason}），已原样另存、不会被覆盖；现在显示的是内置示例数据。可导出该数据留存或交技术人员恢复。`, key: stored.unreadableKey });
}
// Scenarios are saved with the project; an older build's localStorage copy is moved there once.
const scenariosMigrated = migrateLocalScenarios(store);
syncProject(store, async (project) => {
  const written = await saveProject(project);
  scenariosMigrated(written);
  return written;
});
syncUrl(store);
syncAnalysis(store, client);
syncPlan(store, client);
syncData(store, client, LUCHENG_SOURCES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} importFlow={createImportFlow(store, client, LUCHENG_SOURCES)} />
  </StrictMode>,
);
