/**
 * Reading a user's data file for the CLI: at most MAX_INPUT_BYTES (see src/core/errors.ts for
 * why 256 MiB), read in chunks so that an endless or huge source (/dev/zero, a pipe, a FIFO)
 * is refused as soon as it passes the limit instead of filling memory.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { InputError, MAX_INPUT_BYTES, inputTooLarge } from '../core/index.ts';

const CHUNK_BYTES = 1024 * 1024;

/**
 * The UTF-8 text of `file` (a BOM is kept; the parsers drop it).
 * @param limitBytes largest accepted size in bytes (default MAX_INPUT_BYTES).
 * @throws InputError E_TOO_LARGE after reading limitBytes + 1 bytes (reading stops there), or
 *   E_ARGUMENT when the file cannot be opened or read (missing, a directory, no permission).
 */
export function readInputFile(file: string, limitBytes: number = MAX_INPUT_BYTES): string {
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
    return Buffer.concat(chunks, total).toString('utf8');
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
