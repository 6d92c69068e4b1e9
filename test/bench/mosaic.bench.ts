/** Cost of the seeded synthetic inputs themselves, next to JSON.parse of the same data. */
import type { Harness } from './harness.ts';
import { voronoiMosaic } from '../support/mosaics.ts';

export default async function bench(h: Harness): Promise<void> {
  for (const count of [5_000, 20_000]) {
    h.section(`Synthetic Voronoi mosaic, ${count} cells`);
    const text = JSON.stringify(voronoiMosaic(count, 42));
    await h.measure(`JSON.parse (${(text.length / 2 ** 20).toFixed(1)} MiB)`, () => JSON.parse(text) as unknown, { runs: 3, baseline: true });
    await h.measure('generate (d3-delaunay, seeded)', () => voronoiMosaic(count, 42), { runs: 3 });
  }
}
