/**
 * The data model (design notes §2). Boundaries and status are separate inputs: boundaries change
 * rarely, status every week. Everything here is plain data that survives structured cloning.
 */
import type { MultiPolygon, Polygon } from 'geojson';

/** Civilized-community level (文明社区等级). */
export type CivilizedLevel = 'national_candidate' | 'provincial' | 'city' | 'none';

export const CIVILIZED_LEVELS: readonly CivilizedLevel[] = ['national_candidate', 'provincial', 'city', 'none'];

/** Chinese names of the levels, as shown in the UI and accepted in status tables. */
export const CIVILIZED_LEVEL_LABELS: Readonly<Record<CivilizedLevel, string>> = {
  national_candidate: '全国级候选',
  provincial: '省级',
  city: '市级',
  none: '未命名',
};

/** The six demonstration themes of the source speech (any other text is kept as a free theme). */
export type DemoThemeKey = 'traditional_houses' | 'humanist' | 'new_commercial' | 'new_residential' | 'high_end' | 'western';

export const DEMO_THEMES: Readonly<Record<DemoThemeKey, string>> = {
  traditional_houses: '传统民居',
  humanist: '人文精神',
  new_commercial: '新商业文化',
  new_residential: '新住宅区',
  high_end: '高档住宅',
  western: '西部社区',
};

/** Group of a facility item in "五室三站二栏一校一场所". */
export type FacilityGroup = 'room' | 'station' | 'board' | 'school' | 'place';

export interface FacilityItem {
  key: FacilityKey;
  /** Chinese name as in the standard. */
  label: string;
  /** Short label for tight table headers. */
  short: string;
  group: FacilityGroup;
}

export type FacilityKey =
  | 'managementOffice'
  | 'partyOffice'
  | 'policeRoom'
  | 'readingRoom'
  | 'cultureRoom'
  | 'serviceStation'
  | 'medicalStation'
  | 'familyPlanningStation'
  | 'publicityBoard'
  | 'newspaperBoard'
  | 'citizenSchool'
  | 'outdoorGround';

/** The 12-item facility standard 五室三站二栏一校一场所, in the order of the speech. */
export const FACILITY_ITEMS: readonly FacilityItem[] = [
  { key: 'managementOffice', label: '社区管理办公室', short: '管理办', group: 'room' },
  { key: 'partyOffice', label: '社区党建办公室', short: '党建办', group: 'room' },
  { key: 'policeRoom', label: '社区警务室', short: '警务室', group: 'room' },
  { key: 'readingRoom', label: '社区阅览室', short: '阅览室', group: 'room' },
  { key: 'cultureRoom', label: '社区文体活动室', short: '文体室', group: 'room' },
  { key: 'serviceStation', label: '社区服务站', short: '服务站', group: 'station' },
  { key: 'medicalStation', label: '社区医疗站', short: '医疗站', group: 'station' },
  { key: 'familyPlanningStation', label: '社区计生指导站', short: '计生站', group: 'station' },
  { key: 'publicityBoard', label: '宣传栏', short: '宣传栏', group: 'board' },
  { key: 'newspaperBoard', label: '阅报栏', short: '阅报栏', group: 'board' },
  { key: 'citizenSchool', label: '市民学校', short: '市民学校', group: 'school' },
  { key: 'outdoorGround', label: '室外活动场所', short: '活动场所', group: 'place' },
];

export const FACILITY_GROUP_LABELS: Readonly<Record<FacilityGroup, string>> = {
  room: '五室',
  station: '三站',
  board: '二栏',
  school: '一校',
  place: '一场所',
};

/** Community policing model: one or two officers per community. */
export type PoliceModel = 'one' | 'two' | 'none';

export const POLICE_MODEL_LABELS: Readonly<Record<PoliceModel, string>> = { one: '一区一警', two: '一区二警', none: '未落实' };

/** One community (or village) boundary after validation. */
export interface BoundaryFeature {
  /** Position in the input; the index used by the adjacency graph. */
  index: number;
  /** Stable id: the 12-digit statistical code where known. */
  id: string;
  name: string;
  /** Street (街道) or town (镇) name; empty when the file has none. */
  street: string;
  streetCode: string;
  geometry: Polygon | MultiPolygon;
  /** All input properties, untouched (for popups and exports). */
  properties: Record<string, unknown>;
}

/** Coordinate reference systems accepted on import; everything is converted to WGS84. */
export type Crs = 'WGS84' | 'GCJ02' | 'BD09';

/** A non-fatal finding at the validation boundary, shown to the user next to the data. */
export interface InputWarning {
  code: string;
  /** Chinese message naming the file, feature or row and field. */
  message: string;
}

export interface BoundarySet {
  file: string;
  features: BoundaryFeature[];
  /** Which property the ids came from: a property name, `id` (feature id) or `index`. */
  idSource: string;
  /** [west, south, east, north] in degrees. */
  bbox: [number, number, number, number];
  /** The CRS the file was in (it is WGS84 after import). */
  sourceCrs: Crs;
  warnings: InputWarning[];
}

/** One row of the status table: the state of one community this week. */
export interface CommunityStatus {
  code: string;
  name: string;
  level: CivilizedLevel;
  /** Designated boutique demonstration community 精品示范社区. */
  demo: boolean;
  /** Theme key of DEMO_THEMES, or free text; null for none. */
  theme: string | null;
  /** Whether each of the 12 facility items is in place. */
  facilities: Record<FacilityKey, boolean>;
  /** Total floor area of the facilities, m²; null when unknown. */
  facilityAreaM2: number | null;
  /** Stairway lighting rate 楼道亮灯率, 0–1; null when unknown. */
  lightingRate: number | null;
  /** Green area, m²; null when unknown. */
  greenAreaM2: number | null;
  police: PoliceModel;
  drugFree: boolean;
  safeEstate: boolean;
  /** Open "five disorders" 五乱 cases. */
  openDisorders: number;
  /** Budget allocated and spent, 万元 (10,000 CNY). */
  budgetAllocatedWan: number;
  budgetSpentWan: number;
  /** Residents; null when unknown. */
  population: number | null;
  /** Person responsible 责任人; empty when not named. */
  responsible: string;
}

export type InspectionKind = 'weekly' | 'monthly' | 'bulletin';

export const INSPECTION_KIND_LABELS: Readonly<Record<InspectionKind, string>> = { weekly: '周查', monthly: '月查', bulletin: '半月通报' };

/** One inspection result for one community. */
export interface Inspection {
  /** ISO date `YYYY-MM-DD`. */
  date: string;
  kind: InspectionKind;
  code: string;
  /** Score 0–100 under the scoring rubric. */
  score: number;
  problemsFound: number;
  problemsRectified: number;
  note: string;
}

/** Number of facility items in place. */
export function facilityCount(status: Pick<CommunityStatus, 'facilities'>): number {
  let count = 0;
  for (const item of FACILITY_ITEMS) if (status.facilities[item.key]) count++;
  return count;
}

/** The facility items a community still lacks, in the standard's order. */
export function missingFacilities(status: Pick<CommunityStatus, 'facilities'>): FacilityItem[] {
  return FACILITY_ITEMS.filter((item) => !status.facilities[item.key]);
}
