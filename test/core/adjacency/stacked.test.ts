/**
 * Issue 8: identical polygons stacked above the owner cap of the segment passes (and more
 * polygons meeting at one point than it holds) are never cut silently: a finding names them all.
 */
import type { Polygon, Position } from 'geojson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAdjacency, sharedBorders, sharedLength } from '../../../src/core/index.ts';
import { MAX_OWNERS } from '../../../src/core/adjacency/match-segments.ts';
import { at, box, edgeKeys, expectWellFormed } from './helpers.ts';

/** The unit square's ring starting at corner `start`, in either direction (same polygon). */
function square(start: number, reversed: boolean): Polygon {
  const corners = [at(0, 0), at(1, 0), at(1, 1), at(0, 1)];
  const order = corners.map((_, i) => corners[(start + i) % 4]!);
  if (reversed) order.reverse();
  return { type: 'Polygon', coordinates: [[...order, order[0]!]] };
}

/** `copies` copies of the unit square (each with its own start vertex and direction) and its east neighbour, in a shuffled order. */
const stackArbitrary = (minCopies: number, maxCopies: number) =>
  fc
    .integer({ min: minCopies, max: maxCopies })
    .chain((copies) =>
      fc.record({
        copies: fc.constant(copies),
        starts: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.boolean()), { minLength: copies, maxLength: copies }),
        order: fc.shuffledSubarray(Array.from({ length: copies + 1 }, (_, i) => i), { minLength: copies + 1, maxLength: copies + 1 }),
      }),
    )
    .map(({ copies, starts, order }) => {
      // order[k] = the input position of item k (items 0 … copies − 1 are the copies, `copies` the neighbour).
      const geometries: Polygon[] = new Array<Polygon>(copies + 1);
      order.forEach((position, item) => {
        geometries[position] = item === copies ? box(1, 0, 2, 1) : square(starts[item]![0], starts[item]![1]);
      });
      const neighbour = order[copies]!;
      const stack = order.slice(0, copies).sort((a, b) => a - b);
      return { geometries, neighbour, stack };
    });

const pairKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);

describe('buildAdjacency() on stacked copies', () => {
  it('buildAdjacency() keeps every pair of a stack no deeper than the cap and reports none as left out', () => {
    fc.assert(
      fc.property(stackArbitrary(2, MAX_OWNERS), ({ geometries, neighbour, stack }) => {
        const { graph, findings } = buildAdjacency(geometries, { toleranceMeters: 0, minSharedMeters: 0 });
        const edges = new Set(edgeKeys(graph));
        for (let i = 0; i < stack.length; i++) {
          expect(edges.has(pairKey(stack[i]!, neighbour))).toBe(true);
          for (let j = i + 1; j < stack.length; j++) expect(edges.has(pairKey(stack[i]!, stack[j]!))).toBe(true);
        }
        // 64 copies and their neighbour crowd the shared corners: the copies are then one stack.
        expect(findings.filter((finding) => finding.kind === 'crowded')).toEqual([]);
        for (const finding of findings.filter((finding) => finding.kind === 'stacked')) {
          expect(finding.units).toEqual(stack);
          expect(finding.message).not.toContain('只计入');
        }
      }),
      { numRuns: 15, examples: [[{ geometries: [...Array.from({ length: MAX_OWNERS }, () => square(0, false)), box(1, 0, 2, 1)], neighbour: MAX_OWNERS, stack: Array.from({ length: MAX_OWNERS }, (_, i) => i) }]] },
    );
  });

  it('buildAdjacency() reports a stack deeper than the cap by all its members, keeps each member next to the neighbour and links the first 64', () => {
    fc.assert(
      fc.property(stackArbitrary(MAX_OWNERS + 1, 300), ({ geometries, neighbour, stack }) => {
        const { graph, findings } = buildAdjacency(geometries);
        expectWellFormed(graph);
        const stacked = findings.filter((finding) => finding.kind === 'stacked');
        expect(stacked).toHaveLength(1);
        expect(stacked[0]!.units).toEqual(stack);
        expect(stacked[0]!.message).toContain(`${stack.length} 个重复或叠放的面，超过 ${MAX_OWNERS} 个`);
        const edges = new Set(edgeKeys(graph));
        for (const unit of stack) expect(edges.has(pairKey(unit, neighbour))).toBe(true);
        for (let i = 0; i < MAX_OWNERS; i++) for (let j = i + 1; j < MAX_OWNERS; j++) expect(edges.has(pairKey(stack[i]!, stack[j]!))).toBe(true);
        // Every member shares the same border with the neighbour as the first one.
        const length = sharedLength(graph, stack[0]!, neighbour);
        for (const unit of stack) expect(sharedLength(graph, unit, neighbour)).toBe(length);
      }),
      { numRuns: 10 },
    );
  });

  it('buildAdjacency() links every copy of a deep stack with every copy of a small stack next to it', () => {
    const deep = MAX_OWNERS + 6;
    const geometries = [...Array.from({ length: deep }, () => box(0, 0, 1, 1)), ...Array.from({ length: 5 }, () => box(1, 0, 2, 1))];
    const { graph, findings } = buildAdjacency(geometries);
    expect(findings.filter((finding) => finding.kind === 'stacked').map((finding) => finding.units.length)).toEqual([deep, 5]);
    const edges = new Set(edgeKeys(graph));
    for (let i = 0; i < deep; i++) for (let j = deep; j < deep + 5; j++) expect(edges.has(pairKey(i, j))).toBe(true);
    // The small stack is complete among itself too.
    for (let i = deep; i < deep + 5; i++) for (let j = i + 1; j < deep + 5; j++) expect(edges.has(pairKey(i, j))).toBe(true);
  });

  it('sharedBorders() gives each member of a deep stack the border of the first with the neighbour', () => {
    const geometries = [...Array.from({ length: 100 }, () => box(0, 0, 1, 1)), box(1, 0, 2, 1)];
    const borders = sharedBorders(geometries, [
      [0, 100],
      [99, 100],
    ]);
    expect(borders[1]!.geometry).toEqual(borders[0]!.geometry);
    expect(borders[1]!.lengthMeters).toBeCloseTo(borders[0]!.lengthMeters, 6);
  });

  it('buildAdjacency() names every polygon meeting at a point where more than the cap meet', () => {
    // A fan of thin wedges around one centre: a legitimate-looking crowd, not a stack.
    const wedges = (count: number): Polygon[] =>
      Array.from({ length: count }, (_, i) => {
        const corner = (k: number): Position => {
          const angle = (2 * Math.PI * k) / count;
          return [Math.round((120.6 + 0.01 * Math.cos(angle)) * 1e7) / 1e7, Math.round((28 + 0.01 * Math.sin(angle)) * 1e7) / 1e7];
        };
        return { type: 'Polygon', coordinates: [[[120.6, 28], corner(i), corner(i + 1), [120.6, 28]]] };
      });
    const below = buildAdjacency(wedges(MAX_OWNERS), { mode: 'queen' });
    expect(below.findings.filter((finding) => finding.kind === 'crowded')).toEqual([]);
    expect(edgeKeys(below.graph)).toHaveLength((MAX_OWNERS * (MAX_OWNERS - 1)) / 2);
    const count = MAX_OWNERS + 6;
    const above = buildAdjacency(wedges(count), { mode: 'queen' });
    const crowded = above.findings.filter((finding) => finding.kind === 'crowded');
    expect(crowded).toHaveLength(1);
    expect(crowded[0]!.units).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(crowded[0]!.location).toEqual([120.6, 28]);
    // Neighbouring wedges share a side whichever of them the point kept.
    const edges = new Set(edgeKeys(above.graph));
    for (let i = 0; i < count; i++) expect(edges.has(pairKey(i, (i + 1) % count))).toBe(true);
  });
});
