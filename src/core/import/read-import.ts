/**
 * Bytes in → a recognised, decoded file out (or an InputError): the import's first step, shared
 * by the worker and the CLI. Each file's format (GeoJSON, TopoJSON, zipped or loose Shapefile,
 * CSV, XLSX, JSON) and kind (boundaries, status, inspections, campaign, plan) is recognised from
 * its name and content; text is decoded by `decodeText` (UTF-8, UTF-16 BOM, GBK as gb18030).
 */
import { InputError, MAX_INPUT_BYTES, describeValue, inputTooLarge } from '../errors.ts';
import type { Crs } from '../model.ts';
import { decodeText, type TextEncodingChoice } from '../parse/decode.ts';
import { gunzipBounded, isGzip } from '../parse/inflate.ts';
import { parseShapefile, unzipShapefile, type ShapefileParts } from '../parse/shapefile.ts';
import { readCsv, type Table } from '../parse/table.ts';
import { isTopology, topologyToGeoJson } from '../parse/topojson.ts';
import { readXlsx } from '../parse/xlsx.ts';
import { applyMapping, proposeMapping, tableKind, type ColumnMapping, type TableKind } from './column-mapping.ts';

export type ImportKind = 'boundaries' | 'campaign' | TableKind;
export type ImportFormat = 'geojson' | 'topojson' | 'shapefile' | 'csv' | 'xlsx' | 'json';

/** Chinese names of the kinds, for the preview and messages. */
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  boundaries: '社区边界',
  status: '社区状态表',
  inspections: '检查记录',
  campaign: '创建活动配置',
  plan: '示范名单（方案）',
};

/** One file as the user gave it. Loose Shapefile parts (.shp, .dbf, .prj, .cpg) are separate inputs. */
export interface ImportInput {
  name: string;
  bytes: Uint8Array;
}

/** What the user chose for a file in the preview (all optional: detection fills the rest). */
export interface ImportChoices {
  encoding?: TextEncodingChoice;
  /** Coordinates of a boundaries file; default what the file declares, else WGS84. */
  crs?: Crs;
  kind?: ImportKind;
  /** Column mapping of a table (per header); default `proposeMapping`. */
  mapping?: ColumnMapping;
}

export interface ImportedFile {
  /** The name shown to the user (the .shp or .zip for a Shapefile). */
  name: string;
  format: ImportFormat;
  kind: ImportKind;
  /** Encoding used for text (`gb18030` for GBK), with where it came from for a DBF. */
  encoding: string;
  encodingSource?: string;
  /** GeoJSON value for boundaries, a Table (mapping applied) for tables, the text of a campaign file. */
  content: unknown;
  /** The table's header and mapping as read (tables only), for the editable mapping. */
  columns?: { header: string[]; mapping: ColumnMapping };
  notes: string[];
}

const SHAPEFILE_PART = /\.(shp|dbf|prj|cpg|shx)$/i;

/** Groups inputs into logical files: loose Shapefile parts with the same base name become one. */
export function groupImportInputs(inputs: readonly ImportInput[]): { name: string; inputs: ImportInput[] }[] {
  const groups: { name: string; inputs: ImportInput[] }[] = [];
  const shapefiles = new Map<string, { name: string; inputs: ImportInput[] }>();
  for (const input of inputs) {
    if (!SHAPEFILE_PART.test(input.name)) {
      groups.push({ name: input.name, inputs: [input] });
      continue;
    }
    const base = input.name.replace(SHAPEFILE_PART, '').toLowerCase();
    let group = shapefiles.get(base);
    if (!group) {
      group = { name: `${input.name.replace(SHAPEFILE_PART, '')}.shp`, inputs: [] };
      shapefiles.set(base, group);
      groups.push(group);
    }
    group.inputs.push(input);
  }
  return groups;
}

/**
 * Reads one logical file (see `groupImportInputs`).
 * @throws InputError E_FORMAT (unknown kind or broken container), E_ENCODING, E_JSON, E_CSV and
 * the TopoJSON/Shapefile errors; the content itself is validated later by the dataset parsers.
 */
export async function readImportFile(group: { name: string; inputs: readonly ImportInput[] }, choices: ImportChoices = {}): Promise<ImportedFile> {
  const { name } = group;
  let first = group.inputs[0];
  if (!first) throw new InputError({ code: 'E_FORMAT', file: name, expected: '文件内容', actual: '空' });
  const total = group.inputs.reduce((sum, input) => sum + input.bytes.length, 0);
  if (total > MAX_INPUT_BYTES) throw inputTooLarge(name, total);
  // A gzipped file (e.g. communities.geojson.gz) is read as what it contains.
  if (isGzip(first.bytes)) {
    // Inflated under a running byte count (the gzip's own size field is not trusted).
    first = { name: first.name.replace(/\.gz$/i, ''), bytes: gunzipBounded(first.bytes, name) };
  }
  const lower = name.toLowerCase().replace(/\.gz$/, '');

  if (lower.endsWith('.zip') || (lower.endsWith('.shp') && group.inputs.some((input) => /\.shp$/i.test(input.name)))) {
    const parts = lower.endsWith('.zip') ? await unzipShapefile(first.bytes, name) : looseShapefile(group.inputs, name);
    const result = await parseShapefile(parts, { file: name, ...(choices.encoding ? { encoding: choices.encoding } : {}) });
    return { name, format: 'shapefile', kind: 'boundaries', encoding: result.encoding, ...(result.encodingSource ? { encodingSource: result.encodingSource } : {}), content: withCrs(result.geojson, choices.crs), notes: result.reprojected ? ['已按 .prj 坐标系转换为 WGS84 经纬度'] : [] };
  }
  if (SHAPEFILE_PART.test(lower)) throw new InputError({ code: 'E_FORMAT', file: name, expected: '与 .dbf/.prj 一起提供的 .shp 文件（或整个 Shapefile 的 .zip 压缩包）', actual: '缺少 .shp' });
  if (lower.endsWith('.xlsx')) {
    const table = await readXlsx(first.bytes, name);
    return tableFile(name, 'xlsx', 'xlsx', table, choices);
  }
  if (lower.endsWith('.xls')) throw new InputError({ code: 'E_FORMAT', file: name, expected: '.xlsx 或 .csv 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）', actual: '.xls' });

  const decoded = decodeText(first.bytes, { file: name, ...(choices.encoding ? { encoding: choices.encoding } : {}) });
  const looksJson = /\.(geo|topo)?json$/i.test(lower) || /^\s*[{[]/.test(decoded.text.slice(0, 100));
  if (looksJson) {
    let value: unknown;
    try {
      value = JSON.parse(decoded.text);
    } catch (error) {
      throw new InputError({ code: 'E_JSON', file: name, expected: '合法的 JSON 文本', actual: (error as Error).message.slice(0, 120) });
    }
    if (isTopology(value)) return { name, format: 'topojson', kind: 'boundaries', encoding: decoded.encoding, content: withCrs(topologyToGeoJson(value, { file: name }), choices.crs), notes: [] };
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    if (type === 'FeatureCollection' || type === 'Feature' || type === 'Polygon' || type === 'MultiPolygon' || choices.kind === 'boundaries') {
      const collection = type === 'Polygon' || type === 'MultiPolygon' ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: value }] } : value;
      return { name, format: 'geojson', kind: 'boundaries', encoding: decoded.encoding, content: withCrs(collection, choices.crs), notes: [] };
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { name, format: 'json', kind: 'campaign', encoding: decoded.encoding, content: decoded.text, notes: [] };
    throw new InputError({ code: 'E_FORMAT', file: name, path: 'type', expected: 'GeoJSON（FeatureCollection/Feature）、TopoJSON 或创建活动配置对象', actual: describeValue(type ?? value) });
  }
  return tableFile(name, 'csv', decoded.encoding, readCsv(decoded.text, name), choices);
}

function tableFile(name: string, format: 'csv' | 'xlsx', encoding: string, table: Table, choices: ImportChoices): ImportedFile {
  const chosen = choices.kind && choices.kind !== 'boundaries' && choices.kind !== 'campaign' ? choices.kind : undefined;
  const kind = chosen ?? tableKind(table.header);
  if (!kind) {
    throw new InputError({ code: 'E_FORMAT', file: name, path: '表头（第 1 行）', expected: '可识别的表格：状态表（社区代码、社区名称…）、检查记录（检查日期、得分…）或示范名单（社区代码、是否示范）', actual: `表头为 ${table.header.join(', ')}` });
  }
  const mapping = choices.mapping && choices.mapping.length === table.header.length ? choices.mapping : proposeMapping(table.header, kind);
  return { name, format, kind, encoding, content: applyMapping(table, mapping, kind), columns: { header: table.header, mapping }, notes: [] };
}

function looseShapefile(inputs: readonly ImportInput[], name: string): ShapefileParts {
  const part = (ext: string) => inputs.find((input) => input.name.toLowerCase().endsWith(`.${ext}`));
  const text = (ext: string) => {
    const found = part(ext);
    return found ? decodeText(found.bytes, { file: found.name }).text : undefined;
  };
  const shp = part('shp');
  if (!shp) throw new InputError({ code: 'E_FORMAT', file: name, expected: '.shp 文件', actual: inputs.map((input) => input.name).join(', ') });
  const dbf = part('dbf');
  const prj = text('prj');
  const cpg = text('cpg');
  return { shp: shp.bytes, ...(dbf ? { dbf: dbf.bytes } : {}), ...(prj !== undefined ? { prj } : {}), ...(cpg !== undefined ? { cpg } : {}) };
}

/** A user's CRS choice travels with the GeoJSON as the `coordinateSystem` member parseBoundaries reads. */
function withCrs(value: unknown, crs: Crs | undefined): unknown {
  if (!crs || typeof value !== 'object' || value === null) return value;
  return { ...(value as object), coordinateSystem: crs };
}
