import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAP_MARGIN, panelShare, stageMapPadding, type SlideLayout } from '../../src/ui/present/stage.ts';

describe('stageMapPadding()', () => {
  test('on any landscape stage the right padding is the text panel\'s width in map pixels plus the margin, so framed places stay left of the panel (issue 16)', () => {
    const layouts: SlideLayout[] = ['map', 'text', 'table'];
    fc.assert(
      fc.property(fc.constantFrom(...layouts), fc.integer({ min: 360, max: 4320 }), fc.double({ min: 4 / 3, max: 4, noNaN: true }), (layout, height, aspect) => {
        const width = Math.round(height * aspect);
        const padding = stageMapPadding(layout, { width, height });
        // The map is laid out at 1080-high size: its width in map pixels is width / (height / 1080).
        const mapWidth = width / (height / 1080);
        expect(padding.right - MAP_MARGIN).toBeCloseTo(panelShare(layout, { width, height }) * mapWidth, -0.5);
        expect([padding.top, padding.bottom, padding.left]).toEqual([MAP_MARGIN, MAP_MARGIN, MAP_MARGIN]);
        // Room is left for the places.
        expect(mapWidth - padding.left - padding.right).toBeGreaterThan(0.2 * mapWidth);
      }),
    );
  });

  test('panelShare() gives tables more of the stage than map slides, and an LED wall less than a projector', () => {
    const projector = { width: 1920, height: 1080 };
    const wall = { width: 6720, height: 2160 };
    expect(panelShare('map', projector)).toBeLessThan(panelShare('text', projector));
    expect(panelShare('text', projector)).toBeLessThanOrEqual(panelShare('table', projector));
    for (const layout of ['map', 'text', 'table'] as const) expect(panelShare(layout, wall)).toBeLessThan(panelShare(layout, projector));
  });

  test('panelShare() leaves the map at least 55 % of the stage width on every layout and stage (issue 16: the tables took 58–62 %)', () => {
    for (const stage of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }, { width: 1024, height: 768 }, { width: 6720, height: 2160 }]) {
      for (const layout of ['map', 'text', 'table'] as const) expect(1 - panelShare(layout, stage), `${layout} at ${stage.width}×${stage.height}`).toBeGreaterThanOrEqual(0.55);
    }
  });
});
