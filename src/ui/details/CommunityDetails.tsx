import { useEffect, useRef } from 'react';
import { scrollIntoPanel } from '../scroll-into-panel.ts';
import { CIVILIZED_LEVEL_LABELS, DEMO_THEMES, FACILITY_GROUP_LABELS, FACILITY_ITEMS, gradeTerms, INSPECTION_KIND_LABELS, missingFacilities, POLICE_MODEL_LABELS, RED_LIGHT_WORD, type DemoThemeKey, type LaggingRuleId } from '../../core/index.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { select, toggleDesignation } from '../../state/updaters.ts';
import { formatArea, formatDate, formatFacilities, formatPercent, formatPopulation, formatScore, formatWan } from '../format.ts';
import { selectLaggingReport } from '../../state/selectors.ts';
import { selectReadOnly } from '../../state/server.ts';
import { ScoreHistoryChart } from '../charts/ScoreHistoryChart.tsx';
import type { FeaturesWiring } from '../features/wiring.ts';

/** Everything known about the selected community. */
export function CommunityDetails({ store, features }: { store: AppStore; features?: FeaturesWiring }) {
  const data = useAppStore(store, (state) => state.data);
  const index = useAppStore(store, (state) => state.selected);
  const designated = useAppStore(store, (state) => (state.selected === null ? false : state.plan.designated[state.selected] === 1));
  const lagging = useAppStore(store, selectLaggingReport);
  const readOnly = useAppStore(store, selectReadOnly);
  // The cluster's label as the report shows it (片区 n, kept across changes), or null outside any cluster.
  const cluster = useAppStore(store, (state) => {
    const id = state.selected === null ? -1 : (state.analysis?.report.clusterOf[state.selected] ?? -1);
    return id < 0 ? null : (state.analysis?.names[id]?.label ?? null);
  });
  const sectionRef = useRef<HTMLElement>(null);
  // A community chosen on the map, in the table or the search: bring its details into view inside
  // its panel only (scrollIntoView also scrolled the page, pushing the header off the top).
  useEffect(() => {
    if (index !== null && sectionRef.current) scrollIntoPanel(sectionRef.current);
  }, [index]);
  if (!data || index === null) {
    return (
      <section className="details" data-testid="community-details" aria-label="社区详情">
        <p className="muted">在地图、表格或搜索框中选择一个社区，查看其详情。</p>
      </section>
    );
  }
  const { dataset, graph, metrics } = data;
  const feature = dataset.boundaries.features[index]!;
  const status = dataset.status[index];
  const facts = dataset.facts[index]!;
  const config = dataset.config;
  const neighbors = Array.from(graph.neighbors.subarray(graph.offsets[index]!, graph.offsets[index + 1]!));
  const assessment = lagging?.communities[index] ?? null;
  const failing = (rule: LaggingRuleId) => (assessment?.rules.includes(rule) ? 'warn-text' : undefined);
  // Inspections as of the chosen round (the assessment's history).
  const history = facts.inspections.map((i) => dataset.inspections[i]!).filter((inspection) => !lagging?.asOf || inspection.date <= lagging.asOf);
  const latest = history[history.length - 1];
  const missing = status ? missingFacilities(status) : [];
  const theme = status?.theme ? (DEMO_THEMES[status.theme as DemoThemeKey] ?? status.theme) : null;

  return (
    <section ref={sectionRef} className="details" data-testid="community-details" aria-labelledby="details-title" data-code={feature.id}>
      <div className="details-head">
        <h2 id="details-title">{feature.name}</h2>
        <button type="button" className="link-button" aria-label="关闭详情" onClick={() => dispatch(store, select, null)}>
          ×
        </button>
      </div>
      <p className="muted">
        {feature.street} · 代码 {feature.id} · {formatArea(metrics.areaM2[index]!)}
      </p>
      <p>
        {designated ? <span className="tag ok">精品示范社区{theme ? ` · ${theme}` : ''}</span> : <span className="tag">非示范社区</span>}
        {cluster !== null && <span className="tag">{cluster}</span>}
        {status && <span className="tag">{CIVILIZED_LEVEL_LABELS[status.level]}文明社区</span>}
        {!readOnly && (
          <button type="button" className="small" onClick={() => dispatch(store, toggleDesignation, index)}>
            {designated ? '取消示范（规划）' : '设为示范（规划）'}
          </button>
        )}
      </p>

      {/* A demonstration community's landscape route 景观路线 (服务器模式: the campaign's features, the veto's rule). */}
      {features && designated && <features.ui.RouteLine store={features.store} community={{ code: feature.id, geometry: feature.geometry }} />}

      {assessment && (
        <div className={assessment.lagging ? 'lagging-box' : 'lagging-box ok'} data-testid="details-lagging" data-lagging={assessment.lagging}>
          <strong>{assessment.lagging ? `${RED_LIGHT_WORD}（${assessment.reasons.length} 项未达标）` : `未${RED_LIGHT_WORD}`}</strong>
          {lagging?.asOf && <span className="muted"> 截至 {formatDate(lagging.asOf)}</span>}
          <p className="details-grade" data-testid="details-grade" data-grade={assessment.grade}>
            分级：<span className={`tag grade-${assessment.grade}`}>{gradeTerms(config)[assessment.grade].label}</span>
            {assessment.gradeReasons.length > 0 && <span className="muted">（{assessment.gradeReasons.map((reason) => reason.text).join('；')}）</span>}
          </p>
          {assessment.reasons.length > 0 && (
            <ul className="reasons">
              {assessment.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
          {assessment.unknown.length > 0 && <p className="muted">无法判定：{assessment.unknown.join('；')}</p>}
          {assessment.rubricScore !== null && (
            <p className="muted" data-testid="rubric">
              台账评分 {formatScore(assessment.rubricScore)}：{assessment.breakdown.map((part) => `${part.label} ${part.points === null ? '—' : part.points}/${part.weight}（${part.detail}）`).join('；')}
            </p>
          )}
        </div>
      )}

      {status ? (
        <>
          <h3>
            配套设施 {formatFacilities(facts.facilities)}{' '}
            {missing.length === 0 ? <span className="tag ok">全部达标</span> : <span className="tag warn">缺 {missing.length} 项</span>}
          </h3>
          <ul className="checklist" aria-label="五室三站二栏一校一场所">
            {FACILITY_ITEMS.map((item) => (
              <li key={item.key} className={status.facilities[item.key] ? 'done' : 'missing'}>
                <span aria-hidden="true">{status.facilities[item.key] ? '✓' : '✗'}</span> {item.label}
                <span className="visually-hidden">{status.facilities[item.key] ? '（已建）' : '（缺）'}</span>
                <span className="group muted">{FACILITY_GROUP_LABELS[item.group]}</span>
              </li>
            ))}
          </ul>
          <dl className="facts">
            <dt>配套用房面积</dt>
            <dd className={failing('facilityArea')}>
              {status.facilityAreaM2 === null ? '—' : `${status.facilityAreaM2} m²`}（标准 {config.facilities.minAreaM2}–{config.facilities.maxAreaM2} m²）
            </dd>
            <dt>楼道亮灯率</dt>
            <dd className={failing('lighting')}>
              {formatPercent(status.lightingRate)}（标准 ≥ {formatPercent(config.lightingThreshold)}）
            </dd>
            <dt>绿化面积</dt>
            <dd>{status.greenAreaM2 === null ? '—' : `${status.greenAreaM2} m²`}</dd>
            <dt>警务</dt>
            <dd>{POLICE_MODEL_LABELS[status.police]}</dd>
            <dt>无毒社区 / 安全小区</dt>
            <dd>
              {status.drugFree ? '是' : '否'} / {status.safeEstate ? '是' : '否'}
            </dd>
            <dt>五乱未整治</dt>
            <dd className={failing('disorders')}>{status.openDisorders} 处</dd>
            <dt>经费（已用 / 下拨）</dt>
            <dd>
              {formatWan(status.budgetSpentWan)} / {formatWan(status.budgetAllocatedWan)}
              {status.budgetAllocatedWan > 0 && <meter min={0} max={status.budgetAllocatedWan} value={Math.min(status.budgetSpentWan, status.budgetAllocatedWan)} aria-label="经费使用进度" />}
            </dd>
            <dt>常住人口</dt>
            <dd>{formatPopulation(status.population)}</dd>
            <dt>责任人</dt>
            <dd>{status.responsible || '—'}</dd>
          </dl>
        </>
      ) : (
        <p className="muted">状态表中没有该社区的记录。</p>
      )}

      <h3>检查得分 {formatScore(assessment?.score ?? null)}</h3>
      {history.length > 0 ? (
        <>
          <ScoreHistoryChart history={assessment?.history ?? []} reference={config.lagging.minScore} label={`${feature.name}历次检查得分`} />
          {latest && (
            <p className="muted">
              最近一次：{formatDate(latest.date)} {INSPECTION_KIND_LABELS[latest.kind]} · 发现问题 {latest.problemsFound} 个，已整改 {latest.problemsRectified} 个{latest.note ? ` · ${latest.note}` : ''}
            </p>
          )}
        </>
      ) : (
        <p className="muted">尚无检查记录。</p>
      )}

      <h3>相邻社区（{neighbors.length}）</h3>
      <p className="members">
        {neighbors.map((neighbor) => (
          <button key={neighbor} type="button" className="link-button" onClick={() => dispatch(store, select, neighbor)}>
            {dataset.boundaries.features[neighbor]!.name}
          </button>
        ))}
      </p>
    </section>
  );
}
