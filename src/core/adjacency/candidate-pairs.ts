/**
 * Candidate search for the segment passes: pairs of segments whose bounding boxes come within a
 * margin, found with one flatbush search per run of consecutive ring segments.
 */
import type Flatbush from 'flatbush';

/** Segments per flatbush search in `nearPairs`. */
const CHUNK = 16;
let found = new Int32Array(256);
let foundCount = 0;
let hitBoxes = new Float64Array(1024);
const collect = (i: number): boolean => {
  if (foundCount === found.length) {
    const bigger = new Int32Array(found.length * 2);
    bigger.set(found);
    found = bigger;
  }
  found[foundCount++] = i;
  return false;
};

/** Candidate pairs of segments: `first[k] < second[k]`, indices into the indexed set. */
export interface NearPairs {
  count: number;
  first: Int32Array;
  second: Int32Array;
}

/**
 * Every pair j < i of indexed segments whose boxes, j's grown by the margins, intersect.
 * Segments are queried in runs of up to CHUNK consecutive segments of one ring (`slots` gives
 * their vertex slots), one flatbush search per run, which is several times faster than a search
 * per segment.
 */
export function nearPairs(index: Flatbush, boxes: Float64Array, slots: Int32Array, marginX: number, marginY: number): NearPairs {
  const count = boxes.length / 4;
  let first = new Int32Array(Math.max(16, count * 4));
  let second = new Int32Array(first.length);
  let total = 0;
  for (let start = 0; start < count; start = runEnd(slots, start)) {
    // A run: consecutive segments of one ring (so that its box stays small).
    const end = runEnd(slots, start);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let j = start; j < end; j++) {
      if (boxes[4 * j]! < minX) minX = boxes[4 * j]!;
      if (boxes[4 * j + 1]! < minY) minY = boxes[4 * j + 1]!;
      if (boxes[4 * j + 2]! > maxX) maxX = boxes[4 * j + 2]!;
      if (boxes[4 * j + 3]! > maxY) maxY = boxes[4 * j + 3]!;
    }
    foundCount = 0;
    index.search(minX - marginX, minY - marginY, maxX + marginX, maxY + marginY, collect);
    // Copy the hits' boxes next to each other (the inner loop reads them once per member).
    let hitCount = 0;
    if (hitBoxes.length < foundCount * 4) hitBoxes = new Float64Array(foundCount * 8);
    for (let h = 0; h < foundCount; h++) {
      const i = found[h]!;
      if (i <= start) continue;
      found[hitCount] = i;
      hitBoxes[4 * hitCount] = boxes[4 * i]!;
      hitBoxes[4 * hitCount + 1] = boxes[4 * i + 1]!;
      hitBoxes[4 * hitCount + 2] = boxes[4 * i + 2]!;
      hitBoxes[4 * hitCount + 3] = boxes[4 * i + 3]!;
      hitCount++;
    }
    for (let j = start; j < end; j++) {
      const x0 = boxes[4 * j]! - marginX;
      const y0 = boxes[4 * j + 1]! - marginY;
      const x1 = boxes[4 * j + 2]! + marginX;
      const y1 = boxes[4 * j + 3]! + marginY;
      for (let h = 0; h < hitCount; h++) {
        if (hitBoxes[4 * h]! > x1 || hitBoxes[4 * h + 2]! < x0 || hitBoxes[4 * h + 1]! > y1 || hitBoxes[4 * h + 3]! < y0) continue;
        const i = found[h]!;
        if (i <= j) continue;
        if (total === first.length) {
          const biggerFirst = new Int32Array(total * 2);
          const biggerSecond = new Int32Array(total * 2);
          biggerFirst.set(first);
          biggerSecond.set(second);
          first = biggerFirst;
          second = biggerSecond;
        }
        first[total] = j;
        second[total++] = i;
      }
    }
  }
  return { count: total, first, second };
}

/** End (exclusive) of the run of at most CHUNK consecutive ring segments starting at `start`. */
function runEnd(slots: Int32Array, start: number): number {
  let end = start + 1;
  while (end < slots.length && end - start < CHUNK && slots[end] === slots[end - 1]! + 1) end++;
  return end;
}
