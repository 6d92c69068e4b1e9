import { expect, test } from 'vitest';
import { initialState } from '../../src/state/store.ts';
import { dataLoaded, select, toggleDesignation } from '../../src/state/updaters.ts';
import { readHash, writeHash } from '../../src/state/hash-intent.ts';
import type { LoadResult } from '../../src/worker/protocol.ts';

const data = {
  dataset: {
    boundaries: { features: ['A', 'B', 'C'].map((id, index) => ({ id, index, name: id, street: '甲' })) },
    status: [{ demo: true }, { demo: false }, null],
  },
} as unknown as LoadResult;

test('writeHash() omits the plan while it equals the status table, and lists it once changed', () => {
  const loaded = { ...initialState(), ...dataLoaded(initialState(), data) };
  expect(writeHash(loaded)).not.toContain('demo=');
  const planned = { ...loaded, ...toggleDesignation(loaded, 2) };
  expect(writeHash(planned)).toContain('demo=A%2CC');
});

test('readHash() reads back what writeHash() wrote: view, layer, plan, selection, mode, filters', () => {
  let state = { ...initialState(), ...dataLoaded(initialState(), data) };
  state = { ...state, ...toggleDesignation(state, 1), ...{ layer: 'score' as const, designating: true, filters: { street: '甲', level: 'city' as const, theme: null, demo: 'yes' as const } } };
  state = { ...state, ...select(state, 2) };
  const intent = readHash(writeHash(state));
  expect(intent).toMatchObject({ layer: 'score', planCodes: ['A', 'B'], selectedCode: 'C', designating: true, filters: { street: '甲', level: 'city', theme: null, demo: 'yes' }, source: { kind: 'lucheng' } });
  expect(intent.view?.zoom).toBeCloseTo(state.view.zoom, 2);
});

test('readHash() ignores unknown layers and levels and clamps the synthetic size', () => {
  const intent = readHash('#layer=weather&level=galactic&data=synthetic:999999999');
  expect(intent.layer).toBeUndefined();
  expect(intent.filters.level).toBeNull();
  expect(intent.source).toEqual({ kind: 'synthetic', cells: 200_000 });
});

test('readHash() reads back the view, the as-of round and the selected street (issue 9)', () => {
  const state = { ...initialState(), activeView: 'lagging' as const, asOf: '2002-03-29', filters: { street: '330302029', level: null, theme: null, demo: null } };
  const hash = writeHash(state);
  expect(hash).toContain('view=lagging');
  expect(hash).toContain('asof=2002-03-29');
  expect(hash).toContain('street=330302029');
  expect(readHash(hash)).toMatchObject({ activeView: 'lagging', asOf: '2002-03-29', filters: { street: '330302029' } });
  // The dashboard and the latest round are the defaults and stay out of the link; junk is ignored.
  expect(writeHash(initialState())).not.toMatch(/view=|asof=/);
  expect(readHash('#view=weather&asof=yesterday')).toMatchObject({ activeView: 'dashboard', asOf: null });
});
