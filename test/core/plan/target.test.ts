import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTarget } from '../../../src/core/index.ts';

describe('checkTarget', () => {
  it('checkTarget() warns exactly when the plan exceeds the target, and when joining everything would', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.integer({ min: 1, max: 40 }), fc.option(fc.nat(80), { nil: null }), (planned, target, fullJoin) => {
        const check = checkTarget(planned, target, fullJoin);
        expect(check.overBy).toBe(Math.max(0, planned - target));
        expect(check.warnings.some((w) => w.startsWith('计划'))).toBe(planned > target);
        expect(check.warnings.some((w) => w.startsWith('全部连成一片'))).toBe(fullJoin !== null && fullJoin > target);
      }),
    );
  });

  it('checkTarget(20, 12, 20) says both in plain words', () => {
    expect(checkTarget(20, 12, 20).warnings).toEqual(['计划 20 个社区，超过目标 12 个（多 8 个）', '全部连成一片需要 20 个社区，超过目标 12 个：目标之内不能全部连片']);
  });
});
