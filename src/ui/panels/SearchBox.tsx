import { useId, useMemo, useState } from 'react';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { select } from '../../state/updaters.ts';

const MAX_SUGGESTIONS = 8;

/** Community name or code → suggestions; choosing one selects it and flies the map there. */
export function SearchBox({ store }: { store: AppStore }) {
  const data = useAppStore(store, (state) => state.data);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const matches = useMemo(() => {
    const text = query.trim();
    if (!data || text === '') return [];
    const features = data.dataset.boundaries.features;
    const starts = features.filter((feature) => feature.name.startsWith(text) || feature.id.startsWith(text));
    const contains = features.filter((feature) => !starts.includes(feature) && (feature.name.includes(text) || feature.id.includes(text) || feature.street.includes(text)));
    return [...starts, ...contains].slice(0, MAX_SUGGESTIONS);
  }, [data, query]);

  const choose = (index: number) => {
    const feature = matches[index];
    if (!feature) return;
    dispatch(store, select, feature.index);
    setQuery(feature.name);
    setOpen(false);
  };

  return (
    <section className="search" data-testid="search">
      <label htmlFor={`${listId}-input`} className="visually-hidden">
        搜索社区名称或代码
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        placeholder="搜索社区名称或代码…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive((index) => Math.min(index + 1, matches.length - 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => Math.max(index - 1, 0));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            choose(active);
          } else if (event.key === 'Escape') {
            setOpen(false);
          }
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {open && matches.length > 0 && (
        <ul id={listId} role="listbox" className="suggestions" aria-label="搜索结果">
          {matches.map((feature, i) => (
            <li
              key={feature.index}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(i);
              }}
            >
              <span>{feature.name}</span>
              <span className="muted">{feature.street}</span>
            </li>
          ))}
        </ul>
      )}
      {open && query.trim() !== '' && matches.length === 0 && <p className="muted">没有找到「{query.trim()}」</p>}
    </section>
  );
}
