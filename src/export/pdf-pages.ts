/**
 * A PDF handout of JPEG pages, written by hand: one landscape A4 page per image, the image fitted
 * with its aspect kept and centred. A page that places a DCTDecode image needs three objects and
 * no font, so a PDF library (jsPDF is ~100 kB gzip) buys nothing here. Sizes in PostScript
 * points (1/72 inch).
 */

export interface JpegPage {
  /** JPEG bytes (baseline, RGB), e.g. from canvas.toBlob(…, 'image/jpeg'). */
  jpeg: Uint8Array;
  /** Image size in pixels. */
  width: number;
  height: number;
}

/** A4 landscape in points. */
export const A4_LANDSCAPE_PT: readonly [number, number] = [841.89, 595.28];

/**
 * PDF bytes with one page per image (an empty list gives a valid one-page blank PDF).
 * @param marginPt white margin around each image, points.
 */
export function jpegPagesPdf(pages: readonly JpegPage[], pageSizePt: readonly [number, number] = A4_LANDSCAPE_PT, marginPt = 24): Uint8Array {
  const [pageW, pageH] = pageSizePt;
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (part: string | Uint8Array) => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    chunks.push(bytes);
    length += bytes.length;
  };
  const object = (n: number, body: (string | Uint8Array)[]) => {
    offsets[n] = length;
    push(`${n} 0 obj\n`);
    for (const part of body) push(part);
    push('\nendobj\n');
  };
  // Objects: 1 catalog, 2 page tree, then per page i: page 3+3i, image 4+3i, contents 5+3i.
  const count = Math.max(pages.length, 1);
  const pageIds = Array.from({ length: count }, (_, i) => 3 + 3 * i);
  push('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n');
  object(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  object(2, [`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${count} >>`]);
  for (let i = 0; i < count; i++) {
    const id = pageIds[i]!;
    const page = pages[i];
    if (!page) {
      object(id, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageW} ${pageH}] >>`]);
      continue;
    }
    const scale = Math.min((pageW - 2 * marginPt) / page.width, (pageH - 2 * marginPt) / page.height);
    const [w, h] = [page.width * scale, page.height * scale];
    const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${((pageW - w) / 2).toFixed(2)} ${((pageH - h) / 2).toFixed(2)} cm /Im0 Do Q`;
    object(id, [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageW} ${pageH}] /Resources << /XObject << /Im0 ${id + 1} 0 R >> >> /Contents ${id + 2} 0 R >>`]);
    object(id + 1, [`<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${page.jpeg.length} >>\nstream\n`, page.jpeg, '\nendstream']);
    object(id + 2, [`<< /Length ${content.length} >>\nstream\n${content}\nendstream`]);
  }
  const size = 3 + 3 * count;
  const xref = length;
  const entries = Array.from({ length: size - 1 }, (_, k) => `${String(offsets[k + 1] ?? 0).padStart(10, '0')} 00000 ${offsets[k + 1] === undefined ? 'f' : 'n'} \n`);
  push(`xref\n0 ${size}\n0000000000 65535 f \n${entries.join('')}`);
  push(`trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
