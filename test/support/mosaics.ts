/** Seeded synthetic mosaics for tests and benchmarks (they live in core: the app's large-data mode uses them too). */
export { gridMosaic, voronoiMosaic } from '../../src/core/synthetic.ts';
export type { GridOptions, MosaicFeature } from '../../src/core/synthetic.ts';
