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
 * Rings already on the 1e-7° grid, before cleaning: what `flattenRings` reads from GeoJSON
 * objects and what the GeoJSON byte scanner (`parse/geojson-scan.ts`) writes straight from the
 * file. `cleanRings` turns either into FlatRings, so both paths clean alike.
 *
 * Layout: feature f owns rings `featureRings[f] … featureRings[f + 1] − 1`; ring r owns positions
 * `ringOffset[r] … ringOffset[r + 1] − 1` of `x`/`y` (valid positions only, in file order).
 */
export interface QuantizedRings {
  featureCount: number;
  /** Quantized longitude / latitude (degrees × 1e7, `Math.round`) of every valid position. */
  x: Int32Array;
  y: Int32Array;
  ringCount: number;
  /** Length ringCount + 1. */
  ringOffset: Uint32Array;
  /** Length featureCount + 1. */
  featureRings: Uint32Array;
  /** 1 when the ring is its polygon's first ring (the outer ring), 0 for a hole. */
  ringOuter: Uint8Array;
  /** Positions dropped per ring as invalid (absent: none). */
  ringBad?: Uint32Array;
  /** 1 when the ring's last position differs from its first (absent: all closed). */
  ringUnclosed?: Uint8Array;
  /** 1 for a feature whose geometry is neither Polygon nor MultiPolygon (absent: none). */
  notPolygon?: Uint8Array;
}

/**
 * Flattens and quantizes Polygon/MultiPolygon geometries; never throws. Features where
 * `include[i] === 0` are skipped (their rings are left out). Geometries that came from
 * `parseBoundaries`' byte scanner are not read again: their quantized rings are reused.
 */
export function flattenRings(geometries: readonly (Polygon | MultiPolygon | null | undefined)[], include?: Uint8Array): FlatRings {
  const scanned = include ? undefined : scannedRingsOf(geometries);
  // The passes add to `issues` (self-intersections): each caller gets its own copy of the map;
  // the typed arrays are only read.
  if (scanned) return { ...scanned, issues: new Map([...scanned.issues].map(([feature, issue]) => [feature, { ...issue }])) };
  return cleanRings(quantizeGeometries(geometries, include));
}

/** Reads GeoJSON geometries onto the grid (invalid positions dropped and counted). */
export function quantizeGeometries(geometries: readonly (Polygon | MultiPolygon | null | undefined)[], include?: Uint8Array): QuantizedRings {
  const featureCount = geometries.length;
  // Pass 1: count positions and rings to size the arrays once.
  let capacity = 0;
  let ringCapacity = 0;
  for (let f = 0; f < featureCount; f++) {
    if (include && !include[f]) continue;
    const polygons = polygonsOf(geometries[f]);
    if (!polygons) continue;
    for (const rings of polygons) {
      if (!Array.isArray(rings)) continue;
      for (const ring of rings) {
        if (!Array.isArray(ring) || ring.length === 0) continue;
        capacity += ring.length;
        ringCapacity++;
      }
    }
  }
  const x = new Int32Array(capacity);
  const y = new Int32Array(capacity);
  const ringOffset = new Uint32Array(ringCapacity + 1);
  const featureRings = new Uint32Array(featureCount + 1);
  const ringOuter = new Uint8Array(ringCapacity);
  const ringBad = new Uint32Array(ringCapacity);
  const ringUnclosed = new Uint8Array(ringCapacity);
  const notPolygon = new Uint8Array(featureCount);
  let n = 0;
  let ringCount = 0;
  // Pass 2: quantize the valid positions.
  for (let f = 0; f < featureCount; f++) {
    featureRings[f] = ringCount;
    if (include && !include[f]) continue;
    const geometry = geometries[f];
    const polygons = polygonsOf(geometry);
    if (!polygons) {
      if (geometry !== null && geometry !== undefined) notPolygon[f] = 1;
      continue;
    }
    for (const rings of polygons) {
      if (!Array.isArray(rings)) continue;
      for (let r = 0; r < rings.length; r++) {
        const ring = rings[r];
        if (!Array.isArray(ring) || ring.length === 0) continue;
        let bad = 0;
        for (let k = 0; k < ring.length; k++) {
          const position = ring[k] as Position | undefined;
          const lon = Array.isArray(position) ? position[0] : undefined;
          const lat = Array.isArray(position) ? position[1] : undefined;
          if (typeof lon !== 'number' || typeof lat !== 'number' || !(Math.abs(lon) <= MAX_ABS_DEGREES) || !(Math.abs(lat) <= 90)) {
            bad++;
            continue;
          }
          x[n] = Math.round(lon * UNITS_PER_DEGREE);
          y[n] = Math.round(lat * UNITS_PER_DEGREE);
          n++;
        }
        const last = ring[ring.length - 1] as Position | undefined;
        const first = ring[0] as Position | undefined;
        if (!Array.isArray(last) || !Array.isArray(first) || last[0] !== first[0] || last[1] !== first[1]) ringUnclosed[ringCount] = 1;
        ringBad[ringCount] = bad;
        ringOuter[ringCount] = r === 0 ? 1 : 0;
        ringCount++;
        ringOffset[ringCount] = n;
      }
    }
  }
  featureRings[featureCount] = ringCount;
  return { featureCount, x, y, ringCount, ringOffset, featureRings, ringOuter, ringBad, ringUnclosed, notPolygon };
}

/**
 * Cleans quantized rings into FlatRings: drops repeated vertices, spikes and closing vertices,
 * closes and orients every ring, and counts what was cleaned per feature. Never throws.
 */
export function cleanRings(rings: QuantizedRings): FlatRings {
  const { featureCount, x: rawX, y: rawY, ringOffset, featureRings, ringOuter, ringBad, ringUnclosed, notPolygon } = rings;
  const issues = new Map<number, RingIssues>();
  const issueOf = (feature: number, x: number, y: number): RingIssues => {
    let entry = issues.get(feature);
    if (!entry) {
      entry = { feature, badCoordinates: 0, spikes: 0, degenerateRings: 0, zeroAreaRings: 0, unclosedRings: 0, notPolygon: false, selfIntersections: 0, x, y };
      issues.set(feature, entry);
    }
    return entry;
  };

  // Each ring may need a closing slot.
  const capacity = ringOffset[rings.ringCount]! + rings.ringCount;
  const x = new Int32Array(capacity);
  const y = new Int32Array(capacity);
  const owner = new Int32Array(capacity).fill(-1);
  const side = new Uint8Array(capacity);
  const ringStart = new Uint32Array(rings.ringCount);
  const ringEnd = new Uint32Array(rings.ringCount);
  const parts = new Uint32Array(featureCount);
  let n = 0;
  let ringCount = 0;
  let minY = Infinity;
  let maxY = -Infinity;

  // Drop repeats and spikes, close, orient.
  for (let f = 0; f < featureCount; f++) {
    if (notPolygon && notPolygon[f]) issueOf(f, 0, 0).notPolygon = true;
    for (let r = featureRings[f]!; r < featureRings[f + 1]!; r++) {
      const from = ringOffset[r]!;
      const to = ringOffset[r + 1]!;
      const start = n;
      let spikes = 0;
      // Read the ring; spikes are removed unless that leaves fewer than 3 vertices, in which
      // case the ring is read again with them (a zero-area, line-like ring such as A → B → A
      // still carries a border its neighbours share: kept, with its interior side unknown).
      for (let attempt = 0; attempt < 2; attempt++) {
        const removeSpikes = attempt === 0;
        n = start;
        spikes = 0;
        for (let k = from; k < to; k++) {
          const qx = rawX[k]!;
          const qy = rawY[k]!;
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
      if (ringUnclosed && ringUnclosed[r]) issueOf(f, firstX, firstY).unclosedRings++;
      // A spike across the seam (… B, A | B …) is left alone: rare and harmless to the passes.
      const bad = ringBad ? ringBad[r]! : 0;
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
      const isHole = ringOuter[r] === 0;
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
      if (!isHole) parts[f]!++;
    }
  }

  return { featureCount, size: n, x, y, owner, side, ringCount, ringStart, ringEnd, parts, minY, maxY, issues };
}

/**
 * Where a geometry read by the byte scanner came from: its feature index in the scanned file
 * and that file's cleaned rings (null once its coordinates were replaced). Kept under a symbol,
 * as a non-enumerable property: structured cloning, JSON and object spread do not see it.
 */
export interface ScannedOrigin {
  rings: FlatRings | null;
  index: number;
}

/** The property holding a scanned geometry's ScannedOrigin. */
export const SCANNED_ORIGIN: unique symbol = Symbol('lianpian.scannedOrigin');

/** The scanned rings when `geometries` are all the scanned features in their order, else undefined. */
function scannedRingsOf(geometries: readonly (Polygon | MultiPolygon | null | undefined)[]): FlatRings | undefined {
  const originOf = (geometry: unknown) => (geometry ? ((geometry as Record<symbol, unknown>)[SCANNED_ORIGIN] as ScannedOrigin | undefined) : undefined);
  const rings = originOf(geometries[0])?.rings;
  if (!rings || rings.featureCount !== geometries.length) return undefined;
  for (let i = 0; i < geometries.length; i++) {
    const origin = originOf(geometries[i]);
    if (!origin || origin.rings !== rings || origin.index !== i) return undefined;
  }
  return rings;
}

function polygonsOf(geometry: Polygon | MultiPolygon | null | undefined): readonly (readonly Position[][])[] | undefined {
  if (!geometry || typeof geometry !== 'object' || !Array.isArray(geometry.coordinates)) return undefined;
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return undefined;
}
