/**
 * Applies the plain-SQL migrations in ./migrations (NNN_name.sql, in name order) that the
 * database has not seen, each in its own transaction with its row in schema_migrations.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { Db } from './connection.ts';

/** src/server/db/migrations, found from the source (tsx) and from the CLI bundle in dist-cli/. */
const MIGRATIONS_DIR = [new URL('./migrations/', import.meta.url), new URL('../src/server/db/migrations/', import.meta.url)].find((url) => existsSync(url)) ?? new URL('./migrations/', import.meta.url);

/** The migration files, in order. */
export function migrationFiles(): { name: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((name) => /^\d+_.+\.sql$/.test(name))
    .sort()
    .map((name) => ({ name, sql: readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8') }));
}

/** Brings the schema up to date; returns the names applied now. */
export async function migrate(db: Db): Promise<string[]> {
  await db.query('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())');
  const done = new Set((await db.query<{ name: string }>('select name from schema_migrations')).map((row) => row.name));
  const applied: string[] = [];
  for (const { name, sql } of migrationFiles()) {
    if (done.has(name)) continue;
    await db.transaction(async (tx) => {
      // A migration file holds several statements: run them one by one (PGlite's and pg's query take one).
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (name) values ($1)', [name]);
    });
    applied.push(name);
  }
  return applied;
}

/** Statements of a migration file: split at `;` ending a line, `--` comments dropped. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}
