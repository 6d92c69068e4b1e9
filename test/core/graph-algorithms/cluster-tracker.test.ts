import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { suggestBridges } from '../../../src/core/contiguity/bridges.ts';
import { clusterRings } from '../../../src/core/contiguity/cluster-ring.ts';
import { contiguousClusters } from '../../../src/core/contiguity/clusters.ts';
import type { AdjacencyGraph } from '../../../src/core/contiguity/graph.ts';
import type { UnitMetrics } from '../../../src/core/metrics.ts';
import { createClusterTracker, type ClusterSnapshot } from '../../../src/core/contiguity/cluster-tracker.ts';
import { buildAdjacency } from '../../../src/core/adjacency/build-adjacency.ts';
import { readinessCost } from '../../../src/core/contiguity/bridges.ts';
import { voronoiMosaic } from '../../../src/core/synthetic.ts';
import { mulberry32 } from '../../support/random.ts';
import { buildGraph, graphCase, graphOf, gridCase } from './arbitraries.ts';

/** Metrics with varied figures (some populations unknown) for n units. */
function fakeMetrics(n: number): UnitMetrics {
  const metrics: UnitMetrics = { areaM2: new Float64Array(n), bboxes: new Float64Array(4 * n), labelPoints: new Float64Array(2 * n), population: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    metrics.areaM2[i] = 1000 + ((i * 7919) % 97) * 13.7;
    metrics.bboxes.set([i * 0.01, i * 0.02, i * 0.01 + 0.005, i * 0.02 + 0.004], 4 * i);
    metrics.labelPoints.set([i * 0.01 + 0.002, i * 0.02 + 0.002], 2 * i);
    metrics.population[i] = i % 11 === 5 ? Number.NaN : 300 + i;
  }
  return metrics;
}

function fromScratch(graph: AdjacencyGraph, designated: Uint8Array, metrics: UnitMetrics, cost: Float64Array, exactMaxClusters?: number): ClusterSnapshot {
  const report = contiguousClusters(graph, designated, metrics);
  return { designated, report, rings: clusterRings(graph, report), bridges: suggestBridges(graph, designated, { cost, exactMaxClusters }) };
}

describe('createClusterTracker', () => {
  test('planner.toggle sequences equal recomputation from scratch after every step', () => {
    fc.assert(
      fc.property(
        fc.oneof(graphCase(40), gridCase(8)).chain((c) => fc.tuple(fc.constant(c), fc.array(fc.nat(c.nodeCount - 1), { maxLength: 40 }))),
        ([c, toggles]) => {
          const graph = graphOf(c);
          const metrics = fakeMetrics(c.nodeCount);
          const tracker = createClusterTracker(graph, { metrics, cost: c.cost });
          const designated = c.designated.slice();
          expect(tracker.set(c.designated)).toEqual(fromScratch(graph, designated, metrics, c.cost, 0));
          for (const node of toggles) {
            designated[node] = designated[node] ? 0 : 1;
            const snapshot = tracker.toggle(node);
            expect(snapshot).toEqual(fromScratch(graph, designated, metrics, c.cost, 0));
            expect(tracker.snapshot()).toBe(snapshot);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  // Issue 18: the toggle keeps rings per component, reuses its buffers and orders ~hundreds of
  // bridge runs by sorted keys; at this scale every step must still equal a fresh computation.
  test('planner.toggle on a Voronoi mosaic with hundreds of clusters equals recomputation from scratch after every step', () => {
    const geometries = voronoiMosaic(1_500, 3).features.map((feature) => feature.geometry);
    const { graph } = buildAdjacency(geometries, { mode: 'rook' });
    const metrics = fakeMetrics(graph.nodeCount);
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.1, max: 0.4, noNaN: true }), fc.array(fc.nat(graph.nodeCount - 1), { minLength: 1, maxLength: 12 }), (seed, share, toggles) => {
        const random = mulberry32(seed);
        const designated = Uint8Array.from({ length: graph.nodeCount }, () => (random() < share ? 1 : 0));
        const cost = readinessCost(Float64Array.from({ length: graph.nodeCount }, () => Math.floor(random() * 13) / 12));
        const tracker = createClusterTracker(graph, { metrics, cost });
        expect(tracker.set(designated)).toEqual(fromScratch(graph, designated.slice(), metrics, cost, 0));
        for (const node of toggles) {
          designated[node] = designated[node] ? 0 : 1;
          expect(tracker.toggle(node)).toEqual(fromScratch(graph, designated.slice(), metrics, cost, 0));
        }
      }),
      { numRuns: 15 },
    );
  });

  test('planner.update to arbitrary selections equals recomputation from scratch, toggling few changes and searching afresh for many', () => {
    fc.assert(
      fc.property(
        fc.oneof(graphCase(40), gridCase(8)).chain((c) => fc.tuple(fc.constant(c), fc.array(fc.uint8Array({ minLength: c.nodeCount, maxLength: c.nodeCount, max: 1 }), { maxLength: 6 }))),
        ([c, selections]) => {
          const graph = graphOf(c);
          const metrics = fakeMetrics(c.nodeCount);
          const tracker = createClusterTracker(graph, { metrics, cost: c.cost });
          for (const designated of [c.designated, ...selections]) expect(tracker.update(designated)).toEqual(fromScratch(graph, designated, metrics, c.cost, 0));
        },
      ),
      { numRuns: 150 },
    );
  });

  test('planner.update returns the same snapshot when the selection does not change', () => {
    const tracker = createClusterTracker(buildGraph(3, [[0, 1]]));
    const first = tracker.update(Uint8Array.of(1, 0, 1));
    expect(tracker.update(Uint8Array.of(1, 0, 1))).toBe(first);
  });

  test("createClusterTracker(graph, { bridges: 'auto' }) solves few clusters exactly like suggestBridges", () => {
    fc.assert(
      fc.property(
        gridCase(7).chain((c) => fc.tuple(fc.constant(c), fc.array(fc.nat(c.nodeCount - 1), { maxLength: 10 }))),
        ([c, toggles]) => {
          const graph = graphOf(c);
          const tracker = createClusterTracker(graph, { cost: c.cost, bridges: 'auto' });
          const designated = new Uint8Array(c.nodeCount);
          for (const node of toggles) {
            designated[node] = designated[node] ? 0 : 1;
            expect(tracker.toggle(node).bridges).toEqual(suggestBridges(graph, designated, { cost: c.cost }));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test('planner snapshots are independent copies', () => {
    const graph = buildGraph(3, [[0, 1], [1, 2]]);
    const tracker = createClusterTracker(graph);
    const first = tracker.toggle(0);
    const second = tracker.toggle(2);
    expect([...first.designated]).toEqual([1, 0, 0]);
    expect(first.report.clusters.map((c) => c.members)).toEqual([[0]]);
    expect(second.bridges.added).toEqual([1]);
  });

  test('createClusterTracker starts with an empty selection', () => {
    const snapshot = createClusterTracker(buildGraph(2, [[0, 1]])).snapshot();
    expect(snapshot.report.clusters).toEqual([]);
    expect(snapshot.bridges.method).toBe('none');
  });

  test('planner.toggle and planner.set reject nodes and selections that do not fit the graph', () => {
    const tracker = createClusterTracker(buildGraph(3, [[0, 1]]));
    expect(() => tracker.toggle(3)).toThrow(/node 3 outside 0 … 2/);
    expect(() => tracker.toggle(-1)).toThrow(RangeError);
    expect(() => tracker.set(new Uint8Array(4))).toThrow(/selected has 4 entries/);
  });
});
