/**
 * The analysis session: loads a dataset once through the core's one ingest pipeline
 * (`openDataset`: bytes → parse → adjacency → metrics → what-if engine, the same call every
 * `lianpian` command makes), then answers what-if requests with that engine. A plan change is
 * one `whatIf` request; a newer one, or a cancel message for its id, stops it between its phases.
 * An import preview (`inspect`) is staged by batch id, so confirming it (`load` with
 * `SourceRef.staged`) parses nothing again. Between requests, after each what-if, it prepares
 * the overlays of the likely next toggles in short slices (any request stops that first), so
 * the next designation is answered from the caches. The same code runs inside the worker
 * (analysis.worker.ts) and, as a fallback, on the main thread (client.ts).
 */
import { inspectImport, laggingReport, openDataset, sameChoices, syntheticSources, type AdjacencyGraph, type Dataset, type DatasetInput, type ImportChoices, type ImportInput, type PreviewRead, type UnitMetrics, type WhatIf } from '../core/index.ts';
import type { AnalyzeRequest, AnalyzeResult, BestSetRequest, BestSetResult, InspectRequest, InspectResult, LoadRequest, LoadResult, MessageMap, Progress, ReadProjectRequest, ReadProjectResult, RequestType, SourceRef, WhatIfRequest, WhatIfResult } from './protocol.ts';

/** Exact bridge search stops after this and keeps the approximation. */
const EXACT_BRIDGE_BUDGET_MS = 400;
/** The best-set search stops after this and answers with the best found and its bound. */
const BEST_SET_BUDGET_MS = 20_000;
/** The best-set search pauses this often (ms) so that a cancel request can be answered. */
const BEST_SET_SLICE_MS = 25;
/** Preparing the next toggles (`WhatIf.prepare`) runs in slices this long between messages. */
const PREPARE_SLICE_MS = 8;

export type FetchText = (url: string) => Promise<string>;

const fetchText: FetchText = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`读取 ${url} 失败：HTTP ${response.status}`);
  return response.text();
};

export type ProgressListener = (progress: Progress) => void;

/** A request's cancel flag: set by a cancel message for its id (or a newer what-if); checked between phases. */
export interface CancelToken {
  cancelled: boolean;
}

/** Thrown (and not answered) when a request was cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('已取消');
    this.name = 'CancelledError';
  }
}

export interface AnalysisSession {
  handle<T extends RequestType>(type: T, payload: MessageMap[T][0], onProgress?: ProgressListener, token?: CancelToken): Promise<MessageMap[T][1]>;
}

/** Lets queued messages (a cancel, a newer request) in before the next phase. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** What a session may do besides analysing (the worker shell passes them; tests and the main-thread fallback need none). */
export interface SessionEffects {
  /** Stores previewed files' bytes for the project by content hash, resolving each one's hash (project-db's `storeFileBytes`). */
  storeFiles?: (inputs: readonly ImportInput[]) => Promise<string[]>;
}

export function createAnalysisSession(read: FetchText = fetchText, effects: SessionEffects = {}): AnalysisSession {
  let engine: WhatIf | null = null;
  let current: Dataset | null = null;
  const require = (): WhatIf => {
    if (!engine) throw new Error('尚未加载数据');
    return engine;
  };

  /** The import batch whose preview is staged: what each file was read as (see `InspectRequest.batch`). */
  let staged: { batch: string; reads: Map<string, PreviewRead> } | null = null;

  async function load(request: LoadRequest, progress: ProgressListener = () => undefined): Promise<LoadResult> {
    progress({ phase: '读取文件', fraction: 0 });
    const inputs: DatasetInput[] = request.kind === 'synthetic' ? syntheticSources(request.cells, request.seed) : await Promise.all(request.sources.map(readSource));
    const opened = await openDataset(inputs, { ...(request.kind === 'files' && request.idField ? { idField: request.idField } : {}), onProgress: (phase, fraction) => progress({ phase, fraction }) });
    const { dataset, graph, metrics } = opened;
    // A confirmed import is loaded: its staged preview is no longer needed (it holds the parsed files).
    if (request.kind === 'files' && request.sources.some((source) => source.staged !== undefined && source.staged === staged?.batch)) staged = null;
    engine = opened.whatIf;
    current = dataset;
    // The page's lagging views read this report (LoadResult.lagging): it is made here, off the page's thread.
    const lagging = laggingReport(dataset);
    progress({ phase: '传送结果', fraction: 0.95 });
    // Copies: the result's typed arrays are transferred away, the session keeps its own.
    return { dataset, graph: copyGraph(graph), weakLinks: opened.weakLinks, findings: opened.describedFindings, metrics: copyMetrics(metrics), streetLabelPoints: opened.streetLabelPoints, timings: opened.timings, lagging };
  }

  async function readSource(source: SourceRef): Promise<DatasetInput> {
    const { role, file } = source;
    const preview = source.staged !== undefined && staged?.batch === source.staged ? staged.reads.get(file) : undefined;
    if (preview && sameChoices(preview.choices, source.choices ?? {}, preview.file.kind)) return { role, file, read: preview };
    if (source.parts) return { role, file, parts: source.parts, ...(source.choices ? { choices: source.choices } : {}) };
    if (source.staged !== undefined) throw new Error(`导入预览已失效（${file}），请重新导入`);
    if (source.text !== undefined) return { role, file, text: source.text };
    if (!source.url) throw new Error(`文件 ${file} 没有内容`);
    return { role, file, text: await read(source.url) };
  }

  function analyze({ designated: selected, zoneWidthMeters, overlays }: AnalyzeRequest): AnalyzeResult {
    const start = performance.now();
    const answer = require().analyze(selected, { zoneWidthMeters, overlays });
    return { ...answer, elapsedMs: performance.now() - start };
  }

  /** The running what-if's token: a newer what-if cancels it (latest wins). */
  let runningWhatIf: CancelToken | null = null;

  /**
   * One plan change in phases: the what-if (clusters, rings, overlays, the fast bridge plan),
   * then, unless cancelled meanwhile, the exact part (exact bridges within the budget, routes per
   * pair, the goal's join, the target). One answer with both.
   */
  async function whatIf({ designated: selected, goalMembers, zoneWidthMeters, previous }: WhatIfRequest, _progress?: ProgressListener, token: CancelToken = { cancelled: false }): Promise<WhatIfResult> {
    if (runningWhatIf) runningWhatIf.cancelled = true;
    runningWhatIf = token;
    try {
      const start = performance.now();
      const answer = require().analyze(selected, { zoneWidthMeters, previous });
      await yieldToMessages();
      if (token.cancelled) throw new CancelledError();
      const exact = require().complete(selected, answer, { goalMembers, timeBudgetMs: EXACT_BRIDGE_BUDGET_MS, now: () => performance.now() });
      prepareAhead(selected, zoneWidthMeters);
      return { answer, exact, elapsedMs: performance.now() - start };
    } finally {
      if (runningWhatIf === token) runningWhatIf = null;
    }
  }

  /** The preparation under way (see `prepareAhead`): any request stops it. */
  let preparing: CancelToken | null = null;
  const stopPreparing = () => {
    if (preparing) preparing.cancelled = true;
    preparing = null;
  };
  /** Prepares the toggles after this selection in slices, each after the messages already queued. */
  function prepareAhead(selected: Uint8Array, zoneWidthMeters: number | undefined) {
    stopPreparing();
    const token: CancelToken = { cancelled: false };
    preparing = token;
    const slice = () => {
      if (token.cancelled || !engine) return;
      const until = performance.now() + PREPARE_SLICE_MS;
      const done = engine.prepare(selected, { ...(zoneWidthMeters === undefined ? {} : { zoneWidthMeters }), shouldStop: () => token.cancelled || performance.now() > until });
      if (done) {
        if (preparing === token) preparing = null;
      } else setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  }

  /** The running search's stop flag: a cancel request or a newer search sets it. */
  let running: { stop: boolean } | null = null;

  async function bestSet({ size, must, exclude }: BestSetRequest): Promise<BestSetResult> {
    const start = performance.now();
    if (running) running.stop = true;
    const token = { stop: false };
    running = token;
    const search = require().bestSetSearch({ size, must, exclude });
    let pausedAt = performance.now();
    let step = search.next(false);
    while (!step.done) {
      if (performance.now() - pausedAt > BEST_SET_SLICE_MS) {
        // Let other messages (a cancel) in.
        await new Promise((resolve) => setTimeout(resolve, 0));
        pausedAt = performance.now();
      }
      step = search.next(token.stop || performance.now() - start > BEST_SET_BUDGET_MS);
    }
    if (running === token) running = null;
    return { ...step.value, size: size ?? require().targetSize, cancelled: token.stop, elapsedMs: performance.now() - start };
  }

  function cancelBestSet(): { cancelled: boolean } {
    if (!running) return { cancelled: false };
    running.stop = true;
    return { cancelled: true };
  }

  async function inspect({ batch, inputs, choices }: InspectRequest, progress: ProgressListener = () => undefined): Promise<InspectResult> {
    const start = performance.now();
    const context = { current: current ? { features: current.boundaries.features, bbox: current.boundaries.bbox } : null };
    // Within a batch, a file whose choices did not change is not read again.
    const earlier = batch !== undefined && staged?.batch === batch ? staged.reads : null;
    const reuse = (name: string, chosen: ImportChoices) => {
      const read = earlier?.get(name);
      return read && sameChoices(read.choices, chosen, read.file.kind) ? read : undefined;
    };
    const { previews, reads } = await inspectImport(inputs, choices, context, { reuse, onProgress: (done, total, name) => progress({ phase: name ? `读取 ${name}` : '完成', fraction: total ? done / total : 1 }) });
    staged = batch === undefined ? null : { batch, reads };
    // The bytes go to IndexedDB from here, off the page's thread (a failure only means the page writes them).
    const hashes = effects.storeFiles ? await effects.storeFiles(inputs).catch(() => undefined) : undefined;
    return { files: previews, inputs, ...(hashes ? { hashes } : {}), elapsedMs: performance.now() - start };
  }

  async function readProject({ name, bytes }: ReadProjectRequest): Promise<ReadProjectResult> {
    const { importProjectFile } = await import('../state/project-file.ts');
    const read = importProjectFile(bytes, name);
    return 'error' in read ? read : { project: read };
  }

  const handlers: { [T in RequestType]: (payload: MessageMap[T][0], onProgress?: ProgressListener, token?: CancelToken) => MessageMap[T][1] | Promise<MessageMap[T][1]> } = { load, analyze, whatIf, bestSet, cancelBestSet, inspect, readProject };
  return {
    async handle(type, payload, onProgress, token) {
      // A request (a toggle, an import) goes first: the preparation was only using idle time.
      stopPreparing();
      return handlers[type](payload, onProgress, token);
    },
  };
}

function copyMetrics(metrics: UnitMetrics): UnitMetrics {
  return { areaM2: metrics.areaM2.slice(), bboxes: metrics.bboxes.slice(), labelPoints: metrics.labelPoints.slice(), population: metrics.population.slice() };
}

function copyGraph(graph: AdjacencyGraph): AdjacencyGraph {
  return { ...graph, offsets: graph.offsets.slice(), neighbors: graph.neighbors.slice(), sharedMeters: graph.sharedMeters.slice() };
}
