/**
 * The server-mode part of the store's state (issue 19): kept apart from its updaters
 * (server.ts) so that the store imports no updater.
 */
import type { CampaignSummary, Me, SharedPlan, StatusRow } from '../api/index.ts';
import type { SourceRef } from '../worker/protocol.ts';

/** The campaign as loaded from GET /api/campaigns/:id. */
export interface CampaignDetail {
  id: string;
  title: string;
  revision: number;
  plan: SharedPlan | null;
  files: { role: SourceRef['role']; file: string; url: string }[];
}

/** A write the server answered with 409: both versions, until the user chooses. */
export type Conflict =
  | { kind: 'plan'; mine: string[]; theirs: SharedPlan }
  | { kind: 'status'; code: string; name: string; mine: StatusRow; changes: Partial<StatusRow>; theirs: StatusRow };

export interface ServerState {
  /** 服务器模式 (a campaign server answers on this origin) or 单机模式 (the static build). */
  mode: 'server' | 'standalone';
  /** Campaigns the user may open. */
  campaigns: CampaignSummary[];
  /** The open campaign (id, title). */
  campaign: { id: string; title: string } | null;
  /** Signed-in user; null = anonymous (public-read campaigns only, read-only). */
  me: Me | null;
  /** The plan as the server last acknowledged (codes null = the status table's designations). */
  plan: { codes: string[] | null; version: number } | null;
  /** Last campaign revision applied. */
  revision: number;
  /** Live stream state. */
  live: 'connecting' | 'open' | 'closed';
  /** A refused write or a failure, in Chinese (null = none). */
  notice: string | null;
  conflict: Conflict | null;
}

export const STANDALONE: ServerState = { mode: 'standalone', campaigns: [], campaign: null, me: null, plan: null, revision: 0, live: 'closed', notice: null, conflict: null };

