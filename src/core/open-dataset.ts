/**
 * The one ingest pipeline of Lianpian: bytes → decode → parse → assemble → adjacency → metrics →
 * what-if engine. The analysis worker's `load`, every `lianpian` command and the campaign server
 * open their files here, so they read the same formats (GeoJSON, TopoJSON, zipped or loose
 * Shapefile, CSV, XLSX, `.gz`) with the same validation and build the same graph.
 * Pure: callers read the bytes (node:fs in the CLI, fetch or File in the browser) and hand them in.
 */
import { buildAdjacency, type AdjacencyOptions, type AdjacencyResult, type DataQualityFinding, type WeakLink } from './adjacency/build-adjacency.ts';
import { assembleDataset } from './assemble-dataset.ts';
import type { Dataset, DatasetRole, SourceFile } from './dataset.ts';
import { describeFindings, type DescribedFinding } from './describe-findings.ts';
import { InputError } from './errors.ts';
import type { AdjacencyGraph } from './contiguity/graph.ts';
import { parseBoundaries } from './parse/boundaries.ts';
import { IMPORT_KIND_LABELS, mayDetectIdField, readImportFile, type ImportChoices, type ImportInput, type ImportKind, type ImportedFile } from './import/read-import.ts';
import { unitMetrics, type UnitMetrics } from './metrics.ts';
import { createWhatIf, type WhatIf } from './contiguity/what-if.ts';

/**
 * One file of a dataset, in the form the caller has it. Give exactly one of `parts` (bytes, read
 * by the importer), `text` (already decoded text: GeoJSON, CSV or campaign JSON) or `read` (the
 * file as an import preview already read and parsed it).
 */
export interface DatasetInput {
  role: DatasetRole;
  /** The name users know the file by (the .shp or .zip of a Shapefile); used in every message. */
  file: string;
  /** The file's bytes: one part, or the loose parts of one Shapefile (.shp, .dbf, .prj, .cpg). */
  parts?: readonly ImportInput[];
  /** The file's text (GeoJSON, CSV or campaign JSON). */
  text?: string;
  /** Encoding, coordinate system and column mapping chosen in the import preview (bytes only). */
  choices?: ImportChoices;
  /** The file as an import preview already read it, with the role parser's result (see `inspectImport`). */
  read?: { file: ImportedFile; parsed?: unknown };
}

export interface OpenDatasetOptions {
  /** Property holding the community id (default: feature id, else `properties.code`, else index). */
  idField?: string;
  /** Overrides of the campaign's adjacency settings (a CLI flag wins over `campaign.json`). */
  adjacency?: AdjacencyOptions;
  /**
   * Units to measure (area, bbox, label point), from the assembled dataset; default all. The CLI
   * measures only the selection: label points cost ~30 µs per unit and nothing else needs them.
   */
  measure?: (dataset: Dataset) => Uint8Array | undefined;
  /** Called before each step with a Chinese phase name and a fraction 0–1. */
  onProgress?: (phase: string, fraction: number) => void;
  /** Clock for `timings`, in milliseconds (default `performance.now`). */
  now?: () => number;
}

/** Everything an analysis needs about one loaded dataset. */
export interface OpenedDataset {
  /** The joined dataset; `config.adjacency` includes the `adjacency` overrides. */
  dataset: Dataset;
  graph: AdjacencyGraph;
  weakLinks: WeakLink[];
  /** Data-quality findings as the adjacency reports them (node indices). */
  findings: DataQualityFinding[];
  /** The same findings named and measured (name and code, place, overlap area). */
  describedFindings: DescribedFinding[];
  metrics: UnitMetrics;
  /** Label point (lon, lat) inside each street of `dataset.streets`, 2 numbers per street. */
  streetLabelPoints: Float64Array;
  /** The what-if engine over this dataset (clusters, bridges, routes, target, best set). */
  whatIf: WhatIf;
  /** Milliseconds per step. */
  timings: { parseMs: number; adjacencyMs: number; metricsMs: number };
}

/** The import kind that a dataset role's file must be. */
const KIND_OF_ROLE: Record<DatasetRole, ImportKind> = {
  communities: 'boundaries',
  streets: 'boundaries',
  district: 'boundaries',
  status: 'status',
  inspections: 'inspections',
  campaign: 'campaign',
};

/**
 * The first half of `openDataset`: reads (decode, recognise the format) and validates every file
 * and joins them into a Dataset, without the adjacency. For commands that need no graph
 * (`lianpian report`, `validate`).
 * @throws InputError from the importer and the parsers (file, path, field, expected and actual).
 */
export async function readDataset(inputs: readonly DatasetInput[], options: Pick<OpenDatasetOptions, 'idField'> = {}): Promise<Dataset> {
  const files = await Promise.all(inputs.map(sourceFile));
  // A parse staged without the id field would have other ids: parse again then.
  return assembleDataset(options.idField ? files.map(({ parsed: _parsed, ...file }) => file) : files, options.idField ? { idField: options.idField } : {});
}

async function sourceFile(input: DatasetInput): Promise<SourceFile> {
  const { role, file } = input;
  if (input.read) return fromImported(role, file, input.read.file, input.read.parsed);
  if (input.parts) {
    const group = { name: file, inputs: input.parts };
    const choices: ImportChoices = { kind: KIND_OF_ROLE[role], ...input.choices };
    const imported = await readImportFile(group, choices, { scan: true });
    if (imported.kind !== KIND_OF_ROLE[role]) throw new InputError({ code: 'E_FORMAT', file, expected: IMPORT_KIND_LABELS[KIND_OF_ROLE[role]], actual: IMPORT_KIND_LABELS[imported.kind] });
    if (imported.content instanceof Uint8Array) {
      // Scanned bytes: without feature ids the importer's id-field detection (CODE, 社区代码…)
      // decides, as in a preview, so the file is read the object way when it may find a field
      // (when it cannot, it changes nothing and the scanned read stands).
      const parsed = parseBoundaries(imported.content, { file });
      if (parsed.idSource !== 'index' || !mayDetectIdField(parsed.features)) return fromImported(role, file, imported, parsed);
      return fromImported(role, file, await readImportFile(group, choices));
    }
    return fromImported(role, file, imported);
  }
  if (input.text !== undefined) return { role, file, text: input.text };
  throw new Error(`文件 ${file} 没有内容`);
}

function fromImported(role: DatasetRole, file: string, imported: ImportedFile, parsed?: unknown): SourceFile {
  if (imported.kind === 'campaign') return { role, file, text: imported.content as string, ...(parsed !== undefined ? { parsed } : {}) };
  return { role, file, text: '', content: imported.content, ...(parsed !== undefined ? { parsed } : {}) };
}

/**
 * Opens a dataset: bytes → decode → parse → assemble → adjacency → metrics → what-if engine.
 *
 * Signature: `openDataset(inputs: DatasetInput[], options?: OpenDatasetOptions): Promise<OpenedDataset>`.
 * Each input is one logical file with its role (`communities` is required; `streets`,
 * `district`, `status`, `inspections`, `campaign` are optional) and its bytes (`parts`), its text
 * or an import preview's read (`read`). Bytes may be GeoJSON, TopoJSON, a zipped Shapefile, loose
 * Shapefile parts, CSV or XLSX, any of them gzipped; each file is at most MAX_INPUT_BYTES.
 * @throws InputError with every problem of a file (E_FORMAT, E_JSON, E_CSV, E_TOO_LARGE, the
 *   parsers' codes), or E_ARGUMENT when there is no communities file.
 * @example
 * const opened = await openDataset([
 *   { role: 'communities', file: 'communities.zip', parts: [{ name: 'communities.zip', bytes }] },
 *   { role: 'status', file: 'status.xlsx', parts: [{ name: 'status.xlsx', bytes: statusBytes }] },
 * ]);
 * opened.whatIf.analyze(baselineSelection(opened.dataset)).verdict; // 'split'
 */
export async function openDataset(inputs: readonly DatasetInput[], options: OpenDatasetOptions = {}): Promise<OpenedDataset> {
  const now = options.now ?? (() => performance.now());
  const start = now();
  (options.onProgress ?? (() => undefined))('校验数据', 0.2);
  const loaded = await readDataset(inputs, options);
  const parseMs = now() - start;
  const opened = openAssembledDataset(loaded, options);
  return { ...opened, timings: { ...opened.timings, parseMs } };
}

/** Options of `openAssembledDataset`: those of `openDataset` after assembly, and an adjacency already built. */
export interface OpenAssembledOptions extends Pick<OpenDatasetOptions, 'adjacency' | 'measure' | 'onProgress' | 'now'> {
  /**
   * The adjacency of these boundaries under these settings, built before (the campaign server
   * keeps one per boundary version, so a status change does not rebuild the graph).
   */
  built?: AdjacencyResult;
}

/**
 * The pipeline's steps after assembly: adjacency → metrics → what-if engine, for a dataset that
 * is already joined (`readDataset`, or one a server keeps). `timings.parseMs` is 0 here.
 */
export function openAssembledDataset(loaded: Dataset, options: OpenAssembledOptions = {}): OpenedDataset {
  const now = options.now ?? (() => performance.now());
  const progress = options.onProgress ?? (() => undefined);
  const adjacency = { ...loaded.config.adjacency, ...definedOnly(options.adjacency ?? {}) };
  const dataset: Dataset = options.adjacency ? { ...loaded, config: { ...loaded.config, adjacency } } : loaded;
  const parsed = now();
  progress('计算相邻关系', 0.4);
  const geometries = dataset.boundaries.features.map((feature) => feature.geometry);
  const { graph, weakLinks, findings } = options.built ?? buildAdjacency(geometries, adjacency);
  const adjacent = now();
  progress('计算面积与标注点', 0.8);
  const only = options.measure?.(dataset);
  const metrics = unitMetrics(geometries, dataset.status.map((row) => row?.population ?? null), only ? { only } : {});
  const streetLabelPoints = dataset.streets.length ? unitMetrics(dataset.streets.map((street) => street.geometry)).labelPoints : new Float64Array(0);
  const whatIf = createWhatIf({ dataset, graph, metrics });
  const measured = now();
  // Findings named and measured here (polygon intersections stay off the page's thread and bundle).
  const describedFindings = describeFindings(findings, dataset.boundaries.features);
  return { dataset, graph, weakLinks, findings, describedFindings, metrics, streetLabelPoints, whatIf, timings: { parseMs: 0, adjacencyMs: adjacent - parsed, metricsMs: measured - adjacent } };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
