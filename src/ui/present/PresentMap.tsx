/**
 * The presentation's map: the same MapController and layer descriptions as the dashboard, in the
 * dark stage theme, with the camera flying to each step's bounding box. Its pixel ratio follows
 * the stage scale, so the map stays sharp on any screen.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { StoryStep } from '../../core/index.ts';
import { STAGE_BACKGROUND_COLOR } from '../../map/style.ts';
import { useAppStore, type AppStore } from '../../state/store.ts';
import { selectMapState } from '../map/MapView.tsx';
import { useMapController, useMapDrawing } from '../map/use-map.ts';
import { useOfferMapCapture } from '../map/map-capture.ts';
import type { SlideLook } from './slide-looks.ts';

/** Closest the camera goes on a step: a cluster with its neighbours around it. */
const MAX_ZOOM = 14.6;

const NO_CAMERA_EVENTS = { onCameraChange: () => undefined };

/** `instant`: jump instead of flying (while exporting). */
export function PresentMap({ store, look, step, stepKey, pixelRatio, padding, instant }: { store: AppStore; look: SlideLook; step: StoryStep | null; stepKey: string; pixelRatio: number; padding: { top: number; bottom: number; left: number; right: number }; instant: boolean }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapState = useAppStore(store, selectMapState);
  const bbox = useAppStore(store, (state) => state.data?.dataset.boundaries.bbox ?? null);
  const controllerRef = useMapController(store, containerRef, { ...NO_CAMERA_EVENTS, pixelRatio, background: STAGE_BACKGROUND_COLOR });
  useOfferMapCapture(controllerRef);
  const highlight = step?.highlight;
  const focus = useMemo(() => ({ highlight: highlight ?? [] }), [highlight]);
  const { data } = useMapDrawing(store, controllerRef, { layer: look.layer, overlays: look.overlays, focus, useFilters: false, theme: 'present', labels: look.labels ?? 'all' });

  useEffect(() => {
    controllerRef.current?.setPixelRatio(pixelRatio);
  }, [controllerRef, pixelRatio]);

  // Fly to the step (the whole district when it names no place).
  const target = step?.bbox ?? bbox;
  const targetKey = target ? target.join(',') : '';
  const paddingKey = `${padding.top},${padding.right},${padding.bottom},${padding.left}`;
  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller || !data || !targetKey) return;
    const [top, right, bottom, left] = paddingKey.split(',').map(Number) as [number, number, number, number];
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    // The slide's layout may have resized the map: measure before framing.
    controller.resize();
    controller.fitBounds(targetKey.split(',').map(Number) as [number, number, number, number], { top, right, bottom, left }, reduced || instant ? 0 : 1200, MAX_ZOOM);
    // The step the camera was last sent to: automation waits for it, then for idle.
    if (containerRef.current) containerRef.current.dataset.shown = stepKey;
  }, [controllerRef, data, targetKey, stepKey, paddingKey, instant]);

  return <div ref={containerRef} className="present-map" data-testid="map" data-map-state={mapState} role="img" aria-label={`地图：${look.key}`} />;
}
