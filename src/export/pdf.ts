/**
 * A one-page PDF holding one JPEG image (the composed map), written by hand: a PDF that places a
 * DCTDecode image needs five objects and no font, so a library (jsPDF ~100 kB gzip) buys nothing.
 * Page sizes in PostScript points (1/72 inch), landscape.
 */

export const PAGE_SIZES_PT = { A4: [841.89, 595.28], A3: [1190.55, 841.89] } as const;
export type PageSize = keyof typeof PAGE_SIZES_PT;

/** PDF bytes with the JPEG fitted (aspect kept, centred) on a landscape page with a margin of `marginPt`. */
export function jpegToPdf(jpeg: Uint8Array, widthPx: number, heightPx: number, page: PageSize = 'A4', marginPt = 24): Uint8Array {
  const [pageW, pageH] = PAGE_SIZES_PT[page];
  const scale = Math.min((pageW - 2 * marginPt) / widthPx, (pageH - 2 * marginPt) / heightPx);
  const [w, h] = [widthPx * scale, heightPx * scale];
  const [x, y] = [(pageW - w) / 2, (pageH - h) / 2];
  const content = `q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)} cm /Im0 Do Q`;
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (part: string | Uint8Array) => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    chunks.push(bytes);
    length += bytes.length;
  };
  const object = (n: number, body: string | (string | Uint8Array)[]) => {
    offsets[n] = length;
    push(`${n} 0 obj\n`);
    for (const part of Array.isArray(body) ? body : [body]) push(part);
    push('\nendobj\n');
  };
  push('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(3, `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageW} ${pageH}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`);
  object(4, [`<< /Type /XObject /Subtype /Image /Width ${widthPx} /Height ${heightPx} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`, jpeg, '\nendstream']);
  object(5, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
  const xref = length;
  push(`xref\n0 6\n0000000000 65535 f \n${offsets.slice(1).map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`);
  push(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
