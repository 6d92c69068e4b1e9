/**
 * Cross-check on real data: Italy's 7,899 comuni, when the benchmark file is on this machine
 * (see test/support/bench-data.ts). Reference counts from PySAL and PostGIS: with exact
 * settings, 22,864 rook pairs, 23,202 queen pairs and 14 comuni without a neighbour.
 * `scripts/crosscheck-italy.ts` compares the pair sets with PySAL itself.
 */
import { describe, expect, it } from 'vitest';
import { buildAdjacency, edgeCount } from '../../../src/core/index.ts';
import { ITALY_REFERENCE, readItalyComuni } from '../../support/bench-data.ts';
import { expectWellFormed } from './helpers.ts';

const comuni = readItalyComuni();

describe.runIf(comuni !== undefined)('buildAdjacency() on Italy\'s comuni', () => {
  // The body is collected even when skipped: no data, no geometries.
  const geometries = comuni?.features.map((feature) => feature.geometry) ?? [];

  it('buildAdjacency() finds the 22,864 rook pairs and 23,202 queen pairs that PySAL and PostGIS find', () => {
    expect(geometries.length).toBe(ITALY_REFERENCE.features);
    const rook = buildAdjacency(geometries, { mode: 'rook', toleranceMeters: 0, minSharedMeters: 0 });
    const queen = buildAdjacency(geometries, { mode: 'queen', toleranceMeters: 0, minSharedMeters: 0 });
    expectWellFormed(rook.graph);
    expectWellFormed(queen.graph);
    expect(edgeCount(rook.graph)).toBe(ITALY_REFERENCE.rookPairs);
    expect(edgeCount(queen.graph)).toBe(ITALY_REFERENCE.queenPairs);
    // Every queen-only pair is a corner contact, listed as a weak link of the rook graph.
    expect(rook.weakLinks.filter((link) => link.kind === 'corner')).toHaveLength(ITALY_REFERENCE.queenPairs - ITALY_REFERENCE.rookPairs);
    let isolated = 0;
    for (let i = 0; i < queen.graph.nodeCount; i++) if (queen.graph.offsets[i + 1] === queen.graph.offsets[i]) isolated++;
    expect(isolated).toBe(ITALY_REFERENCE.withoutNeighbours);
  });

  it('buildAdjacency() with default settings keeps the exact links and adds only tolerance links', () => {
    const exact = buildAdjacency(geometries, { mode: 'queen', toleranceMeters: 0 });
    const fuzzy = buildAdjacency(geometries, { mode: 'queen' });
    expect(edgeCount(fuzzy.graph)).toBeGreaterThanOrEqual(edgeCount(exact.graph));
    for (const finding of fuzzy.findings) expect(['invalid-ring', 'multipart', 'gap', 'overlap', 'shared-by-three']).toContain(finding.kind);
  });
});
