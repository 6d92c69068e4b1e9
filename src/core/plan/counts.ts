/**
 * The plan's counts in the campaign's words, computed once for the dashboard, the slides, the
 * exports and the CLI: designated communities, patches (片, a cluster of 2 or more) and isolated
 * points (孤立点, a cluster of one), and the one sentence that says how they are split.
 */
import type { ClusterReport } from '../contiguity/clusters.ts';

export interface PlanCounts {
  /** Designated (demonstration) communities in the plan. */
  designated: number;
  /** Clusters of any size (patches and isolated points): the length of the CLI's `clusters`. */
  clusters: number;
  /** Patches (片): clusters of 2 or more. */
  patches: number;
  /** Isolated points (孤立点): clusters of one. */
  isolated: number;
}

/** The counts of a cluster report (see `PlanCounts`). */
export function planCounts(report: Pick<ClusterReport, 'clusters' | 'isolated' | 'designatedCount'>): PlanCounts {
  return { designated: report.designatedCount, clusters: report.clusters.length, patches: report.clusters.length - report.isolated.length, isolated: report.isolated.length };
}

/**
 * "4 片和 2 个孤立点": how a split plan divides, patches first; a part with none is left out.
 * @example splitWords({ patches: 4, isolated: 2 }) // '4 片和 2 个孤立点'
 */
export function splitWords({ patches, isolated }: Pick<PlanCounts, 'patches' | 'isolated'>): string {
  return [patches > 0 ? `${patches} 片` : '', isolated > 0 ? `${isolated} 个孤立点` : ''].filter(Boolean).join('和 ');
}

/**
 * The verdict as one sentence: `尚未确定精品示范社区`, `12 个示范社区已连成 1 片` or
 * `12 个示范社区分为 4 片和 2 个孤立点`.
 */
export function verdictSentence(counts: PlanCounts): string {
  if (counts.designated === 0) return '尚未确定精品示范社区';
  if (counts.clusters === 1) return `${counts.designated} 个示范社区已连成 1 片`;
  return `${counts.designated} 个示范社区分为 ${splitWords(counts)}`;
}

/** The dashboard's verdict line: `已实现连线成片：…`, `尚未连线成片：…` or `尚未确定示范社区`. */
export function verdictHeadline(counts: PlanCounts): string {
  if (counts.designated === 0) return verdictSentence(counts);
  if (counts.clusters === 1) return `已实现连线成片：${counts.designated} 个示范社区连成 1 片`;
  return `尚未连线成片：${verdictSentence(counts)}`;
}
