/**
 * 问题 (issue 20): the campaign's cases as the signed-in user may see them, with filters by
 * state, category, unit, round and colour, counts, and one row per case (number, community,
 * state, three-colour badge, deadline); a row opens the case page. A city department's account
 * sees only its cases and its referral slips 抄告单. Loaded on demand in 服务器模式.
 */
import { useMemo } from 'react';
import { CASE_COLOUR_LABELS, CASE_STATES, CASE_STATE_LABELS, ROUND_KIND_LABELS, type CaseColour, type CaseState } from '../../core/index.ts';
import type { CasesFlow } from '../../app/effects/cases.ts';
import { caseFilterOptions, clearCaseFilters, countCases, filterCases, NO_CASE_FILTERS, openCase, setCaseFilter, setCasesOnMap, unitKey, type CaseFilters, type CaseItem } from '../../state/cases.ts';
import { dispatchCases, useCases, type CasesStore } from '../../state/cases-store.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { CaseBadge } from './CaseBadge.tsx';
import { formatDeadline, unitLabel } from './labels.ts';
import { useCaseNames, type CaseNames } from './use-case-names.ts';
import './cases.css';

const COLOURS: readonly CaseColour[] = ['red', 'yellow', 'blue'];

export function CasesPanel({ store, cases, flow }: { store: AppStore; cases: CasesStore; flow: CasesFlow }) {
  const me = useAppStore(store, (state) => state.server.me);
  const status = useCases(cases, (state) => state.status);
  const error = useCases(cases, (state) => state.error);
  const items = useCases(cases, (state) => state.cases);
  const filters = useCases(cases, (state) => state.filters);
  const mapShown = useCases(cases, (state) => state.mapShown);
  const names = useCaseNames(store);
  const shown = useMemo(() => filterCases(items, filters), [items, filters]);
  const counts = useMemo(() => countCases(items), [items]);
  const department = me?.role === 'department';
  const slips = useMemo(() => (department ? items.filter((item) => item.unit.kind === 'department') : []), [department, items]);

  if (!me) return null;
  return (
    <section className="cases-panel" data-testid="cases-panel" data-status={status} aria-labelledby="cases-title">
      <h2 id="cases-title">{department ? '本部门的问题与抄告单' : '问题督办'}</h2>
      {status === 'error' && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {status === 'loading' && <p className="muted">正在读取问题…</p>}
      <p className="case-counts" data-testid="case-counts" data-total={counts.total} data-open={counts.open}>
        共 <strong>{counts.total}</strong> 件，未销号 <strong>{counts.open}</strong> 件
        {COLOURS.map((colour) => (
          <button key={colour} type="button" className={`chip ${colour}`} aria-pressed={filters.colour === colour} data-testid={`count-${colour}`} data-count={counts.byColour[colour]} onClick={() => dispatchCases(cases, setCaseFilter, 'colour', filters.colour === colour ? null : colour)}>
            {CASE_COLOUR_LABELS[colour]} {counts.byColour[colour]}
          </button>
        ))}
      </p>
      <CaseFiltersForm cases={cases} items={items} filters={filters} names={names} byState={counts.byState} />
      <label className="toggle">
        <input type="checkbox" checked={mapShown} onChange={(event) => dispatchCases(cases, setCasesOnMap, event.target.checked)} data-testid="cases-on-map" />
        在地图上显示问题点位（按三色着色，缩小时聚合）
      </label>
      <p className="muted" data-testid="cases-shown" data-count={shown.length}>
        {shown.length === items.length ? `显示全部 ${items.length} 件` : `筛选后 ${shown.length} 件（共 ${items.length} 件）`}
      </p>
      <ol className="case-list" data-testid="case-list">
        {shown.map((item) => (
          <CaseRow key={item.id} item={item} names={names} onOpen={() => dispatchCases(cases, openCase, item.id)} />
        ))}
      </ol>
      {status === 'ready' && shown.length === 0 && <p className="muted">{items.length === 0 ? '暂无问题。' : '没有符合筛选条件的问题。'}</p>}
      {department && <ReferralSlips slips={slips} names={names} flow={flow} onOpen={(id) => dispatchCases(cases, openCase, id)} />}
    </section>
  );
}

function CaseRow({ item, names, onOpen }: { item: CaseItem; names: CaseNames; onOpen: () => void }) {
  const community = names.communities.get(item.community);
  return (
    <li className={`case-row ${item.colour ?? 'none'}`} data-testid="case-row" data-case={item.id} data-number={item.number} data-state={item.state} data-colour={item.colour ?? ''}>
      <button type="button" className="case-open" onClick={onOpen} aria-label={`打开第 ${item.number} 号问题`}>
        <span className="case-number">第 {item.number} 号</span>
        <span className="case-community">{community?.name ?? item.community}</span>
        <span className="case-state" data-testid="case-state">
          {CASE_STATE_LABELS[item.state]}
        </span>
        <CaseBadge colour={item.colour} />
        <span className="case-deadline">期限 {formatDeadline(item.deadline)}</span>
        <span className="case-unit muted">{unitLabel(item.unit, names)}</span>
      </button>
    </li>
  );
}

function CaseFiltersForm({ cases, items, filters, names, byState }: { cases: CasesStore; items: readonly CaseItem[]; filters: CaseFilters; names: CaseNames; byState: Record<CaseState, number> }) {
  const options = useMemo(() => caseFilterOptions(items), [items]);
  const set = <K extends keyof CaseFilters>(key: K, value: string) => dispatchCases(cases, setCaseFilter, key, (value === '' ? null : value) as CaseFilters[K]);
  return (
    <div className="case-filters" role="group" aria-label="筛选问题">
      <label>
        状态
        <select value={filters.state ?? ''} onChange={(event) => set('state', event.target.value)} data-testid="case-filter-state">
          <option value="">全部</option>
          {CASE_STATES.map((state) => (
            <option key={state} value={state}>
              {CASE_STATE_LABELS[state]}（{byState[state]}）
            </option>
          ))}
        </select>
      </label>
      <label>
        类别
        <select value={filters.category ?? ''} onChange={(event) => set('category', event.target.value)} data-testid="case-filter-category">
          <option value="">全部</option>
          {options.categories.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
        </select>
      </label>
      <label>
        责任单位
        <select value={filters.unit ?? ''} onChange={(event) => set('unit', event.target.value)} data-testid="case-filter-unit">
          <option value="">全部</option>
          {options.units.map((unit) => (
            <option key={unitKey(unit)} value={unitKey(unit)}>
              {unitLabel(unit, names)}
            </option>
          ))}
        </select>
      </label>
      <label>
        轮次
        <select value={filters.round ?? ''} onChange={(event) => set('round', event.target.value)} data-testid="case-filter-round">
          <option value="">全部</option>
          {options.rounds.map((round) => (
            <option key={round} value={round}>
              {roundLabel(round)}
            </option>
          ))}
        </select>
      </label>
      <label>
        三色
        <select value={filters.colour ?? ''} onChange={(event) => set('colour', event.target.value)} data-testid="case-filter-colour">
          <option value="">全部</option>
          {COLOURS.map((colour) => (
            <option key={colour} value={colour}>
              {CASE_COLOUR_LABELS[colour]}
            </option>
          ))}
          <option value="none">未预警</option>
        </select>
      </label>
      <button type="button" disabled={filters === NO_CASE_FILTERS} onClick={() => dispatchCases(cases, clearCaseFilters)}>
        清除筛选
      </button>
    </div>
  );
}

/** A round's id as shown (a kind prefix such as `weekly-…` reads as 周查 …). */
function roundLabel(round: string): string {
  const kind = Object.keys(ROUND_KIND_LABELS).find((key) => round.startsWith(key));
  return kind ? `${ROUND_KIND_LABELS[kind as keyof typeof ROUND_KIND_LABELS]} ${round.slice(kind.length).replace(/^[-_:]/, '')}` : round;
}

/** A department's referral slips 抄告单: one per case referred to it, each opening as the PDF to print. */
function ReferralSlips({ slips, names, flow, onOpen }: { slips: readonly CaseItem[]; names: CaseNames; flow: CasesFlow; onOpen: (id: string) => void }) {
  return (
    <section className="referral-slips" data-testid="referral-slips" aria-labelledby="slips-title">
      <h3 id="slips-title">抄告单（{slips.length} 份）</h3>
      {slips.length === 0 ? (
        <p className="muted">暂无抄告单。</p>
      ) : (
        <ul>
          {slips.map((item) => (
            <li key={item.id} data-testid="referral-slip" data-case={item.id}>
              <button type="button" className="link-button" onClick={() => onOpen(item.id)}>
                第 {item.number} 号 · {names.communities.get(item.community)?.name ?? item.community} · {CASE_STATE_LABELS[item.state]}
              </button>{' '}
              <a href={flow.referralUrl(item.id)} target="_blank" rel="noopener" data-testid="referral-pdf">
                打印抄告单（PDF）
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
