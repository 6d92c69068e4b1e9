/**
 * The campaign features 工程与路线 on the map (issue 21): landscape routes 景观路线 and road works
 * 道路工程 as lines (a green line on a white casing, an orange dashed line), street service centres
 * and project sites as circles (blue with a white ring, violet), each named by a label. Plain data
 * like layers.ts and case-layer.ts, merged on top of the dashboard's content (under the cases);
 * `bindFeatureLayer` wires its clicks (a feature's card opens).
 */
import type { FeatureCollection, LineString, Point } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap, MapMouseEvent, MapTouchEvent } from 'maplibre-gl';
import type { CampaignFeature, FeatureKind } from '../core/index.ts';
import type { MapContent } from './apply-layers.ts';
import { LABEL_FONT } from './style.ts';

export const FEATURE_SOURCE = 'campaign-features';

export const FEATURE_LAYER_IDS = {
  casing: 'feature-route-casing',
  routes: 'feature-routes',
  roadWorks: 'feature-road-works',
  points: 'feature-points',
  labels: 'feature-labels',
} as const;

/** The colour of each kind (the legend's swatches are the same). */
export const FEATURE_COLOURS: Readonly<Record<FeatureKind, string>> = {
  landscape_route: '#15803d',
  road_work: '#ea580c',
  service_centre: '#1d4ed8',
  project_site: '#7c3aed',
};

/** How each kind is drawn, for the legend: a solid line, a dashed line or a dot. */
export const FEATURE_SWATCH: Readonly<Record<FeatureKind, 'line' | 'dash' | 'dot'>> = {
  landscape_route: 'line',
  road_work: 'dash',
  service_centre: 'dot',
  project_site: 'dot',
};

/** The properties the layer's features carry (the stored ones, flattened for expressions). */
export interface FeatureLayerProperties {
  id: string;
  kind: FeatureKind;
  name: string;
}

/** The features as the layer's GeoJSON (`id` its index, properties id, kind, name). */
export function featureLayerData(features: readonly CampaignFeature[]): FeatureCollection<LineString | Point, FeatureLayerProperties> {
  return {
    type: 'FeatureCollection',
    features: features.map((feature, index) => ({ type: 'Feature', id: index, geometry: feature.geometry, properties: { id: feature.properties.id, kind: feature.properties.kind, name: feature.properties.name } })),
  };
}

const isKind = (kind: FeatureKind): ExpressionSpecification => ['==', ['get', 'kind'], kind];
const pointColour = ['match', ['get', 'kind'], 'service_centre', FEATURE_COLOURS.service_centre, FEATURE_COLOURS.project_site] as unknown as ExpressionSpecification;

/**
 * The source and layers of the features, bottom to top: the routes' white casing, the routes, the
 * road works (dashed), the centres and sites (circles, a centre larger), and the names (along a line,
 * beside a point). `data` is the output of `featureLayerData`; pass the same object to keep the source.
 */
export function featureLayerContent(data: ReturnType<typeof featureLayerData>): MapContent {
  const layers: LayerSpecification[] = [
    {
      id: FEATURE_LAYER_IDS.casing,
      type: 'line',
      source: FEATURE_SOURCE,
      filter: isKind('landscape_route'),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 5, 15, 10] as unknown as ExpressionSpecification },
    },
    {
      id: FEATURE_LAYER_IDS.routes,
      type: 'line',
      source: FEATURE_SOURCE,
      filter: isKind('landscape_route'),
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': FEATURE_COLOURS.landscape_route, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 3, 15, 6] as unknown as ExpressionSpecification },
    },
    {
      id: FEATURE_LAYER_IDS.roadWorks,
      type: 'line',
      source: FEATURE_SOURCE,
      filter: isKind('road_work'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': FEATURE_COLOURS.road_work, 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 3, 15, 6] as unknown as ExpressionSpecification, 'line-dasharray': [2, 1] },
    },
    {
      id: FEATURE_LAYER_IDS.points,
      type: 'circle',
      source: FEATURE_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': pointColour,
        'circle-radius': ['match', ['get', 'kind'], 'service_centre', 8, 6] as unknown as ExpressionSpecification,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: FEATURE_LAYER_IDS.labels,
      type: 'symbol',
      source: FEATURE_SOURCE,
      minzoom: 12,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': 12,
        'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
        'text-radial-offset': 0.8,
        'text-max-width': 8,
      },
      paint: { 'text-color': ['match', ['get', 'kind'], 'landscape_route', FEATURE_COLOURS.landscape_route, 'road_work', '#9a3412', 'service_centre', FEATURE_COLOURS.service_centre, FEATURE_COLOURS.project_site] as unknown as ExpressionSpecification, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    },
  ];
  return { sources: { [FEATURE_SOURCE]: { type: 'geojson', data } }, layers };
}

/** `a`'s sources and layers with `b`'s on top (either may be null). */
export function mergeContent(a: MapContent | null, b: MapContent | null): MapContent | null {
  if (!a) return b;
  if (!b) return a;
  return { sources: { ...a.sources, ...b.sources }, layers: [...a.layers, ...b.layers] };
}

export interface FeatureLayerBinding {
  /** The last press was on a feature (the map's own click then selects no community). */
  tookPress(): boolean;
  dispose(): void;
}

/** Layers a click hits, top first. */
const CLICKABLE = [FEATURE_LAYER_IDS.points, FEATURE_LAYER_IDS.roadWorks, FEATURE_LAYER_IDS.routes];

/**
 * Clicks on the features: a line or a point calls `onSelect(id)` (its card opens). The press is
 * remembered so that the community under the feature is not selected by the same click; while
 * `busy()` (a drawing tool is active) the layer takes every press and selects nothing.
 */
export function bindFeatureLayer(map: MapLibreMap, onSelect: (id: string) => void, busy: () => boolean): FeatureLayerBinding {
  let pressed = false;
  const hit = (point: { x: number; y: number }) => {
    const layers = CLICKABLE.filter((id) => map.getLayer(id));
    if (layers.length === 0) return undefined;
    // A few pixels around the pointer: a 3-pixel line is hard to hit exactly.
    return map.queryRenderedFeatures([[point.x - 4, point.y - 4], [point.x + 4, point.y + 4]], { layers })[0];
  };
  const press = (event: MapMouseEvent | MapTouchEvent) => {
    pressed = busy() || hit(event.point) !== undefined;
  };
  const click = (event: MapMouseEvent) => {
    if (busy()) return;
    const id = (hit(event.point)?.properties as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') onSelect(id);
  };
  const move = (event: MapMouseEvent) => {
    if (!busy() && hit(event.point)) map.getCanvas().style.cursor = 'pointer';
  };
  map.on('mousedown', press);
  map.on('touchstart', press);
  map.on('click', click);
  map.on('mousemove', move);
  return {
    tookPress: () => pressed,
    dispose() {
      map.off('mousedown', press);
      map.off('touchstart', press);
      map.off('click', click);
      map.off('mousemove', move);
    },
  };
}
