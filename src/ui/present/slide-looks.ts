/** What the map shows on each slide: the status layer and the 连线成片 overlays. */
import { lowScoreTerm, scoreClassBreaks, scoreClassesUnderLine, type CampaignConfig, type SlideId } from '../../core/index.ts';
import type { MapLabels } from '../../map/layers.ts';
import type { StatusLayerId } from '../../state/status-layer-ids.ts';
import type { AppState } from '../../state/store.ts';
import type { SlideLayout } from './stage.ts';

export interface SlideLook {
  layer: StatusLayerId;
  overlays: AppState['overlays'];
  /** One line under the map saying what the colours mean. */
  key: string;
  /** `map` and `list`: the map takes most of the stage; `text` and `table`: the panel takes more (see `panelShare`). */
  layout: SlideLayout;
  /** Which names the map places: the targets slide is about streets, so it names streets only (no 片区 names or 孤 badges crowding the old town). */
  labels?: MapLabels;
}

const NONE = { clusters: false, zones: false, rings: false, bridges: false };

export const SLIDE_LOOKS: Readonly<Record<SlideId, SlideLook>> = {
  title: { layer: 'demo', overlays: { ...NONE, clusters: true }, key: '彩色：精品示范社区（按主题）', layout: 'map' },
  achievements: { layer: 'level', overlays: NONE, key: '紫色越深，文明社区等级越高', layout: 'map' },
  problems: { layer: 'score', overlays: NONE, key: scoreSlideKey(null), layout: 'table' },
  clusters: { layer: 'demo', overlays: { ...NONE, clusters: true }, key: '彩色轮廓：片区；橙色虚线：孤立点（孤立的示范社区）', layout: 'list' },
  bridges: { layer: 'demo', overlays: { ...NONE, clusters: true, bridges: true }, key: '黑色圆点与虚线：建议补充的社区（按序号）', layout: 'list' },
  zones: { layer: 'demo', overlays: { ...NONE, clusters: true, zones: true, rings: true }, key: '黄线：共同边界；深色带：联动整治区域；虚线：相邻周边社区', layout: 'map' },
  targets: { layer: 'street', overlays: { ...NONE, clusters: true }, key: '颜色：所属街道', layout: 'text', labels: 'streets' },
};

/** Names of the score layer's five colours as drawn (RdYlBu, red first; src/map/status-layers.ts). */
const SCORE_COLOR_NAMES = ['红色', '橙色', '浅黄色', '浅蓝色', '蓝色'] as const;

/**
 * The score slide's key under a score line: which colours are 低分. It said 红色：最新检查得分低于红线
 * while the communities between the lowest break and the line are drawn orange (issue 16: two
 * colours were under the line and the key named one).
 */
export function scoreSlideKey(minScore: number | null): string {
  const ranked = '黑框：排名最后的社区';
  const term = lowScoreTerm(minScore);
  if (minScore === null || !term) return `颜色：最新检查得分；${ranked}`;
  const bounds = [0, ...scoreClassBreaks(minScore)];
  // The layer drops its first colours when it has fewer than five classes.
  const names = SCORE_COLOR_NAMES.slice(SCORE_COLOR_NAMES.length - bounds.length);
  const below = scoreClassesUnderLine(minScore);
  // A line of 0 has no class under it (every other line is a class edge: scoreClassBreaks).
  if (below === 0) return `颜色：最新检查得分（${term.word}：${term.short}）；${ranked}`;
  return `${names.slice(0, below).join('、')}：${term.word}（${term.short}）；${ranked}`;
}

/** A slide's look under the campaign's config (the score slide's key follows its score line). */
export function slideLook(id: SlideId, config: Pick<CampaignConfig, 'lagging'> | null): SlideLook {
  const look = SLIDE_LOOKS[id];
  return id === 'problems' && config ? { ...look, key: scoreSlideKey(config.lagging.minScore) } : look;
}
