import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatHash, parseHash } from '../../src/state/url-hash.ts';

describe('parseHash / formatHash', () => {
  test('parseHash() reads the map view', () => {
    expect(parseHash('#map=12.50/28.0150/120.6550').view).toEqual({ zoom: 12.5, lat: 28.015, lon: 120.655 });
  });

  test('parseHash() ignores malformed or out-of-range views instead of throwing', () => {
    for (const hash of ['#map=abc', '#map=12/91/0', '#map=12/28', '#map=99/28/120', '#map=', '#']) {
      expect(parseHash(hash).view).toBeUndefined();
    }
  });

  test('parseHash() keeps unknown parameters in order so newer links survive', () => {
    const state = parseHash('#layer=score&map=11.00/28.01/120.66&demo=a%2Cb');
    expect(state.extra).toEqual([['layer', 'score'], ['demo', 'a,b']]);
    expect(formatHash(state)).toBe('#map=11.00/28.0100/120.6600&layer=score&demo=a%2Cb');
  });

  test('formatHash() round-trips any view to within a pixel at that zoom', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 22, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), (zoom, lat, lon) => {
        const parsed = parseHash(formatHash({ view: { zoom, lat, lon }, extra: [] })).view!;
        const pixelDegrees = 360 / (512 * 2 ** zoom);
        expect(Math.abs(parsed.zoom - zoom)).toBeLessThanOrEqual(0.005);
        expect(Math.abs(parsed.lat - lat)).toBeLessThanOrEqual(pixelDegrees);
        expect(Math.abs(parsed.lon - lon)).toBeLessThanOrEqual(pixelDegrees);
      }),
    );
  });
});
