/**
 * Composes the exported map sheet from the map on screen: capture (inside a render event, no
 * preserveDrawingBuffer), then title, legend, scale bar, north arrow, as-of date, data source and
 * footer drawn by `drawMapSheet`. Returns PNG or JPEG blobs for download, print and PDF.
 */
import { activeMapController } from '../../map/controller.ts';
import { statusLayerSpec } from '../../map/status-layers.ts';
import { drawMapSheet, sheetSize, type MapSheet, type SheetLegendItem } from '../../export/map-image.ts';
import type { AppState } from '../../state/store.ts';
import { layerContext } from '../map/MapView.tsx';

/** The overlays of the 连线成片 analysis, as the on-screen legend names them. */
const OVERLAY_ITEMS: SheetLegendItem[] = [
  { color: '#4477AA', label: '片区轮廓', style: 'line' },
  { color: '#D55E00', label: '孤立示范社区', style: 'dash' },
  { color: '#F0E442', label: '相邻联动区域' },
  { color: '#1f2937', label: '相邻周边社区', style: 'dash' },
];

export function sheetOf(state: AppState, capture: { pixelRatio: number; metersPerPixel: number; bearing: number }): MapSheet {
  const dataset = state.data?.dataset;
  const spec = statusLayerSpec(state.layer, layerContext(state));
  const files = state.project.files.map((file) => file.name);
  const source = state.project.settings.source || [state.project.base === 'lucheng' ? '鹿城区示例数据（见 data/README.md）' : '', ...files].filter(Boolean).join('、');
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

/** The composed sheet as a canvas, or null when no map is on screen. */
export async function composeSheet(state: AppState): Promise<HTMLCanvasElement | null> {
  const controller = activeMapController();
  if (!controller) return null;
  const capture = await controller.capture();
  const size = sheetSize(capture.canvas.width, capture.canvas.height, capture.pixelRatio);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  drawMapSheet(canvas.getContext('2d')!, capture.canvas, capture.canvas.width, capture.canvas.height, sheetOf(state, capture));
  return canvas;
}

export function canvasBlob(canvas: HTMLCanvasElement, type: 'image/png' | 'image/jpeg', quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('无法生成图片'))), type, quality));
}
