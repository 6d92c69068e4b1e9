import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jpegPagesPdf } from '../../src/export/pdf-pages.ts';

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');

describe('jpegPagesPdf()', () => {
  it('jpegPagesPdf() writes one page per image, every xref offset pointing at its object, the image bytes intact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ jpeg: fc.uint8Array({ minLength: 1, maxLength: 64 }), width: fc.integer({ min: 1, max: 8000 }), height: fc.integer({ min: 1, max: 8000 }) }), { minLength: 1, maxLength: 9 }),
        (pages) => {
          const text = latin1(jpegPagesPdf(pages));
          expect(text.startsWith('%PDF-1.4')).toBe(true);
          expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
          expect(text).toContain(`/Count ${pages.length} `);
          expect(text.match(/\/Type \/Page /g)).toHaveLength(pages.length);
          const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
          expect(text.slice(xref, xref + 4)).toBe('xref');
          const rows = text.slice(xref).split('\n').slice(3, 2 + 3 + 3 * pages.length);
          rows.forEach((row, k) => expect(text.slice(Number(row.slice(0, 10)), Number(row.slice(0, 10)) + `${k + 1} 0 obj`.length)).toBe(`${k + 1} 0 obj`));
          for (const page of pages) {
            expect(text).toContain(`/Width ${page.width} /Height ${page.height}`);
            expect(text).toContain(`stream\n${latin1(page.jpeg)}\nendstream`);
          }
        },
      ),
    );
  });

  it('jpegPagesPdf() fits a 16:9 slide on landscape A4 inside the margin, centred', () => {
    const text = latin1(jpegPagesPdf([{ jpeg: Uint8Array.of(1), width: 1920, height: 1080 }], [841.89, 595.28], 24));
    const [, w, h, x, y] = /q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm/.exec(text)!.map(Number);
    expect(w! / h!).toBeCloseTo(1920 / 1080, 2);
    expect(w! + 2 * x!).toBeCloseTo(841.89, 1);
    expect(h! + 2 * y!).toBeCloseTo(595.28, 1);
    expect(Math.min(x!, y!)).toBeGreaterThanOrEqual(23.99);
  });
});
