/**
 * Export of all slides: each slide is shown at its overview step, the map drawn without
 * animation, the stage painted onto a canvas (paint-stage.ts), then saved as one PNG per slide
 * or as a PDF handout (one A4 landscape page per slide). The presenter's place is restored.
 */
import { jpegPagesPdf } from '../../export/pdf-pages.ts';
import { dispatch, type AppStore } from '../../state/store.ts';
import { goToSlide } from '../../state/updaters.ts';
import { download, fileStem } from './download.ts';
import { paintStage } from './paint-stage.ts';
import type { CaptureMap } from '../map/map-capture.ts';

/** Parts of the stage not painted into an export: the controls. */
export const EXPORT_SKIP = '.slide-foot, .maplibregl-control-container, .blank-screen';

const TIMEOUT_MS = 20_000;

/** Resolves once the map shows `key` (`slide.step`) and is idle. */
function drawn(stage: HTMLElement, store: AppStore, key: string): Promise<void> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      const map = stage.querySelector<HTMLElement>('[data-testid="map"]');
      if (map?.dataset.shown === key && store.getState().mapState === 'idle') return requestAnimationFrame(() => resolve());
      if (store.getState().mapState === 'error') return reject(new Error('地图出错，无法导出'));
      if (performance.now() - started > TIMEOUT_MS) return reject(new Error('地图绘制超时，无法导出'));
      setTimeout(check, 50);
    };
    check();
  });
}

function blobOf(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('图片生成失败'))), type, quality));
}

export interface ExportOptions {
  store: AppStore;
  stage: HTMLElement;
  /** The stage map's capture (MapCaptureContext): the map canvas is copied inside a render event. */
  captureMap: () => CaptureMap | null;
  /** Screen pixels per stage pixel. */
  scale: number;
  slides: number;
  title: string;
  asOf: string | null;
  onProgress: (done: number) => void;
}

/** Saves every slide as PNG files (`kind` png) or as one PDF handout (`kind` pdf). */
export async function exportSlides(kind: 'png' | 'pdf', { store, stage, captureMap, scale, slides, title, asOf, onProgress }: ExportOptions): Promise<void> {
  const { slide, step } = store.getState();
  const canvases: HTMLCanvasElement[] = [];
  try {
    for (let n = 1; n <= slides; n++) {
      dispatch(store, goToSlide, n, slides);
      await drawn(stage, store, `${n}.0`);
      const capture = captureMap();
      if (!capture) throw new Error('地图尚未显示，无法导出');
      const mapCanvas = stage.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas');
      const copy = (await capture()).canvas;
      canvases.push(await paintStage(stage, scale, EXPORT_SKIP, mapCanvas ? new Map([[mapCanvas, copy]]) : undefined));
      onProgress(n);
    }
  } finally {
    store.setState({ slide, step });
  }
  const stem = fileStem(title, '动员大会演示', asOf);
  if (kind === 'png') {
    for (const [i, canvas] of canvases.entries()) download(`${stem}-第${i + 1}页.png`, await blobOf(canvas, 'image/png'), 'image/png');
    return;
  }
  const pages = await Promise.all(
    canvases.map(async (canvas) => ({ jpeg: new Uint8Array(await (await blobOf(canvas, 'image/jpeg', 0.9)).arrayBuffer()), width: canvas.width, height: canvas.height })),
  );
  download(`${stem}.pdf`, jpegPagesPdf(pages) as Uint8Array<ArrayBuffer>, 'application/pdf');
}
