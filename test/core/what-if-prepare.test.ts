/**
 * `WhatIf.prepare` does the geometry of the likely next toggles ahead: counted through the two
 * libraries that cost a toggle its time (@turf/buffer for the joint zones, @turf/union for the
 * cluster outlines), not timed.
 */
import { describe, expect, test, vi } from 'vitest';
import type * as TurfBuffer from '@turf/buffer';
import type * as TurfUnion from '@turf/union';

const calls = vi.hoisted(() => ({ buffer: 0, union: 0 }));
vi.mock('@turf/buffer', async (original) => {
  const real = await original<typeof TurfBuffer>();
  return { ...real, buffer: (...args: Parameters<typeof real.buffer>) => (calls.buffer++, real.buffer(...args)) };
});
vi.mock('@turf/union', async (original) => {
  const real = await original<typeof TurfUnion>();
  return { ...real, union: (...args: Parameters<typeof real.union>) => (calls.union++, real.union(...args)) };
});

const { assembleDataset, buildAdjacency, createWhatIf, unitMetrics } = await import('../../src/core/index.ts');
const { gridMosaic } = await import('../support/mosaics.ts');

function gridWhatIf() {
  const grid = gridMosaic({ columns: 5, rows: 5, cell: 0.01 });
  const dataset = assembleDataset([{ role: 'communities', file: 'grid.geojson', text: JSON.stringify(grid) }]);
  const geometries = dataset.boundaries.features.map((feature) => feature.geometry);
  const { graph } = buildAdjacency(geometries, dataset.config.adjacency);
  return { whatIf: createWhatIf({ dataset, graph, metrics: unitMetrics(geometries) }), codes: dataset.boundaries.features.map((feature) => feature.id), graph };
}

describe('WhatIf.prepare()', () => {
  test('after prepare(), designating any community next to the selection buffers and dissolves nothing more', () => {
    const { whatIf, codes, graph } = gridWhatIf();
    // Two clusters in the 5 × 5 grid: the top-left corner pair and the centre cell.
    const designated = Uint8Array.from(codes, (_, i) => ([0, 1, 12].includes(i) ? 1 : 0));
    whatIf.analyze(designated);
    expect(whatIf.prepare(designated)).toBe(true);
    const next = new Set<number>();
    for (let a = 0; a < graph.nodeCount; a++) {
      if (!designated[a]) continue;
      for (let k = graph.offsets[a]!; k < graph.offsets[a + 1]!; k++) if (!designated[graph.neighbors[k]!]) next.add(graph.neighbors[k]!);
    }
    expect(next.size).toBeGreaterThan(4);
    for (const r of next) {
      const toggled = designated.slice();
      toggled[r] = 1;
      const before = { ...calls };
      const answer = whatIf.analyze(toggled);
      expect({ community: r, buffer: calls.buffer - before.buffer, union: calls.union - before.union }).toEqual({ community: r, buffer: 0, union: 0 });
      expect(answer.zones.features.length).toBeGreaterThan(0);
    }
  });

  test('without prepare(), the same toggle does buffer its new pairs and dissolve its grown cluster (the count above can fail)', () => {
    const { whatIf, codes } = gridWhatIf();
    const designated = Uint8Array.from(codes, (_, i) => ([0, 1, 12].includes(i) ? 1 : 0));
    whatIf.analyze(designated);
    const toggled = designated.slice();
    toggled[2] = 1;
    const before = { ...calls };
    whatIf.analyze(toggled);
    expect(calls.buffer - before.buffer).toBeGreaterThan(0);
    expect(calls.union - before.union).toBeGreaterThan(0);
  });
});
