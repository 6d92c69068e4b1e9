/**
 * The best contiguous set (自动推荐) on the Lucheng demo data (171 communities) and on a seeded
 * 10,000-cell Voronoi mosaic with seeded readiness 0–12, K = 12, with and without a must-include
 * community; each search has a 30 s limit and the note says whether it finished (optimal) and its
 * bound. Baseline: the connected components alone (a search can do no less).
 */
import { readFileSync } from 'node:fs';
import { assembleDataset, bestContiguousSet, buildAdjacency, contiguousClusters, datasetReadiness, voronoiMosaic, type AdjacencyGraph, type BestSet } from '../../src/core/index.ts';
import { mulberry32 } from '../support/random.ts';
import type { Harness } from './harness.ts';

const LIMIT_MS = 30_000;

const note = (result: unknown) => {
  const best = result as BestSet;
  return `objective ${best.objective}, ${best.optimal ? 'optimal (proven)' : `bound ${best.bound}`}, ${best.branches} branches`;
};

const search = (graph: AdjacencyGraph, weight: ArrayLike<number>, must: number[]) => {
  const deadline = performance.now() + LIMIT_MS;
  return bestContiguousSet(graph, { size: 12, weight, must, shouldStop: () => performance.now() > deadline });
};

export default async function bench(h: Harness): Promise<void> {
  const directory = new URL('../../data/lucheng/', import.meta.url);
  const dataset = assembleDataset(
    (['communities', 'status'] as const).map((role) => ({ role, file: role, text: readFileSync(new URL(role === 'communities' ? 'communities.geojson' : 'status.csv', directory), 'utf8') })),
  );
  const { graph } = buildAdjacency(dataset.boundaries.features.map((feature) => feature.geometry), dataset.config.adjacency);
  const readiness = datasetReadiness(dataset);
  const guigan = dataset.boundaries.features.findIndex((feature) => feature.name === '桂柑社区');
  h.section(`Best contiguous set, Lucheng ${graph.nodeCount} communities, K = 12`);
  await h.measure('connected components (reference)', () => contiguousClusters(graph, new Uint8Array(graph.nodeCount).fill(1)), { baseline: true, runs: 20 });
  await h.measure('bestContiguousSet', () => search(graph, readiness, []), { runs: 5, note });
  await h.measure('bestContiguousSet, must = 桂柑', () => search(graph, readiness, [guigan]), { runs: 5, note });

  const cells = 10_000;
  const mosaic = buildAdjacency(voronoiMosaic(cells, 42).features.map((feature) => feature.geometry), { mode: 'rook' }).graph;
  const random = mulberry32(3);
  const weight = Float64Array.from({ length: cells }, () => Math.floor(random() * 13));
  h.section(`Best contiguous set, Voronoi ${cells} cells, readiness uniform 0–12, K = 12`);
  await h.measure('connected components (reference)', () => contiguousClusters(mosaic, new Uint8Array(cells).fill(1)), { baseline: true, runs: 5 });
  await h.measure('bestContiguousSet', () => search(mosaic, weight, []), { runs: 1, warmup: 0, note });
  await h.measure('bestContiguousSet, must = cell 123', () => search(mosaic, weight, [123]), { runs: 3, note });
}
