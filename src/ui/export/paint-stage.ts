/**
 * Paints the presentation stage, as the browser has laid it out, onto a canvas of stage size:
 * backgrounds and bottom borders of boxes, the map (a copy taken in a render event, `replace`),
 * SVG charts, and every text run at its own position. The map canvas holds only the map, so the
 * slide around it is drawn here from the DOM instead of being laid out a second time.
 * Used for the PNG and PDF exports of the slides.
 */

const TRANSPARENT = /^(transparent|rgba\(\d+, \d+, \d+, 0\))$/;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Loads an SVG element as an image (it must carry its styles as attributes). */
function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('图表导出失败'));
    image.src = url;
  });
}

/**
 * A canvas with the stage painted on it.
 * @param stage the stage element (laid out in stage pixels, transformed by `scale` on screen).
 * @param scale screen pixels per stage pixel.
 * @param skip selectors of parts not to paint (buttons, map controls).
 * @param replace images to paint instead of canvases on the stage: the map's WebGL canvas is blank
 *   outside a render event, so the export passes the copy `MapController.capture` took in one.
 */
export async function paintStage(stage: HTMLElement, scale: number, skip: string, replace?: ReadonlyMap<HTMLCanvasElement, CanvasImageSource>): Promise<HTMLCanvasElement> {
  const canvas = document.createElement('canvas');
  canvas.width = stage.offsetWidth;
  canvas.height = stage.offsetHeight;
  const context = canvas.getContext('2d')!;
  const origin = stage.getBoundingClientRect();
  const toStage = (rect: DOMRect): Box => ({ x: (rect.left - origin.left) / scale, y: (rect.top - origin.top) / scale, width: rect.width / scale, height: rect.height / scale });
  const skipped = (element: Element) => element.closest(skip) !== null;

  context.fillStyle = getComputedStyle(stage).backgroundColor;
  context.fillRect(0, 0, canvas.width, canvas.height);

  // Boxes, borders, the map and charts, in document order (parents under children).
  for (const element of stage.querySelectorAll('*')) {
    if (skipped(element)) continue;
    const style = getComputedStyle(element);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = toStage(element.getBoundingClientRect());
    if (element instanceof HTMLCanvasElement) {
      context.drawImage(replace?.get(element) ?? element, box.x, box.y, box.width, box.height);
      continue;
    }
    if (element instanceof SVGSVGElement) {
      context.drawImage(await svgImage(element, box.width, box.height), box.x, box.y, box.width, box.height);
      continue;
    }
    if (element instanceof SVGElement) continue;
    if (!TRANSPARENT.test(style.backgroundColor)) {
      context.fillStyle = style.backgroundColor;
      context.beginPath();
      context.roundRect(box.x, box.y, box.width, box.height, Number.parseFloat(style.borderTopLeftRadius) || 0);
      context.fill();
    }
    const border = Number.parseFloat(style.borderBottomWidth);
    if (border > 0 && style.borderBottomStyle !== 'none') {
      context.fillStyle = style.borderBottomColor;
      context.fillRect(box.x, box.y + box.height - border, box.width, border);
    }
  }

  // Text: one run per line box, found from the rectangles of its characters.
  const walker = document.createTreeWalker(stage, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = node.textContent ?? '';
    if (!parent || !text.trim() || skipped(parent) || parent.closest('svg')) continue;
    const style = getComputedStyle(parent);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    context.fillStyle = style.color;
    context.textBaseline = 'middle';
    let run = '';
    let start: Box | null = null;
    const flush = () => {
      if (start && run.trim()) context.fillText(run, start.x, start.y + start.height / 2);
      run = '';
      start = null;
    };
    let offset = 0;
    for (const char of text) {
      range.setStart(node, offset);
      range.setEnd(node, offset + char.length);
      offset += char.length;
      const rect = range.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      const box = toStage(rect);
      if (start && Math.abs(box.y - (start as Box).y) > (start as Box).height / 2) flush();
      if (!start) start = box;
      run += char;
    }
    flush();
  }
  return canvas;
}
