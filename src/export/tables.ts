/**
 * Export tables: the cluster report and the community table as rows (header + cells), written
 * to CSV (core `formatCsv`, the one CSV writer of the project) or XLSX
 * (write-excel-file, lazily loaded; every text cell is a string cell, never a formula, and
 * text that Excel would read as a formula is neutralised the same way as in the CSV).
 * Pure functions from the dataset and the core's answers to bytes; nothing is recomputed here.
 */
import { budgetSpentShare, CIVILIZED_LEVEL_LABELS, formatCsv, DEMO_THEMES, LAGGING_STREET_WORD, RED_LIGHT_WORD, type BridgeSolution, type Dataset, type LaggingReport, type WhatIfAnswer } from '../core/index.ts';

export type Cell = string | number | null;

export interface ExportTable {
  /** Sheet name (XLSX) and file stem. */
  name: string;
  header: string[];
  rows: Cell[][];
}

/** One row per cluster (largest first), then the bridge suggestions, as the report panel shows them. */
export function clusterReportTable(dataset: Dataset, answer: Pick<WhatIfAnswer, 'report' | 'names' | 'rings' | 'explanations'> & { bridges: Pick<BridgeSolution, 'suggestions'> }): ExportTable {
  const features = dataset.boundaries.features;
  const names = (indices: readonly number[]) => indices.map((index) => features[index]!.name).join('、');
  const rows: Cell[][] = answer.report.clusters.map((cluster) => {
    const name = answer.names.find((entry) => entry.id === cluster.id);
    const ring = answer.rings.find((entry) => entry.clusterId === cluster.id)?.ring ?? [];
    return [name?.label ?? '', cluster.size === 1 ? '孤立' : '片区', cluster.size, Number.isFinite(cluster.areaM2) ? Math.round(cluster.areaM2 / 1e4) / 100 : null, cluster.population, names(cluster.members), names(ring)];
  });
  answer.bridges.suggestions.forEach((suggestion, i) => {
    rows.push([`建议 ${suggestion.step}`, '连片建议', 1, null, null, features[suggestion.node]?.name ?? '', answer.explanations[i] ?? '']);
  });
  return { name: '连片报告', header: ['片区', '类型', '社区数', '面积（平方公里）', '人口', '成员社区', '相邻周边 / 说明'], rows };
}

/**
 * One row per community with the columns of the 社区一览 on screen: the plan's designation, its
 * cluster, and the lagging report's as-of score (the one the screen shows), change since the
 * previous check, budget use and reasons (null report: those cells empty).
 */
export function communityTable(dataset: Dataset, designated: Uint8Array, answer: Pick<WhatIfAnswer, 'report' | 'names'> | null, lagging: Pick<LaggingReport, 'communities'> | null): ExportTable {
  const rows = dataset.boundaries.features.map((feature): Cell[] => {
    const status = dataset.status[feature.index];
    const facts = dataset.facts[feature.index];
    const assessment = lagging?.communities[feature.index];
    const cluster = answer ? answer.report.clusterOf[feature.index]! : -1;
    const budget = status ? budgetSpentShare(status) : null;
    return [
      feature.id,
      feature.name,
      feature.street,
      status ? CIVILIZED_LEVEL_LABELS[status.level] : '',
      designated[feature.index] ? '是' : '否',
      status?.theme ? (DEMO_THEMES[status.theme as keyof typeof DEMO_THEMES] ?? status.theme) : '',
      facts?.facilities ?? null,
      assessment?.score ?? null,
      assessment?.scoreChange ?? null,
      cluster >= 0 ? (answer!.names[cluster]?.label ?? '') : '',
      status?.population ?? null,
      budget === null ? null : Math.round(budget * 1000) / 10,
      assessment?.reasons.join('；') ?? '',
    ];
  });
  return { name: '社区一览', header: ['社区代码', '社区名称', '街道', '文明等级', '示范（方案）', '示范主题', '设施（项）', '得分', '较上次', '片区', '常住人口', '经费使用（%）', '落后原因'], rows };
}

/** The lagging communities, worst first, with the core's reasons (`laggingReport`; nothing re-thresholded here). */
export function laggingCommunitiesTable(report: LaggingReport): ExportTable {
  const rows = report.ranking
    .map((index) => report.communities[index]!)
    .filter((community) => community.lagging)
    .map((community): Cell[] => [community.code, community.name, community.street, community.demo ? '是' : '否', community.score, community.scoreChange, community.rubricScore, community.facilities, community.reasons.join('；')]);
  return { name: `${RED_LIGHT_WORD}社区${report.asOf ? `（截至${report.asOf}）` : ''}`, header: ['社区代码', '社区名称', '街道', '示范社区', '最新得分', '较上次', '细则得分', '设施（项）', '落后原因'], rows };
}

/** Every street ranked worst first (rank 1 = furthest behind) with its lagging count and reasons. */
export function laggingStreetsTable(report: LaggingReport): ExportTable {
  const rows = report.streets.map((street): Cell[] => [street.rank, street.name, street.communities, street.score, street.scoreChange, street.laggingCount, street.lagging ? '是' : '否', street.reasons.join('；')]);
  return { name: '街道排名', header: ['排名', '街道', '社区数', '平均得分', '较上次', `${RED_LIGHT_WORD}社区数`, LAGGING_STREET_WORD, '原因'], rows };
}

/**
 * CSV with a BOM (Excel opens Chinese correctly) and formula-like text neutralised (`'=…`), written
 * by core `formatCsv` (papaparse's `escapeFormulae: true` misses formula cells that span lines).
 */
export function tableToCsv(table: ExportTable): string {
  return formatCsv(table.header, table.rows);
}

/** Text Excel would evaluate (=, +, -, @, tab, CR at the start) gets a leading apostrophe, as papaparse does. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Width of a text in Excel "characters": CJK and full-width characters count twice. */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1;
  return width;
}

/** Column widths (Excel characters) that fit the header and the widest cell, between 6 and 60 (longer text wraps in Excel's cell view). */
export function columnWidths(table: ExportTable): number[] {
  return table.header.map((title, column) => {
    const widest = Math.max(textWidth(title), ...table.rows.map((row) => textWidth(String(row[column] ?? ''))));
    return Math.min(60, Math.max(6, widest + 2));
  });
}

/** XLSX bytes: first row bold and frozen, columns as wide as their content. Text cells are string cells with formula-like text neutralised. */
export async function tableToXlsx(table: ExportTable): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const header = table.header.map((title) => ({ value: title, fontWeight: 'bold' as const }));
  const rows = table.rows.map((row) => row.map((cell) => (cell === null ? null : typeof cell === 'number' ? { value: cell, type: Number } : { value: neutraliseFormula(cell), type: String })));
  return writeXlsxFile([header, ...rows], { sheet: table.name, columns: columnWidths(table).map((width) => ({ width })), stickyRowsCount: 1 }).toBlob();
}
