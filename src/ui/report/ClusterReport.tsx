import { useMemo } from 'react';
import { clusterLabel, contiguousClusters, type ClusterReport as Report, type LaggingReport } from '../../core/index.ts';
import { CLUSTER_COLORS } from '../../map/palettes.ts';
import { diffSelections, selectBaseline, selectBridges, selectLaggingReport, selectTarget } from '../../state/selectors.ts';
import { CompareMaps } from '../plan/CompareMaps.tsx';
import { RoutesSection } from '../plan/RoutesSection.tsx';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { select, selectionFromCodes } from '../../state/updaters.ts';
import { formatArea, formatLength, formatPlanChange, formatPopulation } from '../format.ts';

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
  const bridgeAnswer = useAppStore(store, (state) => state.bridges);
  const targetCheck = selectTarget({ data, analysis, bridges: bridgeAnswer });

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
  const planDiff = diffSelections(selectBaseline({ data }), selected);

  return (
    <section
      className="cluster-report"
      aria-labelledby="report-title"
      data-testid="cluster-summary"
      // data-cluster-count: the length of the CLI's `clusters` array (patches and isolated points);
      // data-patch-count: patches (片) of 2 or more; data-isolated-count: isolated points (孤立点).
      data-cluster-count={report?.clusters.length ?? ''}
      data-patch-count={report ? report.clusters.length - report.isolated.length : ''}
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
                : `尚未连线成片：${designated} 个示范社区分为${splitWords(report.clusters.length - report.isolated.length, report.isolated.length)}`}
          </p>
          <p className="muted" data-testid="target-line">
            目标约 {target} 个精品示范社区，当前方案 {designated} 个{designated < target ? `，还差 ${target - designated} 个` : designated > target ? `，超出 ${designated - target} 个` : '，正好达到目标'}。
          </p>
          {targetCheck?.warnings.map((warning) => (
            <p key={warning} className="warn-text" data-testid="target-warning">
              {warning}
            </p>
          ))}

          <LaggingDemos store={store} lagging={lagging} selected={selected} />

          <h3>
            片区（{report.clusters.length - report.isolated.length} 片、{report.isolated.length} 个孤立点）
          </h3>
          <ol className="cluster-list">
            {report.clusters.map((cluster) => (
              <li key={cluster.id} data-testid="cluster-item">
                <span className="swatch" style={{ background: CLUSTER_COLORS[cluster.id % CLUSTER_COLORS.length] }} aria-hidden="true" />
                <strong>{clusterLabel(cluster.id)}</strong>
                {cluster.size === 1 ? <span className="tag warn">孤立点</span> : null}
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
              <h3>孤立点：待连入的示范社区（{report.isolated.length}）</h3>
              <p className="members" data-testid="isolated-list">
                {report.isolated.map((index) => (
                  <CommunityButton key={index} store={store} index={index} name={nameOf(index)} />
                ))}
              </p>
            </>
          )}

          {analysis && <RoutesSection store={store} report={report} names={analysis.names} nameOf={nameOf} />}

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

          <Comparison baseline={baselineAnalysis?.report ?? null} current={report} plan={planDiff} scenario={comparison} nameOf={nameOf} />
          {baselineAnalysis && (planDiff.added.length + planDiff.removed.length > 0 || comparison) && <CompareMaps store={store} />}
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
      <td>{report.clusters.length - report.isolated.length}</td>
      <td>{report.isolated.length}</td>
      <td>{diff ? formatPlanChange(diff.added.map(nameOf), diff.removed.map(nameOf)) : '—'}</td>
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
            <th scope="col">片</th>
            <th scope="col">孤立点</th>
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

/** "3 片和 2 个孤立点" in the campaign's words: a patch (片) has 2 or more, an isolated point (孤立点) one. */
function splitWords(patches: number, isolated: number): string {
  const parts = [patches > 0 ? ` ${patches} 片` : '', isolated > 0 ? ` ${isolated} 个孤立点` : ''].filter(Boolean);
  return parts.join('和');
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
