/**
 * `lianpian backup FILE` / `lianpian restore FILE` (issue 19) on the database the suite runs on,
 * and across databases when DATABASE_URL is set (a PGlite backup restored into PostgreSQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import type { StatusRow } from '../../src/api/index.ts';
import { ADMIN_PASSWORD, Client, DB_KIND, freshPostgresDatabase, signedIn, startTestServer } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'lianpian-backup-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, COMMANDS, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

/** CLI flags and server env of a new empty database of the suite's kind (or PGlite when asked). */
async function freshTarget(kind: 'suite' | 'pglite'): Promise<{ flags: string[]; env: NodeJS.ProcessEnv }> {
  if (kind === 'suite' && process.env.DATABASE_URL) {
    const { url, drop } = await freshPostgresDatabase(process.env.DATABASE_URL);
    cleanups.push(drop);
    return { flags: ['--database-url', url], env: { DATABASE_URL: url } };
  }
  const dataDir = mkdtempSync(join(dir, 'db-'));
  return { flags: ['--data-dir', dataDir], env: { LIANPIAN_DATA_DIR: dataDir, DATABASE_URL: '' } };
}

describe(`lianpian backup and restore on ${DB_KIND}`, () => {
  it('restores every account, row version and audit event into a new database, where the server runs on', async () => {
    const source = await freshTarget('suite');
    const server = await startTestServer(source.env);
    const admin = await signedIn(server.base, 'admin', ADMIN_PASSWORD);
    await admin.request('POST', '/api/users', { username: 'jiefang', password: 'street-password', role: 'street', scope: ['330302006'] });
    const row = (await admin.get<StatusRow>('/api/campaigns/lucheng/communities/330302006044')).body;
    const edited = (await admin.request<StatusRow>('PATCH', '/api/campaigns/lucheng/communities/330302006044', { version: row.version, changes: { responsible: '备份前的责任人' } })).body;
    const audit = (await admin.get<unknown[]>('/api/campaigns/lucheng/audit?limit=1000')).body;
    const features = (await admin.get<{ features: unknown[] }>('/api/campaigns/lucheng/features')).body;
    expect(features.features.length).toBeGreaterThan(0);
    await server.close();

    const file = join(dir, 'campaign-backup.json.gz');
    const backup = await cli(['backup', file, ...source.flags]);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);

    const target = await freshTarget('suite');
    const restore = await cli(['restore', file, ...target.flags]);
    expect(restore.err).toBe('');
    expect(restore.code).toBe(0);
    // Restoring over data needs --replace.
    expect((await cli(['restore', file, ...target.flags])).code).toBe(1);
    expect((await cli(['restore', file, ...target.flags, '--replace'])).code).toBe(0);

    const restored = await startTestServer(target.env);
    const reader = await signedIn(restored.base, 'admin', ADMIN_PASSWORD);
    expect((await reader.get('/api/campaigns/lucheng/communities/330302006044')).body).toEqual(edited);
    // The campaign's features on the map (issue 21) come back as they were.
    expect((await reader.get('/api/campaigns/lucheng/features')).body).toEqual(features);
    // The audit log is restored as it was, plus the reader's own login (account events have no campaign).
    expect((await reader.get<unknown[]>('/api/campaigns/lucheng/audit?limit=1000')).body.slice(1)).toEqual(audit);
    expect((await new Client(restored.base).login('jiefang', 'street-password')).status).toBe(200);
    // New rows continue after the restored ids.
    const created = await reader.request<{ id: number }>('POST', '/api/campaigns/lucheng/problems', { code: '330302006044', description: '恢复后新增', department: null });
    expect(created.status).toBe(201);
    await restored.close();
  });

  it.runIf(process.env.DATABASE_URL)('a PGlite backup restores into PostgreSQL', async () => {
    const source = await freshTarget('pglite');
    const server = await startTestServer(source.env);
    const campaigns = (await new Client(server.base).get('/api/campaigns')).body;
    await server.close();
    const file = join(dir, 'pglite.json');
    expect((await cli(['backup', file, ...source.flags])).code).toBe(0);
    const target = await freshTarget('suite');
    expect((await cli(['restore', file, ...target.flags])).code).toBe(0);
    const restored = await startTestServer(target.env);
    expect((await new Client(restored.base).get('/api/campaigns')).body).toEqual(campaigns);
    await restored.close();
  });

  it('refuses a file that is not a backup, and changes nothing', async () => {
    const target = await freshTarget('pglite');
    const file = join(dir, 'not-a-backup.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    const result = await cli(['restore', file, ...target.flags]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/不是连片数据库备份文件/);
  });
});
