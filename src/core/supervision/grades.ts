/**
 * Graded standing 红黄绿 of communities and streets (issue 20). One red light for any failing rule
 * (亮红灯) marks 164 of Lucheng's 171 communities, so the map told nothing apart; the grades split
 * them by how serious the failure is, with every reason kept:
 * - **red** 红 (serious): under the score line (低分), no improvement over the stagnation window,
 *   or open red cases (红色督办);
 * - **yellow** 黄 (not yet at standard): any other failing lagging rule (facility items missing,
 *   floor area, lighting, five disorders, budget) or open cases;
 * - **green** 绿 (at standard): none of these.
 * So 亮红灯 ⊆ red ∪ yellow, and without cases 亮红灯 = red ∪ yellow: the grades split the red
 * lights, they never hide one. Rules from `CampaignConfig.grading` and `lagging`; unknown values
 * (never inspected, no status row) never make a grade worse, as in the lagging rules.
 *
 * A street is red when its average score is under the line (落后街道) or at least
 * `grading.streetRedShare` of its communities are red; green when none is red and at least
 * `grading.streetGreenShare` are green; yellow otherwise. A street's grade therefore always lies
 * between its worst and its best community's grade, and never gets greener when one gets redder.
 */
import type { CommunityAssessment } from '../lagging/assess-communities.ts';
import { formatScore, formatShare } from '../lagging/format.ts';
import { activeRules, LAGGING_RULES, type LaggingRuleId } from '../lagging/rules.ts';
import { LAGGING_STREET_WORD, LOW_SCORE_WORD } from '../lagging/terms.ts';
import type { CampaignConfig } from '../parse/campaign-config.ts';
import type { CaseColour, CaseState, Grade } from './types.ts';

/** The grades, worst first (the order of rankings, legends and counts). */
export const GRADES: readonly Grade[] = ['red', 'yellow', 'green'];

/** Position of a grade, 0 = red (worst). */
export const gradeRank = (grade: Grade): number => GRADES.indexOf(grade);

/** The worse (redder) of two grades. */
export const worseGrade = (a: Grade, b: Grade): Grade => (gradeRank(a) <= gradeRank(b) ? a : b);

/** What made a grade: a lagging rule, or one of the grading rules. */
export type GradeRuleId = LaggingRuleId | 'redCases' | 'openCases' | 'streetScore' | 'streetRedShare' | 'streetGreenShare';

export interface GradeReason {
  rule: GradeRuleId;
  /** The grade this reason leads to (red or yellow; a green street's reason is its green share). */
  grade: Grade;
  /** Chinese text naming the rule and the numbers, e.g. `检查得分 67 < 75（低分）`. */
  text: string;
}

export interface GradeResult {
  grade: Grade;
  /** Red reasons first, then yellow ones, each in rule order. */
  reasons: GradeReason[];
}

/** The parts of a case the grades read: where it is, its state and its three-colour state (caseColour). */
export interface GradedCase {
  community: string;
  street: string;
  state: CaseState;
  colour: CaseColour | null;
}

/** Open and red cases of one community. */
export interface CaseTally {
  /** Cases not yet rectified and verified (any state before 复查通过). */
  open: number;
  /** Open cases whose colour is red (红色督办). */
  red: number;
}

export const NO_CASES: CaseTally = Object.freeze({ open: 0, red: 0 });

/** A case is open until an inspector verified the fix (复查通过) or it is closed (销号). */
export const isOpenCase = (state: CaseState): boolean => state !== 'verified' && state !== 'closed';

/** Open and red cases per community code. */
export function caseTallies(cases: readonly GradedCase[]): Map<string, CaseTally> {
  const tallies = new Map<string, CaseTally>();
  for (const record of cases) {
    if (!isOpenCase(record.state)) continue;
    const tally = tallies.get(record.community) ?? { open: 0, red: 0 };
    tally.open += 1;
    if (record.colour === 'red') tally.red += 1;
    tallies.set(record.community, tally);
  }
  return tallies;
}

type GradingConfig = Pick<CampaignConfig, 'grading' | 'lagging'>;

/** Lagging rules whose failure is serious (red) under `config`; the other failing rules are yellow. */
export function redLaggingRules(config: GradingConfig): LaggingRuleId[] {
  return [...(config.grading.lowScore ? (['score'] as const) : []), ...(config.grading.stagnant ? (['stagnant'] as const) : [])];
}

const gradeOrder = (reason: GradeReason) => gradeRank(reason.grade);

/**
 * The grade of one community from its lagging assessment (its failing rules and their reasons)
 * and its open cases.
 * @example communityGrade({ rules: ['score'], reasons: ['检查得分 67 < 75'] }, NO_CASES, config).grade // 'red'
 */
export function communityGrade(assessment: Pick<CommunityAssessment, 'rules' | 'reasons'>, cases: CaseTally, config: GradingConfig): GradeResult {
  const red = new Set(redLaggingRules(config));
  const { minRedCases, minOpenCases } = config.grading;
  const reasons: GradeReason[] = assessment.rules.map((rule, i) => {
    const text = assessment.reasons[i] ?? LAGGING_RULES.find((candidate) => candidate.id === rule)!.label;
    return { rule, grade: red.has(rule) ? 'red' : 'yellow', text: rule === 'score' ? `${text}（${LOW_SCORE_WORD}）` : text };
  });
  if (minRedCases !== null && cases.red >= minRedCases) reasons.push({ rule: 'redCases', grade: 'red', text: `红色督办问题 ${cases.red} 件（≥ ${minRedCases} 件）` });
  if (minOpenCases !== null && cases.open >= minOpenCases) reasons.push({ rule: 'openCases', grade: 'yellow', text: `未整改问题 ${cases.open} 件（≥ ${minOpenCases} 件）` });
  // Stable sort: red reasons first, each group in rule order.
  reasons.sort((a, b) => gradeOrder(a) - gradeOrder(b));
  return { grade: reasons[0]?.grade ?? 'green', reasons };
}

/**
 * The grade of a street from its average score (the street's ranking score) and its members'
 * grades (see the file header). A street without communities is green (nothing is behind).
 */
export function streetGrade(street: { score: number | null }, members: readonly Grade[], config: GradingConfig): GradeResult {
  const { lowScore, streetRedShare, streetGreenShare } = config.grading;
  const minScore = config.lagging.minScore;
  const counts = gradeCounts(members);
  const total = members.length;
  const reasons: GradeReason[] = [];
  if (lowScore && minScore !== null && street.score !== null && street.score < minScore) {
    reasons.push({ rule: 'streetScore', grade: 'red', text: `平均得分 ${formatScore(street.score)} < ${formatScore(minScore)}（${LAGGING_STREET_WORD}）` });
  }
  const share = (n: number) => (total === 0 ? 0 : n / total);
  if (total > 0 && share(counts.red) >= streetRedShare) {
    reasons.push({ rule: 'streetRedShare', grade: 'red', text: `红色社区 ${counts.red}/${total} 个（${formatShare(share(counts.red))}，≥ ${formatShare(streetRedShare)}）` });
  }
  if (reasons.length > 0) return { grade: 'red', reasons };
  if (total === 0 || (counts.red === 0 && share(counts.green) >= streetGreenShare)) {
    return { grade: 'green', reasons: total === 0 ? [] : [{ rule: 'streetGreenShare', grade: 'green', text: `绿色社区 ${counts.green}/${total} 个（≥ ${formatShare(streetGreenShare)}），无红色社区` }] };
  }
  const why = counts.red > 0 ? `有红色社区 ${counts.red} 个` : `绿色社区 ${counts.green}/${total} 个（${formatShare(share(counts.green))}，< ${formatShare(streetGreenShare)}）`;
  return { grade: 'yellow', reasons: [{ rule: 'streetGreenShare', grade: 'yellow', text: why }] };
}

/** How many of each grade (all three keys, zero when none). */
export function gradeCounts(grades: Iterable<Grade>): Record<Grade, number> {
  const counts: Record<Grade, number> = { red: 0, yellow: 0, green: 0 };
  for (const grade of grades) counts[grade] += 1;
  return counts;
}

/** A grade's word and the rule it counts, for legends, labels and slides (no number in the UI is left unexplained). */
export interface GradeTerm {
  grade: Grade;
  /** `红`, `黄`, `绿`. */
  word: string;
  /** `红（严重落后）`… */
  label: string;
  /** What it counts, e.g. `任一：低分（最新检查得分低于 75 分）、近 3 次检查无提升、红色督办问题 ≥ 1 件`. */
  rule: string;
  /** The same in a few words, for a figure's note (`低分、无提升或红色督办`). */
  short: string;
}

/** The three grades with the rules they count under `config`. */
export function gradeTerms(config: GradingConfig): Record<Grade, GradeTerm> {
  const { grading, lagging } = config;
  const redShort = [
    ...(grading.lowScore && lagging.minScore !== null ? [`${LOW_SCORE_WORD}（< ${formatScore(lagging.minScore)} 分）`] : []),
    ...(grading.stagnant && lagging.stagnantRounds !== null ? [`${lagging.stagnantRounds} 次无提升`] : []),
    ...(grading.minRedCases !== null ? ['红色督办'] : []),
  ];
  const redRules = [
    ...(grading.lowScore && lagging.minScore !== null ? [`${LOW_SCORE_WORD}（最新检查得分低于 ${formatScore(lagging.minScore)} 分）`] : []),
    ...(grading.stagnant && lagging.stagnantRounds !== null ? [`近 ${lagging.stagnantRounds} 次检查无提升`] : []),
    ...(grading.minRedCases !== null ? [`红色督办问题 ≥ ${grading.minRedCases} 件`] : []),
  ];
  const red = new Set(redLaggingRules(config));
  const on = activeRules(config);
  const yellowRules = [
    ...LAGGING_RULES.filter((rule) => on.includes(rule.id) && !red.has(rule.id)).map((rule) => rule.label),
    ...(grading.minOpenCases !== null ? [`未整改问题 ≥ ${grading.minOpenCases} 件`] : []),
  ];
  return {
    red: { grade: 'red', word: '红', label: '红（严重落后）', rule: redRules.length === 0 ? '未设红色规则' : `任一：${redRules.join('、')}`, short: redShort.length === 0 ? '未设红色规则' : redShort.join('、').replace(/、([^、]+)$/, '或$1') },
    yellow: { grade: 'yellow', word: '黄', label: '黄（尚未达标）', rule: yellowRules.length === 0 ? '未设黄色规则' : `非红，但任一：${yellowRules.join('、')}`, short: yellowRules.length === 0 ? '未设黄色规则' : `其他规则未达标${grading.minOpenCases !== null ? '或问题未整改' : ''}` },
    green: { grade: 'green', word: '绿', label: '绿（达标）', rule: `全部落后规则达标${grading.minOpenCases !== null ? '，且无未整改问题' : ''}`, short: '全部达标' },
  };
}
