import { describe, expect, test } from 'vitest';
import type { Polygon } from 'geojson';
import { changedDesignations, compareLayers, differenceFeatures } from '../../src/map/compare-maps.ts';

const square = (x: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 0],
      [x + 1, 0],
      [x + 1, 1],
      [x, 1],
      [x, 0],
    ],
  ],
});

describe('compareLayers()', () => {
  test('compareLayers() outlines on each map only what that map alone has (issue 16: "only on the right" was drawn on both)', () => {
    const diffFilter = (side: 'left' | 'right') => compareLayers(side).find((layer) => layer.id === 'compare-diff') as { filter?: unknown };
    expect(diffFilter('left').filter).toEqual(['==', ['get', 'change'], 'onlyLeft']);
    expect(diffFilter('right').filter).toEqual(['==', ['get', 'change'], 'onlyRight']);
  });

  test('compareLayers() colours designated communities by feature state on the one communities source, not by a second source of their polygons (issue 18)', () => {
    const layers = compareLayers('right');
    expect(layers.map((layer) => ('source' in layer ? layer.source : null))).toEqual(['compare-all', 'compare-all', 'compare-diff']);
    expect(JSON.stringify(layers[0]!.paint)).toContain('"feature-state","on"');
  });
});

describe('changedDesignations()', () => {
  test('changedDesignations() after a toggle names only the toggled community (issue 18: a toggle re-sent every designated polygon)', () => {
    const before = Uint8Array.from([1, 0, 1, 0, 0, 1]);
    const after = Uint8Array.from([1, 0, 1, 1, 0, 1]);
    expect(changedDesignations(before, after)).toEqual([{ id: 3, on: true }]);
    expect(changedDesignations(after, before)).toEqual([{ id: 3, on: false }]);
    expect(changedDesignations(after, after)).toEqual([]);
  });

  test('changedDesignations() from nothing shown sets every designated community and no other', () => {
    expect(changedDesignations(null, Uint8Array.from([0, 1, 1, 0]))).toEqual([
      { id: 1, on: true },
      { id: 2, on: true },
    ]);
  });

  test('changedDesignations() applied one after another always leaves the states equal to the last designation', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const states = new Map<number, boolean>();
    let previous: Uint8Array | null = null;
    for (let step = 0; step < 50; step++) {
      const next = Uint8Array.from({ length: 40 }, () => (random() < 0.3 ? 1 : 0));
      for (const { id, on } of changedDesignations(previous, next)) states.set(id, on);
      expect(Array.from(next, (_, id) => states.get(id) ?? false)).toEqual(Array.from(next, (value) => value === 1));
      previous = next;
    }
  });
});

describe('differenceFeatures()', () => {
  test('differenceFeatures() outlines the communities that differ, marked by the side that has them', () => {
    const shapes = { features: [0, 1, 2, 3].map((x) => ({ geometry: square(x) })) };
    const diff = differenceFeatures(shapes, Uint8Array.from([1, 1, 0, 0]), Uint8Array.from([1, 0, 1, 0]));
    expect(diff.features.map((feature) => [feature.id, feature.properties.change])).toEqual([
      [1, 'onlyLeft'],
      [2, 'onlyRight'],
    ]);
    expect(diff.features[1]!.geometry).toBe(shapes.features[2]!.geometry);
  });
});
