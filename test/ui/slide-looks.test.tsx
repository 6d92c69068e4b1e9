import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RD_YL_BU_5 } from '../../src/map/palettes.ts';
import { statusLayerSpec } from '../../src/map/status-layers.ts';
import { scoreSlideKey, slideLook } from '../../src/ui/present/slide-looks.ts';

const COLOR_NAMES: Record<string, string> = { [RD_YL_BU_5[0]]: '红色', [RD_YL_BU_5[1]]: '橙色', [RD_YL_BU_5[2]]: '浅黄色', [RD_YL_BU_5[3]]: '浅蓝色', [RD_YL_BU_5[4]]: '蓝色' };

/** The colours the score layer draws for scores under the line, named, from the layer's own legend. */
function coloursUnderTheLine(minScore: number): string[] {
  const items = statusLayerSpec('score', { minScore, streets: [], otherThemes: [] }).legend.items.filter((item) => item.value !== '-1');
  return items.filter((_, i) => (Number(items[i + 1]?.value ?? Infinity)) <= minScore).map((item) => COLOR_NAMES[item.color]!);
}

describe('the score slide\'s key (slide 3)', () => {
  test('names every colour the score layer draws under the line, not only red (issue 16: 60–75 is orange and the key said 红色)', () => {
    expect(scoreSlideKey(75)).toBe('红色、橙色：低分（得分低于 75 分）；黑框：排名最后的社区');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), (minScore) => {
        const key = scoreSlideKey(minScore);
        const under = coloursUnderTheLine(minScore);
        if (under.length === 0) expect(key).toMatch(/^颜色：最新检查得分（低分：/);
        else expect(key.split('：')[0]!.split('、')).toEqual(under);
      }),
    );
  });

  test('follows the campaign\'s score line and says no line when the score rule is off', () => {
    expect(slideLook('problems', { lagging: { minScore: 80 } as never }).key).toContain('得分低于 80 分');
    expect(slideLook('problems', { lagging: { minScore: null } as never }).key).toBe('颜色：最新检查得分；黑框：排名最后的社区');
    expect(slideLook('clusters', { lagging: { minScore: 75 } as never }).key).toContain('片区');
  });
});
