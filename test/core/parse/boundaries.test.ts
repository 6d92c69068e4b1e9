import { describe, expect, test } from 'vitest';
import { inputErrorOf } from '../../support/input-error.ts';
import { parseBoundaries, type ParseBoundariesOptions } from '../../../src/core/index.ts';
import { parseBoundariesTree } from '../../../src/core/parse/boundaries.ts';

const square = (x: number, y: number, size = 0.01) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];
const feature = (properties: Record<string, unknown>, coordinates: unknown = square(120.6, 28), extra: Record<string, unknown> = {}) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates }, ...extra });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

/** Both readers: the object tree, and the byte scanner first (on the same input written as JSON text). */
const READERS: [string, (input: unknown, options?: ParseBoundariesOptions) => ReturnType<typeof parseBoundaries>][] = [
  ['the object tree', (input, options) => parseBoundariesTree(input, options)],
  ['the byte scanner first', (input, options) => parseBoundaries(typeof input === 'string' ? input : JSON.stringify(input), options)],
];

describe.each(READERS)('parseBoundaries() through %s', (_, parseBoundaries) => {
  test('reads ids from feature id, then properties.code, then the index', () => {
    const withIds = parseBoundaries(collection(feature({ name: '甲' }, undefined, { id: 'A' }), feature({ name: '乙' }, square(120.61, 28), { id: 7 })));
    expect(withIds.features.map((f) => f.id)).toEqual(['A', '7']);
    expect(withIds.idSource).toBe('id');
    const withCodes = parseBoundaries(collection(feature({ code: '330302026024', name: '桂柑社区', street: '松台街道' })));
    expect(withCodes.features[0]).toMatchObject({ id: '330302026024', name: '桂柑社区', street: '松台街道', index: 0 });
    const byIndex = parseBoundaries(collection(feature({}), feature({})));
    expect(byIndex.features.map((f) => f.id)).toEqual(['0', '1']);
    expect(byIndex.warnings.map((w) => w.code)).toContain('W_ID_FROM_INDEX');
  });

  test('uses idField when given and names the feature that lacks it', () => {
    const error = inputErrorOf(() => parseBoundaries(collection(feature({ cid: 'X' }), feature({ other: 1 })), { idField: 'cid', file: 'c.geojson' }));
    expect(error.code).toBe('E_ID');
    expect(error.path).toBe('features[1].properties');
    expect(error.field).toBe('cid');
    expect(error.message).toContain('文件 c.geojson');
  });

  test('rejects duplicate ids naming both features', () => {
    const error = inputErrorOf(() => parseBoundaries(collection(feature({ code: 'A' }), feature({ code: 'A' }))));
    expect(error.code).toBe('E_DUPLICATE_ID');
    expect(error.path).toBe('features[1]');
    expect(error.actual).toContain('features[0]');
  });

  test('rejects non-polygon geometry with the path to it', () => {
    const bad = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [120, 28] } };
    const error = inputErrorOf(() => parseBoundaries(collection(feature({}), bad), { file: 'x.geojson' }));
    expect(error).toMatchObject({ code: 'E_GEOMETRY', file: 'x.geojson', path: 'features[1].geometry' });
    expect(error.expected).toContain('Polygon');
  });

  test('collects every bad feature, not only the first', () => {
    const error = inputErrorOf(() => parseBoundaries(collection({ type: 'Feature', properties: {}, geometry: null }, feature({}), feature({}, [[[120, 28], ['x', 28], [121, 29], [120, 28]]]))));
    expect(error.issues.map((issue) => issue.path)).toEqual(['features[0].geometry', 'features[2].geometry.coordinates[0][1]']);
    expect(error.message).toContain('另有 1 处问题');
  });

  test('closes unclosed rings with a warning and rejects rings with too few points', () => {
    const open = parseBoundaries(collection(feature({}, [[[120, 28], [120.01, 28], [120.01, 28.01], [120, 28.01]]])));
    const ring = (open.features[0]!.geometry.coordinates as number[][][])[0]!;
    expect(ring[ring.length - 1]).toEqual(ring[0]);
    expect(open.warnings.map((w) => w.code)).toContain('W_RING_CLOSED');
    const error = inputErrorOf(() => parseBoundaries(collection(feature({}, [[[120, 28], [120.01, 28], [120, 28]]]))));
    expect(error).toMatchObject({ code: 'E_COORDINATES', path: 'features[0].geometry.coordinates[0]' });
  });

  test('rejects projected coordinates (metres) with a hint to export WGS84', () => {
    const error = inputErrorOf(() => parseBoundaries(collection(feature({}, [[[503210, 3101123], [503310, 3101123], [503310, 3101223], [503210, 3101123]]]))));
    expect(error.code).toBe('E_PROJECTED');
    expect(error.expected).toContain('EPSG:4326');
    expect(error.actual).toBe('(503210, 3101123)');
  });

  test('rejects a declared projected CRS', () => {
    const data = { ...collection(feature({})), crs: { type: 'name', properties: { name: 'EPSG:3857' } } };
    expect(inputErrorOf(() => parseBoundaries(data)).code).toBe('E_PROJECTED');
  });

  test('converts GCJ-02 input to WGS84 (about 500 m in Wenzhou) without touching the input', () => {
    const input = collection(feature({ code: 'A' }));
    const before = JSON.stringify(input);
    const converted = parseBoundaries(input, { crs: 'GCJ02' });
    const [x, y] = (converted.features[0]!.geometry.coordinates as number[][][])[0]![0]!;
    // The GCJ-02 offset in Wenzhou is a few hundred metres.
    const offsetMeters = Math.hypot((120.6 - x!) * 111_320 * Math.cos((28 * Math.PI) / 180), (28 - y!) * 110_540);
    expect(offsetMeters).toBeGreaterThan(300);
    expect(offsetMeters).toBeLessThan(800);
    expect(JSON.stringify(input)).toBe(before);
    expect(converted.sourceCrs).toBe('GCJ02');
  });

  test('reports invalid JSON as E_JSON with the file name', () => {
    const error = inputErrorOf(() => parseBoundaries('{"type": "FeatureCollection", ', { file: 'broken.geojson' }));
    expect(error).toMatchObject({ code: 'E_JSON', file: 'broken.geojson' });
  });

  test('computes the bbox in lon/lat order', () => {
    const set = parseBoundaries(collection(feature({ code: 'A' }), feature({ code: 'B' }, square(120.7, 28.1))));
    [120.6, 28, 120.71, 28.11].forEach((value, i) => expect(set.bbox[i]).toBeCloseTo(value, 9));
  });
});
