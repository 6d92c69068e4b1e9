/** Issue 17 (security): export file names are capped and sanitised in one place. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MAX_EXPORT_NAME_CHARS } from '../../src/core/index.ts';
import { fileStem, safeFileName } from '../../src/ui/export/download.ts';

describe('safeFileName()', () => {
  test('any name becomes one without path, reserved or control characters, capped, extension kept (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('.csv', '.lianpian.zip', '.png', ''), (stem, extension) => {
        const name = safeFileName(`${stem}${extension}`);
        // eslint-disable-next-line no-control-regex -- finding control characters is the point
        expect(name).not.toMatch(/[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(name).not.toMatch(/^[.\s]/);
        expect(name.length).toBeGreaterThan(0);
        expect([...name].length).toBeLessThanOrEqual(MAX_EXPORT_NAME_CHARS + 20);
        if (extension && !/[.\s]$/.test(stem)) expect(name.endsWith(extension)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('issue 17: a 10,044-character campaign title gives a capped name with the date and kind kept', () => {
    const stem = fileStem('连'.repeat(10_044), '方案', '2002-05-24');
    expect([...stem].length).toBeLessThanOrEqual(MAX_EXPORT_NAME_CHARS);
    expect(stem.endsWith('-方案-2002-05-24')).toBe(true);
    expect(safeFileName(`${stem}.csv`)).toBe(`${stem}.csv`);
  });

  test('../, a right-to-left override and Windows reserved names do not survive', () => {
    expect(safeFileName('../../etc/passwd.csv')).toBe('etcpasswd.csv');
    expect(safeFileName('报告\u202egpj.exe.png')).toBe('报告gpj.exe.png');
    expect(safeFileName('CON.csv')).toBe('导出CON.csv');
  });
});
