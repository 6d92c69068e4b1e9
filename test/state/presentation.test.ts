import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { initialState, type AppState } from '../../src/state/store.ts';
import { goToSlide, hashChanged, moveSlide, startPresentation } from '../../src/state/updaters.ts';
import { parseStageSize, readHash, writeHash } from '../../src/state/hash-intent.ts';
import { slideAction } from '../../src/ui/present/keys.ts';
import { fitStage, stagePixelRatio } from '../../src/ui/present/stage.ts';

const at = (slide: number, step: number): AppState => ({ ...initialState(), activeView: 'present', slide, step });

describe('presentation state', () => {
  test('moveSlide() walks every step of every slide forward and back, stopping at both ends', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 9 }), (counts) => {
        const total = counts.reduce((sum, n) => sum + n, 0);
        let state = at(1, 0);
        const seen: string[] = [`${state.slide}.${state.step}`];
        for (let i = 0; i < total + 2; i++) {
          state = { ...state, ...moveSlide(state, 1, counts) };
          seen.push(`${state.slide}.${state.step}`);
        }
        const expected = counts.flatMap((n, s) => Array.from({ length: n }, (_, k) => `${s + 1}.${k}`));
        expect([...new Set(seen)]).toEqual(expected);
        expect(seen.at(-1)).toBe(expected.at(-1));
        for (let i = 0; i < total + 2; i++) state = { ...state, ...moveSlide(state, -1, counts) };
        expect([state.slide, state.step]).toEqual([1, 0]);
      }),
    );
  });

  test('moveSlide() back from a slide\'s overview lands on the previous slide\'s last step', () => {
    expect(moveSlide(at(5, 0), -1, [1, 1, 1, 7, 1, 1, 1])).toEqual({ slide: 4, step: 6 });
  });

  test('goToSlide() clamps to the slides there are; startPresentation() opens at an overview', () => {
    expect(goToSlide(at(2, 3), 9, 7)).toEqual({ slide: 7, step: 0 });
    expect(goToSlide(at(2, 3), 0, 7)).toEqual({ slide: 1, step: 0 });
    expect(startPresentation(initialState(), 3)).toEqual({ activeView: 'present', slide: 3, step: 0 });
  });

  test('readHash() takes #present and #present=3 as short forms of view=present&slide=n, and writeHash() writes the long form', () => {
    expect(readHash('#present')).toMatchObject({ activeView: 'present', slide: 1, step: 0 });
    expect(readHash('#present=3')).toMatchObject({ activeView: 'present', slide: 3 });
    expect(readHash('#view=present&slide=4&step=2')).toMatchObject({ activeView: 'present', slide: 4, step: 2 });
    expect(readHash('#view=present&slide=-1&step=x')).toMatchObject({ activeView: 'present', slide: 1, step: 0 });
    expect(readHash('#view=nonsense')).toMatchObject({ activeView: 'dashboard' });
    const state = { ...initialState(), ...hashChanged(initialState(), readHash('#present=5&stage=6720x2160')) };
    expect(writeHash(state)).toContain('view=present&slide=5&stage=6720x2160');
    expect(readHash(writeHash({ ...state, step: 2 }))).toMatchObject({ activeView: 'present', slide: 5, step: 2, stage: { width: 6720, height: 2160 } });
  });

  test('parseStageSize() accepts WxH within 320…16384 pixels and nothing else', () => {
    expect(parseStageSize('6720x2160')).toEqual({ width: 6720, height: 2160 });
    expect(parseStageSize('1920×1080')).toEqual({ width: 1920, height: 1080 });
    for (const bad of ['', '100x100', '99999x1080', '1920*1080', '1920x', null]) expect(parseStageSize(bad)).toBeNull();
  });
});

describe('stage and keys', () => {
  test('fitStage() shows all of the stage, centred, at the largest scale that fits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 8000 }), fc.integer({ min: 200, max: 5000 }), fc.integer({ min: 320, max: 16384 }), fc.integer({ min: 320, max: 16384 }), (w, h, sw, sh) => {
        const fit = fitStage({ width: w, height: h }, { width: sw, height: sh });
        expect(sw * fit.scale).toBeLessThanOrEqual(w + 1e-6);
        expect(sh * fit.scale).toBeLessThanOrEqual(h + 1e-6);
        expect(Math.max((sw * fit.scale) / w, (sh * fit.scale) / h)).toBeCloseTo(1, 9);
        expect(fit.left).toBeCloseTo((w - sw * fit.scale) / 2, 9);
        expect(fit.top).toBeCloseTo((h - sh * fit.scale) / 2, 9);
        expect(fit.unit).toBeCloseTo(sh / 1080, 12);
        const ratio = stagePixelRatio(fit, 2);
        expect(ratio).toBeGreaterThanOrEqual(0.5);
        expect(ratio).toBeLessThanOrEqual(4);
      }),
    );
  });

  test('slideAction() maps clicker and keyboard keys; modified keys are left to the browser', () => {
    for (const key of ['ArrowRight', 'PageDown', ' ', 'Enter']) expect(slideAction({ key })).toEqual({ kind: 'next' });
    for (const key of ['ArrowLeft', 'PageUp', 'Backspace']) expect(slideAction({ key })).toEqual({ kind: 'prev' });
    expect(slideAction({ key: '4' })).toEqual({ kind: 'goto', slide: 4 });
    expect(slideAction({ key: 'f' })).toEqual({ kind: 'fullscreen' });
    expect(slideAction({ key: 'Escape' })).toEqual({ kind: 'exit' });
    expect(slideAction({ key: 'b' })).toEqual({ kind: 'blank' });
    expect(slideAction({ key: 'ArrowRight', ctrlKey: true })).toBeNull();
    expect(slideAction({ key: 'x' })).toBeNull();
  });
});
