/**
 * The lagging rules (落后 / 亮红灯), each from the campaign config. A community is lagging when any
 * rule that is switched on fails; every failing rule gives one reason in Chinese that names the
 * value and the threshold. Unknown values (an empty cell, no status row, never inspected) never make
 * a community red: they are listed as `unknown` next to the reasons instead.
 */
import { missingFacilities, type CommunityStatus } from '../model.ts';
import type { CampaignConfig } from '../parse/campaign-config.ts';
import { formatScore, formatShare, formatShareAgainst } from './format.ts';

/** Stable ids of the rules, in the order reasons are listed. */
export type LaggingRuleId = 'score' | 'facilities' | 'facilityArea' | 'lighting' | 'disorders' | 'stagnant' | 'budget';

/** The rules with a short Chinese label (for roll-ups, legends and filters). */
export const LAGGING_RULES: readonly { id: LaggingRuleId; label: string }[] = [
  { id: 'score', label: '检查得分低' },
  { id: 'facilities', label: '配套设施缺项' },
  { id: 'facilityArea', label: '配套用房面积不足' },
  { id: 'lighting', label: '楼道亮灯率不达标' },
  { id: 'disorders', label: '五乱未整治' },
  { id: 'stagnant', label: '检查无提升' },
  { id: 'budget', label: '经费使用慢' },
];

/** Days after the campaign start (first inspection) before the budget rule applies ("after the first month"). */
export const BUDGET_GRACE_DAYS = 30;

export interface LaggingReason {
  rule: LaggingRuleId;
  /** Chinese reason naming value and threshold, e.g. `经费使用 18% < 30%`. */
  text: string;
}

/** What the rules look at for one community as of a date. */
export interface RuleInput {
  status: CommunityStatus | null;
  /** Latest inspection score as of the date; null when never inspected. */
  score: number | null;
  /** Scores of the inspections (weekly and monthly checks; bulletins only repeat them) as of the date, oldest first. */
  checkScores: readonly number[];
  /** Whether the budget rule applies yet (the first month of the campaign is over). */
  budgetDue: boolean;
}

export interface RuleResult {
  reasons: LaggingReason[];
  /** Values a switched-on rule could not check, in Chinese (e.g. `楼道亮灯率未填报`). */
  unknown: string[];
}

/** The switched-on rules of a config (a null threshold or a false switch turns a rule off). */
export function activeRules(config: Pick<CampaignConfig, 'lagging'>): LaggingRuleId[] {
  const rules = config.lagging;
  const on: Record<LaggingRuleId, boolean> = {
    score: rules.minScore !== null,
    facilities: rules.maxMissingFacilities !== null,
    facilityArea: rules.facilityArea,
    lighting: rules.lighting,
    disorders: rules.maxOpenDisorders !== null,
    stagnant: rules.stagnantRounds !== null,
    budget: rules.minBudgetSpentShare !== null,
  };
  return LAGGING_RULES.map((rule) => rule.id).filter((id) => on[id]);
}

/**
 * Every failing rule for one community, in the order of LAGGING_RULES.
 * Stagnation: the latest of the last `stagnantRounds` checks is not above the first of them
 * (a community at 100 cannot improve and is never stagnating).
 * Budget: only for communities with money allocated, once `budgetDue`.
 */
export function laggingReasons(input: RuleInput, config: CampaignConfig): RuleResult {
  const rules = config.lagging;
  const { status, score, checkScores } = input;
  const reasons: LaggingReason[] = [];
  const unknown: string[] = [];
  const add = (rule: LaggingRuleId, text: string) => reasons.push({ rule, text });

  if (rules.minScore !== null) {
    if (score === null) unknown.push('尚无检查得分');
    else if (score < rules.minScore) add('score', `检查得分 ${formatScore(score)} < ${formatScore(rules.minScore)}`);
  }
  if (status === null) unknown.push('状态表无此社区');
  else {
    if (rules.maxMissingFacilities !== null) {
      const missing = missingFacilities(status);
      if (missing.length > rules.maxMissingFacilities) {
        add('facilities', `缺${missing.map((item) => item.short).join('、')}（${missing.length} 项 > ${rules.maxMissingFacilities} 项）`);
      }
    }
    if (rules.facilityArea) {
      if (status.facilityAreaM2 === null) unknown.push('配套用房面积未填报');
      else if (status.facilityAreaM2 < config.facilities.minAreaM2) add('facilityArea', `配套用房 ${formatScore(status.facilityAreaM2)} m² < ${config.facilities.minAreaM2} m²`);
    }
    if (rules.lighting) {
      if (status.lightingRate === null) unknown.push('楼道亮灯率未填报');
      else if (status.lightingRate < config.lightingThreshold) add('lighting', `楼道亮灯率 ${formatShareAgainst(status.lightingRate, config.lightingThreshold)} < ${formatShare(config.lightingThreshold)}`);
    }
    if (rules.maxOpenDisorders !== null && status.openDisorders > rules.maxOpenDisorders) {
      add('disorders', `五乱未整治 ${status.openDisorders} 处 > ${rules.maxOpenDisorders} 处`);
    }
  }
  if (rules.stagnantRounds !== null && checkScores.length >= rules.stagnantRounds) {
    const window = checkScores.slice(-rules.stagnantRounds);
    const first = window[0]!;
    const last = window.at(-1)!;
    if (last <= first && last < 100) add('stagnant', `近 ${rules.stagnantRounds} 次检查无提升（${formatScore(first)} → ${formatScore(last)}）`);
  }
  const spent = budgetSpentShare(status);
  if (rules.minBudgetSpentShare !== null && spent !== null && input.budgetDue) {
    if (spent < rules.minBudgetSpentShare) add('budget', `经费使用 ${formatShareAgainst(spent, rules.minBudgetSpentShare)} < ${formatShare(rules.minBudgetSpentShare)}`);
  }
  reasons.sort((a, b) => ruleOrder(a.rule) - ruleOrder(b.rule));
  return { reasons, unknown };
}

/** Budget spent / allocated; null when nothing is allocated (one rule for the budget rule, the table and the exports). */
export function budgetSpentShare(status: Pick<CommunityStatus, 'budgetAllocatedWan' | 'budgetSpentWan'> | null): number | null {
  return status !== null && status.budgetAllocatedWan > 0 ? status.budgetSpentWan / status.budgetAllocatedWan : null;
}

const ruleOrder = (id: LaggingRuleId) => LAGGING_RULES.findIndex((rule) => rule.id === id);
