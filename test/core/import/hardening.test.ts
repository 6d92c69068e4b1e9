import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseBoundaries, parseStatusTable, type Table } from '../../../src/core/index.ts';
import { decodeText, dbfEncoding, type TextEncodingChoice } from '../../../src/core/parse/decode.ts';
import { readImportFile, type ImportChoices, type ImportInput } from '../../../src/core/import/read-import.ts';
import { previewImport } from '../../../src/core/import/preview.ts';
import { dbfOf } from '../../support/dbf.ts';
import { inputErrorOf } from '../../support/input-error.ts';

const shp = new Uint8Array(readFileSync('test/fixtures/import/communities.shp'));
/** 社區 in Big5. */
const SHEQU_BIG5 = new Uint8Array([0xaa, 0xc0, 0xb0, 0xcf]);

async function readParts(parts: ImportInput[], choices: ImportChoices = {}) {
  return readImportFile({ name: 'c.shp', inputs: parts }, choices);
}

describe('issue 17: Big5 and Traditional Chinese', () => {
  test('a .dbf with a .cpg saying BIG5 is decoded as Big5, not GBK', async () => {
    const dbf = dbfOf([{ name: 'CODE', length: 12 }, { name: 'NAME', length: 10 }], [['330302006044', SHEQU_BIG5], ['330302006045', SHEQU_BIG5]]);
    const file = await readParts([{ name: 'c.shp', bytes: shp }, { name: 'c.dbf', bytes: dbf }, { name: 'c.cpg', bytes: new TextEncoder().encode('BIG5') }]);
    expect(file).toMatchObject({ encoding: 'big5', encodingSource: 'cpg' });
    expect(parseBoundaries(file.content).features[0]!.name).toBe('社區');
  });

  test('the DBF header byte of code page 950 means Big5; Big5 is an offered encoding', () => {
    const dbf = dbfOf([{ name: 'NAME', length: 10 }], [[SHEQU_BIG5]], 0x78);
    expect(dbfEncoding(dbf)).toEqual({ encoding: 'big5', source: 'header' });
    expect(decodeText(SHEQU_BIG5, { encoding: 'big5' }).text).toBe('社區');
  });

  test('an unknown encoding (from a project file or a link) is E_ENCODING, not a TextDecoder error', () => {
    expect(inputErrorOf(() => decodeText(SHEQU_BIG5, { file: 'a.csv', encoding: 'klingon' as TextEncodingChoice }))).toMatchObject({ code: 'E_ENCODING', file: 'a.csv' });
  });

  test('UTF-8 Traditional headers (社區代碼, 社區名稱, 精品示範社區) are recognised', async () => {
    const csv = '社區代碼,社區名稱,精品示範社區\n330302006044,鼓樓社區,是\n';
    const file = await readImportFile({ name: 's.csv', inputs: [{ name: 's.csv', bytes: new TextEncoder().encode(csv) }] });
    expect(file.kind).toBe('status');
    expect(parseStatusTable(file.content as Table, 's.csv').rows[0]).toMatchObject({ code: '330302006044', name: '鼓樓社區', demo: true });
  });
});

describe('issue 17: Shapefile ids', () => {
  const dbf = dbfOf([{ name: 'CODE', length: 12 }, { name: 'NAME', length: 10 }, { name: 'OBJECTID', length: 4 }], [['330302006044', 'a'], ['330302006045', 'b']].map(([code, name], i) => [code!, name!, String(i + 7)]));

  test('a CODE field (upper case) gives the ids, not 0, 1, 2…', async () => {
    const file = await readParts([{ name: 'c.shp', bytes: shp }, { name: 'c.dbf', bytes: dbf }]);
    expect(parseBoundaries(file.content).features.map((feature) => feature.id)).toEqual(['330302006044', '330302006045']);
    expect(file.ids).toEqual({ fields: ['CODE', 'NAME', 'OBJECTID'], field: 'CODE' });
  });

  test('the id field can be chosen, and the preview lists the fields to choose from', async () => {
    const inputs = [{ name: 'c.shp', bytes: shp }, { name: 'c.dbf', bytes: dbf }];
    const file = await readParts(inputs, { idField: 'OBJECTID' });
    expect(parseBoundaries(file.content).features.map((feature) => feature.id)).toEqual(['7', '8']);
    const [preview] = await previewImport(inputs, { 'c.shp': { idField: 'OBJECTID' } }, { current: null });
    expect(preview!.ids).toEqual({ fields: ['CODE', 'NAME', 'OBJECTID'], field: 'OBJECTID' });
  });

  test('a chosen id field that some features lack is E_ID naming them', async () => {
    const sparse = dbfOf([{ name: 'CODE', length: 12 }, { name: 'ALT', length: 4 }], [['1', 'x'], ['2', '']]);
    await expect(readParts([{ name: 'c.shp', bytes: shp }, { name: 'c.dbf', bytes: sparse }], { idField: 'ALT' })).rejects.toMatchObject({ code: 'E_ID', field: 'ALT' });
  });
});

describe('issue 17: Shapefile messages', () => {
  const dbf = dbfOf([{ name: 'CODE', length: 12 }], [['1'], ['2']]);

  test('a garbage .prj is not reported as a reprojection', async () => {
    const file = await readParts([{ name: 'c.shp', bytes: shp }, { name: 'c.dbf', bytes: dbf }, { name: 'c.prj', bytes: new TextEncoder().encode('PROJCS["nonsense"]') }]);
    expect(file.notes.join('')).not.toContain('已按 .prj');
    expect(file.notes.join('')).toContain('.prj 无法识别');
  });

  test('a truncated .shp is blamed on the .shp, not the .dbf record count', async () => {
    const error = await readParts([{ name: 'c.shp', bytes: shp.subarray(0, shp.length - 40) }, { name: 'c.dbf', bytes: dbf }]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'E_FORMAT', path: '.shp' });
    expect((error as Error).message).toContain('截断');
  });
});

describe('issue 17: misleading messages', () => {
  test('a TopoJSON with a bad arc index is a Chinese E_GEOJSON_TYPE naming the path, not a JavaScript error', async () => {
    const topology = { type: 'Topology', objects: { c: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', id: 'a', arcs: [[7]] }] } }, arcs: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    const error = await readImportFile({ name: 'c.topojson', inputs: [{ name: 'c.topojson', bytes: new TextEncoder().encode(JSON.stringify(topology)) }] }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'E_GEOJSON_TYPE', path: 'objects.c.geometries[0].arcs[0][0]' });
    expect((error as Error).message).not.toMatch(/Cannot read|undefined/);
  });

  test('inspections dated after today are warned about (W_FUTURE_DATE), not silently the as-of round', async () => {
    const { parseInspections } = await import('../../../src/core/parse/inspections.ts');
    const csv = '检查日期,检查类型,社区代码,得分\n2002-05-10,周查,a,80\n2099-01-01,周查,a,90\n';
    const warnings = parseInspections(csv, 'i.csv', { today: '2002-06-01' }).warnings;
    expect(warnings.find((warning) => warning.code === 'W_FUTURE_DATE')?.message).toContain('2099-01-01');
    expect(parseInspections(csv.replace('2099-01-01', '2002-05-20'), 'i.csv', { today: '2002-06-01' }).warnings.map((warning) => warning.code)).not.toContain('W_FUTURE_DATE');
  });
});

describe('issue 17: the antimeridian', () => {
  test('a ring crossing 180° is E_COORDINATES at the jump, not a 438,000 km² community', () => {
    const ring = [[179.9, 10], [-179.9, 10], [-179.9, 10.1], [179.9, 10.1], [179.9, 10]];
    const error = inputErrorOf(() => parseBoundaries({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
    expect(error).toMatchObject({ code: 'E_COORDINATES', path: 'features[0].geometry.coordinates[0][1]' });
  });
});
