import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { createAppStore, initialState } from './state/store.ts';
import { LUCHENG_SOURCES } from './state/lucheng.ts';
import { persistScenarios } from './state/persistence.ts';
import { syncAnalysis } from './state/sync-analysis.ts';
import { syncData } from './state/sync-data.ts';
import { syncPlan } from './state/sync-plan.ts';
import { hashChanged } from './state/updaters.ts';
import { readHash, syncUrl } from './state/url-sync.ts';
import { createAnalysisClient } from './worker/client.ts';
import './ui/styles.css';

const initial = initialState();
const store = createAppStore({ ...initial, ...hashChanged(initial, readHash(location.hash)) });
const client = createAnalysisClient();

persistScenarios(store);
syncUrl(store);
syncAnalysis(store, client);
syncPlan(store, client);
syncData(store, client, LUCHENG_SOURCES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
