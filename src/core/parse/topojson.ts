/**
 * TopoJSON → GeoJSON FeatureCollection (topojson-client `feature`), so that TopoJSON boundaries
 * go through the same validation as GeoJSON. The object read is the one named by `object`, else
 * the one with the most polygons.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { InputError, describeValue } from '../errors.ts';

/** True for a parsed JSON value that looks like a TopoJSON topology. */
export function isTopology(value: unknown): value is Topology {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Topology';
}

/**
 * Converts a topology's polygon object to a GeoJSON FeatureCollection.
 * @throws InputError E_GEOJSON_TYPE when the topology has no objects or no arcs array.
 */
export function topologyToGeoJson(topology: Topology, options: { file?: string; object?: string } = {}): unknown {
  const file = options.file ?? 'boundaries.topojson';
  const objects = topology.objects;
  if (typeof objects !== 'object' || objects === null || Object.keys(objects).length === 0) {
    throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: 'objects', expected: '至少含一个对象的 TopoJSON objects', actual: describeValue(objects) });
  }
  if (!Array.isArray(topology.arcs)) throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: 'arcs', expected: 'TopoJSON arcs 数组', actual: describeValue(topology.arcs) });
  const polygonCount = (name: string) => {
    const object = objects[name] as GeometryCollection | undefined;
    if (object?.type !== 'GeometryCollection' || !Array.isArray(object.geometries)) return 0;
    return object.geometries.filter((geometry) => geometry.type === 'Polygon' || geometry.type === 'MultiPolygon').length;
  };
  const name = options.object ?? Object.keys(objects).sort((a, b) => polygonCount(b) - polygonCount(a))[0]!;
  if (!(name in objects)) throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: 'objects', expected: `名为「${name}」的对象`, actual: Object.keys(objects).join(', ') });
  const bad = badArcReference(objects[name], topology.arcs.length, `objects.${name}`);
  if (bad) throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: bad.path, expected: `有效的 arcs 索引（0–${topology.arcs.length - 1}，或其反向 ~i）`, actual: describeValue(bad.value) });
  try {
    return feature(topology, objects[name]!);
  } catch {
    // topojson-client's own errors are English JavaScript messages: the user gets the expectation instead.
    throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: `objects.${name}`, expected: '可解码的 TopoJSON 几何（arcs 为坐标数组的数组，transform 为 scale/translate 数字对）', actual: '无法解码' });
  }
}

/** The first arc reference of an object that is not an integer naming an arc (`i` or `~i`), with its path. */
function badArcReference(object: unknown, arcCount: number, path: string): { path: string; value: unknown } | undefined {
  const walk = (value: unknown, at: string, depth: number): { path: string; value: unknown } | undefined => {
    if (typeof value === 'number') {
      const index = value < 0 ? ~value : value;
      return Number.isInteger(value) && index < arcCount ? undefined : { path: at, value };
    }
    if (!Array.isArray(value) || depth > 3) return depth > 3 || value === undefined ? undefined : { path: at, value };
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], `${at}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  const geometries = (object as { geometries?: unknown } | null)?.geometries;
  const list = Array.isArray(geometries) ? geometries : [object];
  for (let g = 0; g < list.length; g++) {
    const geometry = list[g] as { type?: unknown; arcs?: unknown } | null;
    if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') continue;
    const found = walk(geometry.arcs, `${path}${Array.isArray(geometries) ? `.geometries[${g}]` : ''}.arcs`, geometry.type === 'Polygon' ? 1 : 0);
    if (found) return found;
  }
  return undefined;
}
