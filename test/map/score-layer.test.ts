import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scoreClassBreaks } from '../../src/core/index.ts';
import { statusLayerSpec } from '../../src/map/status-layers.ts';

const line = fc.option(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })));
const score = fc.double({ min: 0, max: 100, noNaN: true });

/** The score layer's fill as drawn: `['case', ['<', v, 0], noData, ['step', v, c0, b1, c1, …]]` → edges and colours. */
function drawnSteps(fillColor: unknown): { edges: number[]; colors: string[] } {
  const step = (fillColor as unknown[])[3] as unknown[];
  expect(step[0]).toBe('step');
  const rest = step.slice(2);
  return { colors: rest.filter((_, i) => i % 2 === 0) as string[], edges: rest.filter((_, i) => i % 2 === 1) as number[] };
}

/** The colour the step expression gives a score (maplibre's `step`: the last edge ≤ value). */
function drawnColor(steps: { edges: number[]; colors: string[] }, value: number): string {
  let at = 0;
  steps.edges.forEach((edge, i) => { if (value >= edge) at = i + 1; });
  return steps.colors[at]!;
}

describe('the score layer draws every class its legend names (issue 16)', () => {
  test('statusLayerSpec(score) under any score line: the legend\'s lower bounds are 0 and the drawn edges, which are core\'s breaks with the line among them', () => {
    fc.assert(fc.property(line, (minScore) => {
      const spec = statusLayerSpec('score', { minScore, streets: [], otherThemes: [] });
      const steps = drawnSteps(spec.fillColor);
      const classes = spec.legend.items.filter((item) => item.value !== '-1');
      expect(steps.edges).toEqual(scoreClassBreaks(minScore));
      expect(classes.map((item) => Number(item.value))).toEqual([0, ...steps.edges]);
      expect(classes.map((item) => item.color)).toEqual(steps.colors);
      if (minScore !== null && minScore > 0) expect(classes.some((item) => item.label.startsWith(`${minScore} 分`) || item.label.endsWith(`–${minScore} 分`))).toBe(true);
    }));
  });

  test('statusLayerSpec(score) under any score line puts every score in exactly one legend item, the one drawn in its colour', () => {
    fc.assert(fc.property(line, score, (minScore, value) => {
      const spec = statusLayerSpec('score', { minScore, streets: [], otherThemes: [] });
      const classes = spec.legend.items.filter((item) => item.value !== '-1');
      const bounds = classes.map((item) => Number(item.value));
      const holding = classes.filter((_, i) => value >= bounds[i]! && value < (bounds[i + 1] ?? Infinity));
      expect(holding).toHaveLength(1);
      expect(holding[0]!.color).toBe(drawnColor(drawnSteps(spec.fillColor), value));
    }));
  });
});
