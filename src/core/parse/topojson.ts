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
  try {
    return feature(topology, objects[name]!);
  } catch (error) {
    throw new InputError({ code: 'E_GEOJSON_TYPE', file, path: `objects.${name}`, expected: '可解码的 TopoJSON 几何（arcs 索引有效）', actual: (error as Error).message.slice(0, 80) });
  }
}
