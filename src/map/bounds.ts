/** Map framing helpers over per-unit bounding boxes (`UnitMetrics.bboxes`: 4 numbers per unit). */

/**
 * The box ([west, south, east, north], degrees) around the bounding boxes of the units where
 * `keep(i)` holds (default all), or null when there is none.
 */
export function unionBounds(bboxes: ArrayLike<number>, keep: (i: number) => boolean = () => true): [number, number, number, number] | null {
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; 4 * i + 3 < bboxes.length; i++) {
    if (!keep(i)) continue;
    for (let k = 0; k < 2; k++) {
      bounds[k] = Math.min(bounds[k]!, bboxes[4 * i + k]!);
      bounds[k + 2] = Math.max(bounds[k + 2]!, bboxes[4 * i + k + 2]!);
    }
  }
  return bounds.every(Number.isFinite) ? bounds : null;
}
