import { expect, test } from 'vitest';
import { formatPlanChange } from '../../src/ui/format.ts';

test('formatPlanChange() says only what changed, in words (issue 16: the table read "+集善社区；−—")', () => {
  expect(formatPlanChange(['集善社区'], [])).toBe('新增 集善社区');
  expect(formatPlanChange([], ['桂柑社区'])).toBe('去掉 桂柑社区');
  expect(formatPlanChange(['集善社区', '郭公山社区'], ['桂柑社区'])).toBe('新增 集善社区、郭公山社区；去掉 桂柑社区');
  expect(formatPlanChange([], [])).toBe('无变化');
});
