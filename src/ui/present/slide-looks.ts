/** What the map shows on each slide: the status layer and the 连线成片 overlays. */
import type { SlideId } from '../../core/index.ts';
import type { StatusLayerId } from '../../state/status-layer-ids.ts';
import type { AppState } from '../../state/store.ts';
import type { SlideLayout } from './stage.ts';

export interface SlideLook {
  layer: StatusLayerId;
  overlays: AppState['overlays'];
  /** One line under the map saying what the colours mean. */
  key: string;
  /** `map`: the map takes most of the stage; `text` and `table`: the panel does (see `panelShare`). */
  layout: SlideLayout;
}

const NONE = { clusters: false, zones: false, rings: false, bridges: false };

export const SLIDE_LOOKS: Readonly<Record<SlideId, SlideLook>> = {
  title: { layer: 'demo', overlays: { ...NONE, clusters: true }, key: '彩色：精品示范社区（按主题）', layout: 'map' },
  achievements: { layer: 'level', overlays: NONE, key: '紫色越深，文明社区等级越高', layout: 'map' },
  problems: { layer: 'score', overlays: NONE, key: '红色：最新检查得分低于红线；黑框：排名最后的社区', layout: 'table' },
  clusters: { layer: 'demo', overlays: { ...NONE, clusters: true }, key: '彩色轮廓：片区；橙色虚线：孤立点（孤立的示范社区）', layout: 'map' },
  bridges: { layer: 'demo', overlays: { ...NONE, clusters: true, bridges: true }, key: '黑色圆点与虚线：建议补充的社区（按序号）', layout: 'map' },
  zones: { layer: 'demo', overlays: { ...NONE, clusters: true, zones: true, rings: true }, key: '黄线：共同边界；深色带：联动整治区域；虚线：相邻周边社区', layout: 'map' },
  targets: { layer: 'street', overlays: { ...NONE, clusters: true }, key: '颜色：所属街道', layout: 'text' },
};
