import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { suggestBridges } from '../../../src/core/contiguity/bridges.ts';
import { clusterRings } from '../../../src/core/contiguity/cluster-ring.ts';
import { contiguousClusters } from '../../../src/core/contiguity/clusters.ts';
import type { AdjacencyGraph } from '../../../src/core/contiguity/graph.ts';
import type { UnitMetrics } from '../../../src/core/metrics.ts';
import { createPlanner, type PlannerSnapshot } from '../../../src/core/contiguity/planner.ts';
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

function fromScratch(graph: AdjacencyGraph, selected: Uint8Array, metrics: UnitMetrics, cost: Float64Array, exactMaxClusters?: number): PlannerSnapshot {
  const report = contiguousClusters(graph, selected, metrics);
  return { selected, report, rings: clusterRings(graph, report), bridges: suggestBridges(graph, selected, { cost, exactMaxClusters }) };
}

describe('createPlanner', () => {
  test('planner.toggle sequences equal recomputation from scratch after every step', () => {
    fc.assert(
      fc.property(
        fc.oneof(graphCase(40), gridCase(8)).chain((c) => fc.tuple(fc.constant(c), fc.array(fc.nat(c.nodeCount - 1), { maxLength: 40 }))),
        ([c, toggles]) => {
          const graph = graphOf(c);
          const metrics = fakeMetrics(c.nodeCount);
          const planner = createPlanner(graph, { metrics, cost: c.cost });
          const selected = c.selected.slice();
          expect(planner.set(c.selected)).toEqual(fromScratch(graph, selected, metrics, c.cost, 0));
          for (const node of toggles) {
            selected[node] = selected[node] ? 0 : 1;
            const snapshot = planner.toggle(node);
            expect(snapshot).toEqual(fromScratch(graph, selected, metrics, c.cost, 0));
            expect(planner.snapshot()).toBe(snapshot);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('planner.update to arbitrary selections equals recomputation from scratch, toggling few changes and searching afresh for many', () => {
    fc.assert(
      fc.property(
        fc.oneof(graphCase(40), gridCase(8)).chain((c) => fc.tuple(fc.constant(c), fc.array(fc.uint8Array({ minLength: c.nodeCount, maxLength: c.nodeCount, max: 1 }), { maxLength: 6 }))),
        ([c, selections]) => {
          const graph = graphOf(c);
          const metrics = fakeMetrics(c.nodeCount);
          const planner = createPlanner(graph, { metrics, cost: c.cost });
          for (const selected of [c.selected, ...selections]) expect(planner.update(selected)).toEqual(fromScratch(graph, selected, metrics, c.cost, 0));
        },
      ),
      { numRuns: 150 },
    );
  });

  test('planner.update returns the same snapshot when the selection does not change', () => {
    const planner = createPlanner(buildGraph(3, [[0, 1]]));
    const first = planner.update(Uint8Array.of(1, 0, 1));
    expect(planner.update(Uint8Array.of(1, 0, 1))).toBe(first);
  });

  test("createPlanner(graph, { bridges: 'auto' }) solves few clusters exactly like suggestBridges", () => {
    fc.assert(
      fc.property(
        gridCase(7).chain((c) => fc.tuple(fc.constant(c), fc.array(fc.nat(c.nodeCount - 1), { maxLength: 10 }))),
        ([c, toggles]) => {
          const graph = graphOf(c);
          const planner = createPlanner(graph, { cost: c.cost, bridges: 'auto' });
          const selected = new Uint8Array(c.nodeCount);
          for (const node of toggles) {
            selected[node] = selected[node] ? 0 : 1;
            expect(planner.toggle(node).bridges).toEqual(suggestBridges(graph, selected, { cost: c.cost }));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  test('planner snapshots are independent copies', () => {
    const graph = buildGraph(3, [[0, 1], [1, 2]]);
    const planner = createPlanner(graph);
    const first = planner.toggle(0);
    const second = planner.toggle(2);
    expect([...first.selected]).toEqual([1, 0, 0]);
    expect(first.report.clusters.map((c) => c.members)).toEqual([[0]]);
    expect(second.bridges.added).toEqual([1]);
  });

  test('createPlanner starts with an empty selection', () => {
    const snapshot = createPlanner(buildGraph(2, [[0, 1]])).snapshot();
    expect(snapshot.report.clusters).toEqual([]);
    expect(snapshot.bridges.method).toBe('none');
  });

  test('planner.toggle and planner.set reject nodes and selections that do not fit the graph', () => {
    const planner = createPlanner(buildGraph(3, [[0, 1]]));
    expect(() => planner.toggle(3)).toThrow(/node 3 outside 0 … 2/);
    expect(() => planner.toggle(-1)).toThrow(RangeError);
    expect(() => planner.set(new Uint8Array(4))).toThrow(/selected has 4 entries/);
  });
});
