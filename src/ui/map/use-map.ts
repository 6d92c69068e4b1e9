/**
 * The two hooks every map view uses (the dashboard's MapView and the presentation's map): one
 * creates a MapController for a container (the only owner of the maplibre map) and wires its
 * lifecycle to the store; the other describes what the map shows for a state as plain data
 * (sources, layers, feature states) and hands it to that controller.
 */
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { FeatureCollection } from 'geojson';
import { DEMO_THEMES } from '../../core/index.ts';
import { exposeMap } from '../../map/automation.ts';
import { buildMapData, type MapData } from '../../map/community-features.ts';
import { MapController, type MapControllerOptions } from '../../map/controller.ts';
import { dashboardLayers, SOURCES, type LayerTheme } from '../../map/layers.ts';
import { analysisHighlights, analysisMarkers, communityStates, focusFeatures, highlightFeatures, proposalFeatures } from '../../map/overlays.ts';
import { statusLayerSpec, type StatusLayerContext } from '../../map/status-layers.ts';
import type { StatusLayerId } from '../../state/status-layers.ts';
import { hasWebGL2 } from '../../map/webgl.ts';
import { hasActiveFilters, selectBridges, selectFilterMatches, selectLaggingReport, selectPlannedThemes } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppState, type AppStore } from '../../state/store.ts';
import { setMapState } from '../../state/updaters.ts';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Context of the status layers (legend breaks, street colours) for a dataset. */
export function layerContext(state: Pick<AppState, 'data'>, mapData: MapData | null): StatusLayerContext {
  const dataset = state.data?.dataset;
  const themes = new Set(dataset?.status.map((row) => row?.theme).filter((theme): theme is string => !!theme));
  return {
    minScore: dataset?.config.lagging.minScore ?? null,
    streets: mapData ? [...mapData.streetColors].map(([name, color]) => ({ name, color })) : [],
    otherThemes: [...themes].filter((theme) => !(theme in DEMO_THEMES)),
  };
}

export type ControllerEvents = Omit<MapControllerOptions, 'container' | 'camera' | 'onLifecycle'>;

/**
 * Creates the map controller for `containerRef` once per store (WebGL2 checked first, lifecycle
 * reported to the store, the map exposed to automation) and destroys it on unmount.
 */
export function useMapController(store: AppStore, containerRef: RefObject<HTMLDivElement | null>, events: ControllerEvents): RefObject<MapController | null> {
  const controllerRef = useRef<MapController | null>(null);
  const eventsRef = useRef(events);
  useEffect(() => {
    eventsRef.current = events;
  });
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    if (!hasWebGL2()) {
      dispatch(store, setMapState, 'error', '此浏览器不支持 WebGL2，无法显示地图。请使用最新版 Chrome、Edge 或 Firefox，并开启硬件加速。');
      return;
    }
    const { interactiveLayers, pixelRatio, background } = eventsRef.current;
    const controller = new MapController({
      container,
      camera: store.getState().view,
      pixelRatio,
      background,
      interactiveLayers,
      onLifecycle: (state, message) => dispatch(store, setMapState, state, message),
      onCameraChange: (camera) => eventsRef.current.onCameraChange(camera),
      onFeatureClick: (id) => eventsRef.current.onFeatureClick?.(id),
      onFeatureHover: (id, point) => eventsRef.current.onFeatureHover?.(id, point),
    });
    controllerRef.current = controller;
    exposeMap(controller.map);
    return () => {
      controller.destroy();
      controllerRef.current = null;
      exposeMap(null);
    };
  }, [store, containerRef]);
  return controllerRef;
}

/** What a view wants on the map. */
export interface MapLook {
  layer: StatusLayerId;
  overlays: AppState['overlays'];
  /** Dashboard: hovered and selected community; presentation: communities to outline. */
  focus: { hovered: number | null; selected: number | null } | { highlight: readonly number[] };
  /** Whether the filters dim communities (the dashboard) or not (the presentation). */
  useFilters: boolean;
  theme: LayerTheme;
  /** Street codes outlined as selected and as hovered in a chart (the 落后分析 view). */
  selectedStreet?: string | null;
  hoveredStreet?: string | null;
  /** Members of a 自动推荐 proposal to outline (the dashboard), or null. */
  proposal?: readonly number[] | null;
}

/** Applies a look to the controller (sources, layers, feature states); returns the map data and legend spec. */
export function useMapDrawing(store: AppStore, controllerRef: RefObject<MapController | null>, look: MapLook) {
  const data = useAppStore(store, (state) => state.data);
  const analysis = useAppStore(store, (state) => state.analysis);
  const selectedPlan = useAppStore(store, (state) => state.plan.selected);
  const storeFilters = useAppStore(store, (state) => state.filters);
  const filters = look.useFilters ? storeFilters : null;
  const { layer, overlays, focus, theme, selectedStreet = null, hoveredStreet = null, proposal = null } = look;
  const planThemes = useAppStore(store, (state) => state.planThemes);
  const lagging = useAppStore(store, selectLaggingReport);

  const mapData = useMemo(() => (data ? buildMapData(data.dataset, data.graph, data.metrics, data.streetLabelPoints) : null), [data]);
  const context = useMemo(() => layerContext({ data }, mapData), [data, mapData]);
  // Large sets: maplibre reads the communities layer from the worker's GeoJSON bytes.
  const communitiesUrl = useMemo(() => (data?.mapGeoJson ? URL.createObjectURL(new Blob([data.mapGeoJson as BlobPart], { type: 'application/geo+json' })) : null), [data]);
  useEffect(
    () => () => {
      // Later, not at once: maplibre fetches it asynchronously (and StrictMode remounts reuse it).
      if (communitiesUrl) setTimeout(() => URL.revokeObjectURL(communitiesUrl), 60_000);
    },
    [communitiesUrl],
  );
  const spec = useMemo(() => statusLayerSpec(layer, context), [layer, context]);
  const bridges = useAppStore(store, selectBridges);

  // Each overlay is memoized on what it shows, so a change re-sets only the sources it touches
  // (every setData costs a re-tiling in maplibre's worker and a repaint).
  const report = analysis?.report ?? null;
  const rings = analysis?.rings ?? null;
  const markers = useMemo(() => (data ? analysisMarkers(analysis, bridges, data.metrics, overlays) : EMPTY), [data, analysis, bridges, overlays]);
  const highlights = useMemo(() => (mapData ? analysisHighlights(mapData.communities, report, rings, bridges) : EMPTY), [mapData, report, rings, bridges]);
  const hovered = 'hovered' in focus ? focus.hovered : null;
  const selected = 'hovered' in focus ? focus.selected : null;
  const highlight = 'highlight' in focus ? focus.highlight : null;
  const focusData = useMemo(() => (!mapData ? EMPTY : highlight ? highlightFeatures(mapData.communities, highlight) : focusFeatures(mapData.communities, hovered, selected)), [mapData, hovered, selected, highlight]);
  const proposed = useMemo(() => (mapData ? proposalFeatures(mapData.communities, proposal ?? []) : EMPTY), [mapData, proposal]);
  const layers = useMemo(() => dashboardLayers({ fillColor: spec.fillColor, overlays, theme, selectedStreet, hoveredStreet }), [spec, overlays, theme, selectedStreet, hoveredStreet]);

  // Sources and layers.
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller || !mapData) return;
    controller.setContent({
      sources: {
        [SOURCES.communities]: { type: 'geojson', data: communitiesUrl ?? mapData.communities },
        [SOURCES.labels]: { type: 'geojson', data: mapData.labels },
        [SOURCES.streets]: { type: 'geojson', data: mapData.streets },
        [SOURCES.streetLabels]: { type: 'geojson', data: mapData.streetLabels },
        [SOURCES.district]: { type: 'geojson', data: mapData.district },
        [SOURCES.outlines]: { type: 'geojson', data: analysis?.outlines ?? EMPTY },
        [SOURCES.zones]: { type: 'geojson', data: analysis?.zones ?? EMPTY },
        [SOURCES.borders]: { type: 'geojson', data: analysis?.borders ?? EMPTY },
        [SOURCES.highlights]: { type: 'geojson', data: highlights },
        [SOURCES.focus]: { type: 'geojson', data: focusData },
        [SOURCES.markers]: { type: 'geojson', data: markers },
        [SOURCES.proposal]: { type: 'geojson', data: proposed },
      },
      layers,
    });
  }, [controllerRef, mapData, communitiesUrl, analysis, highlights, focusData, markers, proposed, layers]);

  // Per-community feature state: designation in the plan and dimming by the filters.
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller || !data || selectedPlan.length !== data.dataset.boundaries.features.length) return;
    const matches = filters && hasActiveFilters(filters) ? selectFilterMatches({ data, filters }, selectedPlan) : null;
    // Themes chosen for newly designated communities colour them like the status table's.
    const themes = selectPlannedThemes({ data, plan: { selected: selectedPlan }, planThemes });
    const byIndex = data.dataset.boundaries.features.map((feature) => themes[feature.id] ?? '');
    controller.setFeatureStates(SOURCES.communities, communityStates(selectedPlan, matches, lagging?.communities ?? null, byIndex));
  }, [controllerRef, data, selectedPlan, filters, lagging, planThemes]);

  return { data, mapData, spec, context, lagging };
}
