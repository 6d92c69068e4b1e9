/**
 * Composes the exported map sheet from the map on screen: capture (inside a render event, no
 * preserveDrawingBuffer), then title, legend, scale bar, north arrow, as-of date, data source and
 * footer drawn by `drawMapSheet`. Returns PNG or JPEG blobs for download, print and PDF.
 */
import { statusLayerSpec } from '../../map/status-layers.ts';
import { drawMapSheet, sheetSize, type MapSheet, type SheetLegendItem } from '../../export/map-image.ts';
import { mapSheetsPdf, printPixelRatio, type PageSize } from '../../export/map-pdf.ts';
import type { JpegPage } from '../../export/pdf-pages.ts';
import { unionBounds } from '../../map/bounds.ts';
import { selectBridges } from '../../state/selectors.ts';
import type { AppState } from '../../state/store.ts';
import { layerContext } from '../map/MapView.tsx';
import type { CaptureMap } from '../map/map-capture.ts';

/** The overlays of the 连线成片 analysis, as the on-screen legend names them. */
const OVERLAY_ITEMS: SheetLegendItem[] = [
  { color: '#4477AA', label: '片区轮廓', style: 'line' },
  { color: '#D55E00', label: '孤立示范社区', style: 'dash' },
  { color: '#F0E442', label: '相邻联动区域' },
  { color: '#1f2937', label: '相邻周边社区', style: 'dash' },
  { color: '#000000', label: '建议补充的社区（按序号）', style: 'marker', markerText: '1' },
];

export function sheetOf(state: AppState, capture: { pixelRatio: number; metersPerPixel: number; bearing: number }): MapSheet {
  const dataset = state.data?.dataset;
  const spec = statusLayerSpec(state.layer, layerContext(state));
  const files = state.project.files.map((file) => file.name);
  // A user's document names the data, never a path in this repository.
  const source = state.project.settings.source || [state.project.base === 'lucheng' ? '鹿城区示例数据（边界与状态为生成的示意数据）' : '', ...files].filter(Boolean).join('、');
  return {
    title: `${dataset?.config.title ?? '精品示范社区创建'} · ${spec.legend.title}`,
    asOf: dataset?.asOf ?? null,
    source,
    footer: state.project.settings.footer,
    legendTitle: spec.legend.title,
    legend: [...spec.legend.items.map((item) => ({ color: item.color, label: item.label })), ...OVERLAY_ITEMS],
    metersPerPixel: capture.metersPerPixel,
    bearing: capture.bearing,
    pixelRatio: capture.pixelRatio,
  };
}

/** The composed sheet as a canvas, or null when no map is on screen (`captureMap` from MapCaptureContext). */
export async function composeSheet(state: AppState, captureMap: CaptureMap | null): Promise<HTMLCanvasElement | null> {
  if (!captureMap) return null;
  const capture = await captureMap();
  const size = sheetSize(capture.canvas.width, capture.canvas.height, capture.pixelRatio);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  drawMapSheet(canvas.getContext('2d')!, capture.canvas, capture.canvas.width, capture.canvas.height, sheetOf(state, capture));
  return canvas;
}

/** Padding around the markers on the enlargement, CSS pixels of the map. */
const ENLARGEMENT_PADDING = 72;

/** What the enlargement page's title adds to the sheet's. */
export const ENLARGEMENT_TITLE = '局部放大：示范片区与建议补充的社区';

/**
 * Where the enlargement looks: around every community its markers stand for, whole (each
 * cluster's members, the isolated ones, the suggested ones), and the markers' points. Framed on
 * the points alone, a 片区 whose label point lies east of its middle ran off the frame (片区 4 at
 * page 2's left edge, issue 16).
 */
export function enlargementBounds(state: Pick<AppState, 'data' | 'analysis' | 'bridges'>, markers: [number, number, number, number] | null): [number, number, number, number] | null {
  const places = new Set<number>([...(state.analysis?.report.clusters.flatMap((cluster) => cluster.members) ?? []), ...(selectBridges(state)?.added ?? [])]);
  const whole = state.data ? unionBounds(state.data.metrics.bboxes, (index) => places.has(index)) : null;
  if (!whole) return markers;
  if (!markers) return whole;
  return [Math.min(whole[0], markers[0]), Math.min(whole[1], markers[1]), Math.max(whole[2], markers[2]), Math.max(whole[3], markers[3])];
}

/**
 * The map as a print-quality PDF (export/map-pdf.ts): the map is rendered again at the pixel
 * ratio that gives MAP_PRINT_PPI on the page, and title, legend and footer are PDF text. When
 * the view as shown drops some of the 片区 names or badges the legend lists (collision at the
 * whole-district view, issue 16), a second page enlarges the markers' area at the same size, where
 * they are all drawn, and the first page's legend says so.
 */
export async function mapPdf(state: AppState, captureMap: CaptureMap | null, page: PageSize): Promise<Uint8Array> {
  if (!captureMap) throw new Error('地图尚未显示');
  const screen = await captureMap();
  const cssWidth = screen.canvas.width / screen.pixelRatio;
  const cssHeight = screen.canvas.height / screen.pixelRatio;
  const pixelRatio = printPixelRatio(page, cssWidth, cssHeight);
  const capture = await captureMap({ pixelRatio });
  const sheets = [{ map: await jpegOf(capture.canvas), sheet: sheetOf(state, capture) }];
  const { markers } = capture;
  const bounds = markers.placed < markers.total ? enlargementBounds(state, markers.bounds) : null;
  if (bounds) {
    const inset = await captureMap({ pixelRatio, frame: { bounds, padding: ENLARGEMENT_PADDING } });
    const sheet = sheetOf(state, inset);
    sheets[0]!.sheet.legend = sheets[0]!.sheet.legend.map((item) => (item.style === 'marker' ? { ...item, label: '建议补充的社区（全部见第 2 页）' } : item));
    sheets.push({ map: await jpegOf(inset.canvas), sheet: { ...sheet, title: `${state.data?.dataset.config.title ?? '精品示范社区创建'} · ${ENLARGEMENT_TITLE}` } });
  }
  return mapSheetsPdf(sheets, page);
}

async function jpegOf(canvas: HTMLCanvasElement): Promise<JpegPage> {
  return { jpeg: new Uint8Array(await (await canvasBlob(canvas, 'image/jpeg', 0.92)).arrayBuffer()), width: canvas.width, height: canvas.height };
}

export function canvasBlob(canvas: HTMLCanvasElement, type: 'image/png' | 'image/jpeg', quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('无法生成图片'))), type, quality));
}
