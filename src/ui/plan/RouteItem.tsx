import type { DescribedRoute } from '../../core/index.ts';

/** One route: its communities in order, the clusters it joins, what it takes (the core's words), and an adopt button. */
export function RouteItem({
  route,
  tag,
  nameOf,
  onAdopt,
}: {
  route: DescribedRoute;
  /** 最佳 / 备选 1 … (omitted in plain lists). */
  tag?: string;
  nameOf: (index: number) => string;
  onAdopt: () => void;
}) {
  const names = route.nodes.map(nameOf);
  return (
    <li data-testid="route-option" data-nodes={route.nodes.join(',')} data-joins={route.joins.join(',')}>
      {tag && <span className={tag === '最佳' ? 'tag ok' : 'tag'}>{tag}</span>}
      <strong>{names.join(' → ')}</strong>
      <span className="muted">
        {' '}
        {route.joinsText} · {route.facts}
      </span>
      {route.wouldExceed && <span className="tag warn">采纳后超出目标</span>}
      <button type="button" className="small" data-testid="adopt-route" aria-label={`采纳路线：${names.join('、')}`} onClick={onAdopt}>
        采纳
      </button>
    </li>
  );
}
