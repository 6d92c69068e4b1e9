/**
 * The referral slip 抄告单: a case referred to a city department is sent "以抄告单的形式，一式三份，
 * 分别送市创建办、市属部门及留底" and followed until rectified. This is the slip's number and its
 * content model; the PDF (three copies on one A4 page with cut lines) is drawn by src/export.
 */
import type { SupervisionSettings } from '../parse/campaign-config.ts';
import { CASE_STATE_LABELS, type CaseRecord } from './types.ts';
import { chinaDay } from './working-days.ts';

/** The three copies, top to bottom, in the speech's order. */
export const REFERRAL_COPIES = ['市创建办', '市属部门', '留底'] as const;
export type ReferralCopy = (typeof REFERRAL_COPIES)[number];

/** The slip's year: the settings' `referral.year`, else the year the slip is issued (in China's time). */
export function referralYear(issuedAt: string, settings: Pick<SupervisionSettings, 'referral'>): number {
  return settings.referral.year ?? Number(chinaDay(issuedAt).slice(0, 4));
}

/** The slip's number: `referralNumber(12, 2002, settings)` → `鹿创抄〔2002〕第 12 号`. */
export function referralNumber(serial: number, year: number, settings: Pick<SupervisionSettings, 'referral'>): string {
  return `${settings.referral.prefix}〔${year}〕第 ${serial} 号`;
}

/** One contact with the department (a step of the case's timeline after the referral). */
export interface ReferralContact {
  /** ISO date-time. */
  at: string;
  actor: string;
  text: string;
}

/** What a slip says. */
export interface ReferralSlip {
  number: string;
  office: string;
  /** The department it is sent to. */
  department: string;
  /** ISO date the slip was issued. */
  issuedOn: string;
  caseNumber: number;
  community: string;
  street: string;
  category: string;
  problem: string;
  location: string;
  deadline: string | null;
  state: string;
  /** The request, one sentence. */
  request: string;
  contacts: ReferralContact[];
  copies: readonly ReferralCopy[];
}

/** Names for the slip (the case stores codes and ids). */
export interface ReferralNames {
  community: string;
  street: string;
  category: string;
  department: string;
}

/** The slip of a case referred on `issuedAt` with `serial`: number, parties, the problem, the deadline and every contact since its latest referral. */
export function referralSlip(record: CaseRecord, serial: number, issuedAt: string, names: ReferralNames, settings: SupervisionSettings): ReferralSlip {
  const year = referralYear(issuedAt, settings);
  // Contacts: from the latest referral to a department (交办) on.
  let from = record.history.length;
  for (let index = record.history.length - 1; index >= 0; index--) {
    const event = record.history[index]!;
    if (event.transition === 'assigned' && event.unit?.kind === 'department') {
      from = index;
      break;
    }
  }
  const contacts = record.history
    .slice(from)
    .map((event) => ({ at: event.at, actor: event.actor, text: `${CASE_STATE_LABELS[event.to]}${event.note ? `：${event.note}` : ''}${event.deadline ? `（整改期限 ${event.deadline}）` : ''}` }));
  return {
    number: referralNumber(serial, year, settings),
    office: settings.referral.office,
    department: names.department,
    issuedOn: chinaDay(issuedAt),
    caseNumber: record.number,
    community: names.community,
    street: names.street,
    category: names.category,
    problem: record.note || names.category,
    location: record.lon !== null && record.lat !== null ? `东经 ${record.lon.toFixed(5)}°，北纬 ${record.lat.toFixed(5)}°` : `${names.street}${names.community}`,
    deadline: record.deadline,
    state: CASE_STATE_LABELS[record.state],
    request: `请贵单位于 ${record.deadline ?? '限定日期'} 前整改完毕，并将整改情况（附照片）反馈${settings.referral.office}。`,
    contacts,
    copies: REFERRAL_COPIES,
  };
}
