/**
 * Number and date formats of the Chinese texts the core writes (slide captions, reports) and the
 * UI shows; d3-format does the grouping. The UI re-exports these (src/ui/format.ts).
 */
import { format } from 'd3-format';

const grouped = format(',');
const oneDecimal = format(',.1f');
const twoDecimals = format(',.2f');

/** m² → "0.42 km²" (two decimals below 10 km², one above). */
export function formatArea(areaM2: number): string {
  const km2 = areaM2 / 1e6;
  return `${km2 < 10 ? twoDecimals(km2) : oneDecimal(km2)} km²`;
}

/** Residents → "8,120 人" or "12.3 万人"; "—" when unknown (null or NaN). */
export function formatPopulation(population: number | null): string {
  if (population === null || Number.isNaN(population)) return '—';
  return population >= 100_000 ? `${oneDecimal(population / 10_000)} 万人` : `${grouped(Math.round(population))} 人`;
}

/** Metres → "1,240 m" or "12.3 km". */
export function formatLength(meters: number): string {
  return meters >= 10_000 ? `${oneDecimal(meters / 1000)} km` : `${grouped(Math.round(meters))} m`;
}

/** ISO date → "2002年5月27日". */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** ISO date → "5月27日" (inside a campaign year). */
export function formatMonthDay(iso: string): string {
  const [, month, day] = iso.split('-').map(Number);
  return `${month}月${day}日`;
}
