/**
 * The import preview: every file read, recognised and validated, with its join report against
 * the boundaries it will join (the batch's own, else the current project's), its column mapping,
 * and its problems, before anything is applied. Pure: the worker runs it, the UI shows it.
 */
import { InputError, type InputErrorDetails } from '../errors.ts';
import type { BoundarySet, Crs, InputWarning } from '../model.ts';
import { parseBoundaries } from '../parse/boundaries.ts';
import { parseCampaignConfig } from '../parse/campaign-config.ts';
import { parseInspections } from '../parse/inspections.ts';
import { parsePlanCsv } from '../parse/plan-csv.ts';
import { parseStatusTable } from '../parse/status-table.ts';
import type { Table } from '../parse/table.ts';
import { TABLE_COLUMNS, type MappableColumn } from './column-mapping.ts';
import { joinReport, type JoinReport } from './join-report.ts';
import { groupImportInputs, readImportFile, scannedBoundaryIds, type ImportChoices, type ImportedFile, type ImportFormat, type ImportInput, type ImportKind } from './read-import.ts';

/** A data set lands "far" from the previous one when their centres are further apart than this, in kilometres. */
export const FAR_FROM_PREVIOUS_KM = 50;

export interface FilePreview {
  name: string;
  /** Names of the inputs this file was read from (several for loose Shapefile parts). */
  inputs: string[];
  kind: ImportKind | null;
  format: ImportFormat | null;
  encoding: string | null;
  encodingSource: string | null;
  /** Every problem found (the file is refused when non-empty). */
  errors: InputErrorDetails[];
  warnings: string[];
  notes: string[];
  /** Features (boundaries) or rows (tables). */
  count: number;
  /** Boundaries only: [west, south, east, north] in WGS84, and the coordinate system read. */
  bbox?: [number, number, number, number];
  crs?: Crs;
  /** Boundaries only: distance from the previous boundaries' centre, km, when over FAR_FROM_PREVIOUS_KM. */
  farKm?: number;
  /** Boundaries: the property names of the features and the one the ids come from (the id-field choice). */
  ids?: { fields: string[]; field: string | null };
  /** Tables: header, mapping and the columns it may map to. */
  columns?: { header: string[]; mapping: (string | null)[]; options: readonly MappableColumn[] };
  join?: JoinReport;
  /** Plans: codes of the designated communities. */
  designated?: string[];
}

export interface PreviewContext {
  /** The current project's boundaries (id, name) and bbox; null when there is none. */
  current: { features: readonly { id: string; name: string }[]; bbox: readonly number[] } | null;
}

/** One file as a preview read it: the importer's output and its role parser's validated result. */
export interface PreviewRead {
  /** The choices the file was read with (as given; `kind` only when the user chose it). */
  choices: ImportChoices;
  file: ImportedFile;
  /** BoundarySet, StatusTable, InspectionTable, PlanTable or CampaignConfig, by `file.kind`. */
  parsed: unknown;
}

export interface InspectImportOptions {
  onProgress?: (done: number, total: number, name: string) => void;
  /**
   * A read from an earlier preview of the same batch, for a file whose choices are unchanged
   * (`sameChoices`): reused instead of decoding and parsing the file again.
   */
  reuse?: (name: string, choices: ImportChoices) => PreviewRead | undefined;
}

/** Reads, recognises and validates every file; never throws for bad input (problems go to `errors`). */
export async function previewImport(inputs: readonly ImportInput[], choices: Readonly<Record<string, ImportChoices>>, context: PreviewContext, onProgress?: (done: number, total: number, name: string) => void): Promise<FilePreview[]> {
  return (await inspectImport(inputs, choices, context, onProgress ? { onProgress } : {})).previews;
}

/**
 * `previewImport` with what it read: per logical file name, the importer's output and the
 * validated result, so a confirmed import can be assembled without reading the files again
 * (the worker session stages them by batch id).
 */
export async function inspectImport(inputs: readonly ImportInput[], choices: Readonly<Record<string, ImportChoices>>, context: PreviewContext, options: InspectImportOptions = {}): Promise<{ previews: FilePreview[]; reads: Map<string, PreviewRead> }> {
  const { onProgress } = options;
  const groups = groupImportInputs(inputs);
  const previews: FilePreview[] = [];
  const reads = new Map<string, PreviewRead>();
  let boundaries: { features: readonly { id: string; name: string }[] } | null = null;
  const tables: { preview: FilePreview; table: Table }[] = [];
  for (const [i, group] of groups.entries()) {
    onProgress?.(i, groups.length, group.name);
    const preview: FilePreview = { name: group.name, inputs: group.inputs.map((input) => input.name), kind: null, format: null, encoding: null, encodingSource: null, errors: [], warnings: [], notes: [], count: 0 };
    previews.push(preview);
    const chosen = choices[group.name] ?? {};
    try {
      let read = options.reuse?.(group.name, chosen);
      // A UTF-8 GeoJSON FeatureCollection is read by the byte scanner (no whole-file string, no
      // object tree); the object read runs only where its result could differ (issue 18).
      let file = read?.file ?? (await readImportFile(group, chosen, { scan: true }));
      if (!read && file.content instanceof Uint8Array) {
        const scanned = scanImportedBoundaries(file);
        if (scanned) read = { choices: chosen, file: scanned.file, parsed: scanned.parsed };
        else file = await readImportFile(group, chosen);
      }
      file = read?.file ?? file;
      // What the file is, shown even when its content is refused below.
      Object.assign(preview, { kind: file.kind, format: file.format, encoding: file.encoding, encodingSource: file.encodingSource ?? null, notes: file.notes });
      if (file.columns && file.kind !== 'boundaries' && file.kind !== 'campaign') preview.columns = { ...file.columns, options: TABLE_COLUMNS[file.kind] };
      if (file.ids) preview.ids = file.ids;
      // A table is joined even when its rows are refused.
      if (file.kind !== 'boundaries' && file.kind !== 'campaign') tables.push({ preview, table: file.content as Table });
      read ??= { choices: chosen, file, parsed: parseImported(file) };
      reads.set(group.name, read);
      const { parsed } = read;
      if (file.kind === 'boundaries') {
        const set = parsed as BoundarySet;
        // Boundaries replace the whole project: an empty set would leave nothing to show or plan.
        if (set.features.length === 0) throw new InputError({ code: 'E_GEOJSON_TYPE', file: file.name, path: 'features', expected: '至少一个社区要素（导入边界会替换整个项目）', actual: '空的 FeatureCollection（0 个要素）' });
        Object.assign(preview, { count: set.features.length, bbox: set.bbox, crs: set.sourceCrs, warnings: set.warnings.map((warning) => warning.message) });
        const far = context.current && context.current.features.length > 0 ? centreDistanceKm(context.current.bbox, set.bbox) : 0;
        if (far > FAR_FROM_PREVIOUS_KM) {
          preview.farKm = Math.round(far);
          preview.warnings.push(`这批边界距上一个项目的范围约 ${preview.farKm} 公里：请确认坐标系（WGS84 / GCJ-02 / BD-09）选择正确`);
        }
        boundaries = { features: set.features };
      } else if (file.kind !== 'campaign') {
        preview.count = (file.content as Table).rows.length;
        preview.warnings = (parsed as { warnings: InputWarning[] }).warnings.map((warning) => warning.message);
        if (file.kind === 'plan') preview.designated = (parsed as ReturnType<typeof parsePlanCsv>).designated;
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      preview.errors = error.issues;
    }
  }
  // Tables join the batch's boundaries when it has them, else the current project's.
  const target = boundaries ?? context.current;
  for (const { preview, table } of tables) {
    if (!target) continue;
    const code = table.header.indexOf(TABLE_COLUMNS.status[0]!.label);
    const name = table.header.indexOf(TABLE_COLUMNS.status[1]!.label);
    if (code < 0) continue;
    const report = joinReport(target.features, table.rows.map((row, i) => ({ code: row[code] ?? '', name: name < 0 ? '' : (row[name] ?? ''), line: table.lines[i]! })));
    // Inspections repeat codes by design (one row per round).
    preview.join = preview.kind === 'inspections' ? { ...report, duplicated: [] } : report;
  }
  onProgress?.(groups.length, groups.length, '');
  return { previews, reads };
}

/** Validates a read file with its kind's parser (the same calls `assembleDataset` makes). */
function parseImported(file: ImportedFile): unknown {
  if (file.kind === 'boundaries') return parseBoundaries(file.content, { file: file.name });
  if (file.kind === 'campaign') return parseCampaignConfig(file.content as string, file.name);
  if (file.kind === 'status') return parseStatusTable(file.content as Table, file.name);
  if (file.kind === 'inspections') return parseInspections(file.content as Table, file.name);
  return parsePlanCsv(file.content as Table, file.name);
}

/** Whether two sets of preview choices read a file the same way (a `kind` equal to the detected one is no change). */
export function sameChoices(a: ImportChoices, b: ImportChoices, detected: ImportKind): boolean {
  const key = (choices: ImportChoices) => JSON.stringify([choices.encoding ?? null, choices.crs ?? null, choices.kind ?? detected, choices.mapping ?? null]);
  return key(a) === key(b);
}

/** Great-circle distance between two bbox centres, km. */
function centreDistanceKm(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const [lon1, lat1] = [((a[0]! + a[2]!) / 2) * rad, ((a[1]! + a[3]!) / 2) * rad];
  const [lon2, lat2] = [((b[0]! + b[2]!) / 2) * rad, ((b[1]! + b[3]!) / 2) * rad];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A boundaries file that `readImportFile(…, { scan: true })` kept as bytes, read by
 * `parseBoundaries`' byte scanner, with what the object read would give: the id fields for the
 * preview's id-field choice, and the same BoundarySet. Undefined when the object read must be
 * used instead, so that nothing differs: when the file is refused (its errors, and whether it is
 * boundaries at all, are the object read's), and when the id-field rule copies a property into
 * the ids (`scannedBoundaryIds`). The returned file's `content` stays the bytes.
 */
export function scanImportedBoundaries(file: ImportedFile): { file: ImportedFile; parsed: BoundarySet } | undefined {
  if (!(file.content instanceof Uint8Array)) return undefined;
  let parsed: BoundarySet;
  try {
    parsed = parseBoundaries(file.content, { file: file.name });
  } catch (error) {
    if (error instanceof InputError) return undefined;
    throw error;
  }
  const ids = scannedBoundaryIds(parsed);
  return ids && { file: { ...file, ids }, parsed };
}
