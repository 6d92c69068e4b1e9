/**
 * What a URL hash says in state terms, and the hash for a state (pure; `app/effects/url-sync.ts`
 * applies them to `location`). Hash parameters (stable; tests and shared links rely on them):
 *   map=<zoom>/<lat>/<lon>   camera
 *   layer=<id>               active status layer (demo|level|facility|score|street)
 *   demo=<code,code,…>       designated set of the plan, present only when it differs from the status table
 *   sel=<code>               selected community
 *   plan=1                   planning mode on
 *   street= level= theme= isdemo=yes|no   filters
 *   data=synthetic:<cells>   a synthetic mosaic instead of the Lucheng data
 *   view=present|lagging     the presentation or the 落后分析 view (absent: the dashboard)
 *   slide=<n> step=<k>       presentation slide (1-based) and camera step in it (0 = overview)
 *   stage=<w>x<h>            presentation stage size in pixels (absent: 1920x1080)
 *   present[=<n>]            short form of view=present&slide=<n>, e.g. `#present` or `#present=3`
 *   asof=<YYYY-MM-DD>        as-of inspection round of the lagging figures (absent: the latest)
 *   street=<code>            selected street (also the street filter)
 *   ro=1                     read-only view of a shared plan (no planning, no imports)
 *   themes=<code:theme,…>    themes given in planning to communities the plan adds
 *   goal=<code,code,…>       the goal of a partial join: one community of each chosen cluster
 */
import { CIVILIZED_LEVELS, type CivilizedLevel } from '../core/index.ts';
import { isPlanModified, planCodes, selectPlannedThemes } from './selectors.ts';
import { DEFAULT_STAGE, VIEW_IDS, type AppState, type Filters, type StageSize, type ViewId } from './store.ts';
import { STATUS_LAYER_IDS, type StatusLayerId } from './status-layer-ids.ts';
import { formatHash, parseHash, type MapView } from './url-hash.ts';

/** What a hash says, in state terms. Plan and selection are codes: they need the data to resolve. */
export interface HashIntent {
  view?: MapView;
  layer?: StatusLayerId;
  activeView: ViewId;
  asOf: string | null;
  planCodes?: string[];
  selectedCode?: string;
  designating: boolean;
  slide: number;
  step: number;
  stage: StageSize;
  filters: Filters;
  source: AppState['source'];
  readOnly: boolean;
  /** Themes of planned additions, code → theme key. */
  themes?: Record<string, string>;
  /** The goal of a partial join, one community per chosen cluster. */
  goalCodes?: string[];
}

/** Largest stage side accepted from a link (a 16K wall); larger values fall back to the default. */
const MAX_STAGE_SIDE = 16_384;

/** `6720x2160` → a stage size; anything else (or a side out of 320…16384) → null. */
export function parseStageSize(value: string | null | undefined): StageSize | null {
  const match = /^(\d{3,5})[x×](\d{3,5})$/.exec(value ?? '');
  if (!match) return null;
  const [width, height] = [Number(match[1]), Number(match[2])];
  return width >= 320 && height >= 320 && width <= MAX_STAGE_SIDE && height <= MAX_STAGE_SIDE ? { width, height } : null;
}

const positiveInt = (value: string | null | undefined, fallback: number, min: number) => {
  const number = Number(value);
  return value && Number.isInteger(number) && number >= min ? number : fallback;
};

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
    designating: params.get('plan') === '1',
    // `#present` / `#present=3` are short forms of view=present&slide=3.
    activeView: params.has('present') ? 'present' : (VIEW_IDS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as ViewId) : 'dashboard',
    slide: positiveInt(params.get('present') || params.get('slide'), 1, 1),
    step: positiveInt(params.get('step'), 0, 0),
    stage: parseStageSize(params.get('stage')) ?? DEFAULT_STAGE,
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
  if (state.activeView === 'present') {
    extra.push(['slide', String(state.slide)]);
    if (state.step > 0) extra.push(['step', String(state.step)]);
  }
  if (state.stage.width !== DEFAULT_STAGE.width || state.stage.height !== DEFAULT_STAGE.height) extra.push(['stage', `${state.stage.width}x${state.stage.height}`]);
  if (state.asOf) extra.push(['asof', state.asOf]);
  if (state.layer !== 'demo') extra.push(['layer', state.layer]);
  if (state.data && isPlanModified(state)) extra.push(['demo', planCodes(state).join(',')]);
  const selected = state.selected !== null ? state.data?.dataset.boundaries.features[state.selected]?.id : undefined;
  if (selected) extra.push(['sel', selected]);
  const themes = Object.entries(selectPlannedThemes(state)).filter(([, theme]) => !/[,:]/.test(theme));
  if (themes.length > 0) extra.push(['themes', themes.map(([code, theme]) => `${code}:${theme}`).join(',')]);
  const goal = state.goal.map((index) => state.data?.dataset.boundaries.features[index]?.id).filter((code): code is string => !!code);
  if (goal.length > 0) extra.push(['goal', goal.join(',')]);
  if (state.designating) extra.push(['plan', '1']);
  if (state.readOnly) extra.push(['ro', '1']);
  if (state.filters.street) extra.push(['street', state.filters.street]);
  if (state.filters.level) extra.push(['level', state.filters.level]);
  if (state.filters.theme) extra.push(['theme', state.filters.theme]);
  if (state.filters.demo) extra.push(['isdemo', state.filters.demo]);
  return formatHash({ view: state.view, extra });
}
