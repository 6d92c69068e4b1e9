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

/** The user of a cookie's token, extending the session; null for an unknown, expired or malformed token. */
export async function resolveSession(db: Queryable, token: string | undefined): Promise<q.UserRecord | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const hash = hashToken(token);
  const found = await q.sessionUser(db, hash);
  if (!found) return null;
  if (found.secondsLeft < SESSION_TTL_SECONDS - 60) await q.extendSession(db, hash, SESSION_TTL_SECONDS);
  return found.user;
}

/** Cookie attributes: HttpOnly, SameSite=Strict, path /, Secure behind https. */
export function sessionCookieOptions(secure: boolean, maxAgeSeconds = SESSION_TTL_SECONDS) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure, maxAge: maxAgeSeconds };
}
