/**
 * The growable buffers that collect shared pieces for `sharedBorders`: parallel typed arrays,
 * doubled when full.
 */

/** Shared pieces: parallel arrays, piece i between features a[i] < b[i], in quantized units. */
export class PieceList {
  count = 0;
  a = new Int32Array(64);
  b = new Int32Array(64);
  /** x1, y1, x2, y2 per piece. */
  coords = new Float64Array(256);
  meters = new Float64Array(64);
  /** 1 when found only by the tolerance pass. */
  tolerance = new Uint8Array(64);

  push(p: number, q: number, x1: number, y1: number, x2: number, y2: number, meters: number, tolerance: boolean): void {
    if (this.count === this.a.length) this.grow();
    const i = this.count++;
    this.a[i] = p < q ? p : q;
    this.b[i] = p < q ? q : p;
    this.coords[4 * i] = x1;
    this.coords[4 * i + 1] = y1;
    this.coords[4 * i + 2] = x2;
    this.coords[4 * i + 3] = y2;
    this.meters[i] = meters;
    this.tolerance[i] = tolerance ? 1 : 0;
  }

  private grow(): void {
    const size = this.a.length * 2;
    const copy = <T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.a = copy(this.a, new Int32Array(size));
    this.b = copy(this.b, new Int32Array(size));
    this.coords = copy(this.coords, new Float64Array(size * 4));
    this.meters = copy(this.meters, new Float64Array(size));
    this.tolerance = copy(this.tolerance, new Uint8Array(size));
  }
}
