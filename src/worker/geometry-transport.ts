/**
 * Moving large boundary sets from the worker to the page without long main-thread tasks.
 * Structured cloning of nested coordinate arrays is slow to deserialize (every position is an
 * array; 844k positions of Italy's comuni take over a second on the main thread). So the worker
 * packs the community geometries into two typed arrays that are transferred (zero copy), and the
 * page rebuilds them in slices between which it yields. The map's communities layer is written
 * here as GeoJSON, its geometry simplified for display (analysis, reports and exports keep the
 * full geometry), and handed to maplibre as a `data:` URL. Not a blob URL: maplibre's worker
 * takes any URL with "://" that is not http(s) for a custom protocol and asks the page to fetch
 * it, so the page parsed a blob's JSON, serialized it to the worker and deserialized it again
 * when the worker sent it back; a data URL the worker fetches and parses itself, and only the
 * copy maplibre sends back to the page crosses the main thread.
 */
import { simplify } from '@turf/simplify';
import type { MultiPolygon, Polygon } from 'geojson';
import type { LoadResult } from './protocol.ts';

/** Above this many boundary vertices a load result travels packed (Lucheng has ~20k). */
export const PACK_MIN_VERTICES = 100_000;

/** Display tolerance of the map layer of a large set, degrees (~50 m; under a pixel below zoom 11). */
export const MAP_SIMPLIFY_DEGREES = 0.0005;

/** Decimals of the map layer's coordinates (1e-6° ≈ 0.1 m, far under its simplification): a shorter URL for the page to hand over. */
export const MAP_COORDINATE_DECIMALS = 6;

/** Communities' geometry as typed arrays: `structure` per feature [multi 0|1, polygons, (rings, (positions)…)…], `coords` x,y pairs. */
export interface PackedGeometry {
  structure: Uint32Array;
  coords: Float64Array;
}

export function vertexCount(geometries: readonly (Polygon | MultiPolygon)[]): number {
  let count = 0;
  for (const geometry of geometries) for (const polygon of geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) for (const ring of polygon) count += ring.length;
  return count;
}

export function packGeometries(geometries: readonly (Polygon | MultiPolygon)[]): PackedGeometry {
  const structure: number[] = [];
  const coords = new Float64Array(2 * vertexCount(geometries));
  let at = 0;
  for (const geometry of geometries) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    structure.push(geometry.type === 'Polygon' ? 0 : 1, polygons.length);
    for (const rings of polygons) {
      structure.push(rings.length);
      for (const ring of rings) {
        structure.push(ring.length);
        for (const position of ring) {
          coords[at++] = position[0]!;
          coords[at++] = position[1]!;
        }
      }
    }
  }
  return { structure: Uint32Array.from(structure), coords };
}

/** Rebuilds the geometries, `sliceSize` features at a time, awaiting `pause()` between slices. */
export async function unpackGeometries(packed: PackedGeometry, count: number, pause: () => Promise<void>, sliceSize = 400): Promise<(Polygon | MultiPolygon)[]> {
  const { structure, coords } = packed;
  const out: (Polygon | MultiPolygon)[] = [];
  let s = 0;
  let c = 0;
  for (let feature = 0; feature < count; feature++) {
    if (feature > 0 && feature % sliceSize === 0) await pause();
    const multi = structure[s++] === 1;
    const polygonCount = structure[s++]!;
    const polygons: number[][][][] = [];
    for (let p = 0; p < polygonCount; p++) {
      const ringCount = structure[s++]!;
      const rings: number[][][] = [];
      for (let r = 0; r < ringCount; r++) {
        const length = structure[s++]!;
        const ring: number[][] = new Array(length);
        for (let k = 0; k < length; k++, c += 2) ring[k] = [coords[c]!, coords[c + 1]!];
        rings.push(ring);
      }
      polygons.push(rings);
    }
    out.push(multi ? { type: 'MultiPolygon', coordinates: polygons } : { type: 'Polygon', coordinates: polygons[0]! });
  }
  return out;
}

/** `layer` with every coordinate rounded to `decimals` places, in place. */
function roundCoordinates<T extends { features: { geometry: Polygon | MultiPolygon }[] }>(layer: T, decimals: number): T {
  const scale = 10 ** decimals;
  for (const { geometry } of layer.features) {
    for (const polygon of geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) {
      for (const ring of polygon) for (const position of ring) for (let k = 0; k < position.length; k++) position[k] = Math.round(position[k]! * scale) / scale;
    }
  }
  return layer;
}

/** `bytes` (UTF-8 GeoJSON) as a base64 `data:` URL. */
export function geoJsonDataUrl(bytes: Uint8Array): string {
  const parts: string[] = [];
  // Latin-1 characters one per byte, in slices (String.fromCharCode takes a bounded argument list).
  for (let at = 0; at < bytes.length; at += 0x8000) parts.push(String.fromCharCode(...bytes.subarray(at, at + 0x8000)));
  return `data:application/geo+json;base64,${btoa(parts.join(''))}`;
}

/** A load result as the worker posts it: geometry packed when large. */
export interface PackedLoadResult extends LoadResult {
  packed?: PackedGeometry;
}

/**
 * In the worker: strips and packs the community geometry of a large result; its map layer
 * (`result.map.communities`, built once by `withMapData`) travels as simplified GeoJSON bytes.
 */
export function packLoadResult(result: LoadResult): PackedLoadResult {
  const features = result.dataset.boundaries.features;
  const geometries = features.map((feature) => feature.geometry);
  if (vertexCount(geometries) < PACK_MIN_VERTICES) return result;
  const map = result.map;
  const mapGeoJsonUrl = map ? geoJsonDataUrl(new TextEncoder().encode(JSON.stringify(roundCoordinates(simplify(map.communities, { tolerance: MAP_SIMPLIFY_DEGREES, highQuality: false, mutate: false }), MAP_COORDINATE_DECIMALS)))) : undefined;
  const stripped = features.map((feature) => ({ ...feature, geometry: null as unknown as Polygon }));
  return {
    ...result,
    dataset: { ...result.dataset, boundaries: { ...result.dataset.boundaries, features: stripped } },
    packed: packGeometries(geometries),
    ...(map && mapGeoJsonUrl ? { map: { ...map, communities: { type: 'FeatureCollection', features: [] } }, mapGeoJsonUrl } : {}),
  };
}

/** On the page: puts the geometry back (in slices). */
export async function unpackLoadResult(result: PackedLoadResult, pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0))): Promise<LoadResult> {
  if (!result.packed) return result;
  const features = result.dataset.boundaries.features;
  const geometries = await unpackGeometries(result.packed, features.length, pause);
  features.forEach((feature, i) => (feature.geometry = geometries[i]!));
  const { packed: _packed, ...rest } = result;
  return rest;
}
