/**
 * Layer specifications as plain data. Functions here return maplibre layer specs for a given
 * view of the data; the controller applies them. No map instance is touched here.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { LABEL_FONT } from './style.ts';

export const COMMUNITY_SOURCE = 'communities';

/** Layer ids other modules (tests, hit testing) may rely on. */
export const LAYER_IDS = {
  communityFill: 'community-fill',
  communityLine: 'community-line',
  communityLabel: 'community-label',
} as const;

/** A categorical colour: features whose `property` equals `value` get `color`. */
export interface CategoryColor {
  value: string;
  color: string;
}

/** A `match` expression on a string property, with a fallback colour. */
export function categoricalColor(property: string, categories: CategoryColor[], fallback: string): ExpressionSpecification | string {
  if (categories.length === 0) return fallback;
  const pairs = categories.flatMap(({ value, color }) => [value, color]);
  return ['match', ['to-string', ['get', property]], ...pairs, fallback] as unknown as ExpressionSpecification;
}

export interface CommunityLayerOptions {
  fillColor: ExpressionSpecification | string;
}

export function communityLayers({ fillColor }: CommunityLayerOptions): LayerSpecification[] {
  return [
    {
      id: LAYER_IDS.communityFill,
      type: 'fill',
      source: COMMUNITY_SOURCE,
      paint: { 'fill-color': fillColor, 'fill-opacity': 0.72 },
    },
    {
      id: LAYER_IDS.communityLine,
      type: 'line',
      source: COMMUNITY_SOURCE,
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.4, 14, 1.5] },
    },
    {
      id: LAYER_IDS.communityLabel,
      type: 'symbol',
      source: COMMUNITY_SOURCE,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 11, 15, 16],
        'text-max-width': 6,
        'text-padding': 2,
      },
      paint: { 'text-color': '#1f2933', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    },
  ];
}
