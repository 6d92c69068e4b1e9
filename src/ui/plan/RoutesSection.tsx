import { useState } from 'react';
import type { ClusterName, ClusterReport, DescribedPairRoutes, DescribedRoute, Route } from '../../core/index.ts';
import { clearGoal, selectGoalClusters, toggleGoalCluster } from '../../state/plan-updaters.ts';
import { selectBridges, selectPlanAnswer, selectRoutes } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { setDesignation } from '../../state/updaters.ts';
import { RouteItem } from './RouteItem.tsx';

/**
 * Suggestions as routes (a chain is one route): the goal picker (which clusters or isolated
 * points to join), the routes that join the goal or everything, and for each pair of clusters
 * the best route with up to 3 alternatives, so a planner can choose 昌明 over 郭公山 knowingly.
 * Every figure and label comes from the core's answer (routes with their facts and target tags,
 * the goal's join, cluster labels); this component only lays them out.
 */
export function RoutesSection({ store, report, names, nameOf }: { store: AppStore; report: ClusterReport; names: ClusterName[]; nameOf: (index: number) => string }) {
  const analysis = useAppStore(store, (s) => s.analysis);
  const bridgeAnswer = useAppStore(store, (s) => s.bridges);
  const planAnswer = useAppStore(store, (s) => s.planAnswer);
  const goalMembers = useAppStore(store, (s) => s.goal);
  const state = { analysis, bridges: bridgeAnswer, planAnswer, goal: goalMembers };
  const [allPairs, setAllPairs] = useState(false);
  const bridges = selectBridges(state);
  const routes = selectRoutes(state);
  const answer = selectPlanAnswer(state);
  const goal = selectGoalClusters(state);
  if (!bridges || report.clusters.length <= 1 || !answer) return null;
  const label = (id: number) => names[id]?.label ?? '';
  const adopt = (route: Route) => dispatch(store, setDesignation, route.nodes, 1, `采纳路线：${route.nodes.map(nameOf).join('、')}`);
  const item = (route: DescribedRoute, tag?: string) => <RouteItem key={`${tag ?? ''}${route.nodes.join('-')}`} route={route} tag={tag} nameOf={nameOf} onAdopt={() => adopt(route)} />;
  const join = goal.length >= 2 ? answer.join : null;
  const inGoal = (pair: DescribedPairRoutes) => goal.includes(pair.a) && goal.includes(pair.b);
  const direct = (pair: DescribedPairRoutes) => pair.best.joins.length === 2;
  const pairs = (answer.pairs ?? []).filter((pair) => (goal.length >= 2 ? inGoal(pair) : allPairs || direct(pair)));
  const routeNote = answer.target.routeNote && (
    <p className="muted" data-testid="route-note">
      {answer.target.routeNote}
    </p>
  );

  return (
    <section aria-labelledby="routes-title" data-testid="routes">
      <h3 id="routes-title">连片目标</h3>
      <p className="muted">勾选要连起来的片区或孤立点；不勾选即把全部连成一片。</p>
      <ul className="goal-picker" data-testid="goal-picker">
        {report.clusters.map((cluster) => (
          <li key={cluster.id}>
            <label>
              <input type="checkbox" checked={goal.includes(cluster.id)} onChange={() => dispatch(store, toggleGoalCluster, cluster.id)} data-testid="goal-option" data-cluster={cluster.id} />
              {label(cluster.id)}
              <span className="muted">（{names[cluster.id]?.name}）</span>
              {cluster.size === 1 && <span className="tag warn">孤立点</span>}
            </label>
          </li>
        ))}
      </ul>
      {goalMembers.length >= 2 && goal.length === 1 && goalMembers.every((v) => report.clusterOf[v]! >= 0) && (
        <p className="verdict ok" data-testid="goal-joined">
          所选的片区和孤立点已连成一片（{label(goal[0]!)}）。
        </p>
      )}
      {goal.length > 0 && (
        <button type="button" className="small" onClick={() => dispatch(store, clearGoal)}>
          改为全部连片
        </button>
      )}

      {goal.length >= 2 ? (
        <>
          <h3>
            连接所选 {goal.length} 处<span className="muted"> 不触及其他片区</span>
          </h3>
          {!join ? (
            <p className="muted">正在计算…</p>
          ) : join.summary === null ? (
            <p className="muted">所选片区无法在不触及其他片区的情况下连起来。</p>
          ) : (
            <>
              <p className="muted" data-testid="goal-summary">
                {join.summary}
              </p>
              {routeNote}
              <ol className="bridge-list" data-testid="goal-routes">
                {join.routes.map((route) => item(route))}
              </ol>
              <button type="button" onClick={() => dispatch(store, setDesignation, join.solution.added, 1, join.label)} data-testid="apply-goal">
                采纳这 {join.solution.added.length} 个
              </button>
            </>
          )}
        </>
      ) : (
        <>
          <h3>
            全部连片建议（{bridges.added.length} 个社区，{routes.length} 条路线）<span className="muted"> {bridges.exact ? '最优方案' : '近似方案'}</span>
          </h3>
          {bridges.added.length === 0 ? (
            <p className="muted">无法通过补充社区把各片区连起来。</p>
          ) : (
            <>
              <p className="muted">至少补充以下社区，可把{bridges.connected ? '全部片区' : '可连通的片区'}连成一片；个数相同时优先选设施更齐备的社区。</p>
              {routeNote}
              <ol className="bridge-list" data-testid="bridge-list">
                {routes.map((route) => item(route))}
              </ol>
              <button type="button" onClick={() => dispatch(store, setDesignation, bridges.added, 1, `采纳全部 ${bridges.added.length} 个建议`)} data-testid="apply-all-bridges">
                全部采纳
              </button>
            </>
          )}
          {bridges.unreachableClusters.length > 0 && <p className="muted">{bridges.unreachableClusters.map(label).join('、')} 与其他片区不相连（如隔江），无法通过补充社区连接。</p>}
        </>
      )}

      {answer?.pairs && (
        <>
          <h3>片区之间的路线</h3>
          <p className="muted">每对片区的最佳路线和至多 3 条备选（备选之间不共用社区），可按设施齐备程度自行取舍；与全部连片建议同样少、同样齐备时，最佳即建议中的那条。</p>
          <ul className="pair-list" data-testid="pair-routes">
            {pairs.map((pair) => (
              <li key={`${pair.a}-${pair.b}`} data-pair={`${pair.a}-${pair.b}`}>
                <strong>{pair.title}</strong>
                <ol className="bridge-list">
                  {item(pair.best, '最佳')}
                  {pair.alternatives.map((route, i) => item(route, `备选 ${i + 1}`))}
                </ol>
              </li>
            ))}
          </ul>
          {goal.length < 2 && answer.pairs.some((pair) => !direct(pair)) && (
            <button type="button" className="small" onClick={() => setAllPairs(!allPairs)}>
              {allPairs ? '只看直接相连的片区' : `显示全部 ${answer.pairs.length} 对片区`}
            </button>
          )}
        </>
      )}
    </section>
  );
}
