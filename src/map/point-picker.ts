/**
 * A small map to place a problem's point (the inspector's phone, issue 20): the community's
 * outline on the plain base style and one draggable marker; a tap moves the marker there.
 * Loaded on demand by the form (src/ui/inspect), never by the dashboard.
 */
import { LngLatBounds, Map as MapLibreMap, Marker, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { MultiPolygon, Polygon } from 'geojson';
import { baseStyle, LOCAL_IDEOGRAPH_FONT_FAMILY } from './style.ts';

export interface PointPicker {
  /** Moves the marker (e.g. to the phone's position). */
  setPoint(point: [number, number]): void;
  destroy(): void;
}

const OUTLINE_COLOR = '#b91c1c';
const FILL_COLOR = '#fecaca';
const MARKER_COLOR = '#1d4ed8';

/** Mounts the picker in `container`; `onChange` receives every point the inspector chooses ([lon, lat], WGS84). */
export function createPointPicker(container: HTMLElement, options: { outline: Polygon | MultiPolygon; point: [number, number]; onChange: (point: [number, number]) => void }): PointPicker {
  setWorkerUrl(workerUrl);
  const bounds = new LngLatBounds();
  const rings = options.outline.type === 'Polygon' ? [options.outline.coordinates[0]!] : options.outline.coordinates.map((polygon) => polygon[0]!);
  for (const ring of rings) for (const [lon, lat] of ring) bounds.extend([lon!, lat!]);
  bounds.extend(options.point);
  const map = new MapLibreMap({
    container,
    style: baseStyle(),
    bounds,
    fitBoundsOptions: { padding: 24 },
    attributionControl: false,
    localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    fadeDuration: 0,
  });
  map.touchZoomRotate.disableRotation();
  map.on('load', () => {
    map.addSource('community', { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: options.outline } });
    map.addLayer({ id: 'community-fill', type: 'fill', source: 'community', paint: { 'fill-color': FILL_COLOR, 'fill-opacity': 0.45 } });
    map.addLayer({ id: 'community-line', type: 'line', source: 'community', paint: { 'line-color': OUTLINE_COLOR, 'line-width': 2 } });
  });
  const marker = new Marker({ color: MARKER_COLOR, draggable: true }).setLngLat(options.point).addTo(map);
  marker.on('dragend', () => {
    const { lng, lat } = marker.getLngLat();
    options.onChange([lng, lat]);
  });
  map.on('click', (event) => {
    marker.setLngLat(event.lngLat);
    options.onChange([event.lngLat.lng, event.lngLat.lat]);
  });
  return {
    setPoint(point) {
      marker.setLngLat(point);
    },
    destroy() {
      map.remove();
    },
  };
}
