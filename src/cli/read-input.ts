/**
 * Reading a user's data file for the CLI: at most MAX_INPUT_BYTES (see src/core/errors.ts for
 * why 256 MiB), read in chunks so that an endless or huge source (/dev/zero, a pipe, a FIFO)
 * is refused as soon as it passes the limit instead of filling memory.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError, MAX_INPUT_BYTES, decodeText, inputTooLarge, type DatasetInput, type DatasetRole } from '../core/index.ts';

const CHUNK_BYTES = 1024 * 1024;

/**
 * The text of `file`, decoded as the app decodes imports (`decodeText`: a BOM decides, else
 * strict UTF-8, else GBK read as gb18030), so a GBK status CSV from Chinese Excel reads correctly.
 * @param limitBytes largest accepted size in bytes (default MAX_INPUT_BYTES).
 * @throws InputError E_TOO_LARGE after reading limitBytes + 1 bytes (reading stops there), or
 *   E_ARGUMENT when the file cannot be opened or read (missing, a directory, no permission).
 */
export function readInputFile(file: string, limitBytes: number = MAX_INPUT_BYTES): string {
  return decodeText(readInputBytes(file, limitBytes), { file }).text;
}

/**
 * The bytes of `file`, at most `limitBytes` (default MAX_INPUT_BYTES), for the core importer.
 * @throws InputError E_TOO_LARGE or E_ARGUMENT, as `readInputFile`.
 */
export function readInputBytes(file: string, limitBytes: number = MAX_INPUT_BYTES): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // One byte more than the limit tells "exactly at the limit" from "larger".
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limitBytes + 1 - total));
      const read = readChunk(fd, buffer, file);
      if (read === 0) break;
      total += read;
      chunks.push(read === buffer.length ? buffer : buffer.subarray(0, read));
      if (total > limitBytes) throw inputTooLarge(file, total, limitBytes);
    }
    // A plain Uint8Array of its own (Buffer.concat may hand out a slice of Node's shared pool).
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

function readChunk(fd: number, buffer: Buffer, file: string): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      // A non-blocking pipe (e.g. /dev/stdin) with nothing yet: wait a little and retry.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      else throw unreadable(file, error);
    }
  }
}

function unreadable(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? '文件不存在 not found' : code === 'EISDIR' ? '这是一个目录 is a directory' : code === 'EACCES' ? '没有读取权限 permission denied' : (error as Error).message;
  return new InputError({ code: 'E_ARGUMENT', file, expected: '可读取的数据文件 a readable data file', actual: reason });
}

/**
 * One file of a dataset as `openDataset` reads it: its bytes under its base name, in any format
 * the app imports (GeoJSON, TopoJSON, zipped Shapefile, CSV, XLSX, `.gz`).
 */
export function datasetInput(role: DatasetRole, path: string): DatasetInput {
  const file = basename(path);
  const parts = [{ name: file, bytes: readInputBytes(path) }];
  // A loose .shp brings its .dbf, .prj and .cpg from beside it, as when a user drops all four.
  if (/\.shp$/i.test(file)) {
    for (const ext of ['dbf', 'prj', 'cpg']) {
      const sibling = path.replace(/\.shp$/i, `.${ext}`);
      if (existsSync(sibling)) parts.push({ name: basename(sibling), bytes: readInputBytes(sibling) });
    }
  }
  return { role, file, parts };
}
