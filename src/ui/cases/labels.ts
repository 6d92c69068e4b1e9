/**
 * Words of the cases UI (issue 20): what each transition button says, the names of the
 * responsible units, and the dates as a person reads them (Beijing time).
 */
import type { CaseTransition, ResponsibleUnit } from '../../core/index.ts';
import { formatDate } from '../format.ts';

/** The button of each transition, as the person making it reads it. */
export const TRANSITION_LABELS: Readonly<Record<CaseTransition, string>> = {
  registered: '立案',
  assigned: '交办',
  in_progress: '开始整改',
  fixed: '反馈整改结果',
  verified: '复查通过',
  reopened: '复查不通过，退回整改',
  closed: '销号',
};

/** A timeline step in words (`reported` is the case's first event). */
export const EVENT_LABELS: Readonly<Record<CaseTransition | 'reported', string>> = {
  reported: '上报',
  registered: '立案',
  assigned: '交办',
  in_progress: '开始整改',
  fixed: '反馈整改结果',
  verified: '复查通过',
  reopened: '复查不通过，退回整改',
  closed: '销号',
};

/** Names of the units: streets by code (from the boundaries), departments by id (from the campaign settings). */
export interface UnitNames {
  streets: ReadonlyMap<string, string>;
  departments: ReadonlyMap<string, string>;
}

export function unitLabel(unit: ResponsibleUnit, names: UnitNames): string {
  if (unit.kind === 'street') return names.streets.get(unit.id) ?? `街道 ${unit.id}`;
  return names.departments.get(unit.id) ?? unit.id;
}

/** ISO date → 2002年6月3日; null → 未定. */
export function formatDeadline(deadline: string | null): string {
  return deadline ? formatDate(deadline.slice(0, 10)) : '未定';
}

const DATE_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** ISO date-time → 2002/06/03 14:05 (Beijing time). */
export function formatDateTime(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : DATE_TIME.format(date);
}
