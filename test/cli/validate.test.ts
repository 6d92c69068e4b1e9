import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { readCsv } from '../../src/core/index.ts';
import { inferKind } from '../../src/cli/commands/validate.ts';
import { runLianpian } from '../support/cli.ts';

const data = (name: string) => fileURLToPath(new URL(`../../data/lucheng/${name}`, import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lianpian-validate-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const validate = (...args: string[]) => runLianpian('validate', ...args);

/** A copy of a data file in the temp dir with `edit` applied to its text. */
function brokenCopy(name: string, edit: (text: string) => string): string {
  const path = join(temp, name);
  const text = readFileSync(data(name), 'utf8');
  const broken = edit(text);
  expect(broken).not.toBe(text);
  writeFileSync(path, broken);
  return path;
}

describe('lianpian validate on the embedded data', () => {
  test('validate communities.geojson prints counts, streets and bbox and exits 0', async () => {
    const { code, stdout, stderr } = await validate(data('communities.geojson'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('boundaries');
    expect(stdout).toMatch(/要素 features: 171/);
    expect(stdout).toMatch(/街道 streets: 14（五马街道 14，/);
    expect(stdout).toMatch(/范围 bbox: \[120\.\d{4}, 27\.\d{4}, 120\.\d{4}, 28\.\d{4}\]/);
    expect(stdout).toMatch(/警告 warnings: 0/);
  });

  test.each([
    ['streets.geojson', /要素 features: 14/],
    ['district.geojson', /名称 names: 鹿城区/],
    ['status.csv', /社区 rows: 171，精品示范社区 demo: 12/],
    ['inspections.csv', /截至 as of 2002-05-24/],
    ['campaign.json', /建成精品示范社区 2002-06-30/],
  ])('validate %s infers the kind and exits 0', async (name, expected) => {
    const { code, stdout } = await validate(data(name));
    expect(code).toBe(0);
    expect(stdout).toMatch(expected);
  });

  test('validate --kind overrides the inferred kind', async () => {
    const { code, stderr } = await validate(data('status.csv'), '--kind', 'inspections');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^E_COLUMN: /);
  });
});

describe('lianpian validate on broken copies', () => {
  test('a bad coordinate exits 1 with `code: message`, the feature path and the expectation', async () => {
    const path = brokenCopy('communities.geojson', (text) => text.replace('"coordinates":[[[', '"coordinates":[[["120.6",'));
    const { code, stdout, stderr } = await validate(path);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`E_COORDINATES: 文件 ${path}，features[0].geometry.coordinates[0][0]：应为[经度, 纬度] 数字对`);
  });

  test('every problem in the file is listed, one per line', async () => {
    const path = brokenCopy('streets.geojson', (text) => text.replace(/"type":"Polygon"/g, '"type":"LineString"'));
    const { code, stderr } = await validate(path);
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(14);
    expect(lines[13]).toMatch(/^E_GEOMETRY: .*features\[13\]\.geometry：应为Polygon 或 MultiPolygon 几何，实际为 "LineString"$/);
  });

  test('a bad status cell names the line, the column and the accepted values', async () => {
    const path = brokenCopy('status.csv', (text) => text.replace(',市级,是,', ',市市级,是,'));
    const { code, stderr } = await validate(path);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^E_VALUE: 文件 .*status\.csv，第 \d+ 行，字段「文明社区等级」：应为以下之一：全国级候选 \/ 省级 \/ 市级 \/ 无，实际为 "市市级"/);
  });

  test('a bad campaign setting names the field path', async () => {
    const path = brokenCopy('campaign.json', (text) => text.replace('"lightingThreshold": 0.95', '"lightingThreshold": 95'));
    const { code, stderr } = await validate(path);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^E_CONFIG: 文件 .*campaign\.json，lightingThreshold：应为≤ 1 的数，实际为 95/);
  });

  test('a missing file exits 1 with E_ARGUMENT; bad arguments exit 2', async () => {
    const missing = await validate(join(temp, 'nope.geojson'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^E_ARGUMENT: .*nope\.geojson/);
    expect((await validate()).code).toBe(2);
    expect((await validate(data('status.csv'), '--kind', 'excel')).code).toBe(2);
    expect((await validate(data('status.csv'), data('inspections.csv'))).code).toBe(2);
  });
});

test('inferKind reads the kind from the name, and from the content for .json', () => {
  expect(inferKind('a/communities.geojson', '')).toBe('boundaries');
  expect(inferKind('campaign.json', '{}')).toBe('campaign');
  expect(inferKind('boundaries.json', '{"type":"FeatureCollection","features":[]}')).toBe('boundaries');
  expect(inferKind('inspections.csv', '')).toBe('inspections');
  expect(inferKind('检查记录.csv', '')).toBe('inspections');
  expect(inferKind('status.csv', '')).toBe('status');
  expect(inferKind('status.xlsx', '')).toBeUndefined();
});

describe('lianpian validate reads every format the app imports (issue 15)', () => {
  const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

  test('validate reads a zipped Shapefile as boundaries, with its GBK names', async () => {
    const { code, stdout } = await validate(fixture('communities-gbk-dbf.zip'));
    expect(code).toBe(0);
    expect(stdout).toContain('边界 boundaries — 有效 valid');
    expect(stdout).toContain('五马街道 2');
  });

  test('validate reads the us-atlas counties TopoJSON as boundaries, not as a campaign file', async () => {
    const { code, stdout } = await validate(fileURLToPath(new URL('../../node_modules/us-atlas/counties-10m.json', import.meta.url)));
    expect(code).toBe(0);
    expect(stdout).toContain('要素 features: 3231');
  });

  test('validate reads an XLSX status sheet and a gzipped status CSV as the status table', async () => {
    const table = readCsv(readFileSync(data('status.csv'), 'utf8'), 'status.csv');
    const xlsx = join(temp, 'status.xlsx');
    writeFileSync(xlsx, new Uint8Array(await (await writeXlsxFile([table.header, ...table.rows]).toBlob()).arrayBuffer()));
    const gz = join(temp, 'status.csv.gz');
    writeFileSync(gz, gzipSync(new Uint8Array(readFileSync(data('status.csv')))));
    const plain = await validate(data('status.csv'));
    for (const path of [xlsx, gz]) {
      const { code, stdout } = await validate(path);
      expect(code).toBe(0);
      expect(stdout.split('\n').slice(1)).toEqual(plain.stdout.split('\n').slice(1));
    }
  });
});
