/**
 * Polygon rings flattened into typed arrays on an integer grid: the input every adjacency pass
 * reads. Rings are cleaned on the way (non-finite coordinates, repeated vertices, spikes and
 * closing vertices), and what was cleaned is counted for the data-quality findings.
 *
 * Layout: ring r occupies vertex slots `ringStart[r] … ringEnd[r]`, where the slot `ringEnd[r]`
 * repeats the ring's first vertex. Segment k runs from slot k to slot k + 1 and exists when
 * `owner[k] ≥ 0` (the closing slot has owner −1), so segments need no separate storage.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Grid step of the quantized coordinates in degrees: 1e-7° (about 1.1 cm), as in OpenStreetMap. */
export const QUANTUM_DEGREES = 1e-7;
/** Quantized units per degree. */
export const UNITS_PER_DEGREE = 1e7;
/** Longitudes beyond ±214° would overflow an Int32 at 1e-7°; such vertices count as invalid. */
const MAX_ABS_DEGREES = 214;

/** What the flattening had to clean up in one feature. */
export interface RingIssues {
  feature: number;
  /** Vertices with non-finite or out-of-range coordinates (dropped). */
  badCoordinates: number;
  /** Spikes: the boundary runs out and straight back (removed). */
  spikes: number;
  /** Rings with fewer than 2 distinct vertices (ignored). */
  degenerateRings: number;
  /** Rings enclosing zero area, including line-like ones (kept, interior side unknown). */
  zeroAreaRings: number;
  /** Rings whose last position differs from the first (closed). */
  unclosedRings: number;
  /** Geometry that is neither Polygon nor MultiPolygon (ignored). */
  notPolygon: boolean;
  /** Self-intersections found later by the segment passes (only among unmatched segments). */
  selfIntersections: number;
  /** Quantized location of the first problem. */
  x: number;
  y: number;
}

export interface FlatRings {
  featureCount: number;
  /** Vertex slots in use. */
  size: number;
  /** Quantized longitude per slot (degrees × 1e7, rounded). */
  x: Int32Array;
  /** Quantized latitude per slot. */
  y: Int32Array;
  /** Feature index of the segment starting at this slot; −1 on closing slots. */
  owner: Int32Array;
  /** Per segment: 1 = the polygon's interior lies left of the segment, 0 = right, 2 = unknown. */
  side: Uint8Array;
  ringCount: number;
  ringStart: Uint32Array;
  /** Closing slot of each ring (a copy of the first vertex). */
  ringEnd: Uint32Array;
  /** Polygons (outer rings that survived cleaning) per feature. */
  parts: Uint32Array;
  /** Quantized latitude range of all kept vertices (minY > maxY when there are none). */
  minY: number;
  maxY: number;
  /** Features that needed cleaning, by feature index. */
  issues: Map<number, RingIssues>;
}

/**
 * Flattens and quantizes Polygon/MultiPolygon geometries; never throws. Features where
 * `include[i] === 0` are skipped (their rings are left out).
 */
export function flattenRings(geometries: readonly (Polygon | MultiPolygon | null | undefined)[], include?: Uint8Array): FlatRings {
  const featureCount = geometries.length;
  const issues = new Map<number, RingIssues>();
  const issueOf = (feature: number, x: number, y: number): RingIssues => {
    let entry = issues.get(feature);
    if (!entry) {
      entry = { feature, badCoordinates: 0, spikes: 0, degenerateRings: 0, zeroAreaRings: 0, unclosedRings: 0, notPolygon: false, selfIntersections: 0, x, y };
      issues.set(feature, entry);
    }
    return entry;
  };

  // Pass 1: count positions and rings to size the arrays once (each ring may need a closing slot).
  let capacity = 0;
  let ringCapacity = 0;
  for (let f = 0; f < featureCount; f++) {
    if (include && !include[f]) continue;
    const polygons = polygonsOf(geometries[f]);
    if (!polygons) continue;
    for (const rings of polygons) {
      if (!Array.isArray(rings)) continue;
      for (const ring of rings) {
        if (!Array.isArray(ring)) continue;
        capacity += ring.length + 1;
        ringCapacity++;
      }
    }
  }

  const x = new Int32Array(capacity);
  const y = new Int32Array(capacity);
  const owner = new Int32Array(capacity).fill(-1);
  const side = new Uint8Array(capacity);
  const ringStart = new Uint32Array(ringCapacity);
  const ringEnd = new Uint32Array(ringCapacity);
  const parts = new Uint32Array(featureCount);
  let n = 0;
  let ringCount = 0;
  let minY = Infinity;
  let maxY = -Infinity;

  // Pass 2: quantize, drop repeats and spikes, close, orient.
  for (let f = 0; f < featureCount; f++) {
    if (include && !include[f]) continue;
    const geometry = geometries[f];
    const polygons = polygonsOf(geometry);
    if (!polygons) {
      if (geometry !== null && geometry !== undefined) issueOf(f, 0, 0).notPolygon = true;
      continue;
    }
    for (const rings of polygons) {
      if (!Array.isArray(rings)) continue;
      let outerKept = false;
      for (let r = 0; r < rings.length; r++) {
        const ring = rings[r];
        if (!Array.isArray(ring) || ring.length === 0) continue;
        const start = n;
        let bad = 0;
        let spikes = 0;
        // Read the ring; spikes are removed unless that leaves fewer than 3 vertices, in which
        // case the ring is read again with them (a zero-area, line-like ring such as A → B → A
        // still carries a border its neighbours share: kept, with its interior side unknown).
        for (let attempt = 0; attempt < 2; attempt++) {
          const removeSpikes = attempt === 0;
          n = start;
          bad = 0;
          spikes = 0;
          for (let k = 0; k < ring.length; k++) {
            const position = ring[k] as Position | undefined;
            const lon = Array.isArray(position) ? position[0] : undefined;
            const lat = Array.isArray(position) ? position[1] : undefined;
            if (typeof lon !== 'number' || typeof lat !== 'number' || !(Math.abs(lon) <= MAX_ABS_DEGREES) || !(Math.abs(lat) <= 90)) {
              bad++;
              continue;
            }
            const qx = Math.round(lon * UNITS_PER_DEGREE);
            const qy = Math.round(lat * UNITS_PER_DEGREE);
            // Repeated vertex (also after quantization).
            if (n > start && x[n - 1] === qx && y[n - 1] === qy) continue;
            // Spike A → B → A: drop B and do not repeat A.
            if (removeSpikes && n - start >= 2 && x[n - 2] === qx && y[n - 2] === qy) {
              n--;
              spikes++;
              continue;
            }
            x[n] = qx;
            y[n] = qy;
            n++;
          }
          // Closing vertex: dropped (the ring is stored open, then closed below).
          if (n - start >= 2 && x[n - 1] === x[start] && y[n - 1] === y[start]) n--;
          if (n - start >= 3 || spikes === 0) break;
        }
        const firstX = x[start]!;
        const firstY = y[start]!;
        const last = ring[ring.length - 1] as Position | undefined;
        const first = ring[0] as Position | undefined;
        if (!Array.isArray(last) || !Array.isArray(first) || last[0] !== first[0] || last[1] !== first[1]) issueOf(f, firstX, firstY).unclosedRings++;
        // A spike across the seam (… B, A | B …) is left alone: rare and harmless to the passes.
        if (bad) issueOf(f, firstX, firstY).badCoordinates += bad;
        if (spikes) issueOf(f, firstX, firstY).spikes += spikes;
        const count = n - start;
        if (count < 2) {
          issueOf(f, firstX, firstY).degenerateRings++;
          n = start;
          continue;
        }
        // Signed area (shoelace, relative to the first vertex to keep products small).
        let area = 0;
        for (let k = start + 1; k < n - 1; k++) {
          area += (x[k]! - firstX) * (y[k + 1]! - firstY) - (x[k + 1]! - firstX) * (y[k]! - firstY);
        }
        const isHole = r > 0;
        // Interior on the left for a counter-clockwise outer ring or a clockwise hole.
        const interior = area === 0 ? 2 : (area > 0) !== isHole ? 1 : 0;
        if (area === 0) issueOf(f, firstX, firstY).zeroAreaRings++;
        for (let k = start; k < n; k++) {
          owner[k] = f;
          side[k] = interior;
          const qy = y[k]!;
          if (qy < minY) minY = qy;
          if (qy > maxY) maxY = qy;
        }
        x[n] = firstX;
        y[n] = firstY;
        owner[n] = -1;
        ringStart[ringCount] = start;
        ringEnd[ringCount] = n;
        ringCount++;
        n++;
        if (!isHole) outerKept = true;
      }
      if (outerKept) parts[f]!++;
    }
  }

  return { featureCount, size: n, x, y, owner, side, ringCount, ringStart, ringEnd, parts, minY, maxY, issues };
}

function polygonsOf(geometry: Polygon | MultiPolygon | null | undefined): readonly (readonly Position[][])[] | undefined {
  if (!geometry || typeof geometry !== 'object' || !Array.isArray(geometry.coordinates)) return undefined;
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return undefined;
}
