/**
 * Stacked copies: features whose boundaries are identical (a polygon pasted many times, a
 * duplicated import). Where they crowd a position beyond the owner cap of the segment passes,
 * they are matched once, through their first member, and the others get its answers. Found
 * cheaply by hashing every ring independently of its start vertex and direction.
 */
import type { FlatRings } from './flat-rings.ts';
import type { MetricScale } from './metric-scale.ts';
import type { PairTable } from './pair-table.ts';
import type { PieceList } from './piece-list.ts';
import { hashPoint, mix32 } from './position-hash.ts';

/** Features with identical boundaries, ascending; x, y = middle of their box (quantized units). */
export interface Stack {
  units: number[];
  x: number;
  y: number;
}

/**
 * Groups of more than `minSize` features with identical boundaries: the same rings in the same
 * order, each equal up to its start vertex and direction (on the quantized grid).
 */
export function stackedCopies(flat: FlatRings, minSize: number): Stack[] {
  const { x, y, owner, ringStart, ringEnd, ringCount } = flat;
  // Key per feature: its rings' vertex counts and two order-free sums of segment hashes.
  const keys = new Map<number, string>();
  for (let r = 0; r < ringCount; r++) {
    const start = ringStart[r]!;
    const end = ringEnd[r]!;
    const f = owner[start]!;
    if (f < 0) continue;
    let h1 = 0;
    let h2 = 0;
    for (let k = start; k < end; k++) {
      const u = hashPoint(x[k]!, y[k]!);
      const w = hashPoint(x[k + 1]!, y[k + 1]!);
      h1 = (h1 + mix32(u ^ w)) | 0;
      h2 = (h2 + mix32(Math.imul(u | 1, w | 1))) | 0;
    }
    const ring = `${end - start}:${h1}:${h2}`;
    const key = keys.get(f);
    keys.set(f, key === undefined ? ring : `${key}/${ring}`);
  }
  const groups = new Map<string, number[]>();
  for (const [f, key] of keys) {
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  const ringsOf = featureRings(flat);
  const stacks: Stack[] = [];
  for (const group of groups.values()) {
    if (group.length <= minSize) continue;
    group.sort((a, b) => a - b);
    // Equal keys are checked vertex by vertex (a hash collision must not merge two features).
    const first = ringsOf.get(group[0]!)!;
    const units = group.filter((f) => {
      const rings = ringsOf.get(f)!;
      return rings.length === first.length && rings.every((r, i) => sameRing(flat, first[i]!, r));
    });
    if (units.length <= minSize) continue;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const r of first) {
      for (let k = ringStart[r]!; k < ringEnd[r]!; k++) {
        minX = Math.min(minX, x[k]!);
        maxX = Math.max(maxX, x[k]!);
        minY = Math.min(minY, y[k]!);
        maxY = Math.max(maxY, y[k]!);
      }
    }
    stacks.push({ units, x: (minX + maxX) / 2, y: (minY + maxY) / 2 });
  }
  return stacks.sort((a, b) => a.units[0]! - b.units[0]!);
}

/** The same rings without the features where `drop[f]` is 1 (slots renumbered, owners kept). */
export function withoutFeatures(flat: FlatRings, drop: Uint8Array): FlatRings {
  const { ringStart, ringEnd, owner } = flat;
  let size = 0;
  let ringCount = 0;
  for (let r = 0; r < flat.ringCount; r++) {
    if (drop[owner[ringStart[r]!]!]) continue;
    size += ringEnd[r]! - ringStart[r]! + 1;
    ringCount++;
  }
  const kept: FlatRings = {
    ...flat,
    size,
    x: new Int32Array(size),
    y: new Int32Array(size),
    owner: new Int32Array(size),
    side: new Uint8Array(size),
    ringCount,
    ringStart: new Uint32Array(ringCount),
    ringEnd: new Uint32Array(ringCount),
  };
  for (let r = 0, n = 0, i = 0; r < flat.ringCount; r++) {
    const start = ringStart[r]!;
    const end = ringEnd[r]! + 1;
    if (drop[owner[start]!]) continue;
    kept.x.set(flat.x.subarray(start, end), n);
    kept.y.set(flat.y.subarray(start, end), n);
    kept.owner.set(owner.subarray(start, end), n);
    kept.side.set(flat.side.subarray(start, end), n);
    kept.ringStart[i] = n;
    n += end - start;
    kept.ringEnd[i++] = n - 1;
  }
  return kept;
}

/**
 * Gives every member of each stack the contacts its first member found (matched alone), and
 * the pairs among the first `cap` members a shared border of the whole boundary. Pairs among the
 * other members are left out (a stack of n has n(n − 1)/2 of them): the stack is a finding.
 * Two stacks next to each other: all pairs across when there are at most cap² of them, else
 * those among the first `cap` of each.
 */
export function copyStackContacts(flat: FlatRings, stacks: readonly Stack[], cap: number, pairs: PairTable, scale: MetricScale, pieces: PieceList | undefined): void {
  const ringsOf = featureRings(flat);
  const stackOf = new Map<number, Stack>();
  for (const stack of stacks) stackOf.set(stack.units[0]!, stack);
  /** The members standing for each side of a contact between first members a and b. */
  const sides = (a: number, b: number): [number[], number[]] => {
    const unitsA = stackOf.get(a)?.units ?? [a];
    const unitsB = stackOf.get(b)?.units ?? [b];
    const tooMany = unitsA.length > 1 && unitsB.length > 1 && unitsA.length * unitsB.length > cap * cap;
    return tooMany ? [unitsA.slice(0, cap), unitsB.slice(0, cap)] : [unitsA, unitsB];
  };
  // Contacts of the first members (read before inserting: slots move).
  const found: { a: number; b: number; exact: number; tolerance: number }[] = [];
  for (let slot = 0; slot < pairs.capacity; slot++) {
    const a = pairs.a[slot]!;
    if (a === -1) continue;
    const b = pairs.b[slot]!;
    if (stackOf.has(a) || stackOf.has(b)) found.push({ a, b, exact: pairs.exact[slot]!, tolerance: pairs.tolerance[slot]! });
  }
  for (const { a, b, exact, tolerance } of found) {
    const [unitsA, unitsB] = sides(a, b);
    for (const p of unitsA) {
      for (const q of unitsB) {
        if (p === a && q === b) continue;
        const slot = pairs.slot(p, q);
        pairs.exact[slot]! += exact;
        pairs.tolerance[slot]! += tolerance;
      }
    }
  }
  if (pieces) {
    const count = pieces.count;
    for (let k = 0; k < count; k++) {
      const a = pieces.a[k]!;
      const b = pieces.b[k]!;
      if (!stackOf.has(a) && !stackOf.has(b)) continue;
      const [unitsA, unitsB] = sides(a, b);
      const c = pieces.coords;
      for (const p of unitsA) {
        for (const q of unitsB) {
          if (p !== a || q !== b) pieces.push(p, q, c[4 * k]!, c[4 * k + 1]!, c[4 * k + 2]!, c[4 * k + 3]!, pieces.meters[k]!, pieces.tolerance[k] === 1);
        }
      }
    }
  }
  // Within a stack: the whole boundary is shared, among the first `cap` members.
  const { x, y, ringStart, ringEnd } = flat;
  for (const stack of stacks) {
    const rings = ringsOf.get(stack.units[0]!)!;
    let perimeter = 0;
    for (const r of rings) for (let k = ringStart[r]!; k < ringEnd[r]!; k++) perimeter += scale.length(x[k]!, y[k]!, x[k + 1]!, y[k + 1]!);
    const members = Math.min(cap, stack.units.length);
    for (let i = 0; i < members; i++) {
      for (let j = i + 1; j < members; j++) {
        const p = stack.units[i]!;
        const q = stack.units[j]!;
        const slot = pairs.slot(p, q); // (may grow the table: read `pairs.exact` after it)
        pairs.exact[slot]! += perimeter;
        if (!pieces) continue;
        for (const r of rings) for (let k = ringStart[r]!; k < ringEnd[r]!; k++) pieces.push(p, q, x[k]!, y[k]!, x[k + 1]!, y[k + 1]!, scale.length(x[k]!, y[k]!, x[k + 1]!, y[k + 1]!), false);
      }
    }
  }
}

/** Ring indices per feature, in order. */
function featureRings(flat: FlatRings): Map<number, number[]> {
  const rings = new Map<number, number[]>();
  for (let r = 0; r < flat.ringCount; r++) {
    const f = flat.owner[flat.ringStart[r]!]!;
    if (f < 0) continue;
    const list = rings.get(f);
    if (list) list.push(r);
    else rings.set(f, [r]);
  }
  return rings;
}

/** Whether rings r and s have the same vertices in the same cyclic order, either direction. */
function sameRing(flat: FlatRings, r: number, s: number): boolean {
  const { x, y } = flat;
  const a = flat.ringStart[r]!;
  const b = flat.ringStart[s]!;
  const n = flat.ringEnd[r]! - a;
  if (flat.ringEnd[s]! - b !== n) return false;
  for (let o = 0; o < n; o++) {
    if (x[b + o] !== x[a] || y[b + o] !== y[a]) continue;
    let forward = true;
    let backward = true;
    for (let i = 1; i < n && (forward || backward); i++) {
      const f = b + ((o + i) % n);
      const g = b + ((o - i + n) % n);
      if (x[f] !== x[a + i] || y[f] !== y[a + i]) forward = false;
      if (x[g] !== x[a + i] || y[g] !== y[a + i]) backward = false;
    }
    if (forward || backward) return true;
  }
  return false;
}
