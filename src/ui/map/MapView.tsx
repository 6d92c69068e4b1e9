import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { DEMO_THEMES, streetKey } from '../../core/index.ts';
import { exposeMap } from '../../map/automation.ts';
import { buildMapData, type MapData } from '../../map/community-features.ts';
import { unionBounds } from '../../map/bounds.ts';
import { MapController } from '../../map/controller.ts';
import { dashboardLayers, LAYER_IDS, SOURCES } from '../../map/layers.ts';
import { analysisHighlights, analysisMarkers, communityStates, focusFeatures, proposalFeatures } from '../../map/overlays.ts';
import { statusLayerSpec, type StatusLayerContext } from '../../map/status-layers.ts';
import { hasWebGL2 } from '../../map/webgl.ts';
import { hasActiveFilters, selectBridges, selectFilterMatches, selectLaggingReport, selectPlannedThemes } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppState, type AppStore } from '../../state/store.ts';
import { fitDone, hover, select, setMapState, setView, toggleDesignation } from '../../state/updaters.ts';
import { Legend } from './Legend.tsx';
import { MapTooltip } from './MapTooltip.tsx';

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

/** The map and everything drawn on it; all drawing goes through the MapController. */
export function MapView({ store }: { store: AppStore }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLElement>(null);
  const controllerRef = useRef<MapController | null>(null);
  // Automation sees `idle` only once the data is loaded and drawn; a data error is an error too.
  const mapState = useAppStore(store, (state) => (state.mapState === 'error' || state.dataStatus === 'error' ? 'error' : state.dataStatus === 'loading' ? 'loading' : state.mapState));
  const mapError = useAppStore(store, (state) => state.mapError);
  const view = useAppStore(store, (state) => state.view);
  const data = useAppStore(store, (state) => state.data);
  // The 落后分析 view shows the lagging layer and none of the 连线成片 overlays on the shared map.
  const laggingView = useAppStore(store, (state) => state.activeView === 'lagging');
  const chosenLayer = useAppStore(store, (state) => state.layer);
  const layer = laggingView ? 'lagging' : chosenLayer;
  const chosenOverlays = useAppStore(store, (state) => state.overlays);
  const overlays = useMemo(() => (laggingView ? { clusters: false, zones: false, rings: false, bridges: false } : chosenOverlays), [laggingView, chosenOverlays]);
  const analysis = useAppStore(store, (state) => state.analysis);
  const selectedPlan = useAppStore(store, (state) => state.plan.selected);
  const filters = useAppStore(store, (state) => state.filters);
  const hovered = useAppStore(store, (state) => state.hovered);
  const focused = useAppStore(store, (state) => state.selected);
  const planThemes = useAppStore(store, (state) => state.planThemes);
  const proposal = useAppStore(store, (state) => (state.bestSet.shown && state.bestSet.status === 'done' ? state.bestSet.result?.members : null) ?? null);
  const lagging = useAppStore(store, selectLaggingReport);
  const hoveredStreet = useAppStore(store, (state) => state.hoveredStreet);
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);

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
      onFeatureHover: (id, point) => {
        setPointer(point);
        dispatch(store, hover, id);
      },
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
  const proposed = useMemo(() => (mapData ? proposalFeatures(mapData.communities, proposal ?? []) : EMPTY), [mapData, proposal]);
  const layers = useMemo(() => dashboardLayers({ fillColor: spec.fillColor, overlays, selectedStreet: filters.street, hoveredStreet }), [spec, overlays, filters.street, hoveredStreet]);

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
        [SOURCES.focus]: { type: 'geojson', data: focus },
        [SOURCES.markers]: { type: 'geojson', data: markers },
        [SOURCES.proposal]: { type: 'geojson', data: proposed },
      },
      layers,
    });
  }, [mapData, communitiesUrl, analysis, highlights, focus, markers, proposed, layers]);

  // Per-community feature state: designation in the plan and dimming by the filters.
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller || !data || selectedPlan.length !== data.dataset.boundaries.features.length) return;
    const matches = hasActiveFilters(filters) ? selectFilterMatches({ data, filters }, selectedPlan) : null;
    const themes = selectPlannedThemes({ data, plan: { selected: selectedPlan }, planThemes });
    const byIndex = data.dataset.boundaries.features.map((feature) => themes[feature.id] ?? '');
    controller.setFeatureStates(SOURCES.communities, communityStates(selectedPlan, matches, lagging?.communities ?? null, byIndex));
  }, [data, selectedPlan, filters, lagging, planThemes]);

  // First load without a view in the link: frame every community (the whole district, western
  // towns included), clear of the legend when it floats over a map wide enough to spare it.
  useEffect(() => {
    const controller = controllerRef.current;
    const container = containerRef.current;
    if (!controller || !container || !data || !store.getState().fitOnLoad) return;
    dispatch(store, fitDone);
    const bounds = unionBounds(data.metrics.bboxes);
    if (!bounds) return;
    const canvas = container.getBoundingClientRect();
    const legend = legendRef.current?.getBoundingClientRect();
    const covers = legend && legend.width > 0 && legend.right > canvas.left && legend.left < canvas.right && legend.bottom > canvas.top && legend.top < canvas.bottom;
    const margin = 16;
    const left = covers && canvas.width - (legend.right - canvas.left) > canvas.width / 2 ? legend.right - canvas.left + margin : margin;
    controller.fitBounds(bounds, { top: 44, bottom: 36, left, right: 48 }, 0);
  }, [data, store]);

  // A new 自动推荐 proposal: frame it (with room for the legend on the left).
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller || !data || !proposal || proposal.length === 0) return;
    const members = new Set(proposal);
    const bounds = unionBounds(data.metrics.bboxes, (i) => members.has(i));
    if (bounds) controller.fitBounds(bounds, { top: 60, bottom: 60, left: 260, right: 60 });
  }, [data, proposal]);

  // A street selected in a chart, the filters or a link: bring all of it into view.
  const street = filters.street;
  useEffect(() => {
    const controller = controllerRef.current;
    if (street === null || !data || !controller) return;
    const { bboxes } = data.metrics;
    const bounds = [Infinity, Infinity, -Infinity, -Infinity];
    for (const feature of data.dataset.boundaries.features) {
      if (streetKey(feature) !== street && feature.street !== street) continue;
      for (let k = 0; k < 2; k++) {
        bounds[k] = Math.min(bounds[k]!, bboxes[4 * feature.index + k]!);
        bounds[k + 2] = Math.max(bounds[k + 2]!, bboxes[4 * feature.index + k + 2]!);
      }
    }
    if (!bounds.every(Number.isFinite)) return;
    const view = controller.map.getBounds();
    if (view.contains([bounds[0]!, bounds[1]!]) && view.contains([bounds[2]!, bounds[3]!])) return;
    controller.fitBounds(bounds as [number, number, number, number], { top: 40, bottom: 40, left: 230, right: 40 }, 0);
  }, [street, data]);

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
    <div className="map-frame">
      <div ref={containerRef} className="map-canvas" data-testid="map" data-map-state={mapState} role="region" aria-label="社区地图（点击社区查看详情；规划模式下点击可设为或取消示范社区）" />
      {data && <Legend ref={legendRef} store={store} spec={spec} context={context} />}
      {hovered !== null && pointer && lagging?.communities[hovered] && <MapTooltip assessment={lagging.communities[hovered]!} point={pointer} />}
      {mapState === 'error' && mapError && (
        <div className="map-error" role="alert">
          {mapError}
        </div>
      )}
    </div>
  );
}
