import { useEffect, useRef } from 'react';
import type { FeatureCollection } from 'geojson';
import { MapController } from '../../map/controller.ts';
import { COMMUNITY_SOURCE, categoricalColor, communityLayers } from '../../map/layers.ts';
import { hasWebGL2 } from '../../map/webgl.ts';
import { exposeMap } from '../../map/automation.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { setMapState, setView } from '../../state/updaters.ts';
import placeholderUrl from '../../../data/placeholder/communities.geojson?url';

const STREET_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759'];

export function MapView({ store }: { store: AppStore }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<MapController | null>(null);
  const mapState = useAppStore(store, (state) => state.mapState);
  const mapError = useAppStore(store, (state) => state.mapError);
  const view = useAppStore(store, (state) => state.view);

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
    });
    controllerRef.current = controller;
    exposeMap(controller.map);
    let cancelled = false;
    fetch(placeholderUrl)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json() as Promise<FeatureCollection>;
      })
      .then((data) => {
        if (cancelled) return;
        const streets = [...new Set(data.features.map((feature) => String(feature.properties?.streetCode)))];
        controller.setContent({
          sources: { [COMMUNITY_SOURCE]: { type: 'geojson', data, promoteId: 'code' } },
          layers: communityLayers({
            fillColor: categoricalColor('streetCode', streets.map((value, i) => ({ value, color: STREET_COLORS[i % STREET_COLORS.length]! })), '#9aa5b1'),
          }),
        });
      })
      .catch((error: unknown) => {
        if (!cancelled) dispatch(store, setMapState, 'error', `社区边界数据加载失败：${String(error)}`);
      });
    return () => {
      cancelled = true;
      controller.destroy();
      controllerRef.current = null;
      exposeMap(null);
    };
  }, [store]);

  // The hash (or another panel) changed the view: move the camera.
  useEffect(() => {
    controllerRef.current?.jumpTo(view);
  }, [view]);

  return (
    <div className="map-frame">
      <div ref={containerRef} className="map-canvas" data-testid="map" data-map-state={mapState} role="region" aria-label="社区地图" />
      {mapState === 'error' && mapError && (
        <div className="map-error" role="alert">
          {mapError}
        </div>
      )}
    </div>
  );
}
