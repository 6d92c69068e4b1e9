/**
 * Parser fuzzing: arbitrary bytes and JSON shapes go through the importer and the dataset
 * parsers; the answer is a result or an InputError, never another exception or a hang.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError, assembleDataset, parseBoundaries, parsePlanCsv, parseStatusTable, type SourceFile, type Table } from '../../../src/core/index.ts';
import { readImportFile } from '../../../src/core/import/read-import.ts';

const NAMES = ['a.geojson', 'a.json', 'a.topojson', 'a.csv', 'a.txt', 'a.zip', 'a.xlsx', 'a.shp', 'a.dbf', 'a.geojson.gz'];

/** Runs the importer and the parser its kind leads to. */
async function importAndParse(name: string, bytes: Uint8Array): Promise<unknown> {
  const file = await readImportFile({ name, inputs: [{ name, bytes }] });
  if (file.kind === 'boundaries') return parseBoundaries(file.content, { file: name });
  if (file.kind === 'status') return parseStatusTable(file.content as Table, name);
  if (file.kind === 'plan') return parsePlanCsv(file.content as Table, name);
  return file;
}

async function outcome(run: () => Promise<unknown>): Promise<'ok' | 'input-error'> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (error instanceof InputError) return 'input-error';
    throw error;
  }
}

describe('the importer under fuzzing', () => {
  test('arbitrary bytes under any file name give a file or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 400 }), async (name, bytes) => {
        expect(['ok', 'input-error']).toContain(await outcome(() => importAndParse(name, bytes)));
      }),
      { numRuns: 400 },
    );
  });

  test('bytes that start like a zip, a gzip or a workbook give a file or an InputError', async () => {
    const prefixes = [[0x50, 0x4b, 3, 4], [0x1f, 0x8b, 8], [0xef, 0xbb, 0xbf], [0xff, 0xfe]];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 300 }), async (prefix, name, rest) => {
        expect(['ok', 'input-error']).toContain(await outcome(() => importAndParse(name, Uint8Array.from([...prefix, ...rest]))));
      }),
      { numRuns: 300 },
    );
  });

  // JSON shapes near GeoJSON: right and wrong types, nesting and numbers in every place.
  const coordinate = fc.oneof(fc.double(), fc.integer({ min: -200, max: 200 }), fc.constant(null), fc.string({ maxLength: 3 }));
  const position = fc.oneof(fc.array(coordinate, { maxLength: 3 }), coordinate);
  const ring = fc.oneof(fc.array(position, { maxLength: 6 }), fc.constant(null));
  const geometry = fc.record({ type: fc.constantFrom('Polygon', 'MultiPolygon', 'Point', 'LineString', 7), coordinates: fc.oneof(fc.array(ring, { maxLength: 3 }), fc.array(fc.array(ring, { maxLength: 2 }), { maxLength: 2 }), fc.anything()) });
  const feature = fc.record({ type: fc.constantFrom('Feature', 'feature', 1), id: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(undefined)), properties: fc.oneof(fc.dictionary(fc.constantFrom('code', 'name', 'street'), fc.anything()), fc.constant(null)), geometry: fc.oneof(geometry, fc.anything()) }, { requiredKeys: [] });
  const root = fc.oneof(
    fc.record({ type: fc.constantFrom('FeatureCollection', 'Topology', 'Feature', 'GeometryCollection'), features: fc.oneof(fc.array(feature, { maxLength: 5 }), fc.anything()), crs: fc.anything(), coordinateSystem: fc.oneof(fc.constantFrom('GCJ02', 'BD09', 'EPSG:3857'), fc.anything()) }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('Topology'), objects: fc.anything(), arcs: fc.anything() }),
    fc.anything(),
  );

  test('arbitrary GeoJSON-like shapes give a dataset or an InputError', async () => {
    await fc.assert(
      fc.asyncProperty(root, async (value) => {
        const text = JSON.stringify(value) ?? 'null';
        expect(['ok', 'input-error']).toContain(
          await outcome(async () => {
            const file = await readImportFile({ name: 'a.geojson', inputs: [{ name: 'a.geojson', bytes: new TextEncoder().encode(text) }] });
            const files: SourceFile[] = [{ role: 'communities', file: 'a.geojson', text: '', content: file.content }];
            return assembleDataset(files);
          }),
        );
      }),
      { numRuns: 400 },
    );
  });

  test('arbitrary CSV cells under status headers give a table or an InputError', async () => {
    const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('是', '否', '市级', '"', ',', '\n', '=1+1', '95%', '-1', '1e400'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), async (rows) => {
        const text = ['社区代码,社区名称,精品示范社区,楼道亮灯率,常住人口', ...rows.map((row) => row.join(','))].join('\n');
        expect(['ok', 'input-error']).toContain(await outcome(() => importAndParse('s.csv', new TextEncoder().encode(text))));
      }),
      { numRuns: 300 },
    );
  });
});
