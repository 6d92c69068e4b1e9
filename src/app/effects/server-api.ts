/**
 * The campaign server's API as the app calls it at start: one JSON call (`callApi`), whether a
 * server answers on this origin (`probeServer`: 服务器模式, else 单机模式), and reading a
 * campaign. Small on purpose: the first page loads it in both modes; the remote effect
 * (remote.ts) loads only when a server answered.
 */
import type { ApiError, CampaignSummary, Me, Scenario } from '../../api/index.ts';
import type { CampaignDetail } from '../../state/server-state.ts';

/** The part of `fetch` the effect uses. */
export type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response>;

/** What a call answered: the value, or the server's error (status 0 = no answer). */
export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; error: ApiError & { current?: unknown } };

export const NO_SERVER: ApiError = { code: 'E_NETWORK', message: '无法连接活动服务器，请检查网络后重试' };

/** A JSON call of the API. Never throws: failures come back as an Answer. */
export async function callApi<T>(fetch: Fetch, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch {
    return { ok: false, status: 0, error: NO_SERVER };
  }
  const json = (response.headers.get('content-type') ?? '').includes('application/json');
  const value: unknown = json ? await response.json().catch(() => null) : null;
  if (response.ok && json) return { ok: true, value: value as T };
  const error = value && typeof value === 'object' && 'message' in value ? (value as ApiError) : { code: `E_HTTP_${response.status}`, message: `服务器返回 HTTP ${response.status}` };
  return { ok: false, status: response.status, error };
}

/**
 * 服务器模式 or 单机模式: the campaigns and the signed-in user when a campaign server answers on
 * this origin, null when not (a static host answers /api/campaigns with its page or a 404).
 */
export async function probeServer(fetch: Fetch): Promise<{ campaigns: CampaignSummary[]; me: Me | null } | null> {
  const campaigns = await callApi<CampaignSummary[]>(fetch, 'GET', '/api/campaigns');
  if (!campaigns.ok || !Array.isArray(campaigns.value)) return null;
  const me = await callApi<Me>(fetch, 'GET', '/api/me');
  return { campaigns: campaigns.value, me: me.ok ? me.value : null };
}

/** The campaign to open: the one asked for if listed, else Lucheng, else the first. */
export function chooseCampaign(campaigns: readonly CampaignSummary[], wanted: string | null): CampaignSummary | null {
  return campaigns.find((c) => c.id === wanted) ?? campaigns.find((c) => c.id === 'lucheng') ?? campaigns[0] ?? null;
}

export const campaignPath = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

/** Reads a campaign's detail and scenarios; with `revision`, a detail that includes that revision (the server waits for it). */
export async function readCampaign(fetch: Fetch, id: string, revision?: number): Promise<Answer<{ detail: CampaignDetail; scenarios: Scenario[] }>> {
  const detailPath = revision === undefined ? campaignPath(id) : `${campaignPath(id)}?revision=${revision}`;
  const [detail, scenarios] = await Promise.all([callApi<CampaignDetail>(fetch, 'GET', detailPath), callApi<Scenario[]>(fetch, 'GET', `${campaignPath(id)}/scenarios`)]);
  if (!detail.ok) return detail;
  if (!scenarios.ok) return scenarios;
  return { ok: true, value: { detail: detail.value, scenarios: scenarios.value } };
}

