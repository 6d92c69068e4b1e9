/**
 * A campaign as the server serves it: its model (the core's Dataset and the analysis and
 * lagging documents, computed once per campaign revision and shared by every reader), and its
 * writes (one transaction each: the change, the revision bump and the audit event; the live
 * event is published after commit).
 */
import type { CampaignEvent } from '../../api/index.ts';
import { buildAdjacency, laggingReport, type AdjacencyResult, type Dataset, type SourceFile } from '../../core/index.ts';
import { analyzeDataset } from '../../cli/commands/analyze.ts';
import { reportDocument } from '../../cli/commands/report.ts';
import type { Db, Queryable } from '../db/connection.ts';
import * as q from '../db/queries.ts';
import { ApiError, notFound } from '../errors.ts';
import type { EventBus } from '../events.ts';
import { STATUS_FILE, buildCampaignDataset, snapshotSources } from './dataset.ts';

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

export class CampaignService {
  private models = new Map<string, Promise<CampaignModel>>();
  private adjacency = new Map<string, AdjacencyResult>();
  private indexes = new Map<string, { version: number; communities: CampaignModel['communities'] }>();

  constructor(
    readonly db: Db,
    readonly bus: EventBus,
  ) {}

  /** The campaign row, or 404. */
  async campaign(id: string): Promise<q.CampaignRow> {
    const campaign = await q.getCampaign(this.db, id);
    if (!campaign) throw notFound(`活动 ${id}`);
    return campaign;
  }

  /** The model at the campaign's current revision (built once per revision, shared by concurrent readers). */
  async model(id: string, campaign?: q.CampaignRow): Promise<CampaignModel> {
    const current = campaign ?? (await this.campaign(id));
    const cached = this.models.get(id);
    if (cached) {
      const model = await cached.catch(() => null);
      if (model && model.revision === current.revision) return model;
      // Another reader may have started the newer build meanwhile.
      const latest = this.models.get(id);
      if (latest && latest !== cached) {
        const next = await latest.catch(() => null);
        if (next && next.revision >= current.revision) return next;
      }
    }
    const building = this.build(current);
    this.models.set(id, building);
    building.catch(() => this.models.get(id) === building && this.models.delete(id));
    return building;
  }

  private async build(campaign: q.CampaignRow): Promise<CampaignModel> {
    // One consistent read: the revision and the rows it numbers.
    const loaded = await this.db.transaction(async (tx) => {
      if (this.db.kind === 'postgres') await tx.query('set transaction isolation level repeatable read');
      const row = (await q.getCampaign(tx, campaign.id)) ?? campaign;
      const snapshot = await q.loadSnapshot(tx, row);
      return snapshot && { row, ...snapshot };
    });
    if (!loaded) throw new ApiError(500, 'E_NO_BOUNDARIES', `活动 ${campaign.id} 尚无社区边界`);
    const sources = snapshotSources(loaded.snapshot);
    const dataset = buildCampaignDataset(loaded.snapshot, sources);
    const features = dataset.boundaries.features;
    const adjacencyKey = `${campaign.id}:${loaded.boundaryVersion}:${JSON.stringify(dataset.config.adjacency)}`;
    let lazyAnalysis: string | undefined;
    let lazyLagging: string | undefined;
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
      laggingJson: () => (lazyLagging ??= JSON.stringify(reportDocument(laggingReport(dataset, { asOf: null })))),
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
      const model = await this.model(campaignId);
      index = { version: model.boundaryVersion, communities: model.communities };
      this.indexes.set(campaignId, index);
    }
    return index.communities;
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
    const { change, revision } = await this.db.transaction(async (tx) => {
      const change = await work(tx);
      const revision = await q.bumpRevision(tx, campaignId);
      await q.appendAudit(tx, { campaignId, actor, ...change.audit });
      return { change, revision };
    });
    this.bus.publish(campaignId, { ...change.event, revision, actor } as CampaignEvent);
    return change.result;
  }
}
