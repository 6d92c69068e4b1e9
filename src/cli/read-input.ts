/**
 * Reading a user's data file for the CLI: at most MAX_INPUT_BYTES (see src/core/errors.ts for
 * why 256 MiB), read into one buffer so that an endless or huge source (/dev/zero, a pipe, a FIFO)
 * is refused as soon as it passes the limit instead of filling memory.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError, MAX_INPUT_BYTES, decodeText, inputTooLarge, readScannedSlicesFrom, type BoundarySet, type DatasetInput, type DatasetRole } from '../core/index.ts';

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
 *   E_ARGUMENT when the file cannot be opened or read (missing, a directory, no permission, a FIFO
 *   without a writer for `fifoWaitMs`).
 */
export function readInputFile(file: string, limitBytes: number = MAX_INPUT_BYTES, fifoWaitMs: number = FIFO_WAIT_MS): string {
  return decodeText(readInputBytes(file, limitBytes, fifoWaitMs), { file }).text;
}

/**
 * The bytes of `file` (at most `limitBytes`), undecoded: boundaries go to `parseBoundaries` as
 * bytes, whose scanner reads UTF-8 without making a string of the whole file. The result's
 * `.buffer` holds exactly the file's bytes (zip and XLSX readers read the whole buffer).
 * @throws InputError as `readInputFile`
 */
export function readInputBytes(file: string, limitBytes: number = MAX_INPUT_BYTES, fifoWaitMs: number = FIFO_WAIT_MS): Uint8Array {
  let fd: number;
  let fifo = false;
  try {
    fifo = statSync(file).isFIFO();
    fd = openSync(file, fifo ? constants.O_RDONLY | constants.O_NONBLOCK : 'r');
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    // One buffer, sized from the file's length when it has one (a pipe starts at a chunk) and
    // doubled when it fills: reading never holds the bytes twice as chunks plus their concatenation.
    // One byte more than the limit tells "exactly at the limit" from "larger".
    const known = fileSize(fd);
    let buffer = Buffer.allocUnsafe(Math.min(limitBytes + 1, Math.max(CHUNK_BYTES, known)));
    let total = 0;
    let waitedMs = 0;
    // Nothing to read yet: wait 10 ms, and give up on a FIFO after fifoWaitMs without data.
    const wait = () => {
      if (fifo && (waitedMs += 10) > fifoWaitMs) throw fifoTimeout(file, fifoWaitMs);
      sleep(10);
    };
    const grow = () => {
      const grown = Buffer.allocUnsafe(Math.min(limitBytes + 1, buffer.length * 2));
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    };
    for (;;) {
      if (total === buffer.length) {
        // Full at the file's known length: a one-byte probe tells its end from a file that grew.
        const probe = total === known ? Buffer.allocUnsafe(1) : null;
        if (probe && readChunk(fd, probe, 0, file, wait) === 0) break;
        grow();
        if (probe) buffer[total++] = probe[0]!;
      }
      const read = readChunk(fd, buffer, total, file, wait);
      // A non-blocking FIFO reads 0 both at its end and before any writer has opened it.
      if (read === 0 && fifo && total === 0) {
        wait();
        continue;
      }
      if (read === 0) break;
      waitedMs = 0;
      total += read;
      if (total > limitBytes) throw inputTooLarge(file, total, limitBytes);
    }
    return total === buffer.buffer.byteLength ? new Uint8Array(buffer.buffer, 0, total) : new Uint8Array(buffer.subarray(0, total));
  } finally {
    closeSync(fd);
  }
}

/** The size of a regular file, else 0 (pipes, devices). */
function fileSize(fd: number): number {
  try {
    const stats = fstatSync(fd);
    return stats.isFile() ? stats.size : 0;
  } catch {
    return 0;
  }
}

function readChunk(fd: number, buffer: Buffer, offset: number, file: string, wait: () => void): number {
  for (;;) {
    try {
      return readSync(fd, buffer, offset, buffer.length - offset, null);
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

/**
 * After `readDataset`: the scanned communities of `input` (read from `path` by `datasetInput`)
 * read their coordinates again from the file when something needs them, so the file's bytes are
 * not held through the adjacency and the output (Italy's comuni: 36 MB of a ~180 MB peak).
 * `analyze` without a selection reads only the coordinates of a few multipart communities (for a
 * finding's label point). A regular file only; a re-read checks that the file still has the
 * size and modification time it had when read (checked once per synchronous run of re-reads),
 * else throws E_ARGUMENT. The bytes of `input` are
 * emptied (detached) when every community was scanned from them.
 */
export function rereadCoordinatesFromFile(boundaries: Pick<BoundarySet, 'features'>, input: DatasetInput, path: string): void {
  const bytes = input.parts?.length === 1 ? input.parts[0]!.bytes : undefined;
  if (!bytes) return;
  let before;
  try {
    before = statSync(path);
  } catch {
    return;
  }
  if (!before.isFile() || before.size !== bytes.length) return;
  const file = basename(path);
  const unchanged = '分析期间不变的文件 a file that stays unchanged during the analysis';
  // One descriptor (opened and checked once) per synchronous run of re-reads, such as the label
  // points of a finding list or a GeoJSON output, closed when that run ends: four system calls
  // per community otherwise (Italy's 421 multipart comuni: ~17 ms of an analysis).
  let fd: number | undefined;
  const open = (): number => {
    if (fd !== undefined) return fd;
    const opened = openSync(path, 'r');
    let now;
    try {
      now = fstatSync(opened);
    } catch (error) {
      closeSync(opened);
      throw error;
    }
    if (now.size !== before.size || now.mtimeMs !== before.mtimeMs) {
      closeSync(opened);
      throw new InputError({ code: 'E_ARGUMENT', file, expected: unchanged, actual: '读取后文件已被修改 the file changed after it was read' });
    }
    fd = opened;
    setImmediate(() => {
      fd = undefined;
      closeSync(opened);
    });
    return opened;
  };
  const changed = readScannedSlicesFrom(boundaries, bytes, (start, end) => {
    const slice = Buffer.allocUnsafe(end - start);
    const descriptor = open();
    for (let at = 0; at < slice.length; ) {
      const read = readSync(descriptor, slice, at, slice.length - at, start + at);
      if (read === 0) throw new InputError({ code: 'E_ARGUMENT', file, expected: unchanged, actual: '读取后文件变短 the file became shorter after it was read' });
      at += read;
    }
    return slice;
  });
  // Every community was scanned from these bytes, and nothing else holds them: free them now
  // rather than at the next full collection (the buffer is old by now, and the adjacency's peak
  // comes first). Transferring moves the memory to a new, young ArrayBuffer that is dropped at once.
  if (changed === boundaries.features.length && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
}
