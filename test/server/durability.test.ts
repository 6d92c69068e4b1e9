/**
 * Durability (issue 19): an acknowledged write survives `kill -9` of the server. A child-process
 * server takes a stream of writes from several clients; it is killed with SIGKILL in the middle;
 * a restarted server on the same database has every write that was acknowledged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProblemRow, StatusRow } from '../../src/api/index.ts';
import { ADMIN_PASSWORD, DB_KIND, freshPostgresDatabase, signedIn } from './harness.ts';

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const cleanup of cleanups) await cleanup();
});

/** Starts `src/server/main.ts --api-only` as a child process; resolves with its base URL once it listens. */
function startChild(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--api-only'], {
    env: { ...process.env, LIANPIAN_ADMIN_PASSWORD: ADMIN_PASSWORD, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve({ child, base: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe(`durability on ${DB_KIND}`, () => {
  it('every write acknowledged before kill -9 is there after a restart', async () => {
    const env: NodeJS.ProcessEnv = {};
    if (process.env.DATABASE_URL) {
      const { url, drop } = await freshPostgresDatabase(process.env.DATABASE_URL);
      env.DATABASE_URL = url;
      cleanups.push(drop);
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'lianpian-durability-'));
      env.LIANPIAN_DATA_DIR = dir;
      env.DATABASE_URL = '';
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    }
    const first = await startChild(env);
    const admin = await signedIn(first.base, 'admin', ADMIN_PASSWORD);
    const code = '330302006044';

    // Four writers: three report problems, one keeps editing a status row; each records what was acknowledged.
    const acknowledged: string[] = [];
    let lastStatus: StatusRow | null = null;
    let stop = false;
    const problemWriter = async (writer: number) => {
      for (let i = 0; !stop; i++) {
        const description = `writer ${writer} write ${i}`;
        const response = await admin.request('POST', '/api/campaigns/lucheng/problems', { code, description, department: null }).catch(() => null);
        if (response?.status === 201) acknowledged.push(description);
        if (!response) return;
      }
    };
    const statusWriter = async () => {
      let row = (await admin.get<StatusRow>(`/api/campaigns/lucheng/communities/${code}`)).body;
      for (let i = 0; !stop; i++) {
        const response = await admin.request<StatusRow>('PATCH', `/api/campaigns/lucheng/communities/${code}`, { version: row.version, changes: { openDisorders: i } }).catch(() => null);
        if (!response) return;
        if (response.status === 200) lastStatus = row = response.body;
      }
    };
    const writers = [problemWriter(1), problemWriter(2), problemWriter(3), statusWriter()];
    // Kill once a good number of writes were acknowledged (bounded in time on a loaded machine).
    const deadline = Date.now() + 20_000;
    while (acknowledged.length < 60 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await exited(first.child);
    expect(acknowledged.length).toBeGreaterThan(10);

    const second = await startChild(env);
    const reader = await signedIn(second.base, 'admin', ADMIN_PASSWORD);
    const stored = new Set((await reader.get<ProblemRow[]>('/api/campaigns/lucheng/problems')).body.map((problem) => problem.description));
    const lost = acknowledged.filter((description) => !stored.has(description));
    expect(lost).toEqual([]);
    const status = (await reader.get<StatusRow>(`/api/campaigns/lucheng/communities/${code}`)).body;
    expect(lastStatus).not.toBeNull();
    // The last acknowledged edit is there (a later unacknowledged one may be too).
    expect(status.version).toBeGreaterThanOrEqual(lastStatus!.version);
    if (status.version === lastStatus!.version) expect(status).toEqual(lastStatus);
    second.child.kill('SIGTERM');
    await exited(second.child);
  }, 240_000);
});
