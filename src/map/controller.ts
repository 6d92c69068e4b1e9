/**
 * The map controller: the owner of the dashboard's maplibregl.Map (the comparison maps of
 * 方案对比 are their own, in compare-maps.ts). It turns plain content
 * descriptions (sources + layer specs) into map calls, reports the map's lifecycle
 * (loading → idle, or error) and camera moves, and offers the few imperative actions the UI
 * needs (fly to, fit bounds, query rendered features).
 */
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type LngLatBoundsLike, type MapGeoJSONFeature } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { applyContent, type MapContent } from './apply-layers.ts';
import { installBadges } from './badges.ts';
import { BADGE_RADII, LAYER_IDS, SOURCES } from './layers.ts';
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
  /** Device pixels per CSS pixel of the canvas (default the screen's); the presentation passes screen ratio × stage scale. */
  pixelRatio?: number;
  /** Colour outside the communities (default the dashboard's light grey). */
  background?: string;
  /** Called on every lifecycle change; `message` is a Chinese description on error. */
  onLifecycle: (state: MapLifecycle, message?: string) => void;
  /** Called after the user (or a fly-to) moved the camera. */
  onCameraChange: (camera: MapCamera) => void;
  /** Layers whose features report clicks and hovers (numeric feature ids). */
  interactiveLayers?: string[];
  /** Click on a feature of an interactive layer (its id), or on empty map (null). */
  onFeatureClick?: (id: number | null) => void;
  /** Pointer moved onto another feature (its id) or off all of them (null). */
  /** Pointer moved onto another feature (its id) or off all of them (null), with the pointer's position in the map container (pixels). */
  onFeatureHover?: (id: number | null, point: { x: number; y: number } | null) => void;
}

type FeatureState = Record<string, string | number | boolean>;

let workerUrlSet = false;

export class MapController {
  readonly map: MapLibreMap;
  private content: MapContent = { sources: {}, layers: [] };
  private pending: MapContent | null = null;
  private styleReady = false;
  /** Last feature states applied per source, to send only changes. */
  private featureStates = new Map<string, FeatureState[]>();
  private hovered: number | null = null;
  /** States set before the style or source existed, applied once they do. */
  private queuedStates = new Map<string, FeatureState[]>();
  /** The task that applies `pending` when it brings a source a new URL (see `setContent`). */
  private urlTask: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: MapControllerOptions) {
    if (!workerUrlSet) {
      // Under a bundler maplibre cannot find its worker from import.meta.url (v6 migration guide).
      setWorkerUrl(workerUrl);
      workerUrlSet = true;
    }
    const { container, camera } = options;
    this.map = new MapLibreMap({
      container,
      style: baseStyle(options.background),
      ...(options.pixelRatio ? { pixelRatio: options.pixelRatio } : {}),
      center: [camera.lon, camera.lat],
      zoom: camera.zoom,
      attributionControl: false,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      // No preserveDrawingBuffer: exports copy the canvas inside a render event (see `capture`).
      maxZoom: 18,
      // Low enough to frame an imported region (a province, a country) as well as a district.
      minZoom: 3,
      // No label fade-in: a what-if repaint should settle in one frame, not animate for 300 ms.
      fadeDuration: 0,
    });
    installBadges(this.map, BADGE_RADII);
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
    const interactive = options.interactiveLayers ?? [];
    if (interactive.length > 0) {
      const hit = (point: { x: number; y: number }): number | null => {
        const features = this.map.queryRenderedFeatures([point.x, point.y], { layers: interactive.filter((id) => this.map.getLayer(id)) });
        const id = features[0]?.id;
        return typeof id === 'number' ? id : null;
      };
      this.map.on('click', (event) => options.onFeatureClick?.(hit(event.point)));
      this.map.on('mousemove', (event) => {
        const id = hit(event.point);
        this.map.getCanvas().style.cursor = id === null ? '' : 'pointer';
        if (id !== this.hovered) {
          this.hovered = id;
          options.onFeatureHover?.(id, id === null ? null : { x: event.point.x, y: event.point.y });
        }
      });
      this.map.on('mouseout', () => {
        if (this.hovered !== null) {
          this.hovered = null;
          options.onFeatureHover?.(null, null);
        }
      });
    }
    this.map.on('moveend', () => {
      const center = this.map.getCenter();
      options.onCameraChange({ zoom: this.map.getZoom(), lat: center.lat, lon: center.lng });
    });
  }

  /**
   * Replaces what the map shows; only the differences are applied. Content that gives a source a
   * new URL (a large set's communities layer, a `data:` URL of megabytes, which maplibre resolves
   * and posts to its worker on this thread) is applied in a task of its own, not in the caller's
   * (React's commit of a new dataset); content and feature states set meanwhile wait for it.
   */
  setContent(next: MapContent): void {
    if (!this.styleReady || this.urlTask !== null) {
      this.pending = next;
      return;
    }
    if (Object.entries(next.sources).some(([id, spec]) => typeof spec.data === 'string' && this.content.sources[id]?.data !== spec.data)) {
      this.pending = next;
      this.options.onLifecycle('loading');
      this.urlTask = setTimeout(() => {
        this.urlTask = null;
        if (this.pending) this.applyNow(this.pending);
      }, 0);
      return;
    }
    this.applyNow(next);
  }

  private applyNow(next: MapContent): void {
    this.pending = null;
    // Report loading until the map has rendered the new content (then maplibre fires idle).
    this.options.onLifecycle('loading');
    this.map.triggerRepaint();
    // New data in a source resets maplibre's feature states; forget ours too.
    for (const [id, spec] of Object.entries(next.sources)) {
      if (this.content.sources[id]?.data !== spec.data) this.featureStates.delete(id);
    }
    applyContent(this.map, this.content, next);
    this.content = next;
    const queued = this.queuedStates;
    this.queuedStates = new Map();
    for (const [source, states] of queued) this.setFeatureStates(source, states);
  }

  /**
   * Sets the feature state of features 0 … n−1 of a GeoJSON source (numeric ids), sending only
   * the keys that changed since the last call.
   */
  setFeatureStates(source: string, states: readonly FeatureState[]): void {
    if (!this.styleReady || this.urlTask !== null || !this.map.getSource(source)) {
      this.queuedStates.set(source, [...states]);
      return;
    }
    const previous = this.featureStates.get(source) ?? [];
    for (let id = 0; id < states.length; id++) {
      const next = states[id]!;
      const before = previous[id];
      let changed: FeatureState | null = null;
      for (const key in next) {
        if (!before || before[key] !== next[key]) (changed ??= {})[key] = next[key]!;
      }
      if (changed) this.map.setFeatureState({ source, id }, changed);
    }
    this.featureStates.set(source, [...states]);
  }

  /** Animates the camera to a point (lon, lat) at least at `minZoom`. */
  flyTo(center: [number, number], minZoom = 13.5): void {
    this.map.flyTo({ center, zoom: Math.max(this.map.getZoom(), minZoom), duration: 800, essential: true });
  }

  /** Moves the camera without animation when it differs from the current one. */
  jumpTo(camera: MapCamera): void {
    const center = this.map.getCenter();
    const same = Math.abs(this.map.getZoom() - camera.zoom) < 0.01 && Math.abs(center.lat - camera.lat) < 1e-5 && Math.abs(center.lng - camera.lon) < 1e-5;
    if (!same) this.map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom });
  }

  fitBounds(bounds: LngLatBoundsLike, padding: number | { top: number; bottom: number; left: number; right: number } = 40, duration = 600, maxZoom = 15): void {
    // Not idle until the camera has arrived (maplibre fires idle after the last moving frame).
    this.options.onLifecycle('loading');
    this.map.triggerRepaint();
    this.map.fitBounds(bounds, { padding, duration, maxZoom });
  }

  /** Sharpness of the canvas: device pixels per CSS pixel (e.g. the presentation stage's scale × the screen's ratio). */
  setPixelRatio(pixelRatio: number): void {
    if (Math.abs(this.map.getPixelRatio() - pixelRatio) > 1e-3) this.map.setPixelRatio(pixelRatio);
  }

  /** The map canvas (for composing exports; readable because the drawing buffer is preserved). */
  canvas(): HTMLCanvasElement {
    return this.map.getCanvas();
  }

  /** Resolves once the map has rendered everything it was asked to (the next `idle`). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  /** Follows a change of the container's size. */
  resize(): void {
    this.map.resize();
  }

  /** Rendered features of the given layers (for automation and hit tests). */
  queryRenderedFeatures(layers: string[]): MapGeoJSONFeature[] {
    return this.map.queryRenderedFeatures({ layers: layers.filter((id) => this.map.getLayer(id)) });
  }

  /**
   * A copy of the map as drawn, with the camera facts an export needs. The WebGL buffer is not
   * preserved, so the copy is taken inside the next `render` event, before the frame is presented.
   */
  capture(options: CaptureOptions = {}): Promise<MapCapture> {
    if (options.frame) {
      // Frame the bounds at the same canvas size, copy, and put the camera back.
      const { frame, ...rest } = options;
      const camera = { center: this.map.getCenter(), zoom: this.map.getZoom(), bearing: this.map.getBearing(), pitch: this.map.getPitch() };
      const moved = new Promise<void>((resolve) => this.map.once('idle', () => resolve()));
      this.map.fitBounds(frame.bounds, { padding: frame.padding, duration: 0, maxZoom: 16, bearing: camera.bearing });
      this.map.triggerRepaint();
      return moved.then(() => this.capture(rest)).finally(() => this.map.jumpTo(camera));
    }
    const before = this.map.getPixelRatio();
    if (options.pixelRatio && Math.abs(options.pixelRatio - before) > 1e-3) {
      // Render once at the print resolution (the map is redrawn, then idle), copy, and go back.
      this.map.setPixelRatio(options.pixelRatio);
      return new Promise<void>((resolve) => this.map.once('idle', () => resolve()))
        .then(() => this.capture())
        .finally(() => this.map.setPixelRatio(before));
    }
    return new Promise((resolve) => {
      this.map.once('render', () => {
        const source = this.map.getCanvas();
        const copy = document.createElement('canvas');
        copy.width = source.width;
        copy.height = source.height;
        copy.getContext('2d')!.drawImage(source, 0, 0);
        const center = this.map.getCenter();
        const pixelRatio = source.width / source.clientWidth || 1;
        // Web Mercator ground resolution at the centre latitude, metres per CSS pixel.
        const metersPerPixel = (40_075_016.686 * Math.cos((center.lat * Math.PI) / 180)) / (512 * 2 ** this.map.getZoom());
        resolve({ canvas: copy, pixelRatio, metersPerPixel, bearing: this.map.getBearing(), markers: this.markerPlacement() });
      });
      this.map.triggerRepaint();
    });
  }

  /**
   * The analysis markers (片区 names, numbered suggestion badges, 孤 badges) the map holds and how
   * many of them the last placement drew: collision drops some at a district view (issue 16: the
   * map PDF's legend listed badges its map had dropped).
   */
  markerPlacement(): MarkerPlacement {
    if (!this.map.getSource(SOURCES.markers)) return { total: 0, placed: 0, bounds: null };
    const key = (properties: Record<string, unknown> | null) => `${String(properties?.kind)}:${String(properties?.text)}:${String(properties?.index)}`;
    const all = new Map<string, [number, number]>();
    for (const feature of this.map.querySourceFeatures(SOURCES.markers)) {
      if (feature.geometry.type === 'Point') all.set(key(feature.properties), feature.geometry.coordinates as [number, number]);
    }
    const layers = [LAYER_IDS.markerLabel, LAYER_IDS.clusterLabel].filter((id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') !== 'none');
    const placed = new Set(layers.length ? this.map.queryRenderedFeatures({ layers }).map((feature) => key(feature.properties)) : []);
    const points = [...all.values()];
    const bounds: MarkerPlacement['bounds'] = points.length
      ? [Math.min(...points.map((p) => p[0])), Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1]))]
      : null;
    return { total: all.size, placed: [...all.keys()].filter((id) => placed.has(id)).length, bounds };
  }

  destroy(): void {
    if (this.urlTask !== null) clearTimeout(this.urlTask);
    this.map.remove();
  }
}

export interface CaptureOptions {
  /** Render at this many device pixels per CSS pixel first (print). */
  pixelRatio?: number;
  /** Frame these bounds (west, south, east, north; padding in CSS pixels) for the copy, then return to the camera. */
  frame?: { bounds: [number, number, number, number]; padding: number };
}

export interface MarkerPlacement {
  /** Markers in the map's data. */
  total: number;
  /** Of those, drawn by the last placement (not dropped by collision). */
  placed: number;
  /** Where the markers stand (west, south, east, north), null without any. */
  bounds: [number, number, number, number] | null;
}

export interface MapCapture {
  canvas: HTMLCanvasElement;
  /** Device pixels per CSS pixel of the captured canvas. */
  pixelRatio: number;
  metersPerPixel: number;
  bearing: number;
  /** The analysis markers as placed in the copy. */
  markers: MarkerPlacement;
}

