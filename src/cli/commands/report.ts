/**
 * `lianpian report <boundaries> --status <csv> --inspections <csv> --config <json> [--streets <geojson>]
 * [--as-of DATE] [--format json|csv|text|bulletin]`: which streets and communities lag and why, as of
 * an inspection round, from the same core functions as the app's 落后分析 view (laggingReport,
 * bulletin).
 */
import { readFileSync } from 'node:fs';
import {
  bulletin,
  formatBulletinCsv,
  formatCsv,
  formatScore,
  asOfNotice,
  laggingReport,
  laggingTerms,
  LAGGING_STREET_WORD,
  RED_LIGHT_WORD,
  readDataset,
  type GradedCommunity,
  type Dataset,
  type DatasetInput,
  type DatasetRole,
  type LaggingReport,
  type GradedStreet,
} from '../../core/index.ts';
import { readCommandArgs } from '../args.ts';
import { usageError, type CliIO, type Command } from '../program.ts';
import { datasetInput } from '../read-input.ts';
import { runCampaignCommand, wantsCampaign } from '../remote-campaign.ts';

const FORMATS = ['json', 'csv', 'text', 'bulletin'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = [
  'Usage: lianpian report <boundaries.geojson> --status status.csv --inspections inspections.csv',
  '         --config campaign.json [--streets streets.geojson] [--as-of YYYY-MM-DD]',
  '         [--format json|csv|text|bulletin]',
  '',
  '落后分析：按配置中的全部规则判定落后社区并列出每条原因，街道汇总并从最落后排起。',
  'Lagging analysis: every community checked against all configured rules, each red flag with its',
  'reasons in Chinese; streets rolled up and ranked worst first. Ranking score: the latest inspection',
  'score as of the date (street = mean of its inspected communities); the rubric score from the',
  'config weights is shown next to it.',
  '',
  '  --status FILE       status table (CSV)',
  '  --inspections FILE  inspection records (CSV)',
  '  --config FILE       campaign config (JSON): thresholds, weights, targets',
  '  --streets FILE      street outlines (GeoJSON), for street names (default: a streets.geojson',
  '                      next to the boundaries file, when there is one)',
  '  --as-of DATE        state as of this date (inspections after it are ignored; default: the latest)',
  '  --format F          json (default); csv (one row per community, worst first); text (street',
  '                      ranking as a table); bulletin (半月通报 CSV: streets, lagging communities, changes)',
  '',
  'Usage: lianpian report --campaign URL [--format json]',
  '  --campaign URL      read the lagging report of a campaign on a Lianpian server',
  '                      (http://HOST:PORT/api/campaigns/ID; sign-in: LIANPIAN_TOKEN=session token)',
].join('\n');

interface Options {
  boundaries: string;
  status: string | undefined;
  inspections: string | undefined;
  config: string | undefined;
  streets: string | undefined;
  asOf: string | undefined;
  format: Format;
}

function readOptions(args: string[]): Options | string {
  const read = readCommandArgs(
    args,
    {
      status: { type: 'string' },
      inspections: { type: 'string' },
      config: { type: 'string' },
      streets: { type: 'string' },
      'as-of': { type: 'string' },
    },
    FORMATS,
  );
  if (typeof read === 'string') return read;
  const { values, file, format } = read;
  const asOf = values['as-of'];
  if (asOf !== undefined && !isIsoDate(asOf)) return `--as-of must be a date YYYY-MM-DD, got ${JSON.stringify(asOf)}`;
  return { boundaries: file, status: values.status, inspections: values.inspections, config: values.config, streets: values.streets, asOf, format };
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(text);
}


/** Reads the files through the app's own pipeline (`readDataset`, the first half of `openDataset`: no graph is needed). */
export function loadDataset(options: Pick<Options, 'boundaries' | 'status' | 'inspections' | 'config' | 'streets'>): Promise<Dataset> {
  const inputs: DatasetInput[] = [datasetInput('communities', options.boundaries)];
  const add = (role: DatasetRole, path: string | undefined) => path && inputs.push(datasetInput(role, path));
  add('status', options.status);
  add('inspections', options.inspections);
  add('campaign', options.config);
  const streets = options.streets ?? siblingStreets(options.boundaries);
  add('streets', streets);
  return readDataset(inputs);
}

function siblingStreets(boundaries: string): string | undefined {
  const candidate = boundaries.replace(/[^/\\]+$/, 'streets.geojson');
  if (candidate === boundaries) return undefined;
  try {
    readFileSync(candidate);
    return candidate;
  } catch {
    return undefined;
  }
}

const communityJson = (community: GradedCommunity, rank: number) => ({
  rank,
  code: community.code,
  name: community.name,
  street: community.street,
  streetCode: community.streetCode,
  demo: community.demo,
  score: community.score,
  scoreDate: community.scoreDate,
  scoreChange: community.scoreChange,
  rubricScore: community.rubricScore,
  breakdown: community.breakdown,
  facilities: community.facilities,
  lagging: community.lagging,
  rules: community.rules,
  reasons: community.reasons,
  unknown: community.unknown,
  grade: community.grade,
  gradeReasons: community.gradeReasons,
  openCases: community.openCases,
  redCases: community.redCases,
});

const streetJson = (street: GradedStreet) => ({
  rank: street.rank,
  code: street.code,
  name: street.name,
  score: street.score,
  previousScore: street.previousScore,
  scoreChange: street.scoreChange,
  rubricScore: street.rubricScore,
  lagging: street.lagging,
  reasons: street.reasons,
  communities: street.communities,
  inspected: street.inspected,
  laggingCount: street.laggingCount,
  standardShare: street.standardShare,
  demoCount: street.demoCount,
  demoLagging: street.demoLagging,
  budgetAllocatedWan: street.budgetAllocatedWan,
  budgetSpentWan: street.budgetSpentWan,
  grade: street.grade,
  gradeReasons: street.gradeReasons,
  gradeCounts: street.gradeCounts,
});

/** The JSON document of `lianpian report`. */
export function reportDocument(report: LaggingReport): Record<string, unknown> {
  const { district } = report;
  return {
    asOf: report.asOf,
    round: report.round,
    previousRound: report.previousRound?.date ?? null,
    rankingScore: report.rankingScore,
    rules: report.activeRules,
    district: { ...streetJson(district), rank: undefined },
    targets: report.targets,
    grades: report.grades,
    casesAt: report.casesAt,
    standings: report.standings,
    streets: report.streets.map(streetJson),
    communities: report.ranking.map((index, i) => communityJson(report.communities[index]!, i + 1)),
  };
}

const cellScore = (value: number | null) => (value === null ? '' : formatScore(value));

/** The street table: one word per meaning (落后街道 for a street, 亮红灯 for its communities), each with the rule it counts. */
function streetTable(report: LaggingReport, config: Dataset['config']): string {
  const terms = laggingTerms(config);
  const unscored = report.streets.every((street) => street.score === null);
  const lines = [
    `落后分析 截至 ${report.asOf ?? '—'}（${report.activeRules.length} 条规则）`,
    `${report.rankingScore}`,
    [...(terms.street ? [`${terms.street.word}：${terms.street.rule}`] : []), `${terms.community.word}：${terms.community.rule}`].join('；'),
    ...(asOfNotice(report) ? [`注意：${asOfNotice(report)}`] : []),
    '',
    ['排名', '街道', '代码', '平均分', '较上轮', LAGGING_STREET_WORD, `${RED_LIGHT_WORD}/社区`].join('\t'),
    ...report.streets.map((street) =>
      // Before the first inspection no street has a score to be ranked by: no rank is printed.
      [unscored ? '—' : street.rank, street.name, street.code, cellScore(street.score), street.scoreChange === null ? '' : `${street.scoreChange > 0 ? '+' : ''}${formatScore(street.scoreChange)}`, street.lagging ? '是' : '否', `${street.laggingCount}/${street.communities}`].join('\t'),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function communityCsv(report: LaggingReport): string {
  return formatCsv(
    ['排名', '代码', '名称', '街道', '示范社区', '检查得分', '台账评分', RED_LIGHT_WORD, '原因', '无法判定'],
    report.ranking.map((index, i) => {
      const community = report.communities[index]!;
      return [i + 1, community.code, community.name, community.street, community.demo ? '是' : '否', community.score, community.rubricScore, community.lagging ? '是' : '否', community.reasons.join('；'), community.unknown.join('；')];
    }),
  );
}

/** Warns on stderr when the date is before the first inspection (the text table also says it). */
function warnBeforeFirstInspection(report: LaggingReport, io: CliIO): void {
  const notice = asOfNotice(report);
  if (notice) io.err(`W_BEFORE_FIRST_INSPECTION: ${notice}\n`);
}

export const reportCommand: Command = {
  name: 'report',
  summary: '落后分析：落后街道与社区及原因、排名、半月通报 (lagging streets and communities with reasons)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    if (wantsCampaign(args)) return runCampaignCommand(args, io, { which: 'lagging', usage: USAGE, formats: ['json'], format: (document) => `${JSON.stringify(document, null, 2)}\n` });
    const options = readOptions(args);
    if (typeof options === 'string') return usageError(io, options, USAGE);
    // Input errors (every problem, one line each) are printed by runCli.
    const dataset = await loadDataset(options);
    const asOf = options.asOf ?? null;
    if (options.format === 'bulletin') {
      warnBeforeFirstInspection(laggingReport(dataset, { asOf }), io);
      io.out(formatBulletinCsv(bulletin(dataset, { asOf }).rows));
      return 0;
    }
    const report = laggingReport(dataset, { asOf });
    warnBeforeFirstInspection(report, io);
    if (options.format === 'json') io.out(`${JSON.stringify({ ...reportDocument(report), notice: asOfNotice(report) }, null, 2)}\n`);
    else if (options.format === 'csv') io.out(communityCsv(report));
    else io.out(streetTable(report, dataset.config));
    return 0;
  },
};
