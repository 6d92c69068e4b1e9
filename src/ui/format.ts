/** Number and date formatting for the Chinese UI (d3-format for grouping); the shared ones live in core. */
import { format } from 'd3-format';
import { FACILITY_ITEMS } from '../core/index.ts';

export { formatArea, formatDate, formatLength, formatPopulation } from '../core/index.ts';

const grouped = format(',');
const oneDecimal = format(',.1f');

export function formatWan(value: number): string {
  return `${value >= 100 ? grouped(Math.round(value)) : oneDecimal(value)} 万元`;
}

export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${oneDecimal(rate * 100)}%`;
}

export function formatScore(score: number | null): string {
  return score === null ? '未检查' : `${Number.isInteger(score) ? score : oneDecimal(score)} 分`;
}

/** Facility items met → "10/12" (out of the checklist's length); unknown (null or < 0) → "—". */
export function formatFacilities(count: number | null): string {
  return count === null || count < 0 ? '—' : `${count}/${FACILITY_ITEMS.length}`;
}

/** A plan's change in words: `新增 集善社区；去掉 桂柑社区`, only the parts that happened (`无变化` when none). */
export function formatPlanChange(added: readonly string[], removed: readonly string[]): string {
  return [added.length > 0 ? `新增 ${added.join('、')}` : '', removed.length > 0 ? `去掉 ${removed.join('、')}` : ''].filter(Boolean).join('；') || '无变化';
}
