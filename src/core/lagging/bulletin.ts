/**
 * The half-monthly bulletin 半月通报: rows for a printable page and a CSV — streets ranked worst
 * first with their grade, lagging communities with their grade and reasons, the responsible
 * units' standings from the cases (issue 20), and what changed since the previous bulletin
 * (or, without one, the previous round): newly lagging, no longer lagging, reasons added or cleared.
 * It is generated for any half-month (1st–15th, 16th–end of month) from the same live data: as of
 * the half-month's last day (or today, for the running one), compared with the half-month before.
 * A street's change is like for like: the mean change of its communities scored both times.
 * The status table is one snapshot, so changes between two dates come from the inspections.
 */
import type { Dataset } from '../dataset.ts';
import { formatCsv } from '../parse/table.ts';
import { GRADES, gradeTerms } from '../supervision/grades.ts';
import type { UnitStanding } from '../supervision/standings.ts';
import { GRADE_LABELS, type Grade } from '../supervision/types.ts';
import { formatShare } from './format.ts';
import { laggingReport, type LaggingReport, type LaggingReportOptions } from './lagging-report.ts';
import { previousBulletinRound } from './rounds.ts';
import { roundTenth } from './score-trend.ts';
import { LAGGING_STREET_WORD, laggingTerms, RED_LIGHT_WORD } from './terms.ts';
import { meanOf } from './street-rollup.ts';

export type BulletinSection = 'streets' | 'lagging' | 'units' | 'changes';

export const BULLETIN_SECTION_LABELS: Readonly<Record<BulletinSection, string>> = { streets: '街道排名', lagging: `${RED_LIGHT_WORD}社区`, units: '责任单位督办', changes: '较上期变化' };

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
  /** The row fails its rule: a street 落后街道, a community 亮红灯, a unit with red or overdue cases (bulletinVerdict names it). */
  lagging: boolean;
  reasons: string[];
  /**
   * What changed, in the word of the row's meaning (issue 16: both read 落后): a street 新增落后街道 /
   * 不再落后街道, a community 新增亮红灯 / 持续亮红灯 / 不再亮红灯, then 新增原因… / 已解决…; '' when nothing.
   */
  note: string;
  /** Graded standing of the street or community; null for a unit row. */
  grade: Grade | null;
}

/** A half-month 半月: the 1st–15th (`YYYY-MM-1`) or the 16th to the month's end (`YYYY-MM-2`). */
export interface HalfMonth {
  id: string;
  /** First and last day, ISO dates. */
  start: string;
  end: string;
  /** `2002年5月下半月`. */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The half-month of an ISO date (`2002-05-24` → 2002-05-2, 16–31 May). */
export function halfMonthOf(date: string): HalfMonth {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return halfMonth(year, month, day <= 15 ? 1 : 2);
}

function halfMonth(year: number, month: number, half: 1 | 2): HalfMonth {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const prefix = `${year}-${pad(month)}`;
  return {
    id: `${prefix}-${half}`,
    start: `${prefix}-${half === 1 ? '01' : '16'}`,
    end: `${prefix}-${half === 1 ? '15' : pad(last)}`,
    label: `${year}年${month}月${half === 1 ? '上' : '下'}半月`,
  };
}

/**
 * A half-month from its id (`2002-05-2`).
 * @throws Error when the id is not `YYYY-MM-1` or `YYYY-MM-2`.
 */
export function parseHalfMonth(id: string): HalfMonth {
  const match = /^(\d{4})-(\d{2})-([12])$/.exec(id);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) throw new Error(`half-month ${JSON.stringify(id)}: expected YYYY-MM-1 or YYYY-MM-2`);
  return halfMonth(Number(match[1]), Number(match[2]), match[3] === '1' ? 1 : 2);
}

/** The half-month before. */
export function previousHalfMonth(period: HalfMonth): HalfMonth {
  const [year, month, half] = period.id.split('-').map(Number) as [number, number, number];
  if (half === 2) return halfMonth(year, month, 1);
  return month === 1 ? halfMonth(year - 1, 12, 2) : halfMonth(year, month - 1, 2);
}

/** Every half-month from the one holding `from` to the one holding `to`, oldest first (empty when `to` < `from`). */
export function halfMonthsBetween(from: string, to: string): HalfMonth[] {
  const list: HalfMonth[] = [];
  for (let period = halfMonthOf(to); period.end >= from.slice(0, 10); period = previousHalfMonth(period)) list.unshift(period);
  return list;
}

export interface Bulletin {
  title: string;
  /** The half-month reported on; null for a bulletin as of a round. */
  period: HalfMonth | null;
  asOf: string | null;
  /** The date compared against; null for the first bulletin. */
  previousAsOf: string | null;
  report: LaggingReport;
  rows: BulletinRow[];
}

export interface BulletinOptions extends Omit<LaggingReportOptions, 'since'> {
  /**
   * The half-month to report on (`YYYY-MM-1` / `YYYY-MM-2`): as of its last day (or of `now`,
   * for the running half-month), compared with the end of the half-month before; the units'
   * new and closed cases count from its first day. Without it: as of `asOf`, compared with the
   * previous bulletin round.
   */
  halfMonth?: string | null;
}

/**
 * The bulletin of a half-month, or as of a date compared with the previous bulletin round (or the
 * previous round). Cases (options.cases) add the units' standings.
 * @throws Error for a malformed `halfMonth`.
 */
export function bulletin(dataset: Parameters<typeof laggingReport>[0] & Pick<Dataset, 'title'>, options: BulletinOptions = {}): Bulletin {
  const { halfMonth: id, ...rest } = options;
  if (id) {
    const period = parseHalfMonth(id);
    const today = options.now ? options.now.slice(0, 10) : null;
    const asOf = today !== null && today < period.end ? today : period.end;
    const report = laggingReport(dataset, { ...rest, asOf, since: period.start });
    const previousEnd = previousHalfMonth(period).end;
    const before = laggingReport(dataset, { ...rest, asOf: previousEnd });
    const compared = before.round !== null;
    return { title: `${dataset.title} 半月通报（${period.label}）`, period, asOf: report.asOf, previousAsOf: compared ? previousEnd : null, report, rows: bulletinRows(report, compared ? before : null) };
  }
  const report = laggingReport(dataset, rest);
  const previous = previousBulletinRound(report.rounds, report.asOf);
  const before = previous ? laggingReport(dataset, { ...rest, asOf: previous.date }) : null;
  return { title: `${dataset.title} 半月通报`, period: null, asOf: report.asOf, previousAsOf: previous?.date ?? null, report, rows: bulletinRows(report, before) };
}

/** A unit's standing in one line: `未整改 3 件；超期 1 件；红色督办 1 件（第 4 号）；整改率 40%；销号中位 7.3 天；重复整改 2 次`. */
export function standingText(standing: UnitStanding): string {
  return [
    `未整改 ${standing.open} 件`,
    `超期 ${standing.overdue} 件`,
    `红色督办 ${standing.red} 件${standing.redNumbers.length > 0 ? `（${standing.redNumbers.map((n) => `第 ${n} 号`).join('、')}）` : ''}`,
    `整改率 ${standing.rectificationRate === null ? '—' : formatShare(standing.rectificationRate)}`,
    `销号中位 ${standing.medianDaysToClose === null ? '—' : `${standing.medianDaysToClose} 天`}`,
    `重复整改 ${standing.reopenings} 次`,
  ].join('；');
}

/** What a street's change note says: it became or stopped being a 落后街道 (average under the line). */
export const STREET_NOTES = { added: `新增${LAGGING_STREET_WORD}`, cleared: `不再${LAGGING_STREET_WORD}` } as const;
/** What a community's change note says: it got, kept or lost its 亮红灯 (any rule failing). */
export const RED_LIGHT_NOTES = { added: `新增${RED_LIGHT_WORD}`, kept: `持续${RED_LIGHT_WORD}`, cleared: `不再${RED_LIGHT_WORD}` } as const;

const difference = (now: number | null, then: number | null | undefined) => (now !== null && then !== null && then !== undefined ? roundTenth(now - then) : null);

/** The bulletin rows of a report against the previous one (null: no comparison). */
export function bulletinRows(current: LaggingReport, previous: LaggingReport | null): BulletinRow[] {
  const rows: BulletinRow[] = [];
  const previousStreets = new Map(previous?.streets.map((street) => [street.code, street]));
  for (const street of current.streets) {
    const before = previousStreets.get(street.code);
    const note = !before ? '' : street.lagging && !before.lagging ? STREET_NOTES.added : !street.lagging && before.lagging ? STREET_NOTES.cleared : before.rank !== street.rank ? `排名 ${before.rank} → ${street.rank}` : '';
    // Like for like: the mean change of the members scored in both bulletins.
    const change = previous ? meanOf(street.members.map((index) => difference(current.communities[index]!.score, previous.communities[index]?.score))) : null;
    // A street row names the street once (`name`); its `street` cell stays empty (the CSV repeated it).
    rows.push({ section: 'streets', rank: street.rank, code: street.code, name: street.name, street: '', score: street.score, change, lagging: street.lagging, reasons: street.reasons, note, grade: street.grade });
  }
  const previousOf = (index: number) => previous?.communities[index];
  let position = 0;
  for (const index of current.ranking) {
    const community = current.communities[index]!;
    if (!community.lagging) continue;
    const before = previousOf(index);
    const note = !before ? '' : before.lagging ? RED_LIGHT_NOTES.kept : RED_LIGHT_NOTES.added;
    rows.push({ section: 'lagging', rank: ++position, code: community.code, name: community.name, street: community.street, score: community.score, change: difference(community.score, before?.score), lagging: true, reasons: community.reasons, note, grade: community.grade });
  }
  for (const standing of current.standings) {
    if (standing.cases === 0) continue;
    rows.push({ section: 'units', rank: standing.rank, code: standing.unit.id, name: standing.name, street: '', score: null, change: null, lagging: standing.red > 0 || standing.overdue > 0, reasons: [standingText(standing)], note: current.casesSince === null ? '' : `本期新增 ${standing.reported} 件、销号 ${standing.closed} 件`, grade: null });
  }
  if (previous) {
    for (const index of current.ranking) {
      const now = current.communities[index]!;
      const before = previousOf(index);
      if (!before) continue;
      const added = now.rules.filter((rule) => !before.rules.includes(rule)).map((rule) => now.reasons[now.rules.indexOf(rule)]!);
      const cleared = before.rules.filter((rule) => !now.rules.includes(rule)).map((rule) => before.reasons[before.rules.indexOf(rule)]!);
      if (added.length === 0 && cleared.length === 0) continue;
      const status = now.lagging && !before.lagging ? RED_LIGHT_NOTES.added : !now.lagging && before.lagging ? RED_LIGHT_NOTES.cleared : '';
      const note = [status, added.length > 0 ? `新增原因：${added.join('；')}` : '', cleared.length > 0 ? `已解决：${cleared.join('；')}` : ''].filter(Boolean).join('；');
      rows.push({ section: 'changes', rank: null, code: now.code, name: now.name, street: now.street, score: now.score, change: difference(now.score, before.score), lagging: now.lagging, reasons: now.reasons, note, grade: now.grade });
    }
  }
  return rows;
}

export const BULLETIN_COLUMNS = ['部分', '排名', '代码', '名称', '街道', '得分', '较上期', '判定', '原因', '变化', '等级'] as const;

/**
 * The 判定 cell in the word of its row's meaning (the column said 是/否 under 落后 for streets,
 * communities and units alike, three different rules): a street 落后街道, a community 亮红灯, a unit
 * with red or overdue cases 需督办; '' when the row's rule is met.
 */
export function bulletinVerdict(row: Pick<BulletinRow, 'section' | 'lagging'>): string {
  if (!row.lagging) return '';
  return row.section === 'streets' ? LAGGING_STREET_WORD : row.section === 'units' ? UNIT_FLAG_WORD : RED_LIGHT_WORD;
}

/** A responsible unit with red or overdue cases (BulletinRow.lagging of a unit row). */
export const UNIT_FLAG_WORD = '需督办';

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
      bulletinVerdict(row),
      row.reasons.join('；'),
      row.note,
      row.grade === null ? '' : GRADE_LABELS[row.grade],
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
  /** The street's graded standing and its members per grade. */
  grade: Grade;
  gradeCounts: Record<Grade, number>;
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
  /** Units with cases, worst first, at most BULLETIN_UNITS_SHOWN (all are in the CSV). */
  units: UnitStanding[];
  /** Units with cases in all. */
  unitsTotal: number;
  /** The grades line, e.g. `分级：红 83 个、黄 81 个、绿 7 个（红：任一：低分…；黄：…）`. */
  grades: string;
  /** The total line, e.g. `全区 171 个社区：164 个亮红灯（任一落后规则未达标…）…`. */
  total: string;
}

/** How many units the one-page bulletin lists (the rest are in the CSV). */
export const BULLETIN_UNITS_SHOWN = 8;

/** The one-page content of a bulletin (see BulletinPageContent). */
export function bulletinPage(result: Pick<Bulletin, 'report' | 'rows' | 'previousAsOf'>, config: Parameters<typeof laggingTerms>[0] & Parameters<typeof gradeTerms>[0]): BulletinPageContent {
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
    grade: street.grade,
    gradeCounts: street.gradeCounts,
    redLights: street.laggingCount,
    communities: street.communities,
    rules: street.ruleCounts.map((count) => `${count.label} ${count.count}`).join('、'),
    note: streetRows.get(street.code)?.note ?? '',
  }));
  const lagging = rows.filter((row) => row.section === 'lagging');
  const changeRows = rows.filter((row) => row.section === 'changes');
  const kinds: [string, (row: BulletinRow) => boolean][] = [
    [RED_LIGHT_NOTES.added, (row) => row.note.startsWith(RED_LIGHT_NOTES.added)],
    [RED_LIGHT_NOTES.cleared, (row) => row.note.startsWith(RED_LIGHT_NOTES.cleared)],
    ['原因有增减', (row) => !row.note.startsWith(RED_LIGHT_NOTES.added) && !row.note.startsWith(RED_LIGHT_NOTES.cleared)],
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
  const withCases = report.standings.filter((standing) => standing.cases > 0);
  const termsOfGrades = gradeTerms(config);
  const counts = report.grades.communities;
  const grades = `分级：${GRADES.map((grade) => `${termsOfGrades[grade].word} ${counts[grade]} 个`).join('、')}（${GRADES.filter((grade) => grade !== 'green').map((grade) => `${termsOfGrades[grade].word}：${termsOfGrades[grade].rule}`).join('；')}）`;
  return { streets, worst: lagging.slice(0, BULLETIN_WORST_SHOWN), laggingTotal: lagging.length, changes, units: withCases.slice(0, BULLETIN_UNITS_SHOWN), unitsTotal: withCases.length, grades, total: `${parts.join('；')}。` };
}
