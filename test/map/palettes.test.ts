import { describe, expect, test } from 'vitest';
import { CLUSTER_COLORS, LEVEL_COLORS, NEUTRAL, RD_YL_BU_4, RD_YL_BU_5, STREET_COLORS } from '../../src/map/palettes.ts';
import { THEME_COLORS } from '../../src/map/status-layers.ts';
import { closestPair, type Deficiency } from '../support/colour-vision.ts';

const DEFICIENCIES: Deficiency[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
/** CIE76 ΔE below which two map fills are hard to tell apart at a glance. */
const MIN_DELTA_E = 10;

const PALETTES: Record<string, readonly string[]> = {
  'demo themes (with ordinary and planned fills)': [...Object.values(THEME_COLORS), NEUTRAL.ordinary, NEUTRAL.plannedNoTheme],
  clusters: CLUSTER_COLORS,
  streets: STREET_COLORS,
  'civilized levels': Object.values(LEVEL_COLORS),
  'facility classes': [...RD_YL_BU_4, NEUTRAL.noData],
  'score classes': [...RD_YL_BU_5, NEUTRAL.noData],
};

describe('palettes stay distinguishable with colour-vision deficiencies', () => {
  for (const [name, colors] of Object.entries(PALETTES)) {
    test.each(DEFICIENCIES)(`${name}: every pair differs by ΔE ≥ ${MIN_DELTA_E} (%s)`, (deficiency) => {
      const { a, b, deltaE } = closestPair(colors, deficiency);
      expect(deltaE, `${a} vs ${b}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
    });
  }

  test('the check catches a red/green pair under deuteranopia', () => {
    // A brick red and an olive green: far apart for normal vision, nearly the same for deuteranopes.
    expect(closestPair(['#c0392b', '#6b8e23'], 'normal').deltaE).toBeGreaterThan(50);
    expect(closestPair(['#c0392b', '#6b8e23'], 'deuteranopia').deltaE).toBeLessThan(MIN_DELTA_E);
  });
});
