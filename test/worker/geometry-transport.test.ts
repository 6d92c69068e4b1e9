import fc from 'fast-check';
import type { MultiPolygon, Polygon } from 'geojson';
import { expect, test } from 'vitest';
import { PACK_MIN_VERTICES, packGeometries, packLoadResult, unpackGeometries, unpackLoadResult, vertexCount } from '../../src/worker/geometry-transport.ts';
import { withMapData } from '../../src/worker/map-data.ts';

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

test('packLoadResult() sends a large set\'s map layer, built once by withMapData, as a data: URL of GeoJSON with the same properties, coordinates to 1e-6° (issue 18: a blob URL made the page fetch and relay it to maplibre\'s worker)', async () => {
  const { gridLoadResult } = await import('../support/load-result.ts');
  const { result } = await gridLoadResult();
  // Densify every square to 12,000 vertices, so the 9 communities pass PACK_MIN_VERTICES.
  const features = result.dataset.boundaries.features.map((feature) => {
    const square = (feature.geometry as Polygon).coordinates[0]!;
    const [x0, y0] = square[0]!;
    const [x1, y1] = square[2]!;
    const side = (from: number[], to: number[]) => Array.from({ length: 3000 }, (_, k) => [from[0]! + ((to[0]! - from[0]!) * k) / 3000, from[1]! + ((to[1]! - from[1]!) * k) / 3000]);
    const ring = [...side([x0!, y0!], [x1!, y0!]), ...side([x1!, y0!], [x1!, y1!]), ...side([x1!, y1!], [x0!, y1!]), ...side([x0!, y1!], [x0!, y0!]), [x0!, y0!]];
    return { ...feature, geometry: { type: 'Polygon' as const, coordinates: [ring] } };
  });
  const large = withMapData({ ...result, dataset: { ...result.dataset, boundaries: { ...result.dataset.boundaries, features } } });
  expect(vertexCount(features.map((feature) => feature.geometry))).toBeGreaterThanOrEqual(PACK_MIN_VERTICES);
  const packed = packLoadResult(large);
  expect(packed.packed).toBeDefined();
  expect(packed.map!.communities.features).toEqual([]);
  expect(packed.map!.labels).toBe(large.map!.labels);
  // A data URL (maplibre's worker fetches it itself; a blob URL made the page fetch and relay it).
  expect(packed.mapGeoJsonUrl!.startsWith('data:application/geo+json;base64,')).toBe(true);
  expect(packed.mapGeoJsonUrl!.includes('://')).toBe(false);
  const layer = (await (await fetch(packed.mapGeoJsonUrl!)).json()) as GeoJSON.FeatureCollection;
  expect(layer.features.map((feature) => feature.properties)).toEqual(large.map!.communities.features.map((feature) => feature.properties));
  // Display coordinates to 1e-6° (0.1 m), within that of the full geometry.
  const positions = layer.features.flatMap((feature) => (feature.geometry as Polygon).coordinates.flat());
  expect(positions.every((position) => position.every((value) => Math.abs(value * 1e6 - Math.round(value * 1e6)) < 1e-6))).toBe(true);
  const unpacked = await unpackLoadResult(packed, async () => undefined);
  expect(unpacked.dataset.boundaries.features.map((feature) => feature.geometry)).toEqual(features.map((feature) => feature.geometry));
});
