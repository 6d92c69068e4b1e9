import { describe, expect, test } from 'vitest';
import { compareLayers } from '../../src/map/compare-maps.ts';

describe('compareLayers()', () => {
  test('compareLayers() outlines on each map only what that map alone has (issue 16: "only on the right" was drawn on both)', () => {
    const diffFilter = (side: 'left' | 'right') => compareLayers(side).find((layer) => layer.id === 'compare-diff') as { filter?: unknown };
    expect(diffFilter('left').filter).toEqual(['==', ['get', 'change'], 'onlyLeft']);
    expect(diffFilter('right').filter).toEqual(['==', ['get', 'change'], 'onlyRight']);
  });
});
