import { useMemo } from 'react';
import { CIVILIZED_LEVEL_LABELS, CIVILIZED_LEVELS, DEMO_THEMES, type CivilizedLevel } from '../../core/index.ts';
import { hasActiveFilters, selectFilterCount, selectStreets } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore, type Filters } from '../../state/store.ts';
import { clearFilters, setFilter } from '../../state/updaters.ts';

/** Filters dim the communities that do not match, on the map and in the table. */
export function FilterPanel({ store }: { store: AppStore }) {
  const data = useAppStore(store, (state) => state.data);
  const filters = useAppStore(store, (state) => state.filters);
  const designated = useAppStore(store, (state) => state.plan.designated);
  const streets = useMemo(() => selectStreets({ data }), [data]);
  const matching = useMemo(() => selectFilterCount({ data, filters }, designated), [data, designated, filters]);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => dispatch(store, setFilter, key, value);
  return (
    <section aria-labelledby="filters-title" data-testid="filter-panel">
      <h2 id="filters-title">筛选</h2>
      <div className="field">
        <label htmlFor="filter-street">街道（镇）</label>
        <select id="filter-street" value={filters.street ?? ''} onChange={(event) => set('street', event.target.value || null)}>
          <option value="">全部</option>
          {streets.map((street) => (
            <option key={street.code} value={street.code}>
              {street.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-level">文明社区等级</label>
        <select id="filter-level" value={filters.level ?? ''} onChange={(event) => set('level', (event.target.value || null) as CivilizedLevel | null)}>
          <option value="">全部</option>
          {CIVILIZED_LEVELS.map((level) => (
            <option key={level} value={level}>
              {CIVILIZED_LEVEL_LABELS[level]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-theme">示范主题</label>
        <select id="filter-theme" value={filters.theme ?? ''} onChange={(event) => set('theme', event.target.value || null)}>
          <option value="">全部</option>
          {Object.entries(DEMO_THEMES).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-demo">精品示范社区</label>
        <select id="filter-demo" value={filters.demo ?? ''} onChange={(event) => set('demo', (event.target.value || null) as Filters['demo'])}>
          <option value="">全部</option>
          <option value="yes">是</option>
          <option value="no">否</option>
        </select>
      </div>
      {hasActiveFilters(filters) && (
        <p className="muted" data-testid="filter-count">
          符合条件 {matching} 个社区
          <button type="button" className="link-button" onClick={() => dispatch(store, clearFilters)}>
            清除筛选
          </button>
        </p>
      )}
    </section>
  );
}
