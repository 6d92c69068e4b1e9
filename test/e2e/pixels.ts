/** In-page pixel checks on the map canvas (preserveDrawingBuffer is on, so it can be read back). */
import type { Page } from 'playwright-core';

export interface PixelDiff {
  /** Pixels whose colour changed by more than the threshold. */
  changed: number;
  /** Of those, pixels that are darker with the layer shown (text ink rather than white halo). */
  inked: number;
  total: number;
}

/** Compares the map canvas with a layer shown and hidden. */
export async function layerPixelDiff(page: Page, layerId: string): Promise<PixelDiff> {
  return page.evaluate(async (id) => {
    const map = window.lianpian?.map;
    if (!map) throw new Error('window.lianpian.map is missing');
    const read = (): Uint8ClampedArray => {
      const canvas = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, 0, 0);
      return context.getImageData(0, 0, copy.width, copy.height).data;
    };
    const settle = () => new Promise<void>((resolve) => { map.once('idle', () => resolve()); map.triggerRepaint(); });
    await settle();
    const shown = read();
    map.setLayoutProperty(id, 'visibility', 'none');
    await settle();
    const hidden = read();
    map.setLayoutProperty(id, 'visibility', 'visible');
    await settle();
    let changed = 0;
    let inked = 0;
    for (let i = 0; i < shown.length; i += 4) {
      const delta = Math.abs(shown[i]! - hidden[i]!) + Math.abs(shown[i + 1]! - hidden[i + 1]!) + Math.abs(shown[i + 2]! - hidden[i + 2]!);
      if (delta > 60) {
        changed++;
        if (hidden[i]! + hidden[i + 1]! + hidden[i + 2]! - (shown[i]! + shown[i + 1]! + shown[i + 2]!) > 90) inked++;
      }
    }
    return { changed, inked, total: shown.length / 4 };
  }, layerId);
}
