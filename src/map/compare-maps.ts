/**
 * Two small synchronized maps for comparing plans (现状 vs a scenario, or two scenarios): each
 * shows its designated communities, and each outlines the communities only it has
 * (green = only on the right, vermillion = only on the left). Moving one map moves the other.
 * Like the main controller, this module alone holds its maplibregl.Map objects.
 */
import { Map as MapLibreMap, setWorkerUrl, type LayerSpecification, type LngLatBoundsLike } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { applyContent, type MapContent } from './apply-layers.ts';
import { OKABE_ITO } from './palettes.ts';
import { LOCAL_IDEOGRAPH_FONT_FAMILY, baseStyle } from './style.ts';

type Communities = FeatureCollection<Polygon | MultiPolygon>;

const DIFF_COLORS = { onlyRight: OKABE_ITO.bluishGreen, onlyLeft: OKABE_ITO.vermillion } as const;

/**
 * The layers of one comparison map, as plain data. Each map outlines what only it has (green on
 * the right, vermillion on the left): outlining "only on the right" on both maps said the left
 * one had it too.
 */
export function compareLayers(side: 'left' | 'right'): LayerSpecification[] {
  return [
    { id: 'compare-all', type: 'fill', source: 'compare-all', paint: { 'fill-color': '#cbd5e1', 'fill-opacity': 0.8 } },
    { id: 'compare-on', type: 'fill', source: 'compare-on', paint: { 'fill-color': '#4477AA', 'fill-opacity': 0.85 } },
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

/** Features of `communities` where `keep(i)` holds, with extra properties. */
function subset(communities: Communities, keep: (i: number) => string | null): Communities {
  return {
    type: 'FeatureCollection',
    features: communities.features.flatMap((feature, i) => {
      const change = keep(i);
      return change === null ? [] : [{ ...feature, properties: { change } }];
    }),
  };
}

export class CompareMaps {
  private readonly maps: [MapLibreMap, MapLibreMap];
  private contents: [MapContent, MapContent] = [
    { sources: {}, layers: [] },
    { sources: {}, layers: [] },
  ];
  private pending: [MapContent, MapContent] | null = null;
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

  /** Shows `left` and `right` designations on `communities`, outlining the differences on both maps. */
  show(communities: Communities, left: Uint8Array, right: Uint8Array): void {
    const diff = subset(communities, (i) => (left[i] === right[i] ? null : right[i] ? 'onlyRight' : 'onlyLeft'));
    const content = (designated: Uint8Array, side: 'left' | 'right'): MapContent => ({
      sources: {
        'compare-all': { type: 'geojson', data: communities },
        'compare-on': { type: 'geojson', data: subset(communities, (i) => (designated[i] ? 'on' : null)) },
        'compare-diff': { type: 'geojson', data: diff },
      },
      layers: compareLayers(side),
    });
    const next: [MapContent, MapContent] = [content(left, 'left'), content(right, 'right')];
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

  private apply(next: [MapContent, MapContent]): void {
    this.pending = null;
    next.forEach((content, side) => applyContent(this.maps[side]!, this.contents[side]!, content));
    this.contents = next;
  }
}
