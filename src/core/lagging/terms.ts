/**
 * The words for "behind", one per meaning, with the rule each counts. Three things were all called
 * 落后/亮红灯 before (issue 16): a community failing any rule (164 in Lucheng), a community scoring
 * under the line (78), and a street whose average is under the line. Every label, legend and slide
 * takes its word and its rule from here, so a number always says which rule it counts.
 */
import type { CampaignConfig } from '../parse/campaign-config.ts';
import { formatScore } from './format.ts';
import { activeRules, LAGGING_RULES } from './rules.ts';

export interface LaggingTerm {
  /** The word on labels and in counts, e.g. `亮红灯`. */
  word: string;
  /** What it counts, in one phrase, e.g. `任一落后规则未达标（检查得分、配套设施缺项…）`. */
  rule: string;
  /** The same in a few words, for a figure's note (`任一落后规则未达标`). */
  short: string;
}

export interface LaggingTerms {
  /** A community failing any switched-on rule (CommunityAssessment.lagging): 亮红灯. */
  community: LaggingTerm;
  /** A community whose latest score is under `lagging.minScore` (one of those rules); null when that rule is off. */
  lowScore: LaggingTerm | null;
  /** A street whose average score is under `lagging.minScore` (StreetAssessment.lagging); null when that rule is off. */
  street: LaggingTerm | null;
}

/** The word for a community failing any rule (the red light of the campaign). */
export const RED_LIGHT_WORD = '亮红灯';
/** The word for a community under the score line (only the score rule). */
export const LOW_SCORE_WORD = '低分';
/** The word for a street under the score line on average. */
export const LAGGING_STREET_WORD = '落后街道';

/** The three words with the rules they count under `config` (rule labels from LAGGING_RULES). */
export function laggingTerms(config: Pick<CampaignConfig, 'lagging'>): LaggingTerms {
  const on = activeRules(config);
  const labels = LAGGING_RULES.filter((rule) => on.includes(rule.id)).map((rule) => rule.label);
  const min = config.lagging.minScore;
  return {
    community: { word: RED_LIGHT_WORD, rule: labels.length === 0 ? '未设落后规则' : `任一落后规则未达标（${labels.join('、')}）`, short: labels.length === 0 ? '未设落后规则' : '任一落后规则未达标' },
    lowScore: lowScoreTerm(min),
    street: min === null ? null : { word: LAGGING_STREET_WORD, rule: `街道平均分低于 ${formatScore(min)} 分`, short: `平均分低于 ${formatScore(min)} 分` },
  };
}

/** The low-score term for a score line (null when the score rule is off); needs only the line. */
export function lowScoreTerm(minScore: number | null): LaggingTerm | null {
  return minScore === null ? null : { word: LOW_SCORE_WORD, rule: `最新检查得分低于 ${formatScore(minScore)} 分（只看得分；${RED_LIGHT_WORD}看全部落后规则）`, short: `得分低于 ${formatScore(minScore)} 分` };
}
