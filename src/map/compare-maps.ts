/**
 * Two small synchronized maps for comparing plans (现状 vs a scenario, or two scenarios): each
 * shows its designated communities, and each outlines the communities only it has
 * (green = only on the right, vermillion = only on the left). Moving one map moves the other.
 * Like the main controller, this module alone holds its maplibregl.Map objects.
 */
import { Map as MapLibreMap, setWorkerUrl, type ExpressionSpecification, type LayerSpecification, type LngLatBoundsLike } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { applyContent, type MapContent } from './apply-layers.ts';
import type { CommunityShapes } from './overlays.ts';
import { OKABE_ITO } from './palettes.ts';
import { LOCAL_IDEOGRAPH_FONT_FAMILY, baseStyle } from './style.ts';

type Communities = FeatureCollection<Polygon | MultiPolygon>;

const DIFF_COLORS = { onlyRight: OKABE_ITO.bluishGreen, onlyLeft: OKABE_ITO.vermillion } as const;

/**
 * The layers of one comparison map, as plain data. Every community is drawn from one source
 * (`compare-all`, numeric feature ids = community index), designated ones by the feature state
 * `on`, so a toggle changes a feature state instead of re-sending a subset's polygons. Each map
 * outlines what only it has (green on the right, vermillion on the left): outlining "only on the
 * right" on both maps said the left one had it too.
 */
export function compareLayers(side: 'left' | 'right'): LayerSpecification[] {
  const on = ['boolean', ['feature-state', 'on'], false];
  return [
    { id: 'compare-all', type: 'fill', source: 'compare-all', paint: { 'fill-color': ['case', on, '#4477AA', '#cbd5e1'] as unknown as ExpressionSpecification, 'fill-opacity': ['case', on, 0.85, 0.8] as unknown as ExpressionSpecification } },
    { id: 'compare-lines', type: 'line', source: 'compare-all', paint: { 'line-color': '#ffffff', 'line-width': 0.4 } },
    {
      id: 'compare-diff',
      type: 'line',
      source: 'compare-diff',
      filter: ['==', ['get', 'change'], side === 'left' ? 'onlyLeft' : 'onlyRight'],
      paint: { 'line-color': ['match', ['get', 'change'], 'onlyRight', DIFF_COLORS.onlyRight, DIFF_COLORS.onlyLeft], 'line-width': 3 },
    },
  ];
}

/**
 * The communities whose `on` state a map must change to go from showing `previous` to showing
 * `next` (every designated one when nothing was shown before): a toggle changes one.
 */
export function changedDesignations(previous: Uint8Array | null, next: Uint8Array): { id: number; on: boolean }[] {
  const changes: { id: number; on: boolean }[] = [];
  for (let id = 0; id < next.length; id++) {
    const on = next[id] === 1;
    if (previous && id < previous.length ? (previous[id] === 1) !== on : on) changes.push({ id, on });
  }
  if (previous) for (let id = next.length; id < previous.length; id++) if (previous[id] === 1) changes.push({ id, on: false });
  return changes;
}

/** The outlines of the communities that differ between `left` and `right` (a few, usually). */
export function differenceFeatures(shapes: CommunityShapes, left: Uint8Array, right: Uint8Array): FeatureCollection<Polygon | MultiPolygon, { change: 'onlyLeft' | 'onlyRight' }> {
  const features: FeatureCollection<Polygon | MultiPolygon, { change: 'onlyLeft' | 'onlyRight' }>['features'] = [];
  const count = Math.max(left.length, right.length);
  for (let i = 0; i < count; i++) {
    const l = left[i] === 1;
    const r = right[i] === 1;
    const shape = shapes.features[i];
    if (l !== r && shape) features.push({ type: 'Feature', id: i, properties: { change: r ? 'onlyRight' : 'onlyLeft' }, geometry: shape.geometry });
  }
  return { type: 'FeatureCollection', features };
}

export class CompareMaps {
  private readonly maps: [MapLibreMap, MapLibreMap];
  private contents: [MapContent, MapContent] = [
    { sources: {}, layers: [] },
    { sources: {}, layers: [] },
  ];
  /** The designation each map's feature states show (null before the first). */
  private designations: [Uint8Array | null, Uint8Array | null] = [null, null];
  private pending: Shown | null = null;
  private loaded = 0;
  private syncing = false;

  constructor(containers: [HTMLElement, HTMLElement], bounds: LngLatBoundsLike) {
    setWorkerUrl(workerUrl);
    this.maps = containers.map(
      (container) =>
        new MapLibreMap({ container, style: baseStyle(), bounds, fitBoundsOptions: { padding: 8 }, attributionControl: false, localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY, fadeDuration: 0, dragRotate: false, pitchWithRotate: false }),
    ) as [MapLibreMap, MapLibreMap];
    this.maps.forEach((map, side) => {
      map.on('load', () => {
        this.loaded++;
        if (this.loaded === 2 && this.pending) this.apply(this.pending);
      });
      // Keep the other map on the same camera (a flag stops the echo).
      map.on('move', () => {
        if (this.syncing) return;
        this.syncing = true;
        const other = this.maps[1 - side]!;
        other.jumpTo({ center: map.getCenter(), zoom: map.getZoom() });
        this.syncing = false;
      });
    });
  }

  /**
   * Shows `left` and `right` designations on `communities` (a FeatureCollection with feature ids
   * 0 … n−1, or the URL of one: a large set's map layer, which maplibre's worker reads itself),
   * outlining the differences (drawn from `shapes`) on both maps. Pass the same `communities`
   * every time: it is loaded once, and later calls change only the feature states of the
   * communities whose designation changed.
   */
  show(communities: Communities | string, shapes: CommunityShapes, left: Uint8Array, right: Uint8Array): void {
    const diff = differenceFeatures(shapes, left, right);
    const content = (side: 'left' | 'right'): MapContent => ({
      sources: {
        'compare-all': { type: 'geojson', data: communities },
        'compare-diff': { type: 'geojson', data: diff },
      },
      layers: compareLayers(side),
    });
    const next: Shown = { contents: [content('left'), content('right')], designations: [left, right] };
    if (this.loaded < 2) this.pending = next;
    else this.apply(next);
  }

  /** Frames both maps on `bounds` ([west, south, east, north]), without animation. */
  frame(bounds: LngLatBoundsLike): void {
    this.maps[0].fitBounds(bounds, { padding: 12, duration: 0, maxZoom: 14 });
  }

  /** The two canvases' maps (for automation). */
  get mapList(): readonly MapLibreMap[] {
    return this.maps;
  }

  destroy(): void {
    for (const map of this.maps) map.remove();
  }

  private apply(next: Shown): void {
    this.pending = null;
    next.contents.forEach((content, side) => {
      const map = this.maps[side]!;
      // New communities data starts without feature states.
      if (this.contents[side]!.sources['compare-all']?.data !== content.sources['compare-all']?.data) this.designations[side] = null;
      applyContent(map, this.contents[side]!, content);
      for (const { id, on } of changedDesignations(this.designations[side]!, next.designations[side]!)) map.setFeatureState({ source: 'compare-all', id }, { on });
      this.designations[side] = next.designations[side]!;
    });
    this.contents = next.contents;
  }
}

interface Shown {
  contents: [MapContent, MapContent];
  designations: [Uint8Array, Uint8Array];
}
