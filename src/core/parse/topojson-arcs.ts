/**
 * TopoJSON without GeoJSON: the arcs read into typed arrays (delta decoding and the transform
 * applied exactly as topojson-client does, then put on the engine's 1e-7° grid), and rook
 * neighbours straight from the shared arcs. In a topology every boundary line shared by two
 * polygons is stored once, as an arc both reference, so two polygons share a border of positive
 * length exactly when they reference a common arc of positive length — no segment matching.
 */
import type { GeometryObject, Topology } from 'topojson-specification';
import { InputError, describeValue } from '../errors.ts';
import { graphFromEdgeArrays, type AdjacencyGraph } from '../contiguity/graph.ts';
import { UNITS_PER_DEGREE } from '../adjacency/flat-rings.ts';
import { MetricScale } from '../adjacency/metric-scale.ts';

/** A topology's arcs on the 1e-7° grid. */
export interface TopologyArcs {
  /** Quantized lon, lat of every arc position, interleaved (x0, y0, x1, y1, …). */
  coordinates: Int32Array;
  /** Arc a's positions are `arcOffsets[a] … arcOffsets[a + 1] − 1`. */
  arcOffsets: Uint32Array;
}

/**
 * Reads the arcs of a topology into typed arrays: delta-decoded and transformed when the
 * topology is quantized (`transform`), then quantized to 1e-7° (`Math.round(value × 1e7)`, the
 * grid `buildAdjacency` uses). Coordinates are [lon, lat] in degrees.
 * @throws InputError E_GEOJSON_TYPE when `arcs` is not an array of arrays of positions.
 */
export function readTopologyArcs(topology: Topology, file = 'boundaries.topojson'): TopologyArcs {
  const arcs = topology.arcs as unknown;
  if (!Array.isArray(arcs)) throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: 'arcs', expected: 'TopoJSON arcs 数组', actual: describeValue(arcs) });
  let total = 0;
  for (const arc of arcs) total += Array.isArray(arc) ? arc.length : 0;
  const coordinates = new Int32Array(total * 2);
  const arcOffsets = new Uint32Array(arcs.length + 1);
  const transform = topology.transform;
  const [kx, ky] = transform ? transform.scale : [1, 1];
  const [dx, dy] = transform ? transform.translate : [0, 0];
  let n = 0;
  for (let a = 0; a < arcs.length; a++) {
    const arc = arcs[a] as unknown;
    if (!Array.isArray(arc)) throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: `arcs[${a}]`, expected: '坐标点数组', actual: describeValue(arc) });
    let x0 = 0;
    let y0 = 0;
    for (let k = 0; k < arc.length; k++) {
      const position = arc[k] as unknown;
      if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'number') {
        throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: `arcs[${a}][${k}]`, expected: '[x, y] 数字对', actual: describeValue(position) });
      }
      // As topojson-client's transform: running sums of the deltas, then scale and translate.
      const lon = transform ? (x0 += position[0]) * kx + dx : position[0];
      const lat = transform ? (y0 += position[1]) * ky + dy : position[1];
      coordinates[n++] = Math.round(lon * UNITS_PER_DEGREE);
      coordinates[n++] = Math.round(lat * UNITS_PER_DEGREE);
    }
    arcOffsets[a + 1] = n / 2;
  }
  return { coordinates, arcOffsets };
}

/**
 * Rook neighbours of a topology's polygons from their shared arcs: node i = the object's
 * geometry i; an edge joins two geometries that reference a common arc of positive length, with
 * `sharedMeters` = the length of their common arcs (WGS84, measured as `buildAdjacency` measures
 * segments). The object is `object`, else the one with the most polygons. Non-polygon geometries
 * are nodes without neighbours. Equals `buildAdjacency`'s exact rook graph
 * (`{ toleranceMeters: 0, minSharedMeters: 0 }`) on the topology's polygons, when no two of them
 * overlap (a valid topology).
 * @throws InputError E_GEOJSON_TYPE for a missing object, arcs that are not arrays, or arc indices out of range.
 * @example topologyRookGraph(usAtlas, { object: 'counties' }).graph.nodeCount // 3231
 */
export function topologyRookGraph(topology: Topology, options: { object?: string; file?: string } = {}): { object: string; graph: AdjacencyGraph } {
  const file = options.file ?? 'boundaries.topojson';
  const objects = (topology.objects ?? {}) as Record<string, GeometryObject>;
  const polygonCount = (name: string) => {
    const object = objects[name] as { type?: unknown; geometries?: unknown } | undefined;
    return object?.type === 'GeometryCollection' && Array.isArray(object.geometries) ? (object.geometries as { type?: unknown }[]).filter((g) => g.type === 'Polygon' || g.type === 'MultiPolygon').length : 0;
  };
  const name = options.object ?? Object.keys(objects).sort((a, b) => polygonCount(b) - polygonCount(a))[0];
  const object = name === undefined ? undefined : (objects[name] as { type?: unknown; geometries?: unknown } | undefined);
  if (name === undefined || !object) throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: 'objects', expected: name === undefined ? '至少含一个对象的 TopoJSON objects' : `名为「${name}」的对象`, actual: Object.keys(objects).join(', ') || '空' });
  const geometries = (object.type === 'GeometryCollection' && Array.isArray(object.geometries) ? object.geometries : [object]) as { type?: unknown; arcs?: unknown }[];
  const { coordinates, arcOffsets } = readTopologyArcs(topology, file);
  const arcCount = arcOffsets.length - 1;

  // Owners of each arc: the first two distinct geometries in ownerA/ownerB; more (overlapping
  // polygons, not a valid topology) go to a short overflow list.
  const ownerA = new Int32Array(arcCount).fill(-1);
  const ownerB = new Int32Array(arcCount).fill(-1);
  const overflow: [arc: number, owner: number][] = [];
  const own = (arc: number, g: number) => {
    if (ownerA[arc] === -1) ownerA[arc] = g;
    else if (ownerA[arc] !== g && ownerB[arc] === -1) ownerB[arc] = g;
    else if (ownerA[arc] !== g && ownerB[arc] !== g) overflow.push([arc, g]);
  };
  for (let g = 0; g < geometries.length; g++) {
    const geometry = geometries[g]!;
    const polygons = geometry.type === 'Polygon' ? [geometry.arcs] : geometry.type === 'MultiPolygon' ? geometry.arcs : undefined;
    if (!Array.isArray(polygons)) continue;
    for (const rings of polygons as unknown[]) {
      if (!Array.isArray(rings)) continue;
      for (const ring of rings as unknown[]) {
        if (!Array.isArray(ring)) continue;
        for (const reference of ring as unknown[]) {
          // ~a (negative) is arc a reversed.
          const arc = typeof reference === 'number' ? (reference < 0 ? ~reference : reference) : -1;
          if (!(arc >= 0 && arc < arcCount && Number.isInteger(arc))) {
            throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: `objects.${name}.geometries[${g}].arcs`, expected: `0–${arcCount - 1} 的弧索引`, actual: describeValue(reference) });
          }
          own(arc, g);
        }
      }
    }
  }

  // Length of every shared arc in metres, on the same grid and scale as the engine's segments.
  let minY = Infinity;
  let maxY = -Infinity;
  for (let k = 1; k < coordinates.length; k += 2) {
    if (coordinates[k]! < minY) minY = coordinates[k]!;
    if (coordinates[k]! > maxY) maxY = coordinates[k]!;
  }
  const scale = new MetricScale(minY, maxY);
  const arcMeters = (arc: number) => {
    let meters = 0;
    for (let k = arcOffsets[arc]! + 1; k < arcOffsets[arc + 1]!; k++) meters += scale.length(coordinates[2 * k - 2]!, coordinates[2 * k - 1]!, coordinates[2 * k]!, coordinates[2 * k + 1]!);
    return meters;
  };

  // One edge per pair: sum the lengths of the arcs each pair shares.
  const pairMeters = new Map<number, number>();
  const n = geometries.length;
  const add = (p: number, q: number, meters: number) => {
    if (!(meters > 0)) return;
    const key = p < q ? p * n + q : q * n + p;
    pairMeters.set(key, (pairMeters.get(key) ?? 0) + meters);
  };
  for (let arc = 0; arc < arcCount; arc++) if (ownerB[arc] !== -1) add(ownerA[arc]!, ownerB[arc]!, arcMeters(arc));
  for (const [arc, g] of overflow) {
    const meters = arcMeters(arc);
    add(ownerA[arc]!, g, meters);
    add(ownerB[arc]!, g, meters);
  }
  for (let i = 0; i < overflow.length; i++) for (let j = i + 1; j < overflow.length; j++) if (overflow[i]![0] === overflow[j]![0] && overflow[i]![1] !== overflow[j]![1]) add(overflow[i]![1], overflow[j]![1], arcMeters(overflow[i]![0]));

  const edgeA = new Int32Array(pairMeters.size);
  const edgeB = new Int32Array(pairMeters.size);
  const meters = new Float64Array(pairMeters.size);
  let e = 0;
  for (const [key, length] of pairMeters) {
    edgeA[e] = Math.floor(key / n);
    edgeB[e] = key % n;
    meters[e++] = length;
  }
  return { object: name, graph: graphFromEdgeArrays(n, edgeA, edgeB, meters, e, 'rook') };
}
