/**
 * Backup and restore of the whole database, the same way for PGlite and PostgreSQL: a logical
 * dump through the query layer (every table's rows as JSON, in one repeatable-read
 * transaction), restored with jsonb_populate_recordset into a migrated schema. So a backup of the
 * embedded database restores into a PostgreSQL server and back. Sessions are not kept (a restore
 * signs everyone out).
 */
import type { Db } from './connection.ts';
import { migrate } from './migrate.ts';

export const BACKUP_FORMAT = 'lianpian-backup';
export const BACKUP_VERSION = 1;

/** Tables in dependency order (parents first); restore deletes in reverse. */
export const BACKUP_TABLES = [
  'campaigns',
  'boundary_versions',
  'community_status',
  'rounds',
  'round_assignments',
  'inspections',
  'problems',
  'plans',
  'scenarios',
  'users',
  'permissions',
  'audit_events',
  'cases',
  'case_events',
  'referral_slips',
  'photos',
  'projects',
  'project_events',
  'disbursements',
  'allocations',
  'works_people',
  'instructors',
  'campaign_features',
] as const;
/** Tables with a bigserial id whose sequence continues after the restored rows. */
const SERIAL_TABLES = ['inspections', 'problems', 'scenarios', 'users', 'audit_events', 'rounds', 'case_events', 'photos', 'project_events', 'disbursements'] as const;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  createdAt: string;
  database: Db['kind'];
  migrations: string[];
  tables: Record<(typeof BACKUP_TABLES)[number], unknown[]>;
}

/** Reads every table in one consistent snapshot. */
export async function dumpDatabase(db: Db): Promise<Backup> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('set transaction isolation level repeatable read');
    const migrations = (await tx.query<{ name: string }>('select name from schema_migrations order by name')).map((row) => row.name);
    const tables = {} as Backup['tables'];
    for (const table of BACKUP_TABLES) {
      // Rows as JSON built by the database itself: timestamps, arrays and jsonb keep their exact form.
      const [row] = await tx.query<{ rows: unknown[] | null }>(`select json_agg(t) as rows from (select * from ${table} order by 1) t`);
      tables[table] = row?.rows ?? [];
    }
    return { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), database: db.kind, migrations, tables };
  });
}

/** Row counts of a backup, for messages. */
export const backupCounts = (backup: Backup) => Object.fromEntries(BACKUP_TABLES.map((table) => [table, backup.tables[table].length]));

/** True when the database holds any account or campaign. */
export async function hasData(db: Db): Promise<boolean> {
  await migrate(db);
  const [row] = await db.query<{ n: number }>('select (select count(*) from users) + (select count(*) from campaigns) as n');
  return Number(row?.n) > 0;
}

/**
 * Replaces the database's contents with `backup` in one transaction (nothing changes when it fails).
 * @throws Error when `backup` is not a Lianpian backup or names a migration this version does not have.
 */
export async function restoreDatabase(db: Db, backup: unknown): Promise<void> {
  if (!isBackup(backup)) throw new Error('不是连片数据库备份文件（缺少 format: lianpian-backup 或版本不符）');
  const applied = await migrate(db);
  void applied;
  const known = new Set((await db.query<{ name: string }>('select name from schema_migrations')).map((row) => row.name));
  const unknown = backup.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`备份来自更新的版本（未知的数据库迁移：${unknown.join(', ')}），请先升级连片`);
  await db.transaction(async (tx) => {
    await tx.query('delete from sessions');
    for (const table of [...BACKUP_TABLES].reverse()) await tx.query(`delete from ${table}`);
    for (const table of BACKUP_TABLES) {
      const rows = backup.tables[table] ?? [];
      if (rows.length > 0) await tx.query(`insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
    }
    for (const table of SERIAL_TABLES) {
      await tx.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 1), (select count(*) from ${table}) > 0)`);
    }
  });
}

function isBackup(value: unknown): value is Backup {
  const backup = value as Partial<Backup> | null;
  return typeof backup === 'object' && backup !== null && backup.format === BACKUP_FORMAT && backup.version === BACKUP_VERSION && Array.isArray(backup.migrations) && typeof backup.tables === 'object' && backup.tables !== null;
}
