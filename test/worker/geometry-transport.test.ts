import fc from 'fast-check';
import type { MultiPolygon, Polygon } from 'geojson';
import { expect, test } from 'vitest';
import { packGeometries, unpackGeometries, vertexCount } from '../../src/worker/geometry-transport.ts';

const position = fc.tuple(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true })).map(([x, y]) => [x, y]);
const ring = fc.array(position, { minLength: 1, maxLength: 6 });
const polygon = fc.array(ring, { minLength: 1, maxLength: 3 });
const geometry: fc.Arbitrary<Polygon | MultiPolygon> = fc.oneof(
  polygon.map((coordinates): Polygon => ({ type: 'Polygon', coordinates })),
  fc.array(polygon, { minLength: 1, maxLength: 3 }).map((coordinates): MultiPolygon => ({ type: 'MultiPolygon', coordinates })),
);

test('packGeometries() then unpackGeometries() gives back the same geometries, whatever the slice size', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(geometry, { maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (geometries, sliceSize) => {
      const packed = packGeometries(geometries);
      expect(packed.coords.length).toBe(2 * vertexCount(geometries));
      let pauses = 0;
      const back = await unpackGeometries(packed, geometries.length, async () => void pauses++, sliceSize);
      expect(back).toEqual(geometries);
      expect(pauses).toBe(Math.max(0, Math.ceil(geometries.length / sliceSize) - 1));
    }),
    { numRuns: 200 },
  );
});
