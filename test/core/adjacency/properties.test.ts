/**
 * Invariants of buildAdjacency on seeded mosaics (fast-check drives the seeds and transforms):
 * a well-formed symmetric graph, and the same answer whatever the feature order, ring start,
 * ring direction, repeated vertices or position. Grid mosaics have a known answer: rook = the
 * 4-neighbourhood, queen = the 8-neighbourhood, also with extra vertices, T-junctions or jitter.
 */
import fc from 'fast-check';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildAdjacency, DEFAULT_MIN_SHARED_METERS, DEFAULT_TOLERANCE_METERS, gridMosaic, voronoiMosaic, type AdjacencyOptions, type AdjacencyResult } from '../../../src/core/index.ts';
import { edgeKeys, edgeLengths, expectWellFormed, gridNeighbourKeys, mapGeometry } from './helpers.ts';

type Geometry = Polygon | MultiPolygon;

const mosaic = (cells: number, seed: number): Geometry[] => voronoiMosaic(cells, seed).features.map((feature) => feature.geometry);

/** A mosaic with some variety: Voronoi cells, and a few merged into MultiPolygons and holes. */
const mosaicArbitrary = fc.record({ cells: fc.integer({ min: 2, max: 60 }), seed: fc.integer({ min: 1, max: 1_000_000 }) });

const modes: AdjacencyOptions[] = [
  { mode: 'rook', toleranceMeters: 0, minSharedMeters: 0 },
  { mode: 'queen', toleranceMeters: 0 },
  { mode: 'rook' },
  { mode: 'queen', toleranceMeters: 5, minSharedMeters: 20 },
];

/** Edges and weak links after renaming node i to rename[i], as comparable sorted data. */
function canonical(result: AdjacencyResult, rename: (i: number) => number = (i) => i) {
  const edges = [...edgeLengths(result.graph)].map(([key, meters]) => {
    const [a, b] = key.split('-').map((n) => rename(Number(n))) as [number, number];
    return [Math.min(a, b), Math.max(a, b), meters] as const;
  });
  const weak = result.weakLinks.map((link) => [Math.min(rename(link.a), rename(link.b)), Math.max(rename(link.a), rename(link.b)), link.kind, link.sharedMeters] as const);
  const order = (p: readonly [number, number, ...unknown[]], q: readonly [number, number, ...unknown[]]) => p[0] - q[0] || p[1] - q[1];
  return { edges: edges.sort(order), weak: weak.sort(order) };
}

/** Same pairs and kinds; lengths equal to 1e-6 relative (sums may run in another order). */
function expectSame(actual: ReturnType<typeof canonical>, expected: ReturnType<typeof canonical>): void {
  expect(actual.edges.map(([a, b]) => `${a}-${b}`)).toEqual(expected.edges.map(([a, b]) => `${a}-${b}`));
  expect(actual.weak.map(([a, b, kind]) => `${a}-${b}:${kind}`)).toEqual(expected.weak.map(([a, b, kind]) => `${a}-${b}:${kind}`));
  actual.edges.forEach(([, , meters], i) => expect(meters).toBeCloseTo(expected.edges[i]![2], 6));
  actual.weak.forEach(([, , , meters], i) => expect(meters).toBeCloseTo(expected.weak[i]![3], 6));
}

/** Grid step of the exact pass in degrees (1e-7°, about 1.1 cm). */
const QUANTUM = 1e-7;

/** Length in degrees of the shortest segment of positive length. */
function shortestSegmentDegrees(geometries: readonly Geometry[]): number {
  let shortest = Infinity;
  for (const geometry of geometries) {
    mapGeometry(geometry, (ring) => {
      for (let k = 1; k < ring.length; k++) {
        const d = Math.hypot(ring[k]![0]! - ring[k - 1]![0]!, ring[k]![1]! - ring[k - 1]![1]!);
        if (d > 0 && d < shortest) shortest = d;
      }
      return ring;
    });
  }
  return shortest;
}

function translated(geometries: readonly Geometry[], dx: number, dy: number): Geometry[] {
  return geometries.map((geometry) => mapGeometry(geometry, (ring) => ring.map(([x, y]) => [x! + dx, y! + dy])));
}

/** Every contact by "a-b": 'rook' (an edge that is no weak link) or its weak-link kind, with its length. */
function contactsOf(result: AdjacencyResult): Map<string, { kind: string; meters: number }> {
  const contacts = new Map<string, { kind: string; meters: number }>();
  for (const [key, meters] of edgeLengths(result.graph)) contacts.set(key, { kind: 'rook', meters });
  for (const link of result.weakLinks) contacts.set(`${link.a}-${link.b}`, { kind: link.kind, meters: link.sharedMeters });
  return contacts;
}

/**
 * Translation rule. A move by dy changes every east-west distance in metres by the factor
 * cos(lat + dy) / cos(lat) (the mosaics lie at 27.9°N), and snapping to the 1e-7° grid moves
 * each vertex by up to 0.6 cm; so lengths and gaps may change by the relative amount
 * `band` = |scale − 1| + 1 %. Everything else stays the same:
 * - every contact stays a contact with the same kind and a length within the band, except that
 *   a border whose length lies within the band of minSharedMeters may turn from rook edge to
 *   'short' weak link or back (in rook mode it thereby leaves or joins the graph);
 * - in the tolerance pass a pair may appear or vanish only if the unmoved mosaic has it with the
 *   tolerance stretched by the band and lacks it with the tolerance shrunk by the band (their
 *   gap lies within the band of toleranceMeters). With toleranceMeters 0 the pairs never change.
 */
function expectSameAfterTranslation(geometries: readonly Geometry[], options: AdjacencyOptions, dx: number, dy: number): void {
  const before = contactsOf(buildAdjacency(geometries, options));
  const after = contactsOf(buildAdjacency(translated(geometries, dx, dy), options));
  const scale = Math.cos(((27.9 + dy) * Math.PI) / 180) / Math.cos((27.9 * Math.PI) / 180);
  const band = Math.abs(scale - 1) + 0.01;
  const minShared = options.minSharedMeters ?? DEFAULT_MIN_SHARED_METERS;
  const tolerance = options.toleranceMeters ?? DEFAULT_TOLERANCE_METERS;
  const gapWithinBand = (key: string) => {
    if (tolerance === 0) return false;
    const near = contactsOf(buildAdjacency(geometries, { ...options, toleranceMeters: tolerance * (1 + band) }));
    const far = contactsOf(buildAdjacency(geometries, { ...options, toleranceMeters: tolerance * (1 - band) }));
    return near.has(key) && !far.has(key);
  };
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [was, is] = [before.get(key), after.get(key)];
    if (!was || !is) {
      expect({ key, was, is, gapWithinBand: gapWithinBand(key) }).toEqual({ key, was, is, gapWithinBand: true });
      continue;
    }
    if (was.meters > 1) expect(Math.abs(is.meters / was.meters - 1)).toBeLessThan(band);
    const lengthWithinBand = was.meters > 0 && Math.abs(was.meters - minShared) <= band * was.meters;
    if (!lengthWithinBand) expect(`${key}:${is.kind}`).toBe(`${key}:${was.kind}`);
  }
}

describe('buildAdjacency() invariants on seeded Voronoi mosaics', () => {
  it('buildAdjacency() gives a symmetric graph without self-loops, rows sorted', () => {
    fc.assert(
      fc.property(mosaicArbitrary, fc.constantFrom(...modes), ({ cells, seed }, options) => {
        const result = buildAdjacency(mosaic(cells, seed), options);
        expectWellFormed(result.graph);
        for (const link of result.weakLinks) expect(link.a).toBeLessThan(link.b);
      }),
      { numRuns: 60 },
    );
  });

  it('buildAdjacency() gives the same graph whatever the feature order', () => {
    fc.assert(
      fc.property(mosaicArbitrary, fc.constantFrom(...modes), fc.integer(), ({ cells, seed }, options, shuffleSeed) => {
        const geometries = mosaic(cells, seed);
        // Fisher–Yates with a seeded generator: shuffled[k] = geometries[order[k]].
        const order = geometries.map((_, i) => i);
        let state = shuffleSeed >>> 0;
        for (let i = order.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          const j = state % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const shuffled = order.map((i) => geometries[i]!);
        expectSame(canonical(buildAdjacency(shuffled, options), (k) => order[k]!), canonical(buildAdjacency(geometries, options)));
      }),
      { numRuns: 40 },
    );
  });

  it('buildAdjacency() ignores ring start vertex and ring direction', () => {
    fc.assert(
      fc.property(mosaicArbitrary, fc.constantFrom(...modes), fc.integer({ min: 0, max: 50 }), fc.boolean(), ({ cells, seed }, options, shift, reverse) => {
        const geometries = mosaic(cells, seed);
        const rotated = geometries.map((geometry, g) =>
          mapGeometry(geometry, (ring) => {
            const open = ring.slice(0, -1);
            const k = (shift + g) % open.length;
            let moved = [...open.slice(k), ...open.slice(0, k)];
            if (reverse !== (g % 2 === 0)) moved = moved.reverse();
            return [...moved, moved[0]!];
          }),
        );
        expectSame(canonical(buildAdjacency(rotated, options)), canonical(buildAdjacency(geometries, options)));
      }),
      { numRuns: 40 },
    );
  });

  it('buildAdjacency() ignores repeated vertices and missing closing vertices', () => {
    fc.assert(
      fc.property(mosaicArbitrary, fc.constantFrom(...modes), fc.integer({ min: 1, max: 5 }), ({ cells, seed }, options, every) => {
        const geometries = mosaic(cells, seed);
        const noisy = geometries.map((geometry, g) =>
          mapGeometry(geometry, (ring) => {
            const out: Position[] = [];
            ring.forEach((position, k) => {
              out.push(position);
              if ((k + g) % every === 0) out.push([position[0]!, position[1]!]);
            });
            // Every third polygon arrives unclosed (all copies of the closing vertex dropped).
            if (g % 3 === 0) while (out.length > 1 && out[out.length - 1]![0] === ring[0]![0] && out[out.length - 1]![1] === ring[0]![1]) out.pop();
            return out;
          }),
        );
        const result = buildAdjacency(noisy, options);
        expectSame(canonical(result), canonical(buildAdjacency(geometries, options)));
        for (const finding of result.findings) expect(finding.message).toMatch(/未闭合/);
      }),
      { numRuns: 40 },
    );
  });

  it('buildAdjacency() gives the same pairs after translating every polygon', () => {
    fc.assert(
      fc.property(mosaicArbitrary, fc.constantFrom(...modes), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), ({ cells, seed }, options, dx, dy) => {
        const geometries = mosaic(cells, seed);
        // Vertices closer than the 1e-7° grid merge or not depending on where the grid falls.
        fc.pre(shortestSegmentDegrees(geometries) >= 2 * QUANTUM);
        expectSameAfterTranslation(geometries, options, dx, dy);
      }),
      { numRuns: 30 },
    );
  });

  // Counterexamples of the property before it stated the latitude rule (weak links differed).
  it('buildAdjacency() lets a 5.004 m border fall below minSharedMeters 5 when moved 8.5 km north, other pairs unchanged', () => {
    const geometries = mosaic(27, 361604);
    const options: AdjacencyOptions = { mode: 'queen', toleranceMeters: 0 };
    const dy = 0.07709693726955003;
    expectSameAfterTranslation(geometries, options, 0, dy);
    const link = (result: AdjacencyResult) => result.weakLinks.find((w) => w.a === 0 && w.b === 9);
    expect(link(buildAdjacency(geometries, options))).toBeUndefined();
    expect(link(buildAdjacency(translated(geometries, 0, dy), options))).toMatchObject({ kind: 'short', sharedMeters: expect.closeTo(4.9986, 3) });
  });

  it('buildAdjacency() lets a 20.04 m border fall below minSharedMeters 20 when moved 34 km north (tolerance 5 m), other pairs unchanged', () => {
    const geometries = mosaic(42, 236760);
    const options: AdjacencyOptions = { mode: 'queen', toleranceMeters: 5, minSharedMeters: 20 };
    const dy = 0.3041680976163211;
    expectSameAfterTranslation(geometries, options, 0, dy);
    const link = (result: AdjacencyResult) => result.weakLinks.find((w) => w.a === 4 && w.b === 15);
    expect(link(buildAdjacency(geometries, options))).toBeUndefined();
    expect(link(buildAdjacency(translated(geometries, 0, dy), options))).toMatchObject({ kind: 'short', sharedMeters: expect.closeTo(19.9993, 3) });
  });

  it('buildAdjacency() finds a corner across a 5.05 m gap within tolerance 5 m once moved 156 km north (the gap narrows to 4.98 m)', () => {
    const geometries = mosaic(26, 514850);
    const options: AdjacencyOptions = { mode: 'queen', toleranceMeters: 5, minSharedMeters: 20 };
    const [dx, dy] = [-0.17471863701939583, 1.4049871815368533];
    expectSameAfterTranslation(geometries, options, dx, dy);
    const link = (result: AdjacencyResult) => result.weakLinks.find((w) => w.a === 2 && w.b === 7);
    expect(link(buildAdjacency(geometries, options))).toBeUndefined();
    expect(link(buildAdjacency(translated(geometries, dx, dy), options))).toMatchObject({ kind: 'corner' });
  });

  it('buildAdjacency() rook edges are the queen edges with a long enough border', () => {
    fc.assert(
      fc.property(mosaicArbitrary, fc.integer({ min: 0, max: 200 }), ({ cells, seed }, minSharedMeters) => {
        const geometries = mosaic(cells, seed);
        const rook = buildAdjacency(geometries, { minSharedMeters });
        const queen = buildAdjacency(geometries, { mode: 'queen', minSharedMeters });
        const queenEdges = edgeLengths(queen.graph);
        const rookEdges = edgeLengths(rook.graph);
        const weak = new Set(rook.weakLinks.map((link) => `${link.a}-${link.b}`));
        for (const [key, meters] of queenEdges) {
          if (rookEdges.has(key)) expect(meters).toBeGreaterThanOrEqual(Math.max(minSharedMeters, Number.MIN_VALUE));
          else expect(weak.has(key)).toBe(true);
        }
        expect(rookEdges.size + weak.size).toBe(queenEdges.size);
      }),
      { numRuns: 40 },
    );
  });
});

describe('buildAdjacency() on grid mosaics (known answer)', () => {
  const columns = 12;
  const rows = 9;
  const rook = gridNeighbourKeys(columns, rows, false);
  const queen = gridNeighbourKeys(columns, rows, true);
  const cases: [string, Parameters<typeof gridMosaic>[0], AdjacencyOptions[]][] = [
    ['plain', { columns, rows }, [{ toleranceMeters: 0, minSharedMeters: 0 }, {}]],
    ['extra collinear vertices on every side', { columns, rows, extraVertices: 3 }, [{ toleranceMeters: 0, minSharedMeters: 0 }, {}]],
    ['T-junctions (extra vertices on one side only)', { columns, rows, extraVertices: 3, tJunctions: true }, [{ toleranceMeters: 0, minSharedMeters: 0 }, {}]],
    ['every vertex jittered by 1e-9°', { columns, rows, extraVertices: 2, jitterDegrees: 1e-9 }, [{ toleranceMeters: 0, minSharedMeters: 0 }, {}]],
    ['every vertex jittered by 2e-6° (about 0.2 m)', { columns, rows, extraVertices: 2, jitterDegrees: 2e-6 }, [{}, { toleranceMeters: 2, minSharedMeters: 1 }]],
    ['T-junctions and 2e-6° jitter', { columns, rows, extraVertices: 2, tJunctions: true, jitterDegrees: 2e-6 }, [{}]],
  ];
  for (const [name, grid, optionSets] of cases) {
    for (const options of optionSets) {
      it(`buildAdjacency() finds the 4- and 8-neighbourhoods of a grid with ${name}, options ${JSON.stringify(options)}`, () => {
        fc.assert(
          fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
            const geometries = gridMosaic({ ...grid, seed }).features.map((feature) => feature.geometry);
            const rookResult = buildAdjacency(geometries, { ...options, mode: 'rook' });
            const queenResult = buildAdjacency(geometries, { ...options, mode: 'queen' });
            expect(edgeKeys(rookResult.graph)).toEqual(rook);
            expect(edgeKeys(queenResult.graph)).toEqual(queen);
            // Diagonal contacts are corners (with 0.2 m jitter, two abutting sides may by chance
            // line up within 1 cm for a few centimetres: a short link, far below any minimum).
            for (const link of rookResult.weakLinks) expect(link.kind === 'corner' || ((grid.jitterDegrees ?? 0) >= 1e-6 && link.sharedMeters < 0.5)).toBe(true);
            // Jitter of 0.2 m leaves real (if tiny) gaps and overlaps between neighbours; 1e-9° does not.
            const expectedKinds = (grid.jitterDegrees ?? 0) >= 1e-6 ? ['gap', 'overlap'] : [];
            for (const finding of rookResult.findings) expect(expectedKinds).toContain(finding.kind);
          }),
          { numRuns: grid.jitterDegrees ? 5 : 1 },
        );
      });
    }
  }

  it('buildAdjacency() gives every grid side its full length (about 490 m by 555 m cells)', () => {
    const geometries = gridMosaic({ columns: 3, rows: 3, extraVertices: 2, tJunctions: true }).features.map((feature) => feature.geometry);
    const lengths = [...edgeLengths(buildAdjacency(geometries, { toleranceMeters: 0 }).graph).values()];
    for (const meters of lengths) expect([491.7, 554.1].some((expected) => Math.abs(meters - expected) < 1)).toBe(true);
  });
});
