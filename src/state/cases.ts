/**
 * The cases 问题 of the supervision loop (issue 20) as the dashboard holds them: the list the
 * server answered (each case with the colour the server's core computed at the server's clock),
 * the list's filters, the open case and whether the map shows them. Pure state and updaters,
 * tested in Node; the effect that reads the server and applies its live events is
 * src/app/effects/cases.ts, the store that holds this state src/state/cases-store.ts.
 *
 * Kept apart from the app's store on purpose: cases are server data with their own lifecycle
 * (signed in or not, a department sees only its own), and the plan's updaters never touch them.
 */
import type { CaseView, ReferralRow, RoundRow, SupervisionInfo } from '../api/index.ts';
import { CASE_STATES, type CaseColour, type CaseState, type ResponsibleUnit } from '../core/index.ts';

/** A case as the API answers it: the core's record, its three-colour state now (null = no colour), names for display. */
export type CaseItem = CaseView;

/** The list's filters (null = any). `unit` is a unit key (`unitKey`); `colour` 'none' = cases without a colour. */
export interface CaseFilters {
  state: CaseState | null;
  category: string | null;
  unit: string | null;
  round: string | null;
  colour: CaseColour | 'none' | null;
}

export const NO_CASE_FILTERS: CaseFilters = { state: null, category: null, unit: null, round: null, colour: null };

export interface CasesState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the list could not be read, in Chinese; null otherwise. */
  error: string | null;
  /** Cases by number, newest report first. */
  cases: CaseItem[];
  filters: CaseFilters;
  /** The case whose page is open; null = none. */
  openId: string | null;
  /** Cases drawn on the dashboard's map. */
  mapShown: boolean;
  /** Counts list reloads and live changes applied (a change signal for automation). */
  revision: number;
  /** The server's clock when the list was read (the colours are as of then), ISO date-time. */
  now: string | null;
  /** Categories, departments and colour rules of the campaign (GET …/supervision); null until read. */
  info: SupervisionInfo | null;
  /** The referral slips 抄告单 the user may see (a department: its own). */
  referrals: ReferralRow[];
  /** The campaign's rounds (for the round filter's names). */
  rounds: RoundRow[];
}

export const NO_CASES: CasesState = { status: 'idle', error: null, cases: [], filters: NO_CASE_FILTERS, openId: null, mapShown: true, revision: 0, now: null, info: null, referrals: [], rounds: [] };

/** `street:330302001` or `department:城管局`: one key per responsible unit. */
export function unitKey(unit: ResponsibleUnit): string {
  return `${unit.kind}:${unit.id}`;
}

const byNumber = (a: CaseItem, b: CaseItem) => b.number - a.number;

export function casesLoading(state: CasesState): Partial<CasesState> {
  return state.status === 'ready' ? {} : { status: 'loading', error: null };
}

/** The server's list (replaces the held one: after sign-in, sign-out or a missed event), read at the server's `now`. */
export function casesLoaded(state: CasesState, cases: readonly CaseItem[], now: string | null = null): Partial<CasesState> {
  return { status: 'ready', error: null, cases: [...cases].sort(byNumber), revision: state.revision + 1, now };
}

export function supervisionRead(_state: CasesState, info: SupervisionInfo): Partial<CasesState> {
  return { info };
}

export function roundsRead(_state: CasesState, rounds: readonly RoundRow[]): Partial<CasesState> {
  return { rounds: [...rounds] };
}

export function referralsRead(_state: CasesState, referrals: readonly ReferralRow[]): Partial<CasesState> {
  return { referrals: [...referrals].sort((a, b) => b.serial - a.serial) };
}

export function casesFailed(_state: CasesState, message: string): Partial<CasesState> {
  return { status: 'error', error: message };
}

/**
 * A case as the server now holds it (an answered transition, or another user's change arriving
 * live): replaces the held copy, or is added when new. An older copy (shorter history) never
 * replaces a newer one, whichever arrives last.
 */
export function caseChanged(state: CasesState, item: CaseItem): Partial<CasesState> {
  const index = state.cases.findIndex((held) => held.id === item.id);
  if (index >= 0 && state.cases[index]!.history.length > item.history.length) return {};
  const cases = index >= 0 ? state.cases.map((held, i) => (i === index ? item : held)) : [...state.cases, item].sort(byNumber);
  return { cases, revision: state.revision + 1 };
}

/** A case the user may no longer see (it left their scope): dropped, and its page closed. */
export function caseRemoved(state: CasesState, id: string): Partial<CasesState> {
  if (!state.cases.some((held) => held.id === id)) return {};
  return { cases: state.cases.filter((held) => held.id !== id), openId: state.openId === id ? null : state.openId, revision: state.revision + 1 };
}

/** Sets one filter (null clears it). */
export function setCaseFilter<K extends keyof CaseFilters>(state: CasesState, key: K, value: CaseFilters[K]): Partial<CasesState> {
  return state.filters[key] === value ? {} : { filters: { ...state.filters, [key]: value } };
}

export function clearCaseFilters(state: CasesState): Partial<CasesState> {
  return state.filters === NO_CASE_FILTERS ? {} : { filters: NO_CASE_FILTERS };
}

export function openCase(_state: CasesState, id: string | null): Partial<CasesState> {
  return { openId: id };
}

export function setCasesOnMap(state: CasesState, shown: boolean): Partial<CasesState> {
  return state.mapShown === shown ? {} : { mapShown: shown };
}

// ---- selectors ----

/** Whether `item` passes every set filter. */
export function caseMatches(item: CaseItem, filters: CaseFilters): boolean {
  if (filters.state !== null && item.state !== filters.state) return false;
  if (filters.category !== null && item.category !== filters.category) return false;
  if (filters.unit !== null && unitKey(item.unit) !== filters.unit) return false;
  if (filters.round !== null && item.roundId !== filters.round) return false;
  if (filters.colour === 'none' && item.colour !== null) return false;
  if (filters.colour !== null && filters.colour !== 'none' && item.colour !== filters.colour) return false;
  return true;
}

/** The cases the filters let through, in the list's order. */
export function filterCases(cases: readonly CaseItem[], filters: CaseFilters): CaseItem[] {
  return cases.filter((item) => caseMatches(item, filters));
}

export interface CaseCounts {
  total: number;
  /** Open = not 销号. */
  open: number;
  byState: Record<CaseState, number>;
  byColour: Record<CaseColour, number>;
}

/** How many cases per state and per colour. */
export function countCases(cases: readonly CaseItem[]): CaseCounts {
  const byState = Object.fromEntries(CASE_STATES.map((state) => [state, 0])) as Record<CaseState, number>;
  const byColour: Record<CaseColour, number> = { blue: 0, yellow: 0, red: 0 };
  for (const item of cases) {
    byState[item.state]++;
    if (item.colour) byColour[item.colour]++;
  }
  return { total: cases.length, open: cases.length - byState.closed, byState, byColour };
}

/** The values the filters can take, from the cases held (sorted, each once). */
export interface FilterOption {
  value: string;
  label: string;
}

/** The values the filters can take, from the cases held (each once, by name), with the names the server gave. */
export function caseFilterOptions(cases: readonly CaseItem[], rounds: readonly Pick<RoundRow, 'id' | 'title'>[] = []): { categories: FilterOption[]; units: FilterOption[]; rounds: FilterOption[] } {
  const categories = new Map<string, string>();
  const units = new Map<string, string>();
  const roundIds = new Set<string>();
  for (const item of cases) {
    categories.set(item.category, item.categoryLabel || item.category);
    units.set(unitKey(item.unit), item.unitName || item.unit.id);
    if (item.roundId) roundIds.add(item.roundId);
  }
  const titles = new Map(rounds.map((round) => [round.id, round.title]));
  const sorted = (entries: Iterable<[string, string]>) => [...entries].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  return { categories: sorted(categories), units: sorted(units), rounds: sorted([...roundIds].map((id) => [id, titles.get(id) ?? id])) };
}

export function selectOpenCase(state: CasesState): CaseItem | null {
  return state.openId === null ? null : (state.cases.find((item) => item.id === state.openId) ?? null);
}
