/**
 * Test harness of the API suite: a real server on 127.0.0.1 port 0 over a fresh database —
 * PGlite in memory, or, when DATABASE_URL is set, a new database on that PostgreSQL server
 * (dropped when the server stops) — plus a small cookie-keeping client.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startServer, type RunningServer } from '../../src/server/server.ts';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

/** Which database the suite runs on (the test names say it). */
export const DB_KIND = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

export interface TestServer extends RunningServer {
  base: string;
}

/** A fresh server; `env` adds variables (e.g. LIANPIAN_DATA_DIR for a PGlite on disk). */
export async function startTestServer(env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  let dropDatabase: (() => Promise<void>) | null = null;
  const serverEnv: NodeJS.ProcessEnv = { LIANPIAN_ADMIN_PASSWORD: ADMIN_PASSWORD, HOST: '127.0.0.1', PORT: '0', LIANPIAN_DATA_DIR: 'memory://', ...env };
  if (process.env.DATABASE_URL && env.LIANPIAN_DATA_DIR === undefined && env.DATABASE_URL === undefined) {
    const { url, drop } = await freshPostgresDatabase(process.env.DATABASE_URL);
    serverEnv.DATABASE_URL = url;
    dropDatabase = drop;
  }
  const server = await startServer({ mode: 'api-only', env: serverEnv });
  return {
    ...server,
    base: server.url.replace(/\/$/, ''),
    async close() {
      await server.close();
      await dropDatabase?.();
    },
  };
}

/** Creates a database named after a random id on the server of `url`; `drop` removes it. */
export async function freshPostgresDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lianpian_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface Response<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** A client that keeps its session cookie like a browser (without sending Origin unless told). */
export class Client {
  cookie: string | null = null;

  constructor(readonly base: string) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
    const response = await fetch(this.base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('lianpian_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0]!;
      this.cookie = value === 'lianpian_session=' ? null : value;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: left as text (tests check that errors are JSON)
    }
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }

  async login(username: string, password: string): Promise<Response> {
    return this.request('POST', '/api/login', { username, password });
  }
}

/** A signed-in client. */
export async function signedIn(base: string, username: string, password: string): Promise<Client> {
  const client = new Client(base);
  const response = await client.login(username, password);
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${response.text}`);
  return client;
}
