import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { defaultCampaignConfig, gradeTerms, LOW_SCORE_WORD, RED_LIGHT_WORD } from '../../src/core/index.ts';
import { GRADE_COLORS, LAGGING_COLORS, statusLayerSpec } from '../../src/map/status-layers.ts';

const context = { minScore: 75, streets: [], otherThemes: [] };

/** Hue of a #rrggbb colour in degrees. */
function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const delta = max - Math.min(r, g, b);
  const h = max === r ? ((g - b) / delta) % 6 : max === g ? (b - r) / delta + 2 : (r - g) / delta + 4;
  return (h * 60 + 360) % 360;
}

describe('lagging words and colours on the map (issue 16)', () => {
  test('statusLayerSpec(score) calls a score under the line 低分, never 落后 or 亮红灯 (those count every rule)', () => {
    const note = statusLayerSpec('score', context).legend.note!;
    expect(note).toContain(`${LOW_SCORE_WORD}：最新检查得分低于 75 分`);
    expect(note).not.toMatch(/分为(落后|亮红灯)/);
  });

  test('statusLayerSpec(lagging) names 亮红灯 as any rule failing', () => {
    const items = statusLayerSpec('lagging', context).legend.items;
    expect(items[0]!.label).toBe(`${RED_LIGHT_WORD}（任一落后规则未达标）`);
  });

  test('a red light is drawn red (hue within 10° of red), not vermillion, and the stylesheet uses the same red', () => {
    const h = hue(LAGGING_COLORS.lagging);
    expect(Math.min(h, 360 - h)).toBeLessThan(10);
    expect(hue('#D55E00')).toBeGreaterThan(10);
    const css = readFileSync('src/ui/styles.css', 'utf8');
    expect(css).toContain(`--bad: ${LAGGING_COLORS.lagging};`);
  });
});

describe('the grade layer (issue 20)', () => {
  test('statusLayerSpec(grade) has one legend item per grade, keyed as the core counts them, and its note names the red and yellow rules', () => {
    const grades = gradeTerms(defaultCampaignConfig());
    const spec = statusLayerSpec('grade', { ...context, grades });
    expect(spec.legend.items.map((item) => [item.value, item.label])).toEqual([
      ['red', '红（严重落后）'],
      ['yellow', '黄（尚未达标）'],
      ['green', '绿（达标）'],
    ]);
    expect(spec.legend.note).toContain(`红：${grades.red.short}`);
    expect(spec.legend.note).toContain('低分（< 75 分）');
    expect(spec.legend.note).toContain(`黄：${grades.yellow.short}`);
    expect(spec.legend.items[0]!.color).toBe(GRADE_COLORS.red);
    expect(new Set(Object.values(GRADE_COLORS)).size).toBe(3);
  });
});
