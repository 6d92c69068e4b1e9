/** Seeded pseudo-random numbers for the generator (mulberry32): the same seed, the same data. */
export type Random = () => number;

/** A generator of numbers in [0, 1) from a 32-bit seed: core's mulberry32 (the app's synthetic mosaics use it too). */
export { mulberry32 } from '../../src/core/synthetic.ts';

/** A stable 32-bit seed from a text (FNV-1a), so each part of the data draws its own stream. */
export function seedFrom(text: string, base = 0): number {
  let hash = (0x811c9dc5 ^ base) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Integer in [min, max]. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Approximately normal (sum of three uniforms), mean 0 and standard deviation 1. */
export function randomNormal(random: Random): number {
  return (random() + random() + random() - 1.5) * 2;
}
