import { describe, expect, test } from 'vitest';
import { contiguousClusters } from '../../src/core/index.ts';
import { createAnalysisSession } from '../../src/worker/session.ts';
import { gridLoadResult } from '../support/load-result.ts';

describe('createAnalysisSession()', () => {
  test('analyze answers a what-if with clusters, joint zones along shared borders and cluster outlines', async () => {
    const { result, session } = await gridLoadResult();
    // Top row of the 3 × 3 grid plus the centre: one cluster of four, three shared borders.
    const designated = Uint8Array.from({ length: 9 }, (_, i) => (i <= 2 || i === 4 ? 1 : 0));
    const analysis = await session.handle('analyze', { designated, zoneWidthMeters: 60 });
    expect(analysis.report.clusters.map((cluster) => cluster.members)).toEqual(contiguousClusters(result.graph, designated).clusters.map((cluster) => cluster.members));
    expect(analysis.borders.features.map((feature) => [feature.properties.a, feature.properties.b])).toEqual([[0, 1], [1, 2], [1, 4]]);
    // Each grid side is 0.01° (about 1 km at this latitude).
    for (const border of analysis.borders.features) expect(border.properties.lengthMeters).toBeGreaterThan(900);
    expect(analysis.zones.features).toHaveLength(3);
    expect(analysis.outlines.features).toHaveLength(1);
  });

  test('analyze without overlays returns counts only', async () => {
    const { session } = await gridLoadResult();
    const analysis = await session.handle('analyze', { designated: Uint8Array.of(1, 0, 1, 0, 0, 0, 1, 0, 1), zoneWidthMeters: 60, overlays: false });
    expect(analysis.report.clusters).toHaveLength(4);
    expect(analysis.zones.features).toEqual([]);
  });

  test('whatIf answers with an exact plan that is never costlier than the fast one', async () => {
    const { session } = await gridLoadResult();
    const designated = Uint8Array.of(1, 0, 1, 0, 0, 0, 1, 0, 1);
    const fast = await session.handle('analyze', { designated, zoneWidthMeters: 60 });
    const { bridges } = (await session.handle('whatIf', { designated })).exact;
    expect(bridges.exact).toBe(true);
    expect(bridges.totalCost).toBeLessThanOrEqual(fast.bridges.totalCost + 1e-9);
    expect(contiguousClusters((await gridLoadResult()).result.graph, Uint8Array.from(designated, (value, i) => (value || bridges.added.includes(i) ? 1 : 0))).clusters).toHaveLength(1);
  });

  test('load sends data-quality findings named by community and code, with the measured overlap', async () => {
    const square = (id: string, name: string, west: number, east: number) => ({ type: 'Feature', id, properties: { name }, geometry: { type: 'Polygon', coordinates: [[[west, 28], [east, 28], [east, 28.01], [west, 28.01], [west, 28]]] } });
    const text = JSON.stringify({ type: 'FeatureCollection', features: [square('A1', '甲社区', 120.6, 120.61), square('B2', '乙社区', 120.6099, 120.62)] });
    const loaded = await createAnalysisSession().handle('load', { kind: 'files', sources: [{ role: 'communities', file: 'overlap.geojson', text }] });
    const overlap = loaded.findings.find((finding) => finding.kind === 'overlap')!;
    expect(overlap.message).toMatch(/^甲社区（A1） 与 乙社区（B2） 的范围重叠/);
    expect(overlap.overlap!.widthMeters).toBeGreaterThan(9);
  });

  test('load reports a bad file as a validation error naming the file and the path', async () => {
    const session = createAnalysisSession();
    await expect(session.handle('load', { kind: 'files', sources: [{ role: 'communities', file: 'bad.geojson', text: '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}' }] })).rejects.toMatchObject({
      code: 'E_GEOMETRY',
      file: 'bad.geojson',
      path: 'features[0].geometry',
    });
  });
});
