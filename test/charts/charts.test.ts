import { describe, expect, test } from 'vitest';
import { gaugeArcs } from '../../src/charts/gauge.ts';
import { lineChart } from '../../src/charts/line-chart.ts';
import { pairedBars } from '../../src/charts/paired-bars.ts';
import { rankingBars } from '../../src/charts/ranking-bars.ts';
import { timelineLayout } from '../../src/charts/timeline.ts';

describe('rankingBars', () => {
  test('rankingBars() keeps the given order top to bottom, bar length proportional to the value, threshold on the same scale', () => {
    const layout = rankingBars(
      [
        { key: 'a', value: 60 },
        { key: 'b', value: 80 },
        { key: 'c', value: null },
      ],
      { width: 300, band: 20, domain: [40, 100], threshold: 75, margin: { top: 0, right: 0, bottom: 0, left: 0 } },
    );
    expect(layout.bars.map((bar) => bar.key)).toEqual(['a', 'b', 'c']);
    expect(layout.bars[0]!.y).toBeLessThan(layout.bars[1]!.y);
    expect(layout.bars[0]!.width).toBeCloseTo(100);
    expect(layout.bars[1]!.width).toBeCloseTo(200);
    expect(layout.bars[2]!.width).toBe(0);
    expect(layout.thresholdX).toBeCloseTo(175);
    expect(layout.ticks.map((tick) => tick.label)).toContain('100');
  });
});

describe('lineChart', () => {
  test('lineChart() places dates left to right, higher scores higher, with a gap where a value is unknown', () => {
    const layout = lineChart(
      [
        {
          key: 'x',
          points: [
            { date: '2002-03-01', value: 60, kind: 'weekly' },
            { date: '2002-03-15', value: null },
            { date: '2002-04-01', value: 90, kind: 'monthly' },
          ],
        },
      ],
      { width: 200, height: 100, yDomain: [50, 100], reference: 75, margin: { top: 0, right: 0, bottom: 0, left: 0 } },
    );
    const [first, second] = layout.lines[0]!.dots;
    expect(layout.lines[0]!.dots).toHaveLength(2);
    expect(first!.x).toBe(0);
    expect(second!.x).toBe(200);
    expect(second!.y).toBeLessThan(first!.y);
    expect(layout.referenceY).toBeCloseTo(50);
    expect(layout.lines[0]!.path.match(/M/g)).toHaveLength(2);
    expect(layout.xTicks.every((tick) => /^\d+月\d+日$/.test(tick.label))).toBe(true);
    expect(second!.kind).toBe('monthly');
  });

  test('lineChart() of a single date or no data gives a finite layout', () => {
    const one = lineChart([{ key: 'x', points: [{ date: '2002-03-01', value: 70 }] }], { width: 100, height: 50 });
    expect(Number.isFinite(one.lines[0]!.dots[0]!.x)).toBe(true);
    const none = lineChart([], { width: 100, height: 50 });
    expect(none.lines).toEqual([]);
  });
});

describe('gaugeArcs', () => {
  test('gaugeArcs() clamps progress to 0–1', () => {
    expect(gaugeArcs(1.9, { radius: 40, thickness: 8 }).progress).toBe(1);
    expect(gaugeArcs(-1, { radius: 40, thickness: 8 }).progress).toBe(0);
    expect(gaugeArcs(Number.NaN, { radius: 40, thickness: 8 }).progress).toBe(0);
    expect(gaugeArcs(0.5, { radius: 40, thickness: 8 }).track).toMatch(/^M/);
  });
});

describe('pairedBars', () => {
  test('pairedBars() draws two bars per item on one scale from the baseline', () => {
    const layout = pairedBars(
      [
        { key: 'a', a: 100, b: 50 },
        { key: 'b', a: 200, b: 0 },
      ],
      { width: 200, height: 120, margin: { top: 0, right: 0, bottom: 0, left: 0 } },
    );
    expect(layout.bars).toHaveLength(4);
    const height = (key: string, series: 'a' | 'b') => layout.bars.find((bar) => bar.key === key && bar.series === series)!.height;
    expect(height('a', 'a')).toBeCloseTo(2 * height('a', 'b'));
    expect(height('b', 'a')).toBeCloseTo(2 * height('a', 'a'));
    expect(height('b', 'b')).toBe(0);
    for (const bar of layout.bars) expect(bar.y + bar.height).toBeCloseTo(120);
  });
});

describe('timelineLayout', () => {
  test('timelineLayout() orders events by date along x and marks the as-of date between them', () => {
    const layout = timelineLayout([{ date: '2002-03-01' }, { date: '2002-06-30' }, { date: '2002-11-07' }], { width: 400, margin: 0, asOf: '2002-05-24' });
    const xs = layout.events.map((event) => event.x);
    expect(xs[0]).toBe(0);
    expect(xs[2]).toBe(400);
    expect(xs[1]!).toBeGreaterThan(layout.asOfX!);
    expect(layout.asOfX!).toBeGreaterThan(0);
  });
});
