/** Issue 18: rook neighbours of a TopoJSON topology straight from its shared arcs, checked against the engine. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import { topology as makeTopology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, test } from 'vitest';
import { buildAdjacency, graphPairs, readTopologyArcs, topologyRookGraph } from '../../../src/core/index.ts';
import { gridMosaic, voronoiMosaic } from '../../support/mosaics.ts';

const require = createRequire(import.meta.url);

/** The engine's exact rook graph on the topology's polygons (converted with topojson-client). */
function engineRook(topology: Topology, name: string) {
  const collection = feature(topology, topology.objects[name] as GeometryCollection) as FeatureCollection<Polygon | MultiPolygon>;
  return buildAdjacency(collection.features.map((f) => f.geometry), { toleranceMeters: 0, minSharedMeters: 0 }).graph;
}

function expectSameAsEngine(topology: Topology, name: string): number {
  const { graph } = topologyRookGraph(topology, { object: name });
  const ours = graphPairs(graph);
  const engine = graphPairs(engineRook(topology, name));
  expect(ours.map(([a, b]) => [a, b])).toEqual(engine.map(([a, b]) => [a, b]));
  // Shared lengths: the same segments measured the same way, except where the engine cleans
  // rings (spikes, repeated points) or finds a border shared by three (us-atlas: 22 of 8,944 pairs).
  const differing = ours.filter(([, , meters], i) => !(Math.abs(meters - engine[i]![2]) <= 1e-9 * Math.max(1, engine[i]![2])));
  expect(differing.length).toBeLessThanOrEqual(Math.ceil(ours.length * 0.005));
  return ours.length;
}

describe('topologyRookGraph()', () => {
  test('topologyRookGraph() gives the engine\'s exact rook pairs and lengths on every US county (us-atlas, quantized TopoJSON)', () => {
    const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology;
    expect(expectSameAsEngine(topology, 'counties')).toBe(8944);
    expect(expectSameAsEngine(topology, 'states')).toBeGreaterThan(100);
  });

  test('topologyRookGraph() matches the engine on mosaics written as quantized TopoJSON', () => {
    // Quantized, so that borders digitized twice with slightly different doubles become one arc
    // (the engine merges them on its 1e-7° grid; an unquantized topology keeps them apart).
    for (const collection of [gridMosaic({ columns: 8, rows: 6, seed: 2 }), voronoiMosaic(400, 5)]) {
      expect(expectSameAsEngine(makeTopology({ cells: collection }, 1e6) as unknown as Topology, 'cells')).toBeGreaterThan(10);
    }
  });

  test('topologyRookGraph() reads the object with the most polygons when none is named', () => {
    const topology = makeTopology({ cells: gridMosaic({ columns: 2, rows: 1, seed: 1 }), point: { type: 'Point', coordinates: [120, 28] } as Parameters<typeof makeTopology>[0][string] }) as unknown as Topology;
    const { object, graph } = topologyRookGraph(topology);
    expect(object).toBe('cells');
    expect(graphPairs(graph).map(([a, b]) => [a, b])).toEqual([[0, 1]]);
  });

  test('readTopologyArcs() decodes quantized arcs as topojson-client does, on the 1e-7° grid', () => {
    const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology;
    const { coordinates, arcOffsets } = readTopologyArcs(topology);
    expect(arcOffsets.length).toBe(topology.arcs.length + 1);
    const first = (feature(topology, (topology.objects.counties as GeometryCollection).geometries[0]!) as unknown as { geometry: Polygon | MultiPolygon }).geometry;
    const position = (first.type === 'Polygon' ? first.coordinates[0]! : first.coordinates[0]![0]!)[0]!;
    let found = false;
    for (let k = 0; k < coordinates.length; k += 2) if (coordinates[k] === Math.round(position[0]! * 1e7) && coordinates[k + 1] === Math.round(position[1]! * 1e7)) found = true;
    expect(found).toBe(true);
  });

  test('topologyRookGraph() refuses an unknown object and arc indices out of range with InputError', () => {
    const topology = makeTopology({ cells: gridMosaic({ columns: 2, rows: 1, seed: 1 }) }) as unknown as Topology;
    expect(() => topologyRookGraph(topology, { object: 'nope' })).toThrow(/nope/);
    const broken = { ...topology, objects: { cells: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[99]] }] } } } as unknown as Topology;
    expect(() => topologyRookGraph(broken)).toThrow(/弧索引/);
  });
});
