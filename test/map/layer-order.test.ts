import { describe, expect, test } from 'vitest';
import { dashboardLayers, LAYER_IDS } from '../../src/map/layers.ts';

describe('dashboardLayers() order', () => {
  test.each(['dashboard', 'present'] as const)('the focus outline is drawn under the isolated and bridge dashed outlines, so a focused isolated community keeps its dashes (%s, issue 16)', (theme) => {
    const ids = dashboardLayers({ fillColor: ['to-color', '#cccccc'], overlays: { clusters: true, zones: true, rings: true, bridges: true }, theme }).map((layer) => layer.id);
    expect(ids.indexOf(LAYER_IDS.focus)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(LAYER_IDS.focus)).toBeLessThan(ids.indexOf(LAYER_IDS.isolated));
    expect(ids.indexOf(LAYER_IDS.focus)).toBeLessThan(ids.indexOf(LAYER_IDS.bridge));
  });
});
