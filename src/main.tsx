import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { createAppStore, dispatch, initialState, type AppState } from './state/store.ts';
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
import { campaignOpened } from './state/server.ts';
import { STANDALONE } from './state/server-state.ts';
import { chooseCampaign, probeServer, readCampaign } from './app/effects/server-api.ts';
import type { RemoteFlow } from './app/effects/remote.ts';
import type { CasesWiring, FeaturesWiring, WorksWiring } from './ui/App.tsx';
import { createCasesStore } from './state/cases-store.ts';
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
let stored: Awaited<ReturnType<typeof loadSavedProject>> | null = null;
if (remote) {
  const base: AppState = { ...initialState(), server: { ...STANDALONE, mode: 'server', campaigns: remote.campaigns, me: remote.me } };
  linked = hashChanged(base, intent);
  const withLink = { ...base, ...linked } as AppState;
  // The plan is the server's: a link's demo= is not applied (it would be sent as an edit).
  initial = { ...withLink, ...campaignOpened(withLink, remote.detail, remote.scenarios) };
  pendingIntent = { ...(linked.pendingIntent?.selectedCode ? { selectedCode: linked.pendingIntent.selectedCode } : {}), ...initial.pendingIntent };
} else {
  // The working project saved in IndexedDB comes back unless the link names other data.
  stored = intent.source.kind === 'lucheng' ? await loadSavedProject() : null;
  const saved = stored?.project ?? null;
  initial = { ...initialState(), ...(saved ? { project: saved, scenarios: saved.scenarios, ...(saved.files.length > 0 ? { source: { kind: 'project' as const } } : {}) } : {}) };
  linked = hashChanged(initial, intent);
  // The saved plan, unless the link carries one.
  pendingIntent = saved?.planCodes && !linked.pendingIntent?.planCodes ? { ...linked.pendingIntent, planCodes: saved.planCodes } : (linked.pendingIntent ?? null);
}
const store = createAppStore({ ...initial, ...(remote ? {} : linked), ...(pendingIntent ? { pendingIntent } : {}) });
const client = createAnalysisClient();

let remoteFlow: RemoteFlow | undefined;
let cases: CasesWiring | undefined;
let works: WorksWiring | undefined;
let features: FeaturesWiring | undefined;
if (remote) {
  // The remote effect and the cases 问题 effect load only when a campaign server answered.
  const [{ connectRemote }, { connectCases }, { connectWorks }, { createWorksStore }, { connectFeaturesWiring }] = await Promise.all([
    import('./app/effects/remote.ts'),
    import('./app/effects/cases.ts'),
    import('./app/effects/works.ts'),
    import('./state/works-store.ts'),
    import('./ui/features/connect.ts'),
  ]);
  const openEvents = (url: string) => new EventSource(url);
  // The campaign features 工程与路线 (issue 21): read at once (the map draws them), live through the remote effect's stream.
  features = connectFeaturesWiring(store, fetchApi);
  remoteFlow = connectRemote(store, { fetch: fetchApi, openEvents, scenarios: remote.scenarios, features: features.flow });
  const casesStore = createCasesStore();
  cases = { store: casesStore, flow: connectCases(casesStore, store, { fetch: fetchApi, openEvents }) };
  const worksStore = createWorksStore();
  works = { store: worksStore, flow: connectWorks(worksStore, store, { fetch: fetchApi, openEvents }) };
} else {
  // The working project and its scenarios are this browser's in 单机模式 (the server holds them otherwise).
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
}
syncUrl(store);
syncAnalysis(store, client);
syncPlan(store, client);
syncData(store, client, LUCHENG_SOURCES);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} importFlow={remote ? undefined : createImportFlow(store, client, LUCHENG_SOURCES)} remote={remoteFlow} cases={cases} works={works} features={features} />
  </StrictMode>,
);
