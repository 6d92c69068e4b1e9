/**
 * The presentation stage: a fixed canvas of stage pixels (1920×1080 by default, 6720×2160 on an
 * LED wall) scaled to fit any window without cropping, centred with letterbox bars.
 */
import type { StageSize } from '../../state/store.ts';

export interface StageFit {
  /** Screen CSS pixels per stage pixel. */
  scale: number;
  /** Offset of the stage's top-left corner in the window, CSS pixels. */
  left: number;
  top: number;
  /** Text and line sizes are multiples of this: stage height / 1080 (2 on a 2160-high wall). */
  unit: number;
}

/** The reference stage height: sizes in the stylesheet are stage pixels at this height. */
export const REFERENCE_HEIGHT = 1080;

/** How a stage fits a window: the largest scale at which all of it is visible. */
export function fitStage(window: { width: number; height: number }, stage: StageSize): StageFit {
  const scale = Math.max(Math.min(window.width / stage.width, window.height / stage.height), 1e-3);
  return { scale, left: (window.width - stage.width * scale) / 2, top: (window.height - stage.height * scale) / 2, unit: stage.height / REFERENCE_HEIGHT };
}

/**
 * The map canvas's pixel ratio on the stage: as sharp as the screen shows it (the map is laid out
 * at 1080-high size and enlarged by `unit`, then the stage by `scale`), between 0.5 and 4.
 */
export function stagePixelRatio(fit: Pick<StageFit, 'scale' | 'unit'>, devicePixelRatio: number): number {
  return Math.max(0.5, Math.min(4, fit.scale * fit.unit * devicePixelRatio));
}

/**
 * What a slide's layout gives the text panel: `map` slides keep most of the stage for the map,
 * `list` slides (a caption, figures and one-line items beside the clusters framed with their
 * rings) more of it, `text` slides (a table) give the panel more, `table` slides (a table of
 * long sentences) most.
 */
export type SlideLayout = 'map' | 'list' | 'text' | 'table';

const PANEL_SHARES: Readonly<Record<SlideLayout, { normal: number; ultrawide: number }>> = {
  map: { normal: 0.42, ultrawide: 0.3 },
  // 0.38 of 1920 still holds 补上缺口's longest item (① 集善社区（广化街道）：连接 片区 2、片区 4) on one line.
  list: { normal: 0.38, ultrawide: 0.28 },
  text: { normal: 0.44, ultrawide: 0.36 },
  table: { normal: 0.44, ultrawide: 0.36 },
};

/**
 * Width of the text panel standing on the map's right, as a share of the stage width; wider
 * stages (an LED wall) give the map a larger share.
 */
export function panelShare(layout: SlideLayout, stage: { width: number; height: number }): number {
  const shares = PANEL_SHARES[layout];
  return stage.width / stage.height > 2.2 ? shares.ultrawide : shares.normal;
}

/** Room around a step's places, in map pixels (stage pixels at 1080 high). */
export const MAP_MARGIN = 96;

/**
 * Room around a `list` slide's places: its steps frame the clusters with their rings of
 * neighbours, so the frame's edge is already context and needs room only for those neighbours'
 * names. With 96 px (and a 0.42 panel) the ring of the Lucheng plan fitted only at zoom 12.3,
 * below the stage's community names (12.5): they all vanished (issue 16).
 */
export const RING_MARGIN = 32;

/** The margin a layout keeps around its step's places, map pixels. */
export function mapMargin(layout: SlideLayout): number {
  return layout === 'list' ? RING_MARGIN : MAP_MARGIN;
}

/**
 * The camera's padding on the stage map, in map pixels: a margin on every side, and on the
 * right the text panel's width too, so the framed places lie in the part of the map left free.
 */
export function stageMapPadding(layout: SlideLayout, stage: { width: number; height: number }): { top: number; bottom: number; left: number; right: number } {
  const mapWidth = stage.width / (stage.height / REFERENCE_HEIGHT);
  const margin = mapMargin(layout);
  return { top: margin, bottom: margin, left: margin, right: Math.round(panelShare(layout, stage) * mapWidth) + margin };
}
