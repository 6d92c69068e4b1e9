/**
 * A dataset: boundaries joined with the status table, inspections and campaign config, plus the
 * per-community facts every view needs (facility count, latest score, trend). All plain data
 * (structured-clone safe). Built by `assembleDataset` (assemble-dataset.ts); this module holds
 * only the types and light helpers, so the page can use them without the parsers.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { BoundarySet, CommunityStatus, Inspection, InputWarning } from './model.ts';
import type { CampaignConfig } from './parse/campaign-config.ts';

/** The file roles a dataset is made of. */
export type DatasetRole = 'communities' | 'streets' | 'district' | 'status' | 'inspections' | 'campaign';

/** One input file's text, with the name users know it by. */
export interface SourceFile {
  role: DatasetRole;
  file: string;
  text: string;
  /**
   * The file already read by the importer (`readImportFile`): a GeoJSON value for boundaries, a
   * Table for status and inspections. Used instead of `text` when present.
   */
  content?: unknown;
  /**
   * The role parser's result for this file when it was already validated (an import preview
   * staged in the worker, or a server's model kept between revisions): a BoundarySet (for the
   * communities, streets and district), StatusTable, InspectionTable or CampaignConfig. Used
   * instead of parsing again, and never modified.
   */
  parsed?: unknown;
}

/** A street (街道) or town (镇) outline. */
export interface StreetFeature {
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

/** Per-community facts derived once from status and inspections. */
export interface CommunityFacts {
  /** Facility items in place, 0–12; null without a status row. */
  facilities: number | null;
  /** Latest inspection score, 0–100; null when never inspected. */
  latestScore: number | null;
  /** Latest score minus the previous one; null with fewer than two inspections. */
  scoreChange: number | null;
  /** Indices into `Dataset.inspections`, oldest first. */
  inspections: number[];
}

export interface Dataset {
  title: string;
  boundaries: BoundarySet;
  streets: StreetFeature[];
  district: (Polygon | MultiPolygon)[];
  /** Status row per boundary feature (same index), null when the table has no row for it. */
  status: (CommunityStatus | null)[];
  /** All inspections, sorted by date then code. */
  inspections: Inspection[];
  facts: CommunityFacts[];
  config: CampaignConfig;
  /** The data's own date: the latest inspection (never the wall clock); null without inspections. */
  asOf: string | null;
  warnings: InputWarning[];
}

/** Which communities are designated demonstration communities in the status table (1 = yes). */
export function baselineSelection(dataset: Pick<Dataset, 'status'>): Uint8Array {
  return Uint8Array.from(dataset.status, (row) => (row?.demo ? 1 : 0));
}

/** Days from `from` to `to` (ISO dates), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The first deadline on or after `asOf` with its remaining days; null when all have passed. */
export function nextDeadline(config: CampaignConfig, asOf: string): { id: string; label: string; date: string; responsible: string; daysLeft: number } | null {
  const upcoming = config.deadlines.filter((deadline) => deadline.date >= asOf).sort((a, b) => (a.date < b.date ? -1 : 1))[0];
  return upcoming ? { ...upcoming, daysLeft: daysBetween(asOf, upcoming.date) } : null;
}
