import { useEffect, useMemo, useRef, useState } from 'react';
import { useOfferMapCapture } from './map-capture.ts';
import { streetKey } from '../../core/index.ts';
import { unionBounds } from '../../map/bounds.ts';
import { LAYER_IDS } from '../../map/layers.ts';
import { dispatch, useAppStore, type AppState, type AppStore } from '../../state/store.ts';
import { fitDone, hover, mapClicked, setView } from '../../state/updaters.ts';
import { Legend } from './Legend.tsx';
import { MapTooltip } from './MapTooltip.tsx';
import { useMapController, useMapDrawing } from './use-map.ts';
import type { CasesStore } from '../../state/cases-store.ts';
import type { MapContent } from '../../map/apply-layers.ts';
import type { FeaturesWiring } from '../features/wiring.ts';
import { useCaseLayer } from '../cases/use-case-layer.ts';

export { layerContext } from './use-map.ts';

/** The map's lifecycle as automation sees it: idle only once the data is loaded and drawn; a data error is an error too. */
export function selectMapState(state: AppState): AppState['mapState'] {
  return state.mapState === 'error' || state.dataStatus === 'error' ? 'error' : state.dataStatus === 'loading' ? 'loading' : state.mapState;
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

/** The dashboard's map and everything drawn on it; all drawing goes through the MapController. */
/** Zoom at which one community and its neighbours fill the map (where a selection flies to). */
const COMMUNITY_ZOOM = 13.5;

export function MapView({ store, cases, features }: { store: AppStore; cases?: CasesStore; features?: FeaturesWiring }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLElement>(null);
  // Automation sees `idle` only once the data is loaded and drawn; a data error is an error too.
  const mapState = useAppStore(store, selectMapState);
  const mapError = useAppStore(store, (state) => state.mapError);
  const view = useAppStore(store, (state) => state.view);
  // The 落后分析 view shows the graded standing (红黄绿, which separates the red lights) and none of the 连线成片 overlays on the shared map.
  const laggingView = useAppStore(store, (state) => state.activeView === 'lagging');
  const chosenLayer = useAppStore(store, (state) => state.layer);
  const layer = laggingView ? 'grade' : chosenLayer;
  const chosenOverlays = useAppStore(store, (state) => state.overlays);
  const overlays = useMemo(() => (laggingView ? { clusters: false, zones: false, rings: false, bridges: false } : chosenOverlays), [laggingView, chosenOverlays]);
  const street = useAppStore(store, (state) => state.filters.street);
  const proposal = useAppStore(store, (state) => (state.bestSet.shown && state.bestSet.status === 'done' ? state.bestSet.result?.members : null) ?? null);
  const hoveredStreet = useAppStore(store, (state) => state.hoveredStreet);
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  const hovered = useAppStore(store, (state) => state.hovered);
  const focused = useAppStore(store, (state) => state.selected);

  const controllerRef = useMapController(store, containerRef, {
    interactiveLayers: [LAYER_IDS.communityFill],
    onCameraChange: (camera) => dispatch(store, setView, camera),
    // A press on a case opens the case (the case layer's click), not the community under it.
    onFeatureClick: (id) => void (caseLayer.tookPress() || featurePress.current() || dispatch(store, mapClicked, id)),
    onFeatureHover: (id, point) => {
      setPointer(point);
      dispatch(store, hover, id);
    },
  });
  useOfferMapCapture(controllerRef);
  const caseLayer = useCaseLayer(cases, controllerRef);
  // 工程与路线 (服务器模式): its layer merges the cases on top of its content; a press on a feature or while drawing selects no community.
  const [featureContent, setFeatureContent] = useState<MapContent | null>(null);
  const featurePress = useRef<() => boolean>(() => false);
  const focus = useMemo(() => ({ hovered, selected: focused }), [hovered, focused]);
  const { data, spec, context, lagging } = useMapDrawing(store, controllerRef, { layer, overlays, focus, useFilters: true, theme: 'dashboard', selectedStreet: street, hoveredStreet, proposal }, features ? featureContent : caseLayer.content);

  // First load without a view in the link: frame every community (the whole district, western
  // towns included), clear of the legend (its size and place depend on the screen).
  useEffect(() => {
    const controller = controllerRef.current;
    const frame = frameRef.current;
    if (!controller || !frame || !data || !store.getState().fitOnLoad) return;
    dispatch(store, fitDone);
    const bounds = unionBounds(data.metrics.bboxes);
    if (bounds) controller.fitBounds(bounds, framePadding(frame.getBoundingClientRect(), legendRef.current?.getBoundingClientRect() ?? null), 0);
  }, [controllerRef, data, store]);

  // A new 自动推荐 proposal: frame it, clear of the legend.
  useEffect(() => {
    const controller = controllerRef.current;
    const frame = frameRef.current;
    if (!controller || !frame || !data || !proposal || proposal.length === 0) return;
    const members = new Set(proposal);
    const bounds = unionBounds(data.metrics.bboxes, (i) => members.has(i));
    if (bounds) controller.fitBounds(bounds, framePadding(frame.getBoundingClientRect(), legendRef.current?.getBoundingClientRect() ?? null));
  }, [controllerRef, data, proposal]);

  // Entering planning mode: frame the designated communities (the clusters), clear of the legend.
  const planning = useAppStore(store, (state) => state.designating);
  const loaded = Boolean(data);
  useEffect(() => {
    const controller = controllerRef.current;
    const frame = frameRef.current;
    if (!planning || !controller || !frame || !data) return;
    const plan = store.getState().plan.designated;
    const bounds = unionBounds(data.metrics.bboxes, (i) => plan[i] === 1);
    if (bounds) controller.fitBounds(bounds, framePadding(frame.getBoundingClientRect(), legendRef.current?.getBoundingClientRect() ?? null));
    // Only on entering: designations made while planning do not move the camera.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controllerRef, planning, loaded]);

  // A street selected in a chart, the filters or a link: bring all of it into view.
  useEffect(() => {
    const controller = controllerRef.current;
    if (street === null || !data || !controller) return;
    const features = data.dataset.boundaries.features;
    const bounds = unionBounds(data.metrics.bboxes, (i) => streetKey(features[i]!) === street || features[i]!.street === street);
    if (!bounds) return;
    const view = controller.map.getBounds();
    if (view.contains([bounds[0]!, bounds[1]!]) && view.contains([bounds[2]!, bounds[3]!])) return;
    const frame = frameRef.current;
    if (frame) controller.fitBounds(bounds, framePadding(frame.getBoundingClientRect(), legendRef.current?.getBoundingClientRect() ?? null), 0);
  }, [controllerRef, street, data]);

  // The hash (or another panel) changed the view: move the camera.
  useEffect(() => {
    controllerRef.current?.jumpTo(view);
  }, [controllerRef, view]);

  // Fly to a community selected elsewhere (table, search, report, a 片区 item): when it is out of
  // view, and also when the map shows a wider area than a community's neighbourhood (at the whole
  // district its highlight was invisible while the camera stayed put).
  useEffect(() => {
    if (focused === null || !data) return;
    const controller = controllerRef.current;
    const lon = data.metrics.labelPoints[2 * focused];
    const lat = data.metrics.labelPoints[2 * focused + 1];
    if (!controller || lon === undefined || lat === undefined) return;
    if (!controller.map.getBounds().contains([lon, lat]) || controller.map.getZoom() < COMMUNITY_ZOOM - 1) controller.flyTo([lon, lat], COMMUNITY_ZOOM);
  }, [controllerRef, focused, data]);

  return (
    <div className="map-frame" ref={frameRef}>
      <div ref={containerRef} className="map-canvas" data-testid="map" data-map-state={mapState} role="region" aria-label="社区地图（点击社区查看详情；规划模式下点击可设为或取消示范社区）" />
      {data && <Legend ref={legendRef} store={store} spec={spec} context={context} extra={features && <features.ui.FeatureLegend store={features.store} />} />}
      {features && <features.ui.FeatureMapLayer store={store} features={features} controllerRef={controllerRef} over={caseLayer.content} onContent={setFeatureContent} pressRef={featurePress} />}
      {hovered !== null && pointer && lagging?.communities[hovered] && <MapTooltip assessment={lagging.communities[hovered]!} point={pointer} />}
      {mapState === 'error' && mapError && (
        <div className="map-error" role="alert">
          {mapError}
        </div>
      )}
    </div>
  );
}
