/**
 * Colour palettes, chosen to stay distinguishable for colour-blind viewers:
 * - Okabe & Ito (2008) for categories (themes, streets), designed for all common colour-vision deficiencies;
 * - Paul Tol's "bright" qualitative scheme for clusters (colour-blind safe, distinct from Okabe–Ito's order);
 * - ColorBrewer RdYlBu (diverging, marked colour-blind safe) for classed scores and checklist
 *   completion, red = lagging, blue = good;
 * - ColorBrewer Purples (sequential) for the ordinal civilized level.
 * Vermillion (#D55E00) is kept for "isolated" and red flags only.
 * test/map/palettes.test.ts checks that the categorical palettes stay apart under simulated
 * protanopia, deuteranopia and tritanopia.
 */

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** Paul Tol "bright" (without its grey), for cluster outlines. */
export const CLUSTER_COLORS = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#66CCEE', '#AA3377'] as const;

/** Street fills: a street never shares its colour with a neighbouring street (graph colouring). */
export const STREET_COLORS = [OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.bluishGreen, OKABE_ITO.yellow, OKABE_ITO.blue, OKABE_ITO.reddishPurple] as const;

/** RdYlBu with 5 classes, red first. */
export const RD_YL_BU_5 = ['#d7191c', '#fdae61', '#ffffbf', '#abd9e9', '#2c7bb6'] as const;
/** RdYlBu with 4 classes, red first. */
export const RD_YL_BU_4 = ['#d7191c', '#fdae61', '#abd9e9', '#2c7bb6'] as const;

/** Purples for national candidate → provincial → city; none is neutral grey. */
export const LEVEL_COLORS = { national_candidate: '#3f007d', provincial: '#6a51a3', city: '#9e9ac8', none: '#e5e7eb' } as const;

export const NEUTRAL = {
  /** Fill of communities without the attribute a layer shows. */
  noData: '#9ca3af',
  /** Fill of ordinary (not designated) communities in the demo layer. */
  ordinary: '#e5e7eb',
  /** Designated in the plan without a theme yet. */
  plannedNoTheme: '#6b7280',
} as const;

/** Relative luminance-free RGB helpers for the palette tests and legends. */
export function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** The 自动推荐 proposal's outline: a dark purple apart from the cluster, theme and bridge colours. */
export const PROPOSAL_COLOR = '#5b2a86';
