/**
 * Colour-vision-deficiency simulation (Machado, Oliveira & Fernandes 2009, severity 1.0, in
 * linear RGB) and CIE76 colour difference in CIELAB, to check that palettes stay apart.
 */
import { hexToRgb } from '../../src/map/palettes.ts';

export type Deficiency = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';

const MATRICES: Record<Exclude<Deficiency, 'normal'>, number[][]> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const toLinear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};

/** CIELAB (D65) of a hex colour as seen with the given deficiency. */
export function labAs(hex: string, deficiency: Deficiency): [number, number, number] {
  let rgb = hexToRgb(hex).map(toLinear) as [number, number, number];
  if (deficiency !== 'normal') {
    const m = MATRICES[deficiency];
    rgb = m.map((row) => Math.min(1, Math.max(0, row[0]! * rgb[0] + row[1]! * rgb[1] + row[2]! * rgb[2]))) as [number, number, number];
  }
  const [r, g, b] = rgb;
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** The closest pair of a palette under a deficiency, with its CIE76 ΔE. */
export function closestPair(colors: readonly string[], deficiency: Deficiency): { a: string; b: string; deltaE: number } {
  let best = { a: '', b: '', deltaE: Infinity };
  for (let i = 0; i < colors.length; i++) {
    for (let j = i + 1; j < colors.length; j++) {
      const p = labAs(colors[i]!, deficiency);
      const q = labAs(colors[j]!, deficiency);
      const deltaE = Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
      if (deltaE < best.deltaE) best = { a: colors[i]!, b: colors[j]!, deltaE };
    }
  }
  return best;
}
