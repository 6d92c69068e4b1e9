/**
 * The one place where the server turns a campaign's database rows into the core's Dataset:
 * through the core's own ingest (`assembleDataset` on the stored files; the status rows and
 * inspections written back with the core's own table writers), so the server analyses exactly
 * what the app and the CLI would analyse from the same files. The stored parts are already
 * validated text, so this is the pipeline's assembly step (`readDataset` minus the byte readers);
 * the analysis continues with `openAssembledDataset` (through `analyzeDataset`).
 */
import { assembleDataset, formatInspections, formatStatusTable, type CommunityStatus, type Dataset, type Inspection, type SourceFile } from '../../core/index.ts';

/** A campaign's data as stored: the current boundary version, settings, status rows, inspections. */
export interface CampaignSnapshot {
  boundaries: { file: string; communities: unknown; streets: unknown | null; district: unknown | null };
  settings: Record<string, unknown>;
  status: readonly CommunityStatus[];
  inspections: readonly Inspection[];
}

/** File names the stored parts go by (as in data/lucheng and the CLI's arguments). */
export const STATUS_FILE = 'status.csv';
export const INSPECTIONS_FILE = 'inspections.csv';
export const CAMPAIGN_FILE = 'campaign.json';

/** The source files of a snapshot, in the core's SourceFile shape (also what the project export writes). */
export function snapshotSources(snapshot: CampaignSnapshot): SourceFile[] {
  const geojson = (role: SourceFile['role'], file: string, value: unknown): SourceFile => ({ role, file, text: JSON.stringify(value) });
  const files: SourceFile[] = [geojson('communities', snapshot.boundaries.file, snapshot.boundaries.communities)];
  if (snapshot.boundaries.streets) files.push(geojson('streets', 'streets.geojson', snapshot.boundaries.streets));
  if (snapshot.boundaries.district) files.push(geojson('district', 'district.geojson', snapshot.boundaries.district));
  files.push({ role: 'campaign', file: CAMPAIGN_FILE, text: JSON.stringify(snapshot.settings, null, 2) });
  if (snapshot.status.length > 0) files.push({ role: 'status', file: STATUS_FILE, text: formatStatusTable(snapshot.status) });
  if (snapshot.inspections.length > 0) files.push({ role: 'inspections', file: INSPECTIONS_FILE, text: formatInspections(snapshot.inspections) });
  return files;
}

/**
 * The Dataset of a snapshot.
 * @throws InputError when a stored part no longer passes the core's validation.
 */
export function buildCampaignDataset(snapshot: CampaignSnapshot, sources: readonly SourceFile[] = snapshotSources(snapshot)): Dataset {
  return assembleDataset(sources);
}
