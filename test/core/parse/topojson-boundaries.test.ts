/**
 * Issue 18: a TopoJSON topology read from its arcs straight onto the engine's ring arrays, without
 * building GeoJSON, must give what the GeoJSON way (topojson-client's `feature`, then the tree
 * parser) gives: the same BoundarySet, rings, adjacency pairs and findings, or the same errors.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { topology as makeTopology } from 'topojson-server';
import type { Topology } from 'topojson-specification';
import { describe, expect, test } from 'vitest';
import { SCANNED_ORIGIN, flattenRings } from '../../../src/core/adjacency/flat-rings.ts';
import { buildAdjacency, graphPairs } from '../../../src/core/index.ts';
import { parseBoundaries, parseBoundariesTree } from '../../../src/core/parse/boundaries.ts';
import { topologyToGeoJson } from '../../../src/core/parse/topojson.ts';
import type { BoundarySet } from '../../../src/core/model.ts';
import { gridMosaic, voronoiMosaic } from '../../support/mosaics.ts';

const require = createRequire(import.meta.url);
const usAtlas = (name: string) => JSON.parse(readFileSync(require.resolve(`us-atlas/${name}`), 'utf8')) as Topology;

/** The GeoJSON way, as the importer read TopoJSON before issue 18. */
function throughGeoJson(topology: Topology): BoundarySet {
  return parseBoundariesTree(topologyToGeoJson(topology, { file: 'cells.topojson' }), { file: 'cells.topojson' });
}

const fromArcs = (set: BoundarySet) => set.features.length > 0 && set.features.every((feature) => Object.getOwnPropertySymbols(feature.geometry).includes(SCANNED_ORIGIN));

/** Same rings, pairs (with lengths) and findings, then the same BoundarySet; returns the pair count. */
function expectSameAsGeoJson(topology: Topology, { arcs = true } = {}): number {
  const ours = parseBoundaries(topology, { file: 'cells.topojson' });
  const reference = throughGeoJson(topology);
  expect(fromArcs(ours)).toBe(arcs);
  const geometries = (set: BoundarySet) => set.features.map((feature) => feature.geometry);
  // Read the rings before any coordinates are made, so the arcs' rings are the ones compared.
  const { issues: ourIssues, ...ourRings } = flattenRings(geometries(ours));
  const { issues: referenceIssues, ...referenceRings } = flattenRings(geometries(reference));
  expect(ourRings).toEqual(referenceRings);
  expect(ourIssues).toEqual(referenceIssues);
  const ourGraph = buildAdjacency(geometries(ours));
  const referenceGraph = buildAdjacency(geometries(reference));
  expect(graphPairs(ourGraph.graph)).toEqual(graphPairs(referenceGraph.graph));
  expect(ourGraph.findings).toEqual(referenceGraph.findings);
  expect(JSON.stringify(ours)).toBe(JSON.stringify(reference));
  return graphPairs(ourGraph.graph).length;
}

describe('parseBoundaries(topology) reads the arcs, not GeoJSON', () => {
  test('parseBoundaries(topology) gives the GeoJSON way\'s rings, rook pairs, findings and BoundarySet on every US county and state (us-atlas, natively TopoJSON)', () => {
    const counties = usAtlas('counties-10m.json');
    expect(expectSameAsGeoJson(counties)).toBeGreaterThan(8_900);
    expect(expectSameAsGeoJson({ ...counties, objects: { states: counties.objects.states! } })).toBeGreaterThan(100);
  }, 120_000);

  test('parseBoundaries(topology) equals the GeoJSON way on generated grid and Voronoi mosaics, quantized or not, with ids, properties and holes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.constantFrom(0, 1e4, 1e6), fc.boolean(), (seed, quantization, voronoi) => {
        const collection = voronoi ? voronoiMosaic(30 + (seed % 60), seed) : gridMosaic({ columns: 2 + (seed % 6), rows: 2 + (seed % 5), seed });
        const topology = makeTopology({ cells: collection }, quantization || undefined) as unknown as Topology;
        expectSameAsGeoJson(topology);
      }),
      { numRuns: 40 },
    );
  });

  test('parseBoundaries(topology bytes) reads a .topojson file from its arcs too', () => {
    const topology = makeTopology({ cells: gridMosaic({ columns: 3, rows: 2, seed: 4 }) }, 1e5) as unknown as Topology;
    const bytes = new TextEncoder().encode(JSON.stringify(topology));
    const ours = parseBoundaries(bytes, { file: 'cells.topojson' });
    expect(fromArcs(ours)).toBe(true);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(throughGeoJson(topology)));
  });

  test('parseBoundaries(topology) gives the GeoJSON way\'s answer, warning or errors for a point, an open ring (closed with W_RING_CLOSED) and a bad arc index', () => {
    const base = makeTopology({ cells: gridMosaic({ columns: 2, rows: 1, seed: 1 }) }, 1e5) as unknown as Topology;
    const cells = base.objects.cells as unknown as { type: string; geometries: { type: string; arcs?: unknown; coordinates?: unknown }[] };
    const withPoint = { ...base, objects: { cells: { ...cells, geometries: [...cells.geometries, { type: 'Point', coordinates: [0, 0] }] } } } as unknown as Topology;
    const openArc = { ...base, arcs: [...base.arcs, [[0, 0], [10, 0], [0, 10], [5, 5]]], objects: { cells: { ...cells, geometries: [...cells.geometries, { type: 'Polygon', arcs: [[base.arcs.length]] }] } } } as unknown as Topology;
    const badIndex = { ...base, objects: { cells: { ...cells, geometries: [{ type: 'Polygon', arcs: [[999]] }] } } } as unknown as Topology;
    expect(fromArcs(parseBoundaries(openArc))).toBe(true);
    expect(parseBoundaries(openArc).warnings.map((warning) => warning.code)).toEqual(['W_RING_CLOSED', 'W_ID_FROM_INDEX']);
    for (const topology of [withPoint, openArc, badIndex]) {
      const outcome = (read: () => BoundarySet) => {
        try {
          return JSON.stringify(read());
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      };
      const ours = outcome(() => parseBoundaries(topology, { file: 'cells.topojson' }));
      expect(ours).toBe(outcome(() => throughGeoJson(topology)));
    }
  });
});
