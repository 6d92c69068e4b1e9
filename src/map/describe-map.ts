/**
 * What a map shows for a state, as plain data: `describeMap(state, look)` gives the sources and
 * layers (`content`, for `applyContent`) and the per-community feature states. Pure and tested in
 * Node (test/map/describe-map.test.ts); `ui/map/use-map.ts` only applies the answer to its
 * controller. A describer made by `createMapDescriber` remembers its last inputs per part, so an
 * unchanged part keeps its object and the controller re-sets only the sources that changed (the
 * react-map-gl diff compares source data by identity; every setData costs a re-tiling).
 */
import type { FeatureCollection } from 'geojson';
import { DEMO_THEMES, gradeTerms, type ClusterRing } from '../core/index.ts';
import { hasActiveFilters, selectBridges, selectFilterMatches, selectLaggingReport, selectPlannedThemes, selectShownDesignation } from '../state/selectors.ts';
import type { AppState } from '../state/store.ts';
import type { StatusLayerId } from '../state/status-layer-ids.ts';
import type { MapContent } from './apply-layers.ts';
import { dashboardLayers, SOURCES, type LayerTheme, type MapLabels } from './layers.ts';
import { analysisHighlights, analysisMarkers, communityStates, focusFeatures, highlightFeatures, proposalFeatures, type CommunityState } from './overlays.ts';
import { statusLayerSpec, type StatusLayerContext, type StatusLayerSpec } from './status-layers.ts';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** What a view wants on the map (the dashboard and the presentation differ). */
export interface MapLook {
  layer: StatusLayerId;
  overlays: AppState['overlays'];
  /** Dashboard: hovered and selected community; presentation: communities to outline. */
  focus: { hovered: number | null; selected: number | null } | { highlight: readonly number[] };
  /** Whether the filters dim communities (the dashboard) or not (the presentation). */
  useFilters: boolean;
  theme: LayerTheme;
  /** Which names the map places (layers.ts `LayerOptions.labels`); all by default. */
  labels?: MapLabels;
  /** Street codes outlined as selected and as hovered in a chart (the 落后分析 view). */
  selectedStreet?: string | null;
  hoveredStreet?: string | null;
  /** Members of a 自动推荐 proposal to outline (the dashboard), or null. */
  proposal?: readonly number[] | null;
  /** Where maplibre reads a large set's communities from (`data.mapGeoJsonUrl`, a data: URL); else the map data itself. */
  communitiesUrl?: string | null;
}

/** The state a map is drawn from. */
export type MapState = Pick<AppState, 'data' | 'analysis' | 'bridges' | 'filters' | 'planThemes' | 'asOf' | 'supervisionCases'> & { plan: Pick<AppState['plan'], 'designated'> };

export interface MapDescription {
  content: MapContent;
  /** Feature states per source id (numeric feature ids 0 … n−1); empty while plan and data disagree. */
  featureStates: Partial<Record<string, readonly CommunityState[]>>;
  /** The status layer drawn, with its legend and the context of that legend. */
  legend: { spec: StatusLayerSpec; context: StatusLayerContext };
}

/** Context of the status layers (legend breaks, street colours) for a dataset. */
export function layerContext(state: Pick<AppState, 'data'>): StatusLayerContext {
  const dataset = state.data?.dataset;
  const themes = new Set(dataset?.status.map((row) => row?.theme).filter((theme): theme is string => !!theme));
  return {
    minScore: dataset?.config.lagging.minScore ?? null,
    grades: dataset ? gradeTerms(dataset.config) : null,
    streets: state.data?.map ? [...state.data.map.streetColors].map(([name, color]) => ({ name, color })) : [],
    otherThemes: [...themes].filter((theme) => !(theme in DEMO_THEMES)),
  };
}

/** `fn`, answering from its last call while every argument is the same (by identity). */
function remembered<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; value: R } | null = null;
  return (...args) => {
    if (last && last.args.length === args.length && last.args.every((arg, i) => arg === args[i])) return last.value;
    last = { args, value: fn(...args) };
    return last.value;
  };
}

/** A describer that keeps unchanged parts of its answer identical from one call to the next (one per map). */
export function createMapDescriber(): (state: MapState, look: MapLook) => MapDescription {
  const context = remembered((data: MapState['data']) => layerContext({ data }));
  const spec = remembered(statusLayerSpec);
  const markers = remembered((data: MapState['data'], analysis: MapState['analysis'], bridges: ReturnType<typeof selectBridges>, overlays: MapLook['overlays']) => (data ? analysisMarkers(analysis, bridges, data.metrics, overlays) : EMPTY));
  const highlights = remembered((data: MapState['data'], analysis: MapState['analysis'], rings: ClusterRing[] | null, bridges: ReturnType<typeof selectBridges>) => (data ? analysisHighlights(data.dataset.boundaries, analysis, rings, bridges) : EMPTY));
  const focus = remembered((data: MapState['data'], hovered: number | null, selected: number | null, highlight: readonly number[] | null) =>
    !data ? EMPTY : highlight ? highlightFeatures(data.dataset.boundaries, highlight) : focusFeatures(data.dataset.boundaries, hovered, selected),
  );
  const proposed = remembered((data: MapState['data'], proposal: readonly number[] | null) => (data ? proposalFeatures(data.dataset.boundaries, proposal ?? []) : EMPTY));
  // Communities with a badge (their names are placed first).
  const marked = remembered((collection: FeatureCollection): number[] => collection.features.flatMap((feature) => (feature.properties?.kind === 'cluster' ? [] : [Number(feature.properties?.index)])));
  const layers = remembered((fillColor: StatusLayerSpec['fillColor'], overlays: MapLook['overlays'], theme: LayerTheme, selectedStreet: string | null, hoveredStreet: string | null, badged: readonly number[], labels: MapLabels) =>
    dashboardLayers({ fillColor, overlays, theme, selectedStreet, hoveredStreet, marked: badged, labels }),
  );
  const content = remembered(
    (map: NonNullable<MapState['data']>['map'] | undefined, communitiesUrl: string | null, analysis: MapState['analysis'], highlighted: FeatureCollection, focused: FeatureCollection, marked: FeatureCollection, proposal: FeatureCollection, drawn: MapContent['layers']): MapContent => ({
      sources: map
        ? {
            [SOURCES.communities]: { type: 'geojson', data: communitiesUrl ?? map.communities },
            [SOURCES.labels]: { type: 'geojson', data: map.labels },
            [SOURCES.streets]: { type: 'geojson', data: map.streets },
            [SOURCES.streetLabels]: { type: 'geojson', data: map.streetLabels },
            [SOURCES.district]: { type: 'geojson', data: map.district },
            [SOURCES.outlines]: { type: 'geojson', data: analysis?.outlines ?? EMPTY },
            [SOURCES.zones]: { type: 'geojson', data: analysis?.zones ?? EMPTY },
            [SOURCES.borders]: { type: 'geojson', data: analysis?.borders ?? EMPTY },
            [SOURCES.highlights]: { type: 'geojson', data: highlighted },
            [SOURCES.focus]: { type: 'geojson', data: focused },
            [SOURCES.markers]: { type: 'geojson', data: marked },
            [SOURCES.proposal]: { type: 'geojson', data: proposal },
          }
        : {},
      layers: map ? drawn : [],
    }),
  );
  const states = remembered((data: MapState['data'], designated: Uint8Array, filters: MapState['filters'] | null, lagging: ReturnType<typeof selectLaggingReport>, planThemes: MapState['planThemes']): MapDescription['featureStates'] => {
    if (!data || designated.length !== data.dataset.boundaries.features.length) return {};
    const matches = filters && hasActiveFilters(filters) ? selectFilterMatches({ data, filters }, designated) : null;
    // Themes chosen for newly designated communities colour them like the status table's.
    const themes = selectPlannedThemes({ data, plan: { designated }, planThemes });
    const byIndex = data.dataset.boundaries.features.map((feature) => themes[feature.id] ?? '');
    return { [SOURCES.communities]: communityStates(designated, matches, lagging?.communities ?? null, byIndex) };
  });

  return (state, look) => {
    const { data, analysis } = state;
    const bridges = selectBridges(state);
    const legendContext = context(data);
    const layerSpec = spec(look.layer, legendContext);
    const hovered = 'hovered' in look.focus ? look.focus.hovered : null;
    const selected = 'hovered' in look.focus ? look.focus.selected : null;
    const highlight = 'highlight' in look.focus ? look.focus.highlight : null;
    const markerPoints = markers(data, analysis, bridges, look.overlays);
    return {
      content: content(
        data?.map,
        look.communitiesUrl ?? null,
        analysis,
        highlights(data, analysis, analysis?.rings ?? null, bridges),
        focus(data, hovered, selected, highlight),
        markerPoints,
        proposed(data, look.proposal ?? null),
        layers(layerSpec.fillColor, look.overlays, look.theme, look.selectedStreet ?? null, look.hoveredStreet ?? null, marked(markerPoints), look.labels ?? 'all'),
      ),
      featureStates: states(data, selectShownDesignation(state), look.useFilters ? state.filters : null, selectLaggingReport(state), state.planThemes),
      legend: { spec: layerSpec, context: legendContext },
    };
  };
}

/**
 * The map for `state` as seen through `look`: sources and layers, and the communities' feature
 * states. A one-off description; a map that redraws keeps a `createMapDescriber()` instead.
 */
export function describeMap(state: MapState, look: MapLook): MapDescription {
  return createMapDescriber()(state, look);
}
