import { describe, expect, it } from 'vitest';
import { baselineSelection, buildAdjacency, createWhatIf, isConnected, unitMetrics } from '../../../src/core/index.ts';
import { luchengDataset } from '../../data/lucheng-files.ts';

const dataset = luchengDataset();
const geometries = dataset.boundaries.features.map((feature) => feature.geometry);
const { graph } = buildAdjacency(geometries, dataset.config.adjacency);
const whatIf = createWhatIf({ dataset, graph, metrics: unitMetrics(geometries) });
const designated = baselineSelection(dataset);
const names = (nodes: readonly number[]) => nodes.map((v) => dataset.boundaries.features[v]!.name.replace(/社区$/, ''));
const indexOf = (name: string) => dataset.boundaries.features.findIndex((feature) => feature.name === `${name}社区`);

describe('planning on the Lucheng demo data (issue 11)', () => {
  it('plan() offers 昌明 as the next best route after 郭公山 between 片区 1 and 片区 2', () => {
    const pair = whatIf.routesAndJoin(designated).pairs!.find((p) => p.a === 0 && p.b === 1)!;
    expect(names(pair.best.nodes)).toEqual(['郭公山']);
    expect(names(pair.alternatives[0]!.nodes)).toEqual(['昌明']);
    expect(pair.best.readiness).toBe(10);
    expect(pair.alternatives[0]!.readiness).toBe(8);
  });

  it('refineBridges() lists the chain 山前街, 惠美, 吕浦 as one route joining 片区 3 and 片区 6', () => {
    const { routes } = whatIf.refineBridges(designated);
    const chain = routes.find((route) => route.nodes.includes(indexOf('惠美')))!;
    expect(names(chain.nodes)).toEqual(['山前街', '惠美', '吕浦']);
    expect(chain.joins).toEqual([2, 5]);
    expect(chain.size).toBe(3);
  });

  it('plan() joins only 片区 1 and 片区 2 when they are the goal, and says the plan then exceeds the target', () => {
    const answer = whatIf.routesAndJoin(designated, { goal: [0, 1] });
    expect(answer.join!.routes.map((route) => names(route.nodes))).toEqual([['郭公山']]);
    expect(answer.target).toMatchObject({ target: 12, planned: 12, goalJoin: 13, overBy: 0 });
    expect(answer.target.warnings).toEqual(['连接所选片区后方案将达 13 个社区，超过目标 12 个']);
  });

  it('analyze() warns that joining everything takes more communities than the target allows', () => {
    const { target } = whatIf.analyze(designated, { overlays: false });
    expect(target.fullJoin).toBeGreaterThan(12);
    expect(target.warnings.some((warning) => warning.startsWith('全部连成一片需要'))).toBe(true);
  });

  it('bestSet() proves the most ready contiguous 12 including 桂柑', () => {
    const guigan = indexOf('桂柑');
    const best = whatIf.bestSet({ must: [guigan] });
    expect(best).toMatchObject({ optimal: true, contiguous: true, objective: 135, bound: 135 });
    expect(best.members).toHaveLength(12);
    expect(best.members).toContain(guigan);
    expect(isConnected(graph, best.members)).toBe(true);
  });
});
