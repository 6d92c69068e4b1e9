/**
 * Every map layer of the dashboard as plain data, bottom to top. Dynamic per-community state
 * (designation in the plan, cluster, ring, bridge, filters, hover, selection) is feature-state,
 * so a what-if toggle updates a few feature states and small overlay sources only.
 */
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { CLUSTER_COLORS, OKABE_ITO, PROPOSAL_COLOR } from './palettes.ts';
import { BADGE_STROKE, badgeImageId } from './badges.ts';
import { LABEL_FONT } from './style.ts';

export const SOURCES = {
  communities: 'communities',
  labels: 'community-labels',
  streets: 'streets',
  streetLabels: 'street-labels',
  district: 'district',
  outlines: 'cluster-outlines',
  zones: 'zones',
  borders: 'shared-borders',
  markers: 'markers',
  highlights: 'highlights',
  focus: 'focus',
  proposal: 'proposal',
} as const;

/** Layer ids tests and hit testing rely on. */
export const LAYER_IDS = {
  communityFill: 'community-fill',
  zoneFill: 'zone-fill',
  communityLine: 'community-line',
  ring: 'community-ring',
  streetLine: 'street-line',
  streetSelected: 'street-selected',
  streetHovered: 'street-hovered',
  districtLine: 'district-line',
  clusterOutline: 'cluster-outline',
  isolated: 'community-isolated',
  bridge: 'community-bridge',
  borderLine: 'shared-border-line',
  focus: 'community-focus',
  proposalFill: 'proposal-fill',
  proposalLine: 'proposal-line',
  communityLabel: 'community-label',
  markedLabel: 'community-label-marked',
  streetLabel: 'street-label',
  markerLabel: 'marker-label',
  clusterLabel: 'cluster-label',
} as const;

const state = (name: string) => ['boolean', ['feature-state', name], false];
/** Cluster colour by its number (片区 n, stable across changes), cycling through the palette; see `clusterColorOf`. */
const clusterColor = (numberExpression: unknown): ExpressionSpecification =>
  ['match', ['%', ['-', numberExpression, 1], CLUSTER_COLORS.length], ...CLUSTER_COLORS.flatMap((color, i) => [i, color]), CLUSTER_COLORS[0]] as unknown as ExpressionSpecification;

/** The same colour for a cluster number, for swatches outside the map (the report). */
export function clusterColorOf(number: number): string {
  return CLUSTER_COLORS[(((number - 1) % CLUSTER_COLORS.length) + CLUSTER_COLORS.length) % CLUSTER_COLORS.length]!;
}

/** `dashboard`: the light working map; `present`: the dark, high-contrast stage map with text of 24 stage pixels and more. */
export type LayerTheme = 'dashboard' | 'present';

export interface LayerOptions {
  fillColor: ExpressionSpecification;
  /** Code of the selected street (outlined), or null. */
  selectedStreet?: string | null;
  /** Code of the street under the pointer in a chart (dashed outline), or null. */
  hoveredStreet?: string | null;
  overlays: { clusters: boolean; zones: boolean; rings: boolean; bridges: boolean };
  theme?: LayerTheme;
  /**
   * Communities carrying a badge (bridge suggestions, isolated ones): their names are a layer of
   * their own, placed after the badges and the 片区 names and before every other name (with the
   * corners to go to as well), so a badge never stands where its name is missing.
   */
  marked?: readonly number[];
  /**
   * Which names the map places: `all` (default) the badges, 片区 names, community and street
   * names; `streets` the street names only, for a map about streets (the presentation's targets
   * slide), where 片区 names and 孤 badges crowded out the old town's street names (issue 16).
   */
  labels?: MapLabels;
}

export type MapLabels = 'all' | 'streets';

/** Sizes and colours per theme (text sizes in CSS pixels of the map; the stage is 1920×1080 of them). */
const THEMES = {
  dashboard: {
    line: '#ffffff',
    street: '#334155',
    district: '#0f172a',
    streetText: [10, 13, 13, 17],
    streetsOnlyText: [10, 13, 13, 17],
    streetInk: '#0f172a',
    streetHalo: 'rgba(255,255,255,0.9)',
    communityMinZoom: 11.5,
    communityText: [11.5, 11, 15, 15],
    markerRadius: 10,
    markerText: 12,
    clusterText: 14,
    clusterWidth: [10, 2.5, 14, 5],
  },
  present: {
    line: '#0b1220',
    street: '#f8fafc',
    district: '#f8fafc',
    streetText: [10, 26, 13, 32],
    // The targets slide names all 14 of Lucheng's streets at the whole-district zoom (10.5): at 26 px
    // on one line only 8 fitted, the old town's six small streets giving way (issue 16).
    streetsOnlyText: [10, 18, 13, 24],
    streetInk: '#ffffff',
    streetHalo: '#0b1220',
    communityMinZoom: 12.5,
    communityText: [12.5, 24, 15, 28],
    markerRadius: 18,
    markerText: 24,
    clusterText: 34,
    clusterWidth: [10, 4, 14, 8],
  },
} as const;

/** Badge radii the themes use (map images drawn before any layer asks for them). */
export const BADGE_RADII: readonly number[] = [...new Set(Object.values(THEMES).map((theme) => theme.markerRadius))];

/** Padding around community names (`text-padding`), pixels. */
const NAME_PADDING = 3;
/**
 * Padding around badges (`icon-padding`), pixels: two badges keep at least twice this between
 * their rings. With 1 px, ① and ⑦ stood ring to ring (0.9 px apart) in the old town at a phone's
 * whole-district view (issue 16); collision now lets the later one give way.
 */
const BADGE_PADDING = 3;

/**
 * How far a badge stands above its community's label point, pixels (negative: up): its bottom
 * clears the name centred on that point at the theme's largest name size (maplibre's text box
 * is 1.2 em high), so both show.
 */
function badgeLift(theme: (typeof THEMES)[LayerTheme]): number {
  const nameHalfHeight = 0.6 * Math.max(theme.communityText[1], theme.communityText[3]) + NAME_PADDING;
  return -Math.ceil(theme.markerRadius + BADGE_STROKE + BADGE_PADDING + nameHalfHeight + 1);
}

const zoomRamp = ([z0, v0, z1, v1]: readonly number[]) => ['interpolate', ['linear'], ['zoom'], z0, v0, z1, v1] as unknown as ExpressionSpecification;

const visibility = (visible: boolean) => (visible ? 'visible' : 'none') as 'visible' | 'none';

/** Where a community name may stand around its label point, in order of preference. */
type TextAnchor = 'center' | 'top' | 'bottom' | 'left' | 'right' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
const NAME_ANCHORS: readonly TextAnchor[] = ['center', 'top', 'bottom', 'left', 'right'];
/** Also at the corners: for names that must not give way (a badged community's, a street's on a map of streets). */
const ALL_ANCHORS: readonly TextAnchor[] = [...NAME_ANCHORS, 'bottom-left', 'bottom-right', 'top-left', 'top-right'];

/**
 * The street names. Where the map names streets only (`labels: 'streets'`) it names every one it
 * can: a smaller size, names of four characters and more on two lines (五马 / 街道), eight places
 * around the label point besides it, and the smallest streets first (they have the fewest places;
 * the large towns have room wherever they go). Never over another name (no allow-overlap).
 */
function streetLabelLayer(t: (typeof THEMES)[LayerTheme], labels: MapLabels): LayerSpecification {
  const every = labels === 'streets';
  return {
    id: LAYER_IDS.streetLabel,
    type: 'symbol',
    source: SOURCES.streetLabels,
    maxzoom: 13,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONT,
      'text-size': zoomRamp(every ? t.streetsOnlyText : t.streetText),
      ...(every
        ? {
            // 3.5 em: 山福镇 stays on one line, 五马街道 and 蒲鞋市街道 break after their place name.
            'text-max-width': 3.5,
            'text-letter-spacing': 0,
            'text-padding': 1,
            'text-variable-anchor': [...ALL_ANCHORS],
            'text-radial-offset': 0.6,
            'symbol-sort-key': ['get', 'areaKm2'] as unknown as ExpressionSpecification,
          }
        : { 'text-letter-spacing': 0.1, 'symbol-sort-key': 0 }),
    },
    paint: { 'text-color': t.streetInk, 'text-halo-color': t.streetHalo, 'text-halo-width': 2 },
  };
}

/** A community-name layer over the labels source, for the communities `filter` keeps. */
function communityLabelLayer(id: string, filter: unknown, t: (typeof THEMES)[LayerTheme], visible: boolean, anchors: readonly TextAnchor[] = NAME_ANCHORS): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source: SOURCES.labels,
    minzoom: t.communityMinZoom,
    filter: filter as ExpressionSpecification,
    layout: {
      visibility: visibility(visible),
      'text-field': ['step', ['zoom'], ['get', 'short'], 13.5, ['get', 'name']],
      'text-font': LABEL_FONT,
      'text-size': zoomRamp(t.communityText),
      'text-max-width': 6,
      'text-padding': NAME_PADDING,
      // Beside its point when a badge or another name takes the centre.
      'text-variable-anchor': [...anchors],
      'text-radial-offset': 0.4,
    },
    paint: { 'text-color': '#111827', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  };
}

export function dashboardLayers({ fillColor, overlays, theme = 'dashboard', selectedStreet = null, hoveredStreet = null, marked = [], labels = 'all' }: LayerOptions): LayerSpecification[] {
  const analysisLabels = labels === 'all';
  const t = THEMES[theme];
  const lift = badgeLift(t);
  const isMarked = ['in', ['id'], ['literal', [...marked]]] as unknown as ExpressionSpecification;
  return [
    {
      id: LAYER_IDS.communityFill,
      type: 'fill',
      source: SOURCES.communities,
      paint: { 'fill-color': fillColor, 'fill-opacity': ['case', state('dim'), 0.15, 0.8] as unknown as ExpressionSpecification },
    },
    {
      id: LAYER_IDS.zoneFill,
      type: 'fill',
      source: SOURCES.zones,
      layout: { visibility: visibility(overlays.zones) },
      paint: { 'fill-color': '#111827', 'fill-opacity': 0.35 },
    },
    {
      id: LAYER_IDS.communityLine,
      type: 'line',
      source: SOURCES.communities,
      paint: { 'line-color': t.line, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.3, 14, 1.4], 'line-opacity': 0.9 },
    },
    {
      id: LAYER_IDS.ring,
      type: 'line',
      source: SOURCES.highlights,
      filter: ['==', ['get', 'inRing'], true],
      layout: { visibility: visibility(overlays.rings) },
      paint: { 'line-color': '#1f2937', 'line-width': 1.6, 'line-dasharray': [1.5, 1.5], 'line-opacity': 0.9 },
    },
    {
      id: LAYER_IDS.streetLine,
      type: 'line',
      source: SOURCES.streets,
      paint: { 'line-color': t.street, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 14, 2.5] },
    },
    {
      id: LAYER_IDS.streetSelected,
      type: 'line',
      source: SOURCES.streets,
      filter: ['==', ['get', 'code'], selectedStreet ?? ''],
      paint: { 'line-color': '#1d4ed8', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 3, 14, 6] },
    },
    {
      id: LAYER_IDS.streetHovered,
      type: 'line',
      source: SOURCES.streets,
      filter: ['==', ['get', 'code'], hoveredStreet ?? ''],
      paint: { 'line-color': '#1d4ed8', 'line-width': 3, 'line-dasharray': [2, 1] },
    },
    {
      id: LAYER_IDS.districtLine,
      type: 'line',
      source: SOURCES.district,
      paint: { 'line-color': t.district, 'line-width': 2.5 },
    },
    {
      id: LAYER_IDS.borderLine,
      type: 'line',
      source: SOURCES.borders,
      layout: { visibility: visibility(overlays.zones), 'line-cap': 'round' },
      paint: { 'line-color': OKABE_ITO.yellow, 'line-width': 2 },
    },
    // The focus (hover, selection, a slide's highlight) under the cluster, isolated and bridge
    // outlines: drawn over them it hid the dashed outline of a focused isolated community.
    {
      id: LAYER_IDS.focus,
      type: 'line',
      source: SOURCES.focus,
      paint: {
        'line-color': ['match', ['get', 'role'], 'selected', '#000000', '#2563eb'] as unknown as ExpressionSpecification,
        'line-width': ['match', ['get', 'role'], 'selected', 4, 3] as unknown as ExpressionSpecification,
      },
    },
    {
      id: LAYER_IDS.clusterOutline,
      type: 'line',
      source: SOURCES.outlines,
      layout: { visibility: visibility(overlays.clusters), 'line-join': 'round' },
      paint: { 'line-color': clusterColor(['get', 'number']), 'line-width': zoomRamp(t.clusterWidth) },
    },
    {
      id: LAYER_IDS.isolated,
      type: 'line',
      source: SOURCES.highlights,
      filter: ['==', ['get', 'role'], 'isolated'],
      layout: { visibility: visibility(overlays.clusters) },
      paint: { 'line-color': OKABE_ITO.vermillion, 'line-width': 4, 'line-dasharray': [1, 0.6] },
    },
    {
      id: LAYER_IDS.bridge,
      type: 'line',
      source: SOURCES.highlights,
      filter: ['==', ['get', 'role'], 'bridge'],
      layout: { visibility: visibility(overlays.bridges) },
      paint: { 'line-color': '#000000', 'line-width': 3, 'line-dasharray': [2, 1] },
    },
    // The 自动推荐 proposal: a light veil (the theme colours stay readable) and a thick dark purple dashed outline.
    {
      id: LAYER_IDS.proposalFill,
      type: 'fill',
      source: SOURCES.proposal,
      paint: { 'fill-color': PROPOSAL_COLOR, 'fill-opacity': 0.18 },
    },
    {
      id: LAYER_IDS.proposalLine,
      type: 'line',
      source: SOURCES.proposal,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': PROPOSAL_COLOR, 'line-width': 4, 'line-dasharray': [1.2, 0.8] },
    },
    streetLabelLayer(t, labels),
    communityLabelLayer(LAYER_IDS.communityLabel, ['!', isMarked], t, analysisLabels),
    // Symbols are placed top layer first, so the badges claim their place before the 片区
    // labels, and those before community and street names: at the whole-district view the
    // important ones show and the rest give way instead of piling up (maplibre's collision).
    {
      id: LAYER_IDS.clusterLabel,
      type: 'symbol',
      source: SOURCES.markers,
      filter: ['==', ['get', 'kind'], 'cluster'],
      // Above its label point, or beside it where a badge stands; larger clusters first (`rank`).
      layout: { visibility: visibility(analysisLabels), 'text-field': ['get', 'text'], 'text-font': LABEL_FONT, 'text-size': t.clusterText, 'text-variable-anchor': ['bottom', 'top', 'left', 'right', 'bottom-left', 'bottom-right', 'top-left', 'top-right'], 'text-radial-offset': 1.1, 'text-padding': 4, 'symbol-sort-key': ['get', 'rank'] },
      // On the stage: white on a dark halo, legible over any fill from the back of the hall.
      paint: theme === 'present' ? { 'text-color': '#ffffff', 'text-halo-color': '#0b1220', 'text-halo-width': 3 } : { 'text-color': clusterColor(['get', 'number']), 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
    },
    // The names of the badged communities, placed after the badges and before the 片区 names (which
    // have eight places to go around their point) and the other names: 山前街 lost its name beside
    // ⑥ and 片区 3 on the bridges slide (issue 16), depending on where 片区 3 stood on the slide before.
    communityLabelLayer(LAYER_IDS.markedLabel, isMarked, t, analysisLabels, ALL_ANCHORS),
    {
      id: LAYER_IDS.markerLabel,
      type: 'symbol',
      source: SOURCES.markers,
      filter: ['in', ['get', 'kind'], ['literal', ['bridge', 'isolated']]],
      // A badge (icon) with its number or 孤 (text) on it, lifted above the community's label
      // point so the name there stays readable. Badges collide with each other and with every
      // label; 孤 first, then suggestions in their order (`rank`).
      layout: {
        visibility: visibility(analysisLabels),
        'icon-image': ['match', ['get', 'kind'], 'isolated', badgeImageId('isolated', t.markerRadius), badgeImageId('bridge', t.markerRadius)] as unknown as ExpressionSpecification,
        'icon-offset': [0, lift],
        'icon-padding': BADGE_PADDING,
        'text-field': ['get', 'text'],
        'text-font': LABEL_FONT,
        'text-size': t.markerText,
        'text-offset': [0, lift / t.markerText],
        'text-padding': 0,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': '#ffffff' },
    },
  ];
}
