/**
 * Works' SQL (issue 21): projects with their signed stages and payments, allocations, people
 * responsible and instructors, one function each over a Queryable (parameters only). Rows come
 * back in the core's shapes (ProjectRecord, Allocation, Person, Instructor).
 */
import type { Allocation, Disbursement, Instructor, Person, ProjectEvent, ProjectRecord } from '../../core/index.ts';
import type { Queryable } from '../db/connection.ts';

type Row = Record<string, unknown>;
const asJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());

type StoredProject = Omit<ProjectRecord, 'history' | 'disbursements' | 'version'>;

const disbursementOf = (row: Row): Disbursement => ({
  id: String(row.id),
  at: iso(row.at),
  actor: row.actor as string,
  amountWan: Number(row.amount_wan),
  note: row.note as string,
  override: row.override_reason === null ? null : { reason: row.override_reason as string },
});

async function assemble(db: Queryable, campaignId: string, rows: Row[]): Promise<ProjectRecord[]> {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((row) => row.id));
  const events = await db.query('select project_id, event from project_events where campaign_id = $1 and project_id in (select jsonb_array_elements_text($2::jsonb)) order by id', [campaignId, ids]);
  const payments = await db.query('select * from disbursements where campaign_id = $1 and project_id in (select jsonb_array_elements_text($2::jsonb)) order by id', [campaignId, ids]);
  return rows.map((row) => ({
    ...asJson<StoredProject>(row.data),
    stage: row.stage as ProjectRecord['stage'],
    history: events.filter((event) => event.project_id === row.id).map((event) => asJson<ProjectEvent>(event.event)),
    disbursements: payments.filter((payment) => payment.project_id === row.id).map(disbursementOf),
    version: Number(row.version),
  }));
}

export async function listProjects(db: Queryable, campaignId: string): Promise<ProjectRecord[]> {
  return assemble(db, campaignId, await db.query('select * from projects where campaign_id = $1 order by number', [campaignId]));
}

export async function getProject(db: Queryable, campaignId: string, id: string, lock = false): Promise<ProjectRecord | null> {
  const rows = await db.query(`select * from projects where campaign_id = $1 and id = $2${lock ? ' for update' : ''}`, [campaignId, id]);
  return (await assemble(db, campaignId, rows))[0] ?? null;
}

const stored = ({ history: _history, disbursements: _disbursements, version: _version, ...rest }: ProjectRecord): StoredProject => rest;

/** Inserts a project with its history and payments as given (the seed). */
export async function insertProject(tx: Queryable, campaignId: string, record: ProjectRecord): Promise<void> {
  await tx.query('insert into projects (campaign_id, id, number, stage, source, street, data, version) values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)', [
    campaignId, record.id, record.number, record.stage, record.source, record.street, JSON.stringify(stored(record)), record.version,
  ]);
  for (const event of record.history) await insertProjectEvent(tx, campaignId, record.id, event);
  for (const payment of record.disbursements) await insertDisbursement(tx, campaignId, record.id, payment);
}

/** Writes the project's row as `record` (its version is the new one); false when the stored version is not `record.version - 1`. */
export async function updateProject(tx: Queryable, campaignId: string, record: ProjectRecord): Promise<boolean> {
  const rows = await tx.query('update projects set stage = $3, data = $4::jsonb, version = $5, updated_at = now() where campaign_id = $1 and id = $2 and version = $5 - 1 returning id', [
    campaignId, record.id, record.stage, JSON.stringify(stored(record)), record.version,
  ]);
  return rows.length === 1;
}

export async function insertProjectEvent(tx: Queryable, campaignId: string, projectId: string, event: ProjectEvent): Promise<void> {
  await tx.query('insert into project_events (campaign_id, project_id, event, at) values ($1, $2, $3::jsonb, $4)', [campaignId, projectId, JSON.stringify(event), event.at]);
}

/** Stores a payment; returns it with the id the database gave it. */
export async function insertDisbursement(tx: Queryable, campaignId: string, projectId: string, payment: Disbursement): Promise<Disbursement> {
  const [row] = await tx.query('insert into disbursements (campaign_id, project_id, amount_wan, note, override_reason, actor, at) values ($1, $2, $3, $4, $5, $6, $7) returning *', [
    campaignId, projectId, payment.amountWan, payment.note, payment.override?.reason ?? null, payment.actor, payment.at,
  ]);
  return disbursementOf(row!);
}

export async function listAllocations(db: Queryable, campaignId: string): Promise<Allocation[]> {
  const rows = await db.query('select source, street, allocated_wan from allocations where campaign_id = $1 order by source, street nulls first', [campaignId]);
  return rows.map((row) => ({ source: row.source as string, street: (row.street as string | null) ?? null, allocatedWan: Number(row.allocated_wan) }));
}

export async function insertAllocation(tx: Queryable, campaignId: string, allocation: Allocation): Promise<void> {
  await tx.query('insert into allocations (campaign_id, source, street, allocated_wan) values ($1, $2, $3, $4)', [campaignId, allocation.source, allocation.street, allocation.allocatedWan]);
}

/** The next project number of the campaign (call inside the write's transaction, after locking the campaign). */
export async function nextProjectNumber(tx: Queryable, campaignId: string): Promise<number> {
  const [row] = await tx.query('select coalesce(max(number), 0) + 1 as next from projects where campaign_id = $1', [campaignId]);
  return Number(row!.next);
}

const withVersion = <T>(row: Row): T & { version: number } => ({ ...asJson<T>(row.data), version: Number(row.version) });

export async function listPeople(db: Queryable, campaignId: string): Promise<Person[]> {
  return (await db.query('select data, version from works_people where campaign_id = $1 order by length(id), id', [campaignId])).map((row) => withVersion<Person>(row));
}

export async function getPerson(db: Queryable, campaignId: string, id: string, lock = false): Promise<Person | null> {
  const [row] = await db.query(`select data, version from works_people where campaign_id = $1 and id = $2${lock ? ' for update' : ''}`, [campaignId, id]);
  return row ? withVersion<Person>(row) : null;
}

/** The next free id of a person (`p<n>`) or an instructor (`i<n>`). */
export async function nextWorksId(tx: Queryable, table: 'works_people' | 'instructors', campaignId: string, prefix: 'p' | 'i'): Promise<string> {
  const [row] = await tx.query(`select coalesce(max(substring(id from 2)::integer), 0) + 1 as next from ${table} where campaign_id = $1 and id ~ $2`, [campaignId, `^${prefix}[0-9]+$`]);
  return `${prefix}${Number(row!.next)}`;
}

/** Writes `person` over the stored one when its version is still `version`; false when stale. */
export async function updatePerson(tx: Queryable, campaignId: string, person: Person, version: number): Promise<boolean> {
  const { version: _version, ...data } = person;
  const rows = await tx.query('update works_people set data = $3::jsonb, version = version + 1 where campaign_id = $1 and id = $2 and version = $4 returning id', [campaignId, person.id, JSON.stringify(data), version]);
  return rows.length === 1;
}

export async function insertPerson(tx: Queryable, campaignId: string, person: Person): Promise<void> {
  const { version: _version, ...data } = person;
  await tx.query('insert into works_people (campaign_id, id, data) values ($1, $2, $3::jsonb)', [campaignId, person.id, JSON.stringify(data)]);
}

export async function listInstructors(db: Queryable, campaignId: string): Promise<Instructor[]> {
  return (await db.query('select data, version from instructors where campaign_id = $1 order by community, id', [campaignId])).map((row) => withVersion<Instructor>(row));
}

export async function getInstructor(db: Queryable, campaignId: string, id: string, lock = false): Promise<Instructor | null> {
  const [row] = await db.query(`select data, version from instructors where campaign_id = $1 and id = $2${lock ? ' for update' : ''}`, [campaignId, id]);
  return row ? withVersion<Instructor>(row) : null;
}

export async function insertInstructor(tx: Queryable, campaignId: string, instructor: Instructor): Promise<void> {
  const { version: _version, activity: _activity, ...data } = instructor;
  await tx.query('insert into instructors (campaign_id, id, community, data) values ($1, $2, $3, $4::jsonb)', [campaignId, instructor.id, instructor.community, JSON.stringify(data)]);
}

/** Writes `instructor` over the stored one when its version is still `version`; false when stale. */
export async function updateInstructor(tx: Queryable, campaignId: string, instructor: Instructor, version: number): Promise<boolean> {
  const { version: _version, activity: _activity, ...data } = instructor;
  const rows = await tx.query('update instructors set data = $3::jsonb, community = $4, version = version + 1 where campaign_id = $1 and id = $2 and version = $5 returning id', [campaignId, instructor.id, JSON.stringify(data), instructor.community, version]);
  return rows.length === 1;
}
