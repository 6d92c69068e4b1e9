/**
 * The exported map sheet: the map image with title, legend, scale bar, north arrow, as-of date,
 * data source and a configurable footer (内部资料 / 审图号) composed around it: the legend, scale
 * bar and north arrow have a column of their own right of the map, so they never cover the data. Draws on
 * any 2D canvas context (page or OffscreenCanvas); the layout numbers are CSS pixels times
 * `pixelRatio`. The map canvas holds only the map, which is why all of this is drawn here.
 */

export interface SheetLegendItem {
  color: string;
  label: string;
  count?: number;
  /** `fill` (swatch), `line` (solid outline), `dash` (dashed outline) or `marker` (a numbered disc, as the suggestions are drawn). */
  style?: 'fill' | 'line' | 'dash' | 'marker';
  /** The text in a marker (default `1`). */
  markerText?: string;
}

export interface MapSheet {
  title: string;
  /** ISO date of the data (数据截至). */
  asOf: string | null;
  source: string;
  footer: string;
  legendTitle: string;
  legend: SheetLegendItem[];
  /** Ground metres per CSS pixel at the map centre (for the scale bar). */
  metersPerPixel: number;
  /** Map bearing in degrees (the north arrow turns with it). */
  bearing: number;
  pixelRatio?: number;
}

export const SHEET_HEADER_PX = 56;
export const SHEET_FOOTER_PX = 36;
/** Width of the legend column right of the map, CSS px. */
export const SHEET_LEGEND_PX = 240;
const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

/** Size of the composed sheet for a map of `width` × `height` device pixels. */
export function sheetSize(width: number, height: number, pixelRatio = 1): { width: number; height: number } {
  return { width: width + Math.round(SHEET_LEGEND_PX * pixelRatio), height: height + Math.round((SHEET_HEADER_PX + SHEET_FOOTER_PX) * pixelRatio) };
}

/** The longest round length (1, 2 or 5 × 10ⁿ metres) that fits in `maxPx` CSS pixels. */
export function scaleBarLength(metersPerPixel: number, maxPx = 120): { meters: number; px: number; label: string } {
  const max = metersPerPixel * maxPx;
  const power = 10 ** Math.floor(Math.log10(max));
  const meters = [5, 2, 1].map((step) => step * power).find((value) => value <= max) ?? power;
  return { meters, px: meters / metersPerPixel, label: meters >= 1000 ? `${meters / 1000} 公里` : `${meters} 米` };
}

/** Draws the sheet: white page, header, the map, legend, scale bar, north arrow, footer. */
export function drawMapSheet(context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, map: CanvasImageSource, mapWidth: number, mapHeight: number, sheet: MapSheet): void {
  const r = sheet.pixelRatio ?? 1;
  const { width, height } = sheetSize(mapWidth, mapHeight, r);
  const top = SHEET_HEADER_PX * r;
  context.save();
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(map, 0, top, mapWidth, mapHeight);

  // Header: title left, as-of date right.
  context.fillStyle = '#111827';
  context.textBaseline = 'middle';
  context.font = `bold ${20 * r}px ${FONT}`;
  context.fillText(sheet.title, 16 * r, top / 2);
  if (sheet.asOf) {
    context.font = `${14 * r}px ${FONT}`;
    context.textAlign = 'right';
    context.fillText(`数据截至 ${sheet.asOf}`, width - 16 * r, top / 2);
    context.textAlign = 'left';
  }

  // Legend: a box in the column right of the map.
  const rowH = 20 * r;
  const boxW = (SHEET_LEGEND_PX - 24) * r;
  const boxH = (34 + 20 * sheet.legend.length) * r + 8 * r;
  const x0 = mapWidth + 12 * r;
  const y0 = top + 12 * r;
  context.fillStyle = 'rgba(255,255,255,0.92)';
  context.strokeStyle = '#9ca3af';
  context.lineWidth = r;
  context.fillRect(x0, y0, boxW, boxH);
  context.strokeRect(x0, y0, boxW, boxH);
  context.fillStyle = '#111827';
  context.font = `bold ${14 * r}px ${FONT}`;
  context.fillText(sheet.legendTitle, x0 + 10 * r, y0 + 18 * r);
  context.font = `${12 * r}px ${FONT}`;
  sheet.legend.forEach((item, i) => {
    const y = y0 + 34 * r + i * rowH;
    context.save();
    if (item.style === 'marker') {
      context.fillStyle = item.color;
      context.beginPath();
      context.arc(x0 + 19 * r, y + 8 * r, 8 * r, 0, 2 * Math.PI);
      context.fill();
      context.fillStyle = '#ffffff';
      context.font = `bold ${11 * r}px ${FONT}`;
      context.textAlign = 'center';
      context.fillText(item.markerText ?? '1', x0 + 19 * r, y + 8.5 * r);
      context.textAlign = 'left';
      context.font = `${12 * r}px ${FONT}`;
    } else if (item.style === 'line' || item.style === 'dash') {
      context.strokeStyle = item.color;
      context.lineWidth = 2 * r;
      if (item.style === 'dash') context.setLineDash([4 * r, 3 * r]);
      context.strokeRect(x0 + 10 * r, y + 2 * r, 18 * r, 12 * r);
    } else {
      context.fillStyle = item.color;
      context.fillRect(x0 + 10 * r, y + 2 * r, 18 * r, 12 * r);
    }
    context.restore();
    context.fillStyle = '#111827';
    context.fillText(item.label, x0 + 36 * r, y + 8 * r);
    if (item.count !== undefined) {
      context.textAlign = 'right';
      context.fillText(String(item.count), x0 + boxW - 10 * r, y + 8 * r);
      context.textAlign = 'left';
    }
  });

  // Scale bar: under the legend.
  const bar = scaleBarLength(sheet.metersPerPixel);
  const bx = x0 + 10 * r;
  const by = y0 + boxH + 34 * r;
  context.strokeStyle = '#111827';
  context.lineWidth = 2 * r;
  context.beginPath();
  context.moveTo(bx, by - 6 * r);
  context.lineTo(bx, by);
  context.lineTo(bx + bar.px * r, by);
  context.lineTo(bx + bar.px * r, by - 6 * r);
  context.stroke();
  context.fillStyle = '#111827';
  context.font = `${12 * r}px ${FONT}`;
  context.fillText(bar.label, bx + bar.px * r + 6 * r, by - 4 * r);

  // North arrow: under the scale bar, turned against the bearing.
  context.save();
  context.translate(x0 + 22 * r, by + 60 * r);
  context.rotate((-sheet.bearing * Math.PI) / 180);
  context.fillStyle = '#111827';
  context.beginPath();
  context.moveTo(0, -20 * r);
  context.lineTo(9 * r, 12 * r);
  context.lineTo(0, 6 * r);
  context.lineTo(-9 * r, 12 * r);
  context.closePath();
  context.fill();
  context.font = `bold ${13 * r}px ${FONT}`;
  context.textAlign = 'center';
  context.fillText('北', 0, -30 * r);
  context.restore();

  // Footer: data source left, footer text right.
  const fy = top + mapHeight + (SHEET_FOOTER_PX * r) / 2;
  context.fillStyle = '#374151';
  context.font = `${12 * r}px ${FONT}`;
  context.textBaseline = 'middle';
  context.fillText(`数据来源：${sheet.source}`, 16 * r, fy);
  context.textAlign = 'right';
  context.fillText(sheet.footer, width - 16 * r, fy);
  context.restore();
}
