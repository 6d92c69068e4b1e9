/**
 * Drawing campaign features on the map (issue 21) with terra-draw and its maplibre adapter: a new
 * line (click each point; click the last point again or press Enter to finish; Escape cancels) or
 * point (one click), and moving the points of a held feature's shape (drag a point; a line's
 * midpoints add points). Loaded on demand (a dynamic import) the first time a drawing tool is
 * chosen, so the dashboard's first page does not carry terra-draw. The shapes it answers are
 * WGS84 [lon, lat]; what they are and whether they may be saved is the form's and the core's.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawRenderMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { CampaignFeatureGeometry } from '../core/index.ts';

export interface FeatureDrawing {
  /** Starts drawing a new line or point; `onDone` receives its shape once finished. */
  draw(mode: 'line' | 'point', onDone: (geometry: CampaignFeatureGeometry) => void): void;
  /** Shows `geometry` with its points draggable; `finish()` then answers the moved shape. */
  reshape(geometry: CampaignFeatureGeometry): void;
  /** The reshaped shape (null when nothing is being reshaped); the drawing stops. */
  finish(): CampaignFeatureGeometry | null;
  /** Stops any drawing and clears what was drawn. */
  stop(): void;
  dispose(): void;
}

/** The drawing colour (the landscape route's green, darker), as terra-draw's hex styling. */
const INK = '#166534';

/** 6 decimals of a degree (about 0.1 m): what the shapes are rounded to. */
const COORDINATE_PRECISION = 6;

function geometryOf(feature: GeoJSONStoreFeatures | undefined): CampaignFeatureGeometry | null {
  const geometry = feature?.geometry;
  if (geometry?.type === 'LineString') return { type: 'LineString', coordinates: geometry.coordinates.map(([lon, lat]) => [lon!, lat!] as [number, number]) };
  if (geometry?.type === 'Point') return { type: 'Point', coordinates: [geometry.coordinates[0]!, geometry.coordinates[1]!] };
  return null;
}

/** A terra-draw instance on `map`, started at once (its layers go on top of the map's). */
export function createFeatureDrawing(map: MapLibreMap): FeatureDrawing {
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: COORDINATE_PRECISION }),
    modes: [
      new TerraDrawLineStringMode({ styles: { lineStringColor: INK, lineStringWidth: 4, closingPointColor: INK, closingPointWidth: 6 } }),
      new TerraDrawPointMode({ styles: { pointColor: INK, pointWidth: 7, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
      new TerraDrawSelectMode({
        flags: {
          linestring: { feature: { draggable: false, coordinates: { draggable: true, midpoints: true, deletable: true } } },
          point: { feature: { draggable: true } },
        },
        allowManualDeselection: false,
        styles: { selectedLineStringColor: INK, selectedLineStringWidth: 4, selectionPointColor: INK, selectedPointColor: INK, selectedPointWidth: 7 },
      }),
      new TerraDrawRenderMode({ modeName: 'idle', styles: {} }),
    ],
  });
  draw.start();
  draw.setMode('idle');
  let onFinish: ((geometry: CampaignFeatureGeometry) => void) | null = null;
  let reshaping: string | number | null = null;

  draw.on('finish', (id, context) => {
    if (context.action !== 'draw' || !onFinish) return;
    const geometry = geometryOf(draw.getSnapshotFeature(id));
    const done = onFinish;
    onFinish = null;
    draw.clear();
    draw.setMode('idle');
    if (geometry) done(geometry);
  });

  const stop = () => {
    onFinish = null;
    reshaping = null;
    draw.clear();
    draw.setMode('idle');
  };

  return {
    draw(mode, onDone) {
      stop();
      onFinish = onDone;
      draw.setMode(mode === 'line' ? 'linestring' : 'point');
    },
    reshape(geometry) {
      stop();
      const id = draw.getFeatureId();
      const [result] = draw.addFeatures([{ type: 'Feature', id, geometry, properties: { mode: geometry.type === 'LineString' ? 'linestring' : 'point' } }]);
      if (!result?.valid) return;
      reshaping = id;
      draw.setMode('select');
      draw.selectFeature(id);
    },
    finish() {
      const geometry = reshaping === null ? null : geometryOf(draw.getSnapshotFeature(reshaping));
      stop();
      return geometry;
    },
    stop,
    dispose() {
      onFinish = null;
      if (draw.enabled) draw.stop();
    },
  };
}
