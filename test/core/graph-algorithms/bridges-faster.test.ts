import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildAdjacency } from '../../../src/core/adjacency/build-adjacency.ts';
import { readinessCost, suggestBridges } from '../../../src/core/contiguity/bridges.ts';
import { contiguousClusters } from '../../../src/core/contiguity/clusters.ts';
import { voronoiMosaic } from '../../../src/core/synthetic.ts';
import { mulberry32 } from '../../support/random.ts';
import { graphCase, graphOf, gridCase } from './arbitraries.ts';
import { referenceBridgesForReport } from './bridges-reference.ts';

// Issue 18: the planner toggle's bridge approximation got a separate heap for distance 0, a
// pruning that re-runs its articulation pass only where a removal can change the answer, and
// comparator-free sorts. Its answers must be the old code's, bit for bit.
describe('suggestBridges equals the pre-issue-18 bridge code', () => {
  test('suggestBridges(graph, selected, { exactMaxClusters: 0 }) equals the old approximation on random graphs and grids, with integer, readiness and no costs', () => {
    fc.assert(
      fc.property(fc.oneof(graphCase(40, { density: 2.5 }), gridCase(12)), fc.constantFrom('integer', 'readiness', 'none'), fc.integer({ min: 0, max: 12 }), (c, kind, levels) => {
        const graph = graphOf(c);
        const cost = kind === 'integer' ? c.cost : kind === 'readiness' ? readinessCost(Array.from(c.cost, (value) => Math.round(((value - 1) / 3) * levels) / Math.max(1, levels))) : undefined;
        const expected = referenceBridgesForReport(graph, contiguousClusters(graph, c.designated), { cost, exactMaxClusters: 0 });
        expect(suggestBridges(graph, c.designated, { cost, exactMaxClusters: 0 })).toEqual(expected);
      }),
      { numRuns: 600 },
    );
  });

  test('suggestBridges with the exact search equals the old code (same upper bound, same optimum) on small random graphs', () => {
    fc.assert(
      fc.property(fc.oneof(graphCase(18, { density: 2 }), gridCase(6)), (c) => {
        const graph = graphOf(c);
        expect(suggestBridges(graph, c.designated, { cost: c.cost })).toEqual(referenceBridgesForReport(graph, contiguousClusters(graph, c.designated), { cost: c.cost }));
      }),
      { numRuns: 200 },
    );
  });

  test('suggestBridges equals the old approximation on Voronoi mosaics with hundreds of clusters (the planner toggle case)', () => {
    const geometries = voronoiMosaic(2_000, 5).features.map((feature) => feature.geometry);
    const { graph } = buildAdjacency(geometries, { mode: 'rook' });
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.05, max: 0.5, noNaN: true }), (seed, share) => {
        const random = mulberry32(seed);
        const designated = Uint8Array.from({ length: graph.nodeCount }, () => (random() < share ? 1 : 0));
        const cost = readinessCost(Float64Array.from({ length: graph.nodeCount }, () => Math.floor(random() * 13) / 12));
        const report = contiguousClusters(graph, designated);
        expect(suggestBridges(graph, designated, { cost, exactMaxClusters: 0 })).toEqual(referenceBridgesForReport(graph, report, { cost, exactMaxClusters: 0 }));
      }),
      { numRuns: 40 },
    );
  });
});
