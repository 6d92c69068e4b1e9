/**
 * What the inspector's page reads from the campaign server: who is signed in, today's rounds,
 * the supervision settings (problem categories), the campaign config (the rubric), the
 * boundaries, the status rows and the inspection history. Every read is a GET that the service
 * worker keeps (vite.pwa.ts), so the same calls answer from its cache when the phone is offline.
 */
import type { CampaignSummary, InspectionRow, Me, StatusRow, SupervisionInfo, TodayList } from '../../api/index.ts';
import { callApi, campaignPath, chooseCampaign, type Answer, type Fetch } from '../../app/effects/server-api.ts';
import { parseCampaignConfig, type CampaignConfig } from '../../core/index.ts';
import { placesOf, type CommunityPlace } from './geo.ts';

export interface InspectData {
  campaign: { id: string; title: string };
  today: TodayList;
  info: SupervisionInfo;
  config: CampaignConfig;
  places: Map<string, CommunityPlace>;
  status: Map<string, StatusRow>;
  history: InspectionRow[];
}

/** The signed-in user, or null (401: not signed in). Status 0 = no answer (offline with nothing kept). */
export async function readMe(fetch: Fetch): Promise<Answer<Me | null>> {
  const me = await callApi<Me>(fetch, 'GET', '/api/me');
  if (me.ok) return me;
  return me.status === 401 ? { ok: true, value: null } : me;
}

export async function signIn(fetch: Fetch, username: string, password: string): Promise<Answer<Me>> {
  return callApi<Me>(fetch, 'POST', '/api/login', { username, password });
}

export async function signOut(fetch: Fetch): Promise<void> {
  await callApi(fetch, 'POST', '/api/logout', {});
}

/** Reads everything the form needs for the campaign asked for (else Lucheng, else the first). */
export async function loadInspectData(fetch: Fetch, wanted: string | null): Promise<Answer<InspectData>> {
  const campaigns = await callApi<CampaignSummary[]>(fetch, 'GET', '/api/campaigns');
  if (!campaigns.ok) return campaigns;
  const chosen = chooseCampaign(campaigns.value, wanted);
  if (!chosen) return { ok: false, status: 404, error: { code: 'E_NO_CAMPAIGN', message: '服务器上还没有创建活动' } };
  const base = campaignPath(chosen.id);
  const [today, info, config, boundaries, status, history] = await Promise.all([
    callApi<TodayList>(fetch, 'GET', `${base}/rounds/today`),
    callApi<SupervisionInfo>(fetch, 'GET', `${base}/supervision`),
    callApi<unknown>(fetch, 'GET', `${base}/files/campaign`),
    callApi<unknown>(fetch, 'GET', `${base}/files/communities`),
    callApi<StatusRow[]>(fetch, 'GET', `${base}/communities`),
    callApi<InspectionRow[]>(fetch, 'GET', `${base}/inspections`),
  ]);
  for (const answer of [today, info, config, boundaries, status, history]) if (!answer.ok) return answer;
  if (!today.ok || !info.ok || !config.ok || !boundaries.ok || !status.ok || !history.ok) throw new Error('unreachable');
  let parsed: CampaignConfig;
  try {
    parsed = parseCampaignConfig(config.value);
  } catch (error) {
    return { ok: false, status: 500, error: { code: 'E_CONFIG', message: `活动设置无法读取：${error instanceof Error ? error.message : String(error)}` } };
  }
  return {
    ok: true,
    value: {
      campaign: { id: chosen.id, title: chosen.title },
      today: today.value,
      info: info.value,
      config: parsed,
      places: placesOf(boundaries.value),
      status: new Map(status.value.map((row) => [row.code, row])),
      history: history.value,
    },
  };
}
