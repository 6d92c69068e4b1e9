/**
 * Zipped Shapefiles (.shp + .dbf, optional .prj and .cpg) → GeoJSON FeatureCollection.
 * Unzipping with the bounded inflater (`inflate.ts`), geometry and attributes with shpjs (`parseShp`, `parseDbf`; projected
 * coordinates with a .prj are reprojected to WGS84 by shpjs through proj4). The DBF's encoding is
 * chosen by `dbfEncoding` (explicit, .cpg, header byte, UTF-8, gb18030), never by shpjs, whose
 * default would decode GBK as UTF-8 and whose `gbk` label hits Node's mis-decoding.
 * Loaded lazily: only a Shapefile import pays for shpjs and proj4.
 */
// tsconfig.node.json (CLI, tests) does not include src/core/*.d.ts: the reference brings the types along.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../shpjs.d.ts" />
import { InputError } from '../errors.ts';
import { dbfEncoding, decodeText, type DbfEncodingSource, type TextEncodingChoice } from './decode.ts';
import { unzipBounded } from './inflate.ts';

export interface ShapefileParts {
  shp: Uint8Array;
  dbf?: Uint8Array;
  prj?: string;
  cpg?: string;
}

export interface ShapefileResult {
  geojson: { type: 'FeatureCollection'; features: unknown[] };
  encoding: string;
  encodingSource: DbfEncodingSource | null;
  /** True when a .prj was present (coordinates reprojected to WGS84). */
  reprojected: boolean;
}

/**
 * Finds the .shp/.dbf/.prj/.cpg of one layer in a zip archive (the first .shp; `__MACOSX` skipped).
 * @throws InputError E_FORMAT when the bytes are not a zip or hold no .shp.
 */
export async function unzipShapefile(bytes: Uint8Array, file: string): Promise<ShapefileParts> {
  // Every entry is inflated under the one running byte count (a zip bomb stops at the limit).
  const entries = unzipBounded(bytes, file, { filter: (name) => /\.(shp|dbf|prj|cpg)$/i.test(name) && !name.includes('__MACOSX') });
  const names = [...entries.keys()].sort();
  const shpName = names.find((name) => /\.shp$/i.test(name));
  if (!shpName) throw new InputError({ code: 'E_FORMAT', file, expected: '压缩包内含 .shp 文件', actual: names.length ? names.join(', ') : '没有 Shapefile 组成文件' });
  const base = shpName.slice(0, -4).toLowerCase();
  const part = (ext: string) => names.find((name) => name.toLowerCase() === `${base}.${ext}`);
  const text = (name: string | undefined) => (name ? decodeText(entries.get(name)!, { file: name }).text : undefined);
  const dbfName = part('dbf');
  return { shp: entries.get(shpName)!, ...(dbfName ? { dbf: entries.get(dbfName)! } : {}), ...optional('prj', text(part('prj'))), ...optional('cpg', text(part('cpg'))) };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * Reads a Shapefile's parts into a FeatureCollection (one feature per record).
 * @throws InputError E_FORMAT for a corrupt .shp/.dbf or an unknown .prj.
 */
export async function parseShapefile(parts: ShapefileParts, options: { file: string; encoding?: TextEncodingChoice }): Promise<ShapefileResult> {
  const { parseShp, parseDbf } = await import('shpjs');
  const { file } = options;
  let geometries: unknown[];
  try {
    geometries = parseShp(view(parts.shp), parts.prj) as unknown[];
  } catch (error) {
    throw new InputError({ code: 'E_FORMAT', file, path: '.shp', expected: parts.prj ? '可读的 .shp 几何与 .prj 坐标系' : '可读的 .shp 几何', actual: String((error as Error).message ?? error).slice(0, 80) });
  }
  let records: Record<string, unknown>[] = [];
  let chosen: ReturnType<typeof dbfEncoding> | null = null;
  if (parts.dbf) {
    chosen = dbfEncoding(parts.dbf, { ...(options.encoding ? { explicit: options.encoding } : {}), ...(parts.cpg ? { cpg: parts.cpg } : {}) });
    try {
      records = parseDbf(view(parts.dbf), chosen.encoding) as Record<string, unknown>[];
    } catch (error) {
      throw new InputError({ code: 'E_FORMAT', file, path: '.dbf', expected: '可读的 .dbf 属性表', actual: String((error as Error).message ?? error).slice(0, 80) });
    }
    if (records.length !== geometries.length) {
      throw new InputError({ code: 'E_FORMAT', file, path: '.dbf', expected: `与 .shp 相同的记录数（${geometries.length}）`, actual: `${records.length} 条记录` });
    }
  }
  const features = geometries.map((geometry, i) => ({ type: 'Feature', geometry, properties: records[i] ?? {} }));
  return { geojson: { type: 'FeatureCollection', features }, encoding: chosen?.encoding ?? 'none', encodingSource: chosen?.source ?? null, reprojected: parts.prj !== undefined };
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
