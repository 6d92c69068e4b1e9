import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { createAppStore, dispatch, initialState } from './state/store.ts';
import { LUCHENG_SOURCES } from './state/lucheng.ts';
import { persistScenarios } from './app/effects/persistence.ts';
import { loadSavedProject } from './app/effects/project-db.ts';
import { createImportFlow } from './app/effects/import-flow.ts';
import { syncProject } from './app/effects/sync-project.ts';
import { syncAnalysis } from './app/effects/sync-analysis.ts';
import { syncData } from './app/effects/sync-data.ts';
import { syncPlan } from './app/effects/sync-plan.ts';
import { hashChanged, setScenarios } from './state/updaters.ts';
import { readHash } from './state/hash-intent.ts';
import { syncUrl } from './app/effects/url-sync.ts';
import { createAnalysisClient } from './worker/client.ts';
import './ui/styles.css';

const intent = readHash(location.hash);
// The working project saved in IndexedDB comes back unless the link names other data.
const saved = intent.source.kind === 'lucheng' ? await loadSavedProject() : null;
const initial = { ...initialState(), ...(saved ? { project: saved, ...(saved.files.length > 0 ? { source: { kind: 'project' as const } } : {}) } : {}) };
const linked = hashChanged(initial, intent);
// The saved plan, unless the link carries one.
const pendingIntent = saved?.planCodes && !linked.pendingIntent?.planCodes ? { ...linked.pendingIntent, planCodes: saved.planCodes } : linked.pendingIntent;
const store = createAppStore({ ...initial, ...linked, ...(pendingIntent ? { pendingIntent } : {}) });
const client = createAnalysisClient();

persistScenarios(store);
if (saved && saved.scenarios.length > 0) dispatch(store, setScenarios, saved.scenarios);
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
