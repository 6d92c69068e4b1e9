/**
 * Bytes → text for every file a planner brings: UTF-8 (with or without BOM), UTF-16 with BOM,
 * and the Chinese legacy encodings GBK / GB2312 / GB18030, all decoded as `gb18030` (a superset
 * of GBK), and Big5 (Traditional Chinese: Hong Kong, Macau, Taiwan and older data), which is
 * never guessed (its bytes also read as GBK) but read when chosen or named by a `.cpg` or a DBF
 * header. `TextDecoder('gbk')` is not used: Node 20 mis-decodes some GBK byte pairs with it.
 * DBF attribute tables choose their encoding in this order: explicit choice, the `.cpg` file,
 * the code-page byte of the DBF header, strict UTF-8, else gb18030.
 */
import { InputError, describeValue } from '../errors.ts';

/**
 * The WHATWG TextDecoder (Node, browsers and workers all have it). Reached through globalThis
 * because core compiles with the ECMAScript library only, which does not declare it.
 */
interface TextDecoderLike {
  decode(bytes?: Uint8Array, options?: { stream?: boolean }): string;
}
const Decoder = (globalThis as unknown as { TextDecoder: new (label?: string, options?: { fatal?: boolean }) => TextDecoderLike }).TextDecoder;

/** Bytes checked per step by `isStrictUtf8` (its strings are dropped at once, so memory stays flat). */
const UTF8_CHECK_CHUNK = 1 << 15;

/** A host's own check for well-formed UTF-8 (see `useUtf8Validator`); none by default. */
let hostUtf8Validator: ((bytes: Uint8Array) => boolean) | undefined;

/**
 * Lets a host hand `isStrictUtf8` a native check with the same answer, such as Node's
 * `buffer.isUtf8` (the CLI does): on Italy's 36 MB that is ~4 ms instead of ~40–100 ms of
 * decoding to strings that are dropped. `undefined` goes back to TextDecoder.
 * @example useUtf8Validator(isUtf8) // in the CLI (src/cli/main.ts), with Node's buffer.isUtf8
 */
export function useUtf8Validator(validator: ((bytes: Uint8Array) => boolean) | undefined): void {
  hostUtf8Validator = validator;
}

/**
 * Whether `bytes` are well-formed UTF-8 (a UTF-8 BOM allowed), checked in 32 KiB steps without
 * keeping the decoded text (or by the host's validator, see `useUtf8Validator`): for readers
 * that parse the bytes themselves (the GeoJSON scanner).
 */
export function isStrictUtf8(bytes: Uint8Array): boolean {
  if (hostUtf8Validator) return hostUtf8Validator(bytes);
  const decoder = new Decoder('utf-8', { fatal: true });
  try {
    for (let start = 0; start < bytes.length; start += UTF8_CHECK_CHUNK) decoder.decode(bytes.subarray(start, start + UTF8_CHECK_CHUNK), { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** Encodings the importer reads; `auto` = BOM, else strict UTF-8, else gb18030. */
export type TextEncodingChoice = 'auto' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** Every encoding choice, in the order the import dialog offers them. */
export const TEXT_ENCODING_CHOICES: readonly TextEncodingChoice[] = ['auto', 'utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be'];

export interface DecodedText {
  text: string;
  /** The encoding actually used (never `auto`). */
  encoding: Exclude<TextEncodingChoice, 'auto'>;
  /** True when a byte-order mark was found (and removed). */
  bom: boolean;
}

/** Labels users and `.cpg` files write for the encodings we read, normalised. */
const LABELS: Record<string, Exclude<TextEncodingChoice, 'auto'>> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  '65001': 'utf-8',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  cp936: 'gb18030',
  '936': 'gb18030',
  'ansi 936': 'gb18030',
  'windows-936': 'gb18030',
  'x-gbk': 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  cp950: 'big5',
  '950': 'big5',
  'ansi 950': 'big5',
  'windows-950': 'big5',
  'x-x-big5': 'big5',
};

/** Normalises an encoding label (`GBK`, `cp936`, `UTF8`…); undefined when we do not read it. */
export function encodingFromLabel(label: string | undefined | null): Exclude<TextEncodingChoice, 'auto'> | undefined {
  if (!label) return undefined;
  return LABELS[label.trim().toLowerCase()];
}

/**
 * Decodes a file's bytes. With `auto`: a BOM decides (UTF-8, UTF-16 LE/BE); else strict UTF-8;
 * else gb18030 (GBK files from Chinese Excel). Never throws for a readable encoding.
 * @throws InputError E_ENCODING when an explicit UTF-8 choice meets bytes that are not UTF-8, or
 *   the choice is not one of TEXT_ENCODING_CHOICES.
 * @example decodeText(bytes, { file: 'status.csv' }).encoding // 'gb18030'
 */
export function decodeText(bytes: Uint8Array, options: { file?: string; encoding?: TextEncodingChoice } = {}): DecodedText {
  const choice = options.encoding ?? 'auto';
  // A choice from a project file or a link is data: an unknown one is refused here, not by TextDecoder.
  if (!TEXT_ENCODING_CHOICES.includes(choice)) {
    throw new InputError({ code: 'E_ENCODING', file: options.file, expected: `以下编码之一：${TEXT_ENCODING_CHOICES.join(' / ')}`, actual: describeValue(choice) });
  }
  const bomEncoding = sniffBom(bytes);
  if (choice === 'auto' && bomEncoding) return decodeWith(bytes, bomEncoding, true);
  if (choice === 'auto') {
    const utf8 = tryStrictUtf8(bytes);
    if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', bom: false };
    return decodeWith(bytes, 'gb18030', false);
  }
  if (choice === 'utf-8') {
    const utf8 = tryStrictUtf8(bytes);
    if (utf8 === undefined) throw new InputError({ code: 'E_ENCODING', file: options.file, expected: 'UTF-8 编码的文本', actual: '含有非 UTF-8 字节（可能是 GBK，请选择 GBK/GB18030）' });
    return { text: utf8, encoding: 'utf-8', bom: bomEncoding === 'utf-8' };
  }
  return decodeWith(bytes, choice, bomEncoding === choice);
}

function decodeWith(bytes: Uint8Array, encoding: Exclude<TextEncodingChoice, 'auto'>, hasBom: boolean): DecodedText {
  // TextDecoder drops a matching BOM itself (ignoreBOM is false by default).
  const text = new Decoder(encoding).decode(bytes);
  return { text: text.replace(/^\uFEFF/, ''), encoding, bom: hasBom };
}

function sniffBom(bytes: Uint8Array): Exclude<TextEncodingChoice, 'auto' | 'gb18030'> | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

function tryStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new Decoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/**
 * DBF language-driver ids (header byte 29) that name an encoding we read: the Chinese
 * code page 936 (0x4D, 0x7A) and Traditional Chinese code page 950 (0x78). Others fall through.
 */
const DBF_LANGUAGE_DRIVERS: Record<number, Exclude<TextEncodingChoice, 'auto'>> = {
  0x4d: 'gb18030',
  0x7a: 'gb18030',
  0x78: 'big5',
};

/** Where a DBF's encoding came from, for the preview. */
export type DbfEncodingSource = 'explicit' | 'cpg' | 'header' | 'utf-8' | 'fallback';

/**
 * The encoding of a DBF attribute table: explicit choice, else the `.cpg` text, else the
 * header's language-driver byte, else strict UTF-8 when all text bytes are valid UTF-8, else gb18030.
 */
export function dbfEncoding(dbf: Uint8Array, options: { explicit?: TextEncodingChoice; cpg?: string } = {}): { encoding: Exclude<TextEncodingChoice, 'auto'>; source: DbfEncodingSource } {
  if (options.explicit && options.explicit !== 'auto') return { encoding: options.explicit, source: 'explicit' };
  const fromCpg = encodingFromLabel(options.cpg);
  if (fromCpg) return { encoding: fromCpg, source: 'cpg' };
  const fromHeader = dbf.length > 29 ? DBF_LANGUAGE_DRIVERS[dbf[29]!] : undefined;
  if (fromHeader) return { encoding: fromHeader, source: 'header' };
  // The records are the text there is (the header holds binary counts; field names are ASCII in practice).
  const headerLength = dbf.length >= 10 ? dbf[8]! | (dbf[9]! << 8) : 0;
  return tryStrictUtf8(dbf.subarray(Math.min(headerLength, dbf.length))) !== undefined ? { encoding: 'utf-8', source: 'utf-8' } : { encoding: 'gb18030', source: 'fallback' };
}
