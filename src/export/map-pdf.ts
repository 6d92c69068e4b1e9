/**
 * The map as a print-quality PDF page (A4 or A3 landscape): the map image at ≥ 200 ppi beside a
 * legend column, with the title, as-of date, legend, scale bar, north arrow, data source and
 * footer as PDF text and vectors (selectable, sharp at any zoom). The legend has its own column,
 * so it never covers the map. Page sizes and layout in PostScript points (1/72 inch).
 */
import { scaleBarLength, type MapSheet } from './map-image.ts';
import { pdfColor, pdfDocument, pdfText, pdfTextWidth, type JpegPage, type PdfPage } from './pdf-pages.ts';

export const PAGE_SIZES_PT = { A4: [841.89, 595.28], A3: [1190.55, 841.89] } as const;
export type PageSize = keyof typeof PAGE_SIZES_PT;

/** Print resolution the map image is rendered for (the page holds at least 200 ppi). */
export const MAP_PRINT_PPI = 220;
const MARGIN = 28;
const HEADER = 40;
const FOOTER = 24;
const LEGEND = 180;
const GAP = 12;

/** The map's box on the page (points, origin bottom left). */
export function mapArea(page: PageSize): { x: number; y: number; w: number; h: number } {
  const [width, height] = PAGE_SIZES_PT[page];
  return { x: MARGIN, y: MARGIN + FOOTER, w: width - 2 * MARGIN - LEGEND - GAP, h: height - 2 * MARGIN - HEADER - FOOTER };
}

/** Device pixels per CSS pixel to render a map `cssWidth` × `cssHeight` at MAP_PRINT_PPI on `page` (at least 1). */
export function printPixelRatio(page: PageSize, cssWidth: number, cssHeight: number): number {
  const area = mapArea(page);
  const fit = Math.min(area.w / cssWidth, area.h / cssHeight);
  return Math.max(1, ((cssWidth * fit) / 72) * MAP_PRINT_PPI / cssWidth);
}

/** The PDF bytes of the sheet with `map` (JPEG of the map alone, `sheet.pixelRatio` device px per CSS px). */
export function mapSheetPdf(map: JpegPage, sheet: MapSheet, page: PageSize = 'A4'): Uint8Array {
  return mapSheetsPdf([{ map, sheet }], page);
}

/** The PDF bytes of one page per sheet, in order (the map as shown, then an enlargement of it). */
export function mapSheetsPdf(sheets: readonly { map: JpegPage; sheet: MapSheet }[], page: PageSize = 'A4'): Uint8Array {
  return pdfDocument(sheets.map(({ map, sheet }) => sheetPage(map, sheet, page)));
}

function sheetPage(map: JpegPage, sheet: MapSheet, page: PageSize): PdfPage {
  const [width, height] = PAGE_SIZES_PT[page];
  const area = mapArea(page);
  const scale = Math.min(area.w / map.width, area.h / map.height);
  const w = map.width * scale;
  const h = map.height * scale;
  const image = { ...map, x: area.x, y: area.y + area.h - h, w, h };
  let ops = '';
  const ink = (hex: string) => (ops += pdfColor(hex));
  // Header: title left, as-of date right.
  ink('#111827');
  ops += pdfText(sheet.title, MARGIN, height - MARGIN - 18, 16);
  if (sheet.asOf) {
    const text = `数据截至 ${sheet.asOf}`;
    ops += pdfText(text, width - MARGIN - pdfTextWidth(text, 10), height - MARGIN - 16, 10);
  }
  // Map frame.
  ops += `${pdfColor('#9ca3af', true)}0.6 w ${image.x.toFixed(2)} ${image.y.toFixed(2)} ${w.toFixed(2)} ${h.toFixed(2)} re S\n`;
  // Legend column right of the map.
  const lx = area.x + area.w + GAP;
  let ly = area.y + area.h - 12;
  ink('#111827');
  ops += pdfText(sheet.legendTitle, lx, ly, 11);
  ly -= 18;
  for (const item of sheet.legend) {
    const [sx, sy] = [lx, ly - 2];
    if (item.style === 'marker') {
      ops += `${pdfColor(item.color)}${circle(sx + 7, sy + 4, 6)} f\n`;
      ink('#ffffff');
      ops += pdfText(item.markerText ?? '1', sx + 7 - pdfTextWidth(item.markerText ?? '1', 8) / 2, sy + 1.2, 8);
    } else if (item.style === 'line' || item.style === 'dash') {
      ops += `q ${pdfColor(item.color, true)}1.4 w ${item.style === 'dash' ? '[3 2] 0 d ' : ''}${sx} ${sy} 14 9 re S Q\n`;
    } else {
      ops += `${pdfColor(item.color)}${sx} ${sy} 14 9 re f\n`;
    }
    ink('#111827');
    ops += pdfText(item.label, lx + 20, ly, 9);
    if (item.count !== undefined) ops += pdfText(String(item.count), lx + LEGEND - pdfTextWidth(String(item.count), 9), ly, 9);
    ly -= 15;
  }
  // Scale bar and north arrow under the legend (not over the map).
  const cssWidth = map.width / (sheet.pixelRatio ?? 1);
  const bar = scaleBarLength((sheet.metersPerPixel * cssWidth) / w, 100);
  ly -= 14;
  ops += `${pdfColor('#111827', true)}1.2 w ${lx} ${ly + 5} m ${lx} ${ly} l ${(lx + bar.px).toFixed(2)} ${ly} l ${(lx + bar.px).toFixed(2)} ${ly + 5} l S\n`;
  ink('#111827');
  ops += pdfText(bar.label, lx + bar.px + 6, ly, 9);
  const [ax, ay] = [lx + 10, ly - 40];
  const turn = (-sheet.bearing * Math.PI) / 180;
  const [c, s] = [Math.cos(turn), Math.sin(turn)];
  ops += `q ${c.toFixed(4)} ${s.toFixed(4)} ${(-s).toFixed(4)} ${c.toFixed(4)} ${ax} ${ay} cm ${pdfColor('#111827')}0 14 m 6 -8 l 0 -4 l -6 -8 l h f Q\n`;
  ops += pdfText('北', ax - 5, ay + 18, 10);
  // Footer: data source left, footer text right.
  ink('#374151');
  ops += pdfText(`数据来源：${sheet.source}`, MARGIN, MARGIN + 6, 9);
  if (sheet.footer) ops += pdfText(sheet.footer, width - MARGIN - pdfTextWidth(sheet.footer, 9), MARGIN + 6, 9);
  return { size: PAGE_SIZES_PT[page], images: [image], content: ops };
}

/** A circle path of radius r around (x, y) from four Bézier quarters. */
function circle(x: number, y: number, r: number): string {
  const k = 0.5523 * r;
  return `${x + r} ${y} m ${x + r} ${y + k} ${x + k} ${y + r} ${x} ${y + r} c ${x - k} ${y + r} ${x - r} ${y + k} ${x - r} ${y} c ${x - r} ${y - k} ${x - k} ${y - r} ${x} ${y - r} c ${x + k} ${y - r} ${x + r} ${y - k} ${x + r} ${y} c`;
}
