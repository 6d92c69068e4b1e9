import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assembleDataset, buildAdjacency, clusterLabel, contiguousClusters, createWhatIf, shouldRefineBridges, suggestBridges, unitMetrics, verdictOf, type WhatIf } from '../../src/core/index.ts';
import { gridMosaic } from '../support/mosaics.ts';

/** A 4 × 4 grid whose cell G<r>_<c> is named 社区<r><c>; cells in `ready` have all 12 facility items. */
function gridWhatIf(ready: readonly string[] = []): { whatIf: WhatIf; codes: string[] } {
  const grid = gridMosaic({ columns: 4, rows: 4, cell: 0.01 });
  for (const feature of grid.features) Object.assign(feature.properties, { name: `社区${feature.properties.code.slice(1).replace('_', '')}` });
  const codes = grid.features.map((feature) => feature.properties.code);
  const header = ['社区代码', '社区名称', '精品示范社区', '社区管理办公室', '党建办公室', '社区警务室', '阅览室', '文体活动室', '社区服务站', '医疗站', '计生指导站', '宣传栏', '阅报栏', '市民学校', '室外活动场所'];
  const rows = codes.map((code) => [code, code, '否', ...Array.from({ length: 12 }, () => (ready.includes(code) ? '是' : '否'))].join(','));
  const dataset = assembleDataset([
    { role: 'communities', file: 'grid.geojson', text: JSON.stringify(grid) },
    { role: 'status', file: 'status.csv', text: [header.join(','), ...rows].join('\n') },
  ]);
  const geometries = dataset.boundaries.features.map((feature) => feature.geometry);
  const { graph } = buildAdjacency(geometries, dataset.config.adjacency);
  return { whatIf: createWhatIf({ dataset, graph, metrics: unitMetrics(geometries) }), codes };
}

const selection = (codes: readonly string[], chosen: readonly string[]) => Uint8Array.from(codes, (code) => (chosen.includes(code) ? 1 : 0));

describe('createWhatIf()', () => {
  test('analyze() gives no verdict over an empty selection: 0 communities are not "contiguous"', () => {
    const { whatIf, codes } = gridWhatIf();
    const answer = whatIf.analyze(selection(codes, []));
    expect(answer.verdict).toBe('empty');
    expect(answer.report.clusters).toEqual([]);
  });

  test('analyze() names each cluster by number and by its largest member, and explains each bridge with those names', () => {
    const { whatIf, codes } = gridWhatIf();
    const answer = whatIf.analyze(selection(codes, ['G0_0', 'G0_1', 'G0_3']));
    expect(answer.verdict).toBe('split');
    expect(answer.names).toEqual([
      { id: 0, number: 1, label: '片区 1', name: '社区00等 2 个社区' },
      { id: 1, number: 2, label: '片区 2', name: '社区03' },
    ]);
    expect(answer.bridges.added).toEqual([2]);
    expect(answer.explanations).toEqual(['连接 片区 1（社区00等 2 个社区）、片区 2（社区03）']);
  });

  test('analyze() prefers the readier of two equally short bridges (readiness from the status table)', () => {
    // G0_0 and G1_1 touch at a corner only; G0_1 and G1_0 each join them; G1_0 has every facility.
    const { whatIf, codes } = gridWhatIf(['G1_0']);
    expect(whatIf.analyze(selection(codes, ['G0_0', 'G1_1'])).bridges.added).toEqual([codes.indexOf('G1_0')]);
  });

  test('analyze() overlays: one shared border and zone per designated neighbour pair, one outline per cluster', () => {
    const { whatIf, codes } = gridWhatIf();
    const answer = whatIf.analyze(selection(codes, ['G0_0', 'G0_1', 'G1_1', 'G3_3']), { zoneWidthMeters: 40 });
    expect(answer.borders.features.map((feature) => [feature.properties.a, feature.properties.b])).toEqual([
      [0, 1],
      [1, 5],
    ]);
    expect(answer.zones.features).toHaveLength(2);
    expect(answer.outlines.features.map((feature) => feature.properties.cluster)).toEqual([0, 1]);
    expect(whatIf.analyze(selection(codes, ['G0_0']), { overlays: false }).borders.features).toEqual([]);
  });

  test('analyze() after any sequence of selections equals the one-shot answer for the last one (the cache never leaks)', () => {
    const { codes } = gridWhatIf();
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: codes.length, maxLength: codes.length, max: 1 }), { minLength: 1, maxLength: 5 }), (selections) => {
        const warm = gridWhatIf().whatIf;
        let last;
        for (const designated of selections) last = warm.analyze(designated, { zoneWidthMeters: 30 });
        const cold = gridWhatIf().whatIf.analyze(selections[selections.length - 1]!, { zoneWidthMeters: 30 });
        expect(last).toEqual(cold);
      }),
      { numRuns: 25 },
    );
  });

  test('prepare() changes no answer: after any selections, prepared or not (even when stopped half-way), analyze() equals the one-shot answer', () => {
    const { codes } = gridWhatIf();
    const selections = fc.array(fc.uint8Array({ minLength: codes.length, maxLength: codes.length, max: 1 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(selections, fc.array(fc.nat(3), { minLength: 4, maxLength: 4 }), fc.nat(codes.length - 1), (chosen, stopAfter, toggled) => {
        const warm = gridWhatIf().whatIf;
        for (const [i, designated] of chosen.entries()) {
          warm.analyze(designated, { zoneWidthMeters: 30 });
          let asked = 0;
          warm.prepare(designated, { zoneWidthMeters: 30, shouldStop: () => asked++ >= stopAfter[i]! });
        }
        // The next toggle, as a planner makes it after the last selection.
        const next = chosen[chosen.length - 1]!.slice();
        next[toggled] = next[toggled] ? 0 : 1;
        expect(warm.analyze(next, { zoneWidthMeters: 30 })).toEqual(gridWhatIf().whatIf.analyze(next, { zoneWidthMeters: 30 }));
      }),
      { numRuns: 25 },
    );
  });

  test('prepare() stops when asked and goes on where it stopped: it reports done only when every candidate is prepared', () => {
    const { whatIf, codes } = gridWhatIf();
    const designated = selection(codes, ['G0_0', 'G0_1', 'G2_2', 'G3_3']);
    whatIf.analyze(designated);
    expect(whatIf.prepare(designated, { shouldStop: () => true })).toBe(false);
    let calls = 0;
    expect(whatIf.prepare(designated, { shouldStop: () => calls++ > 0 })).toBe(false);
    expect(whatIf.prepare(designated)).toBe(true);
    // Everything is cached now: asking again finds nothing to do (done before it is asked to stop).
    let askedAgain = 0;
    expect(whatIf.prepare(designated, { shouldStop: () => askedAgain++ > 100 })).toBe(true);
  });

  test('refineBridges() is never costlier than the fast plan and joins every cluster', () => {
    const { whatIf, codes } = gridWhatIf();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: codes.length, maxLength: codes.length, max: 1 }), (designated) => {
        const fast = whatIf.analyze(designated, { overlays: false });
        const { bridges, explanations } = whatIf.refineBridges(designated);
        expect(bridges.totalCost).toBeLessThanOrEqual(fast.bridges.totalCost + 1e-9);
        expect(explanations).toHaveLength(bridges.suggestions.length);
        const joined = Uint8Array.from(designated, (value, i) => (value || bridges.added.includes(i) ? 1 : 0));
        expect(contiguousClusters(buildAdjacency(gridMosaic({ columns: 4, rows: 4, cell: 0.01 }).features.map((f) => f.geometry)).graph, joined).clusters.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 40 },
    );
  });
});

describe('shouldRefineBridges()', () => {
  test('shouldRefineBridges() asks for the exact search only for an unproven plan over few clusters', () => {
    const plan = (method: 'none' | 'exact' | 'approximation') => ({ ...suggestBridges(buildAdjacency([]).graph, new Uint8Array(0)), method });
    expect(shouldRefineBridges(plan('approximation'), 3)).toBe(true);
    expect(shouldRefineBridges(plan('approximation'), 9)).toBe(false);
    expect(shouldRefineBridges(plan('exact'), 3)).toBe(false);
    expect(shouldRefineBridges(plan('none'), 1)).toBe(false);
  });
});

describe('verdictOf()', () => {
  test('verdictOf() reads empty, contiguous or split from the selection count and the clusters', () => {
    const { whatIf, codes } = gridWhatIf();
    expect(verdictOf(whatIf.analyze(selection(codes, [])).report)).toBe('empty');
    expect(verdictOf(whatIf.analyze(selection(codes, ['G0_0', 'G0_1'])).report)).toBe('contiguous');
    expect(verdictOf(whatIf.analyze(selection(codes, ['G0_0', 'G0_2'])).report)).toBe('split');
    expect(clusterLabel(0)).toBe('片区 1');
  });
});
