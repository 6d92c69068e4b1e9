/**
 * `lianpian plan <boundaries.geojson> --status status.csv [--size K] [--must CODE,…] [--exclude CODE,…]`:
 * the best contiguous set (自动推荐): the K communities, joined in one patch, with the most
 * facility items present in total, proven optimal when the search finishes within the time limit.
 */
import { InputError, checkBestSetRequest, openDataset, resolveCommunity, type BoundaryFeature, type DatasetInput } from '../../core/index.ts';
import { readCommandArgs } from '../args.ts';
import { usageError, type CliIO, type Command } from '../program.ts';
import { datasetInput } from '../read-input.ts';

const FORMATS = ['json', 'text'] as const;
type Format = (typeof FORMATS)[number];

/** Default `--time-limit` in seconds. */
const DEFAULT_TIME_LIMIT_S = 60;

const USAGE = [
  'Usage: lianpian plan <boundaries.geojson> --status status.csv [--config campaign.json] [--size K]',
  '         [--must CODE,...] [--exclude CODE,...] [--time-limit S] [--id-field NAME] [--format json|text]',
  '',
  '自动推荐：连成一片的 K 个社区中，设施（五室三站二栏一校一场所）齐备项数之和最大的一组。',
  '搜索完成即证明最优（optimal: true）；超时则给出已找到的最好方案及上界 bound。',
  'Best contiguous set: the K connected communities with the most facility items present in total;',
  'optimal: true only when the search finished (a proof), else the best found and an upper bound.',
  '',
  '  --status FILE       status table (facility items per community)',
  '  --config FILE       campaign config (JSON): target size and adjacency settings',
  '  --size K            number of communities (default: the campaign target, targets.demoCommunities)',
  '  --must CODE,...     communities that must be in the set, by code or name (桂柑 or 桂柑社区);',
  '                      a name several communities share is an error listing them with their codes',
  '  --exclude CODE,...  communities that must stay out (codes or names, as --must)',
  `  --time-limit S      stop the search after S seconds (default ${DEFAULT_TIME_LIMIT_S})`,
  '  --id-field NAME     property holding the id (default: feature id, else properties.code, else index)',
  '  --format F          json (default): { members, contiguous, objective, optimal, bound, … }; text: a summary',
].join('\n');

interface Options {
  file: string;
  status: string | undefined;
  config: string | undefined;
  size: number | undefined;
  must: string[];
  exclude: string[];
  timeLimitS: number;
  idField: string | undefined;
  format: Format;
}

const codes = (value: string | undefined) => (value ?? '').split(',').map((code) => code.trim()).filter((code) => code !== '');

/** The options, or the E_ARGUMENT message. */
function readOptions(args: string[]): Options | string {
  const read = readCommandArgs(
    args,
    {
      status: { type: 'string' },
      config: { type: 'string' },
      size: { type: 'string' },
      must: { type: 'string' },
      exclude: { type: 'string' },
      'time-limit': { type: 'string' },
      'id-field': { type: 'string' },
    },
    FORMATS,
  );
  if (typeof read === 'string') return read;
  const { values, file, format } = read;
  const size = values.size === undefined ? undefined : Number(values.size);
  if (size !== undefined && !(Number.isInteger(size) && size >= 1)) return `--size 应为不小于 1 的整数 (--size must be a whole number ≥ 1)，实际为 ${JSON.stringify(values.size)}`;
  const timeLimitS = values['time-limit'] === undefined ? DEFAULT_TIME_LIMIT_S : Number(values['time-limit']);
  if (!(values['time-limit'] === undefined || (values['time-limit'].trim() !== '' && timeLimitS > 0 && timeLimitS < Infinity))) return `--time-limit must be a number of seconds > 0, got ${JSON.stringify(values['time-limit'])}`;
  return { file, status: values.status, config: values.config, size, must: codes(values.must), exclude: codes(values.exclude), timeLimitS, idField: values['id-field'], format };
}

/** The best contiguous set for the options, as the JSON document. */
export async function runBestSet(options: Options): Promise<Record<string, unknown>> {
  const start = performance.now();
  const inputs: DatasetInput[] = [datasetInput('communities', options.file)];
  if (options.status) inputs.push(datasetInput('status', options.status));
  if (options.config) inputs.push(datasetInput('campaign', options.config));
  // No label points: the search reads only the graph and the readiness.
  const { dataset, whatIf } = await openDataset(inputs, { ...(options.idField ? { idField: options.idField } : {}), measure: (loaded) => new Uint8Array(loaded.boundaries.features.length) });
  const features = dataset.boundaries.features;
  // A size that came from the campaign config's target (no --size) is named as the config's.
  const target = dataset.config.targets.demoCommunities;
  if (options.size === undefined && target > features.length) throw new InputError({ code: 'E_CONFIG', file: options.config ?? 'campaign.json', path: 'targets.demoCommunities', expected: `不超过社区总数 ${features.length} at most the number of communities（或用 --size 指定 or give --size）`, actual: String(target) });
  // Codes or names as the app's picker takes them, then the core's one check of a best-set
  // request, with the flags' names in its messages.
  const { size, must, exclude } = checkBestSetRequest({ size: options.size, must: communitiesNamed('--must', options.must, features, dataset.boundaries.idSource), exclude: communitiesNamed('--exclude', options.exclude, features, dataset.boundaries.idSource) }, { nodeCount: features.length, defaultSize: whatIf.targetSize, ids: features.map((feature) => feature.id), fieldPrefix: '--' });
  if (!options.status) throw new InputError({ code: 'E_ARGUMENT', field: '--status', expected: '状态表（设施齐备情况）a status table with the facility items', actual: '未提供 missing' });
  const loaded = performance.now();
  const deadline = loaded + options.timeLimitS * 1000;
  const best = whatIf.bestSet({ size, must, exclude, shouldStop: () => performance.now() > deadline });
  const searched = performance.now();
  return {
    members: best.members.map((v) => features[v]!.id),
    contiguous: best.contiguous,
    objective: best.objective,
    optimal: best.optimal,
    bound: best.bound,
    feasible: best.feasible,
    size,
    names: best.members.map((v) => features[v]!.name),
    objectiveMeaning: 'facility items present (of 12), summed over the members',
    must: must.map((index) => features[index]!.id),
    exclude: exclude.map((index) => features[index]!.id),
    branches: best.branches,
    timings: { loadMs: Number((loaded - start).toFixed(1)), searchMs: Number((searched - loaded).toFixed(1)) },
  };
}

/**
 * The communities a `--must`/`--exclude` list names, by code or name as the app's picker takes
 * them (core `resolveCommunity`): an unknown entry, or a name several communities share (the
 * candidates listed with street and code), is an E_ARGUMENT error.
 */
function communitiesNamed(flag: string, list: readonly string[], features: readonly BoundaryFeature[], idSource: string): number[] {
  const problems: string[] = [];
  const indices: number[] = [];
  for (const text of list) {
    const found = resolveCommunity(features, text);
    if (found.kind === 'found') indices.push(found.index);
    else if (found.kind === 'ambiguous') problems.push(`「${text}」有 ${found.candidates.length} 个同名社区，请用编码：${found.candidates.map((index) => `${features[index]!.name}（${features[index]!.street}，${features[index]!.id}）`).join('、')}`);
    else problems.push(`「${text}」不是边界文件中的编码或社区名称（编码取自 ${idSource}）`);
  }
  if (problems.length > 0) throw new InputError({ code: 'E_ARGUMENT', field: flag, expected: '社区编码或名称 a community code or name', actual: problems.join('；') });
  return [...new Set(indices)];
}

function formatText(document: Record<string, unknown>): string {
  const d = document as { members: string[]; names: string[]; objective: number; optimal: boolean; bound: number; feasible: boolean; size: number };
  if (!d.feasible) return `无解：没有同时满足条件的 ${d.size} 个相连社区。\n`;
  const proof = d.optimal ? '已证明最优' : `未完成搜索（时间用尽），最优值不超过 ${d.bound}`;
  return [`自动推荐 ${d.size} 个相连社区，设施齐备项合计 ${d.objective}（${proof}）：`, ...d.members.map((code, i) => `  ${code}  ${d.names[i]}`)].join('\n') + '\n';
}

export const bestSetCommand: Command = {
  name: 'plan',
  summary: '自动推荐：设施最齐备的 K 个相连社区 (best contiguous set of K communities)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const options = readOptions(args);
    if (typeof options === 'string') return usageError(io, options, USAGE);
    // Input errors (every problem, one line each) are printed by runCli.
    const document = await runBestSet(options);
    io.out(options.format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : formatText(document));
    return 0;
  },
};
