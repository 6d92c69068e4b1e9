import { describe, expect, it } from 'vitest';
import { etagMatches, preferredEncoding } from '../../src/server/routes/campaigns.ts';

describe('preferredEncoding()', () => {
  const cases: [string | undefined, 'br' | 'gzip' | 'identity'][] = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['*', 'br'],
    ['identity', 'identity'],
  ];

  it('answers br, then gzip, else identity by the q-values, the same however often and in whatever order a header comes', () => {
    for (const round of [cases, [...cases].reverse(), cases]) {
      for (const [header, expected] of round) expect(preferredEncoding(header), String(header)).toBe(expected);
    }
  });

  it('keeps answering right past its memo of 256 headers', () => {
    for (let i = 0; i < 600; i++) expect(preferredEncoding(i % 2 === 0 ? `gzip;q=0.${(i % 9) + 1}, x-${i}` : `br, x-${i}`)).toBe(i % 2 === 0 ? 'gzip' : 'br');
  });
});

describe('etagMatches()', () => {
  it('matches the strong tag, its weak form and *, not another tag', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc", "def"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});
