import { useEffect, useMemo, useRef, useState } from 'react';
import { CIVILIZED_LEVEL_LABELS, CIVILIZED_LEVELS, DEMO_THEMES, formatShare, type DemoThemeKey } from '../../core/index.ts';
import { hasActiveFilters, selectFilterMatches, selectLaggingReport } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { hover, select } from '../../state/updaters.ts';
import { formatFacilities, formatPopulation } from '../format.ts';

/** Row height in pixels (fixed, so that only the visible rows need rendering). */
const ROW_HEIGHT = 30;
const OVERSCAN = 8;

interface Row {
  index: number;
  name: string;
  code: string;
  street: string;
  level: number;
  levelLabel: string;
  designated: boolean;
  theme: string;
  facilities: number;
  score: number;
  change: number;
  /** The cluster's number as the report shows it (片区 n), −1 outside any cluster. */
  cluster: number;
  population: number;
  /** Budget spent / allocated (the core's `budgetSpentShare`), −1 when nothing is allocated. */
  budgetUse: number;
  lagging: boolean;
  /** The score rule fails (the score is red; a community can be lagging for other rules with a high score). */
  lowScore: boolean;
  /** Lagging reasons joined (the core's answer), '' when none. */
  reasons: string;
}

type SortKey = 'name' | 'street' | 'level' | 'designated' | 'facilities' | 'score' | 'change' | 'cluster' | 'population' | 'budgetUse' | 'reasons';

/**
 * The columns; `hide` names the narrowest layout that leaves the column out (styles.css), so the
 * table fits the screen instead of scrolling sideways (issue 16: 785 px wide on a 390 px phone).
 * A tapped row opens its details with every figure.
 */
const COLUMNS: { key: SortKey; label: string; numeric?: boolean; hide?: 'tablet' | 'phone' }[] = [
  { key: 'name', label: '社区' },
  { key: 'street', label: '街道' },
  { key: 'level', label: '文明等级', hide: 'phone' },
  { key: 'designated', label: '示范（方案）', hide: 'phone' },
  { key: 'facilities', label: '设施', numeric: true, hide: 'phone' },
  { key: 'score', label: '得分', numeric: true },
  { key: 'change', label: '较上次', numeric: true },
  { key: 'cluster', label: '片区', numeric: true, hide: 'phone' },
  { key: 'population', label: '人口', numeric: true, hide: 'tablet' },
  { key: 'budgetUse', label: '经费使用', numeric: true, hide: 'phone' },
  { key: 'reasons', label: '落后原因' },
];

/** A cell's classes: `base` and, for a column left out on narrow screens, `hide-tablet` or `hide-phone`. */
function cellClass(key: SortKey, base = ''): string | undefined {
  const hide = COLUMNS.find((column) => column.key === key)?.hide;
  return [base, hide ? `hide-${hide}` : ''].filter(Boolean).join(' ') || undefined;
}

/** All communities, sortable, linked both ways with the map (hover and selection). */
export function CommunityTable({ store }: { store: AppStore }) {
  const data = useAppStore(store, (state) => state.data);
  const designated = useAppStore(store, (state) => state.plan.designated);
  const analysis = useAppStore(store, (state) => state.analysis);
  const focused = useAppStore(store, (state) => state.selected);
  const hovered = useAppStore(store, (state) => state.hovered);
  const filters = useAppStore(store, (state) => state.filters);
  const lagging = useAppStore(store, selectLaggingReport);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'score', descending: false });
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(240);
  const scrollRef = useRef<HTMLDivElement>(null);

  const rows = useMemo<Row[]>(() => {
    if (!data) return [];
    const { dataset } = data;
    const matches = hasActiveFilters(filters) ? selectFilterMatches({ data, filters }, designated) : null;
    return dataset.boundaries.features
      .filter((feature) => !matches || matches[feature.index])
      .map((feature) => {
        const status = dataset.status[feature.index];
        const facts = dataset.facts[feature.index]!;
        const clusterId = analysis?.report.clusterOf[feature.index] ?? -1;
        const assessment = lagging?.communities[feature.index];
        const level = status?.level ?? 'none';
        return {
          index: feature.index,
          name: feature.name,
          code: feature.id,
          street: feature.street,
          // Sort key: higher levels first when sorted descending.
          level: -CIVILIZED_LEVELS.indexOf(level),
          levelLabel: CIVILIZED_LEVEL_LABELS[level],
          designated: designated[feature.index] === 1,
          theme: status?.theme ? (DEMO_THEMES[status.theme as DemoThemeKey] ?? status.theme) : '',
          facilities: facts.facilities ?? -1,
          score: assessment?.score ?? -1,
          change: assessment?.scoreChange ?? Number.NaN,
          cluster: clusterId < 0 ? -1 : (analysis?.names[clusterId]?.number ?? -1),
          population: status?.population ?? -1,
          budgetUse: assessment?.budgetSpentShare ?? -1,
          lagging: assessment?.lagging ?? false,
          lowScore: assessment?.rules.includes('score') ?? false,
          reasons: assessment?.reasons.join('；') ?? '',
        };
      });
  }, [data, designated, analysis, filters, lagging]);

  const sorted = useMemo(() => {
    const direction = sort.descending ? -1 : 1;
    const value = (row: Row) => (sort.key === 'designated' ? Number(row.designated) : row[sort.key]);
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order = typeof x === 'string' ? x.localeCompare(y as string, 'zh-CN') : Number.isNaN(x) ? 1 : Number.isNaN(y as number) ? -1 : x - (y as number);
      return order * direction || a.index - b.index;
    });
  }, [rows, sort]);

  // Keep the selected community's row in view when it was selected elsewhere.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (focused === null || !scroller) return;
    const position = sorted.findIndex((row) => row.index === focused);
    if (position < 0) return;
    const top = position * ROW_HEIGHT;
    if (top < scroller.scrollTop || top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight - ROW_HEIGHT) scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 2);
  }, [focused, sorted]);

  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewportHeight(scroller.clientHeight || 240));
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  if (!data) return null;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(sorted.length, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN);
  const visible = sorted.slice(first, last);

  return (
    <div className="table-scroll" ref={scrollRef} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)} data-testid="community-table">
      <table aria-label="社区一览" aria-rowcount={sorted.length + 1}>
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'} className={cellClass(column.key, column.numeric ? 'numeric' : '')}>
                <button type="button" onClick={() => setSort((current) => ({ key: column.key, descending: current.key === column.key ? !current.descending : column.numeric === true }))}>
                  {column.label}
                  <span aria-hidden="true">{sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr style={{ height: first * ROW_HEIGHT }} aria-hidden="true" />}
          {visible.map((row, i) => (
            <tr
              key={row.index}
              aria-rowindex={first + i + 2}
              aria-selected={row.index === focused}
              className={[row.index === focused ? 'selected' : '', row.index === hovered ? 'hovered' : '', row.lagging ? 'lagging' : ''].join(' ').trim() || undefined}
              tabIndex={0}
              onClick={() => dispatch(store, select, row.index)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  dispatch(store, select, row.index);
                }
              }}
              onMouseEnter={() => dispatch(store, hover, row.index)}
              onMouseLeave={() => dispatch(store, hover, null)}
              data-code={row.code}
            >
              <td>{row.name}</td>
              <td>{row.street}</td>
              <td className={cellClass('level')}>{row.levelLabel}</td>
              <td className={cellClass('designated')}>{row.designated ? `是${row.theme ? ` · ${row.theme}` : ''}` : '否'}</td>
              <td className={cellClass('facilities', 'numeric')}>{formatFacilities(row.facilities)}</td>
              <td className={row.lowScore ? 'numeric low-score' : 'numeric'}>{row.score < 0 ? '—' : row.score}</td>
              <td className={`numeric ${row.change < 0 ? 'down' : row.change > 0 ? 'up' : ''}`}>{Number.isNaN(row.change) ? '—' : row.change > 0 ? `+${row.change}` : row.change}</td>
              <td className={cellClass('cluster', 'numeric')}>{row.cluster < 0 ? '' : row.cluster}</td>
              <td className={cellClass('population', 'numeric')}>{row.population < 0 ? '—' : formatPopulation(row.population)}</td>
              <td className={cellClass('budgetUse', 'numeric')}>{row.budgetUse < 0 ? '—' : formatShare(row.budgetUse)}</td>
              <td className="reasons-cell" title={row.reasons}>
                {row.reasons}
              </td>
            </tr>
          ))}
          {last < sorted.length && <tr style={{ height: (sorted.length - last) * ROW_HEIGHT }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}
