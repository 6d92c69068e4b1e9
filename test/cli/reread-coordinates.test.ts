/**
 * `lianpian analyze` lets go of the boundary file's bytes after the scan and reads a community's
 * coordinates from the file again when it needs them (rereadCoordinatesFromFile).
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readDataset } from '../../src/core/open-dataset.ts';
import { parseBoundaries } from '../../src/core/parse/boundaries.ts';
import { datasetInput, rereadCoordinatesFromFile } from '../../src/cli/read-input.ts';
import { voronoiMosaic } from '../support/mosaics.ts';

const directory = mkdtempSync(join(tmpdir(), 'lianpian-reread-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

test('rereadCoordinatesFromFile() frees the file bytes and the coordinates read from the file equal the parsed ones', async () => {
  const file = join(directory, 'mosaic.geojson');
  writeFileSync(file, JSON.stringify(voronoiMosaic(60, 3)));
  const input = datasetInput('communities', file);
  const bytes = input.parts![0]!.bytes;
  const dataset = await readDataset([input]);
  rereadCoordinatesFromFile(dataset.boundaries, input, file);
  expect(bytes.byteLength).toBe(0);
  const expected = parseBoundaries(readFileSync(file, 'utf8'), { file: 'mosaic.geojson' }).features.map((feature) => feature.geometry.coordinates);
  expect(dataset.boundaries.features.map((feature) => feature.geometry.coordinates)).toEqual(expected);
});

test('a file changed after it was read is an E_ARGUMENT error when coordinates are read again', async () => {
  const file = join(directory, 'changed.geojson');
  writeFileSync(file, JSON.stringify(voronoiMosaic(20, 5)));
  const input = datasetInput('communities', file);
  const dataset = await readDataset([input]);
  rereadCoordinatesFromFile(dataset.boundaries, input, file);
  const later = new Date(Date.now() + 60_000);
  utimesSync(file, later, later);
  expect(() => dataset.boundaries.features[0]!.geometry.coordinates).toThrow(expect.objectContaining({ name: 'InputError', code: 'E_ARGUMENT', file: 'changed.geojson' }));
});

test('a file changed between two runs of re-reads is caught by the later run', async () => {
  const file = join(directory, 'changed-later.geojson');
  writeFileSync(file, JSON.stringify(voronoiMosaic(20, 7)));
  const input = datasetInput('communities', file);
  const dataset = await readDataset([input]);
  rereadCoordinatesFromFile(dataset.boundaries, input, file);
  const features = dataset.boundaries.features;
  // One synchronous run of re-reads (two communities).
  expect(features[0]!.geometry.coordinates).toEqual(parseBoundaries(readFileSync(file, 'utf8')).features[0]!.geometry.coordinates);
  expect(features[1]!.geometry.coordinates).toHaveLength(1);
  await new Promise((resolve) => setImmediate(resolve));
  const later = new Date(Date.now() + 60_000);
  utimesSync(file, later, later);
  expect(() => features[2]!.geometry.coordinates).toThrow(expect.objectContaining({ name: 'InputError', code: 'E_ARGUMENT', file: 'changed-later.geojson' }));
});

test('a gzipped file keeps its inflated bytes (offsets are not the file\'s), and nothing is freed', async () => {
  const { gzipSync } = await import('node:zlib');
  const file = join(directory, 'mosaic.geojson.gz');
  writeFileSync(file, gzipSync(JSON.stringify(voronoiMosaic(20, 9))));
  const input = datasetInput('communities', file);
  const bytes = input.parts![0]!.bytes;
  const length = bytes.byteLength;
  const dataset = await readDataset([input]);
  rereadCoordinatesFromFile(dataset.boundaries, input, file);
  expect(bytes.byteLength).toBe(length);
  expect(dataset.boundaries.features[0]!.geometry.coordinates).toEqual(parseBoundaries(JSON.stringify(voronoiMosaic(20, 9))).features[0]!.geometry.coordinates);
});
