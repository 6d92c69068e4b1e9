/**
 * Issue 18: the GeoJSON byte scanner behind parseBoundaries gives exactly what the object-tree
 * parser gives: the same quantized coordinates as `Math.round(JSON.parse(text) × 1e7)`, the same
 * BoundarySet, the same FlatRings and adjacency, and the same errors (it hands those over).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { feature as topoFeature } from 'topojson-client';
import type { Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, test } from 'vitest';
import { InputError, buildAdjacency, parseBoundaries, type BoundarySet } from '../../../src/core/index.ts';
import { flattenRings } from '../../../src/core/adjacency/flat-rings.ts';
import { parseBoundariesTree, readScannedSlicesFrom } from '../../../src/core/parse/boundaries.ts';
import { scanGeoJson } from '../../../src/core/parse/geojson-scan.ts';
import { MAX_JSON_DEPTH, pathTooDeep } from '../../../src/core/parse/json.ts';
import { findBenchData, ITALY_FILE, readGzipText, reportSkip, missingBenchData } from '../../support/bench-data.ts';
import { gridMosaic, voronoiMosaic } from '../../support/mosaics.ts';

const encode = (text: string) => new TextEncoder().encode(text);

/** A FeatureCollection text with one square-ish ring whose first (and closing) position is `lon`, `lat`. */
function oneRing(lon: string, lat: string): string {
  return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[${lon},${lat}],[1,1],[2,0],[${lon},${lat}]]]}}]}`;
}

/** JSON number texts: shortest round-trip doubles, long digit strings, and digits right at a rounding half. */
const numberText = fc.oneof(
  fc.double({ min: -179.99, max: 179.99, noNaN: true }).map((value) => JSON.stringify(value)),
  fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 179 }), fc.stringMatching(/^[0-9]{1,25}$/)).map(([negative, integer, digits]) => `${negative ? '-' : ''}${integer}.${digits}`),
  fc
    .tuple(fc.boolean(), fc.integer({ min: 0, max: 179 }), fc.stringMatching(/^[0-9]{7}$/), fc.constantFrom('5', '49999', '50000', '4999999999', '5000000001', '500000000000000000001'), fc.stringMatching(/^[0-9]{0,4}$/))
    .map(([negative, integer, grid, half, rest]) => `${negative ? '-' : ''}${integer}.${grid}${half}${rest}`),
  fc.tuple(fc.integer({ min: -1_799_999, max: 1_799_999 }), fc.integer({ min: -12, max: -5 })).map(([mantissa, exponent]) => `${mantissa}e${exponent}`),
  fc.integer({ min: -179, max: 179 }).map(String),
);

describe('scanGeoJson() coordinates', () => {
  test('scanGeoJson() quantizes every JSON number exactly as Math.round(JSON.parse(text) × 1e7)', () => {
    fc.assert(
      fc.property(numberText, numberText, (lonText, latText) => {
        const lat = JSON.parse(latText) as number;
        fc.pre(Math.abs(lat) < 89.99);
        // The ring steps from [2, 0] back to the position: more than 180° of longitude is the antimeridian (refused).
        fc.pre((JSON.parse(lonText) as number) > -177.9);
        const scan = scanGeoJson(encode(oneRing(lonText, latText)));
        expect(scan).toBeDefined();
        // (An Int32Array holds −0 as 0.)
        expect(scan!.rings.x[0]).toBe(Math.round((JSON.parse(lonText) as number) * 1e7) | 0);
        expect(scan!.rings.y[0]).toBe(Math.round(lat * 1e7) | 0);
      }),
      { numRuns: 3000 },
    );
  });

  test('scanGeoJson() hands over numbers JSON does not allow and positions out of lon/lat range', () => {
    for (const bad of ['01.5', '1.', '.5', '+1', '-', '1e', '0x10', 'NaN', '1e999', '180', '-180.0', '200.5']) expect(scanGeoJson(encode(oneRing(bad, '0')))).toBeUndefined();
    expect(scanGeoJson(encode(oneRing('0', '90')))).toBeUndefined();
    expect(scanGeoJson(encode(oneRing('179.9999999', '-89.9999999')))).toBeDefined();
  });
});

/** Both readers on the same text: equal results, or the same InputError. */
function expectSameReading(text: string, options: { idField?: string; file?: string } = {}): BoundarySet | undefined {
  let tree: BoundarySet | undefined;
  let treeError: unknown;
  try {
    tree = parseBoundariesTree(text, options);
  } catch (error) {
    treeError = error;
  }
  if (treeError !== undefined) {
    expect(treeError).toBeInstanceOf(InputError);
    let scannedError: unknown;
    try {
      parseBoundaries(encode(text), options);
    } catch (error) {
      scannedError = error;
    }
    expect(scannedError).toBeInstanceOf(InputError);
    expect((scannedError as InputError).issues).toEqual((treeError as InputError).issues);
    expect((scannedError as InputError).message).toBe((treeError as InputError).message);
    return undefined;
  }
  const scanned = parseBoundaries(encode(text), options);
  const fromText = parseBoundaries(text, options);
  // Rings first: reading the coordinates below materializes them (the scanned rings stay valid).
  const flatScanned = flattenRings(scanned.features.map((feature) => feature.geometry));
  const flatTree = flattenRings(tree!.features.map((feature) => feature.geometry));
  expect(flatScanned).toStrictEqual(flatTree);
  expect(scanned).toStrictEqual(tree);
  expect(fromText).toStrictEqual(tree);
  return scanned;
}

/** A number as a file might write it. */
const coordinate = (min: number, max: number) =>
  fc.oneof(
    fc.double({ min, max, noNaN: true }).map((value) => JSON.stringify(value)),
    fc.tuple(fc.double({ min, max, noNaN: true }), fc.integer({ min: 0, max: 12 })).map(([value, digits]) => value.toFixed(digits)),
    fc.integer({ min: Math.ceil(min), max: Math.floor(max) }).map((value) => `${value}`),
  );

const position = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(coordinate(-179.9, 179.9), coordinate(-89.9, 89.9)).map(([x, y]) => `[${x},${y}]`) },
  { weight: 1, arbitrary: fc.tuple(coordinate(-179.9, 179.9), coordinate(-89.9, 89.9), coordinate(-100, 5000)).map(([x, y, z]) => `[${x}, ${y}, ${z}]`) },
  { weight: 1, arbitrary: fc.constantFrom('[120.5,28.1]', '[120.5, 28.1]', '[ -0 , 0.0 ]', '[1e-3,2E+1]', '["x",1]', '[1]', '[500000,3000000]', '[1,2,null]') },
);

/** A ring: usually closed with the first position's text, sometimes open, short or repeated. */
const ringText = fc.tuple(fc.array(position, { minLength: 1, maxLength: 7 }), fc.constantFrom('closed', 'closed', 'closed', 'open', 'rewritten')).map(([positions, how]) => {
  const all = how === 'open' ? positions : [...positions, how === 'rewritten' ? positions[0]!.replace(/,/, ' , ') : positions[0]!];
  return `[${all.join(',')}]`;
});
const polygonText = fc.array(ringText, { minLength: 0, maxLength: 3 }).map((rings) => `[${rings.join(',')}]`);
const geometryText = fc.oneof(
  { weight: 6, arbitrary: polygonText.map((coordinates) => `{"type":"Polygon","coordinates":${coordinates}}`) },
  { weight: 3, arbitrary: fc.array(polygonText, { minLength: 0, maxLength: 3 }).map((polygons) => `{"type":"MultiPolygon","coordinates":[${polygons.join(',')}]}`) },
  { weight: 1, arbitrary: polygonText.map((coordinates) => `{"coordinates":${coordinates},"type":"Polygon","bbox":[0,0,1,1]}`) },
  { weight: 1, arbitrary: fc.constantFrom('null', '{"type":"Point","coordinates":[120,28]}', '{"type":"Polygon"}', '[]', '{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"type":"Polygon"}') },
);
const properties = fc.oneof(
  fc.record({ code: fc.oneof(fc.constantFrom('A', 'B', 'C', ''), fc.integer({ min: 0, max: 3 })), name: fc.oneof(fc.string(), fc.constantFrom('鹿城', 'Città di Castello', 'Ñandú')) }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 3 }),
);
const featureText = fc
  .tuple(geometryText, fc.option(properties), fc.option(fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 5 }), fc.constant(null))), fc.constantFrom('plain', 'reordered', 'extra', 'noType'))
  .map(([geometry, props, id, layout]) => {
    const members = [`"type":"Feature"`, ...(id === null ? [] : [`"id":${JSON.stringify(id)}`]), ...(props === null ? [] : [`"properties":${JSON.stringify(props)}`]), `"geometry":${geometry}`];
    if (layout === 'reordered') members.reverse();
    if (layout === 'extra') members.push(`"bbox":[1,2,3,4]`, `"title":"x\\u00e9\\n"`);
    if (layout === 'noType') members.shift();
    return `{${members.join(',')}}`;
  });
/** Features the scanner should read: closed rings of 4+ valid positions, a common layout. */
const goodPosition = fc.oneof({ weight: 9, arbitrary: fc.tuple(coordinate(-179.9, 179.9), coordinate(-89.9, 89.9)).map(([x, y]) => `[${x},${y}]`) }, { weight: 1, arbitrary: fc.tuple(coordinate(-179.9, 179.9), coordinate(-89.9, 89.9), coordinate(-100, 5000)).map(([x, y, z]) => `[${x},${y},${z}]`) });
const goodRing = fc.array(goodPosition, { minLength: 3, maxLength: 8 }).map((positions) => `[${[...positions, positions[0]!].join(',')}]`);
const goodPolygon = fc.array(goodRing, { minLength: 1, maxLength: 3 }).map((rings) => `[${rings.join(',')}]`);
const goodGeometry = fc.oneof(goodPolygon.map((coordinates) => `{"type":"Polygon","coordinates":${coordinates}}`), fc.array(goodPolygon, { minLength: 1, maxLength: 3 }).map((polygons) => `{"type":"MultiPolygon","coordinates":[${polygons.join(',')}]}`));
const goodFeature = fc.tuple(goodGeometry, fc.option(properties), fc.option(fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 5 })))).map(([geometry, props, id]) =>
  `{"type":"Feature",${id === null ? '' : `"id":${JSON.stringify(id)},`}${props === null ? '' : `"properties":${JSON.stringify(props)},`}"geometry":${geometry}}`,
);
const fileText = fc
  .tuple(
    fc.oneof({ weight: 2, arbitrary: fc.array(goodFeature, { minLength: 1, maxLength: 6 }) }, { weight: 1, arbitrary: fc.array(fc.oneof(goodFeature, featureText), { minLength: 0, maxLength: 6 }) }),
    fc.constantFrom('', '', '', ',"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}', ',"coordinateSystem":"GCJ02"', ',"crs":{"properties":{"name":"EPSG:3857"}}', ',"name":"x"'),
    fc.constantFrom('compact', 'compact', 'spaced', 'bom'),
  )
  .map(([features, root, layout]) => {
    const text = `{"type":"FeatureCollection"${root},"features":[${features.join(',')}]}`;
    return layout === 'spaced' ? ` \n${text.replace(/,/g, ' ,\r\n\t').replace(/:/g, ' : ')}\n` : layout === 'bom' ? `\uFEFF${text}` : text;
  });

describe('parseBoundaries() reads any file as the object-tree parser does', () => {
  test('parseBoundaries() on arbitrary GeoJSON text gives the tree parser\'s BoundarySet, FlatRings or InputError', () => {
    let scanned = 0;
    fc.assert(
      fc.property(fileText, fc.option(fc.constantFrom('code', 'name')), (text, idField) => {
        if (expectSameReading(text, idField ? { idField, file: 'f.geojson' } : { file: 'f.geojson' }) && scanGeoJson(encode(text))) scanned++;
      }),
      { numRuns: 1500 },
    );
    // The generator makes both kinds: files the scanner reads and files it hands over (random rings
    // often step over 180° of longitude, which the tree parser refuses, so fewer are scanned).

    expect(scanned).toBeGreaterThan(50);
  });

  test('parseBoundaries() hands files with invalid UTF-8 (GBK names) to the tree parser after decoding them as gb18030', () => {
    const gbk = Uint8Array.from([0xc2, 0xb9, 0xb3, 0xc7]); // 鹿城 in GBK
    const head = encode('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A","name":"');
    const tail = encode('"},"geometry":{"type":"Polygon","coordinates":[[[120,28],[120.1,28],[120.1,28.1],[120,28]]]}}]}');
    const bytes = new Uint8Array([...head, ...gbk, ...tail]);
    expect(scanGeoJson(bytes)).toBeUndefined();
    expect(parseBoundaries(bytes).features[0]!.name).toBe('鹿城');
  });
});

const require = createRequire(import.meta.url);
const fixtureDirectory = new URL('../../fixtures/adjacency/in/', import.meta.url).pathname;
const fixtures: [string, string][] = [
  ...readdirSync(fixtureDirectory).map((name): [string, string] => [`fixture ${name}`, readFileSync(fixtureDirectory + name, 'utf8')]),
  ...['communities', 'streets', 'district'].map((name): [string, string] => [`data/lucheng/${name}.geojson`, readFileSync(new URL(`../../../data/lucheng/${name}.geojson`, import.meta.url), 'utf8')]),
  ['fixture import/invalid-communities.geojson', readFileSync(new URL('../../fixtures/import/invalid-communities.geojson', import.meta.url), 'utf8')],
];

/** Adjacency on both readers' geometries, in exact and default settings: the same answer. */
function expectSameAdjacency(text: string): void {
  const scanned = parseBoundaries(encode(text)).features.map((feature) => feature.geometry);
  const tree = parseBoundariesTree(text).features.map((feature) => feature.geometry);
  for (const options of [{ toleranceMeters: 0, minSharedMeters: 0 }, {}]) expect(buildAdjacency(scanned, options)).toStrictEqual(buildAdjacency(tree, options));
}

describe('scanGeoJson() and the nesting limit of properties', () => {
  test('scanGeoJson() hands over exactly the properties pathTooDeep refuses, and both readers agree around the limit', () => {
    const ring = JSON.stringify([[[120.6, 28], [120.61, 28], [120.61, 28.01], [120.6, 28]]]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_JSON_DEPTH + 4 }), fc.constantFrom('[', '{"k":'), fc.boolean(), (depth, open, asString) => {
        const close = open === '[' ? ']' : '}';
        // `depth` containers in the properties value (the value itself included), then a scalar.
        const inner = depth === 0 ? (asString ? '"x"' : '1') : `${open.repeat(depth - 1)}${asString ? '"[{"' : '1'}${close.repeat(depth - 1)}`;
        const properties = depth === 0 ? inner : `{"code":"A","x":${inner}}`;
        const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${properties},"geometry":{"type":"Polygon","coordinates":${ring}}}]}`;
        const tooDeep = pathTooDeep(JSON.parse(text).features[0].properties) !== undefined;
        expect(scanGeoJson(encode(text)) === undefined).toBe(tooDeep);
        expectSameReading(text);
      }),
    );
  });
});

describe('parseBoundaries() gives identical answers through both readers on real and synthetic data', () => {
  test.each(fixtures)('parseBoundaries() on %s: the same BoundarySet or error, rings and adjacency', (_, text) => {
    if (expectSameReading(text)) expectSameAdjacency(text);
  });

  test('parseBoundaries() reads the mosaics with the scanner and gives the tree parser\'s answers', () => {
    for (const collection of [gridMosaic({ columns: 12, rows: 9, seed: 3 }), voronoiMosaic(600, 7), voronoiMosaic(2000, 42)]) {
      const text = JSON.stringify(collection);
      expect(scanGeoJson(encode(text))).toBeDefined();
      expectSameReading(text);
      expectSameAdjacency(text);
    }
  });

  test('parseBoundaries() reads us-atlas counties (as GeoJSON) with the scanner and gives the tree parser\'s answers', () => {
    const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology<{ counties: GeometryCollection }>;
    const text = JSON.stringify(topoFeature(topology, topology.objects.counties));
    expect(scanGeoJson(encode(text))).toBeDefined();
    expectSameReading(text);
    expectSameAdjacency(text);
  });

  test("parseBoundaries() reads Italy's comuni with the scanner and gives the tree parser's answers", () => {
    const path = findBenchData(ITALY_FILE);
    if (!path) {
      reportSkip("readers compared on Italy's comuni", missingBenchData(ITALY_FILE));
      return;
    }
    const text = readGzipText(path);
    expect(scanGeoJson(encode(text))).toBeDefined();
    // Equal FlatRings (checked here) are all buildAdjacency reads; the adjacency itself is compared on the sets above.
    expectSameReading(text);
  }, 300_000);
});

describe('parseBoundaries() geometries from the scanner', () => {
  test('parseBoundaries() geometries survive structured cloning and JSON with their coordinates', () => {
    const text = JSON.stringify(voronoiMosaic(50, 1));
    const set = parseBoundaries(text);
    const tree = parseBoundariesTree(text);
    expect(structuredClone(set)).toStrictEqual(structuredClone(tree));
    expect(JSON.stringify(set)).toBe(JSON.stringify(tree));
  });

  test('buildAdjacency() reads replaced coordinates, not the scanned rings', () => {
    const text = JSON.stringify(gridMosaic({ columns: 3, rows: 1, seed: 1 }));
    const geometries = parseBoundaries(text).features.map((feature) => feature.geometry);
    const before = buildAdjacency(geometries, { toleranceMeters: 0, minSharedMeters: 0 }).graph.neighbors.length;
    expect(before).toBeGreaterThan(0);
    // Move the middle cell far away: no neighbours left.
    const moved = geometries[1]!.coordinates as number[][][];
    geometries[1]!.coordinates = moved.map((ring) => ring.map(([x, y]) => [x! + 10, y!]));
    expect(buildAdjacency(geometries, { toleranceMeters: 0, minSharedMeters: 0 }).graph.neighbors.length).toBe(0);
  });
});

describe('readScannedSlicesFrom()', () => {
  const text = JSON.stringify(voronoiMosaic(40, 7));

  test('scanned geometries read their coordinates through the reader, equal to the file\'s, and the bytes can go', () => {
    const bytes = encode(text);
    const copy = bytes.slice();
    const boundaries = parseBoundaries(bytes, { file: 'm.geojson' });
    const expected = parseBoundariesTree(text, { file: 'm.geojson' }).features.map((feature) => feature.geometry.coordinates);
    // One geometry read before: it keeps what it read and is not switched.
    const early = boundaries.features[3]!.geometry.coordinates;
    const asked: [number, number][] = [];
    const changed = readScannedSlicesFrom(boundaries, bytes, (start, end) => {
      asked.push([start, end]);
      return copy.subarray(start, end);
    });
    expect(changed).toBe(boundaries.features.length - 1);
    bytes.fill(0x20);
    expect(boundaries.features.map((feature) => feature.geometry.coordinates)).toEqual(expected);
    expect(boundaries.features[3]!.geometry.coordinates).toBe(early);
    expect(asked).toHaveLength(boundaries.features.length - 1);
    // Read once, then kept.
    boundaries.features.forEach((feature) => feature.geometry.coordinates);
    expect(asked).toHaveLength(boundaries.features.length - 1);
    // Adjacency still comes from the scanned rings.
    expect(buildAdjacency(boundaries.features.map((feature) => feature.geometry)).graph).toEqual(buildAdjacency(expected.map((coordinates) => ({ type: 'Polygon', coordinates }) as Polygon)).graph);
  });

  test('geometries scanned from other bytes, or read by the tree parser, are left alone', () => {
    const bytes = encode(text);
    const scanned = parseBoundaries(bytes, { file: 'm.geojson' });
    const tree = parseBoundaries(JSON.parse(text) as unknown, { file: 'm.geojson' });
    const never = () => {
      throw new Error('not these bytes');
    };
    expect(readScannedSlicesFrom(scanned, encode(text), never)).toBe(0);
    expect(readScannedSlicesFrom(tree, bytes, never)).toBe(0);
    expect(scanned.features[0]!.geometry.coordinates).toEqual(tree.features[0]!.geometry.coordinates);
  });
});
