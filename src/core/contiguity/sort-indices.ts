/**
 * Ascending sort of node or cluster indices in place, without a comparator callback: on every
 * planner toggle about a thousand rings, runs and clusters are sorted, and `Array#sort` with
 * `(a, b) => a - b` calls back into JS per comparison (4–5 % of a toggle in the profile).
 * Short arrays get an insertion sort, longer ones go through an Int32Array's native numeric sort.
 */

/** Arrays up to this length are insertion-sorted. */
const INSERTION_MAX = 24;

/**
 * Sorts integer indices (0 ≤ value < 2³¹) ascending, in place, and returns the array.
 * @example sortIndices([3, 1, 2]); // [1, 2, 3]
 */
export function sortIndices(values: number[]): number[] {
  const length = values.length;
  if (length <= INSERTION_MAX) {
    for (let i = 1; i < length; i++) {
      const value = values[i]!;
      let j = i - 1;
      while (j >= 0 && values[j]! > value) {
        values[j + 1] = values[j]!;
        j--;
      }
      values[j + 1] = value;
    }
    return values;
  }
  const typed = Int32Array.from(values).sort();
  for (let i = 0; i < length; i++) values[i] = typed[i]!;
  return values;
}
