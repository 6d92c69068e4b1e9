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
import { CIVILIZED_LEVEL_LABELS, CIVILIZED_LEVELS, DEMO_THEMES, FACILITY_ITEMS, type DemoThemeKey } from '../core/index.ts';
import type { StatusLayerId } from '../state/status-layer-ids.ts';
import { LEVEL_COLORS, NEUTRAL, OKABE_ITO, RD_YL_BU_4, RD_YL_BU_5 } from './palettes.ts';


export interface LegendItem {
  color: string;
  label: string;
  /** Value the item stands for (category key or class lower bound), for counting. */
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

/** Class breaks of the checklist layer: 0–6, 7–9, 10 to all but one, all items. */
const FACILITY_BREAKS = [7, 10, ALL_FACILITIES] as const;

export interface StatusLayerContext {
  /** Score below this is lagging (campaign config `lagging.minScore`); null when that rule is off. */
  minScore: number | null;
  /** Street names with their colours, for the street legend. */
  streets: { name: string; color: string }[];
  /** Free-text themes present in the data (besides the six standard ones). */
  otherThemes: string[];
}

/** Score class breaks: 60, the lagging threshold (when that rule is on), 85, 95 (kept increasing). */
function scoreBreaks(minScore: number | null): number[] {
  const breaks = [60, ...(minScore === null ? [] : [minScore]), 85, 95].filter((value, i, all) => i === 0 || value > all[i - 1]!);
  return breaks;
}

function classed(value: unknown, breaks: readonly number[], colors: readonly string[]): ExpressionSpecification {
  const steps: (number | string)[] = [colors[0]!];
  breaks.forEach((limit, i) => steps.push(limit, colors[i + 1]!));
  return ['case', ['<', value, 0], NEUTRAL.noData, ['step', value, ...steps]] as unknown as ExpressionSpecification;
}

/** Lagging / not lagging colours (vermillion is reserved for red flags; blue = fine). */
export const LAGGING_COLORS = { lagging: OKABE_ITO.vermillion, fine: RD_YL_BU_4[3] } as const;

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
        fillColor: classed(['get', 'facilities'], FACILITY_BREAKS, RD_YL_BU_4),
        legend: {
          title: `配套设施达标（项 / ${ALL_FACILITIES}）`,
          kind: 'classed',
          items: [
            { color: RD_YL_BU_4[0], label: '0–6 项', value: '0' },
            { color: RD_YL_BU_4[1], label: '7–9 项', value: '7' },
            { color: RD_YL_BU_4[2], label: `10–${ALL_FACILITIES - 1} 项`, value: '10' },
            { color: RD_YL_BU_4[3], label: `${ALL_FACILITIES} 项（全部达标）`, value: String(ALL_FACILITIES) },
            { color: NEUTRAL.noData, label: '无数据', value: '-1' },
          ],
          note: `标准：五室三站二栏一校一场所，共 ${ALL_FACILITIES} 项`,
        },
      };
    case 'score': {
      const breaks = scoreBreaks(context.minScore);
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
          note: `截至所选轮次${context.minScore === null ? '' : `；低于 ${context.minScore} 分为落后（亮红灯）`}`,
        },
      };
    }
    case 'lagging':
      return {
        id,
        fillColor: ['case', ['boolean', ['feature-state', 'lagging'], false], LAGGING_COLORS.lagging, LAGGING_COLORS.fine] as unknown as ExpressionSpecification,
        legend: {
          title: '落后社区（截至所选轮次）',
          kind: 'categorical',
          items: [
            { color: LAGGING_COLORS.lagging, label: '落后（任一规则未达标）', value: 'lagging' },
            { color: LAGGING_COLORS.fine, label: '未落后', value: 'fine' },
          ],
          note: '规则见创建配置；悬停社区看原因',
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

/** Which legend item a community falls in, for counts next to the legend. */
export function legendValueOf(id: StatusLayerId, properties: { level: string; theme: string; facilities: number; score: number; street: string; lagging: boolean }, designated: boolean, context: StatusLayerContext): string {
  switch (id) {
    case 'demo':
      return !designated ? 'none' : properties.theme in THEME_COLORS ? properties.theme : 'other';
    case 'level':
      return properties.level;
    case 'facility':
      return properties.facilities < 0 ? '-1' : String([0, ...FACILITY_BREAKS].filter((value) => properties.facilities >= value).pop());
    case 'score': {
      if (properties.score < 0) return '-1';
      return String([0, ...scoreBreaks(context.minScore)].filter((value) => properties.score >= value).pop());
    }
    case 'lagging':
      return properties.lagging ? 'lagging' : 'fine';
    case 'street':
      return properties.street;
  }
}
