/**
 * A campaign as the server serves it: its model (the core's Dataset and the analysis and
 * lagging documents, computed once per campaign revision and shared by every reader), and its
 * writes (one transaction each: the change, the revision bump and the audit event; the live
 * event is published after commit).
 */
import type { CampaignEvent, InspectionRow, SharedPlan, StatusRow } from '../../api/index.ts';
import { chinaDay, type CaseRecord, type CommunityStatus, type Dataset, type InputWarning, type SourceFile } from '../../core/index.ts';
import type { Db, Queryable } from '../db/connection.ts';
import * as q from '../db/queries.ts';
import { ApiError, conflict, notFound } from '../errors.ts';
import type { EventBus } from '../events.ts';
import { buildCampaignDataset, type CampaignSnapshot } from './dataset.ts';
import { listCases } from './supervision-store.ts';
import { casesClock, serverNow } from './supervision.ts';
import { MISSING_BOUNDARIES, boundaryFiles, type BuildRequest, type BuildResult, type DocumentBytes } from './model-build.ts';
import { ModelThread } from './model-thread.ts';

/** A document as served: its bytes per encoding (Buffers) and its ETag. */
export interface ServedDocument {
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const servedDocument = (bytes: DocumentBytes): ServedDocument => ({ identity: asBuffer(bytes.identity), gzip: asBuffer(bytes.gzip), br: asBuffer(bytes.br), etag: bytes.etag });

/**
 * A campaign at one revision. The documents are computed in the model worker, once per
 * revision, as bytes ready to send; the Dataset is built on demand in the calling thread.
 */
export interface CampaignModel {
  campaign: q.CampaignRow;
  revision: number;
  /** The server's day (China time) the documents were graded on: the cases' colours change with it. */
  day: string;
  boundaryVersion: number;
  /** The core's Dataset (built on first use, in the calling thread: prefer `warnings`, `communities`, `documents`). */
  readonly dataset: Dataset;
  /** The dataset's warnings. */
  warnings: InputWarning[];
  /** The analysis and lagging documents (the CLI's JSON), encoded. */
  documents: { analysis: ServedDocument; lagging: ServedDocument };
  /** What the build spent, in ms (worker time). */
  timings: BuildResult['timings'];
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
  private indexes = new Map<string, { version: number; communities: CampaignModel['communities'] }>();
  private boundaries = new Map<string, { version: number; value: q.BoundaryVersion; files: SourceFile[] }>();
  private thread: ModelThread;
  private snapshots = new Map<string, CampaignRows>();
  private boundaryVersions = new Map<string, { version: number; at: number }>();

  constructor(
    readonly db: Db,
    readonly bus: EventBus,
    options: { inlineBuilds?: boolean } = {},
  ) {
    this.thread = new ModelThread({ inline: options.inlineBuilds ?? false });
  }

  /** Stops the model worker. */
  close(): Promise<void> {
    return this.thread.close();
  }

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
    // A model graded on another day is stale whatever its revision (the cases' colours change by day).
    const today = chinaDay(serverNow());
    for (let attempt = 0; attempt < 8; attempt++) {
      const ready = slot.ready && slot.ready.day === today ? slot.ready : null;
      if (ready && ready.revision >= Math.min(wanted, current.revision)) return ready;
      if (ready && options.atLeast === undefined) {
        this.startBuild(id, slot);
        return ready;
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
    const loaded = await this.readRows(campaign);
    if (!loaded) throw new ApiError(500, 'E_NO_BOUNDARIES', `活动 ${campaign.id} 尚无社区边界`);
    const boundaries = this.rememberBoundaries(campaign.id, loaded.rows.boundaries);
    const request: BuildRequest = {
      campaignId: campaign.id,
      revision: loaded.row.revision,
      boundaryVersion: loaded.rows.boundaryVersion,
      boundaryFiles: null,
      settings: loaded.snapshot.settings,
      status: loaded.snapshot.status,
      inspections: loaded.snapshot.inspections,
      planCodes: loaded.rows.plan?.codes ?? null,
      cases: loaded.cases,
      now: casesClock(loaded.now),
    };
    // The worker keeps the parsed boundaries per version: they are sent only when it lacks them.
    const built = await this.thread.build(request).catch((error: { code?: string }) => {
      if (error.code !== MISSING_BOUNDARIES) throw error;
      return this.thread.build({ ...request, boundaryFiles: boundaries.files });
    });
    const sources = [...boundaries.files, ...built.sources];
    const documents = { analysis: servedDocument(built.analysis), lagging: servedDocument(built.lagging) };
    let lazyDataset: Dataset | undefined;
    return {
      campaign: loaded.row,
      revision: loaded.row.revision,
      day: chinaDay(loaded.now),
      boundaryVersion: loaded.rows.boundaryVersion,
      // Built on demand in the calling thread (the served documents come from the worker's).
      get dataset() {
        return (lazyDataset ??= buildCampaignDataset(loaded.snapshot, sources));
      },
      warnings: built.warnings,
      sources,
      plan: loaded.rows.plan,
      communities: new Map(built.communities.map(([code, streetCode, name]) => [code, { code, streetCode, name }])),
      documents,
      timings: built.timings,
      analysisJson: () => documents.analysis.identity.toString('utf8'),
      laggingJson: () => documents.lagging.identity.toString('utf8'),
    };
  }

  /**
   * The rows a model is built from, in one consistent read (repeatable read on PostgreSQL): the
   * campaign row and, when the previous read is at most EVENT_RETENTION revisions old, only the
   * events since (a status, inspection or plan change is applied to the previous rows; anything
   * else — boundaries, an unknown kind, a gap — reads everything again).
   */
  private async readRows(campaign: q.CampaignRow): Promise<{ row: q.CampaignRow; rows: CampaignRows; snapshot: CampaignSnapshot; cases: CaseRecord[]; now: Date } | null> {
    const previous = this.snapshots.get(campaign.id);
    const now = serverNow();
    const result = await this.db.transaction(async (tx) => {
      if (this.db.kind === 'postgres') await tx.query('set transaction isolation level repeatable read');
      const read = await this.readCampaignRows(tx, campaign, previous);
      // The cases are read whole in the same snapshot (they are few; their events are not applied incrementally).
      return read && { ...read, cases: await listCases(tx, campaign.id) };
    });
    if (!result) return null;
    const { row, rows, cases } = result;
    const current = this.snapshots.get(campaign.id);
    if (!current || current.revision <= rows.revision) this.snapshots.set(campaign.id, rows);
    return {
      row,
      rows,
      cases,
      now,
      snapshot: {
        boundaries: rows.boundaries,
        settings: row.settings,
        status: rows.status.map(({ version: _version, ...fields }) => fields as CommunityStatus),
        inspections: rows.inspections.map(({ id: _id, version: _version, createdBy: _by, ...fields }) => fields),
      },
    };
  }

  /** The campaign row and its rows inside `tx`: the previous rows when current, the events since applied to them when possible, else everything. */
  private async readCampaignRows(tx: Queryable, campaign: q.CampaignRow, previous: CampaignRows | undefined): Promise<{ row: q.CampaignRow; rows: CampaignRows } | null> {
    const row = (await q.getCampaign(tx, campaign.id)) ?? campaign;
    if (previous && previous.revision === row.revision) return { row, rows: previous };
    if (previous && previous.revision < row.revision && row.revision - previous.revision <= EVENT_RETENTION) {
      const applied = applyEvents(previous, await q.eventsBetween(tx, campaign.id, previous.revision, row.revision), row.revision);
      if (applied) return { row, rows: applied };
    }
    const [latest] = await tx.query<{ version: number | null }>('select max(version) as version from boundary_versions where campaign_id = $1', [campaign.id]);
    if (latest?.version === null || latest?.version === undefined) return null;
    const boundaries = (await this.cachedBoundaries(campaign.id, Number(latest.version))) ?? (await q.currentBoundaries(tx, campaign.id));
    if (!boundaries) return null;
    const rows: CampaignRows = { revision: row.revision, boundaryVersion: boundaries.version, boundaries, status: await q.listStatus(tx, campaign.id), inspections: await q.listInspections(tx, campaign.id), plan: await q.getPlan(tx, campaign.id) };
    return { row, rows };
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
    const version = await this.boundaryVersion(campaignId);
    if (version === null) return new Map();
    let index = this.indexes.get(campaignId);
    if (!index || index.version !== version) {
      const model = await this.model(campaignId, { atLeast: (await this.campaign(campaignId)).revision });
      index = { version: model.boundaryVersion, communities: model.communities };
      this.indexes.set(campaignId, index);
    }
    return index.communities;
  }

  /**
   * The campaign's current boundary version (null: none yet). Cached like the campaign row:
   * on PGlite until a boundary write in this process, on PostgreSQL for CAMPAIGN_ROW_TTL_MS.
   */
  private async boundaryVersion(campaignId: string): Promise<number | null> {
    const cached = this.boundaryVersions.get(campaignId);
    if (cached && (this.db.kind === 'pglite' || Date.now() - cached.at < CAMPAIGN_ROW_TTL_MS)) return cached.version;
    const [row] = await this.db.query<{ version: number | null }>('select max(version) as version from boundary_versions where campaign_id = $1', [campaignId]);
    const version = row?.version === null || row?.version === undefined ? null : Number(row.version);
    if (version !== null) this.boundaryVersions.set(campaignId, { version, at: Date.now() });
    return version;
  }

  /** The stored boundary version, read from the database once per version (it never changes). */
  private async cachedBoundaries(campaignId: string, version: number): Promise<q.BoundaryVersion | null> {
    const cached = this.boundaries.get(campaignId);
    return cached && cached.version === version ? cached.value : null;
  }

  /** Keeps a boundary version read by a build, with its source files (serialised once per version). */
  private rememberBoundaries(campaignId: string, value: q.BoundaryVersion): { files: SourceFile[] } {
    const cached = this.boundaries.get(campaignId);
    if (cached && cached.version === value.version) return cached;
    const entry = { version: value.version, value, files: boundaryFiles(value) };
    this.boundaries.set(campaignId, entry);
    return entry;
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
        // Last: audit, revision bump and live event in one statement; the bump locks the campaign
        // row until commit (concurrent writes queue there, for as short a time as possible).
        row = await q.commitWrite(tx, campaignId, actor, change.audit, change.event);
        return change;
      });
      this.committed(campaignId, row!, change.event, actor);
      return change.result;
    } catch (error) {
      this.rows.delete(campaignId);
      throw error;
    }
  }

  /**
   * A status edit (PATCH communities/:code): one statement, the change with its audit event,
   * revision bump and live event (queries.patchStatus); 409 with the current row when stale.
   */
  async patchStatus(campaignId: string, actor: string, code: string, version: number, changes: Partial<CommunityStatus>): Promise<StatusRow> {
    const outcome = await q.patchStatus(this.db, campaignId, code, version, changes, actor);
    if ('conflict' in outcome) {
      this.rows.delete(campaignId);
      const current = outcome.conflict && (await q.getStatus(this.db, campaignId, code));
      if (!current) throw notFound(`社区 ${code} 的状态记录`);
      throw conflict(current);
    }
    this.committed(campaignId, outcome.campaign, { type: 'status', code, row: outcome.after }, actor);
    return outcome.after;
  }

  /** After a write committed: the campaign row cache, the live event, now and then pruning old events. */
  private committed(campaignId: string, row: q.CampaignRow, event: Change<unknown>['event'], actor: string): void {
    // The committed row is the cache's (a newer one from another write may already be there).
    const cached = this.rows.get(campaignId);
    if (!cached || cached.row.revision < row.revision) this.rows.set(campaignId, { row, at: Date.now() });
    if (event.type === 'boundaries') this.boundaryVersions.delete(campaignId);
    this.bus.publish(campaignId, { ...event, revision: row.revision, actor } as CampaignEvent);
    if (row.revision % EVENT_PRUNE_EVERY === 0) void q.pruneEvents(this.db, campaignId, row.revision, EVENT_RETENTION).catch(() => undefined);
  }

  /**
   * The events of a campaign after `revision` (a stream's Last-Event-ID), oldest first; null when
   * some of them are no longer stored (the client must reload instead).
   */
  async eventsSince(campaignId: string, revision: number): Promise<CampaignEvent[] | null> {
    const { events, oldest } = await q.eventsAfter(this.db, campaignId, revision, EVENT_RETENTION);
    const current = (await this.campaign(campaignId)).revision;
    if (revision === current) return [];
    if (revision > current) return null;
    // Revisions are consecutive: a gap before the first stored event means pruned (or pre-replay) events.
    if (oldest === null || oldest > revision + 1 || events.length < Math.min(current - revision, EVENT_RETENTION)) return null;
    return events;
  }
}

/** The rows of a campaign a model is built from, at one revision (the settings come with the campaign row). */
export interface CampaignRows {
  revision: number;
  boundaryVersion: number;
  boundaries: q.BoundaryVersion;
  /** By code, as listStatus orders them. */
  status: StatusRow[];
  /** By date, code and id, as listInspections orders them. */
  inspections: InspectionRow[];
  plan: SharedPlan | null;
}

/**
 * The rows at `revision` from those at an earlier revision and every event in between; null when
 * the events do not say everything (a gap, a boundary import, a kind of event not known here).
 */
export function applyEvents(previous: CampaignRows, events: readonly CampaignEvent[], revision: number): CampaignRows | null {
  if (events.length !== revision - previous.revision) return null;
  let status = previous.status;
  let inspections = previous.inspections;
  let plan = previous.plan;
  for (const event of events) {
    switch (event.type) {
      case 'status': {
        if (!event.row) return null;
        if (status === previous.status) status = [...status];
        const at = status.findIndex((row) => row.code === event.row.code);
        if (at >= 0) status[at] = event.row;
        else status = [...status, event.row].sort((a, b) => compareText(a.code, b.code));
        break;
      }
      case 'inspection': {
        if (!event.row) return null;
        inspections = [...inspections.filter((row) => row.id !== event.row.id), event.row].sort((a, b) => compareText(a.date, b.date) || compareText(a.code, b.code) || a.id - b.id);
        break;
      }
      case 'plan':
        if (!event.plan) return null;
        plan = event.plan;
        break;
      // Not part of the model's rows (problems, scenarios, projects, features) or carried by the campaign row (settings).
      case 'problem':
      case 'project.changed':
      case 'feature.changed':
      case 'works.changed':
      case 'scenario':
      case 'settings':
        break;
      default:
        return null;
    }
  }
  return { ...previous, revision, status, inspections, plan };
}

/** Code-point order (PostgreSQL's C collation, which the seeded codes and ISO dates sort the same in). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Events kept per campaign for replay (and the most one reconnect is sent). */
export const EVENT_RETENTION = 1000;
/** Pruning runs on every EVENT_PRUNE_EVERY-th revision. */
const EVENT_PRUNE_EVERY = 100;
