/**
 * Presentation mode (演示模式) for the mobilization meeting: a fixed stage scaled to fit the
 * screen, seven slides written by the core (`campaignStory`), the shared map flying to each
 * step, keyboard and clicker control, optional auto-advance, and PNG/PDF export.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { SLIDE_IDS } from '../../core/index.ts';
import { dispatch, useAppStore, type AppStore } from '../../state/store.ts';
import { goToSlide, moveSlide, setActiveView } from '../../state/updaters.ts';
import { AutoAdvance, type AutoMode } from './AutoAdvance.tsx';
import { exportSlides } from '../export/export-slides.ts';
import { MapCaptureContext, type MapCaptureSlot } from '../map/map-capture.ts';
import { slideAction } from './keys.ts';
import { PresentMap } from './PresentMap.tsx';
import { slideLook } from './slide-looks.ts';
import { SlideContent } from './SlideContent.tsx';
import { fitStage, panelShare, stageMapPadding, stagePixelRatio } from './stage.ts';
import { useStory } from './use-story.ts';
import './present.css';

function subscribeResize(callback: () => void) {
  window.addEventListener('resize', callback);
  return () => window.removeEventListener('resize', callback);
}
const windowSize = () => `${window.innerWidth}x${window.innerHeight}x${window.devicePixelRatio}`;

export function Presentation({ store }: { store: AppStore }) {
  const story = useStory(store);
  const stage = useAppStore(store, (state) => state.stage);
  const slideNumber = useAppStore(store, (state) => state.slide);
  const stepNumber = useAppStore(store, (state) => state.step);
  const size = useSyncExternalStore(subscribeResize, windowSize);
  const [width, height, ratio] = size.split('x').map(Number) as [number, number, number];
  const fit = fitStage({ width, height }, stage);
  const [blank, setBlank] = useState(false);
  const [auto, setAuto] = useState<AutoMode>('off');
  const stageRef = useRef<HTMLDivElement>(null);
  // The stage map offers its capture here; the slide export paints it (the canvas element itself is blank outside a render).
  const [mapCapture] = useState<MapCaptureSlot>(() => ({ current: null }));
  /** Export in progress: slides done so far; or its error message. */
  const [exporting, setExporting] = useState<{ kind: 'png' | 'pdf'; done: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  // Any input pauses the auto-advance.
  const pauseAuto = useCallback(() => setAuto((mode) => (mode === 'running' ? 'paused' : mode)), []);

  const slides = useMemo(() => story?.slides ?? [], [story]);
  const stepCounts = useMemo(() => slides.map((slide) => slide.steps.length), [slides]);
  const index = Math.min(Math.max(slideNumber, 1), SLIDE_IDS.length);
  const slide = slides[index - 1] ?? null;
  const step = slide ? (slide.steps[Math.min(stepNumber, slide.steps.length - 1)] ?? null) : null;
  const stepIndex = slide ? Math.min(stepNumber, slide.steps.length - 1) : 0;
  const config = useAppStore(store, (state) => state.data?.dataset.config ?? null);
  const look = useMemo(() => slideLook(slide?.id ?? SLIDE_IDS[index - 1]!, config), [slide?.id, index, config]);
  const padding = useMemo(() => stageMapPadding(look.layout, stage), [look.layout, stage]);

  const next = useCallback(() => dispatch(store, moveSlide, 1, stepCounts), [store, stepCounts]);
  const prev = useCallback(() => dispatch(store, moveSlide, -1, stepCounts), [store, stepCounts]);
  const exit = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    dispatch(store, setActiveView, 'dashboard');
  }, [store]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
      const action = slideAction(event);
      if (!action) return;
      // Space and Enter on a focused button press it; the keys still mean "next" here.
      event.preventDefault();
      pauseAuto();
      if (action.kind !== 'blank') setBlank(false);
      switch (action.kind) {
        case 'next':
          return next();
        case 'prev':
          return prev();
        case 'goto':
          return dispatch(store, goToSlide, action.slide, SLIDE_IDS.length);
        case 'first':
          return dispatch(store, goToSlide, 1, SLIDE_IDS.length);
        case 'last':
          return dispatch(store, goToSlide, SLIDE_IDS.length, SLIDE_IDS.length);
        case 'fullscreen':
          if (document.fullscreenElement) void document.exitFullscreen();
          else void document.documentElement.requestFullscreen?.().catch(() => undefined);
          return;
        case 'exit':
          return exit();
        case 'blank':
          return setBlank((value) => !value);
      }
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', pauseAuto);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', pauseAuto);
    };
  }, [store, next, prev, exit, pauseAuto]);

  const runExport = (kind: 'png' | 'pdf') => {
    const stageElement = stageRef.current;
    if (!story || !stageElement || exporting) return;
    setAuto('off');
    setExportError(null);
    setExporting({ kind, done: 0 });
    exportSlides(kind, { store, stage: stageElement, captureMap: () => mapCapture.current, scale: fit.scale, slides: story.slides.length, title: story.title, asOf: story.asOf, onProgress: (done) => setExporting({ kind, done }) })
      .catch((error: unknown) => setExportError(error instanceof Error ? error.message : String(error)))
      .finally(() => setExporting(null));
  };

  const atEnd = slide !== null && index === SLIDE_IDS.length && stepIndex === slide.steps.length - 1;
  return (
    <MapCaptureContext.Provider value={mapCapture}>
    <div className="present-viewport" data-testid="presentation">
      <div
        ref={stageRef}
        className={stage.width / stage.height > 2.2 ? 'stage ultrawide' : 'stage'}
        data-testid="stage"
        data-scale={fit.scale.toFixed(4)}
        style={{ width: stage.width, height: stage.height, transform: `translate(${fit.left}px, ${fit.top}px) scale(${fit.scale})`, ['--u' as string]: String(fit.unit) }}
      >
        <section className={`slide slide-${slide?.id ?? 'loading'} layout-${look.layout}`} data-testid="slide" data-slide-index={index} data-slide-id={slide?.id ?? ''} data-step={stepIndex} data-steps={slide?.steps.length ?? 0} style={{ ['--panel' as string]: `${(panelShare(look.layout, stage) * 100).toFixed(2)}%` }} aria-roledescription="幻灯片" aria-label={`第 ${index} 页，共 ${SLIDE_IDS.length} 页`}>
          <header className="slide-head">
            <h1>{slide?.heading ?? '正在准备演示…'}</h1>
            <p className="slide-count">
              {story ? `${story.title} · ` : ''}
              {index} / {SLIDE_IDS.length}
            </p>
          </header>
          <div className="slide-body">
            <div className="slide-map">
              {/* While exporting, the map renders at one canvas pixel per exported stage pixel. */}
              <PresentMap store={store} look={look} step={step} stepKey={`${index}.${stepIndex}`} pixelRatio={exporting ? Math.max(fit.unit, stagePixelRatio(fit, ratio)) : stagePixelRatio(fit, ratio)} padding={padding} instant={exporting !== null} />
              <p className="map-key">{look.key}</p>
            </div>
            <div className="slide-panel">{slide && step && <SlideContent slide={slide} step={step} stepIndex={stepIndex} />}</div>
          </div>
          <footer className="slide-foot">
            <button type="button" onClick={prev} disabled={index === 1 && stepIndex === 0} aria-label="上一页（←）">
              ◀ 上一页
            </button>
            <button type="button" onClick={next} disabled={atEnd} aria-label="下一页（→ 或空格）">
              下一页 ▶
            </button>
            <AutoAdvance key={`${index}.${stepIndex}`} mode={auto} setMode={setAuto} onAdvance={next} atEnd={atEnd} />
            <span className="foot-hint" role="status">
              {exporting ? `正在导出第 ${Math.min(exporting.done + 1, SLIDE_IDS.length)} / ${SLIDE_IDS.length} 页…` : exportError ? `导出失败：${exportError}` : '← → 翻页 · 数字键跳页 · F 全屏 · Esc 退出'}
            </span>
            <button type="button" onClick={() => runExport('png')} disabled={!story || exporting !== null} data-testid="export-png">
              导出图片
            </button>
            <button type="button" onClick={() => runExport('pdf')} disabled={!story || exporting !== null} data-testid="export-pdf">
              导出 PDF 讲义
            </button>
            <button type="button" onClick={exit} data-testid="exit-presentation">
              退出演示
            </button>
          </footer>
        </section>
        {blank && <div className="blank-screen" onClick={() => setBlank(false)} aria-label="黑屏（按 B 恢复）" />}
      </div>
    </div>
    </MapCaptureContext.Provider>
  );
}
