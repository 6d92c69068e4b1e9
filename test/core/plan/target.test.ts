import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTarget, routeWouldExceed } from '../../../src/core/index.ts';

describe('checkTarget', () => {
  it('checkTarget() warns exactly when the plan exceeds the target, and when joining everything needs more than the plan and the target', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.integer({ min: 1, max: 40 }), fc.option(fc.nat(80), { nil: null }), (planned, target, fullJoin) => {
        const check = checkTarget(planned, target, fullJoin);
        expect(check.overBy).toBe(Math.max(0, planned - target));
        expect(check.shortBy).toBe(Math.max(0, target - planned));
        expect(check.atTarget).toBe(planned >= target);
        expect(check.warnings.some((w) => w.startsWith('计划'))).toBe(planned > target);
        expect(check.warnings.some((w) => w.startsWith('全部连成一片'))).toBe(fullJoin !== null && fullJoin > target && fullJoin > planned);
        // Each fact once: never two warnings that say the same.
        expect(new Set(check.warnings).size).toBe(check.warnings.length);
      }),
    );
  });

  it('checkTarget(20, 12, 20) says the plan is over the target once: a full join that adds nothing is not a second warning', () => {
    expect(checkTarget(20, 12, 20).warnings).toEqual(['计划 20 个社区，超过目标 12 个（多 8 个）']);
    expect(checkTarget(20, 12, 23).warnings).toEqual(['计划 20 个社区，超过目标 12 个（多 8 个）', '全部连成一片需要 23 个社区，超过目标 12 个：目标之内不能全部连片']);
  });

  it('checkTarget() with a goal warns about the goal join, not the full join', () => {
    expect(checkTarget(10, 12, 20, 14).warnings).toEqual(['连接所选片区后方案将达 14 个社区，超过目标 12 个']);
    expect(checkTarget(10, 12, 20, 12).warnings).toEqual([]);
  });

  it('checkTarget() writes the target line with what is missing or over', () => {
    expect(checkTarget(10, 12).summary).toBe('目标约 12 个精品示范社区，当前方案 10 个，还差 2 个。');
    expect(checkTarget(13, 12).summary).toBe('目标约 12 个精品示范社区，当前方案 13 个，超出 1 个。');
    expect(checkTarget(12, 12).summary).toBe('目标约 12 个精品示范社区，当前方案 12 个，正好达到目标。');
  });

  it('routeWouldExceed() tags a route only below the target; at the target the note is said once instead', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 6 }), (planned, target, size) => {
        const check = checkTarget(planned, target);
        expect(routeWouldExceed(check, size)).toBe(planned < target && planned + size > target);
        expect(check.routeNote !== null).toBe(planned >= target);
      }),
    );
  });
});
