/**
 * The project's one PDF writer, by hand: pages with JPEG images, vector drawing and text. A page
 * that places a DCTDecode image needs three objects; text uses the standard Chinese font
 * STSong-Light (Adobe-GB1, UniGB-UCS2-H encoding), which PDF readers provide without embedding,
 * so the text stays selectable and sharp at any zoom. A PDF library (jsPDF is ~100 kB gzip and
 * would embed a font of megabytes for Chinese) buys nothing here. Sizes in PostScript points
 * (1/72 inch), origin at the bottom left.
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

/** One page: its size, images placed in rectangles (points), then vector and text operators. */
export interface PdfPage {
  size: readonly [number, number];
  images: (JpegPage & { x: number; y: number; w: number; h: number })[];
  /** Content-stream operators drawn over the images (use `pdfText` for text, font /F1). */
  content?: string;
}

/** Width of `text` at `sizePt` in the page font: CJK full width, Latin half width. */
export function pdfTextWidth(text: string, sizePt: number): number {
  let ems = 0;
  for (const char of text) ems += char.codePointAt(0)! < 0x2e80 ? 0.5 : 1;
  return ems * sizePt;
}

/** Operators that write `text` at (x, y) points (baseline), `sizePt` high, in the fill colour set before. */
export function pdfText(text: string, x: number, y: number, sizePt: number): string {
  let hex = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    // UCS-2: characters outside the BMP are not in the font; write a full-width question mark.
    hex += (code > 0xffff ? 0xff1f : code).toString(16).padStart(4, '0');
  }
  return `BT /F1 ${sizePt.toFixed(2)} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td <${hex}> Tj ET\n`;
}

/** `#rrggbb` as a PDF fill (`rg`) or stroke (`RG`) colour operator. */
export function pdfColor(hex: string, stroke = false): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
  return `${r!.toFixed(3)} ${g!.toFixed(3)} ${b!.toFixed(3)} ${stroke ? 'RG' : 'rg'}\n`;
}

/** PDF bytes of the pages (an empty list gives a valid one-page blank A4 landscape PDF). */
export function pdfDocument(pages: readonly PdfPage[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (part: string | Uint8Array) => {
    const bytes = typeof part === 'string' ? encoder.encode(part) : part;
    chunks.push(bytes);
    length += bytes.length;
  };
  let next = 1;
  const reserve = () => next++;
  const object = (n: number, body: (string | Uint8Array)[]) => {
    offsets[n] = length;
    push(`${n} 0 obj\n`);
    for (const part of body) push(part);
    push('\nendobj\n');
  };
  const all = pages.length > 0 ? pages : [{ size: A4_LANDSCAPE_PT, images: [] }];
  const catalog = reserve();
  const tree = reserve();
  const usesText = all.some((page) => page.content?.includes(' Tf '));
  const font = usesText ? reserve() : 0;
  const cidFont = usesText ? reserve() : 0;
  const descriptor = usesText ? reserve() : 0;
  const pageIds = all.map(() => reserve());
  push('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n');
  object(catalog, [`<< /Type /Catalog /Pages ${tree} 0 R >>`]);
  object(tree, [`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${all.length} >>`]);
  if (usesText) {
    object(font, [`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`]);
    // Latin (CIDs 1–95) half width, everything else full width.
    object(cidFont, [`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500] >>`]);
    object(descriptor, ['<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>']);
  }
  all.forEach((page, p) => {
    const imageIds = page.images.map(() => reserve());
    const contentId = reserve();
    const [w, h] = page.size;
    const xobjects = page.images.map((_, i) => `/Im${i} ${imageIds[i]} 0 R`).join(' ');
    const resources = `<< ${xobjects ? `/XObject << ${xobjects} >> ` : ''}${usesText ? `/Font << /F1 ${font} 0 R >> ` : ''}>>`;
    object(pageIds[p]!, [`<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 ${w} ${h}] /Resources ${resources} /Contents ${contentId} 0 R >>`]);
    page.images.forEach((image, i) => {
      object(imageIds[i]!, [`<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${image.jpeg.length} >>\nstream\n`, image.jpeg, '\nendstream']);
    });
    const placed = page.images.map((image, i) => `q ${image.w.toFixed(2)} 0 0 ${image.h.toFixed(2)} ${image.x.toFixed(2)} ${image.y.toFixed(2)} cm /Im${i} Do Q\n`).join('');
    const stream = encoder.encode(`${placed}${page.content ?? ''}`);
    object(contentId, [`<< /Length ${stream.length} >>\nstream\n`, stream, '\nendstream']);
  });
  const size = next;
  const xref = length;
  const entries = Array.from({ length: size - 1 }, (_, k) => `${String(offsets[k + 1] ?? 0).padStart(10, '0')} 00000 ${offsets[k + 1] === undefined ? 'f' : 'n'} \n`);
  push(`xref\n0 ${size}\n0000000000 65535 f \n${entries.join('')}`);
  push(`trailer\n<< /Size ${size} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * PDF bytes with one page per image, fitted with its aspect kept and centred (the slide handout).
 * @param marginPt white margin around each image, points.
 */
export function jpegPagesPdf(pages: readonly JpegPage[], pageSizePt: readonly [number, number] = A4_LANDSCAPE_PT, marginPt = 24): Uint8Array {
  const [pageW, pageH] = pageSizePt;
  return pdfDocument(
    pages.map((page) => {
      const scale = Math.min((pageW - 2 * marginPt) / page.width, (pageH - 2 * marginPt) / page.height);
      const [w, h] = [page.width * scale, page.height * scale];
      return { size: pageSizePt, images: [{ ...page, x: (pageW - w) / 2, y: (pageH - h) / 2, w, h }] };
    }),
  );
}
