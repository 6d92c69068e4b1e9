/**
 * Inspection rounds: the distinct inspection dates of a dataset, the steps of the as-of slider.
 * A round is one date; its kinds say whether it was a weekly check (周查), a monthly check (月查)
 * or a half-monthly bulletin (半月通报).
 */
import type { Inspection, InspectionKind } from '../model.ts';

export interface InspectionRound {
  /** Position in the round list, oldest first. */
  index: number;
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  /** Kinds of the inspections on that date, in the order weekly, monthly, bulletin. */
  kinds: InspectionKind[];
  /** Number of communities inspected (or reported) that day. */
  communities: number;
}

/**
 * The key a community's street is grouped and selected by: its street code, or its street name
 * when the boundary file has no codes ('' when it has neither).
 */
export function streetKey(feature: { street: string; streetCode: string }): string {
  return feature.streetCode || feature.street;
}

const KIND_ORDER: readonly InspectionKind[] = ['weekly', 'monthly', 'bulletin'];

/**
 * The inspection rounds of a list of inspections, oldest first. Empty input gives no rounds.
 * @example inspectionRounds([{ date: '2002-03-08', kind: 'weekly', … }]) → [{ index: 0, date: '2002-03-08', kinds: ['weekly'], communities: 1 }]
 */
export function inspectionRounds(inspections: readonly Pick<Inspection, 'date' | 'kind' | 'code'>[]): InspectionRound[] {
  const byDate = new Map<string, { kinds: Set<InspectionKind>; codes: Set<string> }>();
  for (const inspection of inspections) {
    let entry = byDate.get(inspection.date);
    if (!entry) byDate.set(inspection.date, (entry = { kinds: new Set(), codes: new Set() }));
    entry.kinds.add(inspection.kind);
    entry.codes.add(inspection.code);
  }
  return [...byDate.keys()].sort().map((date, index) => {
    const entry = byDate.get(date)!;
    return { index, date, kinds: KIND_ORDER.filter((kind) => entry.kinds.has(kind)), communities: entry.codes.size };
  });
}

/** The last round on or before `asOf` (null when none is); with `asOf` null, the last round. */
export function roundAsOf(rounds: readonly InspectionRound[], asOf: string | null): InspectionRound | null {
  if (asOf === null) return rounds.at(-1) ?? null;
  let found: InspectionRound | null = null;
  for (const round of rounds) if (round.date <= asOf) found = round;
  return found;
}

/**
 * The round a bulletin compares against: the latest half-monthly bulletin round strictly before
 * `asOf`, or else the round just before it; null when there is none.
 */
export function previousBulletinRound(rounds: readonly InspectionRound[], asOf: string | null): InspectionRound | null {
  const current = roundAsOf(rounds, asOf);
  if (!current) return null;
  const before = rounds.slice(0, current.index);
  return before.findLast((round) => round.kinds.includes('bulletin')) ?? before.at(-1) ?? null;
}
