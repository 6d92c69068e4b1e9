/**
 * Issue 18: the import preview reads a UTF-8 GeoJSON FeatureCollection with the byte scanner
 * (`scanImportedBoundaries`), and what it shows and stages equals the object read's
 * (`readImportFile` without `scan`, then `parseBoundaries` on its content): kind, format,
 * encoding, notes, id fields, errors and the BoundarySet, with any ids, code-like properties,
 * coordinate-system members and broken files.
 */
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { InputError } from '../../../src/core/errors.ts';
import { inspectImport } from '../../../src/core/import/preview.ts';
import { readImportFile, type ImportChoices } from '../../../src/core/import/read-import.ts';
import { parseBoundaries } from '../../../src/core/parse/boundaries.ts';

const ring = (x: number, y: number, open: boolean) => {
  const positions = [[120 + x, 28 + y], [120.001 + x, 28 + y], [120.001 + x, 28.001 + y], [120 + x, 28.001 + y]];
  return open ? positions : [...positions, positions[0]!];
};
const KEYS = ['name', 'CODE', '社区代码', 'id', 'Id', 'other', 'code', 'street'];

const feature = fc.record({
  id: fc.option(fc.oneof(fc.constantFrom('a', 'b', ' ', 'c'), fc.integer({ min: 0, max: 3 })), { nil: undefined }),
  properties: fc.option(fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom('x', 'y', '', '7', '330302006044'), fc.integer({ min: 0, max: 9 }), fc.constant(null)), { maxKeys: 4 }), { nil: undefined }),
  geometry: fc.constantFrom('polygon', 'polygon', 'polygon', 'multi', 'open', 'point', 'projected'),
});

const file = fc.record({
  features: fc.array(feature, { minLength: 1, maxLength: 6 }),
  root: fc.constantFrom('', '', '', ',"coordinateSystem":"GCJ02"', ',"crs":{"type":"name","properties":{"name":"EPSG:4326"}}', ',"crs":{"properties":{"name":"EPSG:3857"}}'),
  damage: fc.constantFrom('none', 'none', 'none', 'none', 'truncated', 'bom'),
  name: fc.constantFrom('c.geojson', 'c.json', 'c.geojson.gz'),
  choices: fc.constantFrom<ImportChoices>({}, {}, { kind: 'boundaries' }, { crs: 'GCJ02' }, { idField: 'other' }, { encoding: 'utf-8' }),
});

function geometryOf(kind: string, i: number): unknown {
  const x = i * 0.01;
  if (kind === 'multi') return { type: 'MultiPolygon', coordinates: [[ring(x, 0, false)], [ring(x, 0.005, false)]] };
  if (kind === 'point') return { type: 'Point', coordinates: [120, 28] };
  if (kind === 'projected') return { type: 'Polygon', coordinates: [ring(500_000 + x, 3_000_000, false)] };
  return { type: 'Polygon', coordinates: [ring(x, 0, kind === 'open')] };
}

async function bytesOf({ features, root, damage, name }: { features: { id?: unknown; properties?: unknown; geometry: string }[]; root: string; damage: string; name: string }): Promise<Uint8Array> {
  const collection = features.map((f, i) => ({ type: 'Feature', ...(f.id !== undefined ? { id: f.id } : {}), ...(f.properties !== undefined ? { properties: f.properties } : {}), geometry: geometryOf(f.geometry, i) }));
  let text = `{"type":"FeatureCollection"${root},"features":${JSON.stringify(collection)}}`;
  if (damage === 'truncated') text = text.slice(0, Math.floor(text.length * 0.7));
  if (damage === 'bom') text = `\uFEFF${text}`;
  const bytes = new TextEncoder().encode(text);
  if (!name.endsWith('.gz')) return bytes;
  const { gzipSync } = await import('node:zlib');
  return new Uint8Array(gzipSync(bytes));
}

const issuesOf = (error: unknown) => {
  if (!(error instanceof InputError)) throw error;
  return error.issues;
};

/** What the preview showed and staged before issue 18's change: the object read. */
async function objectRead(name: string, bytes: Uint8Array, choices: ImportChoices) {
  const group = { name, inputs: [{ name, bytes }] };
  let read;
  try {
    read = await readImportFile(group, choices);
  } catch (error) {
    return { kind: null, format: null, encoding: null, notes: [], ids: undefined, errors: issuesOf(error), parsed: undefined };
  }
  const shown = { kind: read.kind, format: read.format, encoding: read.encoding, notes: read.notes, ids: read.ids };
  try {
    return { ...shown, errors: [], parsed: read.kind === 'boundaries' ? parseBoundaries(read.content, { file: read.name }) : undefined };
  } catch (error) {
    return { ...shown, errors: issuesOf(error), parsed: undefined };
  }
}

test('inspectImport() shows and stages what the object read gives, reading UTF-8 GeoJSON with the byte scanner', async () => {
  let scanned = 0;
  await fc.assert(
    fc.asyncProperty(file, async (generated) => {
      const { name, choices } = generated;
      const bytes = await bytesOf(generated);
      const { previews, reads } = await inspectImport([{ name, bytes }], { [name]: choices }, { current: null });
      const [preview] = previews;
      const read = reads.get(name);
      if (read?.file.content instanceof Uint8Array) scanned++;
      const expected = await objectRead(name, bytes, choices);
      const actual = { kind: preview!.kind, format: preview!.format, encoding: preview!.encoding, notes: preview!.notes, ids: preview!.ids, errors: preview!.errors, parsed: read?.file.kind === 'boundaries' ? read.parsed : expected.parsed };
      expect(actual).toStrictEqual(expected);
    }),
    { numRuns: 400 },
  );
  // The property covers the scanned reads, not only hand-overs to the object read. About one
  // generated file in seven is scanned (47 of 400 in a failing run); 50 was inside that spread and failed
  // now and then, 25 is far below it and still proves the scanned path ran many times.
  expect(scanned).toBeGreaterThan(25);
});

test('inspectImport() stages a scanned GeoJSON as its bytes, which parseBoundaries reads to the same BoundarySet', async () => {
  const text = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a', properties: { name: '甲' }, geometry: geometryOf('polygon', 0) }] });
  const bytes = new TextEncoder().encode(text);
  const { previews, reads } = await inspectImport([{ name: 'c.geojson', bytes }], {}, { current: null });
  expect(previews[0]).toMatchObject({ kind: 'boundaries', format: 'geojson', count: 1, errors: [], ids: { fields: ['name'], field: null } });
  const read = reads.get('c.geojson')!;
  expect(read.file.content).toBeInstanceOf(Uint8Array);
  expect(parseBoundaries(read.file.content, { file: 'c.geojson' })).toStrictEqual(read.parsed);
});

test('inspectImport() shows and stages what the object read gives for TopoJSON, which parseBoundaries reads from its arcs (issue 18)', async () => {
  const { topology } = await import('topojson-server');
  let fromArcs = 0;
  const topoFile = fc.record({
    features: fc.array(feature, { minLength: 1, maxLength: 6 }),
    quantization: fc.constantFrom(0, 1e4, 1e6),
    damage: fc.constantFrom('none', 'none', 'none', 'truncated', 'bom'),
    name: fc.constantFrom('c.topojson', 'c.json', 'c.topojson.gz'),
    choices: fc.constantFrom<ImportChoices>({}, {}, { kind: 'boundaries' }, { crs: 'GCJ02' }, { idField: 'other' }, { encoding: 'utf-8' }),
  });
  await fc.assert(
    fc.asyncProperty(topoFile, async ({ features, quantization, damage, name, choices }) => {
      const collection = { type: 'FeatureCollection', features: features.map((f, i) => ({ type: 'Feature', ...(f.id !== undefined ? { id: f.id } : {}), ...(f.properties !== undefined ? { properties: f.properties } : {}), geometry: geometryOf(f.geometry, i) })) };
      let text = JSON.stringify(topology({ c: collection } as Parameters<typeof topology>[0], quantization || undefined));
      if (damage === 'truncated') text = text.slice(0, Math.floor(text.length * 0.7));
      if (damage === 'bom') text = `\uFEFF${text}`;
      let bytes = new TextEncoder().encode(text);
      if (name.endsWith('.gz')) bytes = new Uint8Array((await import('node:zlib')).gzipSync(bytes));
      const { previews, reads } = await inspectImport([{ name, bytes }], { [name]: choices }, { current: null });
      const [preview] = previews;
      const read = reads.get(name);
      if (read?.file.content instanceof Uint8Array) fromArcs++;
      const expected = await objectRead(name, bytes, choices);
      const actual = { kind: preview!.kind, format: preview!.format, encoding: preview!.encoding, notes: preview!.notes, ids: preview!.ids, errors: preview!.errors, parsed: read?.file.kind === 'boundaries' ? read.parsed : expected.parsed };
      expect(actual).toStrictEqual(expected);
    }),
    { numRuns: 300 },
  );
  expect(fromArcs).toBeGreaterThan(30);
});
