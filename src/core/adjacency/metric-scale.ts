/**
 * Metres per quantized unit at a given latitude on the WGS84 ellipsoid: a local equirectangular
 * projection per segment, read from a table over the data's latitude range (no trigonometry in
 * the hot loops).
 *
 * Accuracy: the meridional (M) and prime-vertical (N) radii of curvature are exact for the
 * ellipsoid; evaluating them at a segment's mid-latitude gives lengths within about 1e-6 of the
 * WGS84 geodesic for segments shorter than 10 km (the error grows with the square of the segment
 * length), and the table's linear interpolation over 0.01° steps adds less than 1e-8.
 */
import { QUANTUM_DEGREES } from './flat-rings.ts';

const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const RADIANS = Math.PI / 180;
/** Table step: 0.01° in quantized units. */
const STEP = Math.round(0.01 / QUANTUM_DEGREES);
/** Latitudes beyond ±89.9° use the scale at ±89.9° (a longitude step there is nearly 0 m). */
const POLAR_LIMIT = 89.9;

/**
 * Metres per quantized unit (1e-7°) east-west (`kx`) and north-south (`ky`) as a function of the
 * quantized latitude `y`.
 */
export class MetricScale {
  private readonly base: number;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  /** Smallest east-west scale over the range (for a conservative search box in units). */
  readonly minKx: number;
  /** Smallest north-south scale over the range. */
  readonly minKy: number;

  /** A table covering quantized latitudes `minY … maxY` (empty ranges give a one-step table at 0°). */
  constructor(minY: number, maxY: number) {
    if (!(minY <= maxY)) minY = maxY = 0;
    const first = Math.floor(minY / STEP) - 1;
    const last = Math.ceil(maxY / STEP) + 1;
    this.base = first;
    const size = last - first + 1;
    this.xs = new Float64Array(size);
    this.ys = new Float64Array(size);
    let minKx = Infinity;
    let minKy = Infinity;
    for (let i = 0; i < size; i++) {
      const degrees = Math.max(-POLAR_LIMIT, Math.min(POLAR_LIMIT, (first + i) * STEP * QUANTUM_DEGREES));
      const phi = degrees * RADIANS;
      const sin = Math.sin(phi);
      const w = 1 - E2 * sin * sin;
      const n = A / Math.sqrt(w);
      const m = (A * (1 - E2)) / (w * Math.sqrt(w));
      this.xs[i] = n * Math.cos(phi) * RADIANS * QUANTUM_DEGREES;
      this.ys[i] = m * RADIANS * QUANTUM_DEGREES;
      if (this.xs[i]! < minKx) minKx = this.xs[i]!;
      if (this.ys[i]! < minKy) minKy = this.ys[i]!;
    }
    this.minKx = minKx;
    this.minKy = minKy;
  }

  /** East-west metres per unit at quantized latitude `y` (inside the constructed range). */
  kx(y: number): number {
    const t = y / STEP - this.base;
    const i = Math.floor(t);
    const a = this.xs[i]!;
    return a + (this.xs[i + 1]! - a) * (t - i);
  }

  /** North-south metres per unit at quantized latitude `y`. */
  ky(y: number): number {
    const t = y / STEP - this.base;
    const i = Math.floor(t);
    const a = this.ys[i]!;
    return a + (this.ys[i + 1]! - a) * (t - i);
  }

  /** Length in metres of the segment (x1, y1)–(x2, y2) in quantized units. */
  length(x1: number, y1: number, x2: number, y2: number): number {
    const y = (y1 + y2) / 2;
    const dx = (x2 - x1) * this.kx(y);
    const dy = (y2 - y1) * this.ky(y);
    return Math.sqrt(dx * dx + dy * dy);
  }
}
