/**
 * Makes test/fixtures/photos/exif-photo.jpg: a 640×480 JPEG drawn by Chromium's canvas (a street
 * scene in flat shapes) with an EXIF block written here — DateTimeOriginal 2026:12:02 09:30:00 and
 * GPS 28.025675 N, 120.660441 E (inside 鼓楼社区 of the Lucheng demo boundaries) — so the inspector
 * tests can check that the phone keeps EXIF time and position although the resized photo drops
 * the block. Run `npx tsx scripts/make-exif-photo.ts`; the file is committed.
 */
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/chromium.ts';

export const PHOTO_TAKEN = '2026:12:02 09:30:00';
export const PHOTO_LAT = 28.025675;
export const PHOTO_LON = 120.660441;

/** Degrees as three EXIF rationals (degrees, minutes, seconds·100/100). */
function dms(value: number): [number, number][] {
  const degrees = Math.floor(value);
  const minutesFull = (value - degrees) * 60;
  const minutes = Math.floor(minutesFull);
  const seconds = Math.round((minutesFull - minutes) * 60 * 10_000);
  return [[degrees, 1], [minutes, 1], [seconds, 10_000]];
}

/** An APP1 Exif segment (little-endian TIFF) with IFD0 → Exif IFD (DateTimeOriginal) and GPS IFD. */
export function exifSegment(taken: string, lat: number, lon: number): Uint8Array {
  const tiff = new DataView(new ArrayBuffer(512));
  const u16 = (at: number, value: number) => tiff.setUint16(at, value, true);
  const u32 = (at: number, value: number) => tiff.setUint32(at, value, true);
  // Header: II, 42, IFD0 at 8.
  u16(0, 0x4949);
  u16(2, 42);
  u32(4, 8);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    u16(at, tag);
    u16(at + 2, type);
    u32(at + 4, count);
    u32(at + 8, value);
  };
  // IFD0 at 8: 2 entries → 2 + 24 + 4 = 30 bytes.
  const ifd0 = 8;
  const exifIfd = ifd0 + 30; // 1 entry → 18 bytes
  const gpsIfd = exifIfd + 18; // 4 entries → 54 bytes
  let data = gpsIfd + 54;
  u16(ifd0, 2);
  entry(ifd0 + 2, 0x8769, 4, 1, exifIfd);
  entry(ifd0 + 14, 0x8825, 4, 1, gpsIfd);
  u32(ifd0 + 26, 0);
  // Exif IFD: DateTimeOriginal (ASCII, 20 bytes with NUL).
  const dateAt = data;
  for (let i = 0; i < taken.length; i++) tiff.setUint8(dateAt + i, taken.charCodeAt(i));
  tiff.setUint8(dateAt + taken.length, 0);
  data += 20;
  u16(exifIfd, 1);
  entry(exifIfd + 2, 0x9003, 2, 20, dateAt);
  u32(exifIfd + 14, 0);
  // GPS IFD: refs inline, coordinates as 3 rationals each.
  const rationals = (values: [number, number][]) => {
    const at = data;
    values.forEach(([numerator, denominator], i) => {
      u32(at + i * 8, numerator);
      u32(at + i * 8 + 4, denominator);
    });
    data += 24;
    return at;
  };
  const latAt = rationals(dms(Math.abs(lat)));
  const lonAt = rationals(dms(Math.abs(lon)));
  u16(gpsIfd, 4);
  entry(gpsIfd + 2, 0x0001, 2, 2, (lat >= 0 ? 'N' : 'S').charCodeAt(0));
  entry(gpsIfd + 14, 0x0002, 5, 3, latAt);
  entry(gpsIfd + 26, 0x0003, 2, 2, (lon >= 0 ? 'E' : 'W').charCodeAt(0));
  entry(gpsIfd + 38, 0x0004, 5, 3, lonAt);
  u32(gpsIfd + 50, 0);
  const body = new Uint8Array(tiff.buffer, 0, data);
  const header = new TextEncoder().encode('Exif\0\0');
  const length = 2 + header.length + body.length;
  const segment = new Uint8Array(2 + length);
  segment.set([0xff, 0xe1, length >> 8, length & 0xff], 0);
  segment.set(header, 4);
  segment.set(body, 4 + header.length);
  return segment;
}

/** The JPEG with the Exif segment right after its SOI marker. */
export function withExif(jpeg: Uint8Array, segment: Uint8Array): Uint8Array {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG (no SOI marker)');
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const base64 = await page.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#cfe3f5';
      g.fillRect(0, 0, 640, 300);
      g.fillStyle = '#9ca3af';
      g.fillRect(0, 300, 640, 180);
      g.fillStyle = '#e5d3b3';
      g.fillRect(60, 120, 220, 180);
      g.fillStyle = '#b45309';
      for (let i = 0; i < 5; i++) g.fillRect(330 + i * 48, 250 - (i % 3) * 20, 40, 50 + (i % 3) * 20);
      g.fillStyle = '#111827';
      g.font = '28px sans-serif';
      g.fillText('楼道口堆物 · 测试照片', 160, 420);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((made) => resolve(made!), 'image/jpeg', 0.8));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    });
    const jpeg = Uint8Array.from(Buffer.from(base64, 'base64'));
    writeFileSync(new URL('../test/fixtures/photos/exif-photo.jpg', import.meta.url), withExif(jpeg, exifSegment(PHOTO_TAKEN, PHOTO_LAT, PHOTO_LON)));
  } finally {
    await browser.close();
  }
}
