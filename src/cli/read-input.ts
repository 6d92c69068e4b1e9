/**
 * Reading a user's data file for the CLI: at most MAX_INPUT_BYTES (see src/core/errors.ts for
 * why 256 MiB), read in chunks so that an endless or huge source (/dev/zero, a pipe, a FIFO)
 * is refused as soon as it passes the limit instead of filling memory.
 */
import { closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { InputError, MAX_INPUT_BYTES, decodeText, inputTooLarge } from '../core/index.ts';

const CHUNK_BYTES = 1024 * 1024;

/**
 * How long a named pipe (FIFO) may go without a writer or without data before reading gives up,
 * ms. Opening a FIFO blocks until a writer comes, forever if none does: FIFOs are opened
 * non-blocking and polled instead.
 */
export const FIFO_WAIT_MS = 10_000;

/**
 * The text of `file`, decoded as the app decodes imports (`decodeText`: a BOM decides, else
 * strict UTF-8, else GBK read as gb18030), so a GBK status CSV from Chinese Excel reads correctly.
 * @param limitBytes largest accepted size in bytes (default MAX_INPUT_BYTES).
 * @throws InputError E_TOO_LARGE after reading limitBytes + 1 bytes (reading stops there), or
 *   E_ARGUMENT when the file cannot be opened or read (missing, a directory, no permission).
 */
export function readInputFile(file: string, limitBytes: number = MAX_INPUT_BYTES, fifoWaitMs: number = FIFO_WAIT_MS): string {
  let fd: number;
  let fifo = false;
  try {
    fifo = statSync(file).isFIFO();
    fd = openSync(file, fifo ? constants.O_RDONLY | constants.O_NONBLOCK : 'r');
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    let waitedMs = 0;
    for (;;) {
      // One byte more than the limit tells "exactly at the limit" from "larger".
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limitBytes + 1 - total));
      // Nothing to read yet: wait 10 ms, and give up on a FIFO after fifoWaitMs without data.
      const wait = () => {
        if (fifo && (waitedMs += 10) > fifoWaitMs) throw fifoTimeout(file, fifoWaitMs);
        sleep(10);
      };
      const read = readChunk(fd, buffer, file, wait);
      // A non-blocking FIFO reads 0 both at its end and before any writer has opened it.
      if (read === 0 && fifo && total === 0) {
        wait();
        continue;
      }
      if (read === 0) break;
      waitedMs = 0;
      total += read;
      chunks.push(read === buffer.length ? buffer : buffer.subarray(0, read));
      if (total > limitBytes) throw inputTooLarge(file, total, limitBytes);
    }
    return decodeText(Buffer.concat(chunks, total), { file }).text;
  } finally {
    closeSync(fd);
  }
}

function readChunk(fd: number, buffer: Buffer, file: string, wait: () => void): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      // A non-blocking pipe (e.g. /dev/stdin) with nothing yet: wait a little and retry.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw unreadable(file, error);
      wait();
    }
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function fifoTimeout(file: string, waitMs: number): InputError {
  return new InputError({ code: 'E_ARGUMENT', file, expected: '有数据写入的命名管道 a named pipe that someone writes to', actual: `${waitMs / 1000} 秒内没有写入方或数据，已停止等待 (no writer or data within ${waitMs / 1000} s; gave up)` });
}

function unreadable(file: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? '文件不存在 not found' : code === 'EISDIR' ? '这是一个目录 is a directory' : code === 'EACCES' ? '没有读取权限 permission denied' : (error as Error).message;
  return new InputError({ code: 'E_ARGUMENT', file, expected: '可读取的数据文件 a readable data file', actual: reason });
}
