/**
 * The inspector's outbox (issue 20): nothing typed in the field is lost — not by a reload, a
 * crash, a lost network or a rejected write.
 *
 * Every entry lives in IndexedDB from its first keystroke (`saveDraft` writes on every change;
 * photos are kept apart by id so a keystroke does not rewrite them). Submitting moves a draft to
 * the queue; the queue is sent one entry at a time whenever the browser is online: at start, on
 * the `online` event, and after a failure with exponential backoff (jittered, capped). Each entry
 * carries a client id (the server may use it to answer a repeated send once) and the base version
 * of the community's row it was made on.
 *
 * What the server answered decides what happens, and nothing is ever dropped:
 * - 2xx: `sent`, with the server's answer kept (shown as 已发送);
 * - no answer, 408, 429, 5xx: stays `queued`, retried with backoff (待发送);
 * - 401: stays `queued`, paused until the inspector signs in again (`flush()` after sign-in);
 * - 409 with the current row: `conflict` — the community changed meanwhile; shown for review with
 *   both versions, resubmitted on the new base only when the inspector says so;
 * - any other 4xx (400, 403, 404, 422): `rejected`, kept with the server's message for review;
 *   the inspector edits it (back to draft) or deletes it explicitly.
 *
 * Framework-free apart from the browser's IndexedDB (idb) and `online` event, both behind the
 * `OutboxStorage` and `OutboxEnvironment` interfaces so the queue runs in Node against a fake
 * fetch (test/app/outbox.test.ts).
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { ApiError } from '../../api/index.ts';
import { callApi, type Answer, type Fetch } from './server-api.ts';

/** Where an entry stands. */
export type OutboxState = 'draft' | 'queued' | 'sent' | 'rejected' | 'conflict';

/** A photo kept with an entry: the resized bytes and what the camera said (EXIF, read before resizing). */
export interface OutboxPhoto {
  id: string;
  /** MIME type of the stored bytes (image/jpeg after resizing). */
  type: string;
  width: number;
  height: number;
  /** Bytes stored. */
  size: number;
  /** ISO date-time the photo was taken (EXIF DateTimeOriginal), null when the file had none. */
  takenAt: string | null;
  /** WGS84 position from EXIF GPS, null when the file had none. */
  lon: number | null;
  lat: number | null;
}

/** One entry: an inspection (or any write) with its photos, as the inspector made it. */
export interface OutboxEntry<TBody = unknown> {
  /** Client id, made on the phone (idempotent retry). */
  clientId: string;
  campaign: string;
  /** Community code the entry is about. */
  community: string;
  /** Version of the community's row the entry was made on (null = not known). */
  baseVersion: number | null;
  /** What the inspector entered (the form's data). */
  body: TBody;
  /** Photos by id; bytes are in the storage's photo store. */
  photos: OutboxPhoto[];
  state: OutboxState;
  /** ISO date-times. */
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  sentAt: string | null;
  /** Failed sends since the last success or edit. */
  attempts: number;
  /** Epoch ms before which the queue does not retry this entry (backoff); null = now. */
  retryAt: number | null;
  /** The last failure (network or server), in Chinese; null = none. */
  error: (ApiError & { status: number }) | null;
  /** The server's current row of a 409 (conflict review). */
  current: unknown;
  /** The server's answer to the accepted write. */
  result: unknown;
}

/** The fields a draft is saved with (the rest is kept or defaulted). */
export type DraftInput<TBody> = Pick<OutboxEntry<TBody>, 'clientId' | 'campaign' | 'community' | 'baseVersion' | 'body' | 'photos'>;

/** Where entries and photo bytes are kept. */
export interface OutboxStorage {
  entries(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(clientId: string): Promise<void>;
  putPhoto(id: string, bytes: Blob): Promise<void>;
  photo(id: string): Promise<Blob | null>;
  removePhoto(id: string): Promise<void>;
}

/** What the queue needs from its host: the network state, a clock, timers and randomness. */
export interface OutboxEnvironment {
  online(): boolean;
  /** Calls `listener` when the network comes back; returns the unsubscriber. */
  onOnline(listener: () => void): () => void;
  now(): number;
  setTimer(callback: () => void, ms: number): () => void;
  random(): number;
}

/** How one entry is sent: resolves to the server's answer (never throws). */
export type SendEntry<TBody> = (entry: OutboxEntry<TBody>, photo: (id: string) => Promise<Blob | null>) => Promise<Answer<unknown>>;

/** The counts the inspector's page shows (待发送 n 条 / 已发送 / 待核对). */
export interface OutboxCounts {
  drafts: number;
  /** Submitted, waiting for the network (待发送). */
  pending: number;
  sent: number;
  /** Rejected or in conflict: waiting for the inspector (待核对). */
  review: number;
}

export interface Outbox<TBody> {
  /** Entries, newest first (a copy of what is stored). */
  entries(): OutboxEntry<TBody>[];
  counts(): OutboxCounts;
  /** True while a send is in flight. */
  sending(): boolean;
  subscribe(listener: () => void): () => void;
  /** Creates or updates a draft; stored before it resolves. A queued, rejected or conflicting entry becomes a draft again. */
  saveDraft(input: DraftInput<TBody>): Promise<OutboxEntry<TBody>>;
  /** Stores a photo's bytes (call before saving the draft that names it). */
  putPhoto(id: string, bytes: Blob): Promise<void>;
  photo(id: string): Promise<Blob | null>;
  /** A draft (or a rejected entry) goes to the queue and the queue is sent if online. */
  submit(clientId: string): Promise<void>;
  /** A conflict is resubmitted on the server's current row (`baseVersion` from `current.version`). */
  resubmitOnCurrent(clientId: string): Promise<void>;
  /** Deletes an entry and its photos (only ever on the inspector's explicit request). */
  discard(clientId: string): Promise<void>;
  /** Sends every due queued entry now (also after sign-in: clears the 401 pause). */
  flush(): Promise<void>;
  dispose(): void;
}

export interface OutboxOptions<TBody> {
  storage: OutboxStorage;
  send: SendEntry<TBody>;
  environment: OutboxEnvironment;
  /** First retry delay in ms (doubled per failure). */
  retryBaseMs?: number;
  /** Longest retry delay in ms. */
  retryMaxMs?: number;
}

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;

/** Whether a failed answer is worth retrying by itself (no answer, timeouts, overload, server errors). */
export function isTransient(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** Backoff before retry number `attempts` (1 = first retry), in ms: base·2^(n−1), capped, with ±25 % jitter. */
export function retryDelayMs(attempts: number, random: number, baseMs = RETRY_BASE_MS, maxMs = RETRY_MAX_MS): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(plain * (0.75 + 0.5 * random));
}

/** Counts of entries by what the inspector reads. */
export function outboxCounts(entries: readonly OutboxEntry[]): OutboxCounts {
  const counts: OutboxCounts = { drafts: 0, pending: 0, sent: 0, review: 0 };
  for (const entry of entries) {
    if (entry.state === 'draft') counts.drafts += 1;
    else if (entry.state === 'queued') counts.pending += 1;
    else if (entry.state === 'sent') counts.sent += 1;
    else counts.review += 1;
  }
  return counts;
}

/** Opens the outbox over `storage`: loads what is stored, then sends the queue if online. */
export async function openOutbox<TBody>(options: OutboxOptions<TBody>): Promise<Outbox<TBody>> {
  const { storage, send, environment: env } = options;
  const baseMs = options.retryBaseMs ?? RETRY_BASE_MS;
  const maxMs = options.retryMaxMs ?? RETRY_MAX_MS;
  const byId = new Map<string, OutboxEntry<TBody>>();
  for (const entry of (await storage.entries()) as OutboxEntry<TBody>[]) byId.set(entry.clientId, entry);
  const listeners = new Set<() => void>();
  let inFlight: Promise<void> | null = null;
  let again = false;
  /** Paused by a 401 until `flush()` is called (the inspector signed in again). */
  let signedOut = false;
  let cancelTimer: (() => void) | null = null;
  let disposed = false;

  const iso = () => new Date(env.now()).toISOString();
  const notify = () => listeners.forEach((listener) => listener());
  const write = async (entry: OutboxEntry<TBody>) => {
    byId.set(entry.clientId, entry);
    await storage.put(entry as OutboxEntry);
    notify();
  };
  const mustGet = (clientId: string) => {
    const entry = byId.get(clientId);
    if (!entry) throw new Error(`Outbox entry ${clientId} not found`);
    return entry;
  };

  /** Arms one timer for the earliest backoff among queued entries. */
  const schedule = () => {
    cancelTimer?.();
    cancelTimer = null;
    if (disposed || signedOut) return;
    const due = [...byId.values()].filter((entry) => entry.state === 'queued' && entry.retryAt !== null).map((entry) => entry.retryAt!);
    if (due.length === 0) return;
    const wait = Math.max(0, Math.min(...due) - env.now());
    cancelTimer = env.setTimer(() => {
      cancelTimer = null;
      void run();
    }, wait);
  };

  const sendOne = async (entry: OutboxEntry<TBody>): Promise<'continue' | 'stop'> => {
    const answer = await send(entry, (id) => storage.photo(id));
    // The entry may have been edited back to a draft or discarded while it was in flight.
    const latest = byId.get(entry.clientId);
    if (!latest || latest.state !== 'queued' || latest.updatedAt !== entry.updatedAt) {
      if (answer.ok && latest) await write({ ...latest, result: answer.value, sentAt: iso() });
      return 'continue';
    }
    if (answer.ok) {
      await write({ ...latest, state: 'sent', sentAt: iso(), result: answer.value, error: null, current: null, attempts: 0, retryAt: null });
      return 'continue';
    }
    const error = { ...answer.error, status: answer.status };
    if (answer.status === 401) {
      signedOut = true;
      await write({ ...latest, error: { ...error, message: '登录已过期：请重新登录，登录后自动发送' }, retryAt: null });
      return 'stop';
    }
    if (isTransient(answer.status)) {
      const attempts = latest.attempts + 1;
      await write({ ...latest, attempts, error, retryAt: env.now() + retryDelayMs(attempts, env.random(), baseMs, maxMs) });
      // No answer at all: the network is gone; the rest would fail the same way.
      return answer.status === 0 ? 'stop' : 'continue';
    }
    if (answer.status === 409) {
      await write({ ...latest, state: 'conflict', error, current: answer.error.current ?? null, retryAt: null });
      return 'continue';
    }
    await write({ ...latest, state: 'rejected', error, retryAt: null });
    return 'continue';
  };

  /** Sends due queued entries, oldest submission first, one at a time. */
  const run = (): Promise<void> => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    const pass = async () => {
      // Yield first, so that `inFlight` is set before the pass can finish.
      await Promise.resolve();
      try {
        do {
          again = false;
          if (disposed || signedOut || !env.online()) break;
          const due = [...byId.values()]
            .filter((entry) => entry.state === 'queued' && (entry.retryAt === null || entry.retryAt <= env.now()))
            .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
          for (const entry of due) {
            notify();
            if ((await sendOne(entry)) === 'stop') break;
          }
        } while (again);
      } finally {
        inFlight = null;
        notify();
        schedule();
      }
    };
    inFlight = pass();
    return inFlight;
  };

  const unsubscribeOnline = env.onOnline(() => {
    // Back online: the backoff is for a server that failed, not for a network that was away.
    for (const entry of byId.values()) if (entry.state === 'queued' && entry.retryAt !== null) byId.set(entry.clientId, { ...entry, retryAt: null });
    void run();
  });

  const outbox: Outbox<TBody> = {
    entries: () => [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.clientId.localeCompare(a.clientId)),
    counts: () => outboxCounts([...byId.values()]),
    sending: () => inFlight !== null,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async saveDraft(input) {
      const previous = byId.get(input.clientId);
      if (previous?.state === 'sent') throw new Error(`Outbox entry ${input.clientId} was already sent`);
      const at = iso();
      const entry: OutboxEntry<TBody> = previous
        ? { ...previous, ...input, state: 'draft', updatedAt: at, retryAt: null, attempts: 0 }
        : { ...input, state: 'draft', createdAt: at, updatedAt: at, submittedAt: null, sentAt: null, attempts: 0, retryAt: null, error: null, current: null, result: null };
      // Photos the draft no longer names are removed with it.
      for (const photo of previous?.photos ?? []) if (!input.photos.some((kept) => kept.id === photo.id)) await storage.removePhoto(photo.id);
      await write(entry);
      return entry;
    },
    putPhoto: (id, bytes) => storage.putPhoto(id, bytes),
    photo: (id) => storage.photo(id),
    async submit(clientId) {
      const entry = mustGet(clientId);
      if (entry.state === 'sent') return;
      await write({ ...entry, state: 'queued', submittedAt: entry.submittedAt ?? iso(), updatedAt: iso(), attempts: 0, retryAt: null, error: null, current: null });
      await run();
    },
    async resubmitOnCurrent(clientId) {
      const entry = mustGet(clientId);
      if (entry.state !== 'conflict') return;
      const version = entry.current && typeof entry.current === 'object' && 'version' in entry.current ? Number((entry.current as { version: unknown }).version) : NaN;
      await write({ ...entry, baseVersion: Number.isFinite(version) ? version : entry.baseVersion, state: 'queued', updatedAt: iso(), attempts: 0, retryAt: null, error: null, current: null });
      await run();
    },
    async discard(clientId) {
      const entry = byId.get(clientId);
      if (!entry) return;
      for (const photo of entry.photos) await storage.removePhoto(photo.id);
      byId.delete(clientId);
      await storage.remove(clientId);
      notify();
    },
    flush() {
      signedOut = false;
      return run();
    },
    dispose() {
      disposed = true;
      cancelTimer?.();
      unsubscribeOnline();
      listeners.clear();
    },
  };
  void run();
  return outbox;
}

/** The browser as the outbox's host: `navigator.onLine`, the `online` event, real timers. */
export function browserEnvironment(): OutboxEnvironment {
  return {
    online: () => navigator.onLine,
    onOnline(listener) {
      window.addEventListener('online', listener);
      return () => window.removeEventListener('online', listener);
    },
    now: () => Date.now(),
    setTimer(callback, ms) {
      const handle = setTimeout(callback, ms);
      return () => clearTimeout(handle);
    },
    random: Math.random,
  };
}

const DB_NAME = 'lianpian-inspect';
const ENTRIES = 'outbox';
const PHOTOS = 'photos';

/** The outbox in IndexedDB (database `lianpian-inspect`: `outbox` by client id, `photos` by photo id). */
export function idbOutboxStorage(name = DB_NAME): OutboxStorage {
  let database: Promise<IDBPDatabase> | null = null;
  const db = () =>
    (database ??= openDB(name, 1, {
      upgrade(upgrade) {
        upgrade.createObjectStore(ENTRIES, { keyPath: 'clientId' });
        upgrade.createObjectStore(PHOTOS);
      },
    }));
  return {
    entries: async () => (await db()).getAll(ENTRIES) as Promise<OutboxEntry[]>,
    put: async (entry) => void (await (await db()).put(ENTRIES, entry)),
    remove: async (clientId) => (await db()).delete(ENTRIES, clientId),
    putPhoto: async (id, bytes) => void (await (await db()).put(PHOTOS, bytes, id)),
    photo: async (id) => ((await (await db()).get(PHOTOS, id)) as Blob | undefined) ?? null,
    removePhoto: async (id) => (await db()).delete(PHOTOS, id),
  };
}

/** A JSON POST of an entry, for entries without photos to upload: `request` maps the entry to its path and body. */
export function jsonSender<TBody>(fetch: Fetch, request: (entry: OutboxEntry<TBody>) => { path: string; body: unknown }): SendEntry<TBody> {
  return (entry) => {
    const { path, body } = request(entry);
    return callApi(fetch, 'POST', path, body);
  };
}
