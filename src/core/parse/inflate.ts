/**
 * Every decompression of user input goes through here: gzip files, zipped Shapefiles, XLSX
 * workbooks and project files. Inflation is streamed (fflate's `Inflate` / `Gunzip`, fed
 * INFLATE_CHUNK_BYTES of compressed input at a time) with a running count of the bytes produced,
 * per entry and per archive, and stops with E_TOO_LARGE as soon as a count passes its limit. The
 * sizes an archive declares (gzip's trailer, zip's headers) are never trusted.
 *
 * Why not fflate's `unzipSync`/`gunzipSync`: they inflate a whole entry into memory before
 * anything can be checked (a 3 MB zip of three 3 GB entries takes minutes and gigabytes). Why not
 * its streaming `Unzip`: it finds entries by scanning local headers (a deflated entry with a data
 * descriptor is cut where its bytes happen to look like a signature) and a synchronous inflater
 * cannot be stopped from its callback. The zip's central directory is read here instead (the
 * layout of APPNOTE 4.3.12 and 4.3.16), and each entry's bytes are inflated by fflate.
 */
import { Gunzip, Inflate } from 'fflate';
import { InputError } from '../errors.ts';
import { INFLATE_CHUNK_BYTES, MAX_ARCHIVE_BYTES, MAX_ENTRY_BYTES } from '../limits.ts';
import { decodeText } from './decode.ts';

/** Limits of one decompression, in bytes (defaults: MAX_ENTRY_BYTES, MAX_ARCHIVE_BYTES). */
export interface InflateLimits {
  /** Largest decompressed size of one entry (or of a gzip stream). */
  entryBytes?: number;
  /** Largest decompressed size of all entries of an archive together. */
  totalBytes?: number;
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses a gzip file (one or more members), counting the output as it is produced.
 * @throws InputError E_TOO_LARGE once more than `limits.entryBytes` were produced (inflation
 *   stops there), E_FORMAT for a truncated or corrupt stream.
 * @example gunzipBounded(bytes, 'communities.geojson.gz').length
 */
export function gunzipBounded(bytes: Uint8Array, file: string, limits: InflateLimits = {}): Uint8Array {
  const limit = limits.entryBytes ?? MAX_ENTRY_BYTES;
  // 10 bytes of header, at least 2 of deflate data and 8 of trailer: fflate reads a shorter one as empty.
  if (bytes.length < 20) throw new InputError({ code: 'E_FORMAT', file, expected: '完整的 gzip 压缩文件', actual: `只有 ${bytes.length} 字节（文件不完整）` });
  const sink = new BoundedSink(file, limit, limit);
  const stream = new Gunzip((chunk) => sink.add(chunk));
  try {
    feed(stream, bytes, sink);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError({ code: 'E_FORMAT', file, expected: '完整的 gzip 压缩文件', actual: `解压失败（${errorText(error)}）` });
  }
  return sink.bytes();
}

/** One entry of a zip archive as listed by its central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the two methods read here). */
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/**
 * The entries of a zip archive, from its central directory (names decoded as UTF-8 when the
 * archive says so or they are valid UTF-8, else as GBK, which Chinese Windows writes).
 * @throws InputError E_FORMAT when the bytes are not a zip archive.
 */
export function listZip(bytes: Uint8Array, file: string): ZipEntry[] {
  const notZip = (actual: string) => new InputError({ code: 'E_FORMAT', file, expected: '有效的 ZIP 压缩包', actual });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is the last 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notZip(bytes.length === 0 ? '空文件' : '找不到 ZIP 目录（不是 ZIP 文件或文件不完整）');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw notZip('ZIP64 格式的压缩包（请用常规 ZIP 重新压缩）');
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw notZip(`ZIP 目录第 ${n + 1} 项损坏`);
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = flags & 0x800 ? decodeText(nameBytes, { encoding: 'utf-8' }).text : decodeText(nameBytes).text;
    entries.push({ name, method: view.getUint16(at + 10, true), encrypted: (flags & 1) === 1, compressedSize: view.getUint32(at + 20, true), offset: view.getUint32(at + 42, true) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Decompresses the entries of a zip archive that `filter` keeps (all by default; folders never),
 * counting the output of each entry and of all of them together.
 * @returns entry name → bytes, in archive order (a Map: names such as `__proto__` are data).
 * @throws InputError E_TOO_LARGE once an entry or the total passes its limit (inflation stops
 *   there), E_FORMAT for a corrupt, truncated or encrypted archive or an unknown compression.
 */
export function unzipBounded(bytes: Uint8Array, file: string, options: { filter?: (name: string) => boolean; limits?: InflateLimits } = {}): Map<string, Uint8Array> {
  const entryLimit = options.limits?.entryBytes ?? MAX_ENTRY_BYTES;
  const totalLimit = options.limits?.totalBytes ?? MAX_ARCHIVE_BYTES;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of listZip(bytes, file)) {
    if (entry.name.endsWith('/') || (options.filter && !options.filter(entry.name))) continue;
    const broken = (actual: string) => new InputError({ code: 'E_FORMAT', file, path: entry.name, expected: '可解压的 ZIP 条目', actual });
    if (entry.encrypted) throw broken('条目已加密（请解除密码后重新压缩）');
    if (entry.offset + 30 > bytes.length || view.getUint32(entry.offset, true) !== 0x04034b50) throw broken('条目头损坏');
    const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
    const stored = bytes.subarray(start, start + entry.compressedSize);
    if (start + entry.compressedSize > bytes.length) throw broken(`条目数据不完整（应有 ${entry.compressedSize} 字节，实有 ${Math.max(0, bytes.length - start)} 字节）`);
    const sink = new BoundedSink(file, Math.min(entryLimit, totalLimit - total), entryLimit, totalLimit, total);
    if (entry.method === 0) sink.add(stored);
    else if (entry.method === 8) {
      try {
        feed(new Inflate((chunk) => sink.add(chunk)), stored, sink);
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw broken(`解压失败（${errorText(error)}）`);
      }
    } else throw broken(`不支持的压缩方法 ${entry.method}（请用常规 ZIP 重新压缩）`);
    const data = sink.bytes();
    total += data.length;
    out.set(entry.name, data);
  }
  return out;
}

/** Pushes `bytes` into `stream` INFLATE_CHUNK_BYTES at a time, checking the sink after each push. */
function feed(stream: { push(chunk: Uint8Array, final?: boolean): void }, bytes: Uint8Array, sink: BoundedSink): void {
  if (bytes.length === 0) stream.push(bytes, true);
  for (let at = 0; at < bytes.length; at += INFLATE_CHUNK_BYTES) {
    stream.push(bytes.subarray(at, at + INFLATE_CHUNK_BYTES), at + INFLATE_CHUNK_BYTES >= bytes.length);
    sink.check();
  }
}

/** Collects output chunks while their running count stays within `limit`. */
class BoundedSink {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;
  constructor(
    private readonly file: string,
    private readonly limit: number,
    private readonly entryLimit: number,
    private readonly totalLimit = entryLimit,
    private readonly before = 0,
  ) {}

  add(chunk: Uint8Array): void {
    this.length += chunk.length;
    // Past the limit nothing more is kept; `check` stops the stream after this push.
    if (this.length <= this.limit) this.chunks.push(chunk);
  }

  check(): void {
    if (this.length <= this.limit) return;
    // The message names the limit that was hit: the entry's, or the archive's total.
    const entryHit = this.length > this.entryLimit;
    throw decompressedTooLarge(this.file, entryHit ? this.length : this.before + this.length, entryHit ? this.entryLimit : this.totalLimit);
  }

  bytes(): Uint8Array {
    this.check();
    if (this.chunks.length === 1) return this.chunks[0]!;
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}

/** E_TOO_LARGE for decompressed content of which more than `limitBytes` were produced (inflation stopped there). */
export function decompressedTooLarge(file: string, bytesProduced: number, limitBytes: number): InputError {
  const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  return new InputError({
    code: 'E_TOO_LARGE',
    file,
    expected: `解压后不超过 ${mib(limitBytes)}（${limitBytes} 字节）的内容`,
    actual: `解压到 ${bytesProduced} 字节仍未结束，已停止解压（压缩包声明的大小不可信，可能是“压缩炸弹”）`,
  });
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const known: Record<string, string> = { 'unexpected EOF': '数据提前结束', 'invalid block type': '数据块类型无效', 'invalid length/literal': '数据损坏', 'invalid distance': '数据损坏', 'invalid gzip data': '不是 gzip 数据' };
  return known[message] ?? '数据损坏';
}
