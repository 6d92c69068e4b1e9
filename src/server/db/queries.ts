/**
 * Every SQL statement of the server, one function each, over a Queryable (the database or an
 * open transaction). Parameters only (never string building), so no input reaches SQL as code.
 * Rows come back in the API's shapes (src/api). The same statements run on PGlite and PostgreSQL.
 */
import type { CommunityStatus, Inspection } from '../../core/index.ts';
import type { AuditEvent, CampaignEvent, InspectionRow, SharedPlan, ProblemRow, Role, Scenario, StatusRow, User } from '../../api/index.ts';
import type { CampaignSnapshot } from '../campaign/dataset.ts';
import type { Prepared, Queryable } from './connection.ts';

type Row = Record<string, unknown>;
const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());

// ---- campaigns --------------------------------------------------------------------------------

export interface CampaignRow {
  id: string;
  title: string;
  publicRead: boolean;
  settings: Record<string, unknown>;
  settingsVersion: number;
  revision: number;
}

const campaignOf = (row: Row): CampaignRow => ({
  id: row.id as string,
  title: row.title as string,
  publicRead: row.public_read as boolean,
  settings: row.settings as Record<string, unknown>,
  settingsVersion: Number(row.settings_version),
  revision: Number(row.revision),
});

export async function listCampaigns(db: Queryable): Promise<(CampaignRow & { communities: number })[]> {
  const rows = await db.query(
    `select c.*, (select count(*) from community_status s where s.campaign_id = c.id) as communities from campaigns c order by c.id`,
  );
  return rows.map((row) => ({ ...campaignOf(row), communities: Number(row.communities) }));
}

export async function getCampaign(db: Queryable, id: string): Promise<CampaignRow | null> {
  const [row] = await db.query('select * from campaigns where id = $1', [id]);
  return row ? campaignOf(row) : null;
}

export async function insertCampaign(db: Queryable, campaign: { id: string; title: string; publicRead: boolean; settings: Record<string, unknown> }): Promise<void> {
  await db.query('insert into campaigns (id, title, public_read, settings) values ($1, $2, $3, $4::jsonb)', [campaign.id, campaign.title, campaign.publicRead, json(campaign.settings)]);
}

/** Bumps the campaign's revision (inside a write's transaction); returns the row with the new revision. */
export async function bumpRevision(db: Queryable, id: string): Promise<CampaignRow> {
  const [row] = await db.query('update campaigns set revision = revision + 1 where id = $1 returning *', [id]);
  return campaignOf(row!);
}

/**
 * A write's last statement: appends its audit event, bumps the campaign's revision and stores
 * the write's live event under that revision (with `revision` and `actor` added) — one
 * statement, one round trip; the campaign row stays locked until the transaction commits.
 */
export async function commitWrite(db: Queryable, campaignId: string, actor: string, audit: { action: string; entity: string; before: unknown; after: unknown }, event: object): Promise<CampaignRow> {
  const [row] = await db.query(
    `with audit as (insert into audit_events (campaign_id, actor, action, entity, before, after) values ($1, $2, $3, $4, $5::jsonb, $6::jsonb)),
     bumped as (update campaigns set revision = revision + 1 where id = $1 returning *),
     logged as (insert into campaign_events (campaign_id, revision, event) select id, revision, $7::jsonb || jsonb_build_object('revision', revision, 'actor', $2::text) from bumped)
     select * from bumped`,
    [campaignId, actor, audit.action, audit.entity, json(audit.before ?? null), json(audit.after ?? null), json(event)],
  );
  return campaignOf(row!);
}

/** The stored events of a campaign in (after, upTo] (oldest first). */
export async function eventsBetween(db: Queryable, campaignId: string, after: number, upTo: number): Promise<CampaignEvent[]> {
  const rows = await db.query<{ event: CampaignEvent }>('select event from campaign_events where campaign_id = $1 and revision > $2 and revision <= $3 order by revision', [campaignId, after, upTo]);
  return rows.map((row) => row.event);
}

/** The stored events of a campaign after `revision` (oldest first, at most `limit`), and the oldest revision still stored. */
export async function eventsAfter(db: Queryable, campaignId: string, revision: number, limit: number): Promise<{ events: CampaignEvent[]; oldest: number | null }> {
  const rows = await db.query<{ event: CampaignEvent }>('select event from campaign_events where campaign_id = $1 and revision > $2 order by revision limit $3', [campaignId, revision, limit]);
  const [first] = await db.query<{ revision: string | number | null }>('select min(revision) as revision from campaign_events where campaign_id = $1', [campaignId]);
  return { events: rows.map((row) => row.event), oldest: first?.revision === null || first?.revision === undefined ? null : Number(first.revision) };
}

/** Drops a campaign's events older than the newest `keep`. */
export async function pruneEvents(db: Queryable, campaignId: string, revision: number, keep: number): Promise<void> {
  await db.query('delete from campaign_events where campaign_id = $1 and revision <= $2', [campaignId, revision - keep]);
}

/** Replaces the settings when `version` is current; null when stale. */
export async function updateSettings(db: Queryable, id: string, version: number, settings: Record<string, unknown>, title: string): Promise<CampaignRow | null> {
  const [row] = await db.query(
    'update campaigns set settings = $3::jsonb, title = $4, settings_version = settings_version + 1 where id = $1 and settings_version = $2 returning *',
    [id, version, json(settings), title],
  );
  return row ? campaignOf(row) : null;
}

// ---- boundaries -------------------------------------------------------------------------------

export interface BoundaryVersion {
  version: number;
  file: string;
  communities: unknown;
  streets: unknown | null;
  district: unknown | null;
  createdBy: string;
  createdAt: string;
}

export async function currentBoundaries(db: Queryable, campaignId: string): Promise<BoundaryVersion | null> {
  const [row] = await db.query('select * from boundary_versions where campaign_id = $1 order by version desc limit 1', [campaignId]);
  return row
    ? { version: Number(row.version), file: row.file as string, communities: row.communities, streets: row.streets ?? null, district: row.district ?? null, createdBy: row.created_by as string, createdAt: iso(row.created_at) }
    : null;
}

/** Adds a boundary version after `previous` (null for the first); null when another was added meanwhile. */
export async function insertBoundaries(db: Queryable, campaignId: string, previous: number | null, parts: { file: string; communities: unknown; streets: unknown | null; district: unknown | null }, actor: string): Promise<number | null> {
  const [row] = await db.query(
    `insert into boundary_versions (campaign_id, version, file, communities, streets, district, created_by)
     select $1, coalesce(max(version), 0) + 1, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7 from boundary_versions where campaign_id = $1
     having coalesce(max(version), 0) = coalesce($2::integer, 0)
     returning version`,
    [campaignId, previous, parts.file, json(parts.communities), json(parts.streets), json(parts.district), actor],
  );
  return row ? Number(row.version) : null;
}

// ---- status rows ------------------------------------------------------------------------------

const statusOf = (row: Row): StatusRow => ({ ...(row.data as CommunityStatus), code: row.code as string, version: Number(row.version) });

export async function getStatus(db: Queryable, campaignId: string, code: string): Promise<StatusRow | null> {
  const [row] = await db.query('select code, data, version from community_status where campaign_id = $1 and code = $2', [campaignId, code]);
  return row ? statusOf(row) : null;
}

export async function listStatus(db: Queryable, campaignId: string): Promise<StatusRow[]> {
  return (await db.query('select code, data, version from community_status where campaign_id = $1 order by code', [campaignId])).map(statusOf);
}

/** Writes a status row when `version` is current (the row locked by the update); null when stale or missing. */
export async function updateStatus(db: Queryable, campaignId: string, code: string, version: number, data: CommunityStatus, actor: string): Promise<StatusRow | null> {
  const [row] = await db.query(
    'update community_status set data = $4::jsonb, version = version + 1, updated_by = $5, updated_at = now() where campaign_id = $1 and code = $2 and version = $3 returning code, data, version',
    [campaignId, code, version, json(data), actor],
  );
  return row ? statusOf(row) : null;
}

/**
 * A status edit as one statement (its own transaction): merges `changes` into the row when it is
 * at `version` (facilities merged key by key, as the app's updaters do), and in the same
 * statement appends the audit event, bumps the campaign's revision and stores the live event.
 * No round trip happens while the campaign row is locked. `conflict`: the row as it was read (or
 * null when there is none), when the version was stale.
 */
/** The status write is the hottest statement (every dashboard edit): planned once per connection. */
const PATCH_STATUS: Prepared = { name: 'lianpian_patch_status', types: ['text', 'text', 'integer', 'jsonb', 'text'] };

export async function patchStatus(
  db: Queryable,
  campaignId: string,
  code: string,
  version: number,
  changes: Partial<CommunityStatus>,
  actor: string,
): Promise<{ before: StatusRow; after: StatusRow; campaign: CampaignRow } | { conflict: StatusRow | null }> {
  const [row] = await db.query(
    `with before as (select code, data, version from community_status where campaign_id = $1 and code = $2),
     upd as (
       update community_status s
          set data = (s.data || $4::jsonb) || jsonb_build_object('facilities', coalesce(s.data->'facilities', '{}'::jsonb) || coalesce($4::jsonb->'facilities', '{}'::jsonb), 'code', s.code),
              version = s.version + 1, updated_by = $5, updated_at = now()
        where s.campaign_id = $1 and s.code = $2 and s.version = $3
        returning s.code, s.data, s.version),
     audit as (
       insert into audit_events (campaign_id, actor, action, entity, before, after)
       select $1, $5, 'status.update', 'community:' || $2, b.data || jsonb_build_object('code', b.code, 'version', b.version), u.data || jsonb_build_object('code', u.code, 'version', u.version)
       from upd u, before b),
     bumped as (update campaigns set revision = revision + 1 where id = $1 and exists (select 1 from upd) returning *),
     logged as (
       insert into campaign_events (campaign_id, revision, event)
       select c.id, c.revision, jsonb_build_object('type', 'status', 'code', u.code, 'row', u.data || jsonb_build_object('code', u.code, 'version', u.version), 'revision', c.revision, 'actor', $5::text)
       from bumped c, upd u)
     select c.*, (select to_jsonb(u) from upd u) as after_row, (select to_jsonb(b) from before b) as before_row
     from (select 1) as one left join bumped c on true`,
    [campaignId, code, version, json(changes), actor],
    PATCH_STATUS,
  );
  const before = row?.before_row ? statusOf(row.before_row as Row) : null;
  if (!row || row.id === null || row.id === undefined || !row.after_row || !before) return { conflict: before };
  const { after_row: afterRow, before_row: _before, ...campaign } = row;
  return { before, after: statusOf(afterRow as Row), campaign: campaignOf(campaign) };
}

export async function insertStatusRows(db: Queryable, campaignId: string, rows: readonly CommunityStatus[], actor: string): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into community_status (campaign_id, code, data, updated_by)
     select $1, item->>'code', item, $3 from jsonb_array_elements($2::jsonb) as item`,
    [campaignId, json(rows), actor],
  );
}

export async function deleteStatusRows(db: Queryable, campaignId: string): Promise<void> {
  await db.query('delete from community_status where campaign_id = $1', [campaignId]);
}

// ---- inspections and problems -----------------------------------------------------------------

const inspectionOf = (row: Row): InspectionRow => ({
  id: Number(row.id),
  code: row.code as string,
  date: row.date as string,
  kind: row.kind as Inspection['kind'],
  score: Number(row.score),
  problemsFound: Number(row.problems_found),
  problemsRectified: Number(row.problems_rectified),
  note: row.note as string,
  version: Number(row.version),
  createdBy: row.created_by as string,
});

export async function listInspections(db: Queryable, campaignId: string): Promise<InspectionRow[]> {
  return (await db.query('select * from inspections where campaign_id = $1 order by date, code, id', [campaignId])).map(inspectionOf);
}

export async function insertInspections(db: Queryable, campaignId: string, rows: readonly Inspection[], actor: string): Promise<InspectionRow[]> {
  if (rows.length === 0) return [];
  const inserted = await db.query(
    `insert into inspections (campaign_id, code, date, kind, score, problems_found, problems_rectified, note, created_by)
     select $1, item->>'code', item->>'date', item->>'kind', (item->>'score')::double precision, (item->>'problemsFound')::integer,
            (item->>'problemsRectified')::integer, item->>'note', $3
     from jsonb_array_elements($2::jsonb) as item returning *`,
    [campaignId, json(rows), actor],
  );
  return inserted.map(inspectionOf);
}

const problemOf = (row: Row): ProblemRow => ({
  id: Number(row.id),
  code: row.code as string,
  description: row.description as string,
  department: (row.department as string | null) ?? null,
  answer: (row.answer as string | null) ?? null,
  version: Number(row.version),
  createdBy: row.created_by as string,
  createdAt: iso(row.created_at),
});

export async function listProblems(db: Queryable, campaignId: string): Promise<ProblemRow[]> {
  return (await db.query('select * from problems where campaign_id = $1 order by id', [campaignId])).map(problemOf);
}

export async function getProblem(db: Queryable, campaignId: string, id: number): Promise<ProblemRow | null> {
  const [row] = await db.query('select * from problems where campaign_id = $1 and id = $2', [campaignId, id]);
  return row ? problemOf(row) : null;
}

export async function insertProblem(db: Queryable, campaignId: string, problem: { code: string; description: string; department: string | null }, actor: string): Promise<ProblemRow> {
  const [row] = await db.query('insert into problems (campaign_id, code, description, department, created_by) values ($1, $2, $3, $4, $5) returning *', [campaignId, problem.code, problem.description, problem.department, actor]);
  return problemOf(row!);
}

export async function answerProblem(db: Queryable, campaignId: string, id: number, version: number, answer: string): Promise<ProblemRow | null> {
  const [row] = await db.query('update problems set answer = $4, version = version + 1, updated_at = now() where campaign_id = $1 and id = $2 and version = $3 returning *', [campaignId, id, version, answer]);
  return row ? problemOf(row) : null;
}

// ---- plan and scenarios -----------------------------------------------------------------------

const planOf = (row: Row): SharedPlan => ({ codes: (row.codes as string[] | null) ?? null, version: Number(row.version), updatedBy: row.updated_by as string, updatedAt: iso(row.updated_at) });

export async function getPlan(db: Queryable, campaignId: string): Promise<SharedPlan | null> {
  const [row] = await db.query('select * from plans where campaign_id = $1', [campaignId]);
  return row ? planOf(row) : null;
}

export async function insertPlan(db: Queryable, campaignId: string, codes: readonly string[] | null, actor: string): Promise<void> {
  await db.query('insert into plans (campaign_id, codes, updated_by) values ($1, $2::jsonb, $3)', [campaignId, json(codes), actor]);
}

export async function updatePlan(db: Queryable, campaignId: string, version: number, codes: readonly string[] | null, actor: string): Promise<SharedPlan | null> {
  const [row] = await db.query('update plans set codes = $3::jsonb, version = version + 1, updated_by = $4, updated_at = now() where campaign_id = $1 and version = $2 returning *', [campaignId, version, json(codes), actor]);
  return row ? planOf(row) : null;
}

const scenarioOf = (row: Row): Scenario => ({ id: Number(row.id), name: row.name as string, codes: row.codes as string[], author: row.author as string, version: Number(row.version), savedAt: iso(row.saved_at) });

export async function listScenarios(db: Queryable, campaignId: string): Promise<Scenario[]> {
  return (await db.query('select * from scenarios where campaign_id = $1 order by id', [campaignId])).map(scenarioOf);
}

/** Saves a named scenario, replacing one of the same name; returns it with the replaced one (or null). */
export async function saveScenario(db: Queryable, campaignId: string, name: string, codes: readonly string[], author: string): Promise<{ saved: Scenario; replaced: Scenario | null }> {
  const [old] = await db.query('select * from scenarios where campaign_id = $1 and name = $2 for update', [campaignId, name]);
  const [row] = old
    ? await db.query('update scenarios set codes = $3::jsonb, author = $4, version = version + 1, saved_at = now() where campaign_id = $1 and name = $2 returning *', [campaignId, name, json(codes), author])
    : await db.query('insert into scenarios (campaign_id, name, codes, author) values ($1, $2, $3::jsonb, $4) returning *', [campaignId, name, json(codes), author]);
  return { saved: scenarioOf(row!), replaced: old ? scenarioOf(old) : null };
}

export async function deleteScenario(db: Queryable, campaignId: string, id: number): Promise<Scenario | null> {
  const [row] = await db.query('delete from scenarios where campaign_id = $1 and id = $2 returning *', [campaignId, id]);
  return row ? scenarioOf(row) : null;
}

// ---- users, permissions, sessions -------------------------------------------------------------

export interface UserRecord extends User {
  id: number;
  passwordHash: string;
}

const USER_SELECT = `select u.id, u.username, u.password_hash, u.disabled, u.version, u.created_at, p.role, p.scope
  from users u left join permissions p on p.user_id = u.id and p.campaign_id is null`;

const userOf = (row: Row): UserRecord => ({
  id: Number(row.id),
  username: row.username as string,
  passwordHash: row.password_hash as string,
  role: (row.role as Role | null) ?? 'leader',
  scope: (row.scope as string[] | null) ?? [],
  disabled: row.disabled as boolean,
  version: Number(row.version),
  createdAt: iso(row.created_at),
});

/** The user without the hash, as the API shows it. */
export const publicUser = ({ username, role, scope, disabled, version, createdAt }: UserRecord): User => ({ username, role, scope, disabled, version, createdAt });

export async function findUser(db: Queryable, username: string): Promise<UserRecord | null> {
  const [row] = await db.query(`${USER_SELECT} where u.username = $1`, [username]);
  return row ? userOf(row) : null;
}

export async function listUsers(db: Queryable): Promise<UserRecord[]> {
  return (await db.query(`${USER_SELECT} order by u.id`)).map(userOf);
}

export async function insertUser(db: Queryable, user: { username: string; passwordHash: string; role: Role; scope: readonly string[] }): Promise<UserRecord | null> {
  const [row] = await db.query('insert into users (username, password_hash) values ($1, $2) on conflict (username) do nothing returning id', [user.username, user.passwordHash]);
  if (!row) return null;
  await db.query('insert into permissions (user_id, campaign_id, role, scope) values ($1, null, $2, $3)', [row.id, user.role, [...user.scope]]);
  return findUser(db, user.username);
}

/** Applies changes when `version` is current; null when stale. */
export async function updateUser(db: Queryable, id: number, version: number, changes: { disabled?: boolean; passwordHash?: string; role?: Role; scope?: readonly string[] }): Promise<boolean> {
  const [row] = await db.query(
    'update users set disabled = coalesce($3, disabled), password_hash = coalesce($4, password_hash), version = version + 1 where id = $1 and version = $2 returning id',
    [id, version, changes.disabled ?? null, changes.passwordHash ?? null],
  );
  if (!row) return false;
  if (changes.role !== undefined || changes.scope !== undefined) {
    await db.query('update permissions set role = coalesce($2, role), scope = coalesce($3, scope) where user_id = $1 and campaign_id is null', [id, changes.role ?? null, changes.scope ? [...changes.scope] : null]);
  }
  return true;
}

export async function insertSession(db: Queryable, tokenHash: string, userId: number, ttlSeconds: number): Promise<void> {
  await db.query(`insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(secs => $3))`, [tokenHash, userId, ttlSeconds]);
}

/** The live session's user and how many seconds it has left; null when unknown, expired or disabled. */
export async function sessionUser(db: Queryable, tokenHash: string): Promise<{ user: UserRecord; secondsLeft: number } | null> {
  const [row] = await db.query(
    `select s.user_id, extract(epoch from (s.expires_at - now())) as seconds_left from sessions s join users u on u.id = s.user_id
     where s.token_hash = $1 and s.expires_at > now() and not u.disabled`,
    [tokenHash],
  );
  if (!row) return null;
  const [user] = await db.query(`${USER_SELECT} where u.id = $1`, [row.user_id]);
  return user ? { user: userOf(user), secondsLeft: Number(row.seconds_left) } : null;
}

export async function extendSession(db: Queryable, tokenHash: string, ttlSeconds: number): Promise<void> {
  await db.query('update sessions set expires_at = now() + make_interval(secs => $2) where token_hash = $1', [tokenHash, ttlSeconds]);
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from sessions where token_hash = $1', [tokenHash]);
}

export async function deleteUserSessions(db: Queryable, userId: number): Promise<void> {
  await db.query('delete from sessions where user_id = $1', [userId]);
}

// ---- audit ------------------------------------------------------------------------------------

export async function appendAudit(db: Queryable, event: { campaignId: string | null; actor: string; action: string; entity: string; before: unknown; after: unknown }): Promise<void> {
  await db.query('insert into audit_events (campaign_id, actor, action, entity, before, after) values ($1, $2, $3, $4, $5::jsonb, $6::jsonb)', [
    event.campaignId,
    event.actor,
    event.action,
    event.entity,
    json(event.before ?? null),
    json(event.after ?? null),
  ]);
}

/** Audit events of a campaign (and the account events, campaign null), newest first. */
export async function listAudit(db: Queryable, campaignId: string, limit: number, beforeId: number | null): Promise<AuditEvent[]> {
  const rows = await db.query(
    'select * from audit_events where (campaign_id = $1 or campaign_id is null) and ($3::bigint is null or id < $3) order by id desc limit $2',
    [campaignId, limit, beforeId],
  );
  return rows.map((row) => ({ id: Number(row.id), actor: row.actor as string, action: row.action as string, entity: row.entity as string, before: row.before ?? null, after: row.after ?? null, at: iso(row.at) }));
}

// ---- snapshot ---------------------------------------------------------------------------------

/** Everything the dataset is built from, read in one transaction (a consistent view), with its revision. */
export async function loadSnapshot(
  db: Queryable,
  campaign: CampaignRow,
  cached: (version: number) => Promise<BoundaryVersion | null> = async () => null,
): Promise<{ snapshot: CampaignSnapshot & { boundaries: BoundaryVersion }; boundaryVersion: number; plan: SharedPlan | null } | null> {
  // Boundary versions never change: the caller's copy of the current one saves reading it again.
  const [latest] = await db.query('select max(version) as version from boundary_versions where campaign_id = $1', [campaign.id]);
  if (latest?.version === null || latest?.version === undefined) return null;
  const boundaries = (await cached(Number(latest.version))) ?? (await currentBoundaries(db, campaign.id));
  if (!boundaries) return null;
  const status = await listStatus(db, campaign.id);
  const inspections = await listInspections(db, campaign.id);
  const plan = await getPlan(db, campaign.id);
  return {
    boundaryVersion: boundaries.version,
    plan,
    snapshot: {
      boundaries,
      settings: campaign.settings,
      status: status.map(({ version: _version, ...row }) => row as CommunityStatus),
      inspections: inspections.map(({ id: _id, version: _version, createdBy: _by, ...row }) => row),
    },
  };
}
