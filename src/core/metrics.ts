/**
 * Per-unit figures (area, bounding box, label point, population) computed once per boundary set
 * and read by clusters, the map and the tables. Flat typed arrays, indexed like the graph nodes.
 */
// tsconfig.node.json (CLI, tests) does not include src/core/*.d.ts: the reference brings the types along.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./polylabel.d.ts" />
import { area } from '@turf/area';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import polylabel from 'polylabel';

export interface UnitMetrics {
  /** Geodesic area of each unit in square metres (holes subtracted). */
  areaM2: Float64Array;
  /** 4 per unit: west, south, east, north in degrees; NaN for a unit without coordinates. */
  bboxes: Float64Array;
  /** 2 per unit: lon, lat in degrees of a point inside the unit (pole of inaccessibility of its largest part). */
  labelPoints: Float64Array;
  /** Residents per unit; NaN = unknown. */
  population: Float64Array;
}

export interface UnitMetricsOptions {
  /**
   * Units to measure (non-zero entries, e.g. the selection when only its clusters are reported);
   * the others get NaN area, bounding box and label point. Default: every unit.
   */
  only?: ArrayLike<number>;
}

/**
 * Computes area, bounding box, label point and population of every unit (or of `options.only`).
 * Label points come from polylabel on the largest part (by planar area), with a precision of
 * 1/20 of that part's smaller bounding-box side: inside the polygon and off its holes, close enough
 * to the pole of inaccessibility for a label, at about 30 µs per 60-vertex community.
 * Geometries without coordinates give NaN figures instead of throwing.
 * @param geometries WGS84 lon/lat polygons, one per unit (graph node order).
 * @param population residents per unit; `null`, missing or non-finite entries become NaN (unknown).
 * @param options `only`: measure just these units (label points cost about 30 µs each).
 * @example
 * const m = unitMetrics(boundaries.features.map((f) => f.geometry), statusPopulation);
 * m.areaM2[0]; // square metres
 * [m.labelPoints[0], m.labelPoints[1]]; // [lon, lat]
 */
export function unitMetrics(geometries: readonly (Polygon | MultiPolygon)[], population?: ArrayLike<number | null>, options: UnitMetricsOptions = {}): UnitMetrics {
  const n = geometries.length;
  const only = options.only;
  const areaM2 = new Float64Array(n);
  const bboxes = new Float64Array(4 * n).fill(Number.NaN);
  const labelPoints = new Float64Array(2 * n).fill(Number.NaN);
  const people = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const value = population?.[i];
    if (typeof value === 'number' && Number.isFinite(value)) people[i] = value;
    if (only && !only[i]) {
      areaM2[i] = Number.NaN;
      continue;
    }
    const geometry = geometries[i]!;
    const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    areaM2[i] = parts.length > 0 ? area(geometry) : 0;
    // Bounding box over the outer rings (holes lie inside them).
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    for (const rings of parts) if (rings[0]) extendBox(box, rings[0]);
    const point = partLabelPoint(parts);
    if (point) {
      bboxes.set(box, 4 * i);
      labelPoints[2 * i] = point[0];
      labelPoints[2 * i + 1] = point[1];
    }
  }
  return { areaM2, bboxes, labelPoints, population: people };
}

/**
 * The label point `unitMetrics` gives a unit, alone (no area or bounding box): polylabel on the
 * largest part by planar area, at 1/20 of that part's smaller bounding-box side. Undefined for a
 * geometry without coordinates.
 * @example labelPoint(feature.geometry) // [lon, lat]
 */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] | undefined {
  return partLabelPoint(geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);
}

function partLabelPoint(parts: readonly Position[][][]): [number, number] | undefined {
  let largest: Position[][] | undefined;
  let largestArea = -1;
  for (const rings of parts) {
    const outer = rings[0];
    if (!outer || outer.length === 0) continue;
    const partArea = Math.abs(planarRingArea(outer));
    if (partArea > largestArea) {
      largestArea = partArea;
      largest = rings;
    }
  }
  if (!largest) return undefined;
  // Pole of inaccessibility, coarse precision.
  const [w, s, e, n] = extendBox([Infinity, Infinity, -Infinity, -Infinity], largest[0]!);
  const point = polylabel(largest, Math.max(Math.min(e! - w!, n! - s!) / 20, 1e-9));
  return [point[0]!, point[1]!];
}

/** `box` ([west, south, east, north]) grown over the positions of `ring`; returns `box`. */
function extendBox(box: number[], ring: readonly Position[]): number[] {
  for (let k = 0; k < ring.length; k++) {
    const x = ring[k]![0]!;
    const y = ring[k]![1]!;
    if (x < box[0]!) box[0] = x;
    if (y < box[1]!) box[1] = y;
    if (x > box[2]!) box[2] = x;
    if (y > box[3]!) box[3] = y;
  }
  return box;
}

/** Signed shoelace area of a ring in square degrees (only used to compare parts). */
function planarRingArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) sum += (ring[j]![0]! - ring[k]![0]!) * (ring[j]![1]! + ring[k]![1]!);
  return sum / 2;
}
