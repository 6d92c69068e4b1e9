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
  /** True when coordinates were reprojected to WGS84 by the .prj. */
  reprojected: boolean;
  /** What happened with the .prj, in Chinese, for the preview. */
  notes: string[];
}

/**
 * Finds the .shp/.dbf/.prj/.cpg of one layer in a zip archive (the first .shp; `__MACOSX` skipped).
 * @throws InputError E_FORMAT when the bytes are not a zip or hold no .shp.
 */
export async function unzipShapefile(bytes: Uint8Array, file: string): Promise<ShapefileParts> {
  // Every entry is inflated under the one running byte count (a zip bomb stops at the limit).
  const { unzipBounded } = await import('./inflate.ts');
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
  // A .shp header states the file's length (bytes 24–27, big-endian 16-bit words): a shorter file was cut off.
  if (parts.shp.length >= 100) {
    const declared = new DataView(parts.shp.buffer, parts.shp.byteOffset, parts.shp.byteLength).getInt32(24, false) * 2;
    if (declared > parts.shp.length) throw new InputError({ code: 'E_FORMAT', file, path: '.shp', expected: `完整的 .shp 文件（文件头声明 ${declared} 字节）`, actual: `只有 ${parts.shp.length} 字节：文件被截断，请重新导出或复制` });
  } else throw new InputError({ code: 'E_FORMAT', file, path: '.shp', expected: '至少 100 字节文件头的 .shp 文件', actual: `只有 ${parts.shp.length} 字节` });
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
  const projection = prjOutcome(parts, geometries);
  return { geojson: { type: 'FeatureCollection', features }, encoding: chosen?.encoding ?? 'none', encodingSource: chosen?.source ?? null, ...projection };
}

/**
 * Whether the .prj was applied. shpjs gives a .prj it cannot read to proj4, catches the error and
 * returns the coordinates unchanged, so the output is compared with the .shp header's bounding
 * box (bytes 36–67): a first position still inside it was not transformed.
 */
function prjOutcome(parts: ShapefileParts, geometries: readonly unknown[]): { reprojected: boolean; notes: string[] } {
  if (parts.prj === undefined || parts.prj.trim() === '') return { reprojected: false, notes: [] };
  const header = new DataView(parts.shp.buffer, parts.shp.byteOffset, parts.shp.byteLength);
  const [xmin, ymin, xmax, ymax] = [36, 44, 52, 60].map((at) => header.getFloat64(at, true)) as [number, number, number, number];
  const first = firstPosition(geometries);
  const slack = Math.max(xmax - xmin, ymax - ymin, 1) * 1e-9;
  const unchanged = !first || (first[0] >= xmin - slack && first[0] <= xmax + slack && first[1] >= ymin - slack && first[1] <= ymax + slack);
  if (!unchanged) return { reprojected: true, notes: ['已按 .prj 坐标系转换为 WGS84 经纬度'] };
  if (/^\s*GEOGCS\[/i.test(parts.prj)) return { reprojected: false, notes: ['.prj 声明为经纬度坐标，未作转换'] };
  return { reprojected: false, notes: [`.prj 无法识别（${parts.prj.trim().slice(0, 40)}${parts.prj.trim().length > 40 ? '…' : ''}），坐标未转换，按 WGS84 经纬度读取：若位置不对，请检查 .prj 或导出为 WGS84`] };
}

function firstPosition(geometries: readonly unknown[]): [number, number] | undefined {
  for (const geometry of geometries) {
    let value = (geometry as { coordinates?: unknown } | null)?.coordinates;
    while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') return [value[0], value[1]];
  }
  return undefined;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
