/**
 * Issue 15: one classifier of communities (cluster, isolated, bridge, ring, none) in core, read
 * by `lianpian analyze`, the map's outlines and the exported GeoJSON.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, test } from 'vitest';
import { baselineSelection, checkBestSetRequest, communityRoleProperties, communityRoles, openDataset, type DatasetInput } from '../../src/core/index.ts';
import { analysisGeoJson } from '../../src/export/geojson.ts';
import { analysisHighlights } from '../../src/map/overlays.ts';
import { runLianpian } from '../support/cli.ts';
import { gridMosaic } from '../support/mosaics.ts';

const lucheng = (name: string) => fileURLToPath(new URL(`../../data/lucheng/${name}`, import.meta.url));
const text = (role: DatasetInput['role'], name: string): DatasetInput => ({ role, file: name, text: readFileSync(lucheng(name), 'utf8') });

async function gridEngine() {
  const grid = gridMosaic({ columns: 5, rows: 5, cell: 0.01 });
  return openDataset([{ role: 'communities', file: 'grid.geojson', text: JSON.stringify(grid) }]);
}

describe('communityRoles()', () => {
  test('communityRoles() gives each community one role consistent with the clusters, rings and bridges', async () => {
    const { whatIf, dataset } = await gridEngine();
    const n = dataset.boundaries.features.length;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: n, maxLength: n, max: 1 }), (designated) => {
        const answer = whatIf.analyze(designated, { overlays: false });
        const rows = communityRoles(answer);
        const ringed = new Set(answer.rings.flatMap((ring) => ring.ring));
        const bridges = new Map(answer.bridges.suggestions.map((s) => [s.node, s]));
        expect(rows.map((row) => row.index)).toEqual(Array.from({ length: n }, (_, i) => i));
        for (const row of rows) {
          const cluster = answer.report.clusterOf[row.index]!;
          expect(row.inRing).toBe(ringed.has(row.index));
          if (bridges.has(row.index)) {
            expect(row).toMatchObject({ role: 'bridge', cluster: null, joins: bridges.get(row.index)!.joins, step: bridges.get(row.index)!.step });
            expect(cluster).toBe(-1);
          } else if (cluster >= 0) expect(row).toMatchObject({ role: answer.report.clusters[cluster]!.size > 1 ? 'cluster' : 'isolated', cluster, joins: [], step: null });
          else expect(row.role).toBe(row.inRing ? 'ring' : 'none');
          expect(row.ring).toEqual(answer.rings.filter((ring) => ring.ring.includes(row.index)).map((ring) => ring.clusterId).sort((a, b) => a - b));
        }
      }),
      { numRuns: 40 },
    );
  });

  test('lianpian analyze --format geojson, the map outlines and the exported GeoJSON classify each community with the same properties', async () => {
    const opened = await openDataset([text('communities', 'communities.geojson'), text('status', 'status.csv'), text('campaign', 'campaign.json')]);
    const { dataset, whatIf } = opened;
    const designated = baselineSelection(dataset);
    const fast = whatIf.analyze(designated);
    const answer = fast.refinable ? { ...fast, ...whatIf.refineBridges(designated) } : fast;
    const keys = (properties: object) => Object.fromEntries(Object.keys(communityRoleProperties(communityRoles(answer)[0]!, answer.names)).map((key) => [key, (properties as Record<string, unknown>)[key]]));

    const cli = await runLianpian('analyze', lucheng('communities.geojson'), '--status', lucheng('status.csv'), '--config', lucheng('campaign.json'), '--format', 'geojson');
    expect(cli.code).toBe(0);
    const cliById = new Map((JSON.parse(cli.stdout) as FeatureCollection).features.map((feature) => [feature.id, keys(feature.properties!)]));
    const communities: FeatureCollection<Polygon | MultiPolygon> = { type: 'FeatureCollection', features: dataset.boundaries.features.map((feature) => ({ type: 'Feature', properties: {}, geometry: feature.geometry })) };
    const highlights = analysisHighlights(communities, answer, answer.rings, answer.bridges).features;
    const exported = analysisGeoJson(dataset, answer).features.filter((feature) => feature.properties!.layer === 'ring' || feature.properties!.layer === 'bridge');

    expect(highlights.length).toBeGreaterThan(0);
    for (const feature of highlights) expect(keys(feature.properties)).toEqual(cliById.get(dataset.boundaries.features[feature.id as number]!.id));
    for (const feature of exported) expect(keys(feature.properties!)).toEqual(cliById.get(feature.id));
    expect(exported.some((feature) => feature.properties!.role === 'bridge')).toBe(answer.bridges.suggestions.length > 0);
  });
});

describe('checkBestSetRequest()', () => {
  test('checkBestSetRequest() refuses overlapping must and exclude, a size over n, indices out of range and more musts than the size, all at once', () => {
    const issues = (request: Parameters<typeof checkBestSetRequest>[0]) => {
      try {
        checkBestSetRequest(request, { nodeCount: 5, defaultSize: 3, ids: ['a', 'b', 'c', 'd', 'e'] });
        return [];
      } catch (error) {
        return (error as { issues: { field: string; actual: string }[] }).issues.map((issue) => [issue.field, issue.actual]);
      }
    };
    expect(issues({ must: [1], exclude: [1] })).toEqual([['must/exclude', 'b']]);
    expect(issues({ size: 6 })).toEqual([['size', '6']]);
    expect(issues({ size: 0 })).toEqual([['size', '0']]);
    expect(issues({ must: [7, -1], exclude: [2.5] })).toEqual([['must', '7, -1'], ['exclude', '2.5']]);
    expect(issues({ size: 1, must: [0, 1] })).toEqual([['must', '2 个']]);
    expect(checkBestSetRequest({ must: [2, 2] }, { nodeCount: 5, defaultSize: 3 })).toEqual({ size: 3, must: [2], exclude: [] });
  });

  test('the what-if engine refuses a request checkBestSetRequest refuses, so the worker and the CLI cannot differ', async () => {
    const { whatIf } = await gridEngine();
    expect(() => whatIf.bestSet({ size: 3, must: [0], exclude: [0] })).toThrow(/互不重叠/);
    expect(() => whatIf.bestSetSearch({ size: 26 }).next(false)).toThrow(/不超过社区总数 25/);
  });
});
