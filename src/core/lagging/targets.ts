/**
 * Progress against the campaign targets (`targets` in the config), for the gauges:
 * demonstration communities designated and on standard (not lagging) vs `demoCommunities`,
 * share of civilized communities (any level) vs `civilizedShare`, city-level communities vs
 * `newCityLevel` new ones. The status table is a snapshot: new city-level communities are those
 * now in the table minus `cityLevelAtStart`; without that baseline the gauge says it cannot count
 * new ones (value null) instead of comparing all city-level communities with a target for new ones.
 */
import { formatShare } from './format.ts';
import { RED_LIGHT_WORD } from './terms.ts';
import type { CommunityStatus } from '../model.ts';
import type { CampaignConfig } from '../parse/campaign-config.ts';
import type { CommunityAssessment } from './assess-communities.ts';

export type TargetId = 'demo' | 'demoOnStandard' | 'civilized' | 'cityLevel';

export interface TargetProgress {
  id: TargetId;
  label: string;
  /** Current value: a count, or a share 0–1 when `unit` is `share`; null when it cannot be known (no baseline). */
  value: number | null;
  /** `value` as shown (`7`, `58%`, `—`). */
  valueText: string;
  /** `target` as shown (`12 个`, `60%`). */
  targetText: string;
  target: number;
  unit: 'count' | 'share';
  /** value / target, 0 when the target is 0 and nothing is needed (then `met`). */
  progress: number;
  met: boolean;
  note: string;
}

export function targetProgress(status: readonly (CommunityStatus | null)[], assessments: readonly CommunityAssessment[], config: CampaignConfig): TargetProgress[] {
  const rows = status.filter((row): row is CommunityStatus => row !== null);
  const demo = rows.filter((row) => row.demo).length;
  const demoOnStandard = assessments.filter((assessment) => assessment.demo && !assessment.lagging).length;
  const civilized = rows.length === 0 ? 0 : rows.filter((row) => row.level !== 'none').length / rows.length;
  const city = rows.filter((row) => row.level === 'city').length;
  const { demoCommunities, civilizedShare, newCityLevel, cityLevelAtStart } = config.targets;
  const newCity = cityLevelAtStart === null ? null : Math.max(0, city - cityLevelAtStart);
  const text = (value: number, unit: TargetProgress['unit']) => (unit === 'share' ? formatShare(value) : `${value}`);
  const make = (id: TargetId, label: string, value: number | null, target: number, unit: TargetProgress['unit'], note: string): TargetProgress => ({
    id,
    label,
    value,
    valueText: value === null ? '—' : text(value, unit),
    targetText: unit === 'share' ? formatShare(target) : `${target} 个`,
    target,
    unit,
    progress: value === null ? 0 : target > 0 ? value / target : 1,
    met: value !== null && value >= target,
    note,
  });
  return [
    make('demo', '精品示范社区（已确定）', demo, demoCommunities, 'count', '状态表中「精品示范社区 = 是」的社区'),
    make('demoOnStandard', `精品示范社区（未${RED_LIGHT_WORD}）`, demoOnStandard, demoCommunities, 'count', '示范社区中未亮红灯的'),
    make('civilized', '文明社区比例', civilized, civilizedShare, 'share', '市级及以上（含全国候选）文明社区占全部社区'),
    cityLevelAtStart === null
      ? make('cityLevel', '新增市级文明社区', null, newCityLevel, 'count', `现有市级文明社区 ${city} 个；未设创建前的基线（targets.cityLevelAtStart），无法计算新增`)
      : make('cityLevel', '新增市级文明社区', newCity, newCityLevel, 'count', `现有市级文明社区 ${city} 个，创建前 ${cityLevelAtStart} 个`),
  ];
}
