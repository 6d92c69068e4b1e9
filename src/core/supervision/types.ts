/**
 * The supervision loop's data (issue 20): rounds of inspection, cases 问题 from finding to closing
 * (GB/T 30428: 发现 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案), their three-colour supervision
 * 三色督办 and the graded standing of communities and streets. Plain data, shared by the core's
 * rules, the server (which stores them) and the SPA (which shows them); the rules live beside
 * this file, one home each.
 */
import type { Role } from '../roles.ts';

/** Kinds of inspection round: 周查, 月查, 抽查, 暗访. */
export const ROUND_KINDS = ['weekly', 'monthly', 'spot', 'unannounced'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];
export const ROUND_KIND_LABELS: Readonly<Record<RoundKind, string>> = {
  weekly: '周查',
  monthly: '月查',
  spot: '抽查',
  unannounced: '暗访',
};

/** A scheduled round: which communities, which inspectors, which dates (ISO `YYYY-MM-DD`, inclusive). */
export interface Round {
  id: string;
  kind: RoundKind;
  title: string;
  start: string;
  end: string;
  /** Community codes to inspect. */
  communities: string[];
  /** Usernames of the inspectors sent. */
  inspectors: string[];
}

/** A case's state. `reopened` is a transition (back to `in_progress`), not a state. */
export const CASE_STATES = ['reported', 'registered', 'assigned', 'in_progress', 'fixed', 'verified', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Readonly<Record<CaseState, string>> = {
  reported: '上报',
  registered: '立案',
  assigned: '交办',
  in_progress: '整改中',
  fixed: '已反馈',
  verified: '复查通过',
  closed: '销号',
};

/** What a transition request names (`to` in the API). */
export const CASE_TRANSITIONS = ['registered', 'assigned', 'in_progress', 'fixed', 'verified', 'reopened', 'closed'] as const;
export type CaseTransition = (typeof CASE_TRANSITIONS)[number];

/** The unit that must rectify a case: a street office (by street code) or a city department (by id). */
export interface ResponsibleUnit {
  kind: 'street' | 'department';
  id: string;
}

/** Who acts: a user's role and scope (street codes, community codes or a department id, by role). */
export interface SupervisionActor {
  username: string;
  role: Role;
  scope: readonly string[];
}

/** One step of a case's timeline. */
export interface CaseEvent {
  /** ISO date-time. */
  at: string;
  actor: string;
  /** `reported` for the case's first event. */
  transition: CaseTransition | 'reported';
  from: CaseState | null;
  to: CaseState;
  note: string;
  /** Set by `assigned` (and a reassignment). */
  unit?: ResponsibleUnit;
  /** ISO date, set by `assigned`. */
  deadline?: string;
  /** Photo ids attached to this step (proof of rectification, …). */
  photos?: string[];
}

/** A problem found, followed to its fix. */
export interface CaseRecord {
  id: string;
  /** Sequential number within the campaign (shown as 第 n 号). */
  number: number;
  community: string;
  street: string;
  /** Category key of the campaign's routing table. */
  category: string;
  note: string;
  lon: number | null;
  lat: number | null;
  photos: string[];
  state: CaseState;
  unit: ResponsibleUnit;
  /** ISO date the rectification is due; null before assignment. */
  deadline: string | null;
  /** How many times a verification failed and sent it back to 整改中. */
  reopenings: number;
  /** ISO date-time of the report. */
  reportedAt: string;
  /** ISO date-time of 销号; null while open. */
  closedAt: string | null;
  inspectionId: string | null;
  roundId: string | null;
  history: CaseEvent[];
}

/** 三色督办: blue due within the warning window, yellow overdue, red seriously overdue or reopened too often; null otherwise (not yet assigned, closed, or due later). */
export type CaseColour = 'blue' | 'yellow' | 'red';
export const CASE_COLOUR_LABELS: Readonly<Record<CaseColour, string>> = { blue: '蓝色预警', yellow: '黄色督办', red: '红色督办' };

/** Graded standing of a community or street: red serious, yellow not yet at standard, green at standard. */
export type Grade = 'red' | 'yellow' | 'green';
export const GRADE_LABELS: Readonly<Record<Grade, string>> = { red: '红', yellow: '黄', green: '绿' };
