import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mapMargin, MAP_MARGIN, panelShare, RING_MARGIN, stageMapPadding, type SlideLayout } from '../../src/ui/present/stage.ts';

describe('stageMapPadding()', () => {
  test('on any landscape stage the right padding is the text panel\'s width in map pixels plus the margin, so framed places stay left of the panel (issue 16)', () => {
    const layouts: SlideLayout[] = ['map', 'list', 'text', 'table'];
    fc.assert(
      fc.property(fc.constantFrom(...layouts), fc.integer({ min: 360, max: 4320 }), fc.double({ min: 4 / 3, max: 4, noNaN: true }), (layout, height, aspect) => {
        const width = Math.round(height * aspect);
        const padding = stageMapPadding(layout, { width, height });
        // The map is laid out at 1080-high size: its width in map pixels is width / (height / 1080).
        const mapWidth = width / (height / 1080);
        const margin = mapMargin(layout);
        expect(padding.right - margin).toBeCloseTo(panelShare(layout, { width, height }) * mapWidth, -0.5);
        expect([padding.top, padding.bottom, padding.left]).toEqual([margin, margin, margin]);
        // Room is left for the places.
        expect(mapWidth - padding.left - padding.right).toBeGreaterThan(0.2 * mapWidth);
      }),
    );
  });

  test('mapMargin() keeps the full margin except on list slides, whose frames already hold the clusters\' rings of neighbours (issue 16)', () => {
    expect(mapMargin('map')).toBe(MAP_MARGIN);
    expect(mapMargin('text')).toBe(MAP_MARGIN);
    expect(mapMargin('list')).toBe(RING_MARGIN);
    expect(RING_MARGIN).toBeLessThan(MAP_MARGIN);
  });

  test('panelShare() gives tables more of the stage than map slides, and an LED wall less than a projector', () => {
    const projector = { width: 1920, height: 1080 };
    const wall = { width: 6720, height: 2160 };
    expect(panelShare('list', projector)).toBeLessThan(panelShare('map', projector));
    expect(panelShare('map', projector)).toBeLessThan(panelShare('text', projector));
    expect(panelShare('text', projector)).toBeLessThanOrEqual(panelShare('table', projector));
    for (const layout of ['map', 'list', 'text', 'table'] as const) expect(panelShare(layout, wall)).toBeLessThan(panelShare(layout, projector));
  });

  test('panelShare() leaves the map at least 55 % of the stage width on every layout and stage (issue 16: the tables took 58–62 %)', () => {
    for (const stage of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }, { width: 1024, height: 768 }, { width: 6720, height: 2160 }]) {
      for (const layout of ['map', 'list', 'text', 'table'] as const) expect(1 - panelShare(layout, stage), `${layout} at ${stage.width}×${stage.height}`).toBeGreaterThanOrEqual(0.55);
    }
  });
});
