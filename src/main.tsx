import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { createAppStore, dispatch, initialState, type AppState } from './state/store.ts';
import { LUCHENG_SOURCES } from './state/lucheng.ts';
import { persistScenarios } from './state/persistence.ts';
import { loadSavedProject } from './state/project-db.ts';
import { createImportFlow } from './state/import-flow.ts';
import { syncProject } from './state/sync-project.ts';
import { syncAnalysis } from './state/sync-analysis.ts';
import { syncData } from './state/sync-data.ts';
import { syncPlan } from './state/sync-plan.ts';
import { hashChanged, setScenarios } from './state/updaters.ts';
import { readHash, syncUrl } from './state/url-sync.ts';
import { campaignOpened } from './state/server.ts';
import { STANDALONE } from './state/server-state.ts';
import { chooseCampaign, connectRemote, probeServer, readCampaign, type RemoteFlow } from './app/effects/remote.ts';
import { createAnalysisClient } from './worker/client.ts';
import './ui/styles.css';

const intent = readHash(location.hash);
// 服务器模式 when a campaign server answers on this origin (its campaign is the data), else 单机模式.
const fetchApi = (url: string, init?: RequestInit) => fetch(url, { credentials: 'same-origin', ...init });
const probe = intent.source.kind === 'lucheng' ? await probeServer(fetchApi) : null;
const campaign = probe ? chooseCampaign(probe.campaigns, new URLSearchParams(location.search).get('campaign')) : null;
const opened = probe && campaign ? await readCampaign(fetchApi, campaign.id) : null;
const remote = probe && opened?.ok ? { ...probe, ...opened.value } : null;

let initial: AppState;
let pendingIntent: AppState['pendingIntent'];
let linked: Partial<AppState>;
let saved: Awaited<ReturnType<typeof loadSavedProject>> = null;
if (remote) {
  const base: AppState = { ...initialState(), server: { ...STANDALONE, mode: 'server', campaigns: remote.campaigns, me: remote.me } };
  linked = hashChanged(base, intent);
  const withLink = { ...base, ...linked } as AppState;
  // The plan is the server's: a link's demo= is not applied (it would be sent as an edit).
  initial = { ...withLink, ...campaignOpened(withLink, remote.detail, remote.scenarios) };
  pendingIntent = { ...(linked.pendingIntent?.selectedCode ? { selectedCode: linked.pendingIntent.selectedCode } : {}), ...initial.pendingIntent };
} else {
  // The working project saved in IndexedDB comes back unless the link names other data.
  saved = intent.source.kind === 'lucheng' ? await loadSavedProject() : null;
  initial = { ...initialState(), ...(saved ? { project: saved, ...(saved.files.length > 0 ? { source: { kind: 'project' as const } } : {}) } : {}) };
  linked = hashChanged(initial, intent);
  // The saved plan, unless the link carries one.
  pendingIntent = saved?.planCodes && !linked.pendingIntent?.planCodes ? { ...linked.pendingIntent, planCodes: saved.planCodes } : (linked.pendingIntent ?? null);
}
const store = createAppStore({ ...initial, ...(remote ? {} : linked), ...(pendingIntent ? { pendingIntent } : {}) });
const client = createAnalysisClient();

let remoteFlow: RemoteFlow | undefined;
if (remote) {
  remoteFlow = connectRemote(store, { fetch: fetchApi, openEvents: (url) => new EventSource(url), scenarios: remote.scenarios });
} else {
  // Scenarios and the working project are this browser's in 单机模式 (the server holds them otherwise).
  persistScenarios(store);
  if (saved && saved.scenarios.length > 0) dispatch(store, setScenarios, saved.scenarios);
  syncProject(store);
}
syncUrl(store);
syncAnalysis(store, client);
syncPlan(store, client);
syncData(store, client, LUCHENG_SOURCES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} importFlow={remote ? undefined : createImportFlow(store, client, LUCHENG_SOURCES)} remote={remoteFlow} />
  </StrictMode>,
);
