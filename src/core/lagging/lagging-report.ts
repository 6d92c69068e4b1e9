/**
 * The lagging report 落后分析: one call that answers, as of an inspection round, which streets
 * and communities lag and why. The UI, the CLI (`lianpian report`) and the bulletin all read it;
 * none recomputes or re-thresholds.
 *
 * Ranking score: the latest inspection score (检查得分) as of the date, the number inspectors give
 * under the rubric and the one leaders are judged by; a street's score is the mean over its
 * inspected communities. The rubric score (台账评分, rubric.ts) is computed from the status
 * table and shown next to it; it breaks ties and explains the breakdown but never ranks alone.
 */
import type { Dataset } from '../dataset.ts';
import { caseTallies, communityGrade, gradeCounts, NO_CASES, streetGrade, type GradeReason } from '../supervision/grades.ts';
import { caseColour } from '../supervision/colour.ts';
import { caseAsOf, unitStandings, type UnitStanding } from '../supervision/standings.ts';
import type { CaseColour, CaseRecord, Grade } from '../supervision/types.ts';
import { assessCommunities, rankCommunities, type CommunityAssessment } from './assess-communities.ts';
import { inspectionRounds, roundAsOf, type InspectionRound } from './rounds.ts';
import { activeRules, type LaggingRuleId } from './rules.ts';
import { scoreTrend, type ScoreTrend } from './score-trend.ts';
import { districtSummary, streetRollup, type StreetAssessment } from './street-rollup.ts';
import { targetProgress, type TargetProgress } from './targets.ts';
import { campaignTimeline, type CampaignTimeline } from './timeline.ts';

/** How the ranking score is chosen (shown in the UI and the CLI output). */
export const RANKING_SCORE_NOTE = '排名按截至所选轮次的最新检查得分（街道为所属已检查社区的平均分）；台账评分按配置的评分权重由状态表计算，并列显示，仅用于同分排序';

/** A community's assessment with its graded standing (supervision/grades.ts). */
export interface GradedCommunity extends CommunityAssessment {
  grade: Grade;
  /** Why, red reasons first; empty for green. */
  gradeReasons: GradeReason[];
  /** Open cases and open red cases in the community (0 without cases). */
  openCases: number;
  redCases: number;
}

/** A street's (or the district's) roll-up with its graded standing. */
export interface GradedStreet extends StreetAssessment {
  grade: Grade;
  gradeReasons: GradeReason[];
  /** Members per grade. */
  gradeCounts: Record<Grade, number>;
}

export interface LaggingReport {
  /** The as-of date: the one asked for, else the data's latest inspection; null without inspections. */
  asOf: string | null;
  /** The last inspection round on or before `asOf`; null before the first. */
  round: InspectionRound | null;
  /** The round before `round`; null when none. */
  previousRound: InspectionRound | null;
  rounds: InspectionRound[];
  rankingScore: string;
  activeRules: LaggingRuleId[];
  /** One per community, in boundary feature order. */
  communities: GradedCommunity[];
  /** Community indices, worst first. */
  ranking: number[];
  /** Streets ranked worst first. */
  streets: GradedStreet[];
  district: GradedStreet;
  /** Communities and streets per grade. */
  grades: { communities: Record<Grade, number>; streets: Record<Grade, number> };
  /** The clock the cases were read at (ISO date-time); null without cases. */
  casesAt: string | null;
  /** Cases as of `casesAt` (reported by then, in their state then). */
  cases: number;
  /** The first day the standings' `reported` and `closed` count from; null = all. */
  casesSince: string | null;
  /** Street offices and city departments by their cases, worst first; every street is listed once cases are given. */
  standings: UnitStanding[];
  /** Trend over the rounds up to and including `round`. */
  trend: ScoreTrend;
  targets: TargetProgress[];
  timeline: CampaignTimeline;
}

export interface LaggingReportOptions {
  /** ISO date `YYYY-MM-DD`; inspections after it are ignored. Default: the dataset's as-of date. */
  asOf?: string | null;
  /**
   * The campaign's cases (the server passes them); they grade communities (open and red cases)
   * and give the units' standings. Read as they stood at the case clock: `now`, or the end of
   * `asOf` when an earlier date is asked for.
   */
  cases?: readonly CaseRecord[];
  /** ISO date-time of "today" for the cases (the server's clock, LIANPIAN_NOW in tests). Default: the end of the as-of date. */
  now?: string | null;
  /** The three-colour state of a case at a time; default: caseColour with the campaign's `supervision` settings. */
  colourOf?: (record: CaseRecord, now: string) => CaseColour | null;
  /** ISO date: the units' `reported` and `closed` counts start here (a bulletin's period); default: all. */
  since?: string | null;
  /** Names of city departments by id (for the standings); default: `supervision.departments`. */
  departmentNames?: Readonly<Record<string, string>>;
}

/** The case clock of a report: `now`, but never after an as-of date asked for; else the end of the as-of date. */
export function caseClock(asOfAsked: string | null | undefined, asOf: string | null, now: string | null | undefined): string | null {
  const endOf = (date: string) => `${date}T23:59:59.999Z`;
  if (now) {
    const clock = now.length === 10 ? endOf(now) : now;
    return asOfAsked && Date.parse(endOf(asOfAsked)) < Date.parse(clock) ? endOf(asOfAsked) : clock;
  }
  return asOf ? endOf(asOf) : null;
}

/** The lagging report of a dataset as of a date. Empty datasets give empty lists, never an exception. */
export function laggingReport(dataset: Pick<Dataset, 'boundaries' | 'streets' | 'status' | 'inspections' | 'config' | 'asOf'>, options: LaggingReportOptions = {}): LaggingReport {
  const asOf = options.asOf ?? dataset.asOf;
  const rounds = inspectionRounds(dataset.inspections);
  const round = roundAsOf(rounds, asOf);
  const previousRound = round && round.index > 0 ? rounds[round.index - 1]! : null;
  const communities = assessCommunities(dataset, asOf);
  const shown = round ? rounds.slice(0, round.index + 1) : [];
  const trend = scoreTrend(dataset.boundaries.features, dataset.inspections, shown);
  const previousDate = previousRound?.date ?? null;
  const clock = options.cases ? caseClock(options.asOf, asOf, options.now) : null;
  const cases = clock === null ? [] : (options.cases ?? []).flatMap((record) => {
    const then = caseAsOf(record, clock);
    return then ? [{ ...then, colour: options.colourOf ? options.colourOf(then, clock) : caseColour(then, new Date(clock), dataset.config.supervision) }] : [];
  });
  const tallies = caseTallies(cases);
  // The assessments are this call's own, so they are graded in place: a spread copy of a
  // 22-field object is a dictionary-mode object in V8 (~50 µs each, 0.4 s on Italy's 7,899 comuni).
  const graded = communities.map((community): GradedCommunity => {
    const tally = tallies.get(community.code) ?? NO_CASES;
    const { grade, reasons } = communityGrade(community, tally, dataset.config);
    const out = community as GradedCommunity;
    out.grade = grade;
    out.gradeReasons = reasons;
    out.openCases = tally.open;
    out.redCases = tally.red;
    return out;
  });
  const gradeStreet = (street: StreetAssessment): GradedStreet => {
    const members = street.members.map((index) => graded[index]!.grade);
    const { grade, reasons } = streetGrade(street, members, dataset.config);
    return { ...street, grade, gradeReasons: reasons, gradeCounts: gradeCounts(members) };
  };
  const ranking = rankCommunities(communities);
  const district = gradeStreet(districtSummary(communities, dataset.config, dataset.config.district, previousDate, ranking));
  const streets = streetRollup(communities, dataset.config, { streets: dataset.streets, previousDate, ranking }).map(gradeStreet);
  const streetNames = new Map(streets.map((street) => [street.code, street.name]));
  const departmentNames = new Map(options.departmentNames ? Object.entries(options.departmentNames) : dataset.config.supervision.departments.map((department) => [department.id, department.name]));
  return {
    asOf,
    round,
    previousRound,
    rounds,
    rankingScore: RANKING_SCORE_NOTE,
    activeRules: activeRules(dataset.config),
    communities: graded,
    ranking,
    streets,
    district,
    grades: { communities: gradeCounts(graded.map((community) => community.grade)), streets: gradeCounts(streets.map((street) => street.grade)) },
    casesAt: clock,
    cases: cases.length,
    casesSince: options.since ?? null,
    standings: clock === null ? [] : unitStandings(cases, {
      now: clock,
      units: streets.map((street) => ({ kind: 'street' as const, id: street.code })),
      since: options.since ?? null,
      nameOf: (unit) => (unit.kind === 'street' ? streetNames.get(unit.id) : departmentNames.get(unit.id)) ?? unit.id,
    }),
    trend,
    targets: targetProgress(dataset.status, communities, dataset.config),
    timeline: campaignTimeline(dataset.config, rounds, asOf),
  };
}

/**
 * The lagging communities among a plan's designated ones, worst first (the report's ranking):
 * the 落后的示范社区 list of the planning report.
 * @param designated 1 = designated in the plan, per feature.
 */
export function laggingDesignated(report: Pick<LaggingReport, 'ranking' | 'communities'>, designated: Uint8Array): CommunityAssessment[] {
  return report.ranking.map((index) => report.communities[index]!).filter((community) => designated[community.index] === 1 && community.lagging);
}
