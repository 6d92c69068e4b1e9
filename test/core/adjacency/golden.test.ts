/**
 * Golden fixtures for the adjacency traps: test/fixtures/adjacency/in/*.geojson → out/*.json.
 * Each input may list option sets in a `runs` foreign member; the output records, per run, the
 * graph's edges, the weak links, the findings and the shared borders of the edges.
 * Regenerate with `UPDATE=1 npx vitest run test/core/adjacency` and review the diff.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildAdjacency, graphPairs, sharedBorders, type AdjacencyOptions } from '../../../src/core/index.ts';

const inputs = new URL('../../fixtures/adjacency/in/', import.meta.url);
const outputs = new URL('../../fixtures/adjacency/out/', import.meta.url);
const update = process.env.UPDATE === '1';

type Fixture = FeatureCollection<Polygon | MultiPolygon> & { description?: string; runs?: AdjacencyOptions[] };

const centimetres = (meters: number) => Math.round(meters * 100) / 100;

/** Everything a reviewer needs to judge one run, with lengths rounded to centimetres. */
function goldenRun(geometries: (Polygon | MultiPolygon)[], options: AdjacencyOptions) {
  const { graph, weakLinks, findings } = buildAdjacency(geometries, options);
  const edges = graphPairs(graph);
  const borders = sharedBorders(geometries, edges.map(([a, b]) => [a, b] as const), { toleranceMeters: options.toleranceMeters ?? 1 });
  return {
    options,
    edges: edges.map(([a, b, meters]) => [a, b, centimetres(meters)]),
    weakLinks: weakLinks.map((link) => ({ ...link, sharedMeters: centimetres(link.sharedMeters) })),
    findings,
    borders: borders.map(({ a, b, lengthMeters, geometry }) => ({ a, b, lengthMeters: centimetres(lengthMeters), lines: geometry.coordinates })),
  };
}

describe('buildAdjacency() golden fixtures', () => {
  const files = readdirSync(inputs).filter((file) => file.endsWith('.geojson')).sort();
  it('has the reviewed fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });
  for (const file of files) {
    const name = file.replace(/\.geojson$/, '');
    it(`buildAdjacency() on ${name} matches the reviewed output`, () => {
      const fixture = JSON.parse(readFileSync(new URL(file, inputs), 'utf8')) as Fixture;
      const geometries = fixture.features.map((feature) => feature.geometry as Polygon | MultiPolygon);
      const actual = { description: fixture.description ?? '', runs: (fixture.runs ?? [{}]).map((options) => goldenRun(geometries, options)) };
      const target = new URL(`${name}.json`, outputs);
      if (update) {
        mkdirSync(outputs, { recursive: true });
        writeFileSync(target, `${JSON.stringify(actual, null, 1)}\n`);
      }
      expect(actual).toEqual(JSON.parse(readFileSync(target, 'utf8')));
    });
  }
});
