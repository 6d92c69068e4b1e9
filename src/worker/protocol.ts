/**
 * The one typed message map between the app and the analysis worker (maplibre-gl-js style):
 * every request type with its payload and its result. The worker shell and the main-thread
 * fallback run the same handlers (./session.ts), so both sides speak exactly this protocol.
 */
import type { MapData } from '../map/community-features.ts';
import type { AdjacencyGraph, BestSet, BridgePlan, Dataset, DescribedFinding, DatasetRole, FilePreview, ImportChoices, ImportInput, InputErrorDetails, PlanAnswer, Route, TargetCheck, UnitMetrics, WeakLink, WhatIfAnswer } from '../core/index.ts';

/** A file to load: its text, a same-origin URL to fetch it from, or the bytes a user imported. */
export interface SourceRef {
  role: DatasetRole;
  file: string;
  url?: string;
  text?: string;
  /** Imported bytes (several inputs for loose Shapefile parts), read by the core importer with `choices`. */
  parts?: ImportInput[];
  choices?: ImportChoices;
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
   * Large sets only: the map's communities layer as UTF-8 GeoJSON written in the worker (display
   * geometry, simplified), which the map reads from a blob URL (see geometry-transport.ts).
   */
  mapGeoJson?: Uint8Array;
  /**
   * The map's data, built once where the load ran (`withMapData` in map-data.ts); absent from
   * the bare session (CLI, tests). For a large set its `communities` are empty: the map reads
   * `mapGeoJson` instead.
   */
  map?: MapData;
}

export interface AnalyzeRequest {
  /** 1 = designated (demo) community, per boundary feature. */
  selected: Uint8Array;
  /** Width of the joint environment zones, metres on each side of a shared border; default the campaign's. */
  zoneWidthMeters?: number;
  /** Compute the overlay geometry too (default true; false for counts only). */
  overlays?: boolean;
}

export type { ZoneFeature, BorderFeature, OutlineFeature } from '../core/index.ts';

/** A what-if in one answer, so the map repaints once (see `createWhatIf` in core). */
export interface AnalyzeResult extends WhatIfAnswer {
  /** Time spent in the session, ms. */
  elapsedMs: number;
}

export interface RefineRequest {
  selected: Uint8Array;
}

/** The exact bridge plan (within a time budget; falls back to the approximation), with its explanations and routes. */
export interface RefineResult {
  bridges: BridgePlan;
  explanations: string[];
  routes: Route[];
  target: TargetCheck;
  elapsedMs: number;
}

export interface PlanRequest {
  selected: Uint8Array;
  /** The goal: one community per cluster or isolated point to join (two or more clusters), or none for routes only. */
  goalMembers?: number[];
}

/** Routes per pair of clusters with alternatives, and the join of the goal (see `WhatIf.plan`). */
export interface PlanResult extends PlanAnswer {
  elapsedMs: number;
}

export interface BestSetRequest {
  /** Communities in the set; default the campaign target. */
  size?: number;
  /** Feature indices that must be in / stay out. */
  must?: number[];
  exclude?: number[];
}

/** The best contiguous set (see `bestContiguousSet`); `cancelled` when a cancel request or a newer search stopped it. */
export interface BestSetResult extends BestSet {
  size: number;
  cancelled: boolean;
  elapsedMs: number;
}

/** Files a user dropped, to read and validate before anything is applied (see `previewImport`). */
export interface InspectRequest {
  inputs: ImportInput[];
  /** Per logical file name: encoding, coordinate system, kind, column mapping chosen in the preview. */
  choices: Record<string, ImportChoices>;
}

export interface InspectResult {
  files: FilePreview[];
  elapsedMs: number;
}

/** Request type → [payload, result]. */
export interface MessageMap {
  load: [LoadRequest, LoadResult];
  analyze: [AnalyzeRequest, AnalyzeResult];
  refine: [RefineRequest, RefineResult];
  plan: [PlanRequest, PlanResult];
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

export type ResponseMessage =
  | { id: number; progress: Progress }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: ErrorPayload };
