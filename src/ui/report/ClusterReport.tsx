import { useMemo } from 'react';
import { clusterLabel, contiguousClusters, type ClusterReport as Report, type LaggingReport } from '../../core/index.ts';
import { CLUSTER_COLORS } from '../../map/palettes.ts';
import { diffSelections, selectBaseline, selectBridges, selectLaggingReport } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { select, selectionFromCodes, setDesignation } from '../../state/updaters.ts';
import { formatArea, formatFacilities, formatLength, formatPopulation } from '../format.ts';

/** The 连线成片 report: verdict, clusters, isolated communities, bridge suggestions, zones. */
export function ClusterReport({ store }: { store: AppStore }) {
  const data = useAppStore(store, (state) => state.data);
  const analysis = useAppStore(store, (state) => state.analysis);
  const selected = useAppStore(store, (state) => state.plan.selected);
  const baselineAnalysis = useAppStore(store, (state) => state.baselineAnalysis);
  const comparing = useAppStore(store, (state) => state.scenarios.find((scenario) => scenario.name === state.comparing) ?? null);
  const analysisError = useAppStore(store, (state) => state.analysisError);
  const lastToggleMs = useAppStore(store, (state) => state.lastToggleMs);
  const analysisVersion = useAppStore(store, (state) => state.analysisVersion);
  const lagging = useAppStore(store, selectLaggingReport);
  const bridges = useAppStore(store, selectBridges);
  const features = data?.dataset.boundaries.features ?? [];
  const nameOf = (index: number) => features[index]?.name ?? String(index);
  const target = data?.dataset.config.targets.demoCommunities ?? 0;

  // A saved scenario's clusters, computed on this thread (clusters alone take well under a millisecond).
  const comparison = useMemo(() => {
    if (!comparing || !data) return null;
    const scenario = selectionFromCodes(data, comparing.codes);
    return { name: comparing.name, report: contiguousClusters(data.graph, scenario, data.metrics), diff: diffSelections(selectBaseline({ data }), scenario) };
  }, [comparing, data]);

  if (!data) return null;
  const report = analysis?.report ?? null;
  const verdict = analysis?.verdict ?? null;
  const designated = selected.reduce((sum, value) => sum + value, 0);

  return (
    <section
      className="cluster-report"
      aria-labelledby="report-title"
      data-testid="cluster-summary"
      data-cluster-count={report?.clusters.length ?? ''}
      data-isolated-count={report?.isolated.length ?? ''}
      data-bridge-count={bridges?.added.length ?? ''}
      data-demo-count={designated}
      data-toggle-ms={lastToggleMs === null ? '' : lastToggleMs.toFixed(1)}
      data-analysis-version={analysisVersion}
      data-analysis-ms={analysis ? analysis.elapsedMs.toFixed(1) : ''}
      aria-busy={!report}
    >
      <h2 id="report-title">连线成片分析</h2>
      {analysisError && <p role="alert" className="error-text">{analysisError}</p>}
      {!report ? (
        <p className="muted">正在分析…</p>
      ) : (
        <>
          <p className={verdict === 'contiguous' ? 'verdict ok' : 'verdict warn'} data-testid="verdict">
            {verdict === 'empty'
              ? '尚未确定示范社区'
              : verdict === 'contiguous'
                ? `已实现连线成片：${designated} 个示范社区连成 1 片`
                : `尚未连线成片：${designated} 个示范社区分成 ${report.clusters.length} 片，其中 ${report.isolated.length} 个孤立`}
          </p>
          <p className="muted">
            目标约 {target} 个精品示范社区，当前 {designated} 个{designated < target ? `，还差 ${target - designated} 个` : ''}。
          </p>

          <LaggingDemos store={store} lagging={lagging} selected={selected} />

          <h3>片区（{report.clusters.length}）</h3>
          <ol className="cluster-list">
            {report.clusters.map((cluster) => (
              <li key={cluster.id} data-testid="cluster-item">
                <span className="swatch" style={{ background: CLUSTER_COLORS[cluster.id % CLUSTER_COLORS.length] }} aria-hidden="true" />
                <strong>{clusterLabel(cluster.id)}</strong>
                {cluster.size === 1 ? <span className="tag warn">孤立</span> : null}
                <span className="muted">
                  {' '}
                  {cluster.size} 个社区 · {formatArea(cluster.areaM2)} · {formatPopulation(cluster.population)}
                </span>
                <div className="members">
                  {cluster.members.map((index) => (
                    <CommunityButton key={index} store={store} index={index} name={nameOf(index)} />
                  ))}
                </div>
              </li>
            ))}
          </ol>

          {report.isolated.length > 0 && (
            <>
              <h3>孤立的示范社区（{report.isolated.length}）</h3>
              <p className="members" data-testid="isolated-list">
                {report.isolated.map((index) => (
                  <CommunityButton key={index} store={store} index={index} name={nameOf(index)} />
                ))}
              </p>
            </>
          )}

          <BridgeSection store={store} bridges={bridges} report={report} nameOf={nameOf} facilitiesOf={(index) => data.dataset.facts[index]?.facilities ?? null} />

          {analysis && (
            <>
              <h3>相邻联动区域（{analysis.borders.features.length}）</h3>
              {analysis.borders.features.length === 0 ? (
                <p className="muted">没有相邻的示范社区，暂无共同边界。</p>
              ) : (
                <ul className="zone-list" data-testid="zone-list">
                  {[...analysis.borders.features]
                    .sort((x, y) => y.properties.lengthMeters - x.properties.lengthMeters)
                    .map(({ properties: { a, b, lengthMeters } }) => (
                      <li key={`${a}-${b}`}>
                        <CommunityButton store={store} index={a} name={nameOf(a)} /> — <CommunityButton store={store} index={b} name={nameOf(b)} />
                        <span className="muted"> 共同边界 {formatLength(lengthMeters)}</span>
                      </li>
                    ))}
                </ul>
              )}
            </>
          )}

          {analysis && analysis.rings.length > 0 && (
            <>
              <h3>相邻周边社区</h3>
              <ul className="ring-list">
                {analysis.rings.map((ring) => (
                  <li key={ring.clusterId}>
                    {clusterLabel(ring.clusterId)} 周边 {ring.ring.length} 个社区
                  </li>
                ))}
              </ul>
            </>
          )}

          <Comparison baseline={baselineAnalysis?.report ?? null} current={report} plan={diffSelections(selectBaseline({ data }), selected)} scenario={comparison} nameOf={nameOf} />
        </>
      )}
    </section>
  );
}

/** A community name that selects it (and flies the map there). */
function CommunityButton({ store, index, name }: { store: AppStore; index: number; name: string }) {
  return (
    <button type="button" className="link-button" onClick={() => dispatch(store, select, index)}>
      {name}
    </button>
  );
}

function BridgeSection({
  store,
  bridges,
  report,
  nameOf,
  facilitiesOf,
}: {
  store: AppStore;
  bridges: ReturnType<typeof selectBridges>;
  report: Report;
  nameOf: (index: number) => string;
  facilitiesOf: (index: number) => number | null;
}) {
  if (!bridges || report.clusters.length <= 1) return null;
  const apply = (nodes: number[], label: string) => dispatch(store, setDesignation, nodes, 1, label);
  return (
    <>
      <h3>
        建议补充（{bridges.added.length}）<span className="muted"> {bridges.exact ? '最优方案' : '近似方案'}</span>
      </h3>
      {bridges.added.length === 0 ? (
        <p className="muted">无法通过补充社区把各片区连起来。</p>
      ) : (
        <>
          <p className="muted">
            至少补充以下 {bridges.added.length} 个社区，可把{bridges.connected ? '全部片区' : '可连通的片区'}连成一片；个数相同时优先选设施更接近“五室三站二栏一校一场所”标准的社区。
          </p>
          <ol className="bridge-list" data-testid="bridge-list">
            {bridges.suggestions.map((suggestion) => (
              <li key={suggestion.node}>
                <span className="badge" aria-hidden="true">
                  {suggestion.step}
                </span>
                <strong>{nameOf(suggestion.node)}</strong>
                <span className="muted">
                  {' '}
                  连接 {suggestion.joins.map(clusterLabel).join('、')} · 设施 {formatFacilities(facilitiesOf(suggestion.node))}
                </span>
                <button type="button" className="small" onClick={() => apply([suggestion.node], `采纳建议：${nameOf(suggestion.node)}`)}>
                  采纳
                </button>
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => apply(bridges.added, `采纳全部 ${bridges.added.length} 个建议`)} data-testid="apply-all-bridges">
            全部采纳
          </button>
        </>
      )}
      {bridges.unreachableClusters.length > 0 && <p className="muted">{bridges.unreachableClusters.map(clusterLabel).join('、')} 与其他片区不相连（如隔江），无法通过补充社区连接。</p>}
    </>
  );
}

function Comparison({
  baseline,
  current,
  plan,
  scenario,
  nameOf,
}: {
  baseline: Report | null;
  current: Report;
  plan: { added: number[]; removed: number[] };
  scenario: { name: string; report: Report; diff: { added: number[]; removed: number[] } } | null;
  nameOf: (index: number) => string;
}) {
  const modified = plan.added.length + plan.removed.length > 0;
  if (!baseline || (!modified && !scenario)) return null;
  const row = (label: string, report: Report, diff: { added: number[]; removed: number[] } | null) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{report.selectedCount}</td>
      <td>{report.clusters.length}</td>
      <td>{report.isolated.length}</td>
      <td>{diff ? `+${diff.added.map(nameOf).join('、') || '—'}；−${diff.removed.map(nameOf).join('、') || '—'}` : '—'}</td>
    </tr>
  );
  return (
    <>
      <h3>方案对比</h3>
      <table className="compare" data-testid="comparison">
        <thead>
          <tr>
            <th scope="col">方案</th>
            <th scope="col">示范</th>
            <th scope="col">片区</th>
            <th scope="col">孤立</th>
            <th scope="col">变化</th>
          </tr>
        </thead>
        <tbody>
          {row('现状', baseline, null)}
          {modified && row('当前', current, plan)}
          {scenario && row(scenario.name, scenario.report, scenario.diff)}
        </tbody>
      </table>
    </>
  );
}

/** Designated communities (in the plan) that lag, with their reasons: the core's answer, as of the chosen round. */
function LaggingDemos({ store, lagging, selected }: { store: AppStore; lagging: LaggingReport | null; selected: Uint8Array }) {
  if (!lagging) return null;
  const demos = lagging.ranking.map((index) => lagging.communities[index]!).filter((community) => selected[community.index] === 1 && community.lagging);
  if (demos.length === 0) return null;
  return (
    <>
      <h3>落后的示范社区（{demos.length}）</h3>
      <ul className="ranking-list lagging-demos" data-testid="lagging-demos">
        {demos.map((community) => (
          <li key={community.code} className="lagging" data-code={community.code}>
            <CommunityButton store={store} index={community.index} name={community.name} />
            <div className="reasons-line">{community.reasons.join('；')}</div>
          </li>
        ))}
      </ul>
    </>
  );
}
