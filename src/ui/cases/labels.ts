/**
 * Words of the cases UI (issue 20): what each transition button says, the names of the
 * responsible units, and the dates as a person reads them (Beijing time).
 */
import type { SupervisionInfo } from '../../api/index.ts';
import type { CaseTransition, ResponsibleUnit } from '../../core/index.ts';
import type { CaseItem } from '../../state/cases.ts';
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
export const EVENT_LABELS: Readonly<Record<CaseTransition | 'reported', string>> = { reported: '上报', ...TRANSITION_LABELS };

/** A unit's name: the case's own unit and street by the names the server gave, departments from the campaign's settings. */
export function unitLabel(unit: ResponsibleUnit, item: Pick<CaseItem, 'unit' | 'unitName' | 'street' | 'streetName'>, info: Pick<SupervisionInfo, 'departments'> | null): string {
  if (unit.kind === item.unit.kind && unit.id === item.unit.id && item.unitName) return item.unitName;
  if (unit.kind === 'street') return unit.id === item.street && item.streetName ? item.streetName : `街道 ${unit.id}`;
  return info?.departments.find((department) => department.id === unit.id)?.name ?? unit.id;
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
