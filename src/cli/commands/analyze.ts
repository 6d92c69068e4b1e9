/**
 * `lianpian analyze <boundaries.geojson> [--select CODE,… | --status status.csv] …`: the 连线成片
 * analysis from the command line: adjacency, clusters of the selected communities, isolated ones,
 * rings and bridge suggestions, as JSON, CSV or GeoJSON.
 */
import { basename } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  InputError,
  baselineSelection,
  communityRoleProperties,
  communityRoles,
  formatCsv,
  openAssembledDataset,
  readDataset,
  type BoundaryFeature,
  type ClusterName,
  type CommunityRoleRow,
  type ContiguityMode,
  type Dataset,
  type AdjacencyResult,
  type DatasetInput,
  type InputWarning,
} from '../../core/index.ts';
import { readCommandArgs } from '../args.ts';
import { usageError, type CliIO, type Command } from '../program.ts';
import { idPairs, jsonPieces } from '../id-pairs.ts';
import { datasetInput, rereadCoordinatesFromFile } from '../read-input.ts';
import { formatAnalysisText, type AnalysisTextInput } from '../analysis-text.ts';
import { runCampaignCommand, wantsCampaign } from '../remote-campaign.ts';

const FORMATS = ['json', 'csv', 'geojson', 'text'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = [
  'Usage: lianpian analyze <boundaries.geojson> [--select CODE,... | --status status.csv] [--config campaign.json]',
  '         [--mode rook|queen] [--min-shared M] [--tolerance M] [--id-field NAME] [--pairs]',
  '         [--format json|csv|geojson|text]',
  '',
  '连线成片分析：相邻关系、所选社区的连片、孤立社区、相邻周边和连片建议（最少/最省的补充社区）。',
  'Contiguity analysis: adjacency, clusters of the selected communities, isolated ones, rings and',
  'bridge suggestions (the fewest / cheapest extra communities that join all clusters).',
  '',
  '  --select CODE,...   communities to analyse, by id (comma-separated)',
  'Files may be in any format the app imports: GeoJSON, TopoJSON, zipped Shapefile (or a .shp with',
  'its .dbf/.prj beside it), CSV or XLSX, each optionally gzipped (.gz).',
  '',
  '  --status FILE       status table: selects the demonstration communities (精品示范社区 = 是),',
  '                      and gives population and readiness costs (with --select too)',
  '  --config FILE       campaign config (JSON): adjacency settings; the flags below override it',
  '  --mode rook|queen   rook: shared border (default); queen: any shared point',
  '  --min-shared M      shortest shared border in metres for a rook link (default 5)',
  '  --tolerance M       gap/overlap tolerated between borders in metres (default 1; 0 = exact)',
  '  --id-field NAME     property holding the id (default: feature id, else properties.code, else index)',
  '  --pairs             list every adjacent pair as [idA, idB, sharedMeters] (JSON)',
  '  --format F          json (default), csv (one row per selected or bridge community), geojson,',
  '                      or text (a readable summary: verdict, 片区, isolated, suggestions)',
  '  Clusters are numbered 片区 1…n in every format (as the app shows them).',
  '',
  'Usage: lianpian analyze --campaign URL [--format json|text]',
  '  --campaign URL      read the analysis of a campaign on a Lianpian server',
  '                      (http://HOST:PORT/api/campaigns/ID; sign-in: LIANPIAN_TOKEN=session token)',
].join('\n');

interface Options {
  file: string;
  select: string[] | undefined;
  status: string | undefined;
  config: string | undefined;
  mode: ContiguityMode | undefined;
  minSharedMeters: number | undefined;
  toleranceMeters: number | undefined;
  idField: string | undefined;
  pairs: boolean;
  format: Format;
}

/** The options, or the E_ARGUMENT message. */
function readOptions(args: string[]): Options | string {
  const read = readCommandArgs(
    args,
    {
      select: { type: 'string' },
      status: { type: 'string' },
      config: { type: 'string' },
      mode: { type: 'string' },
      'min-shared': { type: 'string' },
      tolerance: { type: 'string' },
      'id-field': { type: 'string' },
      pairs: { type: 'boolean', default: false },
    },
    FORMATS,
  );
  if (typeof read === 'string') return read;
  const { values, file, format } = read;
  if (values.mode !== undefined && values.mode !== 'rook' && values.mode !== 'queen') return `--mode must be rook or queen, got ${JSON.stringify(values.mode)}`;
  const metres = (flag: string, value: string | undefined): number | string | undefined => {
    if (value === undefined) return undefined;
    const number = Number(value);
    return value.trim() !== '' && Number.isFinite(number) && number >= 0 ? number : `${flag} must be a number of metres ≥ 0, got ${JSON.stringify(value)}`;
  };
  const minShared = metres('--min-shared', values['min-shared']);
  if (typeof minShared === 'string') return minShared;
  const tolerance = metres('--tolerance', values.tolerance);
  if (typeof tolerance === 'string') return tolerance;
  const select = values.select?.split(',').map((code) => code.trim()).filter((code) => code !== '');
  if (select !== undefined && select.length === 0) return '--select needs at least one id';
  return {
    file,
    select,
    status: values.status,
    config: values.config,
    mode: values.mode as ContiguityMode | undefined,
    minSharedMeters: minShared,
    toleranceMeters: tolerance,
    idField: values['id-field'],
    pairs: values.pairs,
    format,
  };
}

const round = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

export interface Analysis {
  /** The JSON output (ids instead of node indices everywhere). */
  document: Record<string, unknown>;
  features: BoundaryFeature[];
  /** Role per feature (index order), from the core's one classifier. */
  roles: CommunityRoleRow[];
  /** Selected and bridge communities: clusters by id, then bridges by step (a new array each read). */
  listed: CommunityRoleRow[];
  /** The answer's cluster names and numbers (片区 n), by cluster id. */
  names: readonly ClusterName[];
  /** The number people read for a cluster id (片区 n, the answer's `names[id].number`), in every format. */
  clusterNumber: (cluster: number) => number;
}

/** Opens the files through the app's own pipeline (`readDataset`, then `analyzeDataset`) and runs the core's what-if on the selection. */
export async function analyze(options: Options): Promise<Analysis> {
  const start = performance.now();
  const inputs: DatasetInput[] = [datasetInput('communities', options.file)];
  if (options.status) inputs.push(datasetInput('status', options.status));
  if (options.config) inputs.push(datasetInput('campaign', options.config));
  const loaded = await readDataset(inputs, options.idField ? { idField: options.idField } : {});
  // The file's bytes are not held through the analysis (coordinates are read again when needed).
  rereadCoordinatesFromFile(loaded.boundaries, inputs.splice(0)[0]!, options.file);
  return analyzeDataset(loaded, options, { start });
}

/** What `analyzeDataset` needs of the command's options (file names are shown by their base name). */
export type AnalyzeOptions = Pick<Options, 'file' | 'select' | 'status' | 'mode' | 'minSharedMeters' | 'toleranceMeters' | 'pairs'>;

/**
 * The analysis of an assembled dataset: the JSON document of `lianpian analyze --format json`
 * and the per-community roles, through the pipeline's steps after assembly (`openAssembledDataset`).
 * The campaign server calls it on a campaign's dataset, so its analysis is this document;
 * `adjacency` may pass the result of `buildAdjacency` on the same geometries and settings (the
 * server keeps it per boundary version); `start` is when reading began.
 */
export function analyzeDataset(loaded: Dataset, options: AnalyzeOptions, { start = performance.now(), adjacency: built }: { start?: number; adjacency?: AdjacencyResult } = {}): Analysis {
  const parsed = performance.now();
  const warnings: InputWarning[] = [];
  let designated: Uint8Array = new Uint8Array(0);
  // Selection: --select, else the status table's demonstration communities.
  const select = (dataset: Dataset): Uint8Array => {
    const features = dataset.boundaries.features;
    warnings.push(...dataset.warnings);
    if (options.select) {
      const indexOf = new Map(features.map((feature) => [feature.id, feature.index]));
      const unknown = options.select.filter((code) => !indexOf.has(code));
      if (unknown.length > 0) {
        throw new InputError({ code: 'E_ARGUMENT', field: '--select', expected: `边界文件中的编码（编码取自 ${dataset.boundaries.idSource}）`, actual: unknown.slice(0, 10).join(', ') });
      }
      designated = new Uint8Array(features.length);
      for (const code of options.select) designated[indexOf.get(code)!] = 1;
    } else {
      designated = baselineSelection(dataset);
      if (!options.status) warnings.push({ code: 'W_NO_SELECTION', message: '未选定社区（既无 --select 也无 --status）：只计算相邻关系，不作连片结论 no selection: adjacency only, no contiguity verdict' });
      else if (!designated.includes(1)) warnings.push({ code: 'W_NO_SELECTION', message: `状态表 ${basename(options.status)} 中没有“精品示范社区 = 是”的社区：不作连片结论 no demonstration community in the status table, no contiguity verdict` });
    }
    return designated;
  };
  // Flags override the campaign's adjacency settings. Area, bbox and label point only for the
  // selection: the output reports them per cluster, and label points for every unit were most of
  // the run (30k cells: ~0.3 s) with `--pairs` alone.
  const opened = openAssembledDataset(loaded, {
    adjacency: { mode: options.mode, minSharedMeters: options.minSharedMeters, toleranceMeters: options.toleranceMeters },
    measure: select,
    ...(built ? { built } : {}),
  });
  const timings = { ...opened.timings, parseMs: parsed - start };
  const { dataset, graph, weakLinks, describedFindings, whatIf } = opened;
  const adjacency = dataset.config.adjacency;
  const features = dataset.boundaries.features;
  const measured = performance.now();
  const answer = whatIf.analyze(designated, { overlays: false });
  const clustered = performance.now();
  // The app shows the fast plan at once and refines it when the core says so; the CLI waits for the refined one.
  const { bridges: solution, explanations } = answer.refinable ? whatIf.refineBridges(designated) : answer;
  const bridged = performance.now();
  const { report, rings, names } = answer;

  const id = (index: number) => features[index]!.id;
  const document = {
    file: basename(options.file),
    features: features.length,
    idSource: dataset.boundaries.idSource,
    mode: adjacency.mode,
    minSharedMeters: adjacency.minSharedMeters,
    toleranceMeters: adjacency.toleranceMeters,
    pairCount: graph.neighbors.length / 2,
    ...(options.pairs ? { pairs: idPairs(graph, features.map((feature) => feature.id)) } : {}),
    selectedCount: report.designatedCount,
    verdict: answer.verdict,
    contiguous: answer.verdict === 'contiguous',
    clusters: report.clusters.map((cluster) => ({
      number: names[cluster.id]!.number,
      label: names[cluster.id]!.label,
      name: names[cluster.id]!.name,
      size: cluster.size,
      members: cluster.members.map(id),
      areaM2: round(cluster.areaM2, 0),
      population: cluster.population,
      bbox: cluster.bbox.map((value) => round(value, 6)),
      labelPoint: cluster.labelPoint.map((value) => round(value, 6)),
      ring: rings[cluster.id]!.ring.map(id),
    })),
    isolated: report.isolated.map(id),
    bridges: {
      added: solution.added.map(id),
      totalCost: round(solution.totalCost, 4),
      costs: 'fewest first, then readiness: 1 + (1 − facilities / 12) / (n + 1)',
      method: solution.method,
      exact: solution.exact,
      connected: solution.connected,
      unreachableClusters: solution.unreachableClusters,
      suggestions: solution.suggestions.map((s, i) => ({ step: s.step, id: id(s.node), name: features[s.node]!.name, cost: round(s.cost, 4), joins: s.joins.map((cluster) => names[cluster]!.number), explanation: explanations[i]! })),
    },
    weakLinks: weakLinks.map((link) => ({ a: id(link.a), b: id(link.b), kind: link.kind, sharedMeters: round(link.sharedMeters, 2) })),
    // Named (鼓楼社区（330302006044）) with a place and, for overlaps, the measured overlap: as the app's 数据提示 shows them.
    findings: describedFindings.map((finding) => ({ ...finding, units: finding.units.map(id) })),
    warnings,
    timings: {
      parseMs: round(timings.parseMs, 2),
      adjacencyMs: round(timings.adjacencyMs, 2),
      metricsMs: round(timings.metricsMs, 2),
      clustersMs: round(clustered - measured, 2),
      bridgesMs: round(bridged - clustered, 2),
      totalMs: round(bridged - start, 2),
    },
  };

  // Roles: cluster members, isolated units, ring neighbours, bridges (the classifier the map and
  // the exports use). Made when first read: only the CSV and GeoJSON outputs read them (a row
  // object per community: ~6 ms of a JSON run on 30k cells, and the server reads the document only).
  let roles: CommunityRoleRow[] | undefined;
  const rolesOf = () => (roles ??= communityRoles({ report, rings, bridges: solution }));
  return {
    document,
    features: [...features],
    get roles() {
      return rolesOf();
    },
    get listed() {
      const all = rolesOf();
      return [...report.clusters.flatMap((cluster) => cluster.members.map((v) => all[v]!)), ...solution.suggestions.map((s) => all[s.node]!)];
    },
    names,
    clusterNumber: (cluster) => names[cluster]!.number,
  };
}


function formatOutput(analysis: Analysis, format: Format): string | string[] {
  const { document, features, names, clusterNumber } = analysis;
  if (format === 'json') return jsonPieces(document);
  if (format === 'text') {
    const byId = new Map(features.map((feature) => [feature.id, feature]));
    return formatAnalysisText(document as unknown as AnalysisTextInput, (code) => {
      const feature = byId.get(code);
      return feature && feature.name !== code ? `${feature.name}（${code}）` : code;
    });
  }
  if (format === 'csv') return formatCsv(['id', 'name', 'cluster', 'role'], analysis.listed.map((row) => [features[row.index]!.id, features[row.index]!.name, (row.role === 'bridge' ? row.joins : row.cluster === null ? [] : [row.cluster]).map(clusterNumber).join(';'), row.role]));
  const roles = analysis.roles;
  const collection: FeatureCollection<Polygon | MultiPolygon> = {
    type: 'FeatureCollection',
    features: features.map((feature, index): Feature<Polygon | MultiPolygon> => {
      const row = roles[index]!;
      return {
        type: 'Feature',
        id: feature.id,
        properties: { id: feature.id, name: feature.name, street: feature.street, ...communityRoleProperties(row, names) },
        geometry: feature.geometry,
      };
    }),
  };
  return `${JSON.stringify(collection)}\n`;
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: '连线成片分析：连片、孤立社区、相邻周边和连片建议 (contiguity analysis and bridge suggestions)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    if (wantsCampaign(args)) return runCampaignCommand(args, io, { which: 'analysis', usage: USAGE, formats: ['json', 'text'], format: (document, format) => (format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : formatAnalysisText(document as unknown as AnalysisTextInput, (code) => code)) });
    const options = readOptions(args);
    if (typeof options === 'string') return usageError(io, options, USAGE);
    // Input errors (every problem, one line each) are printed by runCli.
    const output = formatOutput(await analyze(options), options.format);
    for (const piece of typeof output === 'string' ? [output] : output) io.out(piece);
    return 0;
  },
};
