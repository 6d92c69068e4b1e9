/**
 * The cases 问题 on the map (issue 20): one point per case at its location, coloured by its
 * three-colour state 三色督办 (the colour the server's core computed; never recomputed here),
 * clustered when zoomed out (a maplibre GeoJSON source with `cluster: true`; a cluster takes the
 * worst colour among its cases). Plain data like layers.ts, merged into the dashboard's content;
 * `bindCaseLayer` wires its clicks (a case opens, a cluster zooms in).
 *
 * The list's filters apply to the data, not to the layers: a clustered source counts only what
 * it holds.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, LayerSpecification, Map as MapLibreMap, MapMouseEvent, MapTouchEvent } from 'maplibre-gl';
import type { CaseColour } from '../core/index.ts';
import type { MapContent } from './apply-layers.ts';
import { LABEL_FONT } from './style.ts';

export const CASE_SOURCE = 'cases';

export const CASE_LAYER_IDS = {
  clusters: 'case-clusters',
  clusterCount: 'case-cluster-count',
  points: 'case-points',
} as const;

/** Colours of the three-colour states (and of a case with none: not yet assigned, closed, or due later). */
export const CASE_COLOURS: Readonly<Record<CaseColour | 'none', string>> = {
  blue: '#1d4ed8',
  yellow: '#eab308',
  red: '#dc2626',
  none: '#64748b',
};

/** What the layer needs of a case. */
export interface CasePoint {
  id: string;
  number: number;
  lon: number | null;
  lat: number | null;
  colour: CaseColour | null;
}

/** Zoom above which cases are never clustered (one community fills the map there). */
export const CASE_CLUSTER_MAX_ZOOM = 14;
/** Cluster radius, in CSS pixels. */
export const CASE_CLUSTER_RADIUS = 40;

/** The cases with a location as GeoJSON points (`id` the case number, properties id, number, colour). */
export function caseFeatures(cases: readonly CasePoint[]): FeatureCollection<Point, { id: string; number: number; colour: CaseColour | 'none' }> {
  return {
    type: 'FeatureCollection',
    features: cases
      .filter((item) => item.lon !== null && item.lat !== null && Number.isFinite(item.lon) && Number.isFinite(item.lat))
      .map((item) => ({ type: 'Feature', id: item.number, geometry: { type: 'Point', coordinates: [item.lon!, item.lat!] }, properties: { id: item.id, number: item.number, colour: item.colour ?? 'none' } })),
  };
}

const isColour = (colour: CaseColour) => ['case', ['==', ['get', 'colour'], colour], 1, 0];
/** A cluster's colour: red if any case is red, else yellow, else blue, else none's grey. */
const clusterColour = [
  'case',
  ['>', ['get', 'red'], 0],
  CASE_COLOURS.red,
  ['>', ['get', 'yellow'], 0],
  CASE_COLOURS.yellow,
  ['>', ['get', 'blue'], 0],
  CASE_COLOURS.blue,
  CASE_COLOURS.none,
] as unknown as ExpressionSpecification;
const pointColour = ['match', ['get', 'colour'], 'red', CASE_COLOURS.red, 'yellow', CASE_COLOURS.yellow, 'blue', CASE_COLOURS.blue, CASE_COLOURS.none] as unknown as ExpressionSpecification;

/**
 * The source and layers of the cases: clusters (circle sized by count, with the count) and
 * single cases (a circle with a white ring). `data` is the output of `caseFeatures`; pass the
 * same object to keep the source as it is.
 */
export function caseLayerContent(data: ReturnType<typeof caseFeatures>): MapContent {
  const layers: LayerSpecification[] = [
    {
      id: CASE_LAYER_IDS.clusters,
      type: 'circle',
      source: CASE_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': clusterColour,
        'circle-opacity': 0.9,
        'circle-radius': ['step', ['get', 'point_count'], 13, 10, 17, 50, 22] as unknown as ExpressionSpecification,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: CASE_LAYER_IDS.clusterCount,
      type: 'symbol',
      source: CASE_SOURCE,
      filter: ['has', 'point_count'],
      layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': LABEL_FONT, 'text-size': 13, 'text-allow-overlap': true },
      paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0,0,0,0.35)', 'text-halo-width': 1 },
    },
    {
      id: CASE_LAYER_IDS.points,
      type: 'circle',
      source: CASE_SOURCE,
      filter: ['!', ['has', 'point_count']],
      paint: { 'circle-color': pointColour, 'circle-radius': 7, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
  ];
  return {
    sources: {
      [CASE_SOURCE]: {
        type: 'geojson',
        data,
        cluster: true,
        clusterMaxZoom: CASE_CLUSTER_MAX_ZOOM,
        clusterRadius: CASE_CLUSTER_RADIUS,
        clusterProperties: { red: ['+', isColour('red')], yellow: ['+', isColour('yellow')], blue: ['+', isColour('blue')] } as never,
      },
    },
    layers,
  };
}

/** Appends `extra` (sources and layers drawn on top) to `content`. */
export function withCaseLayer(content: MapContent, extra: MapContent | null): MapContent {
  if (!extra || content.layers.length === 0) return content;
  return { sources: { ...content.sources, ...extra.sources }, layers: [...content.layers, ...extra.layers] };
}

export interface CaseLayerBinding {
  /** The last press was on a case or a cluster (the map's own click then does nothing else). */
  tookPress(): boolean;
  dispose(): void;
}

/**
 * Clicks on the case layer: a single case calls `onOpen(id)`, a cluster zooms in until it
 * splits. The press (mouse or touch) is remembered so that the community under the case is
 * neither selected nor designated by the same click.
 */
export function bindCaseLayer(map: MapLibreMap, onOpen: (id: string) => void): CaseLayerBinding {
  let pressed = false;
  const layers = () => [CASE_LAYER_IDS.points, CASE_LAYER_IDS.clusters].filter((id) => map.getLayer(id));
  const hit = (point: { x: number; y: number }) => {
    const ids = layers();
    return ids.length === 0 ? undefined : map.queryRenderedFeatures([point.x, point.y], { layers: ids })[0];
  };
  const press = (event: MapMouseEvent | MapTouchEvent) => {
    pressed = hit(event.point) !== undefined;
  };
  const click = (event: MapMouseEvent) => {
    const feature = hit(event.point);
    if (!feature) return;
    const properties = feature.properties as { id?: string; cluster_id?: number };
    if (typeof properties.cluster_id === 'number') {
      const source = map.getSource(CASE_SOURCE) as GeoJSONSource | undefined;
      const center = (feature.geometry as Point).coordinates as [number, number];
      void source
        ?.getClusterExpansionZoom(properties.cluster_id)
        .then((zoom) => map.easeTo({ center, zoom: Math.min(zoom, CASE_CLUSTER_MAX_ZOOM + 1) }))
        .catch(() => undefined);
    } else if (typeof properties.id === 'string') onOpen(properties.id);
  };
  const move = (event: MapMouseEvent) => {
    if (hit(event.point)) map.getCanvas().style.cursor = 'pointer';
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
