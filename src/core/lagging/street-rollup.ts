/**
 * Street roll-ups 街道汇总: per street, the average inspection score (the street's ranking score)
 * and its change since the previous round, the rubric average, the share of communities meeting
 * the facility standard, demonstration communities and how many lag, lagging counts per rule,
 * budget allocated vs spent, and the lagging flag with its reasons.
 * Change since the previous round is like for like: the mean over the members scored in both
 * rounds of (score now − score then), so that a monthly check adding unscored communities to the
 * mean does not read as a drop.
 * A street is lagging when its average score is below `lagging.minScore` (off when that rule is off);
 * its reasons then start with that comparison, followed by the rolled-up community reasons.
 */
import type { CampaignConfig } from '../parse/campaign-config.ts';
import type { StreetFeature } from '../dataset.ts';
import { compareNullable, rankCommunities, type CommunityAssessment } from './assess-communities.ts';
import { formatScore } from './format.ts';
import { LAGGING_RULES, type LaggingRuleId } from './rules.ts';
import { roundTenth } from './score-trend.ts';

export interface RuleCount {
  rule: LaggingRuleId;
  label: string;
  count: number;
  /** Names of the communities failing the rule, worst first. */
  names: string[];
}

export interface StreetAssessment {
  code: string;
  name: string;
  /** 1 = furthest behind. */
  rank: number;
  /** Community indices, worst first. */
  members: number[];
  communities: number;
  /** Members with an inspection score. */
  inspected: number;
  /** Mean latest inspection score of the inspected members (one decimal); null when none. */
  score: number | null;
  /** Mean as of the previous round over the members scored in both rounds; null when none. */
  previousScore: number | null;
  /** Mean change of those members since the previous round (like for like); null when none. */
  scoreChange: number | null;
  /** Mean rubric score of the members with a status row. */
  rubricScore: number | null;
  lagging: boolean;
  reasons: string[];
  laggingCount: number;
  /** Lagging members, worst first. */
  laggingMembers: number[];
  ruleCounts: RuleCount[];
  /** Members meeting the full facility standard (12 items and area). */
  standardCount: number;
  /** standardCount / communities; null for a street without communities. */
  standardShare: number | null;
  demoCount: number;
  demoLagging: number;
  budgetAllocatedWan: number;
  budgetSpentWan: number;
  /** Spent / allocated; null when nothing is allocated. */
  budgetSpentShare: number | null;
}

const NAMES_SHOWN = 3;

/**
 * Rolls communities up to streets and ranks them worst first: average score ascending (streets
 * without scores last), then the larger lagging share first, then code.
 * @param previousDate date of the previous round (null: no comparison).
 * @param streets street outlines, for names of streets the community file names only by code.
 */
export function streetRollup(
  assessments: readonly CommunityAssessment[],
  config: CampaignConfig,
  options: { streets?: readonly Pick<StreetFeature, 'code' | 'name'>[]; previousDate?: string | null; ranking?: readonly number[] } = {},
): StreetAssessment[] {
  const groups = new Map<string, CommunityAssessment[]>();
  for (const assessment of assessments) {
    let group = groups.get(assessment.streetCode);
    if (!group) groups.set(assessment.streetCode, (group = []));
    group.push(assessment);
  }
  // Each street's members worst first: the whole ranking restricted to the street (the order is
  // total, codes being unique), so the communities are sorted once, not once per street.
  const ranking = options.ranking ?? rankCommunities(assessments);
  const byIndex = new Map(assessments.map((assessment) => [assessment.index, assessment]));
  const rankedIn = new Map<string, number[]>();
  for (const index of ranking) {
    const code = byIndex.get(index)!.streetCode;
    let ranked = rankedIn.get(code);
    if (!ranked) rankedIn.set(code, (ranked = []));
    ranked.push(index);
  }
  const names = new Map(options.streets?.map((street) => [street.code, street.name]));
  const streets = [...groups].map(([code, members]) => summarize(code, names.get(code) ?? (members[0]!.street || '（未标街道）'), members, config, options.previousDate ?? null, rankedIn.get(code)!));
  streets.sort(compareStreets);
  streets.forEach((street, i) => (street.rank = i + 1));
  return streets;
}

/** The district as one unit (same figures as a street; rank 0). */
export function districtSummary(assessments: readonly CommunityAssessment[], config: CampaignConfig, name: string, previousDate: string | null, ranking: readonly number[] = rankCommunities(assessments)): StreetAssessment {
  return { ...summarize('', name, assessments, config, previousDate, ranking), rank: 0 };
}

function compareStreets(a: StreetAssessment, b: StreetAssessment): number {
  const share = (street: StreetAssessment) => (street.communities === 0 ? 0 : street.laggingCount / street.communities);
  return compareNullable(a.score, b.score) || share(b) - share(a) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Mean of the known values to one decimal; null when none is known. */
export function meanOf(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : roundTenth(known.reduce((sum, value) => sum + value, 0) / known.length);
}

function summarize(
  code: string,
  name: string,
  members: readonly CommunityAssessment[],
  config: CampaignConfig,
  previousDate: string | null,
  ranking: readonly number[],
): StreetAssessment {
  const ranked = [...ranking];
  const byIndex = new Map(members.map((member) => [member.index, member]));
  const ordered = ranked.map((index) => byIndex.get(index)!);
  const score = meanOf(members.map((member) => member.score));
  const compared = previousDate === null ? [] : members.flatMap((member) => {
    const before = scoreOn(member, previousDate);
    return member.score !== null && before !== null ? [[member.score, before] as const] : [];
  });
  const previousScore = meanOf(compared.map(([, before]) => before));
  const lagging = ordered.filter((member) => member.lagging);
  // Failing members per rule, worst first: one pass over the members, not one per rule.
  const failing = new Map<LaggingRuleId, string[]>();
  for (const member of ordered) {
    for (const rule of member.rules.length > 1 ? new Set(member.rules) : member.rules) {
      let names = failing.get(rule);
      if (!names) failing.set(rule, (names = []));
      names.push(member.name);
    }
  }
  const ruleCounts: RuleCount[] = LAGGING_RULES.flatMap(({ id, label }) => {
    const names = failing.get(id);
    return names ? [{ rule: id, label, count: names.length, names }] : [];
  });
  const minScore = config.lagging.minScore;
  const isLagging = minScore !== null && score !== null && score < minScore;
  const reasons = [
    ...(isLagging ? [`平均得分 ${formatScore(score)} < ${formatScore(minScore)}`] : []),
    ...ruleCounts.map(({ label, count, names }) => `${label} ${count} 个（${names.slice(0, NAMES_SHOWN).join('、')}${names.length > NAMES_SHOWN ? ' 等' : ''}）`),
  ];
  const demos = members.filter((member) => member.demo);
  let allocated = 0;
  let spent = 0;
  for (const member of members) {
    allocated += member.budgetAllocatedWan;
    spent += member.budgetSpentWan;
  }
  const standardCount = members.filter((member) => member.meetsStandard === true).length;
  return {
    code,
    name,
    rank: 0,
    members: ranked,
    communities: members.length,
    inspected: members.filter((member) => member.score !== null).length,
    score,
    previousScore,
    scoreChange: meanOf(compared.map(([now, before]) => now - before)),
    rubricScore: meanOf(members.map((member) => member.rubricScore)),
    lagging: isLagging,
    reasons,
    laggingCount: lagging.length,
    laggingMembers: lagging.map((member) => member.index),
    ruleCounts,
    standardCount,
    standardShare: members.length === 0 ? null : standardCount / members.length,
    demoCount: demos.length,
    demoLagging: demos.filter((member) => member.lagging).length,
    budgetAllocatedWan: roundTenth(allocated),
    budgetSpentWan: roundTenth(spent),
    budgetSpentShare: allocated > 0 ? spent / allocated : null,
  };
}

/** A community's latest score on or before `date` (from its history); null when none. */
export function scoreOn(assessment: Pick<CommunityAssessment, 'history'>, date: string): number | null {
  let score: number | null = null;
  for (const point of assessment.history) if (point.date <= date) score = point.score;
  return score;
}
