/**
 * The half-monthly bulletin 半月通报: rows for a printable page and a CSV — streets ranked worst
 * first, lagging communities with their reasons, and what changed since the previous bulletin
 * (or, without one, the previous round): newly lagging, no longer lagging, reasons added or cleared.
 * A street's change is like for like: the mean change of its communities scored both times.
 * The status table is one snapshot, so changes between two dates come from the inspections.
 */
import type { Dataset } from '../dataset.ts';
import { formatCsv } from '../parse/table.ts';
import { laggingReport, type LaggingReport } from './lagging-report.ts';
import { previousBulletinRound } from './rounds.ts';
import { roundTenth } from './score-trend.ts';
import { meanOf } from './street-rollup.ts';

export type BulletinSection = 'streets' | 'lagging' | 'changes';

export const BULLETIN_SECTION_LABELS: Readonly<Record<BulletinSection, string>> = { streets: '街道排名', lagging: '落后社区', changes: '较上期变化' };

export interface BulletinRow {
  section: BulletinSection;
  /** Street rank, or position in the lagging list; null for change rows. */
  rank: number | null;
  code: string;
  name: string;
  street: string;
  score: number | null;
  /** Score change since the previous bulletin; null when either is unknown. */
  change: number | null;
  lagging: boolean;
  reasons: string[];
  /** What changed (新增落后 / 摘除落后 / 新增原因… / 已解决…), '' when nothing. */
  note: string;
}

export interface Bulletin {
  title: string;
  asOf: string | null;
  /** The date compared against; null for the first bulletin. */
  previousAsOf: string | null;
  report: LaggingReport;
  rows: BulletinRow[];
}

/** The bulletin as of a date, compared with the previous bulletin round (or the previous round). */
export function bulletin(dataset: Parameters<typeof laggingReport>[0] & Pick<Dataset, 'title'>, options: { asOf?: string | null } = {}): Bulletin {
  const report = laggingReport(dataset, options);
  const previous = previousBulletinRound(report.rounds, report.asOf);
  const before = previous ? laggingReport(dataset, { asOf: previous.date }) : null;
  return { title: `${dataset.title} 半月通报`, asOf: report.asOf, previousAsOf: previous?.date ?? null, report, rows: bulletinRows(report, before) };
}

const difference = (now: number | null, then: number | null | undefined) => (now !== null && then !== null && then !== undefined ? roundTenth(now - then) : null);

/** The bulletin rows of a report against the previous one (null: no comparison). */
export function bulletinRows(current: LaggingReport, previous: LaggingReport | null): BulletinRow[] {
  const rows: BulletinRow[] = [];
  const previousStreets = new Map(previous?.streets.map((street) => [street.code, street]));
  for (const street of current.streets) {
    const before = previousStreets.get(street.code);
    const note = !before ? '' : street.lagging && !before.lagging ? '新增落后' : !street.lagging && before.lagging ? '摘除落后' : before.rank !== street.rank ? `排名 ${before.rank} → ${street.rank}` : '';
    // Like for like: the mean change of the members scored in both bulletins.
    const change = previous ? meanOf(street.members.map((index) => difference(current.communities[index]!.score, previous.communities[index]?.score))) : null;
    rows.push({ section: 'streets', rank: street.rank, code: street.code, name: street.name, street: street.name, score: street.score, change, lagging: street.lagging, reasons: street.reasons, note });
  }
  const previousOf = (index: number) => previous?.communities[index];
  let position = 0;
  for (const index of current.ranking) {
    const community = current.communities[index]!;
    if (!community.lagging) continue;
    const before = previousOf(index);
    const note = !before ? '' : before.lagging ? '持续落后' : '新增落后';
    rows.push({ section: 'lagging', rank: ++position, code: community.code, name: community.name, street: community.street, score: community.score, change: difference(community.score, before?.score), lagging: true, reasons: community.reasons, note });
  }
  if (previous) {
    for (const index of current.ranking) {
      const now = current.communities[index]!;
      const before = previousOf(index);
      if (!before) continue;
      const added = now.rules.filter((rule) => !before.rules.includes(rule)).map((rule) => now.reasons[now.rules.indexOf(rule)]!);
      const cleared = before.rules.filter((rule) => !now.rules.includes(rule)).map((rule) => before.reasons[before.rules.indexOf(rule)]!);
      if (added.length === 0 && cleared.length === 0) continue;
      const status = now.lagging && !before.lagging ? '新增落后' : !now.lagging && before.lagging ? '摘除落后' : '';
      const note = [status, added.length > 0 ? `新增原因：${added.join('；')}` : '', cleared.length > 0 ? `已解决：${cleared.join('；')}` : ''].filter(Boolean).join('；');
      rows.push({ section: 'changes', rank: null, code: now.code, name: now.name, street: now.street, score: now.score, change: difference(now.score, before.score), lagging: now.lagging, reasons: now.reasons, note });
    }
  }
  return rows;
}

export const BULLETIN_COLUMNS = ['部分', '排名', '代码', '名称', '街道', '得分', '较上期', '落后', '原因', '变化'] as const;

/** The bulletin as CSV (UTF-8 with BOM, formula-safe, through the project's CSV writer); scores and changes are numbers. */
export function formatBulletinCsv(rows: readonly BulletinRow[]): string {
  return formatCsv(
    [...BULLETIN_COLUMNS],
    rows.map((row) => [
      BULLETIN_SECTION_LABELS[row.section],
      row.rank,
      row.code,
      row.name,
      row.street,
      // Numbers stay numbers (a "-8" text cell would be quoted as a formula by the CSV writer).
      row.score,
      row.change,
      row.lagging ? '是' : '否',
      row.reasons.join('；'),
      row.note,
    ]),
  );
}
