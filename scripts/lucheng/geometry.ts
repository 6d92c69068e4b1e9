/**
 * From mesh cells to the three output layers with one shared topology:
 * 1. cells → topology → `merge` per community (exact dissolve; every community border is a chain
 *    of Voronoi edges with identical vertices on both sides);
 * 2. communities → a second topology whose arcs are the community borders → Visvalingam
 *    simplification (topojson-simplify), so each shared border is simplified once and both
 *    neighbours keep the same vertices;
 * 3. communities, streets (`merge` per street) and the district (`merge` of all) from those arcs.
 * All coordinates are the mesh's 6-decimal values (simplification only drops points).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, merge } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Mesh } from './mesh.ts';
import { METRES_PER_DEGREE, signedArea, type Point } from './planar.ts';

export type Area = Polygon | MultiPolygon;

/** Counter-clockwise exterior rings and clockwise holes (RFC 7946 §3.1.6); a lone polygon as Polygon. */
export function normalizeGeometry(geometry: Area): Area {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const oriented = polygons.map((rings) =>
    rings.map((ring, i) => {
      const area = signedArea(ring as Point[]);
      return (i === 0 ? area < 0 : area > 0) ? [...ring].reverse() : ring;
    }),
  );
  return oriented.length === 1 ? { type: 'Polygon', coordinates: oriented[0]! } : { type: 'MultiPolygon', coordinates: oriented };
}

export interface Layers {
  /** One geometry per community (index = community index). */
  communities: Area[];
  /** One geometry per group of `streetOf` (index = street index). */
  streets: Area[];
  district: Area;
  /** Points before and after simplification (all community rings). */
  points: { before: number; after: number };
}

function countPoints(geometries: readonly Area[]): number {
  let n = 0;
  for (const g of geometries) for (const rings of g.type === 'Polygon' ? [g.coordinates] : g.coordinates) for (const ring of rings) n += ring.length;
  return n;
}

/**
 * Builds the layers. `communityOfCell[cell]` gives each cell's community, `streetOf[community]`
 * its street; `minAreaM2` is the simplification threshold (effective triangle area, m²).
 */
export function buildLayers(mesh: Mesh, communityOfCell: Int32Array, communityCount: number, streetOf: readonly number[], minAreaM2: number): Layers {
  // 1. Exact dissolve of cells per community.
  const cells: FeatureCollection<Polygon> = {
    type: 'FeatureCollection',
    features: mesh.cells.map((ring) => ({ type: 'Feature', properties: null, geometry: { type: 'Polygon', coordinates: [ring as Position[]] } })),
  };
  const cellTopology = topology({ cells }) as Topology<{ cells: GeometryCollection }>;
  const cellGeometries = cellTopology.objects.cells.geometries;
  const groups: (typeof cellGeometries)[] = Array.from({ length: communityCount }, () => []);
  cellGeometries.forEach((geometry, cell) => groups[communityOfCell[cell]!]!.push(geometry));
  const dissolved = groups.map((group) => normalizeGeometry(merge(cellTopology, group as Parameters<typeof merge>[1])));

  // 2. Topology of the communities, simplified arc by arc.
  const communities: FeatureCollection<Area> = {
    type: 'FeatureCollection',
    features: dissolved.map((geometry) => ({ type: 'Feature', properties: null, geometry })),
  };
  const communityTopology = topology({ communities }) as Topology<{ communities: GeometryCollection }>;
  const degreesSquared = minAreaM2 / (METRES_PER_DEGREE[0] * METRES_PER_DEGREE[1]);
  const simplified = simplify(presimplify(communityTopology), degreesSquared) as Topology<{ communities: GeometryCollection }>;
  const geometries = simplified.objects.communities.geometries;

  // 3. The three layers from the same arcs.
  const out = geometries.map((geometry) => normalizeGeometry((feature(simplified, geometry) as Feature<Area>).geometry));
  const streetGroups: (typeof geometries)[] = [];
  geometries.forEach((geometry, c) => (streetGroups[streetOf[c]!] ??= []).push(geometry));
  const streets = streetGroups.map((group) => normalizeGeometry(merge(simplified, group as Parameters<typeof merge>[1])));
  const district = normalizeGeometry(merge(simplified, geometries as Parameters<typeof merge>[1]));
  return { communities: out, streets, district, points: { before: countPoints(dissolved), after: countPoints(out) } };
}
