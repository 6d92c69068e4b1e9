/**
 * `lianpian plan <boundaries.geojson> --status status.csv [--size K] [--must CODE,…] [--exclude CODE,…]`:
 * the best contiguous set (自动推荐): the K communities, joined in one patch, with the most
 * facility items present in total, proven optimal when the search finishes within the time limit.
 */
import { basename } from 'node:path';
import { InputError, assembleDataset, bestContiguousSet, buildAdjacency, datasetReadiness, type SourceFile } from '../../core/index.ts';
import { readCommandArgs } from '../args.ts';
import { usageError, type CliIO, type Command } from '../program.ts';
import { readInputFile as readText } from '../read-input.ts';

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
  '  --must CODE,...     communities that must be in the set (e.g. 桂柑 and the ones already built)',
  '  --exclude CODE,...  communities that must stay out',
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
export function planBestSet(options: Options): Record<string, unknown> {
  const start = performance.now();
  const files: SourceFile[] = [{ role: 'communities', file: basename(options.file), text: readText(options.file) }];
  if (options.status) files.push({ role: 'status', file: basename(options.status), text: readText(options.status) });
  if (options.config) files.push({ role: 'campaign', file: basename(options.config), text: readText(options.config) });
  const dataset = assembleDataset(files, options.idField ? { idField: options.idField } : {});
  const features = dataset.boundaries.features;
  const indexOf = new Map(features.map((feature) => [feature.id, feature.index]));
  const lookup = (flag: string, list: string[]) => {
    const unknown = list.filter((code) => !indexOf.has(code));
    if (unknown.length > 0) throw new InputError({ code: 'E_ARGUMENT', field: flag, expected: `边界文件中的编码（编码取自 ${dataset.boundaries.idSource}）`, actual: unknown.slice(0, 10).join(', ') });
    return list.map((code) => indexOf.get(code)!);
  };
  const must = lookup('--must', options.must);
  const exclude = lookup('--exclude', options.exclude);
  const both = options.must.filter((code) => options.exclude.includes(code));
  if (both.length > 0) throw new InputError({ code: 'E_ARGUMENT', field: '--must/--exclude', expected: '必选与排除的社区互不重叠 must and exclude do not overlap', actual: both.join(', ') });
  const size = options.size ?? dataset.config.targets.demoCommunities;
  // The size came from --size or, without it, from the campaign config's target: name the one it was.
  const fromConfig = options.size === undefined;
  if (size > features.length) throw new InputError({ code: fromConfig ? 'E_CONFIG' : 'E_ARGUMENT', ...(fromConfig ? { file: options.config ?? 'campaign.json', path: 'targets.demoCommunities' } : { field: '--size' }), expected: `不超过社区总数 ${features.length} at most the number of communities${fromConfig ? '（或用 --size 指定个数 or give --size）' : ''}`, actual: String(size) });
  if (!options.status) throw new InputError({ code: 'E_ARGUMENT', field: '--status', expected: '状态表（设施齐备情况）a status table with the facility items', actual: '未提供 missing' });
  const { graph } = buildAdjacency(features.map((feature) => feature.geometry), dataset.config.adjacency);
  const loaded = performance.now();
  const deadline = loaded + options.timeLimitS * 1000;
  const best = bestContiguousSet(graph, { size, weight: datasetReadiness(dataset), must, exclude, shouldStop: () => performance.now() > deadline });
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
    must: options.must,
    exclude: options.exclude,
    branches: best.branches,
    timings: { loadMs: Number((loaded - start).toFixed(1)), searchMs: Number((searched - loaded).toFixed(1)) },
  };
}

function formatText(document: Record<string, unknown>): string {
  const d = document as { members: string[]; names: string[]; objective: number; optimal: boolean; bound: number; feasible: boolean; size: number };
  if (!d.feasible) return `无解：没有同时满足条件的 ${d.size} 个相连社区。\n`;
  const proof = d.optimal ? '已证明最优' : `未完成搜索（时间用尽），最优值不超过 ${d.bound}`;
  return [`自动推荐 ${d.size} 个相连社区，设施齐备项合计 ${d.objective}（${proof}）：`, ...d.members.map((code, i) => `  ${code}  ${d.names[i]}`)].join('\n') + '\n';
}

export const planCommand: Command = {
  name: 'plan',
  summary: '自动推荐：设施最齐备的 K 个相连社区 (best contiguous set of K communities)',
  usage: USAGE,
  run(args: string[], io: CliIO): number {
    const options = readOptions(args);
    if (typeof options === 'string') return usageError(io, options, USAGE);
    // Input errors (every problem, one line each) are printed by runCli.
    const document = planBestSet(options);
    io.out(options.format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : formatText(document));
    return 0;
  },
};
