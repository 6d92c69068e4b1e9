/**
 * The base style: a plain background and nothing remote. There is no `glyphs` key, so
 * maplibre draws every label (Chinese and Latin) locally with TinySDF from system fonts
 * (Noto Sans CJK on the big-screen machines; install fonts-noto-cjk on Debian).
 */
import type { StyleSpecification } from 'maplibre-gl';

/** Font stack used for every label; resolved by the browser, never downloaded. */
export const LABEL_FONT = ['Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];

/** CSS font-family maplibre uses for CJK ideographs it renders locally. */
export const LOCAL_IDEOGRAPH_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

const BACKGROUND_COLOR = '#e8edf1';
/** Background of the presentation's dark, high-contrast map. */
export const STAGE_BACKGROUND_COLOR = '#0b1220';

/** The base style; `background` is the colour outside the communities (dark on the presentation stage). */
export function baseStyle(background: string = BACKGROUND_COLOR): StyleSpecification {
  return {
    version: 8,
    name: 'lianpian-base',
    // Paint changes (switching a status layer) apply at once instead of cross-fading.
    transition: { duration: 0, delay: 0 },
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': background } }],
  };
}
