/** Number formats of the lagging reasons (Chinese text shown to leaders, so never misleading). */
import { format as d3Format } from 'd3-format';

// d3-format parses its specifier on every call to `format`: keep one formatter per specifier.
const formatters = new Map<string, (value: number) => string>();
function format(specifier: string): (value: number) => string {
  let formatter = formatters.get(specifier);
  if (!formatter) formatters.set(specifier, (formatter = d3Format(specifier)));
  return formatter;
}

/** A score: integers as is, otherwise one decimal (`72.5`). */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : format('.1f')(value);
}

/**
 * A share 0–1 as a percentage compared with a threshold: whole percent, with more decimals only
 * when rounding would make a failing value look equal to the threshold (`29.7%` not `30% < 30%`).
 */
export function formatShareAgainst(value: number, threshold: number): string {
  for (const digits of [0, 1, 2]) {
    const text = format(`.${digits}%`)(value);
    if (text !== format(`.${digits}%`)(threshold)) return text;
  }
  return format('.3%')(value);
}

/** A share 0–1 as a whole percentage (`60%`). */
export function formatShare(value: number): string {
  return format('.0%')(value);
}
