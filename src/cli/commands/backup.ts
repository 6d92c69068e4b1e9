/**
 * `lianpian backup FILE` and `lianpian restore FILE`: the campaign server's database (PGlite in
 * LIANPIAN_DATA_DIR / --data-dir, or PostgreSQL at DATABASE_URL / --database-url) to and from a
 * logical dump (JSON, gzip when FILE ends in .gz; src/server/db/backup.ts). The same file
 * restores into either database. Stop the server before using them on a PGlite data directory
 * (one process owns it); on PostgreSQL the backup may run while the server does.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { usageError, type CliIO, type Command } from '../program.ts';

const OPTIONS = { 'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, replace: { type: 'boolean', default: false } } as const;

const BACKUP_USAGE = [
  'Usage: lianpian backup FILE [--data-dir DIR | --database-url URL]',
  '',
  '备份活动服务器的数据库（账号、活动、边界、状态、检查、方案、审计日志）到 FILE（JSON；以 .gz 结尾时压缩）。',
  'Backs up the campaign server database to FILE (JSON, gzip for *.gz). Database: --database-url or',
  'DATABASE_URL (PostgreSQL), else --data-dir or LIANPIAN_DATA_DIR (PGlite, default ./.lianpian).',
  'Stop the server first when the database is PGlite.',
].join('\n');

const RESTORE_USAGE = [
  'Usage: lianpian restore FILE [--data-dir DIR | --database-url URL] [--replace]',
  '',
  '用备份文件恢复数据库（整体替换，在一个事务中完成）。数据库已有数据时须加 --replace。',
  'Restores a backup into the database, replacing everything in one transaction; --replace is',
  'required when the database already holds accounts or campaigns. Sessions end (sign in again).',
].join('\n');

function readArgs(args: string[]) {
  try {
    const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
    if (positionals.length !== 1) return positionals.length === 0 ? 'missing FILE' : `unexpected argument ${JSON.stringify(positionals[1])}`;
    return { file: positionals[0]!, values };
  } catch (error) {
    return (error as Error).message;
  }
}

async function openFromArgs(values: { 'data-dir'?: string; 'database-url'?: string }) {
  const { dbLocationFromEnv, openDb } = await import('../../server/db/connection.ts');
  const env = { ...process.env };
  if (values['database-url']) env.DATABASE_URL = values['database-url'];
  if (values['data-dir']) {
    env.LIANPIAN_DATA_DIR = values['data-dir'];
    if (!values['database-url']) delete env.DATABASE_URL;
  }
  const location = dbLocationFromEnv(env);
  return { db: await openDb(location), where: location.kind === 'pglite' ? `PGlite ${location.dataDir}` : 'PostgreSQL' };
}

export const backupCommand: Command = {
  name: 'backup',
  summary: '备份活动服务器的数据库 (back up the campaign server database)',
  usage: BACKUP_USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const read = readArgs(args);
    if (typeof read === 'string') return usageError(io, read, BACKUP_USAGE);
    const { dumpDatabase, backupCounts } = await import('../../server/db/backup.ts');
    const { migrate } = await import('../../server/db/migrate.ts');
    const { db, where } = await openFromArgs(read.values);
    try {
      await migrate(db);
      const backup = await dumpDatabase(db);
      const text = JSON.stringify(backup);
      const bytes = read.file.endsWith('.gz') ? gzipSync(text) : Buffer.from(text);
      // Written beside and renamed: a crash never leaves half a backup under the name.
      writeFileSync(`${read.file}.tmp`, bytes);
      renameSync(`${read.file}.tmp`, read.file);
      io.out(`已备份 ${where} → ${read.file}（${bytes.length} 字节）${JSON.stringify(backupCounts(backup))}\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: '用备份文件恢复活动服务器的数据库 (restore the campaign server database)',
  usage: RESTORE_USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const read = readArgs(args);
    if (typeof read === 'string') return usageError(io, read, RESTORE_USAGE);
    let backup: unknown;
    try {
      const bytes = readFileSync(read.file);
      backup = JSON.parse((bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8'));
    } catch (error) {
      io.err(`E_ARGUMENT: 无法读取备份文件 ${read.file}: ${(error as Error).message}\n`);
      return 1;
    }
    const { restoreDatabase, hasData, backupCounts } = await import('../../server/db/backup.ts');
    const { db, where } = await openFromArgs(read.values);
    try {
      if (!read.values.replace && (await hasData(db))) {
        io.err(`E_ARGUMENT: ${where} 中已有数据；确认整体替换请加 --replace (the database holds data: add --replace)\n`);
        return 1;
      }
      try {
        await restoreDatabase(db, backup);
      } catch (error) {
        io.err(`E_INPUT: ${(error as Error).message}\n`);
        return 1;
      }
      io.out(`已恢复 ${read.file} → ${where} ${JSON.stringify(backupCounts(backup as never))}\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
