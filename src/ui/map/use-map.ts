/**
 * The two hooks every map view uses (the dashboard's MapView and the presentation's map): one
 * creates a MapController for a container (the owner of the dashboard's maplibre map) and wires its
 * lifecycle to the store; the other is a thin adapter: it reads the state, asks
 * `describeMap` (src/map/describe-map.ts, pure) what the map shows, and hands the answer to the
 * controller, which diffs it against the map.
 */
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { exposeMap } from '../../map/automation.ts';
import { MapController, type MapControllerOptions } from '../../map/controller.ts';
import { createMapDescriber, type MapLook } from '../../map/describe-map.ts';
import type { MapContent } from '../../map/apply-layers.ts';
import { withCaseLayer } from '../../map/case-layer.ts';
import { hasWebGL2 } from '../../map/webgl.ts';
import { selectLaggingReport, selectShownDesignation } from '../../state/selectors.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { setMapState } from '../../state/updaters.ts';

export { layerContext, type MapLook } from '../../map/describe-map.ts';

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

/** Applies a look to the controller (sources, layers, feature states), with `extra` layers on top (the cases); returns the data, the legend spec and the lagging answer. */
export function useMapDrawing(store: AppStore, controllerRef: RefObject<MapController | null>, look: Omit<MapLook, 'communitiesUrl'>, extra: MapContent | null = null) {
  const data = useAppStore(store, (state) => state.data);
  const analysis = useAppStore(store, (state) => state.analysis);
  const bridges = useAppStore(store, (state) => state.bridges);
  // The answered designation (see selectShownDesignation): a plan change repaints with its answer.
  const designated = useAppStore(store, selectShownDesignation);
  const filters = useAppStore(store, (state) => state.filters);
  const planThemes = useAppStore(store, (state) => state.planThemes);
  const asOf = useAppStore(store, (state) => state.asOf);
  const supervisionCases = useAppStore(store, (state) => state.supervisionCases);
  const lagging = useAppStore(store, selectLaggingReport);

  // Large sets: maplibre reads the communities layer from the worker's GeoJSON (a data: URL).
  const communitiesUrl = data?.mapGeoJsonUrl ?? null;

  const describe = useMemo(() => createMapDescriber(), []);
  const { content: described, featureStates, legend } = describe({ data, analysis, bridges, plan: { designated }, filters, planThemes, asOf, supervisionCases }, { ...look, communitiesUrl });
  const content = useMemo(() => withCaseLayer(described, extra), [described, extra]);

  useEffect(() => {
    if (content.layers.length > 0) controllerRef.current?.setContent(content);
  }, [controllerRef, content]);
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller) return;
    for (const [source, states] of Object.entries(featureStates)) if (states) controller.setFeatureStates(source, states);
  }, [controllerRef, featureStates]);

  return { data, spec: legend.spec, context: legend.context, lagging };
}
