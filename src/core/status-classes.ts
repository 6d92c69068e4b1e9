/**
 * The classes of the status layers, in core so the map, its legend and its exports agree: the
 * class breaks (facility items, inspection score) and the number of communities in each legend
 * item for a plan and an as-of round. The map reads the breaks to build its colour expressions;
 * the legend shows the counts. Class keys are the legend item values (`value` in the map's legend).
 */
import type { Dataset } from './dataset.ts';
import type { CommunityAssessment } from './lagging/assess-communities.ts';
import { DEMO_THEMES, FACILITY_ITEMS } from './model.ts';
import type { Grade } from './supervision/types.ts';

/** The status layers (which community attribute colours the map). */
export type StatusClassLayer = 'level' | 'demo' | 'facility' | 'score' | 'lagging' | 'grade' | 'street';

/** Lower bounds of the facility checklist classes above 0: 0–6, 7–9, 10 to all but one, all items. */
export const FACILITY_CLASS_BREAKS: readonly number[] = [7, 10, FACILITY_ITEMS.length];

/** The fixed score class lower bounds (分); the campaign's score line joins them. */
const SCORE_BREAKS: readonly number[] = [60, 85, 95];

/**
 * Score class lower bounds above 0 (分), increasing: 60, 85, 95 and the score line wherever it lies
 * (when that rule is on), so the line is always a class edge. A line of 0 bounds nothing and is left
 * out; a line on a fixed break is that break.
 * @example scoreClassBreaks(75) // [60, 75, 85, 95]
 * @example scoreClassBreaks(50) // [50, 60, 85, 95]
 */
export function scoreClassBreaks(minScore: number | null): number[] {
  const line = minScore !== null && minScore > 0 && !SCORE_BREAKS.includes(minScore) ? [minScore] : [];
  return [...SCORE_BREAKS, ...line].sort((a, b) => a - b);
}

/**
 * How many of the score classes (0 up to the first break, then break to break) lie wholly under the
 * score line: the colours a key may call 低分. 0 when the line is under the first break (it has no
 * colour of its own) or the rule is off.
 */
export function scoreClassesUnderLine(minScore: number | null): number {
  if (minScore === null) return 0;
  const bounds = [0, ...scoreClassBreaks(minScore)];
  return bounds.filter((_, i) => (bounds[i + 1] ?? Infinity) <= minScore).length;
}

/** Class key of a value for increasing `breaks`: the lower bound of its class as text (`'0'`, `'7'`, …), `'-1'` for unknown (< 0). */
export function classKey(value: number, breaks: readonly number[]): string {
  if (!(value >= 0)) return '-1';
  let bound = 0;
  for (const limit of breaks) if (value >= limit) bound = limit;
  return String(bound);
}

export interface StatusClassInput {
  dataset: Pick<Dataset, 'boundaries' | 'status' | 'facts' | 'config'>;
  /** 1 = designated in the plan, per feature. */
  designated: Uint8Array;
  /** Themes given in planning to communities the plan adds (code → theme key); they colour the map too. */
  plannedThemes?: Readonly<Record<string, string>>;
  /** The lagging report's communities as of the chosen round (score, flag and grade), or null. */
  assessments: readonly (CommunityAssessment & { grade?: Grade })[] | null;
}

/** The legend item key of one community on a layer (see the map's legend items). */
export function statusClassOf(layer: StatusClassLayer, index: number, input: StatusClassInput): string {
  const { dataset, designated: selected, plannedThemes = {}, assessments } = input;
  const feature = dataset.boundaries.features[index]!;
  const status = dataset.status[index] ?? null;
  switch (layer) {
    case 'demo': {
      if (!selected[index]) return 'none';
      const theme = plannedThemes[feature.id] ?? status?.theme ?? '';
      return theme in DEMO_THEMES ? theme : 'other';
    }
    case 'level':
      return status?.level ?? 'none';
    case 'facility':
      return classKey(dataset.facts[index]?.facilities ?? -1, FACILITY_CLASS_BREAKS);
    case 'score':
      return classKey(assessments?.[index]?.score ?? -1, scoreClassBreaks(dataset.config.lagging.minScore));
    case 'lagging':
      return assessments?.[index]?.lagging ? 'lagging' : 'fine';
    case 'grade':
      return assessments?.[index]?.grade ?? 'none';
    case 'street':
      return feature.street;
  }
}

/**
 * Communities per legend item of a layer, for the plan and round of `input`.
 * @example statusClassCounts('facility', input).get('12') // communities with all 12 items
 */
export function statusClassCounts(layer: StatusClassLayer, input: StatusClassInput): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < input.dataset.boundaries.features.length; i++) {
    const key = statusClassOf(layer, i, input);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
