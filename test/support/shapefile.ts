/**
 * A zipped Shapefile (polygon .shp, .dbf with text fields, .cpg UTF-8) written from a GeoJSON
 * FeatureCollection of Polygons, for tests that compare the Shapefile reader with the GeoJSON one.
 * Follows the ESRI Shapefile Technical Description (1998): outer rings clockwise, holes
 * counter-clockwise, record header big-endian, the rest little-endian.
 */
import { zipSync } from 'fflate';
import type { FeatureCollection, Polygon, Position } from 'geojson';

/** Signed area (shoelace), positive when counter-clockwise. */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return sum / 2;
}

function shp(polygons: readonly Polygon[]): Uint8Array {
  const records = polygons.map((polygon) => polygon.coordinates.map((ring, k) => ((k === 0) === signedArea(ring) > 0 ? [...ring].reverse() : ring)));
  const contentBytes = records.map((rings) => 44 + 4 * rings.length + 16 * rings.reduce((sum, ring) => sum + ring.length, 0));
  const total = 100 + contentBytes.reduce((sum, bytes) => sum + 8 + bytes, 0);
  const view = new DataView(new ArrayBuffer(total));
  const all = records.flat(2);
  const bbox = [Math.min(...all.map((p) => p[0]!)), Math.min(...all.map((p) => p[1]!)), Math.max(...all.map((p) => p[0]!)), Math.max(...all.map((p) => p[1]!))];
  view.setInt32(0, 9994);
  view.setInt32(24, total / 2);
  view.setInt32(28, 1000, true);
  view.setInt32(32, 5, true);
  bbox.forEach((value, i) => view.setFloat64(36 + 8 * i, value, true));
  let offset = 100;
  records.forEach((rings, r) => {
    view.setInt32(offset, r + 1);
    view.setInt32(offset + 4, contentBytes[r]! / 2);
    offset += 8;
    const points = rings.flat();
    view.setInt32(offset, 5, true);
    [Math.min(...points.map((p) => p[0]!)), Math.min(...points.map((p) => p[1]!)), Math.max(...points.map((p) => p[0]!)), Math.max(...points.map((p) => p[1]!))].forEach((value, i) => view.setFloat64(offset + 4 + 8 * i, value, true));
    view.setInt32(offset + 36, rings.length, true);
    view.setInt32(offset + 40, points.length, true);
    offset += 44;
    let start = 0;
    for (const ring of rings) {
      view.setInt32(offset, start, true);
      offset += 4;
      start += ring.length;
    }
    for (const point of points) {
      view.setFloat64(offset, point[0]!, true);
      view.setFloat64(offset + 8, point[1]!, true);
      offset += 16;
    }
  });
  return new Uint8Array(view.buffer);
}

function dbf(rows: readonly Record<string, string>[], fields: readonly string[]): Uint8Array {
  const encoder = new TextEncoder();
  const encoded = rows.map((row) => fields.map((field) => encoder.encode(row[field] ?? '')));
  const widths = fields.map((_, f) => Math.max(1, ...encoded.map((cells) => cells[f]!.length)));
  const headerBytes = 32 + 32 * fields.length + 1;
  const recordBytes = 1 + widths.reduce((sum, width) => sum + width, 0);
  const bytes = new Uint8Array(headerBytes + recordBytes * rows.length + 1).fill(0);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes.set([102, 5, 24], 1);
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerBytes, true);
  view.setUint16(10, recordBytes, true);
  fields.forEach((field, f) => {
    bytes.set(encoder.encode(field.slice(0, 10)), 32 + 32 * f);
    bytes[32 + 32 * f + 11] = 'C'.charCodeAt(0);
    bytes[32 + 32 * f + 16] = widths[f]!;
  });
  bytes[headerBytes - 1] = 0x0d;
  encoded.forEach((cells, r) => {
    let offset = headerBytes + recordBytes * r;
    bytes.fill(0x20, offset, offset + recordBytes);
    offset += 1;
    cells.forEach((cell, f) => {
      bytes.set(cell, offset);
      offset += widths[f]!;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

/** The collection as `<name>.zip` holding `<name>.shp`, `.dbf` (the given string properties) and `.cpg`. */
export function zippedShapefile(collection: FeatureCollection<Polygon>, fields: readonly string[], name = 'communities'): Uint8Array {
  const rows = collection.features.map((feature) => Object.fromEntries(fields.map((field) => [field, String((feature.properties as Record<string, unknown> | null)?.[field] ?? '')])));
  return zipSync({ [`${name}.shp`]: shp(collection.features.map((feature) => feature.geometry)), [`${name}.dbf`]: dbf(rows, fields), [`${name}.cpg`]: new TextEncoder().encode('UTF-8') });
}
