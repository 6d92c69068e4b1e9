/**
 * The supervision loop's SQL (issue 20): rounds, phone inspections, cases and their events,
 * referral slips and photos, one function each over a Queryable (parameters only). Rows come
 * back in the core's shapes (CaseRecord) or the API's (RoundRow, InspectionRecord).
 */
import type { InspectionRecord, PhotoInfo, PhotoUpload, RoundBody, RoundRow } from '../../api/index.ts';
import type { CaseEvent, CaseRecord, Inspection, RoundKind, RubricPart, StatusChange } from '../../core/index.ts';
import type { Queryable } from '../db/connection.ts';

type Row = Record<string, unknown>;
const json = (value: unknown) => JSON.stringify(value ?? null);
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());
const asJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

/** Locks the campaign row until the transaction ends: numbering (cases, slips) is then one writer at a time. */
export async function lockCampaign(tx: Queryable, campaignId: string): Promise<void> {
  await tx.query('select id from campaigns where id = $1 for update', [campaignId]);
}

// ---- rounds ----

const roundOf = (row: Row, assignments: Row[]): RoundRow => ({
  id: String(row.id),
  kind: row.kind as RoundKind,
  title: row.title as string,
  start: row.start_day as string,
  end: row.end_day as string,
  communities: assignments.filter((a) => String(a.round_id) === String(row.id) && a.community !== null).map((a) => a.community as string),
  inspectors: assignments.filter((a) => String(a.round_id) === String(row.id) && a.inspector !== null).map((a) => a.inspector as string),
  createdBy: row.created_by as string,
  createdAt: iso(row.created_at),
});

export async function insertRound(tx: Queryable, campaignId: string, round: RoundBody, actor: string): Promise<RoundRow> {
  const [row] = await tx.query('insert into rounds (campaign_id, kind, title, start_day, end_day, created_by) values ($1, $2, $3, $4, $5, $6) returning *', [campaignId, round.kind, round.title, round.start, round.end, actor]);
  const id = Number(row!.id);
  await tx.query(
    `insert into round_assignments (round_id, inspector, community)
     select $1::bigint, value, null::text from jsonb_array_elements_text($2::jsonb) union all select $1::bigint, null::text, value from jsonb_array_elements_text($3::jsonb)`,
    [id, json([...new Set(round.inspectors)]), json([...new Set(round.communities)])],
  );
  return (await getRound(tx, campaignId, String(id)))!;
}

export async function listRounds(db: Queryable, campaignId: string): Promise<RoundRow[]> {
  const rows = await db.query('select * from rounds where campaign_id = $1 order by start_day, id', [campaignId]);
  if (rows.length === 0) return [];
  const assignments = await db.query('select a.* from round_assignments a join rounds r on r.id = a.round_id where r.campaign_id = $1 order by a.community, a.inspector', [campaignId]);
  return rows.map((row) => roundOf(row, assignments));
}

export async function getRound(db: Queryable, campaignId: string, id: string): Promise<RoundRow | null> {
  if (!/^\d{1,15}$/.test(id)) return null;
  const [row] = await db.query('select * from rounds where campaign_id = $1 and id = $2', [campaignId, Number(id)]);
  if (!row) return null;
  return roundOf(row, await db.query('select * from round_assignments where round_id = $1 order by community, inspector', [Number(id)]));
}

export async function deleteRound(tx: Queryable, campaignId: string, id: string): Promise<RoundRow | null> {
  const round = await getRound(tx, campaignId, id);
  if (round) await tx.query('delete from rounds where campaign_id = $1 and id = $2', [campaignId, Number(id)]);
  return round;
}

/** Communities inspected (a phone inspection) in each of the rounds, as `round:code`. */
export async function inspectedInRounds(db: Queryable, campaignId: string, roundIds: readonly string[]): Promise<Set<string>> {
  if (roundIds.length === 0) return new Set();
  const rows = await db.query('select distinct round_id, code from inspections where campaign_id = $1 and round_id in (select value::bigint from jsonb_array_elements_text($2::jsonb))', [campaignId, json(roundIds)]);
  return new Set(rows.map((row) => `${String(row.round_id)}:${row.code as string}`));
}

// ---- photos ----

/** Stores the photos; returns their ids in order. */
export async function insertPhotos(tx: Queryable, campaignId: string, photos: readonly PhotoUpload[], actor: string): Promise<string[]> {
  const ids: string[] = [];
  for (const photo of photos) {
    const match = /^data:(image\/(?:jpeg|png|webp));base64,(.*)$/s.exec(photo.dataUrl)!;
    const data = match[2]!;
    const bytes = Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
    const [row] = await tx.query('insert into photos (campaign_id, mime, data, bytes, taken_at, lon, lat, created_by) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id', [
      campaignId,
      match[1],
      data,
      bytes,
      photo.takenAt ?? null,
      photo.lon ?? null,
      photo.lat ?? null,
      actor,
    ]);
    ids.push(String(row!.id));
  }
  return ids;
}

export async function getPhoto(db: Queryable, campaignId: string, id: string): Promise<(PhotoInfo & { data: Buffer }) | null> {
  if (!/^\d{1,15}$/.test(id)) return null;
  const [row] = await db.query('select * from photos where campaign_id = $1 and id = $2', [campaignId, Number(id)]);
  if (!row) return null;
  return {
    id: String(row.id),
    mime: row.mime as string,
    bytes: Number(row.bytes),
    takenAt: (row.taken_at as string | null) ?? null,
    lon: row.lon === null ? null : Number(row.lon),
    lat: row.lat === null ? null : Number(row.lat),
    createdBy: row.created_by as string,
    createdAt: iso(row.created_at),
    data: Buffer.from(row.data as string, 'base64'),
  };
}

// ---- inspections from the phone ----

export interface PhoneInspection {
  inspection: Inspection;
  roundId: string | null;
  kind: RoundKind;
  items: InspectionRecord['items'];
  rubric: RubricPart[];
  changes: StatusChange[];
  photos: string[];
  clientId: string | null;
}

const inspectionRecordOf = (row: Row, street: (code: string) => string): InspectionRecord => ({
  id: String(row.id),
  community: row.code as string,
  street: street(row.code as string),
  date: row.date as string,
  kind: row.round_kind as RoundKind,
  roundId: row.round_id === null ? null : String(row.round_id),
  items: asJson(row.items),
  note: row.note as string,
  photos: asJson<string[] | null>(row.photos) ?? [],
  score: Number(row.score),
  rubric: asJson(row.rubric),
  statusChanges: asJson(row.status_changes),
  problemsFound: Number(row.problems_found),
  clientId: (row.client_id as string | null) ?? null,
  createdBy: row.created_by as string,
  createdAt: iso(row.created_at),
});

export async function insertPhoneInspection(tx: Queryable, campaignId: string, record: PhoneInspection, actor: string, street: (code: string) => string): Promise<InspectionRecord> {
  const { inspection } = record;
  const [row] = await tx.query(
    `insert into inspections (campaign_id, code, date, kind, score, problems_found, problems_rectified, note, created_by, round_id, round_kind, items, rubric, status_changes, photos, client_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15::jsonb, $16) returning *`,
    [
      campaignId,
      inspection.code,
      inspection.date,
      inspection.kind,
      inspection.score,
      inspection.problemsFound,
      inspection.problemsRectified,
      inspection.note,
      actor,
      record.roundId === null ? null : Number(record.roundId),
      record.kind,
      json(record.items),
      json(record.rubric),
      json(record.changes),
      json(record.photos),
      record.clientId,
    ],
  );
  return inspectionRecordOf(row!, street);
}

/** A phone inspection by id (null for unknown ids and for rows imported from a CSV). */
export async function getPhoneInspection(db: Queryable, campaignId: string, id: string, street: (code: string) => string): Promise<InspectionRecord | null> {
  if (!/^\d{1,15}$/.test(id)) return null;
  const [row] = await db.query('select * from inspections where campaign_id = $1 and id = $2 and round_kind is not null', [campaignId, Number(id)]);
  return row ? inspectionRecordOf(row, street) : null;
}

export async function phoneInspectionByClientId(db: Queryable, campaignId: string, clientId: string, street: (code: string) => string): Promise<InspectionRecord | null> {
  const [row] = await db.query('select * from inspections where campaign_id = $1 and client_id = $2', [campaignId, clientId]);
  return row ? inspectionRecordOf(row, street) : null;
}

/** A community's problems found and rectified over its inspections, and its latest inspection date. */
export async function inspectionHistory(db: Queryable, campaignId: string, code: string): Promise<{ found: number; rectified: number; inspections: number; lastDate: string | null }> {
  const [row] = await db.query('select coalesce(sum(problems_found), 0) as found, coalesce(sum(problems_rectified), 0) as rectified, count(*) as n, max(date) as last from inspections where campaign_id = $1 and code = $2', [campaignId, code]);
  return { found: Number(row!.found), rectified: Number(row!.rectified), inspections: Number(row!.n), lastDate: (row!.last as string | null) ?? null };
}

/** The community's cases closed after `since` (ISO date; null = ever). */
export async function casesClosedSince(db: Queryable, campaignId: string, code: string, since: string | null): Promise<number> {
  const [row] = await db.query("select count(*) as n from cases where campaign_id = $1 and community = $2 and state = 'closed' and ($3::text is null or data->>'closedAt' > $3)", [campaignId, code, since]);
  return Number(row!.n);
}

/** Case numbers opened by each inspection. */
export async function casesOfInspection(db: Queryable, campaignId: string, inspectionId: string): Promise<{ id: string; number: number }[]> {
  const rows = await db.query('select number from cases where campaign_id = $1 and inspection_id = $2 order by number', [campaignId, Number(inspectionId)]);
  return rows.map((row) => ({ id: String(row.number), number: Number(row.number) }));
}

// ---- cases ----

export async function nextCaseNumber(tx: Queryable, campaignId: string): Promise<number> {
  const [row] = await tx.query('select coalesce(max(number), 0) + 1 as next from cases where campaign_id = $1', [campaignId]);
  return Number(row!.next);
}

const caseColumns = (record: CaseRecord) => [
  record.state,
  record.community,
  record.street,
  record.category,
  record.unit.kind,
  record.unit.id,
  record.deadline,
  record.roundId === null ? null : Number(record.roundId),
  record.inspectionId === null ? null : Number(record.inspectionId),
  json({ ...record, history: undefined }),
];

export async function insertCase(tx: Queryable, campaignId: string, record: CaseRecord): Promise<void> {
  await tx.query(
    `insert into cases (campaign_id, number, state, community, street, category, unit_kind, unit_id, deadline, round_id, inspection_id, data)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
    [campaignId, record.number, ...caseColumns(record)],
  );
  for (const event of record.history) await insertCaseEvent(tx, campaignId, record.number, event);
}

async function insertCaseEvent(tx: Queryable, campaignId: string, number: number, event: CaseEvent): Promise<void> {
  await tx.query('insert into case_events (campaign_id, case_number, event, at) values ($1, $2, $3::jsonb, $4)', [campaignId, number, json(event), event.at]);
}

/** Saves a case after one transition (its last history event is the new one). */
export async function updateCase(tx: Queryable, campaignId: string, record: CaseRecord): Promise<void> {
  await tx.query(
    `update cases set state = $3, community = $4, street = $5, category = $6, unit_kind = $7, unit_id = $8, deadline = $9, round_id = $10, inspection_id = $11, data = $12::jsonb,
       version = version + 1, updated_at = now() where campaign_id = $1 and number = $2`,
    [campaignId, record.number, ...caseColumns(record)],
  );
  await insertCaseEvent(tx, campaignId, record.number, record.history.at(-1)!);
}

/** Filters of listCases (all optional). */
export interface CaseFilter {
  state?: string;
  unitKind?: string;
  unitId?: string;
  community?: string;
  category?: string;
  round?: string;
  /** Only cases referred to one of these departments (a department account). */
  departments?: readonly string[];
  numbers?: readonly number[];
}

export async function listCases(db: Queryable, campaignId: string, filter: CaseFilter = {}, lock = false): Promise<CaseRecord[]> {
  const rows = await db.query(
    `select number, data from cases where campaign_id = $1
       and ($2::text is null or state = $2) and ($3::text is null or unit_kind = $3) and ($4::text is null or unit_id = $4)
       and ($5::text is null or community = $5) and ($6::text is null or category = $6) and ($7::text is null or round_id::text = $7)
       and ($8::jsonb is null or (unit_kind = 'department' and unit_id in (select jsonb_array_elements_text($8::jsonb))))
       and ($9::jsonb is null or number in (select value::integer from jsonb_array_elements_text($9::jsonb)))
     order by number${lock ? ' for update' : ''}`,
    [
      campaignId,
      filter.state ?? null,
      filter.unitKind ?? null,
      filter.unitId ?? null,
      filter.community ?? null,
      filter.category ?? null,
      filter.round ?? null,
      filter.departments ? json(filter.departments) : null,
      filter.numbers ? json(filter.numbers.map(String)) : null,
    ],
  );
  if (rows.length === 0) return [];
  const events = await db.query(
    rows.length === 1
      ? 'select case_number, event from case_events where campaign_id = $1 and case_number = $2 order by id'
      : 'select case_number, event from case_events where campaign_id = $1 order by id',
    rows.length === 1 ? [campaignId, Number(rows[0]!.number)] : [campaignId],
  );
  const history = new Map<number, CaseEvent[]>();
  for (const row of events) {
    const number = Number(row.case_number);
    let list = history.get(number);
    if (!list) history.set(number, (list = []));
    list.push(asJson<CaseEvent>(row.event));
  }
  return rows.map((row) => ({ ...asJson<Omit<CaseRecord, 'history'>>(row.data), history: history.get(Number(row.number)) ?? [] }));
}

/** One case (locked for the transaction with `lock`), or null. */
export async function getCase(db: Queryable, campaignId: string, id: string, lock = false): Promise<CaseRecord | null> {
  if (!/^\d{1,9}$/.test(id)) return null;
  const [record] = await listCases(db, campaignId, { numbers: [Number(id)] }, lock);
  return record ?? null;
}

// ---- referral slips ----

export interface ReferralRecord {
  year: number;
  serial: number;
  caseNumber: number;
  department: string;
  issuedAt: string;
}

const referralOf = (row: Row): ReferralRecord => ({ year: Number(row.year), serial: Number(row.serial), caseNumber: Number(row.case_number), department: row.department as string, issuedAt: iso(row.issued_at) });

/** Issues the next slip of `year` (the caller holds the campaign lock). */
export async function insertReferral(tx: Queryable, campaignId: string, year: number, caseNumber: number, department: string, issuedAt: string): Promise<ReferralRecord> {
  const [next] = await tx.query('select coalesce(max(serial), 0) + 1 as serial from referral_slips where campaign_id = $1 and year = $2', [campaignId, year]);
  const [row] = await tx.query('insert into referral_slips (campaign_id, year, serial, case_number, department, issued_at) values ($1, $2, $3, $4, $5, $6) returning *', [
    campaignId,
    year,
    Number(next!.serial),
    caseNumber,
    department,
    issuedAt,
  ]);
  return referralOf(row!);
}

/** Every slip, oldest first (optionally of some departments only). */
export async function listReferrals(db: Queryable, campaignId: string, departments: readonly string[] | null = null): Promise<ReferralRecord[]> {
  const rows = await db.query(
    'select * from referral_slips where campaign_id = $1 and ($2::jsonb is null or department in (select jsonb_array_elements_text($2::jsonb))) order by issued_at, year, serial',
    [campaignId, departments ? json(departments) : null],
  );
  return rows.map(referralOf);
}
