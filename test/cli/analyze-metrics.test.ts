/**
 * `lianpian analyze` measures only the selected units (label points cost ~30 µs each and nothing
 * else needs them): the cluster figures it prints must still be those of the full measurement.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { buildAdjacency, contiguousClusters, parseBoundaries, unitMetrics } from '../../src/core/index.ts';
import { runLianpian } from '../support/cli.ts';

const communities = fileURLToPath(new URL('../../data/lucheng/communities.geojson', import.meta.url));
const round = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

interface Cluster {
  members: string[];
  areaM2: number;
  bbox: number[];
  labelPoint: number[];
}

test('analyze prints each cluster’s area, bbox and label point as measured over every unit', async () => {
  const set = parseBoundaries(readFileSync(communities, 'utf8'));
  const geometries = set.features.map((feature) => feature.geometry);
  const { graph } = buildAdjacency(geometries);
  const all = unitMetrics(geometries);
  // Every third community: several clusters of different sizes.
  const chosen = set.features.filter((_, i) => i % 3 === 0).map((feature) => feature.id);
  const designated = Uint8Array.from(set.features, (feature) => (chosen.includes(feature.id) ? 1 : 0));
  const expected = contiguousClusters(graph, designated, all).clusters.map((cluster) => ({
    members: cluster.members.map((v) => set.features[v]!.id),
    areaM2: round(cluster.areaM2, 0),
    bbox: cluster.bbox.map((value) => round(value, 6)),
    labelPoint: cluster.labelPoint.map((value) => round(value, 6)),
  }));

  const cli = await runLianpian('analyze', communities, '--select', chosen.join(','));
  expect(cli.code).toBe(0);
  const clusters = (JSON.parse(cli.stdout) as { clusters: Cluster[] }).clusters.map(({ members, areaM2, bbox, labelPoint }) => ({ members, areaM2, bbox, labelPoint }));
  expect(clusters.length).toBeGreaterThan(3);
  expect(clusters).toEqual(expected);
});
