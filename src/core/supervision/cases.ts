/**
 * The case state machine (issue 20; GB/T 30428's 发现 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案):
 *
 *   上报 reported → 立案 registered (admin) → 交办 assigned (admin; to the street by default or the
 *   department the category's routing names; deadline in working days) → 整改中 in_progress (the
 *   responsible unit) → 已反馈 fixed, with proof (the responsible unit) → 复查通过 verified (an
 *   inspector in scope) → 销号 closed (an inspector in scope or admin). A failed verification is the
 *   `reopened` transition: fixed → in_progress, reopenings + 1. An admin may reassign an assigned
 *   case (assigned → assigned, new unit or deadline).
 *
 * Who may is decided in this order: the role (E_FORBIDDEN), the actor's scope (E_FORBIDDEN), the
 * case's state (E_STATE), the request's content (E_INPUT). Pure: the caller stores the new case.
 */
import type { SupervisionSettings } from '../parse/campaign-config.ts';
import type { Role } from '../roles.ts';
import { CASE_STATE_LABELS, CASE_TRANSITIONS, type CaseEvent, type CaseRecord, type CaseState, type CaseTransition, type ResponsibleUnit, type SupervisionActor } from './types.ts';
import { addWorkingDays, chinaDay } from './working-days.ts';

/** What a transition asks for (the API's body, photos already stored as ids). */
export interface TransitionRequest {
  to: CaseTransition;
  note?: string;
  /** Only with `assigned`: the unit (default: the case's routed unit). */
  unit?: ResponsibleUnit;
  /** Only with `assigned`: ISO date (default: the settings' working days from today). */
  deadline?: string;
  /** Photo ids (the proof of `fixed`). */
  photos?: readonly string[];
}

export type TransitionErrorCode = 'E_FORBIDDEN' | 'E_STATE' | 'E_INPUT';

/** A refused transition: a stable code and a Chinese message. */
export interface TransitionError {
  code: TransitionErrorCode;
  message: string;
}

export type TransitionResult = { ok: true; case: CaseRecord; event: CaseEvent } | { ok: false; error: TransitionError };

/** Who may make a transition. */
type Mover = 'admin' | 'unit' | 'inspector';

interface Rule {
  from: readonly CaseState[];
  to: CaseState;
  movers: readonly Mover[];
  label: string;
}

/** The machine as data: each transition's source states, target state and who moves it. */
export const TRANSITION_RULES: Readonly<Record<CaseTransition, Rule>> = {
  registered: { from: ['reported'], to: 'registered', movers: ['admin'], label: '立案' },
  assigned: { from: ['registered', 'assigned'], to: 'assigned', movers: ['admin'], label: '交办' },
  in_progress: { from: ['assigned'], to: 'in_progress', movers: ['unit'], label: '开始整改' },
  fixed: { from: ['in_progress'], to: 'fixed', movers: ['unit'], label: '整改反馈' },
  verified: { from: ['fixed'], to: 'verified', movers: ['inspector'], label: '复查通过' },
  reopened: { from: ['fixed'], to: 'in_progress', movers: ['inspector'], label: '复查未通过' },
  closed: { from: ['verified'], to: 'closed', movers: ['inspector', 'admin'], label: '销号' },
};

const MOVER_LABELS: Record<Mover, string> = { admin: '区创建办（管理员）', unit: '责任单位（街道或市属部门）', inspector: '督查员' };

/** The roles that can be each mover. */
const MOVER_ROLES: Record<Mover, readonly Role[]> = { admin: ['admin'], unit: ['street', 'department'], inspector: ['inspector'] };

/** The responsible unit of a new case: the department the category routes to, else the community's street. Unknown categories go to the street. */
export function routeUnit(category: string, street: string, settings: Pick<SupervisionSettings, 'categories'>): ResponsibleUnit {
  const department = settings.categories.find((entry) => entry.id === category)?.department ?? null;
  return department === null ? { kind: 'street', id: street } : { kind: 'department', id: department };
}

/** The deadline of an assignment made on `day`: the category's working days, else the settings'. */
export function assignmentDeadline(category: string, day: string, settings: SupervisionSettings): string {
  const days = settings.categories.find((entry) => entry.id === category)?.deadlineWorkingDays ?? settings.deadlineWorkingDays;
  return addWorkingDays(day, days, settings);
}

/** What a new case (上报) is made of. */
export interface NewCaseInput {
  id: string;
  number: number;
  community: string;
  street: string;
  category: string;
  note: string;
  lon: number | null;
  lat: number | null;
  photos: readonly string[];
  inspectionId: string | null;
  roundId: string | null;
}

/** A new case in state `reported`, routed by its category, with its first timeline event. */
export function reportCase(input: NewCaseInput, actor: string, now: Date, settings: SupervisionSettings): CaseRecord {
  const at = now.toISOString();
  const unit = routeUnit(input.category, input.street, settings);
  return {
    ...input,
    photos: [...input.photos],
    state: 'reported',
    unit,
    deadline: null,
    reopenings: 0,
    reportedAt: at,
    closedAt: null,
    history: [{ at, actor, transition: 'reported', from: null, to: 'reported', note: input.note, unit, ...(input.photos.length > 0 ? { photos: [...input.photos] } : {}) }],
  };
}

/** True when the actor's scope covers the community (its code, its street's code, or a code prefix of 6+ digits such as a district). */
export function scopeCoversCommunity(scope: readonly string[], community: string, street: string): boolean {
  return scope.some((entry) => entry === community || entry === street || (entry.length >= 6 && community.startsWith(entry)));
}

/** True when the actor is the case's responsible unit (a street office scoped to its street, a department scoped to its id). */
export function isResponsibleUnit(record: Pick<CaseRecord, 'unit'>, actor: SupervisionActor): boolean {
  if (record.unit.kind === 'street') return actor.role === 'street' && actor.scope.includes(record.unit.id);
  return actor.role === 'department' && actor.scope.includes(record.unit.id);
}

function moversOf(actor: SupervisionActor): Mover[] {
  return (Object.keys(MOVER_ROLES) as Mover[]).filter((mover) => MOVER_ROLES[mover].includes(actor.role));
}

function inScope(mover: Mover, record: CaseRecord, actor: SupervisionActor): boolean {
  if (mover === 'admin') return true;
  if (mover === 'unit') return isResponsibleUnit(record, actor);
  return scopeCoversCommunity(actor.scope, record.community, record.street);
}

/** Why `actor` may not make `to` on `record` (role, scope, then state), or null when it may. */
function refusal(record: CaseRecord, to: CaseTransition, actor: SupervisionActor): TransitionError | null {
  const rule = TRANSITION_RULES[to];
  const movers = rule.movers.filter((mover) => moversOf(actor).includes(mover));
  if (movers.length === 0) {
    return { code: 'E_FORBIDDEN', message: `「${rule.label}」只能由${rule.movers.map((mover) => MOVER_LABELS[mover]).join('或')}操作` };
  }
  if (!movers.some((mover) => inScope(mover, record, actor))) {
    return { code: 'E_FORBIDDEN', message: `问题第 ${record.number} 号不在您的负责范围内，不能「${rule.label}」` };
  }
  if (!rule.from.includes(record.state)) {
    return {
      code: 'E_STATE',
      message: `问题第 ${record.number} 号当前为「${CASE_STATE_LABELS[record.state]}」，不能「${rule.label}」（须为「${rule.from.map((state) => CASE_STATE_LABELS[state]).join('」或「')}」）`,
    };
  }
  return null;
}

/** The transitions `actor` may make on `record` now (for the UI's buttons), in the machine's order. */
export function allowedTransitions(record: CaseRecord, actor: SupervisionActor): CaseTransition[] {
  return CASE_TRANSITIONS.filter((to) => refusal(record, to, actor) === null);
}

/**
 * Applies one transition: the new case (with the event appended) or why not.
 * `applyTransition(reported, {to: 'registered'}, admin, now, settings)` → `{ok: true, case: {state: 'registered', …}}`.
 */
export function applyTransition(record: CaseRecord, request: TransitionRequest, actor: SupervisionActor, now: Date, settings: SupervisionSettings): TransitionResult {
  const refused = refusal(record, request.to, actor);
  if (refused) return { ok: false, error: refused };
  const rule = TRANSITION_RULES[request.to];
  const note = (request.note ?? '').trim();
  const photos = [...(request.photos ?? [])];
  if ((request.unit || request.deadline) && request.to !== 'assigned') return { ok: false, error: { code: 'E_INPUT', message: '只有「交办」可以指定责任单位和整改期限' } };
  const at = now.toISOString();
  const event: CaseEvent = { at, actor: actor.username, transition: request.to, from: record.state, to: rule.to, note, ...(photos.length > 0 ? { photos } : {}) };
  const next: CaseRecord = { ...record, state: rule.to, history: [...record.history, event] };
  switch (request.to) {
    case 'assigned': {
      const unit = request.unit ?? record.unit;
      if (unit.kind === 'department' && !settings.departments.some((department) => department.id === unit.id)) {
        return { ok: false, error: { code: 'E_INPUT', message: `未知的市属部门「${unit.id}」（见活动设置 supervision.departments）` } };
      }
      if (unit.kind === 'street' && unit.id !== record.street) return { ok: false, error: { code: 'E_INPUT', message: `问题所在社区属于街道 ${record.street}，不能交办给街道 ${unit.id}` } };
      const today = chinaDay(now);
      const deadline = request.deadline ?? assignmentDeadline(record.category, today, settings);
      if (deadline < today) return { ok: false, error: { code: 'E_INPUT', message: `整改期限 ${deadline} 早于今天 ${today}` } };
      event.unit = { ...unit };
      event.deadline = deadline;
      next.unit = { ...unit };
      next.deadline = deadline;
      break;
    }
    case 'fixed':
      if (photos.length === 0 && note === '') return { ok: false, error: { code: 'E_INPUT', message: '整改反馈须附整改后的照片或整改说明' } };
      next.photos = [...record.photos, ...photos];
      break;
    case 'reopened':
      if (note === '') return { ok: false, error: { code: 'E_INPUT', message: '复查未通过须写明原因' } };
      next.reopenings = record.reopenings + 1;
      break;
    case 'closed':
      next.closedAt = at;
      break;
    default:
      break;
  }
  return { ok: true, case: next, event };
}
