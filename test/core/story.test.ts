import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assembleDataset,
  buildAdjacency,
  campaignStory,
  createWhatIf,
  formatArea,
  laggingReport,
  LAGGING_RULES,
  SLIDE_IDS,
  syntheticSources,
  unitMetrics,
  type StoryInput,
} from '../../src/core/index.ts';
import { luchengEngine } from '../e2e/lucheng.ts';

function engineOf(dataset: ReturnType<typeof assembleDataset>) {
  const geometries = dataset.boundaries.features.map((feature) => feature.geometry);
  const { graph } = buildAdjacency(geometries, dataset.config.adjacency);
  const metrics = unitMetrics(geometries);
  return { graph, metrics, whatIf: createWhatIf({ dataset, graph, metrics }), lagging: laggingReport(dataset) };
}

function storyFor(dataset: ReturnType<typeof assembleDataset>, engine: ReturnType<typeof engineOf>, designated: Uint8Array) {
  const answer = engine.whatIf.analyze(designated);
  const input: StoryInput = { dataset, metrics: engine.metrics, answer, bridges: answer.bridges, lagging: engine.lagging };
  return { answer, story: campaignStory(input) };
}

describe('campaignStory()', () => {
  const synthetic = assembleDataset(syntheticSources(150, 7));
  const engine = engineOf(synthetic);
  const n = synthetic.boundaries.features.length;

  it('campaignStory() writes seven slides whose cluster captions carry the what-if numbers, for any selection', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: n, maxLength: n, min: 0, max: 1 }), (designated) => {
        const { answer, story } = storyFor(synthetic, engine, designated);
        expect(story.slides.map((slide) => slide.id)).toEqual([...SLIDE_IDS]);
        const clusters = story.slides[3]!;
        expect(clusters.steps).toHaveLength(1 + answer.report.clusters.length);
        answer.report.clusters.forEach((cluster, i) => {
          const caption = clusters.steps[i + 1]!.caption;
          expect(caption).toContain(`片区 ${cluster.id + 1}`);
          expect(caption).toContain(formatArea(cluster.areaM2));
          expect(caption).toContain(cluster.size === 1 ? '孤立点' : `${cluster.size} 个示范社区连成一片`);
          expect(clusters.steps[i + 1]!.highlight).toEqual(cluster.members);
        });
        const bridges = story.slides[4]!.lines[0]!;
        if (answer.report.clusters.length > 1 && answer.bridges.added.length > 0) expect(bridges).toContain(`至少补充 ${answer.bridges.added.length} 个社区`);
        for (const slide of story.slides) {
          for (const { bbox } of slide.steps) {
            if (bbox) expect(bbox[0] <= bbox[2] && bbox[1] <= bbox[3]).toBe(true);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('campaignStory() on an empty selection says nothing is designated instead of calling it contiguous', () => {
    const { story } = storyFor(synthetic, engine, new Uint8Array(n));
    expect(story.slides[3]!.steps[0]!.caption).toBe('尚未确定精品示范社区');
    expect(story.slides[4]!.lines[0]).toBe('尚未确定精品示范社区');
    expect(story.slides[5]!.lines[0]).toBe('暂无相邻的示范社区，没有共同边界');
  });

  it('campaignStory() on the Lucheng data: countdown, clusters, bridges and lagging figures as the core computes them', () => {
    const lucheng = luchengEngine();
    const engine = engineOf(lucheng.dataset);
    const { answer, story } = storyFor(lucheng.dataset, engine, lucheng.baseline);
    const [title, achievements, problems, clusters, , zones, targets] = story.slides;
    expect(title!.lines).toContain('数据截至 2002年5月24日');
    expect(title!.lines[1]).toBe('距「建成精品示范社区」（2002年6月30日）还有 37 天，责任：区创建办');
    expect(clusters!.steps[0]!.caption).toBe(`12 个示范社区分为 ${answer.report.clusters.length - answer.report.isolated.length} 片和 ${answer.report.isolated.length} 个孤立点`);
    const lagging = engine.lagging.communities.filter((community) => community.lagging).length;
    expect(problems!.lines[0]).toMatch(new RegExp(`^${lagging} 个社区亮红灯`));
    // The grade split comes right after the count it splits, not after the demo communities' count (issue 16).
    expect(problems!.lines[0]).toMatch(new RegExp(`^${lagging} 个社区亮红灯：红 \\d+ 个、黄 \\d+ 个(；其中精品示范社区 \\d+ 个)?$`));
    expect(problems!.table!.rows[0]![0]).toBe(engine.lagging.communities[engine.lagging.ranking[0]!]!.name);
    // Issue 16: the reasons named nothing beyond the first ("另有 4 项"); every other failing rule is named.
    const worst = engine.lagging.communities[engine.lagging.ranking[0]!]!;
    const cell = problems!.table!.rows[0]![3]!;
    expect(cell).not.toMatch(/另有 \d+ 项/);
    for (const rule of worst.rules.slice(1)) expect(cell).toContain(LAGGING_RULES.find((entry) => entry.id === rule)!.label);
    // The trend is like for like: from the first round that scored as many communities as the latest.
    const { rounds, district } = engine.lagging.trend;
    const from = rounds.findIndex((round) => round.date === achievements!.trend[0]!.date);
    expect(district.inspected[from]).toBe(district.inspected.at(-1));
    if (from > 0) expect(district.inspected[from - 1]).toBeLessThan(district.inspected.at(-1)!);
    expect(achievements!.trend.map((point) => point.value)).toEqual(district.scores.slice(from));
    expect(achievements!.lines.at(-1)).toContain(`${district.inspected.at(-1)} 个社区的检查平均分由 ${district.scores[from]} 分`);
    expect(zones!.figures[0]!.value).toBe(`${answer.borders.features.length} 对`);
    expect(targets!.table!.rows.length).toBeGreaterThan(0);
  });

  it('campaignStory() frames the 连线成片 and 补上缺口 overviews on the clusters, the suggestions and every cluster\'s ring (issue 16: 教场 ran off the stage)', () => {
    const lucheng = luchengEngine();
    const engine = engineOf(lucheng.dataset);
    const { answer, story } = storyFor(lucheng.dataset, engine, lucheng.baseline);
    const within = (index: number, bbox: readonly number[]) =>
      engine.metrics.bboxes[4 * index]! >= bbox[0]! && engine.metrics.bboxes[4 * index + 1]! >= bbox[1]! && engine.metrics.bboxes[4 * index + 2]! <= bbox[2]! && engine.metrics.bboxes[4 * index + 3]! <= bbox[3]!;
    const ring = answer.rings.flatMap((entry) => entry.ring);
    expect(ring).toContain(lucheng.indexOf('教场社区'));
    const places = [...answer.report.clusters.flatMap((cluster) => cluster.members), ...ring];
    for (const slide of [story.slides[3]!, story.slides[4]!]) {
      const bbox = slide.steps[0]!.bbox!;
      for (const index of [...places, ...answer.bridges.added]) expect(within(index, bbox), `${slide.id}: ${lucheng.dataset.boundaries.features[index]!.name}`).toBe(true);
    }
  });
});
