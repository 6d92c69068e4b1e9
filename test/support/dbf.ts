/**
 * A minimal dBASE III writer for Shapefile tests: character fields only, text given as bytes
 * so that a test can write GBK or Big5 (Node's TextEncoder writes UTF-8 only).
 */
export function dbfOf(fields: readonly { name: string; length: number }[], records: readonly (readonly (Uint8Array | string)[])[], languageDriver = 0): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const out = new Uint8Array(headerLength + recordLength * records.length + 1).fill(0x20, headerLength);
  const view = new DataView(out.buffer);
  out[0] = 0x03;
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  out[29] = languageDriver;
  fields.forEach((field, i) => {
    out.set(new TextEncoder().encode(field.name).subarray(0, 10), 32 + 32 * i);
    out[32 + 32 * i + 11] = 'C'.charCodeAt(0);
    out[32 + 32 * i + 16] = field.length;
  });
  out[headerLength - 1] = 0x0d;
  records.forEach((record, r) => {
    let at = headerLength + r * recordLength + 1;
    record.forEach((value, i) => {
      const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      out.set(bytes.subarray(0, fields[i]!.length), at);
      at += fields[i]!.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}
