import { useMemo } from 'react';
import { contiguousClusters, laggingDesignated, planCounts, RED_LIGHT_WORD, type LaggingReport, type PlanCounts } from '../../core/index.ts';
import { clusterColorOf } from '../../map/layers.ts';
import { diffSelections, selectAnswerPending, selectBaseline, selectBridges, selectLaggingReport, selectPlanAnswer } from '../../state/selectors.ts';
import { CompareMaps } from '../plan/CompareMaps.tsx';
import { RoutesSection } from '../plan/RoutesSection.tsx';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { select, designationFromCodes } from '../../state/updaters.ts';
import { formatArea, formatLength, formatPlanChange, formatPopulation } from '../format.ts';

/**
 * The 连线成片 report: verdict, clusters, isolated communities, bridge suggestions, zones. Every
 * number is the core's answer; while a newer answer is pending the report says 计算中 and shows
 * the last answer dimmed, never the new plan mixed with the old verdict.
 */
export function ClusterReport({ store }: { store: AppStore }) {
  const data = useAppStore(store, (state) => state.data);
  const analysis = useAppStore(store, (state) => state.analysis);
  const designated = useAppStore(store, (state) => state.plan.designated);
  const answeredSelection = useAppStore(store, (state) => state.planAnswer?.designated ?? null);
  const baselineAnalysis = useAppStore(store, (state) => state.baselineAnalysis);
  const comparing = useAppStore(store, (state) => state.scenarios.find((scenario) => scenario.name === state.comparing) ?? null);
  const analysisError = useAppStore(store, (state) => state.analysisError);
  const lastToggleMs = useAppStore(store, (state) => state.lastToggleMs);
  const analysisVersion = useAppStore(store, (state) => state.analysisVersion);
  const lagging = useAppStore(store, selectLaggingReport);
  const bridges = useAppStore(store, selectBridges);
  const features = data?.dataset.boundaries.features ?? [];
  const nameOf = (index: number) => features[index]?.name ?? String(index);
  const exact = useAppStore(store, selectPlanAnswer);
  const pending = useAppStore(store, selectAnswerPending);

  // A saved scenario's clusters, computed on this thread (clusters alone take well under a millisecond).
  const comparison = useMemo(() => {
    if (!comparing || !data) return null;
    const scenario = designationFromCodes(data, comparing.codes);
    return { name: comparing.name, counts: planCounts(contiguousClusters(data.graph, scenario, data.metrics)), diff: diffSelections(selectBaseline({ data }), scenario) };
  }, [comparing, data]);

  if (!data) return null;
  const report = analysis?.report ?? null;
  const verdict = analysis?.verdict ?? null;
  const counts = analysis?.counts ?? null;
  // The plan's difference from the status table, for the comparison: of the answered plan, like its counts.
  const planDiff = diffSelections(selectBaseline({ data }), answeredSelection ?? designated);
  const label = (id: number) => analysis?.names[id]?.label ?? '';

  return (
    <section
      className={pending ? 'cluster-report pending' : 'cluster-report'}
      aria-labelledby="report-title"
      data-testid="cluster-summary"
      // data-cluster-count: the length of the CLI's `clusters` array (patches and isolated points);
      // data-patch-count: patches (片) of 2 or more; data-isolated-count: isolated points (孤立点).
      data-cluster-count={counts?.clusters ?? ''}
      data-patch-count={counts?.patches ?? ''}
      data-isolated-count={counts?.isolated ?? ''}
      data-bridge-count={bridges?.added.length ?? ''}
      data-demo-count={counts?.designated ?? ''}
      data-toggle-ms={lastToggleMs === null ? '' : lastToggleMs.toFixed(1)}
      data-analysis-version={analysisVersion}
      data-analysis-ms={analysis ? analysis.elapsedMs.toFixed(1) : ''}
      data-pending={pending}
      aria-busy={pending}
    >
      <h2 id="report-title">
        连线成片分析
        {pending && report && (
          <span className="pending-note" role="status" data-testid="answer-pending">
            {' '}
            计算中…
          </span>
        )}
      </h2>
      {analysisError && <p role="alert" className="error-text">{analysisError}</p>}
      {!report || !counts ? (
        <p className="muted">正在分析…</p>
      ) : (
        <>
          <p className={verdict === 'contiguous' ? 'verdict ok' : 'verdict warn'} data-testid="verdict">
            {analysis!.headline}
          </p>
          {exact && (
            <p className="muted" data-testid="target-line">
              {exact.target.summary}
            </p>
          )}
          {exact?.target.warnings.map((warning) => (
            <p key={warning} className="warn-text" data-testid="target-warning">
              {warning}
            </p>
          ))}

          <LaggingDemos store={store} lagging={lagging} selected={answeredSelection ?? designated} />

          <h3>
            片区（{counts.patches} 片、{counts.isolated} 个孤立点）
          </h3>
          <ol className="cluster-list">
            {report.clusters.map((cluster) => (
              <li key={cluster.id} data-testid="cluster-item">
                <span className="swatch" style={{ background: clusterColorOf(analysis!.names[cluster.id]!.number) }} aria-hidden="true" />
                <strong>{label(cluster.id)}</strong>
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
                    {label(ring.clusterId)} 周边 {ring.ring.length} 个社区
                  </li>
                ))}
              </ul>
            </>
          )}

          <Comparison baseline={baselineAnalysis?.counts ?? null} current={counts} plan={planDiff} scenario={comparison} nameOf={nameOf} />
          {/* Kept mounted while hidden, so its two maps are made once per dataset (CompareMaps). */}
          {baselineAnalysis && <CompareMaps store={store} shown={planDiff.added.length > 0 || planDiff.removed.length > 0 || comparison !== null} />}
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
  baseline: PlanCounts | null;
  current: PlanCounts;
  plan: { added: number[]; removed: number[] };
  scenario: { name: string; counts: PlanCounts; diff: { added: number[]; removed: number[] } } | null;
  nameOf: (index: number) => string;
}) {
  const modified = plan.added.length > 0 || plan.removed.length > 0;
  if (!baseline || (!modified && !scenario)) return null;
  const row = (label: string, counts: PlanCounts, diff: { added: number[]; removed: number[] } | null) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{counts.designated}</td>
      <td>{counts.patches}</td>
      <td>{counts.isolated}</td>
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
          {scenario && row(scenario.name, scenario.counts, scenario.diff)}
        </tbody>
      </table>
    </>
  );
}

/** Designated communities (in the plan) that lag, with their reasons: the core's answer, as of the chosen round. */
function LaggingDemos({ store, lagging, selected: designated }: { store: AppStore; lagging: LaggingReport | null; selected: Uint8Array }) {
  if (!lagging) return null;
  const demos = laggingDesignated(lagging, designated);
  if (demos.length === 0) return null;
  return (
    <>
      <h3>{RED_LIGHT_WORD}的示范社区（{demos.length}）</h3>
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
