/**
 * Progress against the campaign targets (`targets` in the config), for the gauges:
 * demonstration communities designated and on standard (not lagging) vs `demoCommunities`,
 * share of civilized communities (any level) vs `civilizedShare`, city-level communities vs
 * `newCityLevel`. The status table is a snapshot without a baseline, so "new city-level" counts
 * the city-level communities now in the table (the note says so).
 */
import type { CommunityStatus } from '../model.ts';
import type { CampaignConfig } from '../parse/campaign-config.ts';
import type { CommunityAssessment } from './assess-communities.ts';

export type TargetId = 'demo' | 'demoOnStandard' | 'civilized' | 'cityLevel';

export interface TargetProgress {
  id: TargetId;
  label: string;
  /** Current value: a count, or a share 0–1 when `unit` is `share`. */
  value: number;
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
  const { demoCommunities, civilizedShare, newCityLevel } = config.targets;
  const make = (id: TargetId, label: string, value: number, target: number, unit: TargetProgress['unit'], note: string): TargetProgress => ({
    id,
    label,
    value,
    target,
    unit,
    progress: target > 0 ? value / target : 1,
    met: value >= target,
    note,
  });
  return [
    make('demo', '精品示范社区（已确定）', demo, demoCommunities, 'count', '状态表中「精品示范社区 = 是」的社区'),
    make('demoOnStandard', '精品示范社区（无落后项）', demoOnStandard, demoCommunities, 'count', '示范社区中未亮红灯的'),
    make('civilized', '文明社区比例', civilized, civilizedShare, 'share', '市级及以上（含全国候选）文明社区占全部社区'),
    make('cityLevel', '市级文明社区', city, newCityLevel, 'count', '状态表无基线：按现有市级文明社区计'),
  ];
}
