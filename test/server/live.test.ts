/**
 * Live updates and the served documents (issue 19) on a real server (PGlite, or PostgreSQL when
 * DATABASE_URL is set): a reconnecting event stream is sent what it missed (Last-Event-ID), or
 * told to reload when that is no longer stored; the documents are negotiated bytes with an ETag;
 * a model built from the stored events since the previous one equals one read from every row.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignEvent, StatusRow } from '../../src/api/index.ts';
import { CampaignService } from '../../src/server/campaign/service.ts';
import { EventBus } from '../../src/server/events.ts';
import { ADMIN_PASSWORD, DB_KIND, signedIn, startTestServer, type Client, type TestServer } from './harness.ts';

const CODES = ['330302006044', '330302023001', '330302006045'];

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedIn(server.base, 'admin', ADMIN_PASSWORD);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

interface SseMessage {
  event: string;
  id: string | null;
  data: unknown;
}

/** An open event stream: `next()` is its next message. */
async function openStream(headers: Record<string, string> = {}, query = '') {
  const controller = new AbortController();
  const response = await fetch(`${server.base}/api/campaigns/lucheng/events${query}`, { headers: { cookie: admin.cookie!, ...headers }, signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (): Promise<SseMessage> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n').filter((line) => !line.startsWith(':') && !line.startsWith('retry:'));
        if (lines.length === 0) continue;
        const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2) ?? null;
        return { event: field('event') ?? 'message', id: field('id'), data: JSON.parse(field('data') ?? 'null') };
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  return { response, next, close: () => controller.abort() };
}

/** The campaign's current revision (the list reads the database). */
const currentRevision = async () => (await admin.get<{ id: string; revision: number }[]>('/api/campaigns')).body.find((campaign) => campaign.id === 'lucheng')!.revision;
const status = async (code: string) => (await admin.get<StatusRow>(`/api/campaigns/lucheng/communities/${code}`)).body;
const patch = async (code: string, changes: Record<string, unknown>) => {
  const row = await status(code);
  const response = await admin.request<StatusRow>('PATCH', `/api/campaigns/lucheng/communities/${code}`, { version: row.version, changes });
  expect(response.status).toBe(200);
  return response.body;
};

describe(`live events on ${DB_KIND}: a reconnecting stream gets what it missed`, () => {
  it('Last-Event-ID replays the missed changes in order with their ids, then follows live ones, none twice', async () => {
    const first = await openStream();
    const hello = await first.next();
    expect(hello.event).toBe('hello');
    await patch(CODES[0]!, { responsible: '回放一' });
    const seen = await first.next();
    expect(seen.event).toBe('change');
    first.close();

    // While disconnected: three writes of different kinds.
    const a = await patch(CODES[1]!, { responsible: '回放二' });
    const plan = (await admin.get<{ version: number }>('/api/campaigns/lucheng/plan')).body;
    expect((await admin.request('PUT', '/api/campaigns/lucheng/plan', { version: plan.version, codes: [CODES[0]] })).status).toBe(200);
    const b = await patch(CODES[2]!, { openDisorders: 3 });

    const second = await openStream({ 'last-event-id': seen.id! });
    expect((await second.next()).event).toBe('hello');
    const replayed = [await second.next(), await second.next(), await second.next()];
    expect(replayed.map((message) => message.event)).toEqual(['change', 'change', 'change']);
    expect(replayed.map((message) => Number(message.id))).toEqual([1, 2, 3].map((step) => Number(seen.id) + step));
    const events = replayed.map((message) => message.data as CampaignEvent);
    expect(events.map((event) => event.type)).toEqual(['status', 'plan', 'status']);
    expect(events[0]).toMatchObject({ code: CODES[1], row: a, actor: 'admin', revision: Number(seen.id) + 1 });
    expect(events[2]).toMatchObject({ code: CODES[2], row: b });
    // Then the live stream continues with the next revision.
    const c = await patch(CODES[0]!, { responsible: '回放三' });
    const live = await second.next();
    expect(live).toMatchObject({ event: 'change', id: String(Number(seen.id) + 4), data: { code: CODES[0], row: c } });
    second.close();
  });

  it('?since=N does what Last-Event-ID does (for clients that cannot set the header)', async () => {
    const row = await patch(CODES[1]!, { responsible: '查询参数' });
    const revision = await currentRevision();
    const stream = await openStream({}, `?since=${revision - 1}`);
    expect((await stream.next()).event).toBe('hello');
    expect(await stream.next()).toMatchObject({ event: 'change', id: String(revision), data: { row } });
    stream.close();
  });

  it('an id older than the stored events, or from another history (ahead of the campaign), gets `reset` instead', async () => {
    // Revision 1 is the seed, which has no stored event: it cannot be replayed from 0.
    const old = await openStream({ 'last-event-id': '0' });
    expect((await old.next()).event).toBe('hello');
    expect(await old.next()).toMatchObject({ event: 'reset', data: { since: 0 } });
    old.close();
    const ahead = await openStream({ 'last-event-id': '999999' });
    expect((await ahead.next()).event).toBe('hello');
    const reset = await ahead.next();
    expect(reset.event).toBe('reset');
    // After a reset the stream still follows the live changes.
    const row = await patch(CODES[2]!, { openDisorders: 4 });
    expect(await ahead.next()).toMatchObject({ event: 'change', data: { row } });
    ahead.close();
  });
});

describe(`documents on ${DB_KIND}: precomputed bytes, negotiated, with an ETag`, () => {
  for (const path of ['analysis', 'lagging']) {
    it(`GET ${path} answers brotli, gzip or plain as asked, the same JSON each, and 304 for its ETag`, async () => {
      // At the current revision: every request below reads the same model.
      const url = `${server.base}/api/campaigns/lucheng/${path}?revision=${await currentRevision()}`;
      const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      const text = await plain.text();
      const etag = plain.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
      // node:http so that the body stays encoded (fetch would decode it).
      const { request } = await import('node:http');
      const raw = (encoding: string, extra: Record<string, string> = {}) =>
        new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
          const req = request(url, { headers: { 'accept-encoding': encoding, ...extra } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
          });
          req.on('error', reject);
          req.end();
        });
      const br = await raw('gzip, deflate, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).toString('utf8')).toBe(text);
      const gzip = await raw('gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).toString('utf8')).toBe(text);
      expect((await raw('br;q=0, gzip;q=0.5')).headers['content-encoding']).toBe('gzip');
      const notModified = await raw('br', { 'if-none-match': etag });
      expect(notModified.status).toBe(304);
      expect(notModified.body.length).toBe(0);
      expect((await raw('br', { 'if-none-match': '"something-else"' })).status).toBe(200);
    });
  }

  it('a change gives the analysis a new ETag (at the revision of the change)', async () => {
    const before = await fetch(`${server.base}/api/campaigns/lucheng/analysis`);
    const row = await status(CODES[0]!);
    await patch(CODES[0]!, { demo: !row.demo });
    const revision = await currentRevision();
    const after = await fetch(`${server.base}/api/campaigns/lucheng/analysis?revision=${revision}`, { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('x-lianpian-revision')).toBe(String(revision));
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    await patch(CODES[0]!, { demo: row.demo });
  });
});

describe(`models on ${DB_KIND}: built from the events since the last build`, () => {
  it('after status, inspection, plan and settings writes, the served documents equal those of a model read from every row', async () => {
    await admin.get('/api/campaigns/lucheng/analysis');
    await patch(CODES[0]!, { demo: true, population: 12345, facilities: { cultureRoom: false } });
    const inspector = await admin.request('POST', '/api/campaigns/lucheng/inspections', { code: CODES[1], date: '2026-11-30', kind: 'weekly', score: 61, problemsFound: 5, problemsRectified: 1, note: '增量' });
    expect(inspector.status).toBe(201);
    const plan = (await admin.get<{ version: number }>('/api/campaigns/lucheng/plan')).body;
    expect((await admin.request('PUT', '/api/campaigns/lucheng/plan', { version: plan.version, codes: [CODES[0], CODES[2]] })).status).toBe(200);
    await patch(CODES[2]!, { responsible: '增量', demo: false });
    // A settings write: a model worker that kept the old settings' parse would grade on the old score line.
    const { settingsVersion } = (await admin.get<{ settingsVersion: number }>('/api/campaigns/lucheng')).body;
    const stored = JSON.parse(await (await fetch(`${server.base}/api/campaigns/lucheng/files/campaign`)).text()) as { lagging: { minScore: number } };
    const settings = { ...stored, lagging: { ...stored.lagging, minScore: stored.lagging.minScore + 7 } };
    expect((await admin.request('PUT', '/api/campaigns/lucheng/settings', { version: settingsVersion, settings })).status).toBe(200);
    await patch(CODES[1]!, { responsible: '设置之后' });
    const revision = await currentRevision();
    const served = await Promise.all(['analysis', 'lagging'].map(async (path) => (await fetch(`${server.base}/api/campaigns/lucheng/${path}?revision=${revision}`)).text()));
    // A second service on the same database has no previous rows: it reads everything.
    const fresh = new CampaignService(server.db, new EventBus(), { inlineBuilds: true });
    try {
      const model = await fresh.model('lucheng', { atLeast: revision });
      expect(model.revision).toBe(revision);
      const withoutTimings = (text: string) => ({ ...(JSON.parse(text) as Record<string, unknown>), timings: null });
      expect(withoutTimings(served[0]!)).toEqual(withoutTimings(model.analysisJson()));
      expect(served[1]).toBe(model.laggingJson());
    } finally {
      await fresh.close();
    }
  });
});
