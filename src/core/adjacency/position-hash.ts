/**
 * Position hash of the segment passes: every vertex slot in an open-addressing table keyed by its
 * quantized position; slots at one position are linked into a circular list.
 */

/**
 * `same[k]` = the next slot at the position of slot k (k itself when it is alone there), for the
 * slots 0 … size − 1 of the quantized coordinates `x`, `y`.
 */
export function positionLists(x: Int32Array, y: Int32Array, size: number): Int32Array {
  // A table of about one slot per vertex: shared vertices keep the load near 1/2 (4 MB for the
  // 850k vertices of Italy's comuni, small enough to stay mostly in cache).
  let capacity = 16;
  while (capacity < size) capacity *= 2;
  let mask = capacity - 1;
  let table = new Int32Array(capacity).fill(-1);
  let places = 0;
  const same = new Int32Array(size);
  for (let k = 0; k < size; k++) {
    const vx = x[k]!;
    const vy = y[k]!;
    let h = hashPoint(vx, vy) & mask;
    for (;;) {
      const head = table[h]!;
      if (head === -1) {
        table[h] = k;
        same[k] = k;
        places++;
        break;
      }
      if (x[head] === vx && y[head] === vy) {
        same[k] = same[head]!;
        same[head] = k;
        break;
      }
      h = (h + 1) & mask;
    }
    // Keep the load under 3/4 (only data without shared vertices gets here).
    if (places * 4 > capacity * 3) {
      const old = table;
      capacity *= 2;
      mask = capacity - 1;
      table = new Int32Array(capacity).fill(-1);
      for (let i = 0; i < old.length; i++) {
        const head = old[i]!;
        if (head === -1) continue;
        let g = hashPoint(x[head]!, y[head]!) & mask;
        while (table[g] !== -1) g = (g + 1) & mask;
        table[g] = head;
      }
    }
  }
  return same;
}

/** 32-bit hash of a quantized point. */
export function hashPoint(px: number, py: number): number {
  return mix32(Math.imul(px, 0x9e3779b1) ^ py);
}

/** Finalizer that spreads the bits of a 32-bit integer (murmur3's). */
export function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca77);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae3d);
  return h ^ (h >>> 16);
}
