/**
 * The composed map as a one-page PDF: a single-page call of the handout writer (pdf-pages.ts),
 * on an A4 or A3 landscape page. Page sizes in PostScript points (1/72 inch).
 */
import { jpegPagesPdf } from './pdf-pages.ts';

export const PAGE_SIZES_PT = { A4: [841.89, 595.28], A3: [1190.55, 841.89] } as const;
export type PageSize = keyof typeof PAGE_SIZES_PT;

/** PDF bytes with the JPEG fitted (aspect kept, centred) on a landscape page with a margin of `marginPt`. */
export function jpegToPdf(jpeg: Uint8Array, widthPx: number, heightPx: number, page: PageSize = 'A4', marginPt = 24): Uint8Array {
  return jpegPagesPdf([{ jpeg, width: widthPx, height: heightPx }], PAGE_SIZES_PT[page], marginPt);
}
