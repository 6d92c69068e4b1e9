/** Number and date formatting for the Chinese UI (d3-format for grouping). */
import { format } from 'd3-format';
import { FACILITY_ITEMS } from '../core/index.ts';

const grouped = format(',');
const oneDecimal = format(',.1f');
const twoDecimals = format(',.2f');

/** m² → "0.42 km²" (two decimals below 10 km², one above). */
export function formatArea(areaM2: number): string {
  const km2 = areaM2 / 1e6;
  return `${km2 < 10 ? twoDecimals(km2) : oneDecimal(km2)} km²`;
}

/** Residents → "8,120 人" or "1.2 万人". */
export function formatPopulation(population: number | null): string {
  if (population === null || Number.isNaN(population)) return '—';
  return population >= 100_000 ? `${oneDecimal(population / 10_000)} 万人` : `${grouped(Math.round(population))} 人`;
}

/** Metres → "1,240 m" or "2.3 km". */
export function formatLength(meters: number): string {
  return meters >= 10_000 ? `${oneDecimal(meters / 1000)} km` : `${grouped(Math.round(meters))} m`;
}

export function formatWan(value: number): string {
  return `${value >= 100 ? grouped(Math.round(value)) : oneDecimal(value)} 万元`;
}

export function formatPercent(rate: number | null): string {
  return rate === null ? '—' : `${oneDecimal(rate * 100)}%`;
}

/** ISO date → "2002年5月27日". */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

export function formatScore(score: number | null): string {
  return score === null ? '未检查' : `${Number.isInteger(score) ? score : oneDecimal(score)} 分`;
}

/** Facility items met → "10/12" (out of the checklist's length); unknown (null or < 0) → "—". */
export function formatFacilities(count: number | null): string {
  return count === null || count < 0 ? '—' : `${count}/${FACILITY_ITEMS.length}`;
}
