/**
 * The one typed message map between the app and the analysis worker (maplibre-gl-js style):
 * every request type with its payload and its result. The worker shell and the main-thread
 * fallback run the same handlers (./session.ts), so both sides speak exactly this protocol.
 */
import type { MapData } from '../map/community-features.ts';
import type { AdjacencyGraph, BestSet, Dataset, DescribedFinding, DatasetRole, FilePreview, ImportChoices, ImportInput, InputErrorDetails, LaggingReport, NumberedCluster, UnitMetrics, WeakLink, WhatIfAnswer, WhatIfExact, BestSetSearchOptions } from '../core/index.ts';

/** A file to load: its text, a same-origin URL to fetch it from, or the bytes a user imported. */
export interface SourceRef {
  role: DatasetRole;
  file: string;
  url?: string;
  text?: string;
  /** Imported bytes (several inputs for loose Shapefile parts), read by the core importer with `choices`. */
  parts?: ImportInput[];
  choices?: ImportChoices;
  /**
   * The import batch (see `InspectRequest.batch`) whose preview read this file: the session takes
   * the staged read (no bytes sent, nothing decoded or parsed again) when the name and choices
   * match, else reads `parts`. Without `parts` and without a matching stage the load fails.
   */
  staged?: string;
}

export type LoadRequest =
  | { kind: 'files'; sources: SourceRef[]; idField?: string }
  /** Seeded synthetic mosaic (illustrative) for testing the app at scale. */
  | { kind: 'synthetic'; cells: number; seed: number };

export interface LoadResult {
  dataset: Dataset;
  graph: AdjacencyGraph;
  weakLinks: WeakLink[];
  /** Data-quality findings, named (name and code) with a place and, for overlaps, the measured overlap. */
  findings: DescribedFinding[];
  metrics: UnitMetrics;
  /** Label point (lon, lat) inside each street of `dataset.streets`, 2 numbers per street. */
  streetLabelPoints: Float64Array;
  timings: { parseMs: number; adjacencyMs: number; metricsMs: number };
  /**
   * Large sets only: the map's communities layer as GeoJSON written in the worker (display
   * geometry, simplified) in a `data:` URL, which maplibre's worker fetches and parses itself
   * (see geometry-transport.ts).
   */
  mapGeoJsonUrl?: string;
  /**
   * The map's data, built once where the load ran (`withMapData` in map-data.ts); absent from
   * the bare session (CLI, tests). For a large set its `communities` are empty: the map reads
   * `mapGeoJsonUrl` instead.
   */
  map?: MapData;
  /**
   * The core's `laggingReport(dataset)` (the default options: as of the data's latest
   * inspection, no cases), made where the load ran so that the page does not make it again:
   * `selectLaggingReport` reads it while no other as-of date or cases are asked for. The worker
   * posts it in a message of its own before the result (see `ResponseMessage`'s `part`), so the
   * page reads it in a task of its own. Absent from results built elsewhere (tests).
   */
  lagging?: LaggingReport;
}

/** The what-if of a selection without routes per pair or goal (the status table's baseline, for comparisons). */
export interface AnalyzeRequest {
  /** 1 = designated (demo) community, per boundary feature. */
  designated: Uint8Array;
  /** Width of the joint environment zones, metres on each side of a shared border; default the campaign's. */
  zoneWidthMeters?: number;
  /** Compute the overlay geometry too (default true; false for counts only). */
  overlays?: boolean;
}

export type { ZoneFeature, BorderFeature, OutlineFeature } from '../core/index.ts';

export interface AnalyzeResult extends WhatIfAnswer {
  /** Time spent in the session, ms. */
  elapsedMs: number;
}

/**
 * One plan change (a designation set or a goal) in one request: its answer is complete, so the
 * map repaints once. A newer `whatIf` or a `cancel` message for its id stops it between phases.
 */
export interface WhatIfRequest {
  /** 1 = designated (demo) community, per boundary feature. */
  designated: Uint8Array;
  /** The goal: one community per chosen cluster or isolated point (fewer than two = join everything). */
  goalMembers?: number[];
  /** Width of the joint environment zones, metres on each side of a shared border; default the campaign's. */
  zoneWidthMeters?: number;
  /** The clusters shown before this change, so that surviving clusters keep their numbers. */
  previous?: NumberedCluster[];
}

/** The complete answer to a plan change: the what-if (`answer`) and its exact part (`exact`: bridges, routes, pairs, goal join, target). */
export interface WhatIfResult {
  answer: WhatIfAnswer;
  exact: WhatIfExact;
  /** Time spent in the session, ms. */
  elapsedMs: number;
}

/** A 自动推荐 search: the core's request (size, must, exclude; checked by `checkBestSetRequest`) without its stop callback, which cannot cross to the worker. */
export type BestSetRequest = Omit<BestSetSearchOptions, 'shouldStop'>;

/** The best contiguous set (see `bestContiguousSet`); `cancelled` when a cancel request or a newer search stopped it. */
export interface BestSetResult extends BestSet {
  size: number;
  cancelled: boolean;
  elapsedMs: number;
}

/** Files a user dropped, to read and validate before anything is applied (see `previewImport`). */
export interface InspectRequest {
  /**
   * The import batch: the session keeps what this preview read under it (one batch at a time), so
   * a preview of the same batch with other choices reads only the changed files again, and a
   * `load` whose sources name the batch (`SourceRef.staged`) parses nothing again.
   */
  batch?: string;
  /** The files' bytes; the client may transfer their buffers: they come back in `InspectResult.inputs`. */
  inputs: ImportInput[];
  /** Per logical file name: encoding, coordinate system, kind, column mapping chosen in the preview. */
  choices: Record<string, ImportChoices>;
}

export interface InspectResult {
  files: FilePreview[];
  /** The request's inputs, handed back (transferred from the worker) so the page keeps the bytes without a copy. */
  inputs: ImportInput[];
  /**
   * SHA-256 of each input's bytes (same order), when the session stored them for the project
   * (`storeFileBytes`, in the worker): the page's save then neither hashes nor writes them.
   */
  hashes?: string[];
  elapsedMs: number;
}

/** Request type → [payload, result]. */
export interface MessageMap {
  load: [LoadRequest, LoadResult];
  analyze: [AnalyzeRequest, AnalyzeResult];
  /** One plan change, one answer; cancelled by a `CancelMessage` with its id or by a newer `whatIf`. */
  whatIf: [WhatIfRequest, WhatIfResult];
  /** Runs in slices (other requests are answered in between) until done, cancelled or out of time. */
  bestSet: [BestSetRequest, BestSetResult];
  /** Stops the running best-set search, which then answers with the best found and its bound. */
  cancelBestSet: [Record<string, never>, { cancelled: boolean }];
  inspect: [InspectRequest, InspectResult];
  /** A project file (.lianpian.zip) unpacked under the decompression limits, off the main thread. */
  readProject: [ReadProjectRequest, ReadProjectResult];
}

/** A project file as the user chose it. */
export interface ReadProjectRequest {
  name: string;
  bytes: Uint8Array;
}

/**
 * The project, already brought to the current schema by `migrateProject` (a `Project` of
 * src/state/project.ts: typed `unknown` here so that the protocol does not import state, which
 * imports the protocol), or why the file is not one, in Chinese.
 */
export type ReadProjectResult = { project: unknown } | { error: string };

/** Progress of a long request (reading, validating, adjacency…), sent before its result. */
export interface Progress {
  /** What is being done, in Chinese. */
  phase: string;
  /** 0–1 when known. */
  fraction?: number;
}

export type RequestType = keyof MessageMap;

export interface RequestMessage<T extends RequestType = RequestType> {
  id: number;
  type: T;
  payload: MessageMap[T][0];
}

/** A failure as plain data; `input` is set for validation errors (shown in Chinese to the user). */
export interface ErrorPayload {
  message: string;
  input?: InputErrorDetails & { message: string; issues: InputErrorDetails[] };
}

/**
 * Stops a request (maplibre's Actor does the same): the session checks its token between phases
 * and drops the work; a cancelled request gets no answer (the client has already settled it).
 */
export interface CancelMessage {
  cancel: number;
}

/** What the page posts to the worker. */
export type WorkerInbound = RequestMessage | CancelMessage;

export type ResponseMessage =
  | { id: number; progress: Progress }
  /**
   * A field of the result, posted before it in a message of its own (the page deserializes each
   * message in its own task, so one large field does not lengthen the result's); the client
   * puts it into the result when that arrives.
   */
  | { id: number; part: { key: string; value: unknown } }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: ErrorPayload };
