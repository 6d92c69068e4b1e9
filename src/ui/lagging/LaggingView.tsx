/**
 * The 落后分析 view (`view=lagging`): which streets and communities lag and why, as of an
 * inspection round. It shares the one map with the dashboard; these are its side and bottom panels.
 * Everything shown is read from the core's lagging report (selectLaggingReport).
 */
import { useState } from 'react';
import type { AppStore } from '../../state/store.ts';
import { CommunityDetails } from '../details/CommunityDetails.tsx';
import { AsOfSlider } from './AsOfSlider.tsx';
import { BudgetChart } from '../charts/BudgetChart.tsx';
import { BulletinPage, downloadBulletinCsv, useBulletin } from './BulletinPage.tsx';
import { CommunityRanking } from './CommunityRanking.tsx';
import { FacilityMatrix } from './FacilityMatrix.tsx';
import { GradeSummary } from './GradeSummary.tsx';
import { UnitStandings } from './UnitStandings.tsx';
import { StreetRanking } from './StreetRanking.tsx';
import { StreetSummary } from './StreetSummary.tsx';
import { TargetGauges } from '../charts/TargetGauges.tsx';
import { TimelineChart } from '../charts/TimelineChart.tsx';
import { TrendChart } from '../charts/TrendChart.tsx';

/** Left panel: as-of slider, the grades 红黄绿, street ranking, the units' standings (with cases), bulletin buttons, target gauges. */
export function LaggingSide({ store }: { store: AppStore }) {
  const [bulletinOpen, setBulletinOpen] = useState(false);
  const result = useBulletin(store);
  return (
    <div className="lagging-side" data-testid="lagging-view">
      <h2>落后分析</h2>
      <AsOfSlider store={store} />
      <GradeSummary store={store} />
      <StreetRanking store={store} />
      <UnitStandings store={store} />
      <div className="button-row">
        <button type="button" data-testid="bulletin-open" onClick={() => setBulletinOpen(true)}>
          半月通报（打印）
        </button>
        <button type="button" onClick={() => result && downloadBulletinCsv(result)} disabled={!result}>
          通报 CSV
        </button>
      </div>
      <h2>目标完成情况</h2>
      <TargetGauges store={store} />
      {bulletinOpen && <BulletinPage store={store} onClose={() => setBulletinOpen(false)} />}
    </div>
  );
}

/** Right panel: the selected street (or district), bottom/top communities with reasons, the selected community. */
export function LaggingDetails({ store }: { store: AppStore }) {
  return (
    <>
      <StreetSummary store={store} />
      <CommunityRanking store={store} />
      <CommunityDetails store={store} />
    </>
  );
}

/** Bottom panel, two tabs: the charts (trend, budget, timeline) and the facility checklist matrix. */
export function LaggingCharts({ store }: { store: AppStore }) {
  const [tab, setTab] = useState<'charts' | 'facilities'>('charts');
  return (
    <div className="lagging-bottom">
      <div className="tabs" role="tablist" aria-label="图表与清单">
        <button type="button" role="tab" aria-selected={tab === 'charts'} onClick={() => setTab('charts')}>
          趋势 · 经费 · 时间轴
        </button>
        <button type="button" role="tab" aria-selected={tab === 'facilities'} onClick={() => setTab('facilities')} data-testid="tab-facilities">
          设施清单（五室三站二栏一校一场所）
        </button>
      </div>
      {tab === 'charts' ? (
        <div className="lagging-charts" role="tabpanel">
          <TrendChart store={store} />
          <BudgetChart store={store} />
          <TimelineChart store={store} />
        </div>
      ) : (
        <div className="lagging-matrix" role="tabpanel">
          <FacilityMatrix store={store} />
        </div>
      )}
    </div>
  );
}
