/**
 * A GeoJSON reader that never builds the object tree: one pass over the file's bytes that
 * writes quantized coordinates (degrees × 1e7, exactly `Math.round(value × 1e7)` of the value
 * `JSON.parse` would give) straight into Int32 ring arrays, parses each feature's small
 * `properties` (and `id`) with `JSON.parse` on its slice, and validates the structure as it goes.
 *
 * It reads only the common shape: a FeatureCollection of Features whose geometry is a Polygon or
 * MultiPolygon (`type` before `coordinates`), with closed rings of at least 4 positions inside
 * lon/lat range. On anything else — invalid JSON, a problem `parseBoundaries` would report, an
 * unusual structure, a non-UTF-8 byte — it answers `undefined`, and the caller hands the file to
 * the object-tree parser, so every error, path and warning stays that parser's.
 *
 * Numbers: the first 3 integer and 7 fraction digits give the quantized value exactly (an
 * integer below 2^53); the next 9 digits decide the rounding. Only when they lie within 1e-5 of
 * a half (where the double rounding of `Number(text) × 1e7` could go either way) is the slice
 * read with `Number()` and rounded as the tree path does. The error of `Number(text) × 1e7` is
 * below |value| × 1e7 × 2.3e-16 ≤ 5e-7 grid units, far inside that margin.
 */
import type { QuantizedRings } from '../adjacency/flat-rings.ts';
import { MAX_JSON_DEPTH } from './json.ts';

/** What the scanner read; coordinates stay in the bytes (`coordinates` ranges) until asked for. */
export interface GeoJsonScan {
  /** Per feature: `id` (only when present) and `properties` as `JSON.parse` gives them. */
  features: { id?: unknown; properties?: unknown }[];
  /** Per feature: 0 = Polygon, 1 = MultiPolygon. */
  multi: Uint8Array;
  /** Per feature: byte range [start, end) of the geometry's `coordinates` value. */
  coordinatesStart: Uint32Array;
  coordinatesEnd: Uint32Array;
  /** The root's `crs` and `coordinateSystem` members, when present (as `JSON.parse` gives them). */
  root: Record<string, unknown>;
  rings: QuantizedRings;
  /** [west, south, east, north] of all positions, exactly as the doubles give them. */
  bbox: [number, number, number, number];
}

/** Thrown inside the scanner when the tree parser must take over; never leaves this module. */
const HAND_OVER = new Error('hand over to the object-tree parser');

const TextDecoderClass = (globalThis as unknown as { TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(bytes: Uint8Array): string } }).TextDecoder;
const strictUtf8 = new TextDecoderClass('utf-8', { fatal: true });

/** Grid units per degree (as flat-rings' UNITS_PER_DEGREE) and the ranges the tree path accepts. */
const MAX_LON_UNITS = 1_800_000_000;
const MAX_LAT_UNITS = 900_000_000;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
/** The 9 rounding digits as an integer: a half is 5e8; closer than 1e4 (1e-5 unit) goes to Number(). */
const HALF = 500_000_000;
const MARGIN = 10_000;

// Scanner state (one scan at a time; the scan is synchronous).
let bytes: Uint8Array = new Uint8Array(0);
let pos = 0;
let xs = new Int32Array(0);
let ys = new Int32Array(0);
let count = 0;
let ringOffsets = new Uint32Array(0);
let ringOuter = new Uint8Array(0);
let ringTotal = 0;
/** Byte range of the last geometry's `coordinates` value. */
let geometryStart = 0;
let geometryEnd = 0;
/** Start and end of the last number read. */
let numberStart = 0;
let numberEnd = 0;
/** Extremes: grid value, and the byte range of the number holding it (exact value resolved at the end). */
const extremeQ = new Float64Array(4);
const extremeStart = new Uint32Array(4);
const extremeEnd = new Uint32Array(4);
const extremeValue = new Float64Array(4);

/**
 * Scans GeoJSON bytes (UTF-8, optional BOM); undefined when the object-tree parser must read them.
 * @example const scan = scanGeoJson(bytes); if (scan) scan.rings.ringCount
 */
export function scanGeoJson(input: Uint8Array): GeoJsonScan | undefined {
  bytes = input;
  pos = input.length >= 3 && input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  // About 40 bytes per position in real files ("[11.049427128498804,44.09024607160104],"); grown when short.
  const positions = Math.max(64, Math.ceil(input.length / 40));
  xs = new Int32Array(positions);
  ys = new Int32Array(positions);
  count = 0;
  ringOffsets = new Uint32Array(1024);
  ringOuter = new Uint8Array(1024);
  ringTotal = 0;
  extremeQ.set([Infinity, Infinity, -Infinity, -Infinity]);
  extremeValue.fill(NaN);
  try {
    return scanRoot();
  } catch {
    // HAND_OVER, JSON.parse's SyntaxError on a slice, the strict decoder's TypeError (not UTF-8),
    // a RangeError on a huge array: the tree parser reads the file and reports what it finds.
    return undefined;
  } finally {
    valueRanges = new Uint32Array(0);
    checkRanges = new Uint32Array(0);
    bytes = new Uint8Array(0);
    xs = new Int32Array(0);
    ys = new Int32Array(0);
  }
}

/** The JSON text of a value's bytes (for JSON.parse / Number on small slices). */
function textOf(start: number, end: number): string {
  return strictUtf8.decode(bytes.subarray(start, end));
}

function skipSpace(): number {
  const b = bytes;
  let p = pos;
  let c = b[p]!;
  while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++p]!;
  pos = p;
  return c;
}

function expect(code: number): void {
  if (skipSpace() !== code) throw HAND_OVER;
  pos++;
}

/** Keys the scanner acts on; any other key is KEY_OTHER (its value is only validated). */
const KEY_OTHER = 0;
const KEY_TYPE = 1;
const KEY_FEATURES = 2;
const KEY_GEOMETRY = 3;
const KEY_PROPERTIES = 4;
const KEY_ID = 5;
const KEY_COORDINATES = 6;
const KEY_CRS = 7;
const KEY_COORDINATE_SYSTEM = 8;
const KEYS: readonly (readonly [number, Uint8Array])[] = (
  [
    [KEY_TYPE, 'type'],
    [KEY_FEATURES, 'features'],
    [KEY_GEOMETRY, 'geometry'],
    [KEY_PROPERTIES, 'properties'],
    [KEY_ID, 'id'],
    [KEY_COORDINATES, 'coordinates'],
    [KEY_CRS, 'crs'],
    [KEY_COORDINATE_SYSTEM, 'coordinateSystem'],
  ] as const
).map(([code, key]) => [code, asciiBytes(key)] as const);

function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => character.charCodeAt(0));
}

/** Reads an object key and the colon after it; keys with escapes or non-ASCII characters hand over. */
function readKey(): number {
  const start = readAsciiString();
  const length = pos - 1 - start;
  expect(58);
  for (const [code, key] of KEYS) if (key.length === length && bytesAt(start, key)) return code;
  return KEY_OTHER;
}

/** Skips a string of plain ASCII (no escapes) at `pos`; returns the start of its content. */
function readAsciiString(): number {
  if (skipSpace() !== 34) throw HAND_OVER;
  const start = ++pos;
  let c = bytes[pos]!;
  while (c !== 34) {
    if (c === 92 || c < 32 || c >= 128 || pos >= bytes.length) throw HAND_OVER;
    c = bytes[++pos]!;
  }
  pos++;
  return start;
}

function bytesAt(start: number, word: Uint8Array): boolean {
  for (let k = 0; k < word.length; k++) if (bytes[start + k] !== word[k]) return false;
  return true;
}

/** Deepest nesting of arrays and objects in the last value skipped (1 for `{}` or `[1]`, 0 for a scalar). */
let skippedDepth = 0;

/** Skips any JSON value and returns its start (validation is left to JSON.parse on the slice). */
function skipValue(): number {
  let c = skipSpace();
  const start = pos;
  skippedDepth = 0;
  if (c === 34) {
    skipString();
    return start;
  }
  if (c === 123 || c === 91) {
    let depth = 0;
    for (;;) {
      if (pos >= bytes.length) throw HAND_OVER;
      c = bytes[pos]!;
      if (c === 34) {
        skipString();
        continue;
      }
      if (c === 123 || c === 91) {
        if (++depth > skippedDepth) skippedDepth = depth;
      } else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) {
          pos++;
          return start;
        }
      }
      pos++;
    }
  }
  // A scalar: up to the next delimiter.
  while (pos < bytes.length) {
    c = bytes[pos]!;
    if (c === 44 || c === 125 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9) break;
    pos++;
  }
  if (pos === start) throw HAND_OVER;
  return start;
}

function skipString(): void {
  pos++;
  for (;;) {
    if (pos >= bytes.length) throw HAND_OVER;
    const c = bytes[pos++]!;
    if (c === 34) return;
    if (c === 92) pos++;
  }
}

/** A string value that must equal one of a few ASCII words; returns its index or hands over. */
function readWord(words: readonly Uint8Array[]): number {
  const start = readAsciiString();
  const length = pos - 1 - start;
  for (let index = 0; index < words.length; index++) if (words[index]!.length === length && bytesAt(start, words[index]!)) return index;
  throw HAND_OVER;
}

const FEATURE_COLLECTION = [asciiBytes('FeatureCollection')];
const FEATURE = [asciiBytes('Feature')];
const POLYGON_TYPES = [asciiBytes('Polygon'), asciiBytes('MultiPolygon')];

/** After a member: true when another follows (`,`), false at the closing bracket. */
function another(close: number): boolean {
  const c = skipSpace();
  pos++;
  if (c === 44) return true;
  if (c === close) return false;
  throw HAND_OVER;
}

/**
 * Byte ranges of the small values read with JSON.parse: per feature its `id` and `properties`
 * (start = end = 0 when absent), and every value the scanner only has to validate. They are
 * parsed in one JSON.parse call each at the end (one call per feature costs more than the parse).
 */
let valueRanges: Uint32Array<ArrayBuffer> = new Uint32Array(0);
let valueCount = 0;
let checkRanges: Uint32Array<ArrayBuffer> = new Uint32Array(0);
let checkCount = 0;

function scanRoot(): GeoJsonScan {
  valueRanges = new Uint32Array(4096);
  valueCount = 0;
  checkRanges = new Uint32Array(64);
  checkCount = 0;
  expect(123);
  const multi: number[] = [];
  const coordinatesStart: number[] = [];
  const coordinatesEnd: number[] = [];
  const featureRings: number[] = [];
  const root: Record<string, unknown> = {};
  let seen = 0;
  if (skipSpace() === 125) throw HAND_OVER;
  do {
    const key = readKey();
    const bit = 1 << key;
    if (key !== KEY_OTHER && seen & bit) throw HAND_OVER;
    seen |= bit;
    if (key === KEY_TYPE) readWord(FEATURE_COLLECTION);
    else if (key === KEY_FEATURES) {
      expect(91);
      if (skipSpace() === 93) throw HAND_OVER;
      do {
        featureRings.push(ringTotal);
        scanFeature(multi, coordinatesStart, coordinatesEnd);
      } while (another(93));
    } else if (key === KEY_CRS || key === KEY_COORDINATE_SYSTEM) {
      const start = skipValue();
      root[key === KEY_CRS ? 'crs' : 'coordinateSystem'] = JSON.parse(textOf(start, pos));
    } else check(skipValue(), pos);
  } while (another(125));
  if (!(seen & (1 << KEY_TYPE)) || !(seen & (1 << KEY_FEATURES))) throw HAND_OVER;
  skipSpace();
  if (pos < bytes.length) throw HAND_OVER;
  featureRings.push(ringTotal);
  ringOffsets[ringTotal] = count;
  const featureCount = multi.length;
  const values = parseRanges(valueRanges, valueCount);
  parseRanges(checkRanges, checkCount);
  const features: { id?: unknown; properties?: unknown }[] = new Array(featureCount);
  for (let f = 0; f < featureCount; f++) {
    const feature: { id?: unknown; properties?: unknown } = {};
    if (valueRanges[4 * f + 1]! > 0) feature.id = values[2 * f];
    if (valueRanges[4 * f + 3]! > 0) feature.properties = values[2 * f + 1];
    features[f] = feature;
  }
  const rings: QuantizedRings = {
    featureCount,
    // Views, not copies: a copy would hold the coordinates twice at the peak.
    x: xs.subarray(0, count),
    y: ys.subarray(0, count),
    ringCount: ringTotal,
    ringOffset: ringOffsets.slice(0, ringTotal + 1),
    featureRings: Uint32Array.from(featureRings),
    ringOuter: ringOuter.slice(0, ringTotal),
  };
  return { features, multi: Uint8Array.from(multi), coordinatesStart: Uint32Array.from(coordinatesStart), coordinatesEnd: Uint32Array.from(coordinatesEnd), root, rings, bbox: [extreme(0), extreme(1), extreme(2), extreme(3)] };
}

/** A value to validate (JSON.parse at the end) and otherwise ignore. */
function check(start: number, end: number): void {
  if (checkCount + 2 > checkRanges.length) checkRanges = grown(checkRanges);
  checkRanges[checkCount++] = start;
  checkRanges[checkCount++] = end;
}

function grown(array: Uint32Array): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * JSON.parse of every range as one array (`[v0,v1,…]`; an empty range reads as null): the same
 * values as one JSON.parse per slice, and a syntax error anywhere hands over.
 */
function parseRanges(ranges: Uint32Array, length: number): unknown[] {
  if (length === 0) return [];
  let total = 2;
  for (let k = 0; k < length; k += 2) total += Math.max(4, ranges[k + 1]! - ranges[k]!) + 1;
  const joined = new Uint8Array(total);
  let at = 0;
  joined[at++] = 91;
  for (let k = 0; k < length; k += 2) {
    if (k > 0) joined[at++] = 44;
    const start = ranges[k]!;
    const end = ranges[k + 1]!;
    if (end > start) {
      joined.set(bytes.subarray(start, end), at);
      at += end - start;
    } else {
      joined.set(NULL, at);
      at += 4;
    }
  }
  joined[at++] = 93;
  const values = JSON.parse(strictUtf8.decode(joined.subarray(0, at))) as unknown[];
  if (values.length !== length / 2) throw HAND_OVER;
  return values;
}

const NULL = asciiBytes('null');

function scanFeature(multi: number[], coordinatesStart: number[], coordinatesEnd: number[]): void {
  expect(123);
  if (valueCount + 4 > valueRanges.length) valueRanges = grown(valueRanges);
  const slot = valueCount;
  valueRanges.fill(0, slot, slot + 4);
  valueCount += 4;
  let seen = 0;
  if (skipSpace() === 125) throw HAND_OVER;
  do {
    const key = readKey();
    const bit = 1 << key;
    if (key !== KEY_OTHER && seen & bit) throw HAND_OVER;
    seen |= bit;
    if (key === KEY_TYPE) readWord(FEATURE);
    else if (key === KEY_GEOMETRY) {
      multi.push(scanGeometry());
      coordinatesStart.push(geometryStart);
      coordinatesEnd.push(geometryEnd);
    } else if (key === KEY_PROPERTIES || key === KEY_ID) {
      const start = skipValue();
      // Properties nested deeper than the limit: the tree parser reports them (pathTooDeep's
      // depth counts from 0 at the value itself, so its limit is exceeded at MAX_JSON_DEPTH + 1 levels).
      if (key === KEY_PROPERTIES && skippedDepth > MAX_JSON_DEPTH) throw HAND_OVER;
      const at = slot + (key === KEY_ID ? 0 : 2);
      valueRanges[at] = start;
      valueRanges[at + 1] = pos;
    } else check(skipValue(), pos);
  } while (another(125));
  if (!(seen & (1 << KEY_TYPE)) || !(seen & (1 << KEY_GEOMETRY))) throw HAND_OVER;
}

/** Reads `{ "type": "Polygon" | "MultiPolygon", "coordinates": … }`; leaves the coordinates' range in geometryStart/End. */
function scanGeometry(): number {
  expect(123);
  let type = -1;
  let start = -1;
  let end = -1;
  if (skipSpace() === 125) throw HAND_OVER;
  do {
    const key = readKey();
    if (key === KEY_TYPE) {
      if (type >= 0) throw HAND_OVER;
      type = readWord(POLYGON_TYPES);
    } else if (key === KEY_COORDINATES) {
      // `coordinates` before `type` (rare) is left to the tree parser.
      if (type < 0 || start >= 0 || skipSpace() !== 91) throw HAND_OVER;
      start = pos;
      if (type === 0) scanPolygon();
      else {
        pos++;
        if (skipSpace() === 93) throw HAND_OVER;
        do scanPolygon();
        while (another(93));
      }
      end = pos;
    } else check(skipValue(), pos);
  } while (another(125));
  if (type < 0 || start < 0) throw HAND_OVER;
  geometryStart = start;
  geometryEnd = end;
  return type;
}

/** A polygon: a non-empty array of rings, the first one outer. */
function scanPolygon(): void {
  expect(91);
  if (skipSpace() === 93) throw HAND_OVER;
  let outer = 1;
  do {
    scanRing(outer);
    outer = 0;
  } while (another(93));
}

/** A ring: closed, at least 4 positions, every position [lon, lat] (numbers beyond are skipped). */
function scanRing(outer: number): void {
  expect(91);
  if (ringTotal + 1 >= ringOffsets.length) growRings();
  ringOffsets[ringTotal] = count;
  ringOuter[ringTotal] = outer;
  const first = count;
  let firstXStart = 0;
  let firstXEnd = 0;
  let firstYStart = 0;
  let firstYEnd = 0;
  let lastXStart: number;
  let lastXEnd: number;
  let lastYStart: number;
  let lastYEnd: number;
  do {
    expect(91);
    skipSpace();
    const qx = readNumber();
    const xStart = numberStart;
    const xEnd = numberEnd;
    if (!(qx > -MAX_LON_UNITS && qx < MAX_LON_UNITS)) throw HAND_OVER;
    // A step of 180° of longitude or more (the antimeridian, which the tree parser refuses), or
    // within a grid unit of it: the tree parser's.
    if (count > first && Math.abs(qx - xs[count - 1]!) > MAX_LON_UNITS - 2) throw HAND_OVER;
    expect(44);
    skipSpace();
    const qy = readNumber();
    const yStart = numberStart;
    const yEnd = numberEnd;
    if (!(qy > -MAX_LAT_UNITS && qy < MAX_LAT_UNITS)) throw HAND_OVER;
    // Further numbers (a height) are allowed and skipped; anything else is the tree parser's.
    while (another(93)) {
      skipSpace();
      readNumber();
    }
    if (count === xs.length) growPositions();
    xs[count] = qx;
    ys[count] = qy;
    if (count === first) {
      firstXStart = xStart;
      firstXEnd = xEnd;
      firstYStart = yStart;
      firstYEnd = yEnd;
    }
    lastXStart = xStart;
    lastXEnd = xEnd;
    lastYStart = yStart;
    lastYEnd = yEnd;
    count++;
    extend(0, qx, xStart, xEnd, -1);
    extend(2, qx, xStart, xEnd, 1);
    extend(1, qy, yStart, yEnd, -1);
    extend(3, qy, yStart, yEnd, 1);
  } while (another(93));
  // Fewer than 4 positions, or not closed (the tree parser closes it with a warning): hand over.
  const last = count - 1;
  if (last - first < 3) throw HAND_OVER;
  if (xs[first] !== xs[last] || ys[first] !== ys[last]) throw HAND_OVER;
  if (!sameNumber(firstXStart, firstXEnd, lastXStart, lastXEnd) || !sameNumber(firstYStart, firstYEnd, lastYStart, lastYEnd)) throw HAND_OVER;
  ringTotal++;
}

/** True when two number slices give the same double (same text, or equal by Number()). */
function sameNumber(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart === bEnd - bStart) {
    let k = 0;
    while (k < aEnd - aStart && bytes[aStart + k] === bytes[bStart + k]) k++;
    if (k === aEnd - aStart) return true;
  }
  return Number(textOf(aStart, aEnd)) === Number(textOf(bStart, bEnd));
}

/**
 * Tracks the bbox: `sign` −1 keeps the minimum, 1 the maximum. Grid values are monotone in the
 * doubles, so the exact extreme is among the numbers with the extreme grid value; ties between
 * different texts are settled with Number() (the first one wins on equal doubles, as in the tree path).
 */
function extend(slot: number, q: number, start: number, end: number, sign: number): void {
  const best = extremeQ[slot]!;
  if (sign * (q - best) > 0) {
    extremeQ[slot] = q;
    extremeStart[slot] = start;
    extremeEnd[slot] = end;
    extremeValue[slot] = NaN;
  } else if (q === best && !sameText(extremeStart[slot]!, extremeEnd[slot]!, start, end)) {
    let value = extremeValue[slot]!;
    if (Number.isNaN(value)) value = extremeValue[slot] = Number(textOf(extremeStart[slot]!, extremeEnd[slot]!));
    const candidate = Number(textOf(start, end));
    if (sign * (candidate - value) > 0) {
      extremeStart[slot] = start;
      extremeEnd[slot] = end;
      extremeValue[slot] = candidate;
    }
  }
}

function sameText(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let k = 0; k < aEnd - aStart; k++) if (bytes[aStart + k] !== bytes[bStart + k]) return false;
  return true;
}

function extreme(slot: number): number {
  const value = extremeValue[slot]!;
  return Number.isNaN(value) ? Number(textOf(extremeStart[slot]!, extremeEnd[slot]!)) : value;
}

/**
 * Reads a JSON number at `pos` (strict JSON grammar) and returns `Math.round(Number(text) × 1e7)`
 * computed from the digits; sets numberStart/numberEnd. Invalid grammar hands over.
 */
function readNumber(): number {
  // Locals instead of the module's state in the digit loops (a context load per byte otherwise).
  const b = bytes;
  const start = pos;
  let p = pos;
  let c = b[p]!;
  const negative = c === 45;
  if (negative) c = b[++p]!;
  let integer = 0;
  let integerDigits = 0;
  if (c === 48) {
    c = b[++p]!;
    if (c >= 48 && c <= 57) throw HAND_OVER;
    integerDigits = 1;
  } else if (c >= 49 && c <= 57) {
    do {
      integer = integer * 10 + (c - 48);
      integerDigits++;
      c = b[++p]!;
    } while (c >= 48 && c <= 57);
  } else throw HAND_OVER;
  // Grid value: integer digits and the first 7 fraction digits; then 9 rounding digits.
  let scaled = integer;
  let fractionDigits = 0;
  let tail = 0;
  let tailDigits = 0;
  let more = 0;
  if (c === 46) {
    c = b[++p]!;
    if (!(c >= 48 && c <= 57)) throw HAND_OVER;
    while (fractionDigits < 7 && c >= 48 && c <= 57) {
      scaled = scaled * 10 + (c - 48);
      fractionDigits++;
      c = b[++p]!;
    }
    while (tailDigits < 9 && c >= 48 && c <= 57) {
      tail = tail * 10 + (c - 48);
      tailDigits++;
      c = b[++p]!;
    }
    while (c >= 48 && c <= 57) {
      if (c !== 48) more = 1;
      c = b[++p]!;
    }
  }
  let exponent = false;
  if (c === 101 || c === 69) {
    exponent = true;
    c = b[++p]!;
    if (c === 43 || c === 45) c = b[++p]!;
    if (!(c >= 48 && c <= 57)) throw HAND_OVER;
    do c = b[++p]!;
    while (c >= 48 && c <= 57);
  }
  pos = p;
  numberStart = start;
  numberEnd = p;
  const rounding = tail * POW10[9 - tailDigits]!;
  if (exponent || integerDigits > 3 || (rounding + more >= HALF - MARGIN && rounding <= HALF + MARGIN)) return slowNumber(start, p);
  const magnitude = scaled * POW10[7 - fractionDigits]! + (rounding > HALF ? 1 : 0);
  return negative ? -magnitude : magnitude;
}

/** Today's computation on the slice: Math.round(Number(text) × 1e7); non-finite hands over. */
function slowNumber(start: number, end: number): number {
  const value = Number(textOf(start, end));
  if (!Number.isFinite(value)) throw HAND_OVER;
  return Math.round(value * 1e7);
}

function growPositions(): void {
  const bigger = (array: Int32Array) => {
    const grown = new Int32Array(array.length * 2);
    grown.set(array);
    return grown;
  };
  xs = bigger(xs);
  ys = bigger(ys);
}

function growRings(): void {
  const offsets = new Uint32Array(ringOffsets.length * 2);
  offsets.set(ringOffsets);
  ringOffsets = offsets;
  const outer = new Uint8Array(ringOuter.length * 2);
  outer.set(ringOuter);
  ringOuter = outer;
}
