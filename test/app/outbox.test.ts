import fc from 'fast-check';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { jsonSender, openOutbox, retryDelayMs, type Outbox, type OutboxEntry, type OutboxEnvironment, type OutboxStorage } from '../../src/app/effects/outbox.ts';
import type { Fetch } from '../../src/app/effects/server-api.ts';

/** Storage in memory, with the same copy semantics as IndexedDB's structured clone. */
function memoryStorage(initial: OutboxEntry[] = []): OutboxStorage & { rows: Map<string, OutboxEntry>; photos: Map<string, Blob> } {
  const rows = new Map(initial.map((entry) => [entry.clientId, structuredClone(entry)]));
  const photos = new Map<string, Blob>();
  return {
    rows,
    photos,
    entries: async () => [...rows.values()].map((entry) => structuredClone(entry)),
    put: async (entry) => void rows.set(entry.clientId, structuredClone(entry)),
    remove: async (clientId) => void rows.delete(clientId),
    putPhoto: async (id, bytes) => void photos.set(id, bytes),
    photo: async (id) => photos.get(id) ?? null,
    removePhoto: async (id) => void photos.delete(id),
  };
}

/** A host whose network, clock and timers the test moves. */
function fakeEnvironment(online = true): OutboxEnvironment & { goOnline(): void; goOffline(): void; advance(ms: number): void; timers: { at: number; run: () => void }[] } {
  let now = Date.parse('2026-12-02T08:00:00Z');
  let isOnline = online;
  const listeners = new Set<() => void>();
  const timers: { at: number; run: () => void }[] = [];
  return {
    timers,
    online: () => isOnline,
    onOnline(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    now: () => now,
    setTimer(callback, ms) {
      const timer = { at: now + ms, run: callback };
      timers.push(timer);
      return () => void timers.splice(timers.indexOf(timer), 1);
    },
    random: () => 0.5,
    goOnline() {
      isOnline = true;
      listeners.forEach((listener) => listener());
    },
    goOffline() {
      isOnline = false;
    },
    advance(ms) {
      now += ms;
      for (const timer of timers.filter((candidate) => candidate.at <= now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
      }
    },
  };
}

type Reply = { status: number; body?: unknown } | 'network-error';

/** A fetch that answers from a script of replies (then 201s) and records every request. */
function fakeFetch(script: Reply[] = []): Fetch & { requests: { method: string; url: string; body: unknown }[] } {
  const requests: { method: string; url: string; body: unknown }[] = [];
  const fetch = (async (url: string, init?: { method?: string; body?: string }) => {
    requests.push({ method: init?.method ?? 'GET', url, body: init?.body ? JSON.parse(init.body) : undefined });
    const reply = script.shift() ?? { status: 201, body: { inspection: { id: `i${requests.length}` }, cases: [] } };
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(reply.body ?? { code: `E_${reply.status}`, message: `HTTP ${reply.status}` }), { status: reply.status, headers: { 'content-type': 'application/json' } });
  }) as Fetch & { requests: typeof requests };
  fetch.requests = requests;
  return fetch;
}

interface Form {
  score?: number;
  note: string;
}
const send = (fetch: Fetch) => jsonSender<Form>(fetch, (entry) => ({ path: `/api/campaigns/${entry.campaign}/inspections`, body: { clientId: entry.clientId, community: entry.community, note: entry.body.note } }));
const draft = (clientId: string, note = '楼道堆物') => ({ clientId, campaign: 'lucheng', community: '330302001001', baseVersion: 3, body: { note }, photos: [] });

const opened: Outbox<Form>[] = [];
afterEach(() => opened.splice(0).forEach((outbox) => outbox.dispose()));
async function open(storage: OutboxStorage, fetch: Fetch, environment: OutboxEnvironment) {
  const outbox = await openOutbox<Form>({ storage, send: send(fetch), environment });
  opened.push(outbox);
  return outbox;
}
const settled = (outbox: Outbox<Form>) => vi.waitFor(() => expect(outbox.sending()).toBe(false));

describe('openOutbox()', () => {
  test('a draft is stored on every change and comes back when the outbox is opened again (a reload)', async () => {
    const storage = memoryStorage();
    const env = fakeEnvironment();
    const first = await open(storage, fakeFetch(), env);
    await first.saveDraft(draft('a', '楼'));
    await first.saveDraft(draft('a', '楼道堆物'));
    expect(storage.rows.get('a')).toMatchObject({ state: 'draft', body: { note: '楼道堆物' } });
    first.dispose();
    const second = await open(storage, fakeFetch(), env);
    expect(second.entries()).toMatchObject([{ clientId: 'a', state: 'draft', body: { note: '楼道堆物' } }]);
  });

  test('an entry submitted offline waits as 待发送 and is sent when the online event fires', async () => {
    const env = fakeEnvironment(false);
    const fetch = fakeFetch();
    const outbox = await open(memoryStorage(), fetch, env);
    await outbox.saveDraft(draft('a'));
    await outbox.submit('a');
    expect(fetch.requests).toEqual([]);
    expect(outbox.counts()).toMatchObject({ pending: 1, sent: 0 });
    env.goOnline();
    await vi.waitFor(() => expect(outbox.counts()).toMatchObject({ pending: 0, sent: 1 }));
    expect(fetch.requests).toEqual([{ method: 'POST', url: '/api/campaigns/lucheng/inspections', body: { clientId: 'a', community: '330302001001', note: '楼道堆物' } }]);
    expect(outbox.entries()[0]).toMatchObject({ state: 'sent', result: { inspection: { id: 'i1' } }, error: null });
  });

  test('queued entries left by a crash are sent when the outbox opens online', async () => {
    const storage = memoryStorage();
    const env = fakeEnvironment(false);
    const before = await open(storage, fakeFetch(), env);
    await before.saveDraft(draft('a'));
    await before.submit('a');
    before.dispose();
    env.goOnline();
    const fetch = fakeFetch();
    const after = await open(storage, fetch, env);
    await vi.waitFor(() => expect(after.counts().sent).toBe(1));
    expect(fetch.requests).toHaveLength(1);
  });

  test('a failed send is retried with backoff until the server accepts it', async () => {
    const env = fakeEnvironment();
    const fetch = fakeFetch(['network-error', { status: 503 }]);
    const outbox = await open(memoryStorage(), fetch, env);
    await outbox.saveDraft(draft('a'));
    await outbox.submit('a');
    await settled(outbox);
    expect(outbox.entries()[0]).toMatchObject({ state: 'queued', attempts: 1, error: { status: 0, code: 'E_NETWORK' } });
    // Not before the first delay (2 s ± 25 %; random 0.5 gives exactly 2 s).
    env.advance(1_999);
    expect(fetch.requests).toHaveLength(1);
    env.advance(1);
    await vi.waitFor(() => expect(fetch.requests).toHaveLength(2));
    await settled(outbox);
    expect(outbox.entries()[0]).toMatchObject({ state: 'queued', attempts: 2, error: { status: 503 } });
    env.advance(4_000);
    await vi.waitFor(() => expect(outbox.counts().sent).toBe(1));
    expect(fetch.requests).toHaveLength(3);
  });

  test('the online event sends at once, without waiting for the backoff', async () => {
    const env = fakeEnvironment();
    const fetch = fakeFetch(['network-error']);
    const outbox = await open(memoryStorage(), fetch, env);
    await outbox.saveDraft(draft('a'));
    await outbox.submit('a');
    await settled(outbox);
    expect(outbox.counts().pending).toBe(1);
    env.goOnline();
    await vi.waitFor(() => expect(outbox.counts().sent).toBe(1));
  });

  test.each([400, 403, 404, 422])('a write the server rejects with %i is kept with its message for review, never dropped or retried', async (status) => {
    const storage = memoryStorage();
    const env = fakeEnvironment();
    const fetch = fakeFetch([{ status, body: { code: 'E_REFUSED', message: '不在您的督查范围内' } }]);
    const outbox = await open(storage, fetch, env);
    await outbox.saveDraft(draft('a'));
    await outbox.submit('a');
    await settled(outbox);
    expect(outbox.entries()[0]).toMatchObject({ state: 'rejected', body: { note: '楼道堆物' }, error: { status, message: '不在您的督查范围内' } });
    expect(storage.rows.get('a')?.state).toBe('rejected');
    expect(outbox.counts()).toMatchObject({ review: 1, pending: 0 });
    env.advance(60 * 60_000);
    env.goOnline();
    await settled(outbox);
    expect(fetch.requests).toHaveLength(1);
  });

  test('a 409 keeps the server\'s current row for review and is resubmitted on its version only when asked', async () => {
    const env = fakeEnvironment();
    const current = { code: '330302001001', name: '五马社区', version: 7 };
    const fetch = fakeFetch([{ status: 409, body: { code: 'E_CONFLICT', message: '社区数据已被他人修改', current } }]);
    const outbox = await open(memoryStorage(), fetch, env);
    await outbox.saveDraft(draft('a'));
    await outbox.submit('a');
    await settled(outbox);
    expect(outbox.entries()[0]).toMatchObject({ state: 'conflict', baseVersion: 3, current, error: { status: 409 } });
    await outbox.resubmitOnCurrent('a');
    await vi.waitFor(() => expect(outbox.counts().sent).toBe(1));
    expect(outbox.entries()[0]).toMatchObject({ baseVersion: 7, current: null });
    expect(fetch.requests).toHaveLength(2);
  });

  test('a 401 pauses the queue until flush() after signing in again', async () => {
    const env = fakeEnvironment();
    const fetch = fakeFetch([{ status: 401, body: { code: 'E_AUTH', message: '请先登录' } }]);
    const outbox = await open(memoryStorage(), fetch, env);
    await outbox.saveDraft(draft('a'));
    await outbox.saveDraft(draft('b'));
    await outbox.submit('a');
    await settled(outbox);
    await outbox.submit('b');
    await settled(outbox);
    expect(fetch.requests).toHaveLength(1);
    expect(outbox.entries().find((entry) => entry.clientId === 'a')).toMatchObject({ state: 'queued', error: { status: 401, message: expect.stringContaining('重新登录') } });
    await outbox.flush();
    await vi.waitFor(() => expect(outbox.counts().sent).toBe(2));
  });

  test('editing a rejected entry makes it a draft again; discarding removes it and its photos', async () => {
    const storage = memoryStorage();
    const outbox = await open(storage, fakeFetch([{ status: 400, body: { code: 'E_INPUT', message: '日期不正确' } }]), fakeEnvironment());
    await outbox.putPhoto('p1', new Blob(['jpeg'], { type: 'image/jpeg' }));
    const photo = { id: 'p1', type: 'image/jpeg', width: 4, height: 3, size: 4, takenAt: null, lon: null, lat: null };
    await outbox.saveDraft({ ...draft('a'), photos: [photo] });
    await outbox.submit('a');
    await settled(outbox);
    await outbox.saveDraft({ ...draft('a', '改正后'), photos: [photo] });
    expect(outbox.entries()[0]).toMatchObject({ state: 'draft', error: { status: 400 }, body: { note: '改正后' } });
    expect(storage.photos.has('p1')).toBe(true);
    await outbox.discard('a');
    expect(storage.rows.size).toBe(0);
    expect(storage.photos.size).toBe(0);
  });

  test('a photo the draft no longer names is removed from storage', async () => {
    const storage = memoryStorage();
    const outbox = await open(storage, fakeFetch(), fakeEnvironment());
    await outbox.putPhoto('p1', new Blob(['jpeg']));
    const photo = { id: 'p1', type: 'image/jpeg', width: 4, height: 3, size: 4, takenAt: null, lon: null, lat: null };
    await outbox.saveDraft({ ...draft('a'), photos: [photo] });
    await outbox.saveDraft(draft('a'));
    expect(storage.photos.size).toBe(0);
  });

  test('entries are sent one at a time in the order they were submitted', async () => {
    const env = fakeEnvironment(false);
    const fetch = fakeFetch();
    const outbox = await open(memoryStorage(), fetch, env);
    for (const id of ['c', 'a', 'b']) {
      await outbox.saveDraft(draft(id, id));
      await outbox.submit(id);
      env.advance(1_000);
    }
    env.goOnline();
    await vi.waitFor(() => expect(outbox.counts().sent).toBe(3));
    expect(fetch.requests.map((request) => (request.body as { note: string }).note)).toEqual(['c', 'a', 'b']);
  });
});

describe('retryDelayMs()', () => {
  test('retryDelayMs() grows with each failure, stays within ±25 % of base·2^(n−1) and never passes the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, random) => {
        const delay = retryDelayMs(attempts, random, 1_000, 60_000);
        const plain = Math.min(60_000, 1_000 * 2 ** (attempts - 1));
        expect(delay).toBeGreaterThanOrEqual(Math.floor(plain * 0.75));
        expect(delay).toBeLessThanOrEqual(Math.ceil(plain * 1.25));
        expect(retryDelayMs(attempts + 1, random, 1_000, 60_000)).toBeGreaterThanOrEqual(delay);
      }),
    );
  });
});
