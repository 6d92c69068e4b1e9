import fc from 'fast-check';
import { gzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { InputError, MAX_ARCHIVE_BYTES, MAX_ENTRY_BYTES, MAX_TABLE_COLUMNS, readCsv } from '../../../src/core/index.ts';
import { readImportFile } from '../../../src/core/import/read-import.ts';
import { gunzipBounded, unzipBounded } from '../../../src/core/parse/inflate.ts';
import { readXlsx } from '../../../src/core/parse/xlsx.ts';
import { importProjectFile } from '../../../src/state/project-file.ts';
import { inputErrorOf } from '../../support/input-error.ts';
import { gzipOf, zeros, zipOf } from '../../support/hostile-archives.ts';

async function rejection(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** Over the real limits: 270 MiB of zeros, ~270 KB deflated (one payload shared by every bomb below). */
const BOMB = zeros(270);

describe('gunzipBounded()', () => {
  test('gives back any content within the limit and stops past it, whatever the sizes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(4000), (data, limit) => {
        const gz = gzipSync(data);
        if (data.length <= limit) expect(gunzipBounded(gz, 'x.gz', { entryBytes: limit })).toEqual(data);
        else expect(inputErrorOf(() => gunzipBounded(gz, 'x.gz', { entryBytes: limit })).code).toBe('E_TOO_LARGE');
      }),
      { numRuns: 200 },
    );
  });

  test('any bytes after the gzip magic give content or an InputError, never another exception (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        const bytes = new Uint8Array([0x1f, 0x8b, 8, 0, ...tail]);
        try {
          gunzipBounded(bytes, 'x.gz', { entryBytes: 10_000 });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect(['E_FORMAT', 'E_TOO_LARGE']).toContain((error as InputError).code);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('issue 17: a gzip bomb whose trailer claims 10 bytes stops at MAX_ENTRY_BYTES with E_TOO_LARGE, not E_JSON', async () => {
    const bomb = gzipOf(BOMB, 10);
    const error = await rejection(readImportFile({ name: 'c.geojson.gz', inputs: [{ name: 'c.geojson.gz', bytes: bomb }] }));
    expect(error.code).toBe('E_TOO_LARGE');
    expect(error.message).toContain(String(MAX_ENTRY_BYTES));
  });

  test('a truncated gzip is E_FORMAT', () => {
    expect(inputErrorOf(() => gunzipBounded(new Uint8Array([0x1f, 0x8b, 8, 0, 1]), 'bad.gz')).code).toBe('E_FORMAT');
  });
});

describe('unzipBounded()', () => {
  const entriesArb = fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[a-z]{1,8}\.(dbf|shp|xml)$/), data: fc.uint8Array({ maxLength: 2000 }), stored: fc.boolean() }), { selector: (entry) => entry.name, maxLength: 5 });

  test('per entry and in total: within both limits everything comes back, past either E_TOO_LARGE (property)', () => {
    fc.assert(
      fc.property(entriesArb, fc.nat(2500), fc.nat(6000), fc.boolean(), (entries, entryBytes, totalBytes, lie) => {
        const zip = zipOf(entries.map((entry) => ({ name: entry.name, data: entry.data, method: entry.stored ? 0 : 8, ...(lie ? { declaredSize: 1 } : {}) })));
        let running = 0;
        const over = entries.some((entry) => entry.data.length > entryBytes || (running += entry.data.length) > totalBytes);
        if (over) expect(inputErrorOf(() => unzipBounded(zip, 'a.zip', { limits: { entryBytes, totalBytes } })).code).toBe('E_TOO_LARGE');
        else expect([...unzipBounded(zip, 'a.zip', { limits: { entryBytes, totalBytes } })]).toEqual(entries.map((entry) => [entry.name, entry.data]));
      }),
      { numRuns: 200 },
    );
  });

  test('a zip cut anywhere or with any byte changed gives entries or an InputError, never another exception (property)', () => {
    const zip = zipSync({ 'a.shp': new Uint8Array(300).fill(7), 'a.dbf': [new TextEncoder().encode('x'.repeat(500)), { level: 9 }] });
    fc.assert(
      fc.property(fc.nat(zip.length), fc.nat(zip.length - 1), fc.integer({ min: 0, max: 255 }), (cut, at, value) => {
        const bytes = zip.slice(0, cut);
        if (at < bytes.length) bytes[at] = value;
        try {
          unzipBounded(bytes, 'a.zip', { limits: { entryBytes: 10_000, totalBytes: 10_000 } });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('names are data: an entry called __proto__ is an entry', () => {
    const entries = unzipBounded(zipOf([{ name: '__proto__', data: new Uint8Array([1]) }]), 'a.zip');
    expect(entries.get('__proto__')).toEqual(new Uint8Array([1]));
  });

  test('issue 17: a zip-bomb .dbf in a Shapefile zip stops at the limit with E_TOO_LARGE', async () => {
    const zip = zipOf([
      { name: 'c.shp', data: new Uint8Array(100) },
      { name: 'c.dbf', data: BOMB, declaredSize: 1000 },
    ]);
    const started = performance.now();
    const error = await rejection(readImportFile({ name: 'c.zip', inputs: [{ name: 'c.zip', bytes: zip }] }));
    expect(error.code).toBe('E_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  test('issue 17: a project file with three bombs is refused with the limit, not unpacked', () => {
    const zip = zipOf([
      { name: 'project.json', data: new TextEncoder().encode('{}') },
      { name: 'files/0-0-a.geojson', data: BOMB, declaredSize: 10 },
      { name: 'files/1-0-b.csv', data: BOMB, declaredSize: 10 },
      { name: 'files/2-0-c.csv', data: BOMB, declaredSize: 10 },
    ]);
    const result = importProjectFile(zip, 'p.lianpian.zip');
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toContain(String(MAX_ARCHIVE_BYTES));
  });
});

describe('readXlsx() bounds', () => {
  async function workbook(rows: unknown[][]) {
    return new Uint8Array(await (await writeXlsxFile(rows as never).toBlob()).arrayBuffer());
  }
  /** The workbook with its sheet's XML edited. */
  async function editedSheet(edit: (xml: string) => string) {
    const { unzipSync, strFromU8, strToU8 } = await import('fflate');
    const entries = unzipSync(await workbook([['社区代码', '社区名称'], ['1', 'a']]));
    entries['xl/worksheets/sheet1.xml'] = strToU8(edit(strFromU8(entries['xl/worksheets/sheet1.xml']!)));
    return entries;
  }

  test('issue 17: one cell at XFD1048576 is refused from the sheet XML before any grid is built', async () => {
    const entries = await editedSheet((xml) => xml.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'));
    const started = performance.now();
    const error = await rejection(readXlsx(zipSync(entries), 'far.xlsx'));
    expect(error.code).toBe('E_TOO_LARGE');
    expect(error.actual).toContain('XFD1048576');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test('a formatted empty cell far away is not data: the sheet reads', async () => {
    const entries = await editedSheet((xml) => xml.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'));
    expect((await readXlsx(zipSync(entries), 'styled.xlsx')).rows).toEqual([['1', 'a']]);
  });

  test('issue 17: a sheet that inflates past the limit is E_TOO_LARGE', async () => {
    const { unzipSync } = await import('fflate');
    const entries = unzipSync(await workbook([['社区代码'], ['1']]));
    const zip = zipOf([...Object.entries(entries).map(([name, data]) => ({ name, data })), { name: 'xl/worksheets/sheet2.xml', data: BOMB, declaredSize: 100 }]);
    expect((await rejection(readXlsx(zip, 'bomb.xlsx'))).code).toBe('E_TOO_LARGE');
  });

  test('issue 17: a header row with merged cells is refused, naming the range', async () => {
    const bytes = await workbook([
      [{ value: '社区信息', columnSpan: 2 }, null, '是否示范'],
      ['330302006044', '鼓楼社区', '是'],
    ]);
    const error = await rejection(readXlsx(bytes, 'merged.xlsx'));
    expect(error.code).toBe('E_FORMAT');
    expect(error.actual).toContain('A1:B1');
  });

  test('merged cells below the header are fine', async () => {
    const bytes = await workbook([
      ['社区代码', '社区名称', '是否示范'],
      [{ value: '330302006044', rowSpan: 2 }, '鼓楼社区', '是'],
      [null, '墨池社区', '否'],
    ]);
    expect((await readXlsx(bytes, 'ok.xlsx')).header).toEqual(['社区代码', '社区名称', '是否示范']);
  });
});

describe('readCsv() bounds and line ends', () => {
  test('issue 17: mixed \\r\\n, \\n and \\r line ends are all line ends (no rows merged)', () => {
    const lines = ['社区代码,社区名称', ...Array.from({ length: 171 }, (_, i) => `${330302000000 + i},社区${i}`)];
    const ends = ['\r\n', '\n', '\r'];
    const text = lines.map((line, i) => line + ends[i % 3]).join('');
    const table = readCsv(text, 'mixed.csv');
    expect(table.rows).toHaveLength(171);
    expect(table.lines[170]).toBe(172);
  });

  test('a quoted cell keeps its line break', () => {
    expect(readCsv('a,b\r\n"x\ry",2\n', 'q.csv').rows).toEqual([['x\ry', '2']]);
  });

  test(`issue 17: a CSV wider than MAX_TABLE_COLUMNS (${MAX_TABLE_COLUMNS}) is E_TOO_LARGE`, () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',');
    expect(inputErrorOf(() => readCsv(`${header}\n1\n`, 'wide.csv')).code).toBe('E_TOO_LARGE');
  });
});
