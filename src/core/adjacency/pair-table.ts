/**
 * Accumulates contacts between feature pairs in an open-addressing hash table over typed arrays
 * (keys a < b, linear probing): shared length found exactly, shared length found only within the
 * tolerance, and the fact of a contact at all. Border runs hit the same pair many times in a row,
 * so the last slot is cached.
 */

export class PairTable {
  /** Key a per slot (−1 = empty). */
  a: Int32Array;
  /** Key b per slot (a < b). */
  b: Int32Array;
  /** Shared length in metres found by the exact passes. */
  exact: Float64Array;
  /** Shared length in metres found only by the tolerance pass. */
  tolerance: Float64Array;
  /** Index of the pair's border-defect record (see matchSegments), −1 for none. */
  quality: Int32Array;
  /** Slots in use. */
  count = 0;
  private mask: number;
  private lastA = -1;
  private lastB = -1;
  private lastSlot = -1;

  constructor(expectedPairs: number) {
    let capacity = 16;
    while (capacity < expectedPairs * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.a = new Int32Array(capacity).fill(-1);
    this.b = new Int32Array(capacity);
    this.exact = new Float64Array(capacity);
    this.tolerance = new Float64Array(capacity);
    this.quality = new Int32Array(capacity).fill(-1);
  }

  /** The slot of pair {p, q} (p ≠ q), inserted as a contact without length when new. */
  slot(p: number, q: number): number {
    const a = p < q ? p : q;
    const b = p < q ? q : p;
    if (a === this.lastA && b === this.lastB) return this.lastSlot;
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const keysA = this.a;
    const keysB = this.b;
    const mask = this.mask;
    let i = hashPair(a, b) & mask;
    for (;;) {
      const key = keysA[i]!;
      if (key === -1) {
        keysA[i] = a;
        keysB[i] = b;
        this.count++;
        break;
      }
      if (key === a && keysB[i] === b) break;
      i = (i + 1) & mask;
    }
    this.lastA = a;
    this.lastB = b;
    this.lastSlot = i;
    return i;
  }

  /** The slot of pair {p, q}, or −1 when they never touched. */
  find(p: number, q: number): number {
    const a = p < q ? p : q;
    const b = p < q ? q : p;
    let i = hashPair(a, b) & this.mask;
    for (;;) {
      const key = this.a[i]!;
      if (key === -1) return -1;
      if (key === a && this.b[i] === b) return i;
      i = (i + 1) & this.mask;
    }
  }

  /** Number of slots (iterate 0 … capacity − 1 and skip a[slot] === −1). */
  get capacity(): number {
    return this.mask + 1;
  }

  private grow(): void {
    const { a, b, exact, tolerance, quality } = this;
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.a = new Int32Array(capacity).fill(-1);
    this.b = new Int32Array(capacity);
    this.exact = new Float64Array(capacity);
    this.tolerance = new Float64Array(capacity);
    this.quality = new Int32Array(capacity).fill(-1);
    for (let s = 0; s < a.length; s++) {
      const key = a[s]!;
      if (key === -1) continue;
      let i = hashPair(key, b[s]!) & this.mask;
      while (this.a[i] !== -1) i = (i + 1) & this.mask;
      this.a[i] = key;
      this.b[i] = b[s]!;
      this.exact[i] = exact[s]!;
      this.tolerance[i] = tolerance[s]!;
      this.quality[i] = quality[s]!;
    }
    this.lastA = this.lastB = this.lastSlot = -1;
  }
}

/** 32-bit hash of an ordered pair of non-negative integers. */
export function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h;
}
