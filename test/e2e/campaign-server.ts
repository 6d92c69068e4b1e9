/**
 * The campaign server for the server-mode tests: the real server (src/server) on 127.0.0.1
 * port 0 over a fresh PGlite in a temporary LIANPIAN_DATA_DIR, seeded with a known
 * LIANPIAN_ADMIN_PASSWORD, serving the app built by global-setup.ts. `close()` stops it and
 * removes the data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { Role } from '../../src/api/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { seed } from '../../src/server/campaign/seed.ts';
import { dbLocationFromEnv, openDb } from '../../src/server/db/connection.ts';
import { migrate } from '../../src/server/db/migrate.ts';

export const ADMIN_PASSWORD = 'e2e-admin-password';

export interface CampaignServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** A JSON call as a signed-in user (cookie from `login`), without an Origin (like the CLI). */
  call<T = unknown>(method: string, path: string, body?: unknown, cookie?: string): Promise<{ status: number; body: T }>;
  /** Signs in and returns the session cookie (`name=value`). */
  login(username: string, password: string): Promise<string>;
  /** Creates a user as the admin. */
  createUser(username: string, password: string, role: Role, scope?: string[]): Promise<void>;
  close(): Promise<void>;
}

export async function startCampaignServer(distDir: string): Promise<CampaignServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianpian-e2e-db-'));
  const env = { LIANPIAN_DATA_DIR: dataDir, LIANPIAN_ADMIN_PASSWORD: ADMIN_PASSWORD };
  const db = await openDb(dbLocationFromEnv(env));
  await migrate(db);
  await seed(db, env);
  const app = await buildApp({ db, spa: async (server) => void (await server.register(fastifyStatic, { root: distDir, prefix: '/', wildcard: true })) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;

  const call: CampaignServer['call'] = async (method, path, body, cookie) => {
    const response = await fetch(new URL(path, url), {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as never };
  };
  const login = async (username: string, password: string) => {
    const response = await fetch(new URL('/api/login', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (response.status !== 200) throw new Error(`login ${username}: HTTP ${response.status}`);
    return response.headers.getSetCookie()[0]!.split(';')[0]!;
  };
  let adminCookie: string | null = null;
  return {
    url,
    call,
    login,
    async createUser(username, password, role, scope = []) {
      adminCookie ??= await login('admin', ADMIN_PASSWORD);
      const { status } = await call('POST', '/api/users', { username, password, role, scope }, adminCookie);
      if (status !== 201) throw new Error(`create user ${username}: HTTP ${status}`);
    },
    async close() {
      await app.close();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
