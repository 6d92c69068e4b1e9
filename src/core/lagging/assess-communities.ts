/**
 * Per-community assessment as of a date: the inspection score used for ranking, the rubric score
 * with its breakdown, and the lagging flag with every reason (rules.ts).
 */
import { daysBetween, type Dataset } from '../dataset.ts';
import { FACILITY_ITEMS, missingFacilities, type CommunityStatus, type FacilityKey, type InspectionKind } from '../model.ts';
import { BUDGET_GRACE_DAYS, budgetSpentShare, laggingReasons, type LaggingRuleId } from './rules.ts';
import { rubricScore, type RubricPart, type SupervisionRecord } from './rubric.ts';
import { streetKey } from './rounds.ts';

export interface ScorePoint {
  date: string;
  kind: InspectionKind;
  score: number;
}

export interface CommunityAssessment {
  /** Boundary feature index. */
  index: number;
  code: string;
  name: string;
  street: string;
  /** Street code, or the street name when the boundaries have no codes (streetKey). */
  streetCode: string;
  demo: boolean;
  /** Latest inspection score as of the date (the ranking score); null when not inspected yet. */
  score: number | null;
  /** Date of that inspection. */
  scoreDate: string | null;
  /** Latest score minus the one before (any kind); null with fewer than two. */
  scoreChange: number | null;
  /** Every inspection score as of the date, oldest first. */
  history: ScorePoint[];
  /** Rubric score 0–100 from the config weights (rubric.ts); null without a status row. */
  rubricScore: number | null;
  breakdown: RubricPart[];
  /** Facility items in place (0–12); null without a status row. */
  facilities: number | null;
  missingFacilities: FacilityKey[];
  /** All 12 items in place and the floor area at least `facilities.minAreaM2` (达标); null without status. */
  meetsStandard: boolean | null;
  /** Budget allocated and spent, 万元; 0 without a status row. */
  budgetAllocatedWan: number;
  budgetSpentWan: number;
  /** Budget spent / allocated (0–1 or more); null when nothing is allocated or without a status row. */
  budgetSpentShare: number | null;
  lagging: boolean;
  /** Failing rules, parallel to `reasons`. */
  rules: LaggingRuleId[];
  /** One Chinese reason per failing rule. */
  reasons: string[];
  /** Values a rule could not check (never a cause of red). */
  unknown: string[];
}

/** Dataset parts the assessment reads. */
export type AssessmentInput = Pick<Dataset, 'boundaries' | 'status' | 'inspections' | 'config'>;

/**
 * Assesses every community (boundary feature order) as of `asOf` (inspections dated on or before
 * it; null = all). The budget rule applies from BUDGET_GRACE_DAYS after the first inspection of the
 * dataset (the campaign start); without any inspection it always applies.
 */
export function assessCommunities(dataset: AssessmentInput, asOf: string | null): CommunityAssessment[] {
  const { features } = dataset.boundaries;
  const indexOf = new Map(features.map((feature) => [feature.id, feature.index]));
  const history: ScorePoint[][] = features.map(() => []);
  const found = new Float64Array(features.length);
  const rectified = new Float64Array(features.length);
  let lastDate: string | null = null;
  for (const inspection of dataset.inspections) {
    if (asOf !== null && inspection.date > asOf) continue;
    const index = indexOf.get(inspection.code);
    if (index === undefined) continue;
    history[index]!.push({ date: inspection.date, kind: inspection.kind, score: inspection.score });
    if (inspection.kind !== 'bulletin') {
      found[index]! += inspection.problemsFound;
      rectified[index]! += inspection.problemsRectified;
    }
    if (lastDate === null || inspection.date > lastDate) lastDate = inspection.date;
  }
  const start = dataset.inspections[0]?.date;
  const effective = asOf ?? lastDate;
  const budgetDue = start === undefined || effective === null || daysBetween(start, effective) >= BUDGET_GRACE_DAYS;

  // Communities without a status row have one breakdown per supervision record: they share it
  // (read-only), so that a boundary-only import of thousands holds it once, and the worker's
  // report to the page (structured clone sends a shared object once) carries it once.
  const unrecorded = new Map<string, ReturnType<typeof rubricScore>>();
  const rubricOf = (status: CommunityStatus | null, record: SupervisionRecord) => {
    if (status !== null) return rubricScore(status, record, dataset.config);
    const key = `${record.found}/${record.rectified}/${record.inspections}`;
    let rubric = unrecorded.get(key);
    if (!rubric) unrecorded.set(key, (rubric = rubricScore(null, record, dataset.config)));
    return rubric;
  };
  return features.map((feature): CommunityAssessment => {
    const status = dataset.status[feature.index] ?? null;
    const own = history[feature.index]!;
    own.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const latest = own.at(-1) ?? null;
    const previous = own.at(-2) ?? null;
    const checks = own.filter((point) => point.kind !== 'bulletin');
    const { reasons, unknown } = laggingReasons({ status, score: latest?.score ?? null, checkScores: checks.map((point) => point.score), budgetDue }, dataset.config);
    const rubric = rubricOf(status, { found: found[feature.index]!, rectified: rectified[feature.index]!, inspections: checks.length });
    const missing = status ? missingFacilities(status).map((item) => item.key) : [];
    return {
      index: feature.index,
      code: feature.id,
      name: feature.name,
      street: feature.street,
      streetCode: streetKey(feature),
      demo: status?.demo ?? false,
      score: latest?.score ?? null,
      scoreDate: latest?.date ?? null,
      scoreChange: latest && previous ? latest.score - previous.score : null,
      history: own,
      rubricScore: rubric.score,
      breakdown: rubric.parts,
      facilities: status ? FACILITY_ITEMS.length - missing.length : null,
      missingFacilities: missing,
      meetsStandard: status ? missing.length === 0 && status.facilityAreaM2 !== null && status.facilityAreaM2 >= dataset.config.facilities.minAreaM2 : null,
      budgetAllocatedWan: status?.budgetAllocatedWan ?? 0,
      budgetSpentWan: status?.budgetSpentWan ?? 0,
      budgetSpentShare: budgetSpentShare(status),
      lagging: reasons.length > 0,
      rules: reasons.map((reason) => reason.rule),
      reasons: reasons.map((reason) => reason.text),
      unknown,
    };
  });
}

/**
 * Community indices worst first: by ranking score ascending (never inspected last), then rubric
 * score ascending (unknown last), then more reasons first, then code.
 */
export function rankCommunities(assessments: readonly CommunityAssessment[]): number[] {
  return [...assessments]
    .sort((a, b) => compareNullable(a.score, b.score) || compareNullable(a.rubricScore, b.rubricScore) || b.reasons.length - a.reasons.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((assessment) => assessment.index);
}

/** Ascending with nulls last. */
export function compareNullable(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a - b;
}
