/**
 * A campaign as the server serves it: its model (the core's Dataset and the analysis and
 * lagging documents, computed once per campaign revision and shared by every reader), and its
 * writes (one transaction each: the change, the revision bump and the audit event; the live
 * event is published after commit).
 */
import type { CampaignEvent } from '../../api/index.ts';
import { buildAdjacency, chinaDay, laggingReport, type AdjacencyResult, type CaseRecord, type Dataset, type SourceFile } from '../../core/index.ts';
import { analyzeDataset } from '../../cli/commands/analyze.ts';
import { reportDocument } from '../../cli/commands/report.ts';
import type { Db, Queryable } from '../db/connection.ts';
import * as q from '../db/queries.ts';
import { ApiError, notFound } from '../errors.ts';
import type { EventBus } from '../events.ts';
import { STATUS_FILE, buildCampaignDataset, snapshotSources } from './dataset.ts';
import { listCases } from './supervision-store.ts';
import { serverNow } from './supervision.ts';

/** A campaign at one revision. Documents are JSON text, computed on first use. */
export interface CampaignModel {
  campaign: q.CampaignRow;
  revision: number;
  boundaryVersion: number;
  dataset: Dataset;
  /** The files the dataset was built from (as the core reads them). */
  sources: SourceFile[];
  plan: Awaited<ReturnType<typeof q.getPlan>>;
  /** code → street code, for scope checks. */
  communities: ReadonlyMap<string, { code: string; streetCode: string; name: string }>;
  analysisJson(): string;
  laggingJson(): string;
}

/** What a write's work returns: its result, its audit entry and the event to publish. */
export interface Change<T> {
  result: T;
  audit: { action: string; entity: string; before: unknown; after: unknown };
  event: DistributiveOmit<CampaignEvent, 'revision' | 'actor'>;
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** How long a campaign row read from PostgreSQL is trusted (other server processes may write), in ms. */
export const CAMPAIGN_ROW_TTL_MS = 250;

interface ModelSlot {
  /** The newest finished model. */
  ready: CampaignModel | null;
  /** The build in flight and the revision it reads at least. */
  building: Promise<CampaignModel> | null;
  /** When the last build started (ms since the epoch). */
  lastStart: number;
}

/** Shortest time between two rebuilds of a campaign's model, in ms (live views stay within a second). */
export const MIN_BUILD_INTERVAL_MS = 500;

export class CampaignService {
  private slots = new Map<string, ModelSlot>();
  private rows = new Map<string, { row: q.CampaignRow; at: number }>();
  private pendingRows = new Map<string, Promise<q.CampaignRow | null>>();
  private adjacency = new Map<string, AdjacencyResult>();
  private indexes = new Map<string, { version: number; communities: CampaignModel['communities'] }>();
  private boundaries = new Map<string, { version: number; value: q.BoundaryVersion }>();

  constructor(
    readonly db: Db,
    readonly bus: EventBus,
  ) {}

  /**
   * The campaign row, or 404. Cached: PGlite has one process, whose writes all pass through
   * `write` (which drops the entry); on PostgreSQL other processes may write, so a row is trusted
   * for CAMPAIGN_ROW_TTL_MS.
   */
  async campaign(id: string): Promise<q.CampaignRow> {
    const cached = this.rows.get(id);
    if (cached && (this.db.kind === 'pglite' || Date.now() - cached.at < CAMPAIGN_ROW_TTL_MS)) return cached.row;
    // One query in flight per campaign, however many requests ask at once.
    let pending = this.pendingRows.get(id);
    if (!pending) {
      pending = q.getCampaign(this.db, id).finally(() => this.pendingRows.delete(id));
      this.pendingRows.set(id, pending);
    }
    const campaign = await pending;
    if (!campaign) throw notFound(`活动 ${id}`);
    this.rows.set(id, { row: campaign, at: Date.now() });
    return campaign;
  }

  /**
   * The campaign's model. With `atLeast` (a revision), waits for a model that includes it; without,
   * answers at once with the newest finished model (which may trail the latest writes by one
   * rebuild) and starts the rebuild. Builds run one at a time per campaign and are shared by every
   * reader, so 100 dashboards cost one build per burst of writes, not one per reader.
   */
  async model(id: string, options: { atLeast?: number } = {}): Promise<CampaignModel> {
    const current = await this.campaign(id);
    const wanted = options.atLeast ?? current.revision;
    const slot = this.slots.get(id) ?? { ready: null, building: null, lastStart: 0 };
    this.slots.set(id, slot);
    for (let attempt = 0; attempt < 8; attempt++) {
      if (slot.ready && slot.ready.revision >= Math.min(wanted, current.revision)) return slot.ready;
      if (slot.ready && options.atLeast === undefined) {
        this.startBuild(id, slot);
        return slot.ready;
      }
      await this.startBuild(id, slot);
    }
    if (slot.ready) return slot.ready;
    throw new ApiError(503, 'E_BUSY', '服务器繁忙，请稍后重试');
  }

  private startBuild(id: string, slot: ModelSlot): Promise<CampaignModel> {
    if (slot.building) return slot.building;
    // Rebuilds are CPU work in the request loop: at most one per MIN_BUILD_INTERVAL_MS, however fast writes come.
    const wait = Math.max(0, slot.lastStart + MIN_BUILD_INTERVAL_MS - Date.now());
    const building = new Promise((resolve) => setTimeout(resolve, wait))
      .then(() => {
        slot.lastStart = Date.now();
        return this.campaign(id);
      })
      .then((row) => this.build(row))
      .then((model) => {
        if (!slot.ready || model.revision >= slot.ready.revision) slot.ready = model;
        return model;
      })
      .finally(() => {
        slot.building = null;
      });
    slot.building = building;
    // A failed build is reported to the readers awaiting it; one answering from `ready` ignores it.
    building.catch(() => undefined);
    return building;
  }

  private async build(campaign: q.CampaignRow): Promise<CampaignModel> {
    // One consistent read: the revision and the rows it numbers.
    const loaded = await this.db.transaction(async (tx) => {
      if (this.db.kind === 'postgres') await tx.query('set transaction isolation level repeatable read');
      const row = (await q.getCampaign(tx, campaign.id)) ?? campaign;
      const snapshot = await q.loadSnapshot(tx, row, (version) => this.cachedBoundaries(row.id, version));
      return snapshot && { row, ...snapshot, cases: await listCases(tx, row.id) };
    });
    if (!loaded) throw new ApiError(500, 'E_NO_BOUNDARIES', `活动 ${campaign.id} 尚无社区边界`);
    this.rememberBoundaries(campaign.id, loaded.snapshot.boundaries as q.BoundaryVersion);
    const sources = snapshotSources(loaded.snapshot);
    const dataset = buildCampaignDataset(loaded.snapshot, sources);
    const features = dataset.boundaries.features;
    const adjacencyKey = `${campaign.id}:${loaded.boundaryVersion}:${JSON.stringify(dataset.config.adjacency)}`;
    let lazyAnalysis: string | undefined;
    // The lagging report grades with the cases' colours today (the server's clock): one per day.
    let lazyLagging: { day: string; json: string } | undefined;
    const cases: readonly CaseRecord[] = loaded.cases;
    const plan = loaded.plan;
    return {
      campaign: loaded.row,
      revision: loaded.row.revision,
      boundaryVersion: loaded.boundaryVersion,
      dataset,
      sources,
      plan,
      communities: new Map(features.map((feature) => [feature.id, { code: feature.id, streetCode: feature.streetCode, name: feature.name }])),
      analysisJson: () =>
        (lazyAnalysis ??= JSON.stringify(
          analyzeDataset(
            dataset,
            {
              file: loaded.snapshot.boundaries.file,
              select: plan?.codes ?? undefined,
              status: loaded.snapshot.status.length > 0 ? STATUS_FILE : undefined,
              mode: undefined,
              minSharedMeters: undefined,
              toleranceMeters: undefined,
              pairs: false,
            },
            { adjacency: this.adjacencyOf(adjacencyKey, dataset) },
          ).document,
        )),
      laggingJson: () => {
        const now = serverNow();
        if (lazyLagging?.day !== chinaDay(now)) lazyLagging = { day: chinaDay(now), json: JSON.stringify(reportDocument(laggingReport(dataset, { asOf: null, cases, now: now.toISOString() }))) };
        return lazyLagging.json;
      },
    };
  }

  /**
   * A community of the campaign's current boundaries (code, street code, name) for scope
   * checks; null when there is none. Cheap under writes: the index is kept per boundary version.
   */
  async community(campaignId: string, code: string): Promise<{ code: string; streetCode: string; name: string } | null> {
    return (await this.communities(campaignId)).get(code) ?? null;
  }

  /** The communities of the current boundary version by code (kept per boundary version). */
  async communities(campaignId: string): Promise<CampaignModel['communities']> {
    const [row] = await this.db.query<{ version: number | null }>('select max(version) as version from boundary_versions where campaign_id = $1', [campaignId]);
    const version = row?.version === null || row?.version === undefined ? null : Number(row.version);
    if (version === null) return new Map();
    let index = this.indexes.get(campaignId);
    if (!index || index.version !== version) {
      const model = await this.model(campaignId, { atLeast: (await this.campaign(campaignId)).revision });
      index = { version: model.boundaryVersion, communities: model.communities };
      this.indexes.set(campaignId, index);
    }
    return index.communities;
  }

  /** The stored boundary version, read from the database once per version (it never changes). */
  private async cachedBoundaries(campaignId: string, version: number): Promise<q.BoundaryVersion | null> {
    const cached = this.boundaries.get(campaignId);
    return cached && cached.version === version ? cached.value : null;
  }

  /** Keeps a boundary version read by a build. */
  private rememberBoundaries(campaignId: string, value: q.BoundaryVersion): void {
    this.boundaries.set(campaignId, { version: value.version, value });
  }

  /** The adjacency graph, built once per boundary version and adjacency settings. */
  private adjacencyOf(key: string, dataset: Dataset): AdjacencyResult {
    let result = this.adjacency.get(key);
    if (!result) {
      result = buildAdjacency(
        dataset.boundaries.features.map((feature) => feature.geometry),
        dataset.config.adjacency,
      );
      if (this.adjacency.size > 16) this.adjacency.clear();
      this.adjacency.set(key, result);
    }
    return result;
  }

  /**
   * Runs one write: `work` in a transaction with the revision bump and the audit event; after
   * commit the event goes to the campaign's live streams. An ApiError thrown by `work` (a stale
   * version) rolls everything back.
   */
  async write<T>(campaignId: string, actor: string, work: (tx: Queryable) => Promise<Change<T>>): Promise<T> {
    let row: q.CampaignRow;
    try {
      const change = await this.db.transaction(async (tx) => {
        const change = await work(tx);
        row = await q.bumpRevision(tx, campaignId);
        await q.appendAudit(tx, { campaignId, actor, ...change.audit });
        return change;
      });
      // The committed row is the cache's (a newer one from another write may already be there).
      const cached = this.rows.get(campaignId);
      if (!cached || cached.row.revision < row!.revision) this.rows.set(campaignId, { row: row!, at: Date.now() });
      this.bus.publish(campaignId, { ...change.event, revision: row!.revision, actor } as CampaignEvent);
      return change.result;
    } catch (error) {
      this.rows.delete(campaignId);
      throw error;
    }
  }
}
