/**
 * Works, money and accountability (issue 21): projects and their stages from 申报 to 拨付, the
 * funds ledger, campaign features on the map (landscape routes, road works, service centres,
 * project sites), the people responsible 责任人 and the instructors 指导员, and the one-vote veto
 * 一票否决. Plain data, shared by the core's rules (beside this file, one home each), the server
 * (which stores them) and the SPA (which shows them). Amounts are in 万元 (`…Wan`), dates ISO.
 */

/** A project's stage. `submitted` 申报 is where every project starts; `paid` 拨付 is the last. */
export const PROJECT_STAGES = ['submitted', 'reviewed', 'evaluated', 'building', 'supervised', 'accepted', 'paid'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_LABELS: Readonly<Record<ProjectStage, string>> = {
  submitted: '申报',
  reviewed: '审核',
  evaluated: '评估',
  building: '施工',
  supervised: '监督',
  accepted: '验收',
  paid: '拨付',
};

/** What a project builds (the speech's works list). */
export const PROJECT_KINDS = [
  'facility',
  'old_street',
  'window_cage',
  'lines_buried',
  'road',
  'stair_lighting',
  'greening',
  'landscape_route',
  'service_centre',
  'other',
] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_KIND_LABELS: Readonly<Record<ProjectKind, string>> = {
  facility: '五室三站等设施（购置、调剂、置换）',
  old_street: '旧街改造',
  window_cage: '拆除防盗窗',
  lines_buried: '管线下地',
  road: '道路改造',
  stair_lighting: '楼道灯',
  greening: '绿化',
  landscape_route: '景观路线',
  service_centre: '街道服务中心',
  other: '其他',
};

/** Where a project is: one community (by code), one street (by code) or one road (by name, e.g. 学院路). */
export interface ProjectTarget {
  kind: 'community' | 'street' | 'road';
  id: string;
}

/** One signed-off step of a project. */
export interface ProjectEvent {
  /** ISO date-time. */
  at: string;
  /** Username of the account that signed. */
  actor: string;
  /** Id of the reviewing unit the account signed for (see the campaign's `works.units`). */
  unit: string;
  from: ProjectStage | null;
  to: ProjectStage;
  note: string;
}

/** Money paid to a project after its acceptance 验收. */
export interface Disbursement {
  id: string;
  /** ISO date-time. */
  at: string;
  actor: string;
  amountWan: number;
  note: string;
  /** Set when the payment took the source above its allocation: an audited override with its reason. */
  override: { reason: string } | null;
}

/** A project of the campaign. */
export interface ProjectRecord {
  id: string;
  /** Sequential number within the campaign. */
  number: number;
  title: string;
  kind: ProjectKind;
  description: string;
  target: ProjectTarget;
  /** Street code the project's money counts under in the ledger (the target's street). */
  street: string;
  budgetWan: number;
  /** Funding source id (see the campaign's `works.sources`). */
  source: string;
  /** Id of the person responsible (a {@link Person}). */
  responsible: string;
  /** ISO dates: planned start and completion. */
  start: string;
  due: string;
  stage: ProjectStage;
  history: ProjectEvent[];
  disbursements: Disbursement[];
  /** What the unit reports as actually spent so far (may lag the payments). */
  spentWan: number;
  /** Optimistic-concurrency version (a stale write is a 409). */
  version: number;
}

/** A funding source's money for one street (or the district's own share, street `null`). */
export interface Allocation {
  source: string;
  street: string | null;
  allocatedWan: number;
}

/** One row of the funds ledger: per source and street. */
export interface LedgerRow {
  source: string;
  street: string | null;
  allocatedWan: number;
  /** Budgets of projects past 审核 (committed money). */
  committedWan: number;
  disbursedWan: number;
  spentWan: number;
  /** True when the street's spending lags the campaign's rule (with the reason in `warning`). */
  lagging: boolean;
  warning: string | null;
}

/** Kinds of campaign feature drawn on the map. */
export const FEATURE_KINDS = ['landscape_route', 'road_work', 'service_centre', 'project_site'] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];
export const FEATURE_KIND_LABELS: Readonly<Record<FeatureKind, string>> = {
  landscape_route: '景观路线',
  road_work: '道路工程',
  service_centre: '街道服务中心',
  project_site: '项目点位',
};

/** The properties every stored campaign feature carries (GeoJSON `properties`). */
export interface CampaignFeatureProperties {
  /** Server-assigned id. */
  id: string;
  kind: FeatureKind;
  /** As shown on the map (1–60 characters). */
  name: string;
  /** Community code the feature belongs to, when it belongs to one. */
  community: string | null;
  /** Project id it is linked to, when linked. */
  project: string | null;
  /** Optimistic-concurrency version (a stale write is a 409). */
  version: number;
  /** Username of the account that last wrote it. */
  updatedBy: string;
  /** ISO date-time of the last write. */
  updatedAt: string;
}

/** A feature's geometry, WGS84 [lon, lat]: landscape routes and road works are LineStrings, centres and sites Points. */
export type CampaignFeatureGeometry = { type: 'LineString'; coordinates: [number, number][] } | { type: 'Point'; coordinates: [number, number] };

/** A campaign feature as stored and served. */
export interface CampaignFeature {
  type: 'Feature';
  geometry: CampaignFeatureGeometry;
  properties: CampaignFeatureProperties;
}

/** What a user gives for a feature (drawn or imported), after validation: no id, version or author yet. */
export interface CampaignFeatureDraft {
  type: 'Feature';
  geometry: CampaignFeatureGeometry;
  properties: Pick<CampaignFeatureProperties, 'kind' | 'name' | 'community' | 'project'>;
}

/** What a person is responsible for. `deadline` ids are the campaign's `deadlines[].id`. */
export interface ResponsibilityTarget {
  kind: 'street' | 'community' | 'department' | 'project' | 'deadline';
  id: string;
}

/** A person responsible 责任人 (street leader, community secretary, department head, project lead, …). */
export interface Person {
  id: string;
  name: string;
  /** Post, e.g. 街道党工委书记. */
  title: string;
  /** The unit the person works for, as shown (e.g. 五马街道办事处). */
  unit: string;
  phone: string;
  /** Username of the person's account, when they have one. */
  username: string | null;
  responsibleFor: ResponsibilityTarget[];
  /** The stored row's version (the server adds it; a stale edit is a 409). */
  version?: number;
}

/** A city cadre sent to a community for a year (百名市属干部百日创建). */
export interface Instructor {
  id: string;
  name: string;
  community: string;
  /** The cadre's home unit 共建单位. */
  homeUnit: string;
  /** ISO date the posting started. */
  start: string;
  phone: string;
  /** Username of the instructor's account: what that account records in the supervision loop is theirs. */
  username: string | null;
  /** What they did (GET …/people adds it; see {@link InstructorActivity}); absent in what is written. */
  activity?: InstructorActivity | null;
  /** The stored row's version (the server adds it; a stale edit is a 409). */
  version?: number;
}

/** An instructor's work in the supervision loop: inspections their account recorded, cases it opened and how many of those are closed. */
export interface InstructorActivity {
  visits: number;
  /** ISO date of the latest visit, or null. */
  lastVisit: string | null;
  reported: number;
  solved: number;
}

/** Why a demonstration community would fail acceptance today (one rule each). */
export interface VetoReason {
  /** Key of the acceptance rule (see the campaign's `acceptance` section). */
  rule: string;
  /** Chinese, as shown: what fails and by how much. */
  message: string;
}

/** One link of the chain of people responsible for a failing community. */
export interface ResponsibleLink {
  /** community → street → department (for cases/projects referred to a department). */
  level: 'community' | 'street' | 'department';
  /** Unit name, as shown. */
  unit: string;
  /** The person responsible, or null when nobody is named (itself a finding). */
  person: Pick<Person, 'id' | 'name' | 'title' | 'phone'> | null;
}

/** A demonstration community's acceptance verdict (`GET /api/campaigns/:id/veto`). */
export interface VetoVerdict {
  code: string;
  name: string;
  pass: boolean;
  reasons: VetoReason[];
  responsible: ResponsibleLink[];
}
