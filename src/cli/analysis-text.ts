/**
 * `lianpian analyze --format text`: the analysis as a person reads it (like `report --format
 * text`): the verdict, each 片区 with its members, the isolated communities, the suggested
 * additions with what they join, and the data findings, from the JSON document `analyze` builds.
 */
import { formatArea, formatPopulation } from '../core/index.ts';

/** The parts of the analyze document the text shows (cluster numbers are 1-based, as people read them). */
export interface AnalysisTextInput {
  file: string;
  features: number;
  mode: string;
  minSharedMeters: number;
  pairCount: number;
  selectedCount: number;
  verdict: string;
  clusters: { number: number; label: string; name: string; size: number; members: string[]; areaM2: number | null; population: number | null }[];
  isolated: string[];
  bridges: { exact: boolean; connected: boolean; suggestions: { step: number; id: string; name: string; explanation: string }[] };
  findings: unknown[];
  warnings: { message: string }[];
}

const VERDICTS: Record<string, string> = { contiguous: '已实现连线成片（一个片区）', split: '尚未连线成片', empty: '未选定社区，不作连片结论' };

/** The text, one fact per line; `nameOf` turns an id into `名称（编码）`. */
export function formatAnalysisText(document: AnalysisTextInput, nameOf: (id: string) => string): string {
  const lines = [
    `连线成片分析：${document.file}（${document.features} 个社区，相邻 ${document.pairCount} 对，${document.mode === 'queen' ? '共点即相邻' : `共边 ≥ ${document.minSharedMeters} 米为相邻`}）`,
    `所选社区 ${document.selectedCount} 个：${VERDICTS[document.verdict] ?? document.verdict}${document.verdict === 'split' ? `，${document.clusters.length} 个片区（其中孤立 ${document.isolated.length} 个）` : ''}`,
  ];
  const groups = document.clusters.filter((cluster) => cluster.size > 1);
  if (groups.length > 0) lines.push('', '片区：');
  for (const cluster of groups) {
    const area = cluster.areaM2 === null ? '' : `，面积 ${formatArea(cluster.areaM2)}`;
    const population = cluster.population === null ? '' : `，人口 ${formatPopulation(cluster.population)}`;
    lines.push(`  ${cluster.label}（${cluster.name}）：${cluster.size} 个社区${area}${population}`, `    ${cluster.members.map(nameOf).join('、')}`);
  }
  if (document.isolated.length > 0) {
    lines.push('', '孤立的示范社区：');
    for (const cluster of document.clusters.filter((entry) => entry.size === 1)) lines.push(`  ${cluster.label}：${nameOf(cluster.members[0]!)}`);
  }
  const { suggestions } = document.bridges;
  if (suggestions.length > 0) {
    lines.push('', `建议补充（${suggestions.length} 个${document.bridges.exact ? '，已证明最少' : ''}${document.bridges.connected ? '' : '，仍有片区无法连通'}）：`);
    for (const suggestion of suggestions) lines.push(`  ${suggestion.step}. ${nameOf(suggestion.id)}：${suggestion.explanation}`);
  }
  if (document.findings.length > 0) lines.push('', `数据提示 ${document.findings.length} 条（详见 --format json 的 findings）`);
  for (const warning of document.warnings) lines.push(`注意：${warning.message}`);
  return `${lines.join('\n')}\n`;
}
