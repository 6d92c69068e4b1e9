/**
 * Renders a PDF in the test's Chromium page with pdf.js (pdfjs-dist, a devDependency), as a
 * reader would: the first page on a canvas and its text layer. pdf.js's files are served on the
 * app's own origin through a route, so the page makes no outside request; its CMaps decode the
 * UniGB-UCS2-H text of the map PDF.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const PREFIX = '__pdfjs/';

export interface RenderedPdfPage {
  /** Page size in points. */
  widthPt: number;
  heightPt: number;
  /** Canvas pixels per point. */
  scale: number;
  /** The rendered page as a PNG data URL. */
  png: string;
  /** The text layer's strings joined (what a reader can select and search). */
  text: string;
}

/** Serves pdf.js from node_modules under `<baseUrl>__pdfjs/` for `page`. */
async function servePdfjs(page: Page, baseUrl: string): Promise<void> {
  await page.route(`${baseUrl}${PREFIX}**`, async (route) => {
    const path = normalize(decodeURIComponent(new URL(route.request().url()).pathname.split(`/${PREFIX}`)[1] ?? ''));
    if (path.startsWith('..')) return route.fulfill({ status: 404 });
    const type = path.endsWith('.mjs') ? 'text/javascript' : 'application/octet-stream';
    try {
      await route.fulfill({ status: 200, contentType: type, body: readFileSync(join(PDFJS_DIR, path)) });
    } catch {
      await route.fulfill({ status: 404 });
    }
  });
}

/** Renders page `pageNumber` of `bytes` at `scale` canvas pixels per point. */
export async function renderPdfPage(page: Page, baseUrl: string, bytes: Buffer, { pageNumber = 1, scale = 2 } = {}): Promise<RenderedPdfPage> {
  await servePdfjs(page, baseUrl);
  return page.evaluate(
    async ({ base, data, pageNumber, scale }) => {
      type PdfJs = {
        GlobalWorkerOptions: { workerSrc: string };
        getDocument(options: object): { promise: Promise<{ getPage(n: number): Promise<PdfPage> }> };
      };
      type PdfPage = {
        getViewport(options: { scale: number }): { width: number; height: number };
        render(options: object): { promise: Promise<void> };
        getTextContent(): Promise<{ items: { str?: string }[] }>;
      };
      // A dynamic import the test runner does not rewrite (this function runs in the page).
      const load = new Function('url', 'return import(url)') as (url: string) => Promise<PdfJs>;
      const pdfjs = await load(`${base}build/pdf.min.mjs`);
      pdfjs.GlobalWorkerOptions.workerSrc = `${base}build/pdf.worker.min.mjs`;
      const binary = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
      const doc = await pdfjs.getDocument({ data: binary, cMapUrl: `${base}cmaps/`, cMapPacked: true, standardFontDataUrl: `${base}standard_fonts/`, wasmUrl: `${base}wasm/` }).promise;
      const pdfPage = await doc.getPage(pageNumber);
      const points = pdfPage.getViewport({ scale: 1 });
      const viewport = pdfPage.getViewport({ scale });
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await pdfPage.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
      const content = await pdfPage.getTextContent();
      return { widthPt: points.width, heightPt: points.height, scale, png: canvas.toDataURL('image/png'), text: content.items.map((item) => item.str ?? '').join('') };
    },
    { base: `${baseUrl}${PREFIX}`, data: bytes.toString('base64'), pageNumber, scale },
  );
}

/**
 * In a region of a rendered page: distinct colours (5 bits a channel), the share of non-white
 * pixels, and the share of pixels other than the region's most common colour (a region filled
 * with one colour, blank or not, has 0).
 */
export async function regionInk(page: Page, png: string, region: { x: number; y: number; width: number; height: number }): Promise<{ colours: number; inkShare: number; besidesCommonShare: number }> {
  return page.evaluate(
    async ({ png, region }) => {
      const image = new Image();
      image.src = png;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(Math.round(region.x), Math.round(region.y), Math.round(region.width), Math.round(region.height)).data;
      const counts = new Map<number, number>();
      let ink = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        const colour = ((pixels[i]! >> 3) << 10) | ((pixels[i + 1]! >> 3) << 5) | (pixels[i + 2]! >> 3);
        counts.set(colour, (counts.get(colour) ?? 0) + 1);
        if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 3 * 245) ink++;
      }
      const total = pixels.length / 4;
      const common = Math.max(...counts.values());
      return { colours: counts.size, inkShare: ink / total, besidesCommonShare: (total - common) / total };
    },
    { png, region },
  );
}
