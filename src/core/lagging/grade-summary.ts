/**
 * The grades of a lagging report in words, for the 落后分析 view, the map's legend, the bulletin
 * and the slides: how many communities and streets are red, yellow and green, which rule each
 * grade counts, and how the grades split the red lights (亮红灯 = any lagging rule failing), so
 * that two numbers never seem to contradict each other.
 */
import { GRADES, gradeTerms, type GradeTerm } from '../supervision/grades.ts';
import type { Grade } from '../supervision/types.ts';
import type { LaggingReport } from './lagging-report.ts';
import { laggingTerms } from './terms.ts';

export interface GradeSummary {
  /** Communities per grade, and the same for streets. */
  communities: Record<Grade, number>;
  streets: Record<Grade, number>;
  /** Every community, and the red lights (亮红灯) among them. */
  total: number;
  redLights: number;
  /** Red lights graded red and yellow (they add up to `redLights`). */
  redLightsRed: number;
  redLightsYellow: number;
  /** Communities without a red light that cases alone made red or yellow. */
  byCasesOnly: number;
  terms: Record<Grade, GradeTerm>;
  /** `红 83 个、黄 81 个、绿 7 个（共 171 个社区）`. */
  line: string;
  /** `164 个亮红灯（任一落后规则未达标）中：红 83 个、黄 81 个`, plus the communities cases alone graded. */
  split: string;
  /** `街道：红 5 个、黄 9 个、绿 0 个`. */
  streetLine: string;
}

const counted = (counts: Record<Grade, number>, terms: Record<Grade, GradeTerm>) => GRADES.map((grade) => `${terms[grade].word} ${counts[grade]} 个`).join('、');

/** The grade counts of a report with their rules and sentences (see GradeSummary). */
export function gradeSummary(report: Pick<LaggingReport, 'communities' | 'grades'>, config: Parameters<typeof gradeTerms>[0]): GradeSummary {
  const terms = gradeTerms(config);
  const words = laggingTerms(config);
  let redLights = 0;
  let redLightsRed = 0;
  let redLightsYellow = 0;
  let byCasesOnly = 0;
  for (const community of report.communities) {
    if (community.lagging) {
      redLights += 1;
      if (community.grade === 'red') redLightsRed += 1;
      else if (community.grade === 'yellow') redLightsYellow += 1;
    } else if (community.grade !== 'green') byCasesOnly += 1;
  }
  const { communities, streets } = report.grades;
  return {
    communities,
    streets,
    total: report.communities.length,
    redLights,
    redLightsRed,
    redLightsYellow,
    byCasesOnly,
    terms,
    line: `${counted(communities, terms)}（共 ${report.communities.length} 个社区）`,
    split: `${redLights} 个${words.community.word}（${words.community.short}）中：${terms.red.word} ${redLightsRed} 个、${terms.yellow.word} ${redLightsYellow} 个${byCasesOnly > 0 ? `；另有 ${byCasesOnly} 个因问题未整改而非绿` : ''}`,
    streetLine: `街道：${counted(streets, terms)}`,
  };
}
