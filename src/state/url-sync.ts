/**
 * Two-way sync between the store and `location.hash` (the only module here that touches
 * `location`). Hash parameters (stable; tests and shared links rely on them):
 *   map=<zoom>/<lat>/<lon>   camera
 *   layer=<id>               active status layer (demo|level|facility|score|street)
 *   demo=<code,code,…>       designated set of the plan, present only when it differs from the status table
 *   sel=<code>               selected community
 *   plan=1                   planning mode on
 *   street= level= theme= isdemo=yes|no   filters
 *   data=synthetic:<cells>   a synthetic mosaic instead of the Lucheng data
 *   view=lagging             the 落后分析 view (absent: the dashboard)
 *   asof=<YYYY-MM-DD>        as-of inspection round of the lagging figures (absent: the latest)
 *   street=<code>            selected street (also the street filter)
 *   ro=1                     read-only view of a shared plan (no planning, no imports)
 *   themes=<code:theme,…>    themes given in planning to communities the plan adds
 *   goal=<code,code,…>       the goal of a partial join: one community of each chosen cluster
 */
import { CIVILIZED_LEVELS, type CivilizedLevel } from '../core/index.ts';
import { isPlanModified, selectPlannedThemes } from './selectors.ts';
import { VIEW_IDS, dispatch, type AppState, type AppStore, type Filters, type ViewId } from './store.ts';
import { STATUS_LAYER_IDS, type StatusLayerId } from './status-layers.ts';
import { hashChanged, planCodes } from './updaters.ts';
import { formatHash, parseHash, type MapView } from './url-hash.ts';

/** What a hash says, in state terms. Plan and selection are codes: they need the data to resolve. */
export interface HashIntent {
  view?: MapView;
  layer?: StatusLayerId;
  activeView: ViewId;
  asOf: string | null;
  planCodes?: string[];
  selectedCode?: string;
  planning: boolean;
  filters: Filters;
  source: AppState['source'];
  readOnly: boolean;
  /** Themes of planned additions, code → theme key. */
  themes?: Record<string, string>;
  /** The goal of a partial join, one community per chosen cluster. */
  goalCodes?: string[];
}

const MAX_SYNTHETIC_CELLS = 200_000;

export function readHash(hash: string): HashIntent {
  const { view, extra } = parseHash(hash);
  const params = new Map(extra);
  const layer = params.get('layer');
  const level = params.get('level');
  const isDemo = params.get('isdemo');
  const synthetic = /^synthetic:(\d+)$/.exec(params.get('data') ?? '');
  const cells = synthetic ? Math.min(MAX_SYNTHETIC_CELLS, Math.max(10, Number(synthetic[1]))) : 0;
  return {
    ...(view ? { view } : {}),
    ...(layer && (STATUS_LAYER_IDS as readonly string[]).includes(layer) ? { layer: layer as StatusLayerId } : {}),
    ...(params.has('demo') ? { planCodes: (params.get('demo') ?? '').split(',').filter(Boolean) } : {}),
    ...(params.get('sel') ? { selectedCode: params.get('sel')! } : {}),
    planning: params.get('plan') === '1',
    activeView: (VIEW_IDS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as ViewId) : 'dashboard',
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(params.get('asof') ?? '') ? params.get('asof')! : null,
    readOnly: params.get('ro') === '1',
    filters: {
      street: params.get('street') || null,
      level: level && (CIVILIZED_LEVELS as readonly string[]).includes(level) ? (level as CivilizedLevel) : null,
      theme: params.get('theme') || null,
      demo: isDemo === 'yes' || isDemo === 'no' ? isDemo : null,
    },
    source: cells ? { kind: 'synthetic', cells } : { kind: 'lucheng' },
    ...(params.get('themes') ? { themes: parseThemes(params.get('themes')!) } : {}),
    ...(params.get('goal') ? { goalCodes: params.get('goal')!.split(',').filter(Boolean) } : {}),
  };
}

/** `code:theme,code:theme` → { code: theme }; malformed pieces are ignored. */
function parseThemes(text: string): Record<string, string> {
  const themes: Record<string, string> = {};
  for (const piece of text.split(',')) {
    const colon = piece.indexOf(':');
    if (colon > 0 && colon < piece.length - 1) themes[piece.slice(0, colon)] = piece.slice(colon + 1);
  }
  return themes;
}

/** The hash for a state (keys in a fixed order so links are stable). */
export function writeHash(state: AppState): string {
  const extra: [string, string][] = [];
  if (state.source.kind === 'synthetic') extra.push(['data', `synthetic:${state.source.cells}`]);
  if (state.activeView !== 'dashboard') extra.push(['view', state.activeView]);
  if (state.asOf) extra.push(['asof', state.asOf]);
  if (state.layer !== 'demo') extra.push(['layer', state.layer]);
  if (state.data && isPlanModified(state)) extra.push(['demo', planCodes(state).join(',')]);
  const selected = state.selected !== null ? state.data?.dataset.boundaries.features[state.selected]?.id : undefined;
  if (selected) extra.push(['sel', selected]);
  const themes = Object.entries(selectPlannedThemes(state)).filter(([, theme]) => !/[,:]/.test(theme));
  if (themes.length > 0) extra.push(['themes', themes.map(([code, theme]) => `${code}:${theme}`).join(',')]);
  const goal = state.goal.map((index) => state.data?.dataset.boundaries.features[index]?.id).filter((code): code is string => !!code);
  if (goal.length > 0) extra.push(['goal', goal.join(',')]);
  if (state.planning) extra.push(['plan', '1']);
  if (state.readOnly) extra.push(['ro', '1']);
  if (state.filters.street) extra.push(['street', state.filters.street]);
  if (state.filters.level) extra.push(['level', state.filters.level]);
  if (state.filters.theme) extra.push(['theme', state.filters.theme]);
  if (state.filters.demo) extra.push(['isdemo', state.filters.demo]);
  return formatHash({ view: state.view, extra });
}

const SHARED_KEYS: (keyof AppState)[] = ['view', 'activeView', 'asOf', 'layer', 'plan', 'selected', 'planning', 'filters', 'source', 'data', 'planThemes', 'goal', 'readOnly'];

/**
 * Keeps the hash in step with the store (replaceState: panning must not flood the history) and
 * applies hash edits made by the user (typing a link, back/forward).
 */
export function syncUrl(store: AppStore): () => void {
  const unsubscribe = store.subscribe((state, previous) => {
    if (!SHARED_KEYS.some((key) => state[key] !== previous[key])) return;
    const next = writeHash(state);
    if (next !== location.hash && !(next === '' && location.hash === '')) history.replaceState(null, '', next || location.pathname + location.search);
  });
  const onHashChange = () => {
    dispatch(store, hashChanged, readHash(location.hash));
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
  };
}
