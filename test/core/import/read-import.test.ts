import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { assembleDataset, parseBoundaries, parseStatusTable, type Table } from '../../../src/core/index.ts';
import { decodeText, dbfEncoding } from '../../../src/core/parse/decode.ts';
import { groupImportInputs, readImportFile, type ImportInput } from '../../../src/core/import/read-import.ts';
import { inputErrorOf } from '../../support/input-error.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/import/${name}`));
const read = (name: string, bytes = fixture(name), choices = {}) => readImportFile({ name, inputs: [{ name, bytes }] }, choices);

describe('decodeText()', () => {
  test('reads a GBK status CSV from Chinese Excel as gb18030, without U+FFFD', () => {
    const { text, encoding } = decodeText(fixture('status-lucheng-gbk.csv'));
    expect(encoding).toBe('gb18030');
    expect(text).not.toContain('\uFFFD');
    expect(text.split('\r\n')[0]).toMatch(/^社区代码,社区名称,文明社区等级,精品示范社区/);
  });

  test.each([
    ['status-gb18030.csv', 'gb18030', false],
    ['status-utf16le.csv', 'utf-16le', true],
    ['status-utf16be.csv', 'utf-16be', true],
    ['status-utf8-bom.csv', 'utf-8', true],
  ])('decodes %s as %s and keeps characters outside GBK', (name, encoding, bom) => {
    const decoded = decodeText(fixture(name));
    expect(decoded).toMatchObject({ encoding, bom });
    expect(decoded.text.startsWith('社区代码,')).toBe(true);
    expect(decoded.text).toContain('张㐀');
    expect(decoded.text).toContain('李𠀀');
  });

  test('an explicit UTF-8 choice refuses GBK bytes with E_ENCODING', () => {
    expect(inputErrorOf(() => decodeText(fixture('status-gb18030.csv'), { file: 's.csv', encoding: 'utf-8' }))).toMatchObject({ code: 'E_ENCODING', file: 's.csv' });
  });
});

describe('dbfEncoding()', () => {
  const dbf = fixture('communities-gbk-nold.dbf');
  test('prefers the explicit choice, then the .cpg, then the header byte, then UTF-8, else gb18030', () => {
    expect(dbfEncoding(dbf, { explicit: 'utf-8', cpg: 'GBK' })).toEqual({ encoding: 'utf-8', source: 'explicit' });
    expect(dbfEncoding(dbf, { cpg: 'UTF-8' })).toEqual({ encoding: 'utf-8', source: 'cpg' });
    const withByte = dbf.slice();
    withByte[29] = 0x4d;
    expect(dbfEncoding(withByte)).toEqual({ encoding: 'gb18030', source: 'header' });
    expect(dbfEncoding(dbf)).toEqual({ encoding: 'gb18030', source: 'fallback' });
    const ascii = dbf.slice(0, dbf.length);
    ascii.fill(0x20, 32 * 4 + 1);
    expect(dbfEncoding(ascii)).toEqual({ encoding: 'utf-8', source: 'utf-8' });
  });
});

describe('readImportFile()', () => {
  test('recognises the GBK Lucheng status table and it joins every community by code', async () => {
    const file = await read('status-lucheng-gbk.csv');
    expect(file).toMatchObject({ format: 'csv', kind: 'status', encoding: 'gb18030' });
    const table = parseStatusTable(file.content as Table, file.name);
    expect(table.rows.find((row) => row.code === '330302032007')).toMatchObject({ name: '集善社区', demo: true, facilityAreaM2: expect.any(Number) });
  });

  test('reads a zipped Shapefile whose .dbf is GBK (code page in the header)', async () => {
    const file = await read('communities-gbk-dbf.zip');
    expect(file).toMatchObject({ format: 'shapefile', kind: 'boundaries', encoding: 'gb18030', encodingSource: 'header' });
    const set = parseBoundaries(file.content, { file: file.name });
    expect(set.features.map((feature) => [feature.id, feature.name, feature.street])).toEqual([
      ['330302006044', '鼓楼社区', '五马街道'],
      ['330302006045', '墨池社区', '五马街道'],
    ]);
  });

  test('reads loose .shp + .dbf parts as one Shapefile, finding GBK without a code page', async () => {
    const inputs: ImportInput[] = [
      { name: 'communities.shp', bytes: fixture('communities.shp') },
      { name: 'communities.dbf', bytes: fixture('communities-gbk-nold.dbf') },
    ];
    const groups = groupImportInputs(inputs);
    expect(groups.map((group) => group.name)).toEqual(['communities.shp']);
    const file = await readImportFile(groups[0]!);
    expect(file).toMatchObject({ encoding: 'gb18030', encodingSource: 'fallback' });
    expect(parseBoundaries(file.content).features[1]!.name).toBe('墨池社区');
  });

  test('reads an XLSX status sheet (12-digit codes stay whole) through the same table parser', async () => {
    const blob = await writeXlsxFile([
      ['社区代码', '社区名称', '精品示范社区', '常住人口'],
      [330302006044, '鼓楼社区', '是', 8780],
      ['330302006045', '墨池社区', false, null],
    ]).toBlob();
    const file = await read('status.xlsx', new Uint8Array(await blob.arrayBuffer()));
    expect(file).toMatchObject({ format: 'xlsx', kind: 'status' });
    const rows = parseStatusTable(file.content as Table, file.name).rows;
    expect(rows.map((row) => [row.code, row.demo, row.population])).toEqual([
      ['330302006044', true, 8780],
      ['330302006045', false, null],
    ]);
  });

  test('reads TopoJSON through topojson-client', async () => {
    const topology = { type: 'Topology', objects: { c: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', id: 'a', arcs: [[0]] }] } }, arcs: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] };
    const file = await read('c.topojson', new TextEncoder().encode(JSON.stringify(topology)));
    expect(file).toMatchObject({ format: 'topojson', kind: 'boundaries' });
    expect(parseBoundaries(file.content).features[0]!.id).toBe('a');
  });

  test('a chosen GCJ-02 coordinate system is converted to WGS84 (about 500 m in Wenzhou)', async () => {
    const square = { type: 'FeatureCollection', features: [{ type: 'Feature', id: 'a', properties: {}, geometry: { type: 'Polygon', coordinates: [[[120.6, 28], [120.61, 28], [120.61, 28.01], [120.6, 28]]] } }] };
    const file = await read('gcj.geojson', new TextEncoder().encode(JSON.stringify(square)), { crs: 'GCJ02' });
    const [lon] = parseBoundaries(file.content).features[0]!.geometry.coordinates[0]![0] as number[];
    expect(Math.abs(lon! - 120.6)).toBeGreaterThan(0.003);
  });

  test('a status table from the importer assembles into a dataset like its CSV text', async () => {
    const communities = readFileSync('data/lucheng/communities.geojson', 'utf8');
    const file = await read('status-lucheng-gbk.csv');
    const dataset = assembleDataset([
      { role: 'communities', file: 'communities.geojson', text: communities },
      { role: 'status', file: file.name, text: '', content: file.content },
    ]);
    expect(dataset.status.filter((row) => row?.demo).length).toBe(13);
  });

  test.each([
    ['broken.zip', new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]), 'E_FORMAT'],
    ['unknown.csv', new TextEncoder().encode('a,b\n1,2\n'), 'E_FORMAT'],
    ['array.json', new TextEncoder().encode('[1, 2]'), 'E_FORMAT'],
    ['old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), 'E_FORMAT'],
    ['empty.csv', new Uint8Array(0), 'E_CSV'],
    ['lonely.dbf', new Uint8Array(40), 'E_FORMAT'],
    ['broken.xlsx', new Uint8Array([1, 2, 3]), 'E_FORMAT'],
    ['topo.json', new TextEncoder().encode('{"type":"Topology","objects":{}}'), 'E_GEOJSON_TYPE'],
    ['bad.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 1]), 'E_FORMAT'],
    ['bad.json', new TextEncoder().encode('{"type": "Feature", '), 'E_JSON'],
  ])('refuses %s with %s, naming the file', async (name, bytes, code) => {
    const error = await read(name, bytes).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'InputError', code, file: name });
  });

  test('with scan, a UTF-8 GeoJSON FeatureCollection stays bytes for the scanner, and a truncated one is refused with E_JSON when parsed', async () => {
    const bytes = new TextEncoder().encode('{"type": "FeatureCollection", ');
    expect((await read('bad.geojson', new TextEncoder().encode('{"type":"FeatureCollection","features":[]}'))).content).not.toBeInstanceOf(Uint8Array);
    const file = await readImportFile({ name: 'bad.geojson', inputs: [{ name: 'bad.geojson', bytes }] }, {}, { scan: true });
    expect(file).toMatchObject({ format: 'geojson', kind: 'boundaries', encoding: 'utf-8' });
    expect(file.content).toBeInstanceOf(Uint8Array);
    expect(() => parseBoundaries(file.content, { file: 'bad.geojson' })).toThrow(expect.objectContaining({ name: 'InputError', code: 'E_JSON', file: 'bad.geojson' }));
  });

  test('a GeoJSON in GBK, or with a coordinate system chosen, is decoded and parsed here as before', async () => {
    const gbk = Uint8Array.from([...new TextEncoder().encode('{"type":"FeatureCollection","features":[],"name":"'), 0xc2, 0xb9, 0xb3, 0xc7, ...new TextEncoder().encode('"}')]);
    expect((await readImportFile({ name: 'gbk.geojson', inputs: [{ name: 'gbk.geojson', bytes: gbk }] }, {}, { scan: true })).content).not.toBeInstanceOf(Uint8Array);
    const utf8 = new TextEncoder().encode('{"type":"FeatureCollection","features":[]}');
    expect((await readImportFile({ name: 'gcj.geojson', inputs: [{ name: 'gcj.geojson', bytes: utf8 }] }, { crs: 'GCJ02' }, { scan: true })).content).toMatchObject({ coordinateSystem: 'GCJ02' });
  });
});
