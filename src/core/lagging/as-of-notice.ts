/**
 * A warning for a lagging report asked for a date the inspections do not cover yet: before the
 * first inspection every score is unknown, so no street can be ranked or called 落后街道 and only
 * the status-table rules light red (issue 16: `report --as-of` before the first check listed every
 * street as not lagging with "35/35" and said nothing).
 */
import type { LaggingReport } from './lagging-report.ts';

/** The notice, in Chinese, or null when the date has an inspection round on or before it. */
export function asOfNotice(report: Pick<LaggingReport, 'asOf' | 'round' | 'rounds'>): string | null {
  if (report.round !== null) return null;
  const first = report.rounds[0];
  if (!first) return '没有任何检查记录：得分类规则（检查得分、检查无提升）无法判定，街道无法按得分排名，亮红灯只来自状态表的规则';
  return `截至 ${report.asOf ?? '—'} 尚无检查（首次检查为 ${first.date}）：得分类规则无法判定，街道无法按得分排名，亮红灯只来自状态表的规则`;
}
