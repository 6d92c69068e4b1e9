/**
 * Bytes in → a recognised, decoded file out (or an InputError): the import's first step, shared
 * by the worker and the CLI. Each file's format (GeoJSON, TopoJSON, zipped or loose Shapefile,
 * CSV, XLSX, JSON) and kind (boundaries, status, inspections, campaign, plan) is recognised from
 * its name and content; text is decoded by `decodeText` (UTF-8, UTF-16 BOM, GBK as gb18030).
 */
import { InputError, MAX_INPUT_BYTES, describeValue, inputTooLarge } from '../errors.ts';
import type { BoundarySet, Crs } from '../model.ts';
import { decodeText, isStrictUtf8, type TextEncodingChoice } from '../parse/decode.ts';
import { parseShapefile, unzipShapefile, type ShapefileParts } from '../parse/shapefile.ts';
import { isObject, ownValue } from '../parse/json.ts';
import { normalizeHeader, readCsv, type Table } from '../parse/table.ts';
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
  /**
   * Boundaries: the property that holds each community's code. Default: the features' own `id`
   * when every feature has one, else the first property named like a code (`code`, `CODE`,
   * 社区代码, 社區代碼, 编码…; see `boundaryIdFields`).
   */
  idField?: string;
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
  /** Boundaries: the property names the features have, and the one ids were taken from (null: the features' own `id`, or none). */
  ids?: { fields: string[]; field: string | null };
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
 * Reads one logical file (see `groupImportInputs`). `scan`: a UTF-8 GeoJSON FeatureCollection
 * may come back as its bytes (`content: Uint8Array`) for `parseBoundaries`' byte scanner.
 * @throws InputError E_FORMAT (unknown kind or broken container), E_ENCODING, E_JSON, E_CSV and
 * the TopoJSON/Shapefile errors; the content itself is validated later by the dataset parsers.
 */
export async function readImportFile(group: { name: string; inputs: readonly ImportInput[] }, choices: ImportChoices = {}, { scan = false }: { scan?: boolean } = {}): Promise<ImportedFile> {
  const { name } = group;
  let first = group.inputs[0];
  if (!first) throw new InputError({ code: 'E_FORMAT', file: name, expected: '文件内容', actual: '空' });
  const total = group.inputs.reduce((sum, input) => sum + input.bytes.length, 0);
  if (total > MAX_INPUT_BYTES) throw inputTooLarge(name, total);
  // A gzipped file (e.g. communities.geojson.gz) is read as what it contains.
  if (first.bytes.length > 2 && first.bytes[0] === 0x1f && first.bytes[1] === 0x8b) {
    // Inflated under a running byte count (the gzip's own size field is not trusted); loaded lazily.
    const { gunzipBounded } = await import('../parse/inflate.ts');
    first = { name: first.name.replace(/\.gz$/i, ''), bytes: gunzipBounded(first.bytes, name) };
  }
  const lower = name.toLowerCase().replace(/\.gz$/, '');

  if (lower.endsWith('.zip') || (lower.endsWith('.shp') && group.inputs.some((input) => /\.shp$/i.test(input.name)))) {
    const parts = lower.endsWith('.zip') ? await unzipShapefile(first.bytes, name) : looseShapefile(group.inputs, name);
    const result = await parseShapefile(parts, { file: name, ...(choices.encoding ? { encoding: choices.encoding } : {}) });
    return boundaryFile({ name, format: 'shapefile', kind: 'boundaries', encoding: result.encoding, ...(result.encodingSource ? { encodingSource: result.encodingSource } : {}), content: withCrs(result.geojson, choices.crs), notes: result.notes }, choices);
  }
  if (SHAPEFILE_PART.test(lower)) throw new InputError({ code: 'E_FORMAT', file: name, expected: '与 .dbf/.prj 一起提供的 .shp 文件（或整个 Shapefile 的 .zip 压缩包）', actual: '缺少 .shp' });
  if (lower.endsWith('.xlsx')) {
    const table = await readXlsx(first.bytes, name);
    return tableFile(name, 'xlsx', 'xlsx', table, choices);
  }
  if (lower.endsWith('.xls')) throw new InputError({ code: 'E_FORMAT', file: name, expected: '.xlsx 或 .csv 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）', actual: '.xls' });

  // With `scan`, a UTF-8 GeoJSON FeatureCollection stays bytes: parseBoundaries' scanner reads
  // them straight into ring arrays, without the whole-file string and object tree (issue 18).
  // The id-field rule is then the caller's (`scanImportedBoundaries`, or open-dataset's check).
  // A UTF-8 TopoJSON likewise: parseBoundaries reads its arcs onto the ring arrays, no GeoJSON.
  const format = scan && choices.idField === undefined ? bytesFormat(first.bytes, lower, choices) : undefined;
  if (format) return { name, format, kind: 'boundaries', encoding: 'utf-8', content: first.bytes, notes: [] };
  const decoded = decodeText(first.bytes, { file: name, ...(choices.encoding ? { encoding: choices.encoding } : {}) });
  const looksJson = /\.(geo|topo)?json$/i.test(lower) || /^\s*[{[]/.test(decoded.text.slice(0, 100));
  if (looksJson) {
    let value: unknown;
    try {
      value = JSON.parse(decoded.text);
    } catch (error) {
      throw new InputError({ code: 'E_JSON', file: name, expected: '合法的 JSON 文本', actual: (error as Error).message.slice(0, 120) });
    }
    if (isTopology(value)) return boundaryFile({ name, format: 'topojson', kind: 'boundaries', encoding: decoded.encoding, content: withCrs(topologyToGeoJson(value, { file: name }), choices.crs), notes: [] }, choices);
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    if (type === 'FeatureCollection' || type === 'Feature' || type === 'Polygon' || type === 'MultiPolygon' || choices.kind === 'boundaries') {
      const collection = type === 'Polygon' || type === 'MultiPolygon' ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: value }] } : value;
      return boundaryFile({ name, format: 'geojson', kind: 'boundaries', encoding: decoded.encoding, content: withCrs(collection, choices.crs), notes: [] }, choices);
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { name, format: 'json', kind: 'campaign', encoding: decoded.encoding, content: decoded.text, notes: [] };
    throw new InputError({ code: 'E_FORMAT', file: name, path: 'type', expected: 'GeoJSON（FeatureCollection/Feature）、TopoJSON 或创建活动配置对象', actual: describeValue(type ?? value) });
  }
  return tableFile(name, 'csv', decoded.encoding, readCsv(decoded.text, name), choices);
}

/** Bytes of the head of a file searched for a GeoJSON FeatureCollection's `type`. */
const GEOJSON_HEAD_BYTES = 4096;

/**
 * Whether a file can go to `parseBoundaries` as bytes, and as what: no coordinate-system,
 * encoding or kind choice that the decoded path applies, a GeoJSON FeatureCollection named
 * .geojson/.json or a TopoJSON Topology named .topojson/.json by its head (neither holds the
 * other's type; a campaign file holds neither), and well-formed UTF-8.
 */
function bytesFormat(bytes: Uint8Array, lower: string, choices: ImportChoices): 'geojson' | 'topojson' | undefined {
  if (choices.crs || (choices.encoding && choices.encoding !== 'auto' && choices.encoding !== 'utf-8') || (choices.kind && choices.kind !== 'boundaries')) return undefined;
  const match = /\.(geo|topo)?json$/.exec(lower);
  if (!match) return undefined;
  // ASCII is all the pattern needs, so the head is read one char per byte.
  const head = String.fromCharCode(...bytes.subarray(0, GEOJSON_HEAD_BYTES));
  if (!/^(\xEF\xBB\xBF)?\s*\{/.test(head)) return undefined;
  const format = match[1] !== 'topo' && /"type"\s*:\s*"FeatureCollection"/.test(head) ? 'geojson' : match[1] !== 'geo' && /"type"\s*:\s*"Topology"/.test(head) ? 'topojson' : undefined;
  return format && isStrictUtf8(bytes) ? format : undefined;
}

function tableFile(name: string, format: 'csv' | 'xlsx', encoding: string, table: Table, choices: ImportChoices): ImportedFile {
  const chosen = choices.kind && choices.kind !== 'boundaries' && choices.kind !== 'campaign' ? choices.kind : undefined;
  const kind = chosen ?? tableKind(table.header);
  if (!kind) {
    throw new InputError({ code: 'E_FORMAT', file: name, path: '表头（第 1 行）', expected: '可识别的表格：状态表（社区代码、社区名称…）、检查记录（检查日期、得分…）或示范名单（社区代码、是否示范）', actual: `表头为 ${table.header.slice(0, 30).map((header) => (header.length > 40 ? `${header.slice(0, 40)}…` : header)).join(', ')}${table.header.length > 30 ? ` …（共 ${table.header.length} 列）` : ''}` });
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

/** Property names that hold a community's code, in order of preference (compared as headers are: case, Simplified/Traditional). */
const CODE_FIELDS = ['code', '社区代码', '社区编码', '代码', '编码', 'communitycode', '统计代码', '区划代码', 'id'];
/** Features whose property names are collected for the id-field choice. */
const FIELD_SAMPLE = 200;

/**
 * The property names of a FeatureCollection's features (from the first FIELD_SAMPLE), for the
 * id-field choice, with the code-like ones first.
 */
export function boundaryIdFields(collection: unknown): string[] {
  const features = ownArray(collection, 'features');
  const fields = new Set<string>();
  for (const feature of features.slice(0, FIELD_SAMPLE)) {
    const properties = ownObject(feature, 'properties');
    if (properties) for (const key of Object.keys(properties)) fields.add(key);
  }
  const rank = (field: string) => {
    const i = CODE_FIELDS.indexOf(normalizeHeader(field));
    return i < 0 ? CODE_FIELDS.length : i;
  };
  return [...fields].sort((a, b) => rank(a) - rank(b));
}

/**
 * Applies the id-field rule to a boundaries file: the chosen property, else the features' own
 * ids when all have one, else the first code-like property (a Shapefile's `CODE` or 社區代碼),
 * copied into each feature's `id`. parseBoundaries then reads ids as usual.
 * @throws InputError E_ID naming the features that lack the chosen (or detected) property.
 */
function boundaryFile(file: ImportedFile, choices: ImportChoices): ImportedFile {
  const features = ownArray(file.content, 'features');
  const fields = boundaryIdFields(file.content);
  const allHaveIds = features.length > 0 && features.every((feature) => idValue(ownValue(feature, 'id')) !== undefined);
  const detected = codeLikeField(fields);
  const field = choices.idField ?? (allHaveIds ? undefined : detected);
  if (field === undefined) return { ...file, ids: { fields, field: null } };
  const missing: number[] = [];
  const withIds = features.map((feature, i) => {
    const id = idValue(ownValue(ownObject(feature, 'properties'), field));
    if (id === undefined) missing.push(i);
    return typeof feature === 'object' && feature !== null ? { ...(feature as object), id } : feature;
  });
  if (missing.length > 0 && choices.idField !== undefined) {
    throw new InputError({ code: 'E_ID', file: file.name, path: `features[${missing[0]}].properties`, field, expected: `每个要素都有「${field}」（社区代码）`, actual: `${missing.length} 个要素没有：features[${missing.slice(0, 5).join('], features[')}]${missing.length > 5 ? ' 等' : ''}` });
  }
  // A detected field that some features lack is not used (parseBoundaries reports the missing ids).
  if (missing.length > 0) return { ...file, ids: { fields, field: null } };
  const note = choices.idField === undefined ? [`社区代码取自属性「${field}」（可在“社区代码字段”中更改）`] : [];
  return { ...file, content: { ...(file.content as object), features: withIds }, ids: { fields, field }, notes: [...file.notes, ...note] };
}

/**
 * The id-field rule of `boundaryFile`, applied to the features of a boundaries file that
 * `readImportFile(…, { scan: true })` kept as bytes and `parseBoundaries`' byte scanner read
 * (their properties are copies of the file's): the ids the preview offers, or undefined when the
 * rule would copy a code-like property (`CODE`, 社区代码…) into the ids, where the object read
 * (`readImportFile` without `scan`) must be used so that nothing differs. The parse itself is
 * the caller's (`scanImportedBoundaries` in preview.ts): this module stays free of the
 * boundary parser, which the main thread's bundle does not carry.
 */
export function scannedBoundaryIds(parsed: BoundarySet): { fields: string[]; field: null } | undefined {
  const fields = boundaryIdFields(parsed);
  const allHaveIds = parsed.features.length > 0 && parsed.idSource === 'id';
  const detected = allHaveIds ? undefined : codeLikeField(fields);
  if (detected !== undefined && parsed.features.every((feature) => idValue(ownValue(feature.properties, detected)) !== undefined)) return undefined;
  return { fields, field: null };
}

/** The first code-like property name (CODE_FIELDS, `id` aside) of `boundaryIdFields`' list. */
function codeLikeField(fields: readonly string[]): string | undefined {
  return fields.find((field) => CODE_FIELDS.includes(normalizeHeader(field)) && normalizeHeader(field) !== 'id');
}

/**
 * Whether the id-field rule (see `boundaryFile`) could copy a property into the ids of a
 * FeatureCollection whose features have `properties`: true when one of the first FIELD_SAMPLE
 * features has a code-like property. When false, the rule leaves the collection as it is, so a
 * byte-scanned read (`readImportFile(…, { scan: true })` then `parseBoundaries`) needs no second,
 * object-tree read to apply it.
 */
export function mayDetectIdField(features: readonly { properties?: unknown }[]): boolean {
  return codeLikeField(boundaryIdFields({ features })) !== undefined;
}

function idValue(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function ownArray(value: unknown, key: string): unknown[] {
  const found = ownValue(value, key);
  return Array.isArray(found) ? found : [];
}

function ownObject(value: unknown, key: string): Record<string, unknown> | undefined {
  const found = ownValue(value, key);
  return isObject(found) ? found : undefined;
}

/** A user's CRS choice travels with the GeoJSON as the `coordinateSystem` member parseBoundaries reads. */
function withCrs(value: unknown, crs: Crs | undefined): unknown {
  if (!crs || typeof value !== 'object' || value === null) return value;
  return { ...(value as object), coordinateSystem: crs };
}
