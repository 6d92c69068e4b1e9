import type { Route } from '../../core/index.ts';
import { clusterLabel, FACILITY_ITEMS } from '../../core/index.ts';

/** One route: its communities in order, the clusters it joins, size, readiness and cost, and an adopt button. */
export function RouteItem({
  route,
  tag,
  nameOf,
  wouldExceed,
  onAdopt,
}: {
  route: Route;
  /** 最佳 / 备选 1 … (omitted in plain lists). */
  tag?: string;
  nameOf: (index: number) => string;
  /** Adopting the route would take the plan past the target. */
  wouldExceed: boolean;
  onAdopt: () => void;
}) {
  const names = route.nodes.map(nameOf);
  return (
    <li data-testid="route-option" data-nodes={route.nodes.join(',')} data-joins={route.joins.join(',')}>
      {tag && <span className={tag === '最佳' ? 'tag ok' : 'tag'}>{tag}</span>}
      <strong>{names.join(' → ')}</strong>
      <span className="muted">
        {' '}
        连接 {route.joins.map(clusterLabel).join('、')} · {route.size} 个社区 · 设施 {route.readiness}/{FACILITY_ITEMS.length * route.size} 项 · 代价 {route.cost.toFixed(3)}
      </span>
      {wouldExceed && <span className="tag warn">采纳后超出目标</span>}
      <button type="button" className="small" data-testid="adopt-route" aria-label={`采纳路线：${names.join('、')}`} onClick={onAdopt}>
        采纳
      </button>
    </li>
  );
}
