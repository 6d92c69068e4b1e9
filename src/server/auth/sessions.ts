/**
 * Sessions: a random 32-byte token in an HttpOnly, SameSite=Strict cookie; the database keeps
 * only its SHA-256, so a leaked database holds no usable token. Expiry slides: a session used
 * within its lifetime is extended (at most once a minute, to spare the database).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/connection.ts';
import * as q from '../db/queries.ts';

export const SESSION_COOKIE = 'lianpian_session';
/** Idle lifetime of a session, in seconds (8 hours: a working day). */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session for `userId`; returns the token for the cookie (never stored). */
export async function startSession(db: Queryable, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await q.insertSession(db, hashToken(token), userId, SESSION_TTL_SECONDS);
  return token;
}

/** How long a resolved session is trusted without asking the database again, in ms. */
export const SESSION_CACHE_MS = 2000;

/**
 * Recently resolved sessions (token hash → user) so that a busy dashboard does not cost a
 * database round trip per request. This process drops entries on logout and on any account
 * change (`clear`); a change made by another server process on the same PostgreSQL takes
 * effect within SESSION_CACHE_MS.
 */
export class SessionCache {
  private entries = new Map<string, { user: q.UserRecord; until: number }>();
  /** Lookups in flight by token hash: the requests of one expired entry share one query. */
  readonly pending = new Map<string, Promise<q.UserRecord | null>>();
  /**
   * Token → its SHA-256, for the tokens of recent requests: a dashboard's every request would
   * otherwise hash its cookie again. Only in this process's memory, like the requests themselves.
   */
  private hashes = new Map<string, string>();

  /** The hash of `token` (hashToken), computed once per token. */
  hashOf(token: string): string {
    let hash = this.hashes.get(token);
    if (hash === undefined) {
      hash = hashToken(token);
      if (this.hashes.size > 10_000) this.hashes.clear();
      this.hashes.set(token, hash);
    }
    return hash;
  }

  get(hash: string): q.UserRecord | null {
    const entry = this.entries.get(hash);
    if (!entry) return null;
    if (entry.until > Date.now()) return entry.user;
    this.entries.delete(hash);
    return null;
  }

  set(hash: string, user: q.UserRecord): void {
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(hash, { user, until: Date.now() + SESSION_CACHE_MS });
  }

  delete(hash: string): void {
    this.entries.delete(hash);
    this.pending.delete(hash);
  }

  clear(): void {
    this.entries.clear();
    this.pending.clear();
  }
}

/** The user of a cookie's token, extending the session; null for an unknown, expired or malformed token. */
export async function resolveSession(db: Queryable, token: string | undefined, cache?: SessionCache): Promise<q.UserRecord | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const hash = cache ? cache.hashOf(token) : hashToken(token);
  const cached = cache?.get(hash);
  if (cached) return cached;
  if (!cache) return lookUp(db, hash);
  // A dashboard's many requests arriving when the entry expired wait for one lookup, not one each.
  let pending = cache.pending.get(hash);
  if (!pending) {
    pending = lookUp(db, hash, cache).finally(() => {
      if (cache.pending.get(hash) === pending) cache.pending.delete(hash);
    });
    cache.pending.set(hash, pending);
  }
  return pending;
}

async function lookUp(db: Queryable, hash: string, cache?: SessionCache): Promise<q.UserRecord | null> {
  const found = await q.sessionUser(db, hash);
  if (!found) return null;
  if (found.secondsLeft < SESSION_TTL_SECONDS - 60) await q.extendSession(db, hash, SESSION_TTL_SECONDS);
  // Not kept when the session was dropped (logout, an account change) while the lookup ran.
  if (cache && cache.pending.has(hash)) cache.set(hash, found.user);
  return found.user;
}

/** Cookie attributes: HttpOnly, SameSite=Strict, path /, Secure behind https. */
export function sessionCookieOptions(secure: boolean, maxAgeSeconds = SESSION_TTL_SECONDS) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure, maxAge: maxAgeSeconds };
}
