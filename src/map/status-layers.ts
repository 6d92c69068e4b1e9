/**
 * The status layers: for each, the fill colour as a maplibre expression and the legend that
 * explains it (categories, or classes with their breaks). Plain data; the controller applies it.
 *
 * Community features carry these properties (set once per dataset, see community-features.ts):
 * `level`, `theme` (theme key or free text, '' for none), `facilities` (items met, −1 unknown),
 * `score` (latest inspection score, −1 never inspected), `streetColor`. The current plan's
 * designation is the feature-state `demo`, so what-if toggles never re-upload the polygons; the
 * lagging flag and the score as of the chosen round are the feature-states `lagging` and `score`.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import { CIVILIZED_LEVEL_LABELS, CIVILIZED_LEVELS, DEMO_THEMES, FACILITY_CLASS_BREAKS, FACILITY_ITEMS, GRADES, lowScoreTerm, RED_LIGHT_WORD, scoreClassBreaks, type DemoThemeKey, type Grade, type GradeTerm } from '../core/index.ts';
import type { StatusLayerId } from '../state/status-layer-ids.ts';
import { LEVEL_COLORS, NEUTRAL, OKABE_ITO, RD_YL_BU_4, RD_YL_BU_5 } from './palettes.ts';


export interface LegendItem {
  color: string;
  label: string;
  /** Value the item stands for (category key or class lower bound): the key of core's `statusClassCounts`. */
  value: string;
}

export interface Legend {
  title: string;
  kind: 'categorical' | 'classed';
  items: LegendItem[];
  /** Shown under the items, e.g. where the breaks come from. */
  note?: string;
}

export interface StatusLayerSpec {
  id: StatusLayerId;
  fillColor: ExpressionSpecification;
  legend: Legend;
}

export const THEME_COLORS: Readonly<Record<DemoThemeKey, string>> = {
  traditional_houses: OKABE_ITO.orange,
  humanist: OKABE_ITO.blue,
  new_commercial: OKABE_ITO.reddishPurple,
  new_residential: OKABE_ITO.bluishGreen,
  high_end: OKABE_ITO.skyBlue,
  western: OKABE_ITO.yellow,
};

/** Items of the facility checklist (五室三站二栏一校一场所). */
const ALL_FACILITIES = FACILITY_ITEMS.length;


export interface StatusLayerContext {
  /** Score below this is lagging (campaign config `lagging.minScore`); null when that rule is off. */
  minScore: number | null;
  /** The grades' words and rules under the campaign config (core's gradeTerms); null without data. */
  grades?: Record<Grade, GradeTerm> | null;
  /** Street names with their colours, for the street legend. */
  streets: { name: string; color: string }[];
  /** Free-text themes present in the data (besides the six standard ones). */
  otherThemes: string[];
}


function classed(value: unknown, breaks: readonly number[], colors: readonly string[]): ExpressionSpecification {
  const steps: (number | string)[] = [colors[0]!];
  breaks.forEach((limit, i) => steps.push(limit, colors[i + 1]!));
  return ['case', ['<', value, 0], NEUTRAL.noData, ['step', value, ...steps]] as unknown as ExpressionSpecification;
}

/**
 * Lagging / not lagging colours: a red light is drawn red (RdYlBu's red, the low end of the score
 * classes too), fine is blue; vermillion, which reads as orange, stays for isolated communities.
 * styles.css uses the same red (`--bad`) for red bars and scores.
 */
export const LAGGING_COLORS = { lagging: RD_YL_BU_5[0], fine: RD_YL_BU_4[3] } as const;

/** Graded standing colours, a traffic light kept apart for colour-blind viewers: RdYlBu's red (as the red lights), Okabe–Ito's yellow and bluish green. */
export const GRADE_COLORS: Readonly<Record<Grade, string>> = { red: RD_YL_BU_5[0], yellow: OKABE_ITO.yellow, green: OKABE_ITO.bluishGreen };

export function statusLayerSpec(id: StatusLayerId, context: StatusLayerContext): StatusLayerSpec {
  switch (id) {
    case 'demo': {
      const themes = Object.entries(THEME_COLORS) as [DemoThemeKey, string][];
      // A theme given in planning (feature state `plannedTheme`, a theme key) wins over the status table's.
      const theme = ['case', ['!=', ['coalesce', ['feature-state', 'plannedTheme'], ''], ''], ['feature-state', 'plannedTheme'], ['get', 'theme']];
      const themeColor = ['match', theme, ...themes.flat(), NEUTRAL.plannedNoTheme];
      return {
        id,
        fillColor: ['case', ['boolean', ['feature-state', 'demo'], false], themeColor, NEUTRAL.ordinary] as unknown as ExpressionSpecification,
        legend: {
          title: '精品示范社区（按主题）',
          kind: 'categorical',
          items: [
            ...themes.map(([key, color]) => ({ color, label: DEMO_THEMES[key], value: key })),
            { color: NEUTRAL.plannedNoTheme, label: context.otherThemes.length ? `其他主题 / 规划新增` : '规划新增（未定主题）', value: 'other' },
            { color: NEUTRAL.ordinary, label: '非示范社区', value: 'none' },
          ],
        },
      };
    }
    case 'level':
      return {
        id,
        fillColor: ['match', ['get', 'level'], ...CIVILIZED_LEVELS.flatMap((level) => [level, LEVEL_COLORS[level]]), NEUTRAL.noData] as unknown as ExpressionSpecification,
        legend: { title: '文明社区等级', kind: 'categorical', items: CIVILIZED_LEVELS.map((level) => ({ color: LEVEL_COLORS[level], label: CIVILIZED_LEVEL_LABELS[level], value: level })) },
      };
    case 'facility':
      return {
        id,
        fillColor: classed(['get', 'facilities'], FACILITY_CLASS_BREAKS, RD_YL_BU_4),
        legend: {
          title: `配套设施达标（项 / ${ALL_FACILITIES}）`,
          kind: 'classed',
          items: [
            ...[0, ...FACILITY_CLASS_BREAKS].map((low, i, bounds) => {
              const high = bounds[i + 1];
              return { color: RD_YL_BU_4[i]!, label: high === undefined ? `${low} 项（全部达标）` : `${low}–${high - 1} 项`, value: String(low) };
            }),
            { color: NEUTRAL.noData, label: '无数据', value: '-1' },
          ],
          note: `标准：五室三站二栏一校一场所，共 ${ALL_FACILITIES} 项`,
        },
      };
    case 'score': {
      const breaks = scoreClassBreaks(context.minScore);
      const bounds = [0, ...breaks, 100];
      const items = breaks.length + 1;
      const colors = items === 5 ? RD_YL_BU_5 : RD_YL_BU_5.slice(5 - items);
      return {
        id,
        fillColor: classed(['number', ['feature-state', 'score'], -1], breaks, colors),
        legend: {
          title: '最新检查得分（分）',
          kind: 'classed',
          items: [
            ...Array.from({ length: items }, (_, i) => ({ color: colors[i]!, label: i === items - 1 ? `${bounds[i]} 分及以上` : `${bounds[i]}–${bounds[i + 1]} 分`, value: String(bounds[i]) })),
            { color: NEUTRAL.noData, label: '未检查', value: '-1' },
          ],
          note: `截至所选轮次${context.minScore === null ? '' : `；${lowScoreTerm(context.minScore)!.word}：${lowScoreTerm(context.minScore)!.rule}`}`,
        },
      };
    }
    case 'lagging':
      return {
        id,
        fillColor: ['case', ['boolean', ['feature-state', 'lagging'], false], LAGGING_COLORS.lagging, LAGGING_COLORS.fine] as unknown as ExpressionSpecification,
        legend: {
          title: `${RED_LIGHT_WORD}社区（截至所选轮次）`,
          kind: 'categorical',
          items: [
            { color: LAGGING_COLORS.lagging, label: `${RED_LIGHT_WORD}（任一落后规则未达标）`, value: 'lagging' },
            { color: LAGGING_COLORS.fine, label: `未${RED_LIGHT_WORD}`, value: 'fine' },
          ],
          note: '规则见创建配置；悬停社区看原因',
        },
      };
    case 'grade':
      return {
        id,
        fillColor: ['match', ['coalesce', ['feature-state', 'grade'], ''], ...GRADES.flatMap((grade) => [grade, GRADE_COLORS[grade]]), NEUTRAL.noData] as unknown as ExpressionSpecification,
        legend: {
          title: '红黄绿分级（截至所选轮次）',
          kind: 'categorical',
          items: GRADES.map((grade) => ({ color: GRADE_COLORS[grade], label: context.grades?.[grade].label ?? grade, value: grade })),
          note: context.grades ? `${GRADES.filter((grade) => grade !== 'green').map((grade) => `${context.grades![grade].word}：${context.grades![grade].short}`).join('；')}；${RED_LIGHT_WORD}社区都在红、黄之中；悬停社区看原因` : '规则见创建配置',
        },
      };
    case 'street':
      return {
        id,
        fillColor: ['coalesce', ['get', 'streetColor'], NEUTRAL.noData] as unknown as ExpressionSpecification,
        legend: { title: '所属街道（镇）', kind: 'categorical', items: context.streets.map(({ name, color }) => ({ color, label: name, value: name })) },
      };
  }
}
