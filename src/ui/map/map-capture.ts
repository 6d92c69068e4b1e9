/**
 * How an export reaches the map on screen without a module global: the view that owns a map
 * (MapView, the presentation's PresentMap) puts its controller's `capture` into the slot of the
 * nearest MapCaptureContext; the exports (ExportPanel, the slide export) call it. The WebGL buffer
 * is not preserved, so a copy of the canvas is only good inside a render event, which `capture`
 * does: painting the canvas element at any other time gives a blank area (issue 16's slide exports).
 */
import { createContext, useContext, useEffect, type RefObject } from 'react';
import type { CaptureOptions, MapCapture, MapController } from '../../map/controller.ts';

/** A copy of the map as drawn; `pixelRatio` renders it at that many device pixels per CSS pixel first (print), `frame` frames other bounds for the copy. */
export type CaptureMap = (options?: CaptureOptions) => Promise<MapCapture>;

/** A mutable slot holding the capture of the map currently shown (null without a map). */
export interface MapCaptureSlot {
  current: CaptureMap | null;
}

export const MapCaptureContext = createContext<MapCaptureSlot>({ current: null });

/** Offers the controller's capture to the exports under the nearest MapCaptureContext. */
export function useOfferMapCapture(controllerRef: RefObject<MapController | null>): void {
  const slot = useContext(MapCaptureContext);
  useEffect(() => {
    const capture: CaptureMap = (options) => (controllerRef.current ? controllerRef.current.capture(options) : Promise.reject(new Error('地图尚未显示')));
    slot.current = capture;
    return () => {
      if (slot.current === capture) slot.current = null;
    };
  }, [slot, controllerRef]);
}
