import { describe, expect, test } from 'vitest';
import { resolveCommunity } from '../../src/core/index.ts';

const features = [
  { index: 0, id: '330302026024', name: '桂柑社区' },
  { index: 1, id: '330302001001', name: '上村' },
  { index: 2, id: '330302002001', name: '上村' },
  { index: 3, id: '330302003001', name: '双屿社区' },
];

describe('resolveCommunity', () => {
  test('resolveCommunity() finds a community by code, by name, and by name without 社区/村', () => {
    expect(resolveCommunity(features, '330302026024')).toEqual({ kind: 'found', index: 0 });
    expect(resolveCommunity(features, '桂柑社区')).toEqual({ kind: 'found', index: 0 });
    expect(resolveCommunity(features, ' 桂柑 ')).toEqual({ kind: 'found', index: 0 });
    expect(resolveCommunity(features, '双屿')).toEqual({ kind: 'found', index: 3 });
  });

  test('resolveCommunity() calls a shared name ambiguous with every candidate, and an unknown text unknown', () => {
    expect(resolveCommunity(features, '上村')).toEqual({ kind: 'ambiguous', candidates: [1, 2] });
    expect(resolveCommunity(features, '上')).toEqual({ kind: 'ambiguous', candidates: [1, 2] });
    expect(resolveCommunity(features, '下村')).toEqual({ kind: 'unknown' });
    expect(resolveCommunity(features, '')).toEqual({ kind: 'unknown' });
  });
});
