/**
 * Hostile archives for the decompression tests, written by hand so that they can lie: a zip whose
 * headers declare a few bytes for an entry that inflates to hundreds of MiB, a gzip whose size
 * trailer says 10 bytes. Deflate data comes from node:zlib (fast at level 9 on zeros).
 */
import { deflateRawSync, gzipSync } from 'node:zlib';

export interface HostileEntry {
  name: string;
  /** The entry's real content (deflated here). */
  data: Uint8Array;
  /** The uncompressed size written in the headers (default the real one). */
  declaredSize?: number;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
}

const deflated = new WeakMap<Uint8Array, Uint8Array>();
/** Raw deflate of `data`, computed once per array (a bomb's payload is shared by several entries). */
function deflateOnce(data: Uint8Array): Uint8Array {
  let body = deflated.get(data);
  if (!body) {
    body = new Uint8Array(deflateRawSync(data, { level: 9 }));
    deflated.set(data, body);
  }
  return body;
}

/** A zip archive (local headers, central directory, end record) of the entries, sizes as declared. */
export function zipOf(entries: readonly HostileEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const body = method === 8 ? deflateOnce(entry.data) : entry.data;
    const name = new TextEncoder().encode(entry.name);
    const size = entry.declaredSize ?? entry.data.length;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x800, true);
    lv.setUint16(8, method, true);
    lv.setUint32(18, body.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint16(10, method, true);
    cv.setUint32(20, body.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, body);
    centrals.push(central);
    offset += local.length + body.length;
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

/** A gzip of `data` whose size trailer claims `declaredSize` bytes. */
export function gzipOf(data: Uint8Array, declaredSize = data.length): Uint8Array {
  const gz = new Uint8Array(gzipSync(data, { level: 9 }));
  new DataView(gz.buffer).setUint32(gz.length - 4, declaredSize >>> 0, true);
  return gz;
}

/** `mib` MiB of zeros (a zip bomb's payload: deflates ~1000:1). */
export function zeros(mib: number): Uint8Array {
  return new Uint8Array(mib * 1024 * 1024);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
