import { expect, test } from 'vitest';
import { initialState } from '../../src/state/store.ts';
import { setMapState } from '../../src/state/updaters.ts';

test('setMapState() keeps an error visible when the map later reports idle', () => {
  const failed = { ...initialState(), ...setMapState(initialState(), 'error', '数据加载失败') };
  expect(failed.mapError).toBe('数据加载失败');
  expect(setMapState(failed, 'idle')).toEqual({});
});

test('setMapState() gives a default Chinese message when an error has none', () => {
  expect(setMapState(initialState(), 'error').mapError).toBe('地图加载失败');
});
