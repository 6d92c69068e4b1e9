/**
 * The embedded Lucheng data as the engine sees it, computed in Node, so the browser tests can
 * compare what the page shows with what the engine computes for the same set.
 */
import { readFileSync } from 'node:fs';
import { assembleDataset, baselineSelection, buildAdjacency, contiguousClusters, unitMetrics, type DatasetRole } from '../../src/core/index.ts';

const FILES: [DatasetRole, string][] = [
  ['communities', 'communities.geojson'],
  ['status', 'status.csv'],
  ['inspections', 'inspections.csv'],
  ['campaign', 'campaign.json'],
];

export function luchengEngine() {
  const dataset = assembleDataset(FILES.map(([role, file]) => ({ role, file, text: readFileSync(`data/lucheng/${file}`, 'utf8') })));
  const geometries = dataset.boundaries.features.map((feature) => feature.geometry);
  const { graph } = buildAdjacency(geometries, dataset.config.adjacency);
  const metrics = unitMetrics(geometries);
  const baseline = baselineSelection(dataset);
  const indexOf = (name: string) => {
    const feature = dataset.boundaries.features.find((candidate) => candidate.name === name);
    if (!feature) throw new Error(`no community named ${name}`);
    return feature.index;
  };
  return {
    dataset,
    graph,
    baseline,
    indexOf,
    codeOf: (name: string) => dataset.boundaries.features[indexOf(name)]!.id,
    labelPoint: (index: number): [number, number] => [metrics.labelPoints[2 * index]!, metrics.labelPoints[2 * index + 1]!],
    metrics,
    /** The engine's clusters of the status table's demonstration communities. */
    baselineClusters: () => contiguousClusters(graph, baseline, metrics),
    /** [west, south, east, north] around every community, in degrees. */
    bounds(): [number, number, number, number] {
      const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
      for (let i = 0; i < metrics.bboxes.length; i += 4) {
        bounds[0] = Math.min(bounds[0], metrics.bboxes[i]!);
        bounds[1] = Math.min(bounds[1], metrics.bboxes[i + 1]!);
        bounds[2] = Math.max(bounds[2], metrics.bboxes[i + 2]!);
        bounds[3] = Math.max(bounds[3], metrics.bboxes[i + 3]!);
      }
      return bounds;
    },
    /** Cluster count the engine computes for the baseline with `changes` toggled. */
    clusterCount(changes: number[] = []): number {
      const designated = baseline.slice();
      for (const index of changes) designated[index] = designated[index] ? 0 : 1;
      return contiguousClusters(graph, designated).clusters.length;
    },
  };
}
