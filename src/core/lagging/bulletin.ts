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
import { laggingTerms } from './terms.ts';
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
    // A street row names the street once (`name`); its `street` cell stays empty (the CSV repeated it).
    rows.push({ section: 'streets', rank: street.rank, code: street.code, name: street.name, street: '', score: street.score, change, lagging: street.lagging, reasons: street.reasons, note });
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

/** How many of the worst communities the one-page bulletin lists (the rest are in the CSV). */
export const BULLETIN_WORST_SHOWN = 10;
/** How many names the page gives per kind of change (the rest are counted). */
export const BULLETIN_NAMES_SHOWN = 6;

/** One street line of the one-page bulletin. */
export interface BulletinStreetLine {
  rank: number;
  code: string;
  name: string;
  score: number | null;
  change: number | null;
  /** Street average under the line (落后街道). */
  lagging: boolean;
  /** Members with a red light (亮红灯) and all members. */
  redLights: number;
  communities: number;
  /** Failing rules with their counts, e.g. `检查得分低 3、经费使用慢 2`. */
  rules: string;
  note: string;
}

/** A kind of change since the previous bulletin: every name counted, the first BULLETIN_NAMES_SHOWN named. */
export interface BulletinChange {
  label: string;
  count: number;
  names: string[];
}

/**
 * The bulletin laid out for ONE A4 page (the README's promise): every street ranked with its
 * red-light count per rule, the worst BULLETIN_WORST_SHOWN communities with all their reasons,
 * what changed (newly red, no longer red, other reason changes: counts with names), and a total
 * line saying which rule each number counts. The full list of red lights is the bulletin CSV.
 */
export interface BulletinPageContent {
  streets: BulletinStreetLine[];
  worst: BulletinRow[];
  /** All lagging communities (the CSV lists them). */
  laggingTotal: number;
  changes: BulletinChange[];
  /** The total line, e.g. `全区 171 个社区：164 个亮红灯（任一落后规则未达标…）…`. */
  total: string;
}

/** The one-page content of a bulletin (see BulletinPageContent). */
export function bulletinPage(result: Pick<Bulletin, 'report' | 'rows' | 'previousAsOf'>, config: Parameters<typeof laggingTerms>[0]): BulletinPageContent {
  const { report, rows } = result;
  const terms = laggingTerms(config);
  const streetRows = new Map(rows.filter((row) => row.section === 'streets').map((row) => [row.code, row]));
  const streets = report.streets.map((street): BulletinStreetLine => ({
    rank: street.rank,
    code: street.code,
    name: street.name,
    score: street.score,
    change: streetRows.get(street.code)?.change ?? null,
    lagging: street.lagging,
    redLights: street.laggingCount,
    communities: street.communities,
    rules: street.ruleCounts.map((count) => `${count.label} ${count.count}`).join('、'),
    note: streetRows.get(street.code)?.note ?? '',
  }));
  const lagging = rows.filter((row) => row.section === 'lagging');
  const changeRows = rows.filter((row) => row.section === 'changes');
  const kinds: [string, (row: BulletinRow) => boolean][] = [
    [`新增${terms.community.word}`, (row) => row.note.startsWith('新增落后')],
    [`不再${terms.community.word}`, (row) => row.note.startsWith('摘除落后')],
    ['原因有增减', (row) => !row.note.startsWith('新增落后') && !row.note.startsWith('摘除落后')],
  ];
  const changes = result.previousAsOf === null ? [] : kinds.map(([label, test]) => {
    const matching = changeRows.filter(test);
    return { label, count: matching.length, names: matching.slice(0, BULLETIN_NAMES_SHOWN).map((row) => row.name) };
  });
  const lowScore = report.communities.filter((community) => community.rules.includes('score')).length;
  const laggingStreets = report.streets.filter((street) => street.lagging).length;
  const parts = [
    `全区 ${report.communities.length} 个社区：${lagging.length} 个${terms.community.word}（${terms.community.rule}）`,
    ...(terms.lowScore ? [`其中${terms.lowScore.word} ${lowScore} 个（${terms.lowScore.rule.replace(/（.*$/, '')}）`] : []),
    ...(terms.street ? [`${terms.street.word} ${laggingStreets} 个（${terms.street.rule}）`] : []),
    ...changes.slice(0, 2).map((change) => `${change.label} ${change.count} 个`),
  ];
  return { streets, worst: lagging.slice(0, BULLETIN_WORST_SHOWN), laggingTotal: lagging.length, changes, total: `${parts.join('；')}。` };
}
