/**
 * The segment-matching engine behind `buildAdjacency` and `sharedBorders` (design notes §3).
 * Passes, all over typed arrays on the 1e-7° grid of `flattenRings`:
 *  1. position hash: every vertex slot goes into an open-addressing table keyed by its quantized
 *     position; slots at the same position form a circular list;
 *  2. exact segments and point contacts: each segment walks the list at its start vertex and
 *     finds the other segments with the same two endpoints (either direction): a shared border,
 *     every owner kept (three owners is bad data, reported); every pair of owners of one
 *     position is a point contact (queen);
 *  3. collinear partial overlaps (T-junctions) and vertices on another polygon's segment, among
 *     the segments pass 2 left unmatched, with candidate pairs from a flatbush index;
 *  4. tolerance (optional): the same candidates within a distance in metres; shared length = the
 *     part of one segment that the other runs alongside (a corner projects to a point).
 * Concepts live next door: position-hash.ts (pass 1), candidate-pairs.ts (the flatbush candidate
 * search of passes 3-4), segment-geometry.ts (distances, crossings, `alongside`), piece-list.ts
 * (the growable piece buffers); this file keeps the passes and what they record.
 */
import Flatbush from 'flatbush';
import { nearPairs } from './candidate-pairs.ts';
import type { FlatRings } from './flat-rings.ts';
import { MetricScale } from './metric-scale.ts';
import { PairTable } from './pair-table.ts';
import { PieceList } from './piece-list.ts';
import { positionLists } from './position-hash.ts';
import { copyStackContacts, stackedCopies, withoutFeatures, type Stack } from './stacked-copies.ts';
import { alongside, alongsideResult, pointSegmentDistance2, properlyCross, segmentDistance } from './segment-geometry.ts';

/**
 * Distance in quantized units (1.5 × 1e-7°, at most 1.7 cm) within which a vertex counts as lying
 * on a segment in the exact passes. Rounding three points to the grid moves a point that was
 * exactly on a segment by at most √2 / 2 + √2 / 2 ≈ 1.41 units off the rounded segment.
 */
export const EXACT_EPSILON_UNITS = 1.5;
/** Gaps and overlaps narrower than this (metres) are coordinate noise, not findings. */
export const QUALITY_MIN_WIDTH_METERS = 0.01;
/**
 * Most owners one position (vertex) keeps: pairs among more are left out, and reported as a
 * crowd. Where a position has more, identical boundaries are matched once (stacked-copies.ts).
 */
export const MAX_OWNERS = 64;

export interface MatchOptions {
  /** Tolerance pass distance in metres; 0 = exact passes only. */
  toleranceMeters: number;
  /** Record the geometry of every shared piece (for `sharedBorders`). */
  collectPieces?: boolean;
  /** Clock for per-pass timings in `stats.ms` (e.g. `() => performance.now()`); none by default. */
  now?: () => number;
}

/** Border defects between one pair, aggregated (metres; locations in quantized units). */
export interface PairQuality {
  a: number;
  b: number;
  /** Length of exactly shared border along which both polygons claim the same side. */
  overlapMeters: number;
  /** Length matched within the tolerance where the two overlap (same side, or a strip ≥ 1 cm). */
  toleranceOverlapMeters: number;
  /** Widest overlap strip (metres; NaN when both claim the same side, width unknown). */
  overlapWidth: number;
  overlapX: number;
  overlapY: number;
  /** Boundary crossings between the two (their interiors overlap). */
  crossings: number;
  /** Length matched only across a gap of at least QUALITY_MIN_WIDTH_METERS. */
  gapMeters: number;
  gapWidth: number;
  gapX: number;
  gapY: number;
}

/** A position where more than MAX_OWNERS features meet: all of them, ascending (quantized). */
export interface Crowd {
  units: number[];
  x: number;
  y: number;
}

/** A segment owned by three or more features. */
export interface MultiShare {
  units: number[];
  meters: number;
  x: number;
  y: number;
}


export interface MatchResult {
  pairs: PairTable;
  /** Border defects, one record per pair that has any (`pairs.quality[slot]` indexes this). */
  quality: PairQuality[];
  /** Keyed by the sorted owner list. */
  multiShares: Map<string, MultiShare>;
  scale: MetricScale;
  pieces: PieceList | undefined;
  /** Groups of identical boundaries matched once (only where some position was crowded). */
  stacks: Stack[];
  /** Positions with more than MAX_OWNERS owners (only the first MAX_OWNERS get point contacts). */
  crowds: Crowd[];
  /** Statistics for benchmarks and debugging. */
  stats: { segments: number; exactShared: number; unmatched: number; candidates: number; collinear: number; tolerance: number; ms: Record<string, number> };
}

/**
 * Runs the passes over flattened rings; never throws on bad geometry. When a position has more
 * than MAX_OWNERS owners, every group of features with identical boundaries is matched through
 * its first member alone and the passes run again (20,000 stacked copies otherwise make pass 2
 * quadratic, and cut pairs); the groups are returned as `stacks`.
 */
export function matchSegments(flat: FlatRings, options: MatchOptions): MatchResult {
  const first = runPasses(flat, options, true);
  if (first) return first;
  const stacks = stackedCopies(flat, 1);
  if (stacks.length === 0) return runPasses(flat, options, false)!;
  const drop = new Uint8Array(flat.featureCount);
  for (const stack of stacks) for (let i = 1; i < stack.units.length; i++) drop[stack.units[i]!] = 1;
  const match = runPasses(withoutFeatures(flat, drop), options, false)!;
  copyStackContacts(flat, stacks, MAX_OWNERS, match.pairs, match.scale, match.pieces);
  match.stacks = stacks;
  return match;
}

/** The passes; undefined when `stopWhenCrowded` and a position has more than MAX_OWNERS owners. */
function runPasses(flat: FlatRings, options: MatchOptions, stopWhenCrowded: boolean): MatchResult | undefined {
  const { x, y, owner, side, size, featureCount } = flat;
  const toleranceMeters = options.toleranceMeters > 0 ? options.toleranceMeters : 0;
  const scale = new MetricScale(flat.minY, flat.maxY);
  const pairs = new PairTable(featureCount * 4 + 16);
  const quality: PairQuality[] = [];
  const multiShares = new Map<string, MultiShare>();
  const crowds: Crowd[] = [];
  const pieces = options.collectPieces ? new PieceList() : undefined;
  const stats = { segments: 0, exactShared: 0, unmatched: 0, candidates: 0, collinear: 0, tolerance: 0, ms: {} as Record<string, number> };
  const now = options.now;
  let clock = now ? now() : 0;
  const lap = (name: string) => {
    if (!now) return;
    const time = now();
    stats.ms[name] = time - clock;
    clock = time;
  };

  const qualityOf = (p: number, q: number): PairQuality => {
    const slot = pairs.slot(p, q);
    let k = pairs.quality[slot]!;
    if (k < 0) {
      k = quality.length;
      pairs.quality[slot] = k;
      quality.push({ a: pairs.a[slot]!, b: pairs.b[slot]!, overlapMeters: 0, toleranceOverlapMeters: 0, overlapWidth: 0, overlapX: 0, overlapY: 0, crossings: 0, gapMeters: 0, gapWidth: 0, gapX: 0, gapY: 0 });
    }
    return quality[k]!;
  };
  const addOverlap = (p: number, q: number, meters: number, width: number, px: number, py: number, tolerance: boolean) => {
    const entry = qualityOf(p, q);
    const first = entry.overlapMeters === 0 && entry.toleranceOverlapMeters === 0;
    // The widest measured strip marks the place (a same-side overlap has no width: NaN).
    if (first || width > entry.overlapWidth || (Number.isNaN(entry.overlapWidth) && !Number.isNaN(width))) {
      entry.overlapWidth = width;
      entry.overlapX = px;
      entry.overlapY = py;
    }
    if (tolerance) entry.toleranceOverlapMeters += meters;
    else entry.overlapMeters += meters;
  };

  // Pass 1 (position-hash.ts): every vertex slot (closing slots too) by position. Slots at one
  // position form a circular list (`same[k]` = next slot at the same place), so a segment finds
  // the segments that start or end where it starts without a second lookup.
  let segments = 0;
  for (let k = 0; k < size; k++) if (owner[k]! >= 0) segments++;
  stats.segments = segments;
  const same = positionLists(x, y, size);
  lap('hash');
  /** Every owner of the position of slot v, ascending. */
  const ownersOf = (v: number): number[] => {
    const units = new Set<number>();
    let k = v;
    do {
      const o = owner[k]!;
      units.add(o >= 0 ? o : owner[k - 1]!);
      k = same[k]!;
    } while (k !== v);
    return Array.from(units).sort((a, b) => a - b);
  };

  // Pass 2, per segment s = (u → w) of feature P: the other slots at u whose next or previous
  // vertex is w carry the same segment. The group is handled once, by its smallest segment; all
  // owners are kept. The same walk collects the owners of u for point contacts (queen).
  const matched = new Uint8Array(size);
  const ownersAt = new Int32Array(MAX_OWNERS);
  const groupOwners = new Int32Array(MAX_OWNERS);
  const groupSegments = new Int32Array(MAX_OWNERS);
  for (let s = 0; s < size; s++) {
    const p = owner[s]!;
    if (p < 0) continue;
    const wx = x[s + 1]!;
    const wy = y[s + 1]!;
    let smallestSlot = s;
    let ownerCount = 1;
    ownersAt[0] = p;
    let head = true;
    let groupCount = 1;
    groupOwners[0] = p;
    groupSegments[0] = s;
    let other = -1;
    let crowded = false;
    for (let o = same[s]!; o !== s; o = same[o]!) {
      if (o < smallestSlot) smallestSlot = o;
      const own = owner[o]!;
      const q = own >= 0 ? own : owner[o - 1]!;
      // Owners are only needed by the walk from the position's smallest slot (see below).
      if (q !== p && smallestSlot === s && !includes(ownersAt, ownerCount, q)) {
        if (ownerCount < MAX_OWNERS) ownersAt[ownerCount++] = q;
        else if (stopWhenCrowded) return undefined;
        else crowded = true;
      }
      // Segment o → o + 1 (same direction) or o − 1 → o (opposite) equal to s?
      let t = -1;
      if (own >= 0 && x[o + 1] === wx && y[o + 1] === wy) t = o;
      else if (o > 0 && owner[o - 1]! >= 0 && x[o - 1] === wx && y[o - 1] === wy) t = o - 1;
      if (t === -1) continue;
      if (t < s) head = false;
      const q2 = owner[t]!;
      if (q2 !== p) matched[s] = 1;
      // (More than MAX_OWNERS owners of a segment: the position is crowded too, and reported.)
      if (groupCount < MAX_OWNERS && !includes(groupOwners, groupCount, q2)) {
        groupSegments[groupCount] = t;
        groupOwners[groupCount++] = q2;
      }
      other = t;
    }
    // Point contacts at u: every pair of owners (found once, at the position's smallest slot),
    // unless the only other owner shares this very segment (then the pair has a length anyway).
    if (smallestSlot === s && ownerCount > 1 && !(ownerCount === 2 && groupCount === 2 && groupOwners[1] === ownersAt[1])) {
      for (let i = 0; i < ownerCount; i++) for (let j = i + 1; j < ownerCount; j++) pairs.slot(ownersAt[i]!, ownersAt[j]!);
      if (crowded) crowds.push({ units: ownersOf(s), x: x[s]!, y: y[s]! });
    }
    if (!head || groupCount < 2) continue;
    const meters = scale.length(x[s]!, y[s]!, wx, wy);
    stats.exactShared++;
    if (groupCount === 2) {
      // The common case: one neighbour. Opposite interiors expected; the same side on both
      // means the two polygons overlap along this segment.
      const q = groupOwners[1]!;
      const slot = pairs.slot(p, q);
      pairs.exact[slot]! += meters;
      const s1 = side[s]!;
      const s2 = side[other]!;
      if (s1 !== 2 && s2 !== 2) {
        const sameDirection = x[other] === x[s] && y[other] === y[s];
        if (sameDirection ? s1 === s2 : s1 !== s2) addOverlap(p, q, meters, NaN, (x[s]! + wx) / 2, (y[s]! + wy) / 2, false);
      }
      if (pieces) pieces.push(p, q, x[s]!, y[s]!, wx, wy, meters, false);
      continue;
    }
    // Three or more owners: bad data; every owner keeps the segment.
    for (let i = 0; i < groupCount; i++) {
      for (let j = i + 1; j < groupCount; j++) {
        const slot = pairs.slot(groupOwners[i]!, groupOwners[j]!);
        pairs.exact[slot]! += meters;
        const si = groupSegments[i]!;
        const sj = groupSegments[j]!;
        const s1 = side[si]!;
        const s2 = side[sj]!;
        if (s1 !== 2 && s2 !== 2 && ((x[si] === x[sj] && y[si] === y[sj]) ? s1 === s2 : s1 !== s2)) {
          addOverlap(groupOwners[i]!, groupOwners[j]!, meters, NaN, (x[s]! + wx) / 2, (y[s]! + wy) / 2, false);
        }
        if (pieces) pieces.push(groupOwners[i]!, groupOwners[j]!, x[s]!, y[s]!, wx, wy, meters, false);
      }
    }
    const units = Array.from(groupOwners.subarray(0, groupCount)).sort((a, b) => a - b);
    const key = units.join(',');
    const entry = multiShares.get(key);
    if (entry) entry.meters += meters;
    else multiShares.set(key, { units, meters, x: (x[s]! + wx) / 2, y: (y[s]! + wy) / 2 });
  }
  // Segments of a shared group that are not the head were marked by their own walk above.
  lap('match');

  /**
   * A vertex (slot v, feature owner[v]) lies on a segment of feature f: every other owner of that
   * position touches f there too (a corner at a T-junction).
   */
  const touchVertexOwners = (v: number, f: number) => {
    const own = owner[v]!;
    const first = own >= 0 ? own : owner[v - 1]!;
    for (let k = same[v]!; k !== v; k = same[k]!) {
      const o = owner[k]!;
      const q = o >= 0 ? o : owner[k - 1]!;
      if (q !== f && q !== first) pairs.slot(q, f);
    }
  };

  // Pass 3: the segments pass 2 left unmatched, indexed by bounding box.
  let unmatchedCount = 0;
  for (let k = 0; k < size; k++) if (owner[k]! >= 0 && !matched[k]) unmatchedCount++;
  stats.unmatched = unmatchedCount;
  if (unmatchedCount === 0) return { pairs, quality, multiShares, scale, pieces, stacks: [], crowds, stats };
  const unmatched = new Int32Array(unmatchedCount);
  const boxes = new Float64Array(unmatchedCount * 4);
  const index = new Flatbush(unmatchedCount);
  for (let k = 0, j = 0; k < size; k++) {
    if (owner[k]! < 0 || matched[k]) continue;
    const x1 = x[k]!;
    const y1 = y[k]!;
    const x2 = x[k + 1]!;
    const y2 = y[k + 1]!;
    boxes[4 * j] = x1 < x2 ? x1 : x2;
    boxes[4 * j + 1] = y1 < y2 ? y1 : y2;
    boxes[4 * j + 2] = x1 < x2 ? x2 : x1;
    boxes[4 * j + 3] = y1 < y2 ? y2 : y1;
    index.add(boxes[4 * j]!, boxes[4 * j + 1]!, boxes[4 * j + 2]!, boxes[4 * j + 3]!);
    unmatched[j++] = k;
  }
  index.finish();
  lap('index');
  /** Covered length (units) of each unmatched segment by collinear overlaps. */
  const covered = new Float64Array(unmatchedCount);

  // Scratch results of collinearOverlap (no allocation per test).
  let baseSegment = 0;
  let otherSegment = 0;
  let baseLength = 0;
  let alongP = 0;
  let alongQ = 0;
  /**
   * Length (units) over which s and t lie on one line within EXACT_EPSILON_UNITS, measured along
   * the longer of the two (the base); 0 when they are not collinear or meet in a point.
   */
  const collinearOverlap = (s: number, t: number): number => {
    const sx = x[s + 1]! - x[s]!;
    const sy = y[s + 1]! - y[s]!;
    const tx = x[t + 1]! - x[t]!;
    const ty = y[t + 1]! - y[t]!;
    const ls = sx * sx + sy * sy;
    const lt = tx * tx + ty * ty;
    const b = ls >= lt ? s : t;
    const o = b === s ? t : s;
    const bx = b === s ? sx : tx;
    const by = b === s ? sy : ty;
    const length2 = b === s ? ls : lt;
    const px = x[o]! - x[b]!;
    const py = y[o]! - y[b]!;
    const qx = x[o + 1]! - x[b]!;
    const qy = y[o + 1]! - y[b]!;
    // Both ends of the other within epsilon of the base's line (squared, no root yet).
    const limit2 = EXACT_EPSILON_UNITS * EXACT_EPSILON_UNITS * length2;
    const crossP = bx * py - by * px;
    const crossQ = bx * qy - by * qx;
    if (crossP * crossP > limit2 || crossQ * crossQ > limit2) return 0;
    const length = Math.sqrt(length2);
    const ap = (bx * px + by * py) / length;
    const aq = (bx * qx + by * qy) / length;
    const overlap = Math.min(length, Math.max(ap, aq)) - Math.max(0, Math.min(ap, aq));
    if (!(overlap > EXACT_EPSILON_UNITS)) return 0;
    baseSegment = b;
    otherSegment = o;
    baseLength = length;
    alongP = ap;
    alongQ = aq;
    return overlap;
  };

  const epsilon = EXACT_EPSILON_UNITS;
  /** Exact tests between unmatched segments j < i (indices into `unmatched`). */
  const exactPair = (j: number, i: number): void => {
    const s = unmatched[j]!;
    const t = unmatched[i]!;
    const os = owner[s]!;
    const ot = owner[t]!;
    if (os === ot) {
      // Neighbours along a ring share a vertex and cannot cross.
      if (t !== s + 1 && properlyCross(x, y, s, t)) {
        const issues = flat.issues.get(os);
        if (issues) issues.selfIntersections++;
        else flat.issues.set(os, { feature: os, badCoordinates: 0, spikes: 0, degenerateRings: 0, zeroAreaRings: 0, unclosedRings: 0, notPolygon: false, selfIntersections: 1, x: x[s]!, y: y[s]! });
      }
      return;
    }
    const overlap = collinearOverlap(s, t);
    if (overlap > 0) {
      // Collinear partial overlap (T-junction): shared length measured on the base segment.
      const b = baseSegment;
      const o = otherSegment;
      const meters = (overlap / baseLength) * scale.length(x[b]!, y[b]!, x[b + 1]!, y[b + 1]!);
      const slot = pairs.slot(os, ot);
      pairs.exact[slot]! += meters;
      covered[j]! += overlap;
      covered[i]! += overlap;
      stats.collinear++;
      const sameDirection = alongQ > alongP;
      const sb = side[b]!;
      const so = side[o]!;
      if (sb !== 2 && so !== 2 && (sameDirection ? sb === so : sb !== so)) {
        addOverlap(os, ot, meters, NaN, (x[o]! + x[o + 1]!) / 2, (y[o]! + y[o + 1]!) / 2, false);
      }
      // Vertices of one segment inside the other: their other owners touch it there too.
      const lo = Math.min(alongP, alongQ);
      const hi = Math.max(alongP, alongQ);
      if (alongP > epsilon && alongP < baseLength - epsilon) touchVertexOwners(o, owner[b]!);
      if (alongQ > epsilon && alongQ < baseLength - epsilon) touchVertexOwners(o + 1, owner[b]!);
      if (lo < -epsilon) touchVertexOwners(b, owner[o]!);
      if (hi > baseLength + epsilon) touchVertexOwners(b + 1, owner[o]!);
      if (pieces) {
        // The piece's ends are actual vertices (of the base where the other extends past it).
        const startOnOther = alongP <= alongQ;
        const fromX = lo <= epsilon ? x[b]! : startOnOther ? x[o]! : x[o + 1]!;
        const fromY = lo <= epsilon ? y[b]! : startOnOther ? y[o]! : y[o + 1]!;
        const toX = hi >= baseLength - epsilon ? x[b + 1]! : startOnOther ? x[o + 1]! : x[o]!;
        const toY = hi >= baseLength - epsilon ? y[b + 1]! : startOnOther ? y[o + 1]! : y[o]!;
        pieces.push(os, ot, fromX, fromY, toX, toY, meters, false);
      }
      return;
    }
    // Not collinear and sharing an endpoint: pass 2 already recorded that contact.
    if ((x[s] === x[t] && y[s] === y[t]) || (x[s] === x[t + 1] && y[s] === y[t + 1]) || (x[s + 1] === x[t] && y[s + 1] === y[t]) || (x[s + 1] === x[t + 1] && y[s + 1] === y[t + 1])) return;
    // Point contacts: an endpoint of one on the other (T-touch), or a crossing. An endpoint
    // outside the other's box grown by epsilon cannot be on it (cheap test first).
    let touch = false;
    const e2 = epsilon * epsilon;
    const sx0 = boxes[4 * j]! - epsilon;
    const sy0 = boxes[4 * j + 1]! - epsilon;
    const sx1 = boxes[4 * j + 2]! + epsilon;
    const sy1 = boxes[4 * j + 3]! + epsilon;
    const tx0 = boxes[4 * i]! - epsilon;
    const ty0 = boxes[4 * i + 1]! - epsilon;
    const tx1 = boxes[4 * i + 2]! + epsilon;
    const ty1 = boxes[4 * i + 3]! + epsilon;
    for (let end = 0; end < 2; end++) {
      const vx = x[t + end]!;
      const vy = y[t + end]!;
      if (vx >= sx0 && vx <= sx1 && vy >= sy0 && vy <= sy1 && pointSegmentDistance2(x, y, vx, vy, s) <= e2) {
        touch = true;
        touchVertexOwners(t + end, os);
      }
      const wx = x[s + end]!;
      const wy = y[s + end]!;
      if (wx >= tx0 && wx <= tx1 && wy >= ty0 && wy <= ty1 && pointSegmentDistance2(x, y, wx, wy, t) <= e2) {
        touch = true;
        touchVertexOwners(s + end, ot);
      }
    }
    if (touch) pairs.slot(os, ot);
    else if (properlyCross(x, y, s, t)) {
      // Boundaries that cross: the interiors overlap (a contact, and a finding).
      pairs.slot(os, ot);
      const entry = qualityOf(os, ot);
      if (entry.crossings++ === 0 && entry.overlapMeters === 0 && entry.toleranceOverlapMeters === 0) {
        entry.overlapX = (x[s]! + x[s + 1]!) / 2;
        entry.overlapY = (y[s]! + y[s + 1]!) / 2;
      }
    }
    return;
  };
  // Candidate pairs, once for both passes: boxes within the tolerance (or the exact epsilon).
  const marginX = toleranceMeters > 0 ? toleranceMeters / scale.minKx + epsilon : epsilon;
  const marginY = toleranceMeters > 0 ? toleranceMeters / scale.minKy + epsilon : epsilon;
  const near = nearPairs(index, boxes, unmatched, marginX, marginY);
  stats.candidates = near.count;
  lap('candidates');
  for (let k = 0; k < near.count; k++) {
    const j = near.first[k]!;
    const i = near.second[k]!;
    // Exact tests only for boxes within the epsilon.
    if (boxes[4 * i]! > boxes[4 * j + 2]! + epsilon || boxes[4 * i + 2]! < boxes[4 * j]! - epsilon || boxes[4 * i + 1]! > boxes[4 * j + 3]! + epsilon || boxes[4 * i + 3]! < boxes[4 * j + 1]! - epsilon) continue;
    exactPair(j, i);
  }
  lap('collinear');
  if (toleranceMeters === 0) return { pairs, quality, multiShares, scale, pieces, stacks: [], crowds, stats };

  // Pass 4: tolerance. Segments not fully covered by exact overlaps, against each other.
  const open = new Uint8Array(unmatchedCount);
  for (let j = 0; j < unmatchedCount; j++) {
    const s = unmatched[j]!;
    const length = Math.sqrt((x[s + 1]! - x[s]!) ** 2 + (y[s + 1]! - y[s]!) ** 2);
    open[j] = covered[j]! < length - 2 * epsilon ? 1 : 0;
  }
  const tolerance = toleranceMeters;
  /**
   * Tolerance tests between unmatched segments j (open) and i. When i is already covered by
   * exact overlaps only a point contact counts (its length belongs to another pair).
   */
  const tolerancePair = (j: number, i: number): void => {
    const s = unmatched[j]!;
    const t = unmatched[i]!;
    const lengthCounts = open[i] === 1;
    const os = owner[s]!;
    const ot = owner[t]!;
    if (os === ot || collinearOverlap(s, t) > 0) return;
    // Local metric frame at the start of s.
    const ym = (y[s]! + y[s + 1]!) / 2;
    const kx = scale.kx(ym);
    const ky = scale.ky(ym);
    const ax = (x[s + 1]! - x[s]!) * kx;
    const ay = (y[s + 1]! - y[s]!) * ky;
    const px = (x[t]! - x[s]!) * kx;
    const py = (y[t]! - y[s]!) * ky;
    const qx = (x[t + 1]! - x[s]!) * kx;
    const qy = (y[t + 1]! - y[s]!) * ky;
    const alongS = lengthCounts ? alongside(ax, ay, px, py, qx, qy, tolerance) : 0;
    const offset = alongsideResult.offset;
    const fromS = alongsideResult.from;
    const toS = alongsideResult.to;
    const alongT = alongS > 0 ? alongside(qx - px, qy - py, -px, -py, ax - px, ay - py, tolerance) : 0;
    const shared = alongS < alongT ? alongS : alongT;
    if (shared > 0) {
      const slot = pairs.slot(os, ot);
      pairs.tolerance[slot]! += shared;
      stats.tolerance++;
      const lengthS = Math.sqrt(ax * ax + ay * ay);
      const midX = x[s]! + ((ax / lengthS) * (fromS + toS)) / 2 / kx;
      const midY = y[s]! + ((ay / lengthS) * (fromS + toS)) / 2 / ky;
      // Interiors on opposite sides expected; then t inside P's side is an overlap strip,
      // t away from it a gap.
      const ss = side[s]!;
      const st = side[t]!;
      if (ss !== 2 && st !== 2) {
        const sameDirection = ax * (qx - px) + ay * (qy - py) > 0;
        const tLeft = sameDirection ? st : 1 - st;
        if (tLeft === ss) addOverlap(os, ot, shared, NaN, midX, midY, true);
        else {
          const intoS = ss === 1 ? offset : -offset;
          if (intoS >= QUALITY_MIN_WIDTH_METERS) addOverlap(os, ot, shared, intoS, midX, midY, true);
          else if (intoS <= -QUALITY_MIN_WIDTH_METERS) {
            const entry = qualityOf(os, ot);
            if (-intoS > entry.gapWidth) {
              entry.gapWidth = -intoS;
              entry.gapX = midX;
              entry.gapY = midY;
            }
            entry.gapMeters += shared;
          }
        }
      }
      if (pieces) {
        const ux = ax / lengthS / kx;
        const uy = ay / lengthS / ky;
        pieces.push(os, ot, x[s]! + ux * fromS, y[s]! + uy * fromS, x[s]! + ux * toS, y[s]! + uy * toS, shared, true);
      }
    } else if (segmentDistance(ax, ay, px, py, qx, qy) <= tolerance) {
      pairs.slot(os, ot);
    }
    return;
  };
  for (let k = 0; k < near.count; k++) {
    const j = near.first[k]!;
    const i = near.second[k]!;
    // At least one open segment; the open one is the reference.
    if (open[j]) tolerancePair(j, i);
    else if (open[i]) tolerancePair(i, j);
  }
  lap('tolerance');
  return { pairs, quality, multiShares, scale, pieces, stacks: [], crowds, stats };
}

/** Whether `list[0 … count)` contains `value`. */
function includes(list: Int32Array, count: number, value: number): boolean {
  for (let i = 0; i < count; i++) if (list[i] === value) return true;
  return false;
}
