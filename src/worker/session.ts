/**
 * The analysis session: loads a dataset once (parse → adjacency → metrics), then answers what-if
 * requests with the core's what-if engine (`createWhatIf`: incremental planner and cached
 * overlays), the same function `lianpian analyze` uses. The same code runs inside the worker
 * (analysis.worker.ts) and, as a fallback, on the main thread (client.ts).
 */
import { assembleDataset, describeFindings, buildAdjacency, createWhatIf, previewImport, readImportFile, syntheticSources, unitMetrics, type AdjacencyGraph, type Dataset, type SourceFile, type UnitMetrics, type WhatIf } from '../core/index.ts';
import type { AnalyzeRequest, AnalyzeResult, BestSetRequest, BestSetResult, InspectRequest, InspectResult, LoadRequest, LoadResult, MessageMap, PlanRequest, PlanResult, Progress, ReadProjectRequest, ReadProjectResult, RefineRequest, RefineResult, RequestType, SourceRef } from './protocol.ts';

/** Exact bridge search stops after this and keeps the approximation. */
const EXACT_BRIDGE_BUDGET_MS = 400;
/** The best-set search stops after this and answers with the best found and its bound. */
const BEST_SET_BUDGET_MS = 20_000;
/** The best-set search pauses this often (ms) so that a cancel request can be answered. */
const BEST_SET_SLICE_MS = 25;

export type FetchText = (url: string) => Promise<string>;

const fetchText: FetchText = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`读取 ${url} 失败：HTTP ${response.status}`);
  return response.text();
};

export type ProgressListener = (progress: Progress) => void;

export interface AnalysisSession {
  handle<T extends RequestType>(type: T, payload: MessageMap[T][0], onProgress?: ProgressListener): Promise<MessageMap[T][1]>;
}

export function createAnalysisSession(read: FetchText = fetchText): AnalysisSession {
  let whatIf: WhatIf | null = null;
  let current: Dataset | null = null;
  const require = (): WhatIf => {
    if (!whatIf) throw new Error('尚未加载数据');
    return whatIf;
  };

  async function load(request: LoadRequest, progress: ProgressListener = () => undefined): Promise<LoadResult> {
    const start = performance.now();
    progress({ phase: '读取文件', fraction: 0 });
    const files: SourceFile[] = request.kind === 'synthetic' ? syntheticSources(request.cells, request.seed) : await Promise.all(request.sources.map(readSource));
    progress({ phase: '校验数据', fraction: 0.2 });
    const dataset = assembleDataset(files, request.kind === 'files' && request.idField ? { idField: request.idField } : {});
    const parsed = performance.now();
    progress({ phase: '计算相邻关系', fraction: 0.4 });
    const geometries = dataset.boundaries.features.map((feature) => feature.geometry);
    const { graph, weakLinks, findings } = buildAdjacency(geometries, dataset.config.adjacency);
    const adjacent = performance.now();
    progress({ phase: '计算面积与标注点', fraction: 0.8 });
    const metrics = unitMetrics(geometries, dataset.status.map((row) => row?.population ?? null));
    const streetLabelPoints = dataset.streets.length ? unitMetrics(dataset.streets.map((street) => street.geometry)).labelPoints : new Float64Array(0);
    whatIf = createWhatIf({ dataset, graph, metrics });
    current = dataset;
    progress({ phase: '传送结果', fraction: 0.95 });
    // Copies: the result's typed arrays are transferred away, the session keeps its own.
    // Findings named and measured here (polygon intersections stay off the page's thread and bundle).
    return { dataset, graph: copyGraph(graph), weakLinks, findings: describeFindings(findings, dataset.boundaries.features), metrics: copyMetrics(metrics), streetLabelPoints, timings: { parseMs: parsed - start, adjacencyMs: adjacent - parsed, metricsMs: performance.now() - adjacent } };
  }

  async function readSource(source: SourceRef): Promise<SourceFile> {
    if (source.parts) {
      const file = await readImportFile({ name: source.file, inputs: source.parts }, source.choices ?? {});
      return file.kind === 'campaign' ? { role: source.role, file: source.file, text: file.content as string } : { role: source.role, file: source.file, text: '', content: file.content };
    }
    if (source.text !== undefined) return { role: source.role, file: source.file, text: source.text };
    if (!source.url) throw new Error(`文件 ${source.file} 没有内容`);
    return { role: source.role, file: source.file, text: await read(source.url) };
  }

  function analyze({ selected, zoneWidthMeters, overlays }: AnalyzeRequest): AnalyzeResult {
    const start = performance.now();
    const answer = require().analyze(selected, { zoneWidthMeters, overlays });
    return { ...answer, elapsedMs: performance.now() - start };
  }

  function refine({ selected }: RefineRequest): RefineResult {
    const start = performance.now();
    const refined = require().refineBridges(selected, { timeBudgetMs: EXACT_BRIDGE_BUDGET_MS, now: () => performance.now() });
    return { ...refined, elapsedMs: performance.now() - start };
  }

  function plan({ selected, goalMembers }: PlanRequest): PlanResult {
    const start = performance.now();
    const answer = require().plan(selected, { goalMembers, timeBudgetMs: EXACT_BRIDGE_BUDGET_MS, now: () => performance.now() });
    return { ...answer, elapsedMs: performance.now() - start };
  }

  /** The running search's stop flag: a cancel request or a newer search sets it. */
  let running: { stop: boolean } | null = null;

  async function bestSet({ size, must, exclude }: BestSetRequest): Promise<BestSetResult> {
    const start = performance.now();
    if (running) running.stop = true;
    const token = { stop: false };
    running = token;
    const engine = require();
    const search = engine.bestSetSearch({ size, must, exclude });
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
    return { ...step.value, size: size ?? engine.targetSize, cancelled: token.stop, elapsedMs: performance.now() - start };
  }

  function cancelBestSet(): { cancelled: boolean } {
    if (!running) return { cancelled: false };
    running.stop = true;
    return { cancelled: true };
  }

  async function inspect({ inputs, choices }: InspectRequest, progress: ProgressListener = () => undefined): Promise<InspectResult> {
    const start = performance.now();
    const context = { current: current ? { features: current.boundaries.features, bbox: current.boundaries.bbox } : null };
    const files = await previewImport(inputs, choices, context, (done, total, name) => progress({ phase: name ? `读取 ${name}` : '完成', fraction: total ? done / total : 1 }));
    return { files, elapsedMs: performance.now() - start };
  }

  async function readProject({ name, bytes }: ReadProjectRequest): Promise<ReadProjectResult> {
    const { importProjectFile } = await import('../state/project-file.ts');
    const read = importProjectFile(bytes, name);
    return 'error' in read ? read : { project: read };
  }

  const handlers: { [T in RequestType]: (payload: MessageMap[T][0], onProgress?: ProgressListener) => MessageMap[T][1] | Promise<MessageMap[T][1]> } = { load, analyze, refine, plan, bestSet, cancelBestSet, inspect, readProject };
  return {
    async handle(type, payload, onProgress) {
      return handlers[type](payload, onProgress);
    },
  };
}

function copyMetrics(metrics: UnitMetrics): UnitMetrics {
  return { areaM2: metrics.areaM2.slice(), bboxes: metrics.bboxes.slice(), labelPoints: metrics.labelPoints.slice(), population: metrics.population.slice() };
}

function copyGraph(graph: AdjacencyGraph): AdjacencyGraph {
  return { ...graph, offsets: graph.offsets.slice(), neighbors: graph.neighbors.slice(), sharedMeters: graph.sharedMeters.slice() };
}
