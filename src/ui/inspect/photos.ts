/**
 * A photo taken on the phone, made ready for the outbox: its EXIF time and GPS position are read
 * first (exifr's lite build), then it is drawn at a bounded size on a canvas and re-encoded as
 * JPEG — a 12-megapixel photo becomes a few hundred kB that a mobile network can carry. The
 * canvas drops the EXIF block, so time and position travel as fields of the upload.
 */
import exifr from 'exifr/dist/lite.esm.mjs';
import type { OutboxPhoto } from '../../app/effects/outbox.ts';

/** Longest edge of a stored photo, in pixels. */
export const PHOTO_MAX_EDGE_PX = 1600;
/** JPEG quality of a stored photo (0–1). */
export const PHOTO_JPEG_QUALITY = 0.82;

/** What the camera wrote: when and where (WGS84), null when the file did not say. */
export interface PhotoExif {
  takenAt: string | null;
  lon: number | null;
  lat: number | null;
}

/** Reads EXIF DateTimeOriginal and GPS from an image file; nulls when absent or unreadable. (The lite build fails on `pick`, so whole blocks are read.) */
export async function readPhotoExif(file: Blob | ArrayBuffer | Uint8Array): Promise<PhotoExif> {
  try {
    const tags = (await exifr.parse(file, { exif: true, gps: true, interop: false, ifd1: false })) as
      | { DateTimeOriginal?: Date; CreateDate?: Date; latitude?: number; longitude?: number }
      | undefined;
    const taken = tags?.DateTimeOriginal ?? tags?.CreateDate;
    const lat = typeof tags?.latitude === 'number' && Number.isFinite(tags.latitude) ? tags.latitude : null;
    const lon = typeof tags?.longitude === 'number' && Number.isFinite(tags.longitude) ? tags.longitude : null;
    return { takenAt: taken instanceof Date && !Number.isNaN(taken.getTime()) ? taken.toISOString() : null, lon: lat === null ? null : lon, lat: lon === null ? null : lat };
  } catch {
    return { takenAt: null, lon: null, lat: null };
  }
}

/** Width and height that fit `maxEdge` with the aspect kept (never enlarged). */
export function fittedSize(width: number, height: number, maxEdge = PHOTO_MAX_EDGE_PX): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Resizes an image file to at most PHOTO_MAX_EDGE_PX (EXIF orientation applied) as a JPEG. */
export async function resizePhoto(file: Blob): Promise<{ blob: Blob; width: number; height: number }> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fittedSize(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('无法处理照片：浏览器不支持画布');
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', PHOTO_JPEG_QUALITY));
    if (!blob) throw new Error('无法处理照片：编码失败');
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}

/** A photo ready for the outbox: the resized bytes and their description (EXIF read from the original). */
export async function preparePhoto(file: Blob, id: string): Promise<{ blob: Blob; photo: OutboxPhoto }> {
  const exif = await readPhotoExif(file);
  const { blob, width, height } = await resizePhoto(file);
  return { blob, photo: { id, type: blob.type || 'image/jpeg', width, height, size: blob.size, ...exif } };
}
