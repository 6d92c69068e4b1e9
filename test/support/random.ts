/** Seeded pseudo-random numbers (mulberry32), shared with core. */
export { mulberry32 } from '../../src/core/synthetic.ts';
