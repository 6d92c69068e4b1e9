/**
 * Score trend per inspection round, for the district and per street: after each round, the mean
 * of every community's latest score so far (a community keeps its last score between checks).
 * Before the first monthly check only the demonstration communities have scores, so early means
 * are over fewer communities: `inspected` says how many.
 */
import type { BoundaryFeature, Inspection } from '../model.ts';
import { streetKey, type InspectionRound } from './rounds.ts';

export interface TrendSeries {
  /** Mean score after each round (one decimal); null while no member has a score. */
  scores: (number | null)[];
  /** Members with a score after each round. */
  inspected: number[];
}

export interface ScoreTrend {
  rounds: InspectionRound[];
  district: TrendSeries;
  /** Per street key (streetKey: code, else name). */
  streets: Map<string, TrendSeries>;
}

/** The trend over `rounds` (from inspectionRounds on the same inspections, sorted by date). */
export function scoreTrend(features: readonly Pick<BoundaryFeature, 'id' | 'index' | 'street' | 'streetCode'>[], inspections: readonly Pick<Inspection, 'date' | 'code' | 'score'>[], rounds: readonly InspectionRound[]): ScoreTrend {
  const indexOf = new Map(features.map((feature) => [feature.id, feature.index]));
  const latest = new Float64Array(features.length).fill(Number.NaN);
  const streetCodes = [...new Set(features.map(streetKey))];
  const indexOfStreet = new Map(streetCodes.map((code, i) => [code, i]));
  const streetOf = features.map((feature) => indexOfStreet.get(streetKey(feature))!);
  const empty = (): TrendSeries => ({ scores: [], inspected: [] });
  const district = empty();
  const streets = new Map(streetCodes.map((code) => [code, empty()]));
  const sorted = [...inspections].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let next = 0;
  for (const round of rounds) {
    while (next < sorted.length && sorted[next]!.date <= round.date) {
      const index = indexOf.get(sorted[next]!.code);
      if (index !== undefined) latest[index] = sorted[next]!.score;
      next++;
    }
    const sums = new Float64Array(streetCodes.length);
    const counts = new Uint32Array(streetCodes.length);
    for (let i = 0; i < features.length; i++) {
      if (Number.isNaN(latest[i]!)) continue;
      sums[streetOf[i]!]! += latest[i]!;
      counts[streetOf[i]!]!++;
    }
    let total = 0;
    let count = 0;
    streetCodes.forEach((code, s) => {
      const series = streets.get(code)!;
      series.scores.push(counts[s]! > 0 ? roundTenth(sums[s]! / counts[s]!) : null);
      series.inspected.push(counts[s]!);
      total += sums[s]!;
      count += counts[s]!;
    });
    district.scores.push(count > 0 ? roundTenth(total / count) : null);
    district.inspected.push(count);
  }
  return { rounds: [...rounds], district, streets };
}

/** Rounds to one decimal (scores shown to leaders). */
export function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
