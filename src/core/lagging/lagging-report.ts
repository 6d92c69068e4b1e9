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
import { assessCommunities, rankCommunities, type CommunityAssessment } from './assess-communities.ts';
import { inspectionRounds, roundAsOf, type InspectionRound } from './rounds.ts';
import { activeRules, type LaggingRuleId } from './rules.ts';
import { scoreTrend, type ScoreTrend } from './score-trend.ts';
import { districtSummary, streetRollup, type StreetAssessment } from './street-rollup.ts';
import { targetProgress, type TargetProgress } from './targets.ts';
import { campaignTimeline, type CampaignTimeline } from './timeline.ts';

/** How the ranking score is chosen (shown in the UI and the CLI output). */
export const RANKING_SCORE_NOTE = '排名按截至所选轮次的最新检查得分（街道为所属已检查社区的平均分）；台账评分按配置的评分权重由状态表计算，并列显示，仅用于同分排序';

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
  communities: CommunityAssessment[];
  /** Community indices, worst first. */
  ranking: number[];
  /** Streets ranked worst first. */
  streets: StreetAssessment[];
  district: StreetAssessment;
  /** Trend over the rounds up to and including `round`. */
  trend: ScoreTrend;
  targets: TargetProgress[];
  timeline: CampaignTimeline;
}

export interface LaggingReportOptions {
  /** ISO date `YYYY-MM-DD`; inspections after it are ignored. Default: the dataset's as-of date. */
  asOf?: string | null;
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
  const district = districtSummary(communities, dataset.config, dataset.config.district, previousDate);
  return {
    asOf,
    round,
    previousRound,
    rounds,
    rankingScore: RANKING_SCORE_NOTE,
    activeRules: activeRules(dataset.config),
    communities,
    ranking: rankCommunities(communities),
    streets: streetRollup(communities, dataset.config, { streets: dataset.streets, previousDate }),
    district,
    trend,
    targets: targetProgress(dataset.status, communities, dataset.config),
    timeline: campaignTimeline(dataset.config, rounds, asOf),
  };
}

/**
 * The lagging communities among a plan's designated ones, worst first (the report's ranking):
 * the 落后的示范社区 list of the planning report.
 * @param selected 1 = designated in the plan, per feature.
 */
export function laggingDesignated(report: Pick<LaggingReport, 'ranking' | 'communities'>, selected: Uint8Array): CommunityAssessment[] {
  return report.ranking.map((index) => report.communities[index]!).filter((community) => selected[community.index] === 1 && community.lagging);
}
