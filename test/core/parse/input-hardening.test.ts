/** Issue 8 (hardening): the parse boundary survives any input and makes silent cases visible. */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { inputErrorOf } from '../../support/input-error.ts';
import {
  InputError,
  STATUS_COLUMNS,
  defaultCampaignConfig,
  describeValue,
  formatCsv,
  parseBoundaries,
  parseCampaignConfig,
  parseStatusTable,
  readCsv,
  type ParseBoundariesOptions,
} from '../../../src/core/index.ts';
import { parseBoundariesTree } from '../../../src/core/parse/boundaries.ts';

const square = (x: number, y = 28, size = 0.01) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];
const feature = (properties: unknown, coordinates: unknown = square(120.6), extra: Record<string, unknown> = {}) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates }, ...extra });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

/** `depth` arrays nested in each other around `inner`, built without recursion. */
function nested(depth: number, inner: unknown = 1): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Both readers: the object tree, and the byte scanner first (on the same input written as JSON text). */
const READERS: [string, (input: unknown, options?: ParseBoundariesOptions) => ReturnType<typeof parseBoundaries>][] = [
  ['the object tree', (input, options) => parseBoundariesTree(input, options)],
  ['the byte scanner first', (input, options) => parseBoundaries(typeof input === 'string' ? input : JSON.stringify(input), options)],
];

/** The names an attacker or an unlucky user reaches for: every Object.prototype member. */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

describe('describeValue()', () => {
  test('describeValue() stays short for any value, however deep or large', () => {
    const deepValue = fc.integer({ min: 0, max: 20_000 }).map((depth) => nested(depth));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything(), deepValue), (value) => {
        const text = describeValue(value);
        expect(typeof text).toBe('string');
        // Strings keep at most 40 characters (escaped by JSON), everything else ~60.
        expect(text.length).toBeLessThanOrEqual(typeof value === 'string' ? 6 * 40 + 3 : 64);
      }),
      { numRuns: 200 },
    );
  });

  test('describeValue() of 100,000 nested arrays or objects does not overflow', () => {
    expect(describeValue(nested(100_000))).toBe('[[[[[…]]]]]');
    let object: unknown = {};
    for (let i = 0; i < 100_000; i++) object = { a: object };
    expect(describeValue(object)).toBe('{"a":{"a":{"a":{"a":{…}}}}}');
  });
});

describe('parseBoundaries() on deeply nested JSON', () => {
  test('parseBoundaries() refuses 100,000 nested arrays as coordinates, properties or root with an InputError', () => {
    // Built as text: JSON.stringify of the value itself would overflow.
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const asCoordinates = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":${deep}}}]}`;
    expect(inputErrorOf(() => parseBoundaries(asCoordinates)).code).toBe('E_COORDINATES');
    const asProperties = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"x":${deep}},"geometry":{"type":"Polygon","coordinates":${JSON.stringify(square(120.6))}}}]}`;
    expect(inputErrorOf(() => parseBoundaries(asProperties))).toMatchObject({ code: 'E_VALUE', path: expect.stringMatching(/^features\[0\]\.properties\.x\[0\]/) as string });
    expect(inputErrorOf(() => parseBoundaries(deep)).code).toBe('E_GEOJSON_TYPE');
    expect(inputErrorOf(() => parseCampaignConfig(`{"title":${deep}}`))).toMatchObject({ code: 'E_CONFIG', path: 'title' });
  });

  test.each(READERS)('parseBoundaries() through %s accepts properties up to the nesting limit and whatever it accepts can be cloned to a worker', (_, parseBoundaries) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (depth) => {
        const input = collection(feature({ code: 'A', x: nested(depth) }));
        let set;
        try {
          set = parseBoundaries(input);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).code).toBe('E_VALUE');
          return;
        }
        expect(() => structuredClone(set)).not.toThrow();
        expect(() => JSON.stringify(set)).not.toThrow();
      }),
    );
  });
});

describe('parseBoundaries() reads user objects by their own properties only', () => {
  const fieldName = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string({ minLength: 1, maxLength: 12 }));

  test('parseBoundaries({ idField }) takes ids from that own property for any field name', () => {
    fc.assert(
      fc.property(fieldName, fc.uniqueArray(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 4 }), (name, codes) => {
        const features = codes.map((code, i) => feature(Object.fromEntries([[name, `C${code}`]]), square(120 + i * 0.02)));
        // Through JSON text as a file would come, so that "__proto__" is an own key.
        const set = parseBoundaries(JSON.stringify(collection(...features)), { idField: name });
        expect(set.features.map((f) => f.id)).toEqual(codes.map((code) => `C${code}`));
      }),
    );
  });

  test('parseBoundaries({ idField }) names every feature lacking the field, even when the name is inherited', () => {
    fc.assert(
      fc.property(fieldName, (name) => {
        fc.pre(name !== 'code' && name !== 'name');
        const error = inputErrorOf(() => parseBoundaries(collection(feature({ code: 'A', name: '甲' }), feature({ code: 'B' }, square(120.7))), { idField: name }));
        expect(error.code).toBe('E_ID');
        expect(error.issues.map((issue) => issue.path)).toEqual(['features[0].properties', 'features[1].properties']);
        expect(error.issues.every((issue) => issue.actual === '缺失')).toBe(true);
      }),
    );
  });

  test('parseBoundaries() ignores inherited type, features, crs and name members', () => {
    for (const name of PROTOTYPE_NAMES) {
      const set = parseBoundaries(collection(feature({ code: 'A', [name === '__proto__' ? 'x' : name]: undefined })));
      expect(set.features[0]).toMatchObject({ id: 'A', name: 'A', street: '' });
      expect(inputErrorOf(() => parseBoundaries({ ...collection(feature({ code: 'A' })), coordinateSystem: name })).code).toBe('E_PROJECTED');
    }
    expect(inputErrorOf(() => parseBoundaries(Object.create({ type: 'FeatureCollection', features: [] }) as unknown)).code).toBe('E_GEOJSON_TYPE');
  });
});

describe.each(READERS)('parseBoundaries() through %s makes id and code problems visible', (_, parseBoundaries) => {
  test('parseBoundaries() warns about every properties.code shared by features with unique ids, and only then', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('330302001001', '330302001002', '330302001003', '-'), { minLength: 1, maxLength: 8 }), (codes) => {
        const features = codes.map((code, i) => feature({ code }, square(120 + i * 0.02), { id: `F${i}` }));
        const set = parseBoundaries(collection(...features));
        expect(set.idSource).toBe('id');
        const repeated = [...new Set(codes.filter((code, i) => codes.indexOf(code) !== i))];
        const warning = set.warnings.find((w) => w.code === 'W_DUPLICATE_CODE');
        if (repeated.length === 0) {
          expect(warning).toBeUndefined();
          return;
        }
        expect(warning?.message).toContain(`${repeated.length} 个 properties.code`);
        for (const code of repeated) {
          const indices = codes.flatMap((c, i) => (c === code ? [`features[${i}]`] : []));
          expect(warning?.message).toContain(`${code}（${indices.join('、')}）`);
        }
      }),
    );
  });

  test('parseBoundaries() numbering by index names exactly the features that lack an id', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 9 }), (hasId) => {
        fc.pre(hasId.some((has) => !has));
        const features = hasId.map((has, i) => feature({ name: `社区${i}` }, square(120 + i * 0.02), has ? { id: `F${i}` } : {}));
        const set = parseBoundaries(collection(...features));
        expect(set.idSource).toBe('index');
        const message = set.warnings.find((w) => w.code === 'W_ID_FROM_INDEX')!.message;
        if (hasId.every((has) => !has)) expect(message).toContain('所有要素都没有 id；');
        else expect(message).toContain(`${hasId.filter((has) => !has).length} 个要素没有 id：`);
        hasId.forEach((has, i) => expect(message.includes(`features[${i}]「社区${i}」`)).toBe(!has && hasId.some((h) => h)));
      }),
    );
  });

  test('parseBoundaries() W_RING_CLOSED names the path of every ring it closed', () => {
    const open = [[120, 28], [120.01, 28], [120.01, 28.01], [120, 28.01]];
    const set = parseBoundaries(collection(feature({ code: 'A' }), { ...feature({ code: 'B' }), geometry: { type: 'MultiPolygon', coordinates: [square(121), [open]] } }));
    const warning = set.warnings.find((w) => w.code === 'W_RING_CLOSED')!;
    expect(warning.message).toContain('1 个未闭合的环');
    expect(warning.message).toContain('features[1].geometry.coordinates[1][0]');
  });

  test('parseBoundaries() says that features must be an array and what it was', () => {
    for (const features of ['FeatureCollection', {}, null, 3]) {
      const error = inputErrorOf(() => parseBoundaries({ type: 'FeatureCollection', features }));
      expect(error).toMatchObject({ code: 'E_GEOJSON_TYPE', path: 'features', actual: describeValue(features) });
      expect(error.expected).toContain('features 必须是数组');
    }
  });
});

describe('parseStatusTable() key columns', () => {
  const header = (demoHeader: string) => `社区代码,社区名称,文明社区等级,${demoHeader}\n1,甲,市级,是\n2,乙,无,否\n`;

  test('parseStatusTable() recognises every alias of a key column, 精品示范 included', () => {
    const demo = STATUS_COLUMNS.find((column) => column.key === 'demo')!;
    expect(demo.aliases).toContain('精品示范');
    for (const alias of demo.aliases) {
      const table = parseStatusTable(header(alias));
      expect(table.rows.map((row) => row.demo)).toEqual([true, false]);
      expect(table.warnings.map((w) => w.code)).not.toContain('W_KEY_COLUMN_MISSING');
    }
  });

  test('parseStatusTable() warns naming a missing key column and the headers it did not understand', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z\u4e00-\u4e2f]{1,6}$/), (unknown) => {
        const known = new Set(STATUS_COLUMNS.flatMap((column) => column.aliases.map((alias) => alias.toLowerCase())));
        fc.pre(!known.has(unknown));
        const table = parseStatusTable(header(unknown));
        const warning = table.warnings.find((w) => w.code === 'W_KEY_COLUMN_MISSING');
        expect(warning?.message).toContain('「精品示范社区」');
        expect(warning?.message).toContain(`未识别的表头：${unknown}`);
        expect(table.rows.every((row) => !row.demo)).toBe(true);
      }),
    );
  });

  test('parseStatusTable() warnings are plain { code, message } records', () => {
    const { warnings } = parseStatusTable('code,name\n1,甲\n');
    for (const warning of warnings) expect(Object.keys(warning).sort()).toEqual(['code', 'message']);
    expect(warnings.filter((w) => w.code === 'W_KEY_COLUMN_MISSING').map((w) => /「(.+?)」/.exec(w.message)![1])).toEqual(['文明社区等级', '精品示范社区']);
  });
});

describe('readCsv() unterminated quotes', () => {
  test('readCsv() reports an unterminated quote at the line where it opens', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 }), (before, column) => {
        const rows = Array.from({ length: before }, (_, i) => `${i},名${i},否`);
        const cells = ['9', '名', '是'];
        cells[column] = `"${cells[column]}`;
        const text = ['社区代码,社区名称,精品示范社区', ...rows, cells.join(','), '10,后,否'].join('\n');
        const error = inputErrorOf(() => readCsv(text, 's.csv'));
        expect(error).toMatchObject({ code: 'E_CSV', path: `第 ${before + 2} 行`, field: undefined });
        expect(error.actual).toContain('引号没有闭合');
      }),
    );
  });
});

describe('parseCampaignConfig() strictness', () => {
  /** Every object path in the config (where an unknown key could be added). */
  const objectPaths: string[][] = [[]];
  for (const [key, value] of Object.entries(defaultCampaignConfig())) if (typeof value === 'object' && !Array.isArray(value)) objectPaths.push([key]);

  test('parseCampaignConfig() rejects an unknown key at any level with its path', () => {
    fc.assert(
      fc.property(fc.constantFrom(...objectPaths), fc.stringMatching(/^[a-z]{3,10}$/), (path, key) => {
        const defaults = defaultCampaignConfig() as unknown as Record<string, unknown>;
        fc.pre(!Object.keys(path.length === 0 ? defaults : (defaults[path[0]!] as object)).includes(key));
        const input = path.length === 0 ? { [key]: 1 } : { [path[0]!]: { [key]: 1 } };
        const error = inputErrorOf(() => parseCampaignConfig(input));
        expect(error).toMatchObject({ code: 'E_CONFIG', path: [...path, key].join('.'), actual: `未知字段 "${key}"` });
      }),
    );
    expect(inputErrorOf(() => parseCampaignConfig({ adjacency: { tolerence: 3 } })).expected).toContain('是否想写「toleranceMeters」');
    expect(inputErrorOf(() => parseCampaignConfig({ deadlines: [{ id: 'a', label: 'b', date: '2002-06-30', owner: 'x' }] })).path).toBe('deadlines[0].owner');
  });

  test('parseCampaignConfig() accepts a deadline date exactly when the day exists', () => {
    const daysIn = (year: number, month: number) => [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
        const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const exists = month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
        const parse = () => parseCampaignConfig({ deadlines: [{ id: 'demo', label: '示范', date }] });
        if (exists) expect(parse().deadlines[0]!.date).toBe(date);
        else expect(inputErrorOf(parse)).toMatchObject({ code: 'E_CONFIG', path: 'deadlines[0].date' });
      }),
    );
  });

  test('parseCampaignConfig() lists every problem, not only the first', () => {
    const error = inputErrorOf(() => parseCampaignConfig({ adjacency: { tolerence: 3, mode: 'bishop' }, deadlines: [{ id: 'x', label: 'y', date: '2002-02-30' }], lightingTreshold: 0.9, zoneWidthMeters: -1 }));
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['adjacency.mode', 'adjacency.tolerence', 'deadlines[0].date', 'lightingTreshold', 'zoneWidthMeters']);
  });
});

describe('formatCsv() formula safety', () => {
  const FORMULA = /^[=+\-@\t\r]/;
  const text = fc.oneof(fc.string(), fc.constantFrom('=1+1', '+86', '-5', '@SUM(A1)', '\t=x', '\r=x', "'=x", "''-1", '=HYPERLINK("x")\n2', '; a', 'a\tb'));
  const cell = fc.oneof(text, fc.double({ noNaN: true }), fc.integer(), fc.constant(null));

  test('formatCsv() writes no text cell that starts with a formula character unless prefixed, and numbers as numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const written = Papa.parse<string[]>(formatCsv(['a', 'b'], rows).slice(1), { delimiter: ',', newline: '\r\n' }).data.slice(1, rows.length + 1);
        rows.forEach((row, r) =>
          row.forEach((value, c) => {
            const out = written[r]![c]!;
            if (typeof value === 'number') expect(out).toBe(String(value));
            else if (value === null) expect(out).toBe('');
            else if (FORMULA.test(value.replace(/^'*/, ''))) expect(out).toBe(`'${value}`);
            else expect(out).toBe(value);
            expect(typeof value !== 'number' && FORMULA.test(out)).toBe(false);
          }),
        );
      }),
    );
  });

  test('readCsv() reads back what formatCsv() wrote', () => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (rows) => {
        fc.pre(rows.every((row) => row.some((value) => value.trim() !== '')));
        const table = readCsv(formatCsv(['x', 'y', 'z'], rows), 't.csv');
        expect(table.rows).toEqual(rows.map((row) => row.map((value) => value.trim())));
      }),
    );
  });
});
