import { expect, test } from 'vitest';
import { sparkline } from '../../src/charts/sparkline.ts';

test('sparkline() places the oldest value left, the newest right, higher scores higher', () => {
  const chart = sparkline([{ date: '2002-03-04', value: 60 }, { date: '2002-03-11', value: 80 }, { date: '2002-05-27', value: 90 }], { width: 200, height: 50, padding: 0 });
  expect(chart.points.map((point) => point.x)).toEqual([0, expect.any(Number), 200]);
  expect(chart.points[1]!.x).toBeCloseTo((7 / 84) * 200, 6);
  [20, 10, 5].forEach((y, i) => expect(chart.points[i]!.y).toBeCloseTo(y, 9));
  expect(chart.path.startsWith('M0,20L')).toBe(true);
});

test('sparkline() draws the reference line and copes with a single value', () => {
  const chart = sparkline([{ date: '2002-05-27', value: 75 }], { width: 100, height: 40, padding: 0, reference: 75 });
  expect(chart.points[0]!.x).toBe(50);
  expect(chart.referenceY).toBe(10);
  expect(chart.path).toBe('M50,10Z');
});
