/**
 * An inspection from the phone's form (issue 20): what the inspector checked (the 12 facility
 * items, their floor area, stairway lighting, the five disorders 五乱, police, drug-free and safe
 * estate) changes the community's status row; the score is the core's rubric score of the
 * changed row (src/core/lagging/rubric.ts), never typed; and the record enters the inspection
 * history the lagging report reads, as an inspection of the core's kinds.
 */
import type { CampaignConfig } from '../parse/campaign-config.ts';
import { FACILITY_ITEMS, POLICE_MODEL_LABELS, type CommunityStatus, type FacilityKey, type Inspection, type InspectionKind, type PoliceModel } from '../model.ts';
import { rubricScore, type RubricScore, type SupervisionRecord } from '../lagging/rubric.ts';
import type { RoundKind } from './types.ts';

/** What the inspector checked; a field left out keeps the status row's value. */
export interface InspectionItems {
  facilities?: Partial<Record<FacilityKey, boolean>>;
  facilityAreaM2?: number | null;
  lightingRate?: number | null;
  openDisorders?: number;
  police?: PoliceModel;
  drugFree?: boolean;
  safeEstate?: boolean;
}

/** One status field an inspection changed, with its Chinese label. */
export interface StatusChange {
  field: string;
  label: string;
  before: unknown;
  after: unknown;
}

/** What an inspection implies. */
export interface InspectionOutcome {
  /** The community's status row after the inspection. */
  status: CommunityStatus;
  /** The fields it changed (empty when everything was as recorded). */
  changes: StatusChange[];
  /** The rubric score of the new row with the inspection counted in the supervision record. */
  rubric: RubricScore;
  /** The row for the inspection history (the lagging report's input). */
  inspection: Inspection;
}

/** The form's inputs to the outcome. */
export interface InspectionInput {
  code: string;
  name: string;
  date: string;
  kind: RoundKind;
  items: InspectionItems;
  note: string;
  /** Problems found now (each becomes a case). */
  problemsFound: number;
  /** The community's cases closed since its previous inspection. */
  problemsRectified: number;
}

const FIELD_LABELS: Record<Exclude<keyof InspectionItems, 'facilities'>, string> = {
  facilityAreaM2: '配套用房面积（m²）',
  lightingRate: '楼道亮灯率',
  openDisorders: '五乱未整改数',
  police: '警务模式',
  drugFree: '无毒社区',
  safeEstate: '安全小区',
};

/**
 * The inspection kind of the history a round kind is recorded as: a monthly round is a 月查; a
 * weekly round, a spot check 抽查 and an unannounced visit 暗访 are recorded as 周查 (the
 * lagging report compares inspections of the same kind).
 */
export function historyKind(kind: RoundKind): InspectionKind {
  return kind === 'monthly' ? 'monthly' : 'weekly';
}

/** A status row with nothing in place, for a community the status table does not list yet. */
export function blankStatus(code: string, name: string): CommunityStatus {
  return {
    code,
    name,
    level: 'none',
    demo: false,
    theme: null,
    facilities: Object.fromEntries(FACILITY_ITEMS.map((item) => [item.key, false])) as Record<FacilityKey, boolean>,
    facilityAreaM2: null,
    lightingRate: null,
    greenAreaM2: null,
    police: 'none',
    drugFree: false,
    safeEstate: false,
    openDisorders: 0,
    budgetAllocatedWan: 0,
    budgetSpentWan: 0,
    population: null,
    responsible: '',
  };
}

/** The status row with the checked items applied, and what changed. */
export function applyInspectionItems(status: CommunityStatus, items: InspectionItems): { status: CommunityStatus; changes: StatusChange[] } {
  const changes: StatusChange[] = [];
  const facilities = { ...status.facilities };
  for (const item of FACILITY_ITEMS) {
    const checked = items.facilities?.[item.key];
    if (checked === undefined || checked === facilities[item.key]) continue;
    changes.push({ field: `facilities.${item.key}`, label: item.label, before: facilities[item.key], after: checked });
    facilities[item.key] = checked;
  }
  const next: CommunityStatus = { ...status, facilities };
  for (const field of Object.keys(FIELD_LABELS) as (keyof typeof FIELD_LABELS)[]) {
    const value = items[field];
    if (value === undefined || value === status[field]) continue;
    const show = (raw: unknown) => (field === 'police' ? POLICE_MODEL_LABELS[raw as PoliceModel] : raw);
    changes.push({ field, label: FIELD_LABELS[field], before: show(status[field]), after: show(value) });
    (next as unknown as Record<string, unknown>)[field] = value;
  }
  return { status: next, changes };
}

/**
 * The outcome of an inspection: the new status row, its changes, the rubric score (this
 * inspection counted in `previous`, the community's supervision record so far) and the history row.
 */
export function inspectionOutcome(current: CommunityStatus | null, input: InspectionInput, previous: SupervisionRecord, config: CampaignConfig): InspectionOutcome {
  const { status, changes } = applyInspectionItems(current ?? blankStatus(input.code, input.name), input.items);
  const supervision: SupervisionRecord = { found: previous.found + input.problemsFound, rectified: previous.rectified + input.problemsRectified, inspections: previous.inspections + 1 };
  const rubric = rubricScore(status, supervision, config);
  return {
    status,
    changes,
    rubric,
    inspection: {
      date: input.date,
      kind: historyKind(input.kind),
      code: input.code,
      score: rubric.score ?? 0,
      problemsFound: input.problemsFound,
      problemsRectified: input.problemsRectified,
      note: input.note,
    },
  };
}

/** A community's supervision record from its inspection history (problems found and rectified so far). */
export function supervisionRecordOf(history: readonly Pick<Inspection, 'code' | 'problemsFound' | 'problemsRectified'>[], code: string): SupervisionRecord {
  let found = 0;
  let rectified = 0;
  let inspections = 0;
  for (const row of history) {
    if (row.code !== code) continue;
    found += row.problemsFound;
    rectified += row.problemsRectified;
    inspections++;
  }
  return { found, rectified, inspections };
}
