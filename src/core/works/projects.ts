/**
 * A project's stage machine (issue 21): 申报 → 审核 → 评估 → 施工 → 监督 → 验收 → 拨付, one step at a
 * time, each signed by an account of the reviewing unit the settings name for that stage; and
 * the disbursement rule: money only after 验收, never above the source's remaining allocation
 * unless an admin overrides with a reason. Refusals are typed: the server maps E_STATE to 409,
 * E_FORBIDDEN to 403, E_INPUT to 400.
 */
import type { Role } from '../roles.ts';
import { PROJECT_STAGES, PROJECT_STAGE_LABELS, type Disbursement, type ProjectEvent, type ProjectRecord, type ProjectStage } from './types.ts';

/** A reviewing unit of the joint team 联合工作组. */
export interface ReviewUnit {
  id: string;
  name: string;
}

/** Works settings: the joint team, who signs each stage, the funding sources and the ledger's lag rule. */
export interface WorksSettings {
  units: readonly ReviewUnit[];
  /** The unit whose account signs the step *to* each stage. */
  stages: Readonly<Record<Exclude<ProjectStage, 'submitted'>, string>>;
  sources: readonly { id: string; name: string }[];
  /** A street lags when spent / allocated is below `minSpentShare` with at most `withinDays` days left to the deadline `deadline`. */
  lag: { minSpentShare: number; withinDays: number; deadline: string };
  /**
   * The reviewing unit an admin account signs for (the 创建办 that runs the campaign), or null
   * when an admin signs no stage. Data, not a special case: a campaign whose admin is another
   * office names that unit here.
   */
  adminSignsFor: string | null;
}

/** Defaults: the speech's joint team 创建办、纪检、建设、城管、财政、审计 and the four sources of money. */
export const DEFAULT_WORKS_SETTINGS: WorksSettings = {
  units: [
    { id: 'cjb', name: '区创建办' },
    { id: 'jjw', name: '区纪检' },
    { id: 'jsj', name: '区建设局' },
    { id: 'cgj', name: '区城管局' },
    { id: 'czj', name: '区财政局' },
    { id: 'sjj', name: '区审计局' },
  ],
  stages: { reviewed: 'cjb', evaluated: 'sjj', building: 'jsj', supervised: 'jjw', accepted: 'cgj', paid: 'czj' },
  sources: [
    { id: 'city_first', name: '市第一批已下达' },
    { id: 'district_pre', name: '区预拨' },
    { id: 'street', name: '街道' },
    { id: 'community', name: '社区' },
  ],
  lag: { minSpentShare: 0.3, withinDays: 60, deadline: 'demo' },
  adminSignsFor: 'cjb',
};

/** Who is signing: an account of a reviewing unit is role `department` with the unit's id in its scope. */
export interface WorksActor {
  username: string;
  role: Role;
  scope: readonly string[];
}

export type WorksRefusalCode = 'E_STATE' | 'E_FORBIDDEN' | 'E_INPUT';
export interface WorksRefusal {
  code: WorksRefusalCode;
  message: string;
}

export const stageIndex = (stage: ProjectStage): number => PROJECT_STAGES.indexOf(stage);

/** Whether a project in `stage` has passed 验收 (accepted or paid): the one rule for paying it and for the veto's projects rule. */
export const hasPassedAcceptance = (stage: ProjectStage): boolean => stageIndex(stage) >= stageIndex('accepted');

/** The refusal of a payment amount (万元) that is not a positive finite number, in Chinese; null when it is one. */
export const paymentAmountRefusal = (amountWan: number): string | null => (Number.isFinite(amountWan) && amountWan > 0 ? null : '拨付金额须为正数（万元）');

/** The stage after `stage`, or null after 拨付. */
export function nextStage(stage: ProjectStage): Exclude<ProjectStage, 'submitted'> | null {
  return (PROJECT_STAGES[stageIndex(stage) + 1] as Exclude<ProjectStage, 'submitted'> | undefined) ?? null;
}

const unitName = (settings: WorksSettings, id: string) => settings.units.find((unit) => unit.id === id)?.name ?? id;

/** The unit that signs the step to `to`. */
export const signingUnit = (to: Exclude<ProjectStage, 'submitted'>, settings: WorksSettings): ReviewUnit => ({ id: settings.stages[to], name: unitName(settings, settings.stages[to]) });

/** True when `actor` signs for `unit`: a reviewing unit's account, or an admin for the unit the settings' `adminSignsFor` names (see {@link worksActorOf}). */
export const signsFor = (actor: WorksActor, unit: string): boolean => (actor.role === 'department' || actor.role === 'admin') && actor.scope.includes(unit);

/**
 * A signed-in account as the project rules see it: a department account's scope as it is (its
 * unit ids); an admin's scope is the unit the settings' `adminSignsFor` names (none when null);
 * any other role keeps its scope, which names no reviewing unit it could sign for.
 */
export function worksActorOf(account: { username: string; role: Role; scope: readonly string[] }, settings: Pick<WorksSettings, 'adminSignsFor'>): WorksActor {
  if (account.role === 'admin') return { username: account.username, role: 'admin', scope: settings.adminSignsFor === null ? [] : [settings.adminSignsFor] };
  return { username: account.username, role: account.role, scope: account.scope };
}

/** The ids of the reviewing units `actor` signs for, in the settings' order. */
/** Whether `actor` may record a payment: an admin, or an account of the unit that signs 拨付. */
export const mayDisburse = (actor: WorksActor, settings: WorksSettings): boolean => actor.role === 'admin' || signsFor(actor, signingUnit('paid', settings).id);

export const actorUnits = (actor: WorksActor, settings: Pick<WorksSettings, 'units'>): string[] => settings.units.filter((unit) => signsFor(actor, unit.id)).map((unit) => unit.id);

/**
 * Who may submit 申报 a project and correct its facts: an admin, or an account of a unit of the
 * joint team (a department account whose scope names one of `settings.units`). Null when
 * allowed, else the refusal (E_FORBIDDEN) in Chinese.
 */
export function projectEditRefusal(actor: WorksActor, settings: Pick<WorksSettings, 'units' | 'adminSignsFor'>): WorksRefusal | null {
  if (actor.role === 'admin') return null;
  if (actor.role === 'department' && settings.units.some((unit) => actor.scope.includes(unit.id))) return null;
  return { code: 'E_FORBIDDEN', message: `申报或修改项目须由管理员或联合工作组（${settings.units.map((unit) => unit.name).join('、')}）的账号办理` };
}

/** Money paid to a project so far, 万元. */
export const disbursedWan = (project: Pick<ProjectRecord, 'disbursements'>): number => project.disbursements.reduce((sum, item) => sum + item.amountWan, 0);

export type StageResult = { ok: true; project: ProjectRecord; event: ProjectEvent } | { ok: false; error: WorksRefusal };

/**
 * Signs `project` into stage `to`. Refused: a stage that is not the next one (E_STATE), an
 * account that does not sign for the stage's unit (E_FORBIDDEN), 拨付 before any payment (E_STATE).
 */
export function signStage(project: ProjectRecord, request: { to: ProjectStage; note?: string }, actor: WorksActor, at: string, settings: WorksSettings = DEFAULT_WORKS_SETTINGS): StageResult {
  const next = nextStage(project.stage);
  const to = request.to;
  if (to === 'submitted' || next !== to) {
    const where = `项目当前处于「${PROJECT_STAGE_LABELS[project.stage]}」`;
    return { ok: false, error: { code: 'E_STATE', message: next === null ? `${where}，已是最后一个阶段` : `${where}，下一步只能是「${PROJECT_STAGE_LABELS[next]}」，不能直接到「${PROJECT_STAGE_LABELS[to]}」` } };
  }
  const unit = signingUnit(to, settings);
  if (!signsFor(actor, unit.id)) return { ok: false, error: { code: 'E_FORBIDDEN', message: `「${PROJECT_STAGE_LABELS[to]}」须由${unit.name}的账号签署` } };
  if (to === 'paid' && disbursedWan(project) <= 0) return { ok: false, error: { code: 'E_STATE', message: '尚未拨付任何经费，不能签署「拨付」' } };
  const event: ProjectEvent = { at, actor: actor.username, unit: unit.id, from: project.stage, to, note: request.note ?? '' };
  return { ok: true, event, project: { ...project, stage: to, history: [...project.history, event] } };
}

export type DisbursementResult = { ok: true; project: ProjectRecord; disbursement: Disbursement } | { ok: false; error: WorksRefusal };

const wan = (value: number) => `${value.toFixed(1)} 万元`;

/**
 * Records a payment. Refused: before 验收 (E_STATE), an account that is neither admin nor the
 * unit signing 拨付 (E_FORBIDDEN), a non-positive amount (E_INPUT), more than `remainingWan` (the
 * source's allocation for the project's street minus what it has paid) without an override
 * (E_STATE), an override by anyone but an admin (E_FORBIDDEN) or without a reason (E_INPUT).
 */
export function disburse(
  project: ProjectRecord,
  request: { id: string; amountWan: number; note?: string; override?: { reason: string } | null },
  remainingWan: number,
  actor: WorksActor,
  at: string,
  settings: WorksSettings = DEFAULT_WORKS_SETTINGS,
): DisbursementResult {
  if (!mayDisburse(actor, settings)) return { ok: false, error: { code: 'E_FORBIDDEN', message: `拨付须由${signingUnit('paid', settings).name}的账号或管理员办理` } };
  if (!hasPassedAcceptance(project.stage)) {
    return { ok: false, error: { code: 'E_STATE', message: `项目尚未验收（当前「${PROJECT_STAGE_LABELS[project.stage]}」），验收通过后才能拨付经费` } };
  }
  const amountRefusal = paymentAmountRefusal(request.amountWan);
  if (amountRefusal) return { ok: false, error: { code: 'E_INPUT', message: amountRefusal } };
  const override = request.override ?? null;
  if (request.amountWan > remainingWan + 1e-9) {
    if (!override) return { ok: false, error: { code: 'E_STATE', message: `拨付 ${wan(request.amountWan)} 超过该经费来源在本街道的剩余额度 ${wan(Math.max(0, remainingWan))}；专款专用，超额须由管理员填写理由后特批` } };
    if (actor.role !== 'admin') return { ok: false, error: { code: 'E_FORBIDDEN', message: '超额拨付只能由管理员特批' } };
    if (override.reason.trim() === '') return { ok: false, error: { code: 'E_INPUT', message: '超额拨付须写明理由' } };
  }
  const disbursement: Disbursement = { id: request.id, at, actor: actor.username, amountWan: request.amountWan, note: request.note ?? '', override: request.amountWan > remainingWan + 1e-9 ? override : null };
  return { ok: true, disbursement, project: { ...project, disbursements: [...project.disbursements, disbursement] } };
}
