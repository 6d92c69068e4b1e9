/**
 * 问题 (issue 20): the campaign's cases as the signed-in user may see them, with filters by
 * state, category, unit, round and colour, counts, and one row per case (number, community,
 * state, three-colour badge, deadline); a row opens the case page. A city department's account
 * sees only its cases and its referral slips 抄告单. Loaded on demand in 服务器模式.
 */
import { useMemo } from 'react';
import { CASE_COLOUR_LABELS, CASE_STATES, CASE_STATE_LABELS, type CaseColour, type CaseState } from '../../core/index.ts';
import type { ReferralRow } from '../../api/index.ts';
import type { CasesFlow } from '../../app/effects/cases.ts';
import { caseFilterOptions, clearCaseFilters, countCases, filterCases, NO_CASE_FILTERS, openCase, setCaseFilter, setCasesOnMap, type CaseFilters, type CaseItem, type CasesState } from '../../state/cases.ts';
import { dispatchCases, useCases, type CasesStore } from '../../state/cases-store.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { CASE_COLOURS } from '../../map/case-layer.ts';
import { CaseBadge } from './CaseBadge.tsx';
import { RoundsSection } from './RoundsSection.tsx';
import { formatDateTime, formatDeadline } from './labels.ts';
import './cases.css';

const COLOURS: readonly CaseColour[] = ['red', 'yellow', 'blue'];

export function CasesPanel({ store, cases, flow }: { store: AppStore; cases: CasesStore; flow: CasesFlow }) {
  const me = useAppStore(store, (state) => state.server.me);
  const status = useCases(cases, (state) => state.status);
  const error = useCases(cases, (state) => state.error);
  const items = useCases(cases, (state) => state.cases);
  const filters = useCases(cases, (state) => state.filters);
  const mapShown = useCases(cases, (state) => state.mapShown);
  const now = useCases(cases, (state) => state.now);
  const referrals = useCases(cases, (state) => state.referrals);
  const rounds = useCases(cases, (state) => state.rounds);
  const shown = useMemo(() => filterCases(items, filters), [items, filters]);
  const counts = useMemo(() => countCases(items), [items]);
  const department = me?.role === 'department';

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
      {now && <p className="muted">三色按服务器时间 {formatDateTime(now)} 计算</p>}
      <CaseFiltersForm cases={cases} items={items} filters={filters} rounds={rounds} byState={counts.byState} />
      <label className="toggle">
        <input type="checkbox" checked={mapShown} onChange={(event) => dispatchCases(cases, setCasesOnMap, event.target.checked)} data-testid="cases-on-map" />
        在地图上显示问题点位（按三色着色，缩小时聚合）
      </label>
      {mapShown && (
        <p className="case-legend muted" data-testid="case-legend" aria-label="问题点位图例">
          {(['red', 'yellow', 'blue', 'none'] as const).map((colour) => (
            <span key={colour}>
              <span className="case-dot" aria-hidden="true" style={{ background: CASE_COLOURS[colour] }} />
              {colour === 'none' ? '无预警' : CASE_COLOUR_LABELS[colour]}
            </span>
          ))}
          <span>数字为聚合的问题数</span>
        </p>
      )}
      <p className="muted" data-testid="cases-shown" data-count={shown.length}>
        {shown.length === items.length ? `显示全部 ${items.length} 件` : `筛选后 ${shown.length} 件（共 ${items.length} 件）`}
      </p>
      <ol className="case-list" data-testid="case-list">
        {shown.map((item) => (
          <CaseRow key={item.id} item={item} onOpen={() => dispatchCases(cases, openCase, item.id)} />
        ))}
      </ol>
      {status === 'ready' && shown.length === 0 && <p className="muted">{items.length === 0 ? '暂无问题。' : '没有符合筛选条件的问题。'}</p>}
      {department && <ReferralSlips slips={referrals} flow={flow} onOpen={(id) => dispatchCases(cases, openCase, id)} />}
      <RoundsSection store={store} cases={cases} flow={flow} />
    </section>
  );
}

function CaseRow({ item, onOpen }: { item: CaseItem; onOpen: () => void }) {
  return (
    <li className={`case-row ${item.colour ?? 'none'}`} data-testid="case-row" data-case={item.id} data-number={item.number} data-state={item.state} data-colour={item.colour ?? ''}>
      <button type="button" className="case-open" onClick={onOpen} aria-label={`打开第 ${item.number} 号问题：${item.communityName}`}>
        <span className="case-number">第 {item.number} 号</span>
        <span className="case-community">{item.communityName || item.community}</span>
        <span className="case-state" data-testid="case-state">
          {CASE_STATE_LABELS[item.state]}
        </span>
        <CaseBadge colour={item.colour} />
        <span className="case-deadline">期限 {formatDeadline(item.deadline)}</span>
        <span className="case-unit muted">
          {item.categoryLabel || item.category} · {item.unitName || item.unit.id}
        </span>
      </button>
    </li>
  );
}

function CaseFiltersForm({ cases, items, filters, rounds, byState }: { cases: CasesStore; items: readonly CaseItem[]; filters: CaseFilters; rounds: CasesState['rounds']; byState: Record<CaseState, number> }) {
  const options = useMemo(() => caseFilterOptions(items, rounds), [items, rounds]);
  const set = <K extends keyof CaseFilters>(key: K, value: string) => dispatchCases(cases, setCaseFilter, key, (value === '' ? null : value) as CaseFilters[K]);
  const select = (key: 'category' | 'unit' | 'round', label: string, list: { value: string; label: string }[]) => (
    <label>
      {label}
      <select value={filters[key] ?? ''} onChange={(event) => set(key, event.target.value)} data-testid={`case-filter-${key}`}>
        <option value="">全部</option>
        {list.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
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
      {select('category', '类别', options.categories)}
      {select('unit', '责任单位', options.units)}
      {select('round', '轮次', options.rounds)}
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

/** A department's referral slips 抄告单: one per case referred to it, each opening as the PDF to print. */
function ReferralSlips({ slips, flow, onOpen }: { slips: readonly ReferralRow[]; flow: CasesFlow; onOpen: (id: string) => void }) {
  return (
    <section className="referral-slips" data-testid="referral-slips" aria-labelledby="slips-title">
      <h3 id="slips-title">抄告单（{slips.length} 份）</h3>
      {slips.length === 0 ? (
        <p className="muted">暂无抄告单。</p>
      ) : (
        <ul>
          {slips.map((slip) => (
            <li key={slip.number} data-testid="referral-slip" data-case={slip.caseId} data-number={slip.number}>
              <button type="button" className="link-button" onClick={() => onOpen(slip.caseId)}>
                {slip.number} · 第 {slip.caseNumber} 号问题 · {CASE_STATE_LABELS[slip.state]}
              </button>{' '}
              <CaseBadge colour={slip.colour} />{' '}
              <a href={flow.referralUrl(slip.caseId)} target="_blank" rel="noopener" data-testid="referral-pdf">
                打印（PDF）
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
