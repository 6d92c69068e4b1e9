/**
 * Builds a Dataset from its files through the validation boundary: parses each file, joins status
 * rows and inspections to boundaries by code, and derives the per-community facts.
 */
import { InputError } from './errors.ts';
import { facilityCount, type BoundaryFeature, type BoundarySet, type CommunityStatus, type Inspection, type InputWarning } from './model.ts';
import { parseBoundaries } from './parse/boundaries.ts';
import { defaultCampaignConfig, parseCampaignConfig, type CampaignConfig } from './parse/campaign-config.ts';
import { parseInspections, type InspectionTable } from './parse/inspections.ts';
import { parseStatusTable, type StatusTable } from './parse/status-table.ts';
import { matchRows } from './import/join-report.ts';
import type { Table } from './parse/table.ts';
import type { CommunityFacts, Dataset, DatasetRole, SourceFile, StreetFeature } from './dataset.ts';

/**
 * Validates and joins the files of a dataset. Status rows and inspections are matched to
 * boundaries by code; unmatched rows become warnings, not errors.
 * @throws InputError from the parsers (file, path, field, expectation), or E_ARGUMENT when the
 * communities file is missing.
 */
export function assembleDataset(files: readonly SourceFile[], options: { idField?: string } = {}): Dataset {
  const byRole = (role: DatasetRole) => files.find((file) => file.role === role);
  const communitiesFile = byRole('communities');
  if (!communitiesFile) throw new InputError({ code: 'E_ARGUMENT', expected: '社区边界文件（GeoJSON）', actual: '未提供' });
  const boundaries = (communitiesFile.parsed as BoundarySet | undefined) ?? parseBoundaries(communitiesFile.content ?? communitiesFile.text, { file: communitiesFile.file, ...(options.idField ? { idField: options.idField } : {}) });
  const warnings: InputWarning[] = [...boundaries.warnings];

  const streetsFile = byRole('streets');
  const streets: StreetFeature[] = streetsFile
    ? ((streetsFile.parsed as BoundarySet | undefined) ?? parseBoundaries(streetsFile.content ?? streetsFile.text, { file: streetsFile.file })).features.map((feature) => ({ code: feature.id, name: feature.name, geometry: feature.geometry }))
    : [];
  const districtFile = byRole('district');
  const district = districtFile ? ((districtFile.parsed as BoundarySet | undefined) ?? parseBoundaries(districtFile.content ?? districtFile.text, { file: districtFile.file })).features.map((feature) => feature.geometry) : [];
  const campaignFile = byRole('campaign');
  const config = campaignFile ? ((campaignFile.parsed as CampaignConfig | undefined) ?? parseCampaignConfig(campaignFile.text, campaignFile.file)) : defaultCampaignConfig();

  const indexOf = new Map(boundaries.features.map((feature) => [feature.id, feature.index]));
  const status: (CommunityStatus | null)[] = boundaries.features.map(() => null);
  const statusFile = byRole('status');
  if (statusFile) {
    const table = (statusFile.parsed as StatusTable | undefined) ?? parseStatusTable(tableOf(statusFile), statusFile.file);
    warnings.push(...table.warnings);
    const unknown: string[] = [];
    const byName: string[] = [];
    // By code, else by a unique name (the same join the import preview reports).
    matchRows(boundaries.features, table.rows).forEach((match, i) => {
      const row = table.rows[i]!;
      if (match.index < 0) unknown.push(row.code);
      else {
        const feature = boundaries.features[match.index]!;
        status[match.index] = match.by === 'code' ? row : { ...row, code: feature.id };
        if (match.by === 'name') byName.push(`${row.name}（${row.code} → ${feature.id}）`);
      }
    });
    if (byName.length > 0) warnings.push({ code: 'W_STATUS_MATCHED_BY_NAME', message: `文件 ${statusFile.file} 中 ${byName.length} 行按社区名称关联（代码不一致）：${preview(byName)}` });
    if (unknown.length > 0) warnings.push({ code: 'W_STATUS_UNMATCHED', message: `文件 ${statusFile.file} 中 ${unknown.length} 行的社区代码在边界文件中不存在：${preview(unknown)}` });
    const missing = boundaries.features.filter((feature) => status[feature.index] === null);
    if (missing.length > 0) warnings.push({ code: 'W_STATUS_MISSING', message: `${missing.length} 个社区在状态表中没有记录：${preview(missing.map((feature) => feature.name))}` });
  }

  const inspections: Inspection[] = [];
  const inspectionsFile = byRole('inspections');
  if (inspectionsFile) {
    const table = (inspectionsFile.parsed as InspectionTable | undefined) ?? parseInspections(tableOf(inspectionsFile), inspectionsFile.file);
    warnings.push(...table.warnings);
    const unknown = new Set<string>();
    for (const row of table.rows) {
      if (indexOf.has(row.code)) inspections.push(row);
      else unknown.add(row.code);
    }
    if (unknown.size > 0) warnings.push({ code: 'W_INSPECTIONS_UNMATCHED', message: `文件 ${inspectionsFile.file} 中有 ${unknown.size} 个社区代码在边界文件中不存在：${preview([...unknown])}` });
  }

  return {
    title: config.title,
    boundaries,
    streets,
    district,
    status,
    inspections,
    facts: communityFacts(boundaries.features, status, inspections, indexOf),
    config,
    asOf: inspections.length > 0 ? inspections[inspections.length - 1]!.date : null,
    warnings,
  };
}

function communityFacts(features: readonly BoundaryFeature[], status: readonly (CommunityStatus | null)[], inspections: readonly Inspection[], indexOf: ReadonlyMap<string, number>): CommunityFacts[] {
  const byUnit: number[][] = features.map(() => []);
  inspections.forEach((inspection, i) => byUnit[indexOf.get(inspection.code)!]!.push(i));
  return features.map((feature) => {
    const own = byUnit[feature.index]!;
    const latest = own.length > 0 ? inspections[own[own.length - 1]!]!.score : null;
    const previous = own.length > 1 ? inspections[own[own.length - 2]!]!.score : null;
    const row = status[feature.index];
    return {
      facilities: row ? facilityCount(row) : null,
      latestScore: latest,
      scoreChange: latest !== null && previous !== null ? latest - previous : null,
      inspections: own,
    };
  });
}

/** The file's already read table, else its CSV text. */
function tableOf(file: SourceFile): string | Table {
  return file.content !== undefined ? (file.content as Table) : file.text;
}

function preview(items: readonly string[]): string {
  return items.length <= 5 ? items.join('、') : `${items.slice(0, 5).join('、')} 等`;
}
