/**
 * The inspection form's data (what an outbox entry holds) and what follows from it: the request
 * body of POST /api/campaigns/:id/inspections and the rubric preview, both through the core
 * (`inspectionOutcome`), so the phone shows the points the server will compute, never typed ones.
 */
import type { InspectionRow, StatusRow, SupervisionInspectionBody } from '../../api/index.ts';
import { FACILITY_ITEMS, inspectionOutcome, supervisionRecordOf, type CampaignConfig, type CommunityStatus, type FacilityKey, type InspectionItems, type PoliceModel, type RoundKind, type RubricScore } from '../../core/index.ts';
import type { OutboxEntry, OutboxPhoto } from '../../app/effects/outbox.ts';
import type { LonLat } from './geo.ts';

/** The checked items, complete (the form starts from the community's status row). */
export interface FormItems {
  facilities: Record<FacilityKey, boolean>;
  facilityAreaM2: number | null;
  /** 0–1; the form shows per cent. */
  lightingRate: number | null;
  openDisorders: number;
  police: PoliceModel;
  drugFree: boolean;
  safeEstate: boolean;
}

/** One problem found: becomes a case on the server. */
export interface ProblemDraft {
  id: string;
  category: string;
  note: string;
  /** Photo id (in the entry's `photos`), null = none yet. */
  photo: string | null;
  /** WGS84; null = the community's centre as the server has it (no boundary on the phone). */
  point: LonLat | null;
  /** Where the point came from: the phone's position, the community's centre, or moved on the map. */
  source: 'gps' | 'centre' | 'map';
}

/** What one outbox entry of the inspector holds. */
export interface InspectionForm {
  communityName: string;
  streetName: string;
  date: string;
  kind: RoundKind;
  roundId: string | null;
  items: FormItems;
  note: string;
  /** Photo ids of the inspection itself (not of a problem). */
  photos: string[];
  problems: ProblemDraft[];
}

/** The form's starting items: the status row as recorded (the inspector changes what differs). */
export function itemsFromStatus(row: StatusRow | null): FormItems {
  return {
    facilities: Object.fromEntries(FACILITY_ITEMS.map((item) => [item.key, row?.facilities[item.key] ?? false])) as Record<FacilityKey, boolean>,
    facilityAreaM2: row?.facilityAreaM2 ?? null,
    lightingRate: row?.lightingRate ?? null,
    openDisorders: row?.openDisorders ?? 0,
    police: row?.police ?? 'none',
    drugFree: row?.drugFree ?? false,
    safeEstate: row?.safeEstate ?? false,
  };
}

/** The status row as the core's CommunityStatus (the row's fields are the core's names). */
export function statusOf(row: StatusRow | null): CommunityStatus | null {
  if (!row) return null;
  const { version: _version, ...status } = row;
  return status;
}

/** The rubric as the core computes it for the form now (this inspection and its problems counted). */
export function previewRubric(form: InspectionForm, code: string, row: StatusRow | null, history: readonly InspectionRow[], config: CampaignConfig): RubricScore {
  return inspectionOutcome(
    statusOf(row),
    { code, name: form.communityName, date: form.date, kind: form.kind, items: form.items as InspectionItems, note: form.note, problemsFound: form.problems.length, problemsRectified: 0 },
    supervisionRecordOf(history, code),
    config,
  ).rubric;
}

/** The request body of an entry, photos given as data URLs by id. */
export function inspectionBody(entry: OutboxEntry<InspectionForm>, dataUrls: ReadonlyMap<string, string>): SupervisionInspectionBody {
  const photoById = new Map(entry.photos.map((photo) => [photo.id, photo]));
  const upload = (id: string) => {
    const photo: OutboxPhoto | undefined = photoById.get(id);
    const dataUrl = dataUrls.get(id);
    return photo && dataUrl ? [{ dataUrl, takenAt: photo.takenAt, lon: photo.lon, lat: photo.lat }] : [];
  };
  const form = entry.body;
  return {
    community: entry.community,
    date: form.date,
    kind: form.kind,
    roundId: form.roundId,
    items: form.items,
    note: form.note,
    photos: form.photos.flatMap(upload),
    problems: form.problems.map((problem) => ({ category: problem.category, note: problem.note, lon: problem.point?.[0] ?? null, lat: problem.point?.[1] ?? null, photos: problem.photo ? upload(problem.photo) : [] })),
    clientId: entry.clientId,
  };
}

/** A rate 0–1 as the per cent the form shows (one decimal), '' when unknown. */
export function percentText(rate: number | null): string {
  return rate === null ? '' : String(Math.round(rate * 1000) / 10);
}

/** The per cent typed (0–100) as a rate 0–1; null for an empty field; undefined when not a valid per cent. */
export function rateFromPercent(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 && value <= 100 ? Math.round(value * 10) / 1000 : undefined;
}

/** A non-negative number typed (m²); null for an empty field; undefined when not valid. */
export function areaFromText(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
