/**
 * readDataset() from bytes: when the scanned file has no ids of its own (id source 'index'), the
 * importer's id-field rule decides, as in an import preview's object read. The scanned read
 * stands when that rule cannot apply (no code-like property), the object read runs when it may;
 * either way the communities equal the preview's.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { readDataset } from '../../src/core/open-dataset.ts';
import { readImportFile } from '../../src/core/import/read-import.ts';
import { parseBoundaries } from '../../src/core/parse/boundaries.ts';

const square = (x: number) => [[[120 + x, 28], [120.001 + x, 28], [120.001 + x, 28.001], [120 + x, 28.001], [120 + x, 28]]];
const KEYS = ['name', 'CODE', '社区代码', 'id', 'Id', 'other', 'code'];

const files = fc.array(
  fc.record({
    id: fc.option(fc.oneof(fc.constantFrom('a', 'b', ' '), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
    properties: fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom('x', 'y', '', '7'), fc.integer({ min: 0, max: 9 }), fc.constant(null)), { maxKeys: 4 }),
  }),
  { minLength: 1, maxLength: 6 },
);

function idSourceOf(bytes: Uint8Array): string | undefined {
  try {
    return parseBoundaries(bytes, { file: 'c.geojson' }).idSource;
  } catch {
    return undefined;
  }
}

async function outcome(read: () => Promise<unknown>): Promise<unknown> {
  try {
    const dataset = (await read()) as { boundaries: { idSource: string; features: { id: string; name: string }[]; warnings: unknown[] } };
    const { idSource, features, warnings } = dataset.boundaries;
    return { idSource, ids: features.map((feature) => feature.id), names: features.map((feature) => feature.name), warnings };
  } catch (error) {
    return { error: (error as { code?: string }).code, message: (error as Error).message };
  }
}

test('readDataset() from bytes without feature ids gives the same ids, id source and warnings as a preview read, with any code-like properties', async () => {
  await fc.assert(
    fc.asyncProperty(files, async (features) => {
      const collection = {
        type: 'FeatureCollection',
        features: features.map((feature, i) => ({ type: 'Feature', ...(feature.id !== undefined ? { id: feature.id } : {}), properties: feature.properties, geometry: { type: 'Polygon', coordinates: square(i * 0.01) } })),
      };
      const bytes = new TextEncoder().encode(JSON.stringify(collection));
      // Files with ids of their own (feature ids, properties.code) are read by the scanner alone.
      fc.pre(idSourceOf(bytes) === 'index');
      const parts = [{ name: 'c.geojson', bytes }];
      const scanned = await outcome(() => readDataset([{ role: 'communities', file: 'c.geojson', parts }]));
      const previewed = await outcome(async () => readDataset([{ role: 'communities', file: 'c.geojson', read: { file: await readImportFile({ name: 'c.geojson', inputs: parts }, { kind: 'boundaries' }) } }]));
      expect(scanned).toEqual(previewed);
    }),
    { numRuns: 300, maxSkipsPerRun: 1000 },
  );
});
