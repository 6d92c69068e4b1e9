/**
 * Issue 15: every number the planning report shows is in the core's answer: counts, the verdict
 * line, the one target check, route facts and target tags, pair routes tied with the all-in plan,
 * cluster numbers that survive a change.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { baselineSelection, buildAdjacency, clusterNumbers, contiguousClusters, createWhatIf, graphFromPairs, planCounts, splitWords, tieWithPlan, unitMetrics, verdictHeadline, verdictSentence, type PairRoutes, type Route } from '../../../src/core/index.ts';
import { luchengDataset } from '../../data/lucheng-files.ts';

const dataset = luchengDataset();
const geometries = dataset.boundaries.features.map((feature) => feature.geometry);
const { graph } = buildAdjacency(geometries, dataset.config.adjacency);
const metrics = unitMetrics(geometries);
const whatIf = createWhatIf({ dataset, graph, metrics });
const baseline = baselineSelection(dataset);
const indexOf = (name: string) => dataset.boundaries.features.findIndex((feature) => feature.name === `${name}社区`);

describe('planCounts() and the verdict words', () => {
  test('planCounts() counts designated, clusters, patches and isolated points so that they add up', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: graph.nodeCount, maxLength: graph.nodeCount, max: 1 }), (designated) => {
        const report = contiguousClusters(graph, designated);
        const counts = planCounts(report);
        expect(counts.designated).toBe(designated.reduce((sum, value) => sum + value, 0));
        expect(counts.patches + counts.isolated).toBe(counts.clusters);
        expect(counts.patches).toBe(report.clusters.filter((cluster) => cluster.size > 1).length);
      }),
      { numRuns: 30 },
    );
  });

  test('splitWords(), verdictSentence() and verdictHeadline() say the split in the campaign\'s words', () => {
    expect(splitWords({ patches: 4, isolated: 2 })).toBe('4 片和 2 个孤立点');
    expect(splitWords({ patches: 0, isolated: 3 })).toBe('3 个孤立点');
    expect(verdictSentence({ designated: 12, clusters: 6, patches: 4, isolated: 2 })).toBe('12 个示范社区分为 4 片和 2 个孤立点');
    expect(verdictSentence({ designated: 5, clusters: 1, patches: 1, isolated: 0 })).toBe('5 个示范社区已连成 1 片');
    expect(verdictHeadline({ designated: 5, clusters: 1, patches: 1, isolated: 0 })).toBe('已实现连线成片：5 个示范社区连成 1 片');
    expect(verdictHeadline({ designated: 12, clusters: 6, patches: 4, isolated: 2 })).toBe('尚未连线成片：12 个示范社区分为 4 片和 2 个孤立点');
    expect(verdictHeadline({ designated: 0, clusters: 0, patches: 0, isolated: 0 })).toBe('尚未确定精品示范社区');
  });

  test('analyze() carries the counts and both verdict lines of its report', () => {
    const answer = whatIf.analyze(baseline, { overlays: false });
    expect(answer.counts).toEqual(planCounts(answer.report));
    expect(answer.headline).toBe(verdictHeadline(answer.counts));
    expect(answer.sentence).toBe(verdictSentence(answer.counts));
  });
});

describe('clusterNumbers()', () => {
  test('clusterNumbers() without a previous numbering follows the cluster ids', () => {
    const report = contiguousClusters(graph, baseline);
    expect(clusterNumbers(report)).toEqual(report.clusters.map((cluster) => cluster.id + 1));
  });

  test('clusterNumbers() keeps the number of every cluster a toggle leaves unchanged, and numbers stay unique', () => {
    const first = contiguousClusters(graph, baseline);
    const previous = first.clusters.map((cluster) => ({ number: cluster.id + 1, members: cluster.members }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: graph.nodeCount - 1 }), (node) => {
        const toggled = baseline.slice();
        toggled[node] = toggled[node] ? 0 : 1;
        const report = contiguousClusters(graph, toggled);
        const numbers = clusterNumbers(report, previous);
        expect(new Set(numbers).size).toBe(numbers.length);
        expect(numbers.every((number) => number >= 1)).toBe(true);
        for (const old of previous) {
          const same = report.clusters.find((cluster) => cluster.members.join() === old.members.join());
          if (same) expect(numbers[same.id]).toBe(old.number);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('clusterNumbers(): a merged cluster keeps the number of the part it shares most with', () => {
    // Path 0-1-2-3-4: clusters {0,1} (片区 1) and {3} (片区 2) merge through 2.
    const path = graphFromPairs(5, [[0, 1], [1, 2], [2, 3], [3, 4]]);
    const merged = contiguousClusters(path, Uint8Array.of(1, 1, 1, 1, 0));
    expect(clusterNumbers(merged, [{ number: 2, members: [0, 1] }, { number: 1, members: [3] }])).toEqual([2]);
  });

  test('analyze() with the shown clusters as `previous` keeps 片区 numbers where a cluster survives (issue 16: clusters were renumbered after each change)', () => {
    const before = whatIf.analyze(baseline, { overlays: false });
    const previous = before.report.clusters.map((cluster) => ({ number: before.names[cluster.id]!.number, members: cluster.members }));
    // Designating a community far from every cluster adds an isolated point; nothing else changes.
    const lonely = dataset.boundaries.features.findIndex((feature) => !baseline[feature.index] && [...graph.neighbors.subarray(graph.offsets[feature.index]!, graph.offsets[feature.index + 1]!)].every((v) => !baseline[v]));
    const toggled = baseline.slice();
    toggled[lonely] = 1;
    const after = whatIf.analyze(toggled, { overlays: false, previous });
    for (const cluster of before.report.clusters) {
      const still = after.report.clusters.find((candidate) => candidate.members.join() === cluster.members.join())!;
      expect(after.names[still.id]!.label).toBe(before.names[cluster.id]!.label);
    }
    const added = after.report.clusterOf[lonely]!;
    expect(after.names[added]!.number).toBe(before.report.clusters.length + 1);
    expect(after.explanations.join()).toContain(after.names[added]!.label);
  });
});

describe('complete(): the exact part of one answer', () => {
  test('complete() gives one target check: designated against the target, with the full join only when it needs more', () => {
    const fast = whatIf.analyze(baseline, { overlays: false });
    const exact = whatIf.complete(baseline, fast);
    expect(exact.target).toMatchObject({ target: 12, planned: fast.counts.designated, fullJoin: fast.counts.designated + exact.bridges.added.length, goalJoin: null });
    expect(exact.target.summary).toContain(`当前方案 ${fast.counts.designated} 个`);
    expect(exact.bridges.totalCost).toBeLessThanOrEqual(fast.bridges.totalCost + 1e-9);
  });

  test('complete() at the target tags no route 采纳后超出目标 and says it once in `routeNote`; below it tags exactly the routes that would exceed', () => {
    const fast = whatIf.analyze(baseline, { overlays: false });
    const exact = whatIf.complete(baseline, fast);
    const all = [...exact.routes, ...(exact.pairs ?? []).flatMap((pair) => [pair.best, ...pair.alternatives])];
    expect(exact.target.atTarget).toBe(fast.counts.designated >= 12);
    if (exact.target.atTarget) {
      expect(all.some((route) => route.wouldExceed)).toBe(false);
      expect(exact.target.routeNote).toMatch(/采纳下列任何路线都会超出目标/);
    }
    // Below the target (two fewer designated): a route is tagged exactly when it takes the plan past 12.
    const fewer = baseline.slice();
    let removed = 0;
    for (let i = 0; i < fewer.length && removed < 2; i++) {
      if (!fewer[i]) continue;
      fewer[i] = 0;
      removed++;
    }
    const below = whatIf.complete(fewer, whatIf.analyze(fewer, { overlays: false }));
    expect(below.target.routeNote).toBeNull();
    for (const pair of below.pairs ?? []) for (const route of [pair.best, ...pair.alternatives]) expect(route.wouldExceed).toBe(below.target.planned + route.size > 12);
  });

  test('complete() says what a route costs in planner words (communities and missing facility items), not a cost figure', () => {
    const exact = whatIf.complete(baseline, whatIf.analyze(baseline, { overlays: false }));
    const pair = exact.pairs!.find((candidate) => candidate.a === 0 && candidate.b === 1)!;
    expect(pair.title).toBe('片区 1 ↔ 片区 2');
    expect(pair.best.joinsText).toBe('连接 片区 1、片区 2');
    expect(pair.best.facts).toBe(`1 个社区 · 设施 10/12 项（还缺 2 项）`);
    expect(pair.best.facts).not.toMatch(/代价|\d\.\d{3}/);
  });

  test('complete() with a goal joins only it and warns about the goal join once', () => {
    const fast = whatIf.analyze(baseline, { overlays: false });
    const members = [fast.report.clusters[0]!.members[0]!, fast.report.clusters[1]!.members[0]!];
    const exact = whatIf.complete(baseline, fast, { goalMembers: members });
    expect(exact.goal).toEqual([0, 1]);
    expect(exact.join!.routes.map((route) => route.nodes)).toEqual([[indexOf('郭公山')]]);
    expect(exact.join!.summary).toBe(`需补充 1 个社区，方案将达 ${fast.counts.designated + 1} 个（最优）。`);
    expect(exact.join!.label).toBe('连接 片区 1、片区 2');
    expect(exact.target.warnings.filter((warning) => warning.includes('超过目标'))).toHaveLength(1);
  });

  test('complete(): a pair\'s 最佳 is the all-in plan\'s route for that pair whenever both cost the same (ties broken the same way)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: graph.nodeCount - 1 }), fc.integer({ min: 0, max: graph.nodeCount - 1 }), (x, y) => {
        const designated = baseline.slice();
        designated[x] = designated[x] ? 0 : 1;
        designated[y] = designated[y] ? 0 : 1;
        const exact = whatIf.complete(designated, whatIf.analyze(designated, { overlays: false }));
        for (const pair of exact.pairs ?? []) {
          const same = exact.routes.find((route) => route.joins.join() === `${pair.a},${pair.b}` && Math.abs(route.cost - pair.best.cost) < 1e-9);
          if (same) expect(pair.best.nodes).toEqual(same.nodes);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('tieWithPlan()', () => {
  const route = (nodes: number[], joins: number[], cost: number): Route => ({ nodes, joins, size: nodes.length, readiness: 0, cost });
  test('tieWithPlan() takes the plan\'s equally cheap route as best and keeps the replaced one as an alternative', () => {
    const pairs: PairRoutes[] = [{ a: 0, b: 1, best: route([5], [0, 1], 1.1), alternatives: [route([6], [0, 1], 1.2)] }];
    const [pair] = tieWithPlan(pairs, [route([7], [0, 1], 1.1)]);
    expect(pair!.best.nodes).toEqual([7]);
    expect(pair!.alternatives.map((alternative) => alternative.nodes)).toEqual([[5], [6]]);
  });

  test('tieWithPlan() leaves a pair alone when the plan\'s route is dearer or joins more clusters', () => {
    const pairs: PairRoutes[] = [{ a: 0, b: 1, best: route([5], [0, 1], 1.1), alternatives: [] }];
    expect(tieWithPlan(pairs, [route([7], [0, 1], 1.2)])).toEqual(pairs);
    expect(tieWithPlan(pairs, [route([7], [0, 1, 2], 1.1)])).toEqual(pairs);
  });
});
