/**
 * Community boundaries (GeoJSON) through the one validation boundary: structure, geometry types,
 * coordinate ranges (projected metres are rejected), ids, and conversion of Chinese map
 * coordinates (GCJ-02, BD-09) to WGS84.
 */
import gcoord from 'gcoord';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { InputError, MAX_REPORTED_ISSUES, describeValue, type InputErrorDetails } from '../errors.ts';
import type { BoundaryFeature, BoundarySet, Crs, InputWarning } from '../model.ts';
import { SCANNED_ORIGIN, UNITS_PER_DEGREE, cleanRings, type QuantizedRings, type ScannedOrigin } from '../adjacency/flat-rings.ts';
import { decodeText } from './decode.ts';
import { scanGeoJson } from './geojson-scan.ts';
import { MAX_JSON_DEPTH, isObject, ownValue, parseJsonText, pathTooDeep } from './json.ts';
import { isTopology, topologyToGeoJson } from './topojson.ts';
import { feature as topologyFeature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';

export interface ParseBoundariesOptions {
  /** File name for messages (default `boundaries.geojson`). */
  file?: string;
  /** Property that holds the id; default: feature `id`, else `properties.code`, else the index. */
  idField?: string;
  /** Coordinate system of the file; default: what the file declares, else WGS84. */
  crs?: Crs;
}

const NAME_FIELDS = ['name', '名称', 'NAME', 'Name', '社区名称'];
const STREET_FIELDS = ['street', '街道', 'STREET', '所属街道', '乡镇街道'];
const STREET_CODE_FIELDS = ['streetCode', 'street_code', '街道代码'];

const CRS_NAMES = new Map<string, Crs>([
  ['wgs84', 'WGS84'],
  ['epsg:4326', 'WGS84'],
  ['urn:ogc:def:crs:ogc:1.3:crs84', 'WGS84'],
  ['urn:ogc:def:crs:epsg::4326', 'WGS84'],
  ['crs84', 'WGS84'],
  ['gcj02', 'GCJ02'],
  ['gcj-02', 'GCJ02'],
  ['bd09', 'BD09'],
  ['bd-09', 'BD09'],
]);

/**
 * Validates a GeoJSON FeatureCollection of Polygon/MultiPolygon communities.
 * Every problem (up to 50) is collected and thrown together.
 *
 * Text and bytes (UTF-8; other encodings as `decodeText` reads them) go first through the byte
 * scanner (`scanGeoJson`), which reads the common shape without building the GeoJSON object
 * tree: coordinates go straight onto the adjacency grid (reused by `buildAdjacency` /
 * `flattenRings`), and each feature's `geometry.coordinates` is parsed from its slice only when
 * first read. Anything the scanner does not take (an error, an unusual structure, GCJ-02/BD-09)
 * is read by the object-tree parser (`parseBoundariesTree`); the result is the same either way.
 * Treat the returned geometries as read-only (replace `coordinates`, never edit them in place).
 * @throws InputError E_JSON, E_GEOJSON_TYPE, E_GEOMETRY, E_COORDINATES, E_PROJECTED, E_ID, E_DUPLICATE_ID
 * @example parseBoundaries(text, { file: 'communities.geojson' }).features[0].id // '330302026024'
 */
export function parseBoundaries(input: string | Uint8Array | unknown, options: ParseBoundariesOptions = {}): BoundarySet {
  if (input instanceof Uint8Array) {
    const topology = isTopologyHead(input) ? topologyOf(input, options) : undefined;
    if (topology) return parseTopologyBoundaries(topology, options);
    return scanBoundaries(input, options) ?? parseBoundariesTree(decodeText(input, options.file ? { file: options.file } : {}).text, options);
  }
  if (typeof input === 'string' && isWellFormed(input)) return scanBoundaries(new TextEncoderClass().encode(input), options) ?? parseBoundariesTree(input, options);
  if (isTopology(input)) return parseTopologyBoundaries(input, options);
  return parseBoundariesTree(input, options);
}

/**
 * A TopoJSON topology's polygon object (the one with the most polygons) as a BoundarySet, read
 * from the arcs without building GeoJSON: every ring is stitched from its arcs (delta decoding,
 * transform, `~i` reversal and the shared end points exactly as topojson-client's `feature`)
 * straight onto the adjacency grid, and a geometry's `coordinates` are made by topojson-client
 * only when first read (issue 18). Anything unusual (a choice of coordinate system, a geometry
 * that is not a polygon, an open ring, a ring across 180°, coordinates out of range, bad arc
 * references or properties) is read the GeoJSON way (`topologyToGeoJson`, then the tree
 * parser), so answers, errors and warnings are always that reader's.
 * @throws InputError as `parseBoundaries` and `topologyToGeoJson`
 */
export function parseTopologyBoundaries(topology: Topology, options: ParseBoundariesOptions = {}): BoundarySet {
  return readTopologyBoundaries(topology, options) ?? parseBoundariesTree(topologyToGeoJson(topology, options.file ? { file: options.file } : {}), options);
}

/** The topology the bytes hold, or undefined (not JSON, not a Topology): the GeoJSON readers then say what is wrong. */
function topologyOf(bytes: Uint8Array, options: ParseBoundariesOptions): Topology | undefined {
  let value: unknown;
  try {
    value = JSON.parse(decodeText(bytes, options.file ? { file: options.file } : {}).text);
  } catch {
    return undefined;
  }
  return isTopology(value) ? value : undefined;
}

/** True when the head of the bytes declares a TopoJSON Topology (as the importer recognises it). */
function isTopologyHead(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 4096));
  return /^(\xEF\xBB\xBF)?\s*\{/.test(head) && /"type"\s*:\s*"Topology"/.test(head);
}

/** A topology geometry's origin: its rings on the grid, and what its lazy `coordinates` need. */
interface TopologySource extends ScannedOrigin {
  topology: Topology | null;
  object: GeometryObject | null;
  /** Some ring is open: close it as the tree parser does (its first position appended). */
  close: boolean;
  /** Never bytes (so `readScannedSlicesFrom` leaves it alone). */
  bytes: null;
  coordinates: unknown;
  read: boolean;
}

/** `coordinates` of a topology geometry: topojson-client's, made on first read, then kept. */
const TOPOLOGY_COORDINATES: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Record<symbol, TopologySource>): unknown {
    const source = this[SCANNED_ORIGIN]!;
    if (!source.read) {
      const geometry = (topologyFeature(source.topology!, source.object!) as unknown as { geometry: Polygon | MultiPolygon }).geometry;
      if (source.close) {
        const close = (ring: Position[]) => (ring[0]![0] !== ring[ring.length - 1]![0] || ring[0]![1] !== ring[ring.length - 1]![1] ? [...ring, ring[0]!] : ring);
        geometry.coordinates = geometry.type === 'Polygon' ? geometry.coordinates.map(close) : geometry.coordinates.map((rings) => rings.map(close));
      }
      source.coordinates = geometry.coordinates;
      source.read = true;
      source.topology = null;
      source.object = null;
    }
    return source.coordinates;
  },
  set(this: Record<symbol, TopologySource>, coordinates: unknown): void {
    const source = this[SCANNED_ORIGIN]!;
    source.coordinates = coordinates;
    source.read = true;
    source.rings = null;
    source.topology = null;
    source.object = null;
  },
};

/** The topology's BoundarySet read from its arcs, or undefined when the GeoJSON way must read it. */
function readTopologyBoundaries(topology: Topology, options: ParseBoundariesOptions): BoundarySet | undefined {
  if (options.crs !== undefined && options.crs !== 'WGS84') return undefined;
  const file = options.file ?? 'boundaries.geojson';
  // The object topologyToGeoJson reads: the one with the most polygons (its arc references are checked below).
  const objects = topology.objects as Record<string, unknown> | null | undefined;
  if (typeof objects !== 'object' || objects === null) return undefined;
  const polygonCount = (name: string) => {
    const geometries = ownValue(objects[name], 'type') === 'GeometryCollection' ? ownValue(objects[name], 'geometries') : undefined;
    return Array.isArray(geometries) ? geometries.filter((geometry) => ownValue(geometry, 'type') === 'Polygon' || ownValue(geometry, 'type') === 'MultiPolygon').length : 0;
  };
  const name = Object.keys(objects).sort((a, b) => polygonCount(b) - polygonCount(a))[0];
  if (name === undefined) return undefined;
  const object = objects[name];
  const list = ownValue(object, 'type') === 'GeometryCollection' ? ownValue(object, 'geometries') : undefined;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const arcs = decodeArcs(topology);
  if (!arcs) return undefined;
  const { lon, lat, arcOffsets } = arcs;
  const arcCount = arcOffsets.length - 1;

  // Pass 1: structure and sizes (positions per ring as topojson-client stitches and pads them).
  let positions = 0;
  let ringTotal = 0;
  for (const geometry of list as unknown[]) {
    const type = ownValue(geometry, 'type');
    const value = ownValue(geometry, 'arcs');
    const polygons = type === 'Polygon' ? [value] : type === 'MultiPolygon' ? value : undefined;
    if (!Array.isArray(polygons) || polygons.length === 0) return undefined;
    if (pathTooDeep(ownValue(geometry, 'properties')) !== undefined) return undefined;
    for (const rings of polygons as unknown[]) {
      if (!Array.isArray(rings) || rings.length === 0) return undefined;
      for (const ring of rings as unknown[]) {
        if (!Array.isArray(ring) || ring.length === 0) return undefined;
        let length = 0;
        for (const reference of ring as unknown[]) {
          if (typeof reference !== 'number' || !Number.isInteger(reference)) return undefined;
          const arc = reference < 0 ? ~reference : reference;
          if (arc >= arcCount) return undefined;
          const n = arcOffsets[arc + 1]! - arcOffsets[arc]!;
          if (n === 0) return undefined;
          length += length > 0 ? n - 1 : n;
        }
        positions += Math.max(4, length);
        ringTotal++;
      }
    }
  }

  // Pass 2: stitch each ring, check it as the tree parser would, and quantize it.
  const featureCount = list.length;
  // Room for a closing position per ring.
  const x = new Int32Array(positions + ringTotal);
  const y = new Int32Array(positions + ringTotal);
  const ringOffset = new Uint32Array(ringTotal + 1);
  const featureRings = new Uint32Array(featureCount + 1);
  const ringOuter = new Uint8Array(ringTotal);
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  let ringLon = new Float64Array(64);
  let ringLat = new Float64Array(64);
  let n = 0;
  let ringCount = 0;
  const closedRings: string[] = [];
  const closedIn = new Uint8Array(list.length);
  for (let f = 0; f < featureCount; f++) {
    featureRings[f] = ringCount;
    const geometry = list[f] as { type: string; arcs: unknown };
    const polygons = (geometry.type === 'Polygon' ? [geometry.arcs] : geometry.arcs) as number[][][];
    for (let p = 0; p < polygons.length; p++) {
      const rings = polygons[p]!;
      for (let r = 0; r < rings.length; r++) {
        const ring = rings[r]!;
        // topojson-client: each arc after the first replaces the previous arc's last point.
        let length = 0;
        for (const reference of ring) {
          const arc = reference < 0 ? ~reference : reference;
          const from = arcOffsets[arc]!;
          const count = arcOffsets[arc + 1]! - from;
          if (length > 0) length--;
          if (length + Math.max(4, count) + 1 > ringLon.length) {
            const grownLon = new Float64Array(2 * (length + Math.max(4, count) + 1));
            const grownLat = new Float64Array(grownLon.length);
            grownLon.set(ringLon.subarray(0, length));
            grownLat.set(ringLat.subarray(0, length));
            ringLon = grownLon;
            ringLat = grownLat;
          }
          for (let k = 0; k < count; k++) {
            const at = reference < 0 ? from + count - 1 - k : from + k;
            ringLon[length] = lon[at]!;
            ringLat[length++] = lat[at]!;
          }
        }
        while (length < 4) {
          ringLon[length] = ringLon[0]!;
          ringLat[length++] = ringLat[0]!;
        }
        // A ring across 180° is refused: the tree parser's words. An open ring is closed, as there.
        for (let k = 1; k < length; k++) if (Math.abs(ringLon[k]! - ringLon[k - 1]!) > 180) return undefined;
        if (ringLon[0] !== ringLon[length - 1] || ringLat[0] !== ringLat[length - 1]) {
          closedRings.push(`features[${f}].geometry.coordinates${geometry.type === 'Polygon' ? '' : `[${p}]`}[${r}]`);
          closedIn[f] = 1;
          ringLon[length] = ringLon[0]!;
          ringLat[length++] = ringLat[0]!;
        }
        for (let k = 0; k < length; k++) {
          const lonK = ringLon[k]!;
          const latK = ringLat[k]!;
          if (!(Math.abs(lonK) <= 180 && Math.abs(latK) <= 90)) return undefined;
          if (lonK < bbox[0]) bbox[0] = lonK;
          if (latK < bbox[1]) bbox[1] = latK;
          if (lonK > bbox[2]) bbox[2] = lonK;
          if (latK > bbox[3]) bbox[3] = latK;
          x[n] = Math.round(lonK * UNITS_PER_DEGREE);
          y[n] = Math.round(latK * UNITS_PER_DEGREE);
          n++;
        }
        ringOuter[ringCount] = r === 0 ? 1 : 0;
        ringCount++;
        ringOffset[ringCount] = n;
      }
    }
  }
  featureRings[featureCount] = ringCount;

  // The features topojson-client's `feature` would make (id and bbox only when present).
  const raw = (list as Record<string, unknown>[]).map((geometry) => {
    const properties = geometry.properties == null ? {} : geometry.properties;
    return geometry.id == null && geometry.bbox == null ? { type: 'Feature', properties } : geometry.bbox == null ? { type: 'Feature', id: geometry.id, properties } : { type: 'Feature', id: geometry.id, bbox: geometry.bbox, properties };
  });
  let identified: ReturnType<typeof identify>;
  try {
    identified = identify(raw, options.idField, file);
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
  const { ids, idSource } = identified;
  const warnings: InputWarning[] = closedRings.length > 0 ? [{ code: 'W_RING_CLOSED', message: `文件 ${file} 中有 ${closedRings.length} 个未闭合的环，已自动闭合：${listPreview(closedRings)}` }] : [];
  warnings.push(...identified.warnings);
  const quantized: QuantizedRings = { featureCount, x, y, ringCount, ringOffset, featureRings, ringOuter };
  const rings = cleanRings(quantized);
  const features: BoundaryFeature[] = [];
  for (let i = 0; i < featureCount; i++) {
    const geometryObject = list[i] as GeometryObject & { type: 'Polygon' | 'MultiPolygon' };
    const geometry = { type: geometryObject.type } as Polygon | MultiPolygon;
    const source: TopologySource = { rings, index: i, topology, object: geometryObject, close: closedIn[i] === 1, bytes: null, coordinates: undefined, read: false };
    Object.defineProperty(geometry, SCANNED_ORIGIN, { value: source });
    Object.defineProperty(geometry, 'coordinates', TOPOLOGY_COORDINATES);
    features.push(boundaryFeature(i, ids[i]!, raw[i], geometry));
  }
  return { file, features, idSource, bbox, sourceCrs: 'WGS84', warnings };
}

/** Every arc's positions as topojson-client decodes them (deltas summed, then the transform), or undefined when one is not a number pair. */
function decodeArcs(topology: Topology): { lon: Float64Array; lat: Float64Array; arcOffsets: Uint32Array } | undefined {
  const arcs = topology.arcs as unknown;
  if (!Array.isArray(arcs)) return undefined;
  let total = 0;
  for (const arc of arcs) {
    if (!Array.isArray(arc)) return undefined;
    total += arc.length;
  }
  const transform = topology.transform as { scale?: unknown; translate?: unknown } | null | undefined;
  let kx = 1;
  let ky = 1;
  let dx = 0;
  let dy = 0;
  if (transform != null) {
    const { scale, translate } = transform;
    if (!Array.isArray(scale) || !Array.isArray(translate) || ![scale[0], scale[1], translate[0], translate[1]].every((value) => typeof value === 'number' && Number.isFinite(value))) return undefined;
    [kx, ky] = scale as [number, number];
    [dx, dy] = translate as [number, number];
  }
  const lon = new Float64Array(total);
  const lat = new Float64Array(total);
  const arcOffsets = new Uint32Array(arcs.length + 1);
  let n = 0;
  for (let a = 0; a < arcs.length; a++) {
    const arc = arcs[a] as unknown[];
    let x0 = 0;
    let y0 = 0;
    for (let k = 0; k < arc.length; k++) {
      const position = arc[k];
      if (!Array.isArray(position) || position.length < 2 || typeof position[0] !== 'number' || typeof position[1] !== 'number') return undefined;
      if (transform != null) {
        lon[n] = (x0 += position[0]) * kx + dx;
        lat[n] = (y0 += position[1]) * ky + dy;
      } else {
        lon[n] = position[0];
        lat[n] = position[1];
      }
      if (!Number.isFinite(lon[n]!) || !Number.isFinite(lat[n]!)) return undefined;
      n++;
    }
    arcOffsets[a + 1] = n;
  }
  return { lon, lat, arcOffsets };
}

/**
 * The object-tree parser: `JSON.parse`, then validation of the GeoJSON value. Gives the same
 * BoundarySet as `parseBoundaries` (which uses it for whatever the byte scanner hands over).
 * @throws InputError as `parseBoundaries`
 */
export function parseBoundariesTree(input: string | unknown, options: ParseBoundariesOptions = {}): BoundarySet {
  const file = options.file ?? 'boundaries.geojson';
  const root = typeof input === 'string' ? parseJsonText(input, file, '合法的 JSON（GeoJSON）文本') : input;
  const fail = (details: Omit<InputErrorDetails, 'file'>): never => {
    throw new InputError({ ...details, file });
  };
  if (!isObject(root)) return fail({ code: 'E_GEOJSON_TYPE', path: '(根)', expected: 'GeoJSON 对象', actual: describeValue(root) });
  const rootType = ownValue(root, 'type');
  if (rootType !== 'FeatureCollection' && rootType !== 'Feature') {
    return fail({ code: 'E_GEOJSON_TYPE', path: 'type', expected: 'FeatureCollection（每个社区一个 Polygon/MultiPolygon 要素）', actual: describeValue(rootType) });
  }
  const rawFeatures = rootType === 'Feature' ? [root] : ownValue(root, 'features');
  if (!Array.isArray(rawFeatures)) {
    return fail({ code: 'E_GEOJSON_TYPE', path: 'features', expected: '要素数组（FeatureCollection 的 features 必须是数组）', actual: describeValue(rawFeatures) });
  }

  const sourceCrs = options.crs ?? declaredCrs(root, fail);
  const warnings: InputWarning[] = [];
  const issues: InputErrorDetails[] = [];
  const report = (details: Omit<InputErrorDetails, 'file'>) => {
    if (issues.length < MAX_REPORTED_ISSUES) issues.push({ ...details, file });
  };
  const closedRings: string[] = [];

  const geometries: (Polygon | MultiPolygon | null)[] = rawFeatures.map((feature, i) => {
    const path = `features[${i}]`;
    if (!isObject(feature) || ownValue(feature, 'type') !== 'Feature') {
      report({ code: 'E_GEOJSON_TYPE', path, expected: 'type 为 "Feature" 的要素', actual: describeValue(isObject(feature) ? ownValue(feature, 'type') : feature) });
      return null;
    }
    const deep = pathTooDeep(ownValue(feature, 'properties'));
    if (deep !== undefined) {
      report({ code: 'E_VALUE', path: `${path}.properties${deep}`, expected: `嵌套不超过 ${MAX_JSON_DEPTH} 层的属性值`, actual: `嵌套超过 ${MAX_JSON_DEPTH} 层` });
      return null;
    }
    const geometry = ownValue(feature, 'geometry');
    const geometryType = ownValue(geometry, 'type');
    if (!isObject(geometry) || (geometryType !== 'Polygon' && geometryType !== 'MultiPolygon')) {
      report({ code: 'E_GEOMETRY', path: `${path}.geometry`, expected: 'Polygon 或 MultiPolygon 几何', actual: isObject(geometry) ? describeValue(geometryType) : describeValue(geometry) });
      return null;
    }
    const coordinates = ownValue(geometry, 'coordinates');
    const polygons = geometryType === 'Polygon' ? [coordinates] : coordinates;
    const basePath = `${path}.geometry.coordinates`;
    if (!Array.isArray(polygons) || polygons.length === 0) {
      report({ code: 'E_COORDINATES', path: basePath, expected: '非空的坐标数组', actual: describeValue(polygons) });
      return null;
    }
    const checked: Position[][][] = [];
    for (let p = 0; p < polygons.length; p++) {
      const rings = polygons[p];
      const polygonPath = geometryType === 'Polygon' ? basePath : `${basePath}[${p}]`;
      if (!Array.isArray(rings) || rings.length === 0) {
        report({ code: 'E_COORDINATES', path: polygonPath, expected: '至少含一个环（外环）的数组', actual: describeValue(rings) });
        return null;
      }
      const checkedRings: Position[][] = [];
      for (let r = 0; r < rings.length; r++) {
        const ringPath = `${polygonPath}[${r}]`;
        const ring = checkRing(rings[r], ringPath, report);
        if (!ring) return null;
        if (ring.closed) closedRings.push(ringPath);
        checkedRings.push(ring.positions);
      }
      checked.push(checkedRings);
    }
    return geometryType === 'Polygon' ? { type: 'Polygon', coordinates: checked[0]! } : { type: 'MultiPolygon', coordinates: checked };
  });
  InputError.throwIfAny(issues);
  if (closedRings.length > 0) warnings.push({ code: 'W_RING_CLOSED', message: `文件 ${file} 中有 ${closedRings.length} 个未闭合的环，已自动闭合：${listPreview(closedRings)}` });

  const { ids, idSource, warnings: idWarnings } = identify(rawFeatures as Record<string, unknown>[], options.idField, file);
  warnings.push(...idWarnings);

  const features: BoundaryFeature[] = [];
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < rawFeatures.length; i++) {
    let geometry = geometries[i]!;
    // gcoord transforms in place: give it a copy so the caller's input stays untouched.
    if (sourceCrs !== 'WGS84') geometry = toWgs84(geometry, sourceCrs);
    extendBbox(bbox, geometry);
    features.push(boundaryFeature(i, ids[i]!, rawFeatures[i], geometry));
  }
  if (features.length === 0) warnings.push({ code: 'W_EMPTY', message: `文件 ${file} 不含任何要素` });
  assertGeographic(features, bbox, file);
  return { file, features, idSource, bbox, sourceCrs, warnings };
}

interface TextCodec {
  encode(text: string): Uint8Array;
}
/** WHATWG TextEncoder / TextDecoder (Node, browsers, workers), reached through globalThis: core compiles without DOM types. */
const TextEncoderClass = (globalThis as unknown as { TextEncoder: new () => TextCodec }).TextEncoder;
const utf8 = new (globalThis as unknown as { TextDecoder: new () => { decode(bytes: Uint8Array): string } }).TextDecoder();

/** False for a string with lone surrogates (UTF-8 cannot carry them: the tree parser reads it). */
function isWellFormed(text: string): boolean {
  const check = (text as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  return check ? check.call(text) : !/[\uD800-\uDFFF]/.test(text);
}

/**
 * The byte scanner's BoundarySet, or undefined when the object-tree parser must read the file
 * (every error and warning other than the id warnings comes from there).
 */
function scanBoundaries(bytes: Uint8Array, options: ParseBoundariesOptions): BoundarySet | undefined {
  if (options.crs !== undefined && options.crs !== 'WGS84') return undefined;
  const file = options.file ?? 'boundaries.geojson';
  const scan = scanGeoJson(bytes);
  if (!scan) return undefined;
  const raw = scan.features as Record<string, unknown>[];
  let identified: ReturnType<typeof identify>;
  try {
    const sourceCrs = options.crs ?? declaredCrs(scan.root, (details) => {
      throw new InputError({ ...details, file });
    });
    if (sourceCrs !== 'WGS84') return undefined;
    identified = identify(raw, options.idField, file);
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
  const { ids, idSource, warnings } = identified;
  // Cleaned now, so that the raw grid arrays are garbage before the adjacency passes run.
  const rings = cleanRings(scan.rings);
  const features: BoundaryFeature[] = [];
  for (let i = 0; i < raw.length; i++) {
    const geometry = lazyGeometry(scan.multi[i] ? 'MultiPolygon' : 'Polygon', { rings, index: i, bytes, reread: null, start: scan.coordinatesStart[i]!, end: scan.coordinatesEnd[i]!, coordinates: undefined, read: false });
    features.push(boundaryFeature(i, ids[i]!, raw[i], geometry, true));
  }
  return { file, features, idSource, bbox: scan.bbox, sourceCrs: 'WGS84', warnings };
}

/** A scanned geometry's origin plus what its lazy `coordinates` need. */
interface LazySource extends ScannedOrigin {
  /** The scanned bytes, or null once `readScannedSlicesFrom` gave a reader instead. */
  bytes: Uint8Array | null;
  /** Bytes start..end of the scanned input, when `bytes` is null. */
  reread: ((start: number, end: number) => Uint8Array) | null;
  start: number;
  end: number;
  coordinates: unknown;
  read: boolean;
}

/**
 * Lets the scanned geometries of `boundaries` whose coordinates are not read yet get them from
 * `reread(start, end)` (bytes start..end of `bytes`, e.g. read again from the file on disk)
 * instead of holding `bytes`, so that `bytes` can be collected: the coordinate text is most of a
 * GeoJSON file, and an analysis that never reads a geometry's `coordinates` (`lianpian analyze`
 * without a selection) needs none of it after the scan. Only geometries scanned from this very
 * `bytes` array change (not those of an inflated or decoded copy). Returns how many changed.
 * `reread` must return the same bytes the scan saw, or throw (e.g. when the file changed).
 * @example readScannedSlicesFrom(dataset.boundaries, bytes, (start, end) => readSlice(file, start, end))
 */
export function readScannedSlicesFrom(boundaries: Pick<BoundarySet, 'features'>, bytes: Uint8Array, reread: (start: number, end: number) => Uint8Array): number {
  let changed = 0;
  for (const feature of boundaries.features) {
    const source = (feature.geometry as unknown as Record<symbol, LazySource | undefined>)[SCANNED_ORIGIN];
    if (!source || source.read || source.bytes !== bytes) continue;
    source.bytes = null;
    source.reread = reread;
    changed++;
  }
  return changed;
}

/**
 * `coordinates` of a scanned geometry: parsed from its byte slice when first read, then kept.
 * One shared accessor (per-object closures cost several µs a feature); an own enumerable
 * property, so structured cloning, JSON.stringify and object spread all see the coordinates.
 * Assigning new coordinates detaches the geometry from the scanned rings.
 */
const LAZY_COORDINATES: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: Record<symbol, LazySource>): unknown {
    const source = this[SCANNED_ORIGIN]!;
    if (!source.read) {
      const slice = source.bytes ? source.bytes.subarray(source.start, source.end) : source.reread!(source.start, source.end);
      source.coordinates = JSON.parse(utf8.decode(slice));
      source.read = true;
      source.bytes = null;
      source.reread = null;
    }
    return source.coordinates;
  },
  set(this: Record<symbol, LazySource>, coordinates: unknown): void {
    const source = this[SCANNED_ORIGIN]!;
    source.coordinates = coordinates;
    source.read = true;
    source.rings = null;
    source.bytes = null;
    source.reread = null;
  },
};

function lazyGeometry(type: 'Polygon' | 'MultiPolygon', source: LazySource): Polygon | MultiPolygon {
  const geometry = { type } as Polygon | MultiPolygon;
  Object.defineProperty(geometry, SCANNED_ORIGIN, { value: source });
  Object.defineProperty(geometry, 'coordinates', LAZY_COORDINATES);
  return geometry;
}

/**
 * A community of the file: its id, the name and street from its properties, its geometry (every
 * reader builds it here). `properties` is a copy unless `own` says the reader parsed it itself
 * and nothing else holds it (the byte scanner: one object fewer per community to collect).
 */
function boundaryFeature(index: number, id: string, raw: unknown, geometry: BoundaryFeature['geometry'], own = false): BoundaryFeature {
  const rawProperties = ownValue(raw, 'properties');
  const properties = isObject(rawProperties) ? (own ? rawProperties : { ...rawProperties }) : {};
  return { index, id, name: firstText(properties, NAME_FIELDS) ?? id, street: firstText(properties, STREET_FIELDS) ?? '', streetCode: firstText(properties, STREET_CODE_FIELDS) ?? '', geometry, properties };
}

/**
 * Ids (from `idField`, else the feature `id`, else `properties.code`, else the index) and the
 * warnings about them. @throws InputError E_ID, E_DUPLICATE_ID
 */
function identify(rawFeatures: readonly Record<string, unknown>[], idField: string | undefined, file: string): { ids: string[]; idSource: string; warnings: InputWarning[] } {
  const warnings: InputWarning[] = [];
  const issues: InputErrorDetails[] = [];
  const report = (details: Omit<InputErrorDetails, 'file'>) => {
    if (issues.length < MAX_REPORTED_ISSUES) issues.push({ ...details, file });
  };
  const { ids, idSource, missing } = chooseIds(rawFeatures, idField, file);
  const seen = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const first = seen.get(ids[i]!);
    if (first !== undefined) report({ code: 'E_DUPLICATE_ID', path: `features[${i}]`, field: idSource, expected: '每个要素唯一的编码', actual: `${describeValue(ids[i])}（与 features[${first}] 重复）` });
    else seen.set(ids[i]!, i);
  }
  InputError.throwIfAny(issues);
  if (idSource === 'index') warnings.push(indexIdWarning(rawFeatures, missing, file));
  if (idSource !== 'code') {
    const duplicated = duplicatedCodes(rawFeatures);
    if (duplicated.length > 0) {
      warnings.push({
        code: 'W_DUPLICATE_CODE',
        message: `文件 ${file} 中 ${duplicated.length} 个 properties.code 被多个要素共用：${listPreview(duplicated.map(({ code, indices }) => `${code}（${indices.map((i) => `features[${i}]`).join('、')}）`))}；编码取自 ${idSource === 'index' ? '顺序号' : idSource}，按社区代码关联状态表时这些社区无法区分`,
      });
    }
  }

  return { ids, idSource, warnings };
}

/** The CRS a file declares (legacy `crs` member or a `coordinateSystem` foreign member). */
function declaredCrs(root: Record<string, unknown>, fail: (details: Omit<InputErrorDetails, 'file'>) => never): Crs {
  const legacy = ownValue(ownValue(ownValue(root, 'crs'), 'properties'), 'name');
  const system = ownValue(root, 'coordinateSystem');
  const declared = typeof system === 'string' ? system : typeof legacy === 'string' ? legacy : undefined;
  if (declared === undefined) return 'WGS84';
  const crs = CRS_NAMES.get(declared.toLowerCase());
  if (!crs) {
    return fail({ code: 'E_PROJECTED', path: 'crs', expected: 'WGS84 经纬度（EPSG:4326），或声明为 GCJ02 / BD09 的经纬度', actual: describeValue(declared) });
  }
  return crs;
}

type Report = (details: Omit<InputErrorDetails, 'file'>) => void;

function checkRing(ring: unknown, path: string, report: Report): { positions: Position[]; closed: boolean } | null {
  if (!Array.isArray(ring)) {
    report({ code: 'E_COORDINATES', path, expected: '坐标点数组（线性环）', actual: describeValue(ring) });
    return null;
  }
  for (let k = 0; k < ring.length; k++) {
    const position = ring[k];
    if (!Array.isArray(position) || position.length < 2 || !Number.isFinite(position[0]) || !Number.isFinite(position[1])) {
      report({ code: 'E_COORDINATES', path: `${path}[${k}]`, expected: '[经度, 纬度] 数字对', actual: describeValue(position) });
      return null;
    }
  }
  const positions = ring as Position[];
  // RFC 7946 §3.1.9: a ring crossing the antimeridian must be cut there; read whole, it wraps the globe (~438,000 km²).
  const jump = positions.findIndex((position, k) => k > 0 && Math.abs(position[0]! - positions[k - 1]![0]!) > 180);
  if (jump > 0) {
    report({ code: 'E_COORDINATES', path: `${path}[${jump}]`, expected: '不跨越 180° 经线的环（跨越处请拆分为 MultiPolygon 的两部分，RFC 7946 §3.1.9）', actual: `与前一点经度相差 ${Math.round(Math.abs(positions[jump]![0]! - positions[jump - 1]![0]!))}°` });
    return null;
  }
  const first = positions[0];
  const last = positions[positions.length - 1];
  const needsClosing = first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1]);
  const closedRing = needsClosing ? [...positions, first] : positions;
  if (closedRing.length < 4) {
    report({ code: 'E_COORDINATES', path, expected: '至少 4 个坐标点的闭合环', actual: `${positions.length} 个坐标点` });
    return null;
  }
  return { positions: closedRing, closed: needsClosing };
}

/** Features whose `id` / `properties.code` is missing, when the ids had to come from the index. */
interface MissingIds {
  id: number[];
  code: number[];
}

const idText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined);
const propertyText = (feature: unknown, name: string) => idText(ownValue(ownValue(feature, 'properties'), name));

function chooseIds(features: readonly Record<string, unknown>[], idField: string | undefined, file: string): { ids: string[]; idSource: string; missing: MissingIds } {
  const missing: MissingIds = { id: [], code: [] };
  if (idField !== undefined) {
    const issues: InputErrorDetails[] = [];
    const ids = features.map((feature, i) => {
      const id = propertyText(feature, idField);
      if (id === undefined && issues.length < MAX_REPORTED_ISSUES) {
        issues.push({ code: 'E_ID', file, path: `features[${i}].properties`, field: idField, expected: '非空的编码（文本或数字）', actual: describeValue(ownValue(ownValue(feature, 'properties'), idField)) });
      }
      return id ?? '';
    });
    InputError.throwIfAny(issues);
    return { ids, idSource: idField, missing };
  }
  const featureIds = features.map((feature) => idText(ownValue(feature, 'id')));
  if (featureIds.every((id) => id !== undefined)) return { ids: featureIds as string[], idSource: 'id', missing };
  const codes = features.map((feature) => propertyText(feature, 'code'));
  if (codes.every((id) => id !== undefined)) return { ids: codes as string[], idSource: 'code', missing };
  features.forEach((_, i) => {
    if (featureIds[i] === undefined) missing.id.push(i);
    if (codes[i] === undefined) missing.code.push(i);
  });
  return { ids: features.map((_, i) => String(i)), idSource: 'index', missing };
}

/** At most this many items are named in one warning; the rest are counted. */
const LISTED_IN_WARNING = 10;

function listPreview(items: readonly string[]): string {
  const shown = items.slice(0, LISTED_IN_WARNING).join('、');
  return items.length > LISTED_IN_WARNING ? `${shown} 等 ${items.length} 处` : shown;
}

/** W_ID_FROM_INDEX that says which features lack an `id` and which lack `properties.code`. */
function indexIdWarning(features: readonly Record<string, unknown>[], missing: MissingIds, file: string): InputWarning {
  const label = (i: number) => {
    const properties = ownValue(features[i], 'properties');
    const name = isObject(properties) ? firstText(properties, NAME_FIELDS) : undefined;
    return name === undefined ? `features[${i}]` : `features[${i}]「${name}」`;
  };
  const lacking = (indices: readonly number[], what: string) =>
    indices.length === features.length ? `所有要素都没有 ${what}` : `${indices.length} 个要素没有 ${what}：${listPreview(indices.map(label))}`;
  return {
    code: 'W_ID_FROM_INDEX',
    message: `文件 ${file}：${lacking(missing.id, 'id')}；${lacking(missing.code, 'properties.code')}。已全部按顺序编号（0, 1, 2…）；请为每个要素提供社区代码以便与状态表关联`,
  };
}

/** properties.code values shared by two or more features, with the features' indices, in file order. */
function duplicatedCodes(features: readonly Record<string, unknown>[]): { code: string; indices: number[] }[] {
  const byCode = new Map<string, number[]>();
  features.forEach((feature, i) => {
    const code = propertyText(feature, 'code');
    if (code === undefined) return;
    const indices = byCode.get(code);
    if (indices) indices.push(i);
    else byCode.set(code, [i]);
  });
  return [...byCode].filter(([, indices]) => indices.length > 1).map(([code, indices]) => ({ code, indices }));
}

function firstText(properties: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = ownValue(properties, name);
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return undefined;
}

/** Converts GCJ-02 / BD-09 coordinates (Amap, Tencent, Baidu) to WGS84 with gcoord, on a copy. */
function toWgs84(geometry: Polygon | MultiPolygon, crs: Exclude<Crs, 'WGS84'>): Polygon | MultiPolygon {
  type GcoordInput = Parameters<typeof gcoord.transform>[0];
  return gcoord.transform(copyGeometry(geometry) as unknown as GcoordInput, gcoord[crs], gcoord.WGS84) as unknown as Polygon | MultiPolygon;
}

function copyGeometry<G extends Polygon | MultiPolygon>(geometry: G): G {
  const copyRings = (rings: Position[][]) => rings.map((ring) => ring.map((position) => [position[0]!, position[1]!]));
  return (geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: copyRings(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: (geometry as MultiPolygon).coordinates.map(copyRings) }) as G;
}

function forEachPosition(geometry: Polygon | MultiPolygon, fn: (x: number, y: number) => void): void {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polygons) for (const ring of rings) for (const position of ring) fn(position[0]!, position[1]!);
}

function extendBbox(bbox: [number, number, number, number], geometry: Polygon | MultiPolygon): void {
  forEachPosition(geometry, (x, y) => {
    if (x < bbox[0]) bbox[0] = x;
    if (y < bbox[1]) bbox[1] = y;
    if (x > bbox[2]) bbox[2] = x;
    if (y > bbox[3]) bbox[3] = y;
  });
}

/** Rejects coordinates outside lon/lat ranges: the file is projected (metres), not WGS84. */
function assertGeographic(features: readonly BoundaryFeature[], bbox: readonly number[], file: string): void {
  if (features.length === 0) return;
  const [west, south, east, north] = bbox as [number, number, number, number];
  if (west >= -180 && east <= 180 && south >= -90 && north <= 90) return;
  for (const feature of features) {
    let bad: [number, number] | undefined;
    forEachPosition(feature.geometry, (x, y) => {
      if (!bad && (Math.abs(x) > 180 || Math.abs(y) > 90)) bad = [x, y];
    });
    if (bad) {
      throw new InputError({
        code: 'E_PROJECTED',
        file,
        path: `features[${feature.index}].geometry.coordinates`,
        expected: 'WGS84 经纬度（经度 −180–180，纬度 −90–90）；文件似乎是投影坐标（米），请在 GIS 软件中导出为 EPSG:4326',
        actual: `(${bad[0]}, ${bad[1]})`,
      });
    }
  }
}
