/**
 * The map controller: the only owner of the maplibregl.Map. It turns plain content
 * descriptions (sources + layer specs) into map calls, reports the map's lifecycle
 * (loading → idle, or error) and camera moves, and offers the few imperative actions the UI
 * needs (fly to, fit bounds, query rendered features).
 */
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type LngLatBoundsLike, type MapGeoJSONFeature } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { applyContent, type MapContent } from './apply-layers.ts';
import { LOCAL_IDEOGRAPH_FONT_FAMILY, baseStyle } from './style.ts';

export type MapLifecycle = 'loading' | 'idle' | 'error';

export interface MapCamera {
  zoom: number;
  lat: number;
  lon: number;
}

export interface MapControllerOptions {
  container: HTMLElement;
  camera: MapCamera;
  /** Called on every lifecycle change; `message` is a Chinese description on error. */
  onLifecycle: (state: MapLifecycle, message?: string) => void;
  /** Called after the user (or a fly-to) moved the camera. */
  onCameraChange: (camera: MapCamera) => void;
}

let workerUrlSet = false;

export class MapController {
  readonly map: MapLibreMap;
  private content: MapContent = { sources: {}, layers: [] };
  private pending: MapContent | null = null;
  private styleReady = false;

  constructor(private readonly options: MapControllerOptions) {
    if (!workerUrlSet) {
      // Under a bundler maplibre cannot find its worker from import.meta.url (v6 migration guide).
      setWorkerUrl(workerUrl);
      workerUrlSet = true;
    }
    const { container, camera } = options;
    this.map = new MapLibreMap({
      container,
      style: baseStyle(),
      center: [camera.lon, camera.lat],
      zoom: camera.zoom,
      attributionControl: false,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      // Lets "export PNG" read the canvas back.
      canvasContextAttributes: { preserveDrawingBuffer: true },
      maxZoom: 18,
      minZoom: 7,
    });
    this.map.addControl(new NavigationControl({ showCompass: true, visualizePitch: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.map.on('load', () => {
      this.styleReady = true;
      if (this.pending) this.setContent(this.pending);
    });
    this.map.on('idle', () => options.onLifecycle('idle'));
    this.map.on('dataloading', () => options.onLifecycle('loading'));
    this.map.on('error', (event) => {
      const message = event.error instanceof Error ? event.error.message : String(event.error);
      options.onLifecycle('error', `地图出错：${message}`);
    });
    this.map.on('moveend', () => {
      const center = this.map.getCenter();
      options.onCameraChange({ zoom: this.map.getZoom(), lat: center.lat, lon: center.lng });
    });
  }

  /** Replaces what the map shows; only the differences are applied. */
  setContent(next: MapContent): void {
    if (!this.styleReady) {
      this.pending = next;
      return;
    }
    this.pending = null;
    applyContent(this.map, this.content, next);
    this.content = next;
  }

  /** Moves the camera without animation when it differs from the current one. */
  jumpTo(camera: MapCamera): void {
    const center = this.map.getCenter();
    const same = Math.abs(this.map.getZoom() - camera.zoom) < 0.01 && Math.abs(center.lat - camera.lat) < 1e-5 && Math.abs(center.lng - camera.lon) < 1e-5;
    if (!same) this.map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom });
  }

  fitBounds(bounds: LngLatBoundsLike, padding = 40): void {
    this.map.fitBounds(bounds, { padding, duration: 600 });
  }

  /** Rendered features of the given layers (for automation and hit tests). */
  queryRenderedFeatures(layers: string[]): MapGeoJSONFeature[] {
    return this.map.queryRenderedFeatures({ layers: layers.filter((id) => this.map.getLayer(id)) });
  }

  destroy(): void {
    this.map.remove();
  }
}
