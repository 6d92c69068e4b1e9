import { useEffect, useMemo, useRef } from 'react';
import type { FeatureCollection } from 'geojson';
import { DEMO_THEMES } from '../../core/index.ts';
import { exposeMap } from '../../map/automation.ts';
import { buildMapData, type MapData } from '../../map/community-features.ts';
import { MapController } from '../../map/controller.ts';
import { dashboardLayers, LAYER_IDS, SOURCES } from '../../map/layers.ts';
import { analysisHighlights, analysisMarkers, communityStates, focusFeatures } from '../../map/overlays.ts';
import { statusLayerSpec, type StatusLayerContext } from '../../map/status-layers.ts';
import { hasWebGL2 } from '../../map/webgl.ts';
import { hasActiveFilters, selectBridges, selectFilterMatches } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppState, type AppStore } from '../../state/store.ts';
import { hover, select, setMapState, setView, toggleDesignation } from '../../state/updaters.ts';
import { Legend } from './Legend.tsx';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Context of the status layers (legend breaks, street colours) for a dataset. */
export function layerContext(state: Pick<AppState, 'data'>, mapData: MapData | null): StatusLayerContext {
  const dataset = state.data?.dataset;
  const themes = new Set(dataset?.status.map((row) => row?.theme).filter((theme): theme is string => !!theme));
  return {
    minScore: dataset?.config.lagging.minScore ?? 75,
    streets: mapData ? [...mapData.streetColors].map(([name, color]) => ({ name, color })) : [],
    otherThemes: [...themes].filter((theme) => !(theme in DEMO_THEMES)),
  };
}

type Padding = { top: number; bottom: number; left: number; right: number };

/**
 * Padding for framing communities inside the map frame, keeping them clear of the legend where
 * it stands (bottom-left): on whichever side costs the map less room, never more than half of it.
 */
export function framePadding(frame: DOMRect, legend: DOMRect | null, margin = 16): Padding {
  const padding = { top: 50, bottom: 40, left: 50, right: 50 };
  if (!legend || legend.width === 0) return padding;
  const left = legend.right - frame.left + margin;
  const bottom = frame.bottom - legend.top + margin;
  if (left / frame.width <= bottom / frame.height) padding.left = Math.min(Math.max(padding.left, left), frame.width / 2);
  else padding.bottom = Math.min(Math.max(padding.bottom, bottom), frame.height / 2);
  return padding;
}

/** The map and everything drawn on it; all drawing goes through the MapController. */
export function MapView({ store }: { store: AppStore }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<MapController | null>(null);
  // Automation sees `idle` only once the data is loaded and drawn; a data error is an error too.
  const mapState = useAppStore(store, (state) => (state.mapState === 'error' || state.dataStatus === 'error' ? 'error' : state.dataStatus === 'loading' ? 'loading' : state.mapState));
  const mapError = useAppStore(store, (state) => state.mapError);
  const view = useAppStore(store, (state) => state.view);
  const data = useAppStore(store, (state) => state.data);
  const layer = useAppStore(store, (state) => state.layer);
  const overlays = useAppStore(store, (state) => state.overlays);
  const analysis = useAppStore(store, (state) => state.analysis);
  const exactBridges = useAppStore(store, (state) => state.exactBridges);
  const selectedPlan = useAppStore(store, (state) => state.plan.selected);
  const filters = useAppStore(store, (state) => state.filters);
  const hovered = useAppStore(store, (state) => state.hovered);
  const focused = useAppStore(store, (state) => state.selected);

  const mapData = useMemo(() => (data ? buildMapData(data.dataset, data.graph, data.metrics, data.streetLabelPoints) : null), [data]);
  const context = useMemo(() => layerContext({ data }, mapData), [data, mapData]);
  const spec = useMemo(() => statusLayerSpec(layer, context), [layer, context]);
  const bridges = selectBridges({ analysis, exactBridges, plan: { selected: selectedPlan } });

  // Create the map once.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    if (!hasWebGL2()) {
      dispatch(store, setMapState, 'error', '此浏览器不支持 WebGL2，无法显示地图。请使用最新版 Chrome、Edge 或 Firefox，并开启硬件加速。');
      return;
    }
    const controller = new MapController({
      container,
      camera: store.getState().view,
      onLifecycle: (state, message) => dispatch(store, setMapState, state, message),
      onCameraChange: (camera) => dispatch(store, setView, camera),
      interactiveLayers: [LAYER_IDS.communityFill],
      onFeatureClick: (id) => {
        const state = store.getState();
        if (id !== null && state.planning) dispatch(store, toggleDesignation, id);
        else dispatch(store, select, id);
      },
      onFeatureHover: (id) => dispatch(store, hover, id),
    });
    controllerRef.current = controller;
    exposeMap(controller.map);
    return () => {
      controller.destroy();
      controllerRef.current = null;
      exposeMap(null);
    };
  }, [store]);

  // Each overlay is memoized on what it shows, so a change re-sets only the sources it touches
  // (every setData costs a re-tiling in maplibre's worker and a repaint).
  const report = analysis?.report ?? null;
  const rings = analysis?.rings ?? null;
  const markers = useMemo(() => (data ? analysisMarkers(report, bridges, data.metrics, overlays) : EMPTY), [data, report, bridges, overlays]);
  const highlights = useMemo(() => (mapData ? analysisHighlights(mapData.communities, report, rings, bridges) : EMPTY), [mapData, report, rings, bridges]);
  const focus = useMemo(() => (mapData ? focusFeatures(mapData.communities, hovered, focused) : EMPTY), [mapData, hovered, focused]);
  const layers = useMemo(() => dashboardLayers({ fillColor: spec.fillColor, overlays }), [spec, overlays]);

  // Sources and layers.
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller || !mapData) return;
    controller.setContent({
      sources: {
        [SOURCES.communities]: { type: 'geojson', data: mapData.communities },
        [SOURCES.labels]: { type: 'geojson', data: mapData.labels },
        [SOURCES.streets]: { type: 'geojson', data: mapData.streets },
        [SOURCES.streetLabels]: { type: 'geojson', data: mapData.streetLabels },
        [SOURCES.district]: { type: 'geojson', data: mapData.district },
        [SOURCES.outlines]: { type: 'geojson', data: analysis?.outlines ?? EMPTY },
        [SOURCES.zones]: { type: 'geojson', data: analysis?.zones ?? EMPTY },
        [SOURCES.borders]: { type: 'geojson', data: analysis?.borders ?? EMPTY },
        [SOURCES.highlights]: { type: 'geojson', data: highlights },
        [SOURCES.focus]: { type: 'geojson', data: focus },
        [SOURCES.markers]: { type: 'geojson', data: markers },
      },
      layers,
    });
  }, [mapData, analysis, highlights, focus, markers, layers]);

  // Per-community feature state: designation in the plan and dimming by the filters.
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller || !data || selectedPlan.length !== data.dataset.boundaries.features.length) return;
    const matches = hasActiveFilters(filters) ? selectFilterMatches({ data, filters }, selectedPlan) : null;
    controller.setFeatureStates(SOURCES.communities, communityStates(selectedPlan, matches));
  }, [data, selectedPlan, filters]);

  // First load without a view in the link: frame the designated communities (or all of them).
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller || !data || !store.getState().fitOnLoad) return;
    store.setState({ fitOnLoad: false });
    const { bboxes } = data.metrics;
    const selected = store.getState().plan.selected;
    const bounds = [Infinity, Infinity, -Infinity, -Infinity];
    const any = selected.some((value) => value === 1);
    for (let i = 0; i < selected.length; i++) {
      if (any && !selected[i]) continue;
      for (let k = 0; k < 2; k++) {
        bounds[k] = Math.min(bounds[k]!, bboxes[4 * i + k]!);
        bounds[k + 2] = Math.max(bounds[k + 2]!, bboxes[4 * i + k + 2]!);
      }
    }
    // Keep the communities clear of the legend (its size and place depend on the screen).
    const frame = frameRef.current;
    const legend = frame?.querySelector('[data-testid="legend"]')?.getBoundingClientRect() ?? null;
    if (frame && bounds.every(Number.isFinite)) controller.fitBounds(bounds as [number, number, number, number], framePadding(frame.getBoundingClientRect(), legend), 0);
  }, [data, store]);

  // The hash (or another panel) changed the view: move the camera.
  useEffect(() => {
    controllerRef.current?.jumpTo(view);
  }, [view]);

  // Fly to a community selected elsewhere (table, search, report).
  useEffect(() => {
    if (focused === null || !data) return;
    const controller = controllerRef.current;
    const lon = data.metrics.labelPoints[2 * focused];
    const lat = data.metrics.labelPoints[2 * focused + 1];
    if (controller && lon !== undefined && lat !== undefined && !controller.map.getBounds().contains([lon, lat])) controller.flyTo([lon, lat]);
  }, [focused, data]);

  return (
    <div className="map-frame" ref={frameRef}>
      <div ref={containerRef} className="map-canvas" data-testid="map" data-map-state={mapState} role="region" aria-label="社区地图（点击社区查看详情；规划模式下点击可设为或取消示范社区）" />
      {data && <Legend store={store} spec={spec} context={context} />}
      {mapState === 'error' && mapError && (
        <div className="map-error" role="alert">
          {mapError}
        </div>
      )}
    </div>
  );
}
