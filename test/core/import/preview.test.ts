import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { previewImport, type ImportInput } from '../../../src/core/index.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const input = (name: string, text: string): ImportInput => ({ name, bytes: encode(text) });
const square = (id: string, name: string, x: number, y = 28) => ({ type: 'Feature', id, properties: { name }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] } });
const current = { features: [{ id: 'A', name: '甲社区' }, { id: 'B', name: '乙社区' }, { id: 'C', name: '丙社区' }], bbox: [120.6, 28, 120.63, 28.01] };

describe('previewImport()', () => {
  test('lists every problem of a refused GeoJSON with its feature path', async () => {
    const [file] = await previewImport([{ name: 'bad.geojson', bytes: new Uint8Array(readFileSync('test/fixtures/import/invalid-communities.geojson')) }], {}, { current });
    expect(file!.errors.map((issue) => [issue.code, issue.path])).toEqual([
      ['E_GEOMETRY', 'features[1].geometry'],
      ['E_COORDINATES', 'features[3].geometry.coordinates[0][2]'],
    ]);
  });

  test.each([
    ['projected metres', { type: 'FeatureCollection', features: [square('a', 'x', 500000)] }, 'E_PROJECTED'],
    ['duplicated ids', { type: 'FeatureCollection', features: [square('a', 'x', 120.6), square('a', 'y', 120.61)] }, 'E_DUPLICATE_ID'],
    ['a feature collection of points', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] } }] }, 'E_GEOMETRY'],
  ])('refuses %s with its error code', async (_, value, code) => {
    const [file] = await previewImport([input('b.geojson', JSON.stringify(value))], {}, { current });
    expect(file!.errors[0]!.code).toBe(code);
  });

  test('warns when new boundaries land far from the current project', async () => {
    const [file] = await previewImport([input('far.geojson', JSON.stringify({ type: 'FeatureCollection', features: [square('a', 'x', 116.4, 39.9)] }))], {}, { current });
    expect(file!.errors).toEqual([]);
    expect(file!.farKm).toBeGreaterThan(1000);
    expect(file!.warnings.join()).toContain('坐标系');
  });

  test('the join report shows matches by code and by name, unmatched rows, duplicated codes and missing communities', async () => {
    const csv = '社区代码,社区名称,精品示范社区\nA,甲社区,是\nX9,乙社区,否\nZZ,无此社区,否\nZZ,无此社区,否\n';
    const [file] = await previewImport([input('s.csv', csv)], {}, { current });
    expect(file!.kind).toBe('status');
    expect(file!.errors.map((issue) => issue.code)).toEqual(['E_DUPLICATE_ID']);
    expect(file!.join).toMatchObject({ rows: 4, matchedByCode: 1, matchedByName: [{ line: 3, code: 'X9', boundaryCode: 'B' }], unmatched: [{ line: 4 }, { line: 5 }], duplicated: [{ code: 'ZZ', lines: [4, 5] }], missing: [{ code: 'C' }] });
  });

  test('an unknown header can be mapped by the user, after which the table is accepted', async () => {
    const csv = '区划编号,社区名称\nA,甲社区\n';
    const [refused] = await previewImport([input('s.csv', csv)], { 's.csv': { kind: 'status' } }, { current });
    expect(refused!.errors[0]).toMatchObject({ code: 'E_COLUMN' });
    expect(refused!.columns?.mapping).toEqual([null, 'name']);
    const [accepted] = await previewImport([input('s.csv', csv)], { 's.csv': { kind: 'status', mapping: ['code', 'name'] } }, { current });
    expect(accepted!.errors).toEqual([]);
    expect(accepted!.join?.matchedByCode).toBe(1);
  });

  test('tables in the same batch as boundaries join the new boundaries, not the current ones', async () => {
    const files = await previewImport([input('b.geojson', JSON.stringify({ type: 'FeatureCollection', features: [square('N1', '新社区', 120.6)] })), input('s.csv', '社区代码,社区名称\nN1,新社区\n')], {}, { current });
    expect(files[1]!.join).toMatchObject({ matchedByCode: 1, missing: [] });
  });

  test('a plan CSV is recognised with its designated codes', async () => {
    const [file] = await previewImport([input('plan.csv', 'code,designated\nA,1\nB,0\nC,是\n')], {}, { current });
    expect(file).toMatchObject({ kind: 'plan', designated: ['A', 'C'], errors: [] });
  });
});
