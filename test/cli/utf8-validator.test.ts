import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { afterEach, expect, test } from 'vitest';
import { isStrictUtf8, useUtf8Validator } from '../../src/core/index.ts';

afterEach(() => useUtf8Validator(undefined));

/** Valid UTF-8 (any code points, a BOM sometimes), then a few bytes overwritten, cut or inserted. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 80 }),
  fc.tuple(fc.boolean(), fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }), fc.nat(), fc.boolean()).map(([bom, text, edits, cut, doCut]) => {
    const encoded = new TextEncoder().encode(text);
    let out = Uint8Array.from([...(bom ? [0xef, 0xbb, 0xbf] : []), ...encoded]);
    for (const [at, value] of edits) if (out.length > 0) out[at % out.length] = value;
    if (doCut && out.length > 0) out = out.subarray(0, cut % out.length);
    return out;
  }),
  // Surrogates encoded as UTF-8 (CESU-8), overlong forms and code points above U+10FFFF.
  fc.constantFrom([0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf]).map((list) => Uint8Array.from(list)),
);

test("isStrictUtf8() with Node's buffer.isUtf8 as the host validator answers as the TextDecoder check does", () => {
  const answers = { valid: 0, invalid: 0 };
  fc.assert(
    fc.property(bytes, (input) => {
      useUtf8Validator(undefined);
      const decoder = isStrictUtf8(input);
      useUtf8Validator(isUtf8);
      expect(isStrictUtf8(input)).toBe(decoder);
      answers[decoder ? 'valid' : 'invalid']++;
    }),
    { numRuns: 3000 },
  );
  // Both answers were exercised.
  expect(Math.min(answers.valid, answers.invalid)).toBeGreaterThan(300);
});

test('isStrictUtf8() checks a file longer than its 32 KiB steps the same way through both validators, a sequence cut at a step included', () => {
  const text = '鹿城区 Lucheng 🏙 '.repeat(5000);
  const encoded = new TextEncoder().encode(text);
  for (const cut of [32767, 32768, 32769, 65535, encoded.length]) {
    const input = encoded.subarray(0, cut);
    useUtf8Validator(undefined);
    const decoder = isStrictUtf8(input);
    useUtf8Validator(isUtf8);
    expect(isStrictUtf8(input)).toBe(decoder);
  }
});
