/**
 * `lianpian validate <file> [--kind boundaries|status|inspections|campaign]`: runs one file through
 * the same validation boundary the app uses (core/parse) and prints a summary, or every problem
 * found as `code: message` (file, path, field, expectation) and exits 1.
 */
import { basename, extname } from 'node:path';
import {
  CIVILIZED_LEVELS,
  CIVILIZED_LEVEL_LABELS,
  INSPECTION_KIND_LABELS,
  InputError,
  buildAdjacency,
  describeFindings,
  formatInputError,
  parseBoundaries,
  parseCampaignConfig,
  parseInspections,
  parseStatusTable,
  decodeText,
  readImportFile,
  type InputWarning,
} from '../../core/index.ts';
import type { CliIO, Command } from '../program.ts';
import { datasetInput } from '../read-input.ts';

export const FILE_KINDS = ['boundaries', 'status', 'inspections', 'campaign'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

const USAGE = [
  'Usage: lianpian validate <file> [--kind boundaries|status|inspections|campaign]',
  '',
  '校验一个数据文件（与应用相同的校验），打印摘要；有问题时逐条打印「代码: 说明」并以 1 退出。',
  'Validates one data file through the app\'s own parse boundary and prints a summary; on problems',
  'prints each as `code: message` (file, path, field, expectation) and exits 1.',
  '',
  'The kind is inferred when --kind is absent: *.geojson → boundaries; *.json → campaign unless it',
  'is a GeoJSON FeatureCollection/Feature; *.csv/*.tsv/*.txt → inspections when the name contains',
  '"inspection" or 检查, else status. A zipped Shapefile (or a .shp with its .dbf beside it), an .xlsx',
  'sheet, a gzipped file (.gz) or a TopoJSON is read as the app reads it, and its kind recognised.',
].join('\n');

/**
 * The kind of a data file from its name (and, for .json, its content).
 * @returns undefined when the name does not tell (e.g. an .xlsx or no extension).
 */
export function inferKind(file: string, text: string): FileKind | undefined {
  const name = basename(file).toLowerCase();
  const extension = extname(name);
  if (extension === '.geojson') return 'boundaries';
  if (extension === '.json') {
    if (/campaign|config|配置/.test(name)) return 'campaign';
    return /^\s*\{[\s\S]*?"type"\s*:\s*"(FeatureCollection|Feature)"/.test(text.replace(/^\uFEFF/, '').slice(0, 2000)) ? 'boundaries' : 'campaign';
  }
  if (extension === '.csv' || extension === '.tsv' || extension === '.txt') return /inspection|检查|巡查/.test(name) ? 'inspections' : 'status';
  return undefined;
}

function parseArgs(args: readonly string[]): { file: string; kind: FileKind | undefined } | string {
  let file: string | undefined;
  let kind: FileKind | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--kind' || arg.startsWith('--kind=')) {
      const value = arg === '--kind' ? args[++i] : arg.slice('--kind='.length);
      if (!FILE_KINDS.includes(value as FileKind)) return `--kind must be one of ${FILE_KINDS.join('|')}, got ${JSON.stringify(value ?? '')}`;
      kind = value as FileKind;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `unexpected argument ${JSON.stringify(arg)} (one file at a time)`;
  }
  return file === undefined ? 'missing <file>' : { file, kind };
}

const count = (values: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

const fixed = (value: number) => value.toFixed(4);

function warningLines(warnings: readonly InputWarning[]): string[] {
  return [`  警告 warnings: ${warnings.length}`, ...warnings.map((warning) => `    ${warning.code}: ${warning.message}`)];
}

/** Summary lines for a valid file of the given kind: `content` is its text, or what the importer read (GeoJSON value, Table). */
function summarize(kind: FileKind, content: unknown, file: string): string[] {
  const text = content as string;
  switch (kind) {
    case 'boundaries': {
      const set = parseBoundaries(text, { file });
      // The geometry findings the app shows (self-intersections, overlaps, gaps…), from the same adjacency build.
      const { findings } = buildAdjacency(set.features.map((feature) => feature.geometry));
      const described = describeFindings(findings, set.features).map((finding) => ({ code: `W_${finding.kind.toUpperCase().replace(/-/g, '_')}`, message: finding.message }));
      const streets = count(set.features.flatMap((feature) => (feature.street ? [feature.street] : [])));
      const types = count(set.features.map((feature) => feature.geometry.type));
      const names = set.features.map((feature) => feature.name);
      // A street or district layer has no street field: list its names instead.
      const grouping =
        streets.size > 0
          ? `  街道 streets: ${streets.size}（${[...streets].map(([street, n]) => `${street} ${n}`).join('，')}）`
          : `  名称 names: ${names.slice(0, 20).join('，')}${names.length > 20 ? ` …（共 ${names.length} 个）` : ''}`;
      return [
        `${file}: 边界 boundaries — 有效 valid`,
        `  要素 features: ${set.features.length}（编码取自 ids from: ${set.idSource}；${[...types].map(([type, n]) => `${type} ${n}`).join('，')}）`,
        `  坐标系 CRS: ${set.sourceCrs}${set.sourceCrs === 'WGS84' ? '' : '（已转换为 WGS84 converted to WGS84）'}`,
        grouping,
        `  范围 bbox: [${set.bbox.map(fixed).join(', ')}]`,
        ...warningLines([...set.warnings, ...described]),
      ];
    }
    case 'status': {
      const table = parseStatusTable(text, file);
      const levels = count(table.rows.map((row) => row.level));
      const demos = table.rows.filter((row) => row.demo).length;
      return [
        `${file}: 状态表 status — 有效 valid`,
        `  社区 rows: ${table.rows.length}，精品示范社区 demo: ${demos}`,
        `  文明社区等级 levels: ${CIVILIZED_LEVELS.map((level) => `${CIVILIZED_LEVEL_LABELS[level]} ${levels.get(level) ?? 0}`).join('，')}`,
        ...warningLines(table.warnings),
      ];
    }
    case 'inspections': {
      const table = parseInspections(text, file);
      const kinds = count(table.rows.map((row) => INSPECTION_KIND_LABELS[row.kind]));
      const first = table.rows[0]?.date ?? '—';
      const last = table.rows.at(-1)?.date ?? '—';
      return [
        `${file}: 检查记录 inspections — 有效 valid`,
        `  记录 rows: ${table.rows.length}（${[...kinds].map(([kind, n]) => `${kind} ${n}`).join('，')}），社区 communities: ${new Set(table.rows.map((row) => row.code)).size}`,
        `  日期 dates: ${first} … ${last}（截至 as of ${last}）`,
        ...warningLines(table.warnings),
      ];
    }
    case 'campaign': {
      const config = parseCampaignConfig(text, file);
      return [
        `${file}: 创建配置 campaign — 有效 valid`,
        `  ${config.title}（${config.district}）`,
        `  截止日期 deadlines: ${config.deadlines.map((deadline) => `${deadline.label} ${deadline.date}`).join('；')}`,
        `  目标 targets: 精品示范社区 ${config.targets.demoCommunities} 个，文明社区比例 ${Math.round(config.targets.civilizedShare * 100)}%，新增市级 ${config.targets.newCityLevel} 个`,
        `  配套用房 ${config.facilities.minAreaM2}–${config.facilities.maxAreaM2} m²，亮灯率 ≥ ${Math.round(config.lightingThreshold * 100)}%，第一批经费 ${config.budget.firstBatchWan} 万元`,
      ];
    }
  }
}

/**
 * The file's content and kind. Text files (GeoJSON, CSV, campaign JSON) are decoded as the app
 * decodes them and the kind inferred from the name; a zipped or loose Shapefile, an XLSX sheet,
 * a gzipped file or a TopoJSON goes through the app's importer (`readImportFile`) first, which
 * also recognises its kind.
 * @throws InputError from reading (E_TOO_LARGE, E_ARGUMENT) or from the importer (E_FORMAT…).
 */
async function readContent(file: string, kind: FileKind | undefined): Promise<{ content: unknown; kind: FileKind | undefined }> {
  const { parts } = datasetInput(kind === 'boundaries' || kind === undefined ? 'communities' : kind, file);
  const bytes = parts![0]!.bytes;
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = gzip || /\.(zip|shp|xlsx|xls)$/i.test(file) ? null : decodeText(bytes, { file }).text;
  if (text !== null && !/^\s*\{[\s\S]{0,2000}?"type"\s*:\s*"Topology"/.test(text.replace(/^\uFEFF/, '').slice(0, 2100))) return { content: text, kind: kind ?? inferKind(file, text) };
  const imported = await readImportFile({ name: basename(file), inputs: parts! }, kind ? { kind } : {});
  const detected = (FILE_KINDS as readonly string[]).includes(imported.kind) ? (imported.kind as FileKind) : undefined;
  return { content: imported.content, kind: kind ?? detected };
}

/** Every issue of an InputError as `code: message`, one per line. */
function issueLines(error: InputError): string[] {
  const lines = error.issues.map((issue) => `${issue.code}: ${formatInputError(issue)}`);
  return lines.length > 0 ? lines : [`${error.code}: ${error.message}`];
}

export const validateCommand: Command = {
  name: 'validate',
  summary: '校验数据文件并打印摘要 (validate a boundaries/status/inspections/campaign file)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseArgs(args);
    if (typeof parsed === 'string') {
      io.err(`E_ARGUMENT: ${parsed}\n${USAGE}\n`);
      return 2;
    }
    const { file } = parsed;
    const read = await readContent(file, parsed.kind);
    const kind = parsed.kind ?? read.kind;
    if (!kind) {
      io.err(`E_ARGUMENT: cannot tell the kind of ${file} from its name; pass --kind ${FILE_KINDS.join('|')}\n`);
      return 2;
    }
    const text = read.content;
    try {
      io.out(`${summarize(kind, text, file).join('\n')}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.err(`${issueLines(error).join('\n')}\n`);
      return 1;
    }
  },
};
