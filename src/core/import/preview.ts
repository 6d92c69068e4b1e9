/**
 * The import preview: every file read, recognised and validated, with its join report against
 * the boundaries it will join (the batch's own, else the current project's), its column mapping,
 * and its problems, before anything is applied. Pure: the worker runs it, the UI shows it.
 */
import { InputError, type InputErrorDetails } from '../errors.ts';
import type { Crs } from '../model.ts';
import { parseBoundaries } from '../parse/boundaries.ts';
import { parseCampaignConfig } from '../parse/campaign-config.ts';
import { parseInspections } from '../parse/inspections.ts';
import { parsePlanCsv } from '../parse/plan-csv.ts';
import { parseStatusTable } from '../parse/status-table.ts';
import type { Table } from '../parse/table.ts';
import { TABLE_COLUMNS, type MappableColumn } from './column-mapping.ts';
import { joinReport, type JoinReport } from './join-report.ts';
import { groupImportInputs, readImportFile, type ImportChoices, type ImportFormat, type ImportInput, type ImportKind } from './read-import.ts';

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

/** Reads, recognises and validates every file; never throws for bad input (problems go to `errors`). */
export async function previewImport(inputs: readonly ImportInput[], choices: Readonly<Record<string, ImportChoices>>, context: PreviewContext, onProgress?: (done: number, total: number, name: string) => void): Promise<FilePreview[]> {
  const groups = groupImportInputs(inputs);
  const previews: FilePreview[] = [];
  let boundaries: { features: readonly { id: string; name: string }[] } | null = null;
  const tables: { preview: FilePreview; table: Table }[] = [];
  for (const [i, group] of groups.entries()) {
    onProgress?.(i, groups.length, group.name);
    const preview: FilePreview = { name: group.name, inputs: group.inputs.map((input) => input.name), kind: null, format: null, encoding: null, encodingSource: null, errors: [], warnings: [], notes: [], count: 0 };
    previews.push(preview);
    try {
      const file = await readImportFile(group, choices[group.name] ?? {});
      Object.assign(preview, { kind: file.kind, format: file.format, encoding: file.encoding, encodingSource: file.encodingSource ?? null, notes: file.notes });
      if (file.columns && file.kind !== 'boundaries' && file.kind !== 'campaign') preview.columns = { ...file.columns, options: TABLE_COLUMNS[file.kind] };
      if (file.ids) preview.ids = file.ids;
      if (file.kind === 'boundaries') {
        const set = parseBoundaries(file.content, { file: file.name });
        // Boundaries replace the whole project: an empty set would leave nothing to show or plan.
        if (set.features.length === 0) throw new InputError({ code: 'E_GEOJSON_TYPE', file: file.name, path: 'features', expected: '至少一个社区要素（导入边界会替换整个项目）', actual: '空的 FeatureCollection（0 个要素）' });
        Object.assign(preview, { count: set.features.length, bbox: set.bbox, crs: set.sourceCrs, warnings: set.warnings.map((warning) => warning.message) });
        const far = context.current && context.current.features.length > 0 ? centreDistanceKm(context.current.bbox, set.bbox) : 0;
        if (far > FAR_FROM_PREVIOUS_KM) {
          preview.farKm = Math.round(far);
          preview.warnings.push(`这批边界距上一个项目的范围约 ${preview.farKm} 公里：请确认坐标系（WGS84 / GCJ-02 / BD-09）选择正确`);
        }
        boundaries = { features: set.features };
      } else if (file.kind === 'campaign') {
        parseCampaignConfig(file.content as string, file.name);
      } else {
        tables.push({ preview, table: file.content as Table });
        const parsed = file.kind === 'status' ? parseStatusTable(file.content as Table, file.name) : file.kind === 'inspections' ? parseInspections(file.content as Table, file.name) : parsePlanCsv(file.content as Table, file.name);
        preview.count = (file.content as Table).rows.length;
        preview.warnings = parsed.warnings.map((warning) => warning.message);
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
  return previews;
}

/** Great-circle distance between two bbox centres, km. */
function centreDistanceKm(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const [lon1, lat1] = [((a[0]! + a[2]!) / 2) * rad, ((a[1]! + a[3]!) / 2) * rad];
  const [lon2, lat2] = [((b[0]! + b[2]!) / 2) * rad, ((b[1]! + b[3]!) / 2) * rad];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
