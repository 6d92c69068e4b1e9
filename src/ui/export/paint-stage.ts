/**
 * Paints the presentation stage, as the browser has laid it out, onto a canvas of stage size:
 * backgrounds, borders and list bullets of boxes, the map (a copy taken in a render event, `replace`),
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

/** The four borders of a box, solid, each in its own width and colour (the text panel's left edge is one). */
function paintBorders(context: CanvasRenderingContext2D, box: Box, style: CSSStyleDeclaration): void {
  const sides = [
    ['Top', (width: number): [number, number, number, number] => [box.x, box.y, box.width, width]],
    ['Right', (width: number): [number, number, number, number] => [box.x + box.width - width, box.y, width, box.height]],
    ['Bottom', (width: number): [number, number, number, number] => [box.x, box.y + box.height - width, box.width, width]],
    ['Left', (width: number): [number, number, number, number] => [box.x, box.y, width, box.height]],
  ] as const;
  for (const [side, rect] of sides) {
    const width = Number.parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`));
    const kind = style.getPropertyValue(`border-${side.toLowerCase()}-style`);
    const color = style.getPropertyValue(`border-${side.toLowerCase()}-color`);
    if (!(width > 0) || kind === 'none' || kind === 'hidden' || TRANSPARENT.test(color)) continue;
    context.fillStyle = color;
    const [x, y, w, h] = rect(width);
    context.fillRect(x, y, w, h);
  }
}

/**
 * The bullet of a list item (its ::marker is not in the DOM, so the text walk never meets it):
 * a disc, circle or square outside the item, centred on its first line, where Chromium draws
 * it; numbers for decimal lists. Inside markers and list-style none draw nothing.
 */
function paintListMarker(context: CanvasRenderingContext2D, element: Element, box: Box, style: CSSStyleDeclaration, toStage: (rect: DOMRect) => Box): void {
  const type = style.listStyleType;
  if (type === 'none' || style.listStylePosition !== 'outside' || style.listStyleImage !== 'none') return;
  const size = Number.parseFloat(style.fontSize);
  // The first line's middle: the first character's box, else the item's top line.
  const first = firstLineBox(element, toStage);
  const middle = first ? first.y + first.height / 2 : box.y + (Number.parseFloat(style.lineHeight) || size * 1.4) / 2;
  context.fillStyle = style.color;
  context.strokeStyle = style.color;
  if (type === 'disc' || type === 'circle' || type === 'square') {
    // Chromium: a marker of about a third of the font size, its centre 0.75 em left of the content.
    const radius = size * 0.17;
    const centre = box.x - size * 0.75;
    context.beginPath();
    if (type === 'square') context.rect(centre - radius, middle - radius, 2 * radius, 2 * radius);
    else context.arc(centre, middle, radius, 0, 2 * Math.PI);
    if (type === 'circle') {
      context.lineWidth = Math.max(1, size / 14);
      context.stroke();
    } else context.fill();
    return;
  }
  const index = [...(element.parentElement?.children ?? [])].filter((child) => getComputedStyle(child).display === 'list-item').indexOf(element);
  const start = Number((element.parentElement as HTMLOListElement | null)?.start ?? 1) || 1;
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  context.textBaseline = 'middle';
  context.textAlign = 'right';
  context.fillText(`${start + index}.`, box.x - size * 0.3, middle);
  context.textAlign = 'start';
}

/** The stage box of the first character of `element`'s text, or null when it has none. */
function firstLineBox(element: Element, toStage: (rect: DOMRect) => Box): Box | null {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    const at = text.search(/\S/);
    if (at < 0) continue;
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const rect = range.getBoundingClientRect();
    if (rect.height > 0) return toStage(rect);
  }
  return null;
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
    paintBorders(context, box, style);
    if (style.display === 'list-item') paintListMarker(context, element, box, style, toStage);
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
