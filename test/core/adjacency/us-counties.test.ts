/**
 * Robustness on real, messy boundaries: every US county from the npm package `us-atlas`
 * (TopoJSON; PostGIS throws TopologyException on 40 of its geometries). Cross-check: with exact
 * settings our rook pairs are the pairs of counties that share a TopoJSON arc (topojson-client
 * `neighbors`), since arcs are the shared boundary lines of positive length.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { buildAdjacency, graphPairs } from '../../../src/core/index.ts';
import { expectWellFormed } from './helpers.ts';

const require = createRequire(import.meta.url);
const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology<{ counties: GeometryCollection }>;
const counties = feature(topology, topology.objects.counties) as FeatureCollection<Polygon | MultiPolygon>;
const geometries = counties.features.map((county) => county.geometry);

describe('buildAdjacency() on all US counties (us-atlas)', () => {
  it('buildAdjacency() never throws on the 3,231 counties and gives a well-formed graph in every mode', () => {
    expect(geometries.length).toBe(3231);
    for (const options of [{ toleranceMeters: 0, minSharedMeters: 0 }, {}, { mode: 'queen' as const }, { mode: 'queen' as const, toleranceMeters: 50, minSharedMeters: 100 }]) {
      const { graph, weakLinks } = buildAdjacency(geometries, options);
      expectWellFormed(graph);
      for (const link of weakLinks) expect(link.a).toBeLessThan(link.b);
    }
  });

  it('buildAdjacency() rook pairs equal the counties sharing a TopoJSON arc', () => {
    const ours = graphPairs(buildAdjacency(geometries, { toleranceMeters: 0, minSharedMeters: 0 }).graph).map(([a, b]) => `${a}-${b}`);
    const arcs = new Set<string>();
    neighbors(topology.objects.counties.geometries).forEach((list, a) => list.forEach((b) => arcs.add(`${Math.min(a, b)}-${Math.max(a, b)}`)));
    const onlyOurs = ours.filter((key) => !arcs.has(key));
    const onlyArcs = [...arcs].filter((key) => !ours.includes(key) && key.split('-')[0] !== key.split('-')[1]);
    console.log('us-atlas', { ours: ours.length, arcs: arcs.size, onlyOurs, onlyArcs });
    expect(onlyOurs).toEqual([]);
    expect(onlyArcs).toEqual([]);
  });
});
