/** Small lagging fixtures: communities on a row of unit squares with status and inspections. */
import {
  FACILITY_ITEMS,
  defaultCampaignConfig,
  type CampaignConfig,
  type CommunityStatus,
  type Dataset,
  type FacilityKey,
  type Inspection,
  type InspectionKind,
} from '../../../src/core/index.ts';

export interface CommunitySpec {
  code: string;
  street?: string;
  streetCode?: string;
  /** Status overrides; `null` = no status row. */
  status?: Partial<CommunityStatus> | null;
  /** [date, score] or [date, score, kind]. */
  scores?: [string, number, InspectionKind?][];
}

/** A status row meeting every default rule. */
export function goodStatus(code: string, overrides: Partial<CommunityStatus> = {}): CommunityStatus {
  return {
    code,
    name: `社区${code}`,
    level: 'none',
    demo: false,
    theme: null,
    facilities: Object.fromEntries(FACILITY_ITEMS.map((item) => [item.key, true])) as Record<FacilityKey, boolean>,
    facilityAreaM2: 400,
    lightingRate: 0.98,
    greenAreaM2: 1000,
    police: 'one',
    drugFree: true,
    safeEstate: true,
    openDisorders: 0,
    budgetAllocatedWan: 0,
    budgetSpentWan: 0,
    population: 5000,
    responsible: '',
    ...overrides,
  };
}

/** Facilities with the given items missing. */
export function lacking(...keys: FacilityKey[]): Record<FacilityKey, boolean> {
  return Object.fromEntries(FACILITY_ITEMS.map((item) => [item.key, !keys.includes(item.key)])) as Record<FacilityKey, boolean>;
}

export type LaggingRules = CampaignConfig['lagging'];

export function config(lagging: Partial<LaggingRules> = {}): CampaignConfig {
  const base = defaultCampaignConfig();
  return { ...base, lagging: { ...base.lagging, ...lagging } };
}

export function dataset(specs: readonly CommunitySpec[], campaign: CampaignConfig = config()): Dataset {
  const features = specs.map((spec, index) => ({
    index,
    id: spec.code,
    name: `社区${spec.code}`,
    street: spec.street ?? '甲街道',
    streetCode: spec.streetCode ?? 'S1',
    geometry: { type: 'Polygon' as const, coordinates: [[[index, 0], [index + 1, 0], [index + 1, 1], [index, 1], [index, 0]]] },
    properties: {},
  }));
  const inspections: Inspection[] = specs
    .flatMap((spec) => (spec.scores ?? []).map(([date, score, kind]) => ({ date, kind: kind ?? 'monthly', code: spec.code, score, problemsFound: 2, problemsRectified: 1, note: '' })))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.code < b.code ? -1 : 1));
  return {
    title: '测试',
    boundaries: { file: 't.geojson', features, idSource: 'id', bbox: [0, 0, specs.length, 1], sourceCrs: 'WGS84', warnings: [] },
    streets: [],
    district: [],
    status: specs.map((spec) => (spec.status === null ? null : goodStatus(spec.code, spec.status ?? {}))),
    inspections,
    facts: [],
    config: campaign,
    asOf: inspections.at(-1)?.date ?? null,
    warnings: [],
  };
}
