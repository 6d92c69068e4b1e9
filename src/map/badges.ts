/**
 * The round badges of the marker symbols (numbered bridge suggestions, 孤 on isolated
 * communities) as map images, drawn on demand when a layer asks for one
 * (`styleimagemissing`). Being symbol icons rather than a circle layer, the badges take part in
 * maplibre's label collision: community names, 片区 labels and street names keep clear of them,
 * and badges that would overlap each other are thinned by their `symbol-sort-key`.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { OKABE_ITO } from './palettes.ts';

export type BadgeKind = 'bridge' | 'isolated';

/** Fill colour per badge kind: black for suggestions, vermillion for isolated communities. */
export const BADGE_COLORS: Readonly<Record<BadgeKind, string>> = { bridge: '#000000', isolated: OKABE_ITO.vermillion };

/** White ring around a badge, in CSS pixels of the map. */
export const BADGE_STROKE = 2;

/** Device pixels per CSS pixel the badge images are drawn at (sharp on the 4× presentation canvas). */
const BADGE_PIXEL_RATIO = 4;

const PREFIX = 'lianpian-badge';

/** Image id of a badge of `radius` CSS pixels (without the ring). */
export function badgeImageId(kind: BadgeKind, radius: number): string {
  return `${PREFIX}:${kind}:${radius}`;
}

function parseBadgeId(id: string): { kind: BadgeKind; radius: number } | null {
  const match = /^lianpian-badge:(bridge|isolated):(\d+(?:\.\d+)?)$/.exec(id);
  return match ? { kind: match[1] as BadgeKind, radius: Number(match[2]) } : null;
}

/** RGBA pixels of a filled circle with a white ring, `BADGE_PIXEL_RATIO` device pixels per CSS pixel. */
function badgePixels(kind: BadgeKind, radius: number): { width: number; height: number; data: Uint8ClampedArray } {
  const outer = (radius + BADGE_STROKE) * BADGE_PIXEL_RATIO;
  const size = Math.ceil(outer * 2) + 2;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const context = canvas.getContext('2d')!;
  context.beginPath();
  context.arc(size / 2, size / 2, outer - 0.5, 0, 2 * Math.PI);
  context.fillStyle = '#ffffff';
  context.fill();
  context.beginPath();
  context.arc(size / 2, size / 2, radius * BADGE_PIXEL_RATIO, 0, 2 * Math.PI);
  context.fillStyle = BADGE_COLORS[kind];
  context.fill();
  return { width: size, height: size, data: context.getImageData(0, 0, size, size).data };
}

function addBadge(map: MapLibreMap, id: string): void {
  const badge = parseBadgeId(id);
  if (!badge || map.hasImage(id)) return;
  map.addImage(id, badgePixels(badge.kind, badge.radius), { pixelRatio: BADGE_PIXEL_RATIO });
}

/**
 * Adds the badges of `radii` to `map` once its style has loaded (call before adding layers: a
 * tile laid out before its icon exists shows the number without its badge), and any other
 * badge a layer names when it is missing.
 */
export function installBadges(map: MapLibreMap, radii: readonly number[]): void {
  map.on('styleimagemissing', (event: { id: string }) => addBadge(map, event.id));
  const addAll = () => {
    for (const radius of radii) for (const kind of Object.keys(BADGE_COLORS) as BadgeKind[]) addBadge(map, badgeImageId(kind, radius));
  };
  if (map.isStyleLoaded()) addAll();
  else map.once('load', addAll);
}
