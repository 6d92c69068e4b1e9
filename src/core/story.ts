/**
 * The story of a campaign for the mobilization meeting (动员大会): seven slides whose every
 * sentence and figure is written from the answers the core already computed — the what-if
 * (clusters, names, bridges, shared borders, rings) and the lagging report (scores, reasons,
 * targets, timeline). Slides, their PNG/PDF exports and tests read this; none recomputes.
 *
 * Each slide has one or more camera steps (`steps`): the first is its overview, the 连线成片
 * slide adds one step per cluster. A step's `bbox` is where the map should look and
 * `highlight` which communities to outline.
 */
import type { BridgeSolution } from './contiguity/bridges.ts';
import { daysBetween, type Dataset } from './dataset.ts';
import { formatArea, formatDate, formatLength, formatMonthDay, formatPopulation } from './format.ts';
import { formatScore, formatShare } from './lagging/format.ts';
import type { LaggingReport } from './lagging/lagging-report.ts';
import { LAGGING_STREET_WORD, laggingTerms, RED_LIGHT_WORD } from './lagging/terms.ts';
import { gradeSummary } from './lagging/grade-summary.ts';
import { GRADE_LABELS } from './supervision/types.ts';
import { LAGGING_RULES, type LaggingRuleId } from './lagging/rules.ts';
import type { UnitMetrics } from './metrics.ts';
import { CIVILIZED_LEVEL_LABELS, CIVILIZED_LEVELS, FACILITY_ITEMS } from './model.ts';
import type { WhatIfAnswer } from './contiguity/what-if.ts';

export const SLIDE_IDS = ['title', 'achievements', 'problems', 'clusters', 'bridges', 'zones', 'targets'] as const;
export type SlideId = (typeof SLIDE_IDS)[number];

/** A headline number: `value` is already formatted (`12 个`). */
export interface StoryFigure {
  label: string;
  value: string;
  note?: string;
}

export interface StoryTable {
  columns: string[];
  rows: string[][];
}

/** One camera position of a slide with its caption. */
export interface StoryStep {
  caption: string;
  /** More sentences under the caption (cluster members, …). */
  details: string[];
  /**
   * [west, south, east, north] in degrees around every community the step talks about (on the
   * 连线成片 and 补上缺口 overviews: the clusters, the suggestions and the clusters' rings of
   * neighbours); the camera frames all of it. null = the whole district.
   */
  bbox: [number, number, number, number] | null;
  /** Community indices to outline on the map. */
  highlight: number[];
}

export interface StorySlide {
  id: SlideId;
  heading: string;
  /** Generated sentences, most important first. */
  lines: string[];
  figures: StoryFigure[];
  table: StoryTable | null;
  /** District mean inspection score per round since all scored communities were first checked (achievements slide), oldest first. */
  trend: { date: string; value: number }[];
  steps: StoryStep[];
}

export interface Story {
  title: string;
  asOf: string | null;
  slides: StorySlide[];
}

export interface StoryInput {
  dataset: Pick<Dataset, 'boundaries' | 'status' | 'config' | 'asOf' | 'facts'>;
  metrics: Pick<UnitMetrics, 'bboxes'>;
  /** The what-if of the plan being presented. */
  answer: Pick<WhatIfAnswer, 'verdict' | 'counts' | 'sentence' | 'report' | 'names' | 'borders' | 'rings'>;
  /** The bridge plan to present (the exact one when known, else `answer.bridges`). */
  bridges: BridgeSolution;
  lagging: LaggingReport;
}

/** Rows shown at most in a slide table (legible from the back of the hall at 24 px and more). */
const MAX_ROWS = 6;
/** A lagging rule's short Chinese label (检查得分低, 配套设施缺项…). */
const ruleLabel = (id: LaggingRuleId) => LAGGING_RULES.find((rule) => rule.id === id)?.label ?? id;
/** Lagging communities listed on the problems slide (five fit the panel beside a map that takes most of the stage). */
const MAX_PROBLEM_ROWS = 5;

const circled = (step: number) => (step >= 1 && step <= 20 ? String.fromCodePoint(0x2460 + step - 1) : `${step}.`);
const count = (n: number, unit = '个') => `${n} ${unit}`;

/** Union of the members' bounding boxes; null when none is finite. */
function bboxOf(metrics: StoryInput['metrics'], members: Iterable<number>): [number, number, number, number] | null {
  const box = [Infinity, Infinity, -Infinity, -Infinity] as [number, number, number, number];
  for (const i of members) {
    for (let k = 0; k < 2; k++) {
      const low = metrics.bboxes[4 * i + k]!;
      const high = metrics.bboxes[4 * i + k + 2]!;
      if (Number.isFinite(low) && Number.isFinite(high)) {
        box[k] = Math.min(box[k]!, low);
        box[k + 2] = Math.max(box[k + 2]!, high);
      }
    }
  }
  return box.every(Number.isFinite) ? box : null;
}

const step = (caption: string, bbox: StoryStep['bbox'], highlight: number[] = [], details: string[] = []): StoryStep => ({ caption, details, bbox, highlight });

/**
 * The seven slides for a dataset and a plan.
 * @example
 * const story = campaignStory({ dataset, metrics, answer, bridges: answer.bridges, lagging: laggingReport(dataset) });
 * story.slides[3].steps[0].caption; // '12 个示范社区分为 4 片和 2 个孤立点'
 */
export function campaignStory(input: StoryInput): Story {
  const { dataset } = input;
  return {
    title: dataset.config.title,
    asOf: dataset.asOf,
    slides: [titleSlide(input), achievementsSlide(input), problemsSlide(input), clustersSlide(input), bridgesSlide(input), zonesSlide(input), targetsSlide(input)],
  };
}

/** The what-if's own sentence (core's `verdictSentence`, the words the dashboard uses too). */
function verdictSentence({ answer }: StoryInput): string {
  return answer.sentence;
}

function titleSlide(input: StoryInput): StorySlide {
  const { dataset, answer, lagging } = input;
  const next = lagging.timeline.next;
  const lines = [
    ...(dataset.asOf ? [`数据截至 ${formatDate(dataset.asOf)}`] : []),
    next ? `距「${next.label}」（${formatDate(next.date)}）还有 ${next.daysLeft} 天，责任：${next.responsible || '未指定'}` : dataset.asOf ? '全部节点已过' : '',
  ].filter(Boolean);
  const laggingCount = lagging.communities.filter((community) => community.lagging).length;
  return {
    id: 'title',
    heading: `${dataset.config.title}动员大会`,
    lines,
    figures: [
      ...(next ? [{ label: '倒计时', value: count(next.daysLeft, '天'), note: next.label }] : []),
      { label: '社区（村）', value: count(dataset.boundaries.features.length) },
      { label: '精品示范社区', value: count(answer.counts.designated), note: `目标 ${dataset.config.targets.demoCommunities} 个` },
      { label: '示范片区', value: count(answer.counts.patches, '片'), note: `另有孤立点 ${answer.counts.isolated} 个` },
      { label: `${RED_LIGHT_WORD}社区`, value: count(laggingCount), note: laggingTerms(dataset.config).community.short },
    ],
    table: null,
    trend: [],
    steps: [step(verdictSentence(input), bboxOf(input.metrics, answer.report.clusters.flatMap((cluster) => cluster.members)))],
  };
}

function achievementsSlide({ dataset, lagging }: StoryInput): StorySlide {
  const rows = dataset.status.filter((row) => row !== null);
  const byLevel = new Map(CIVILIZED_LEVELS.map((level) => [level, rows.filter((row) => row.level === level).length]));
  const civilized = rows.length - byLevel.get('none')!;
  const civilizedTarget = lagging.targets.find((target) => target.id === 'civilized');
  const { district } = lagging;
  const demos = lagging.communities.filter((community) => community.demo && community.facilities !== null);
  const demoFacilities = demos.length === 0 ? null : demos.reduce((sum, community) => sum + community.facilities!, 0) / demos.length;
  // Like for like: the trend starts at the first round that scored as many communities as the
  // latest (before the first monthly check only demonstration communities have scores, so an
  // earlier mean is over another set and a "drop" would only be the set growing).
  const { scores, inspected } = lagging.trend.district;
  const coverage = inspected.at(-1) ?? 0;
  const from = Math.max(0, inspected.findIndex((count) => count >= coverage));
  const trend = lagging.trend.rounds.slice(from).flatMap((round, k) => {
    const value = scores[from + k];
    return value === null || value === undefined ? [] : [{ date: round.date, value }];
  });
  const first = trend[0];
  const last = trend.at(-1);
  const levelText = CIVILIZED_LEVELS.filter((level) => level !== 'none')
    .map((level) => `${CIVILIZED_LEVEL_LABELS[level]} ${byLevel.get(level)} 个`)
    .join('、');
  const lines = [
    `全区 ${rows.length} 个社区中，${civilized} 个获评文明社区（${formatShare(rows.length ? civilized / rows.length : 0)}${civilizedTarget ? `，目标 ${formatShare(civilizedTarget.target)}` : ''}）：${levelText}`,
    `${district.standardCount} 个社区配套设施（五室三站二栏一校一场所，面积不少于 ${dataset.config.facilities.minAreaM2} m²）全部达标${district.standardShare === null ? '' : `，占 ${formatShare(district.standardShare)}`}`,
    ...(demoFacilities === null ? [] : [`精品示范社区平均已建 ${formatScore(Math.round(demoFacilities * 10) / 10)}/${FACILITY_ITEMS.length} 项设施`]),
    ...(first && last && trend.length > 1
      ? [`${coverage} 个社区的检查平均分由 ${formatScore(first.value)} 分（${formatMonthDay(first.date)}）${last.value >= first.value ? '升至' : '降至'} ${formatScore(last.value)} 分（${formatMonthDay(last.date)}），${trend.length} 轮检查`]
      : []),
  ];
  return {
    id: 'achievements',
    heading: '创建成效',
    lines,
    figures: [
      { label: '文明社区', value: count(civilized), note: formatShare(rows.length ? civilized / rows.length : 0) },
      { label: '设施全部达标', value: count(district.standardCount) },
      ...(last ? [{ label: '检查平均分', value: `${formatScore(last.value)} 分`, note: first && trend.length > 1 ? `${last.value >= first.value ? '+' : ''}${formatScore(Math.round((last.value - first.value) * 10) / 10)}` : undefined }] : []),
    ],
    table: null,
    trend,
    steps: [step(lines[0]!, null)],
  };
}

function problemsSlide({ dataset, lagging, metrics }: StoryInput): StorySlide {
  const laggingCommunities = lagging.ranking.map((index) => lagging.communities[index]!).filter((community) => community.lagging);
  const laggingStreets = lagging.streets.filter((street) => street.lagging);
  const minScore = dataset.config.lagging.minScore;
  const demoLagging = laggingCommunities.filter((community) => community.demo).length;
  const grades = gradeSummary(lagging, dataset.config);
  const lines = [
    // The grade split follows the count it splits (after the demo count it read as splitting those 5).
    `${laggingCommunities.length} 个社区${RED_LIGHT_WORD}：${grades.terms.red.word} ${grades.redLightsRed} 个、${grades.terms.yellow.word} ${grades.redLightsYellow} 个${demoLagging > 0 ? `；其中精品示范社区 ${demoLagging} 个` : ''}`,
    minScore === null
      ? '未设街道平均分红线'
      : laggingStreets.length === 0
        ? `没有街道平均分低于 ${formatScore(minScore)} 分`
        : `${laggingStreets.length} 个${LAGGING_STREET_WORD}（平均分低于 ${formatScore(minScore)} 分）：${laggingStreets.map((street) => `${street.name}（${street.score === null ? '—' : formatScore(street.score)} 分）`).join('、')}`,
  ];
  const rows = laggingCommunities.slice(0, MAX_PROBLEM_ROWS).map((community) => [
    community.name,
    community.street,
    community.score === null ? '未检查' : `${formatScore(community.score)} 分`,
    // Every failing rule named by its rule, the score in the column before (the full sentences are the report's;
    // "另有 4 项" named nothing, and a sentence per row left the map a third of the stage).
    community.rules.map(ruleLabel).join('、'),
  ]);
  const shown = laggingCommunities.slice(0, MAX_PROBLEM_ROWS).map((community) => community.index);
  return {
    id: 'problems',
    heading: '存在问题',
    lines,
    figures: [
      { label: `${RED_LIGHT_WORD}社区`, value: count(laggingCommunities.length), note: laggingTerms(dataset.config).community.short },
      // Two figures fit the panel's width: the 落后街道 count is said in the second line with its rule.
      { label: grades.terms.red.label, value: count(grades.communities.red), note: grades.terms.red.short },
    ],
    table: { columns: ['社区', '街道', '得分', '原因'], rows },
    trend: [],
    steps: [step(lines[0]!, bboxOf(metrics, laggingCommunities.map((community) => community.index)), shown)],
  };
}

function clustersSlide(input: StoryInput): StorySlide {
  const { dataset, answer, metrics } = input;
  const features = dataset.boundaries.features;
  const short = (index: number) => features[index]!.name;
  const clusterSteps = answer.report.clusters.map((cluster) => {
    const name = answer.names[cluster.id]!;
    const size = `面积 ${formatArea(cluster.areaM2)}${cluster.population === null ? '' : `，人口 ${formatPopulation(cluster.population)}`}`;
    const caption =
      cluster.size === 1
        ? `${name.label}（${name.name}）：孤立点，不与其他示范社区相邻，${size}`
        : `${name.label}（${name.name}）：${cluster.size} 个示范社区连成一片，${size}`;
    // The camera frames the cluster with its ring of neighbours (相邻周边), so the place reads in context.
    const ring = answer.rings.find((entry) => entry.clusterId === cluster.id)?.ring ?? [];
    return step(caption, bboxOf(metrics, [...cluster.members, ...ring]), cluster.members, [`成员：${cluster.members.map(short).join('、')}`]);
  });
  const selected = answer.report.clusters.flatMap((cluster) => cluster.members);
  // The overview frames the clusters with their rings, as each cluster's step does: framed on the
  // members alone, the neighbours at the edge (教场 west of 片区 4) ran off the stage (issue 16).
  const rings = answer.rings.flatMap((entry) => entry.ring);
  const lines = [
    verdictSentence(input),
    ...answer.report.clusters.map((cluster) => `${answer.names[cluster.id]!.label}：${answer.names[cluster.id]!.name}，${formatArea(cluster.areaM2)}${cluster.size === 1 ? '，孤立点' : ''}`),
  ];
  return {
    id: 'clusters',
    heading: '连线成片',
    lines,
    figures: [
      { label: '示范社区', value: count(answer.counts.designated) },
      { label: '片', value: count(answer.counts.patches, '片') },
      { label: '孤立点', value: count(answer.counts.isolated) },
    ],
    table: null,
    trend: [],
    steps: [step(verdictSentence(input), bboxOf(metrics, [...selected, ...rings]), []), ...clusterSteps],
  };
}

function bridgesSlide(input: StoryInput): StorySlide {
  const { answer, bridges, dataset, metrics } = input;
  const features = dataset.boundaries.features;
  const joined = bridges.connected ? '全部片区' : '可连通的片区';
  const caption =
    answer.report.clusters.length <= 1
      ? answer.verdict === 'empty'
        ? '尚未确定精品示范社区'
        : '示范社区已连成一片，无需补充'
      : bridges.added.length === 0
        ? '无法通过补充社区把各片区连起来'
        : `至少补充 ${bridges.added.length} 个社区，可把${joined}连成一片（${bridges.exact ? '最优方案' : '近似方案'}）`;
  const lines = [
    caption,
    ...bridges.suggestions.map((suggestion) => `${circled(suggestion.step)} ${features[suggestion.node]!.name}（${features[suggestion.node]!.street}）：连接 ${suggestion.joins.map((id) => answer.names[id]!.label).join('、')}`),
    ...(bridges.unreachableClusters.length > 0 ? [`${bridges.unreachableClusters.map((id) => answer.names[id]!.label).join('、')} 与其他片区不相连（如隔江），无法通过补充社区连接`] : []),
  ];
  const selected = answer.report.clusters.flatMap((cluster) => cluster.members);
  // The clusters, the suggestions and the rings around the clusters (the suggestions are among them):
  // the neighbours the dashed routes run beside stay on the stage (issue 16).
  const rings = answer.rings.flatMap((entry) => entry.ring);
  return {
    id: 'bridges',
    heading: '补上缺口，连线成片',
    lines,
    figures: [
      { label: '建议补充', value: count(bridges.added.length) },
      { label: '补充后片区', value: count(answer.report.clusters.length <= 1 ? answer.report.clusters.length : 1 + bridges.unreachableClusters.length, '片') },
    ],
    table: null,
    trend: [],
    steps: [step(caption, bboxOf(metrics, [...selected, ...bridges.added, ...rings]), bridges.added)],
  };
}

function zonesSlide({ answer, dataset, metrics }: StoryInput): StorySlide {
  const features = dataset.boundaries.features;
  const borders = [...answer.borders.features].sort((a, b) => b.properties.lengthMeters - a.properties.lengthMeters);
  const total = borders.reduce((sum, border) => sum + border.properties.lengthMeters, 0);
  const ringCount = new Set(answer.rings.flatMap((ring) => ring.ring)).size;
  const caption =
    borders.length === 0
      ? '暂无相邻的示范社区，没有共同边界'
      : `${borders.length} 对相邻示范社区共有边界 ${formatLength(total)}，边界两侧各 ${dataset.config.zoneWidthMeters} m 为联动整治区域`;
  const lines = [
    caption,
    ...borders.slice(0, MAX_ROWS).map(({ properties: { a, b, lengthMeters } }) => `${features[a]!.name} — ${features[b]!.name}：共同边界 ${formatLength(lengthMeters)}`),
    ...(ringCount > 0 ? [`各片区周边还有 ${ringCount} 个社区，要左右联动，改善相邻周边环境`] : []),
  ];
  const members = borders.flatMap(({ properties: { a, b } }) => [a, b]);
  return {
    id: 'zones',
    heading: '相邻联动区域',
    lines,
    figures: [
      { label: '相邻示范社区', value: count(borders.length, '对') },
      { label: '共同边界', value: formatLength(total) },
      { label: '周边社区', value: count(ringCount) },
    ],
    table: null,
    trend: [],
    steps: [step(caption, bboxOf(metrics, members), [...new Set(members)])],
  };
}

function targetsSlide({ dataset, lagging, bridges }: StoryInput): StorySlide {
  const features = dataset.boundaries.features;
  const lines = [
    ...[...dataset.config.deadlines].sort((a, b) => (a.date < b.date ? -1 : 1)).map((deadline) => {
      const left = dataset.asOf ? daysBetween(dataset.asOf, deadline.date) : null;
      return `${formatDate(deadline.date)} ${deadline.label}，责任：${deadline.responsible || '未指定'}${left === null ? '' : left >= 0 ? `，还有 ${left} 天` : '，已过'}`;
    }),
  ];
  const bridgeStreets = new Map<string, string[]>();
  for (const node of bridges.added) {
    const feature = features[node]!;
    bridgeStreets.set(feature.streetCode, [...(bridgeStreets.get(feature.streetCode) ?? []), feature.name]);
  }
  const rows = lagging.streets
    .filter((street) => street.demoCount > 0 || street.laggingCount > 0 || bridgeStreets.has(street.code))
    .map((street) => [
      street.name,
      `${street.demoCount}`,
      `${street.laggingCount}`,
      GRADE_LABELS[street.grade],
      (bridgeStreets.get(street.code) ?? []).join('、') || '—',
      street.score === null ? '—' : formatScore(street.score),
    ]);
  return {
    id: 'targets',
    heading: '目标、节点与责任',
    lines,
    figures: lagging.targets.map((target) => ({ label: target.label, value: `${target.valueText} / ${target.targetText}`, ...(target.met ? { note: '已达标' } : {}) })),
    table: { columns: ['街道', '示范社区', RED_LIGHT_WORD, '分级', '建议补充', '平均分'], rows },
    trend: [],
    steps: [step(lines[0] ?? '未设节点', null)],
  };
}
