/**
 * POST /api/campaigns/:id/boundaries/preview (issue 19) on a real server (PGlite, or PostgreSQL
 * when DATABASE_URL is set): a boundary upload gets the app's import preview and errors through
 * the core's ingest, compared with the campaign's boundaries, and nothing is stored.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoundaryPreview } from '../../src/server/routes/boundary-preview.ts';
import { ADMIN_PASSWORD, Client, DB_KIND, signedIn, startTestServer, type TestServer } from './harness.ts';

const GEOJSON = readFileSync('data/lucheng/communities.geojson');
const PASSWORD = 'a-long-password-1';

let server: TestServer;
let admin: Client;
let leader: Client;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedIn(server.base, 'admin', ADMIN_PASSWORD);
  expect((await admin.request('POST', '/api/users', { username: 'leader', password: PASSWORD, role: 'leader', scope: [] })).status).toBe(201);
  leader = await signedIn(server.base, 'leader', PASSWORD);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const upload = (client: Client, name: string, bytes: Uint8Array) =>
  fetch(`${server.base}/api/campaigns/lucheng/boundaries/preview?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...(client.cookie ? { cookie: client.cookie } : {}) }, body: bytes as unknown as BodyInit });

describe(`boundary upload preview on ${DB_KIND}`, () => {
  it('previews the campaign’s own boundaries (gzipped too) as importable: count, format, ids, every code kept', async () => {
    for (const [name, bytes] of [['communities.geojson', GEOJSON], ['communities.geojson.gz', gzipSync(GEOJSON)]] as const) {
      const response = await upload(admin, name, bytes);
      expect(response.status).toBe(200);
      const body = (await response.json()) as BoundaryPreview;
      expect(body.ok).toBe(true);
      expect(body.preview).toMatchObject({ kind: 'boundaries', format: 'geojson', count: 171, errors: [] });
      expect(body.compared).toEqual({ kept: 171, added: [], removed: [] });
      expect(body.preview.farKm).toBeUndefined();
    }
  });

  it('a bad file gets every problem naming file, feature and field, worded in Chinese, and nothing changes', async () => {
    const before = (await admin.get<{ revision: number }[]>('/api/campaigns')).body[0]!.revision;
    const collection = JSON.parse(GEOJSON.toString('utf8')) as { features: { id?: unknown; properties: Record<string, unknown>; geometry: { coordinates: unknown[] } }[] };
    collection.features[3]!.geometry.coordinates = [[['东经', 28.02]]];
    const response = await upload(admin, '新边界.geojson', Buffer.from(JSON.stringify(collection)));
    expect(response.status).toBe(200);
    const body = (await response.json()) as BoundaryPreview;
    expect(body.ok).toBe(false);
    expect(body.preview.errors.length).toBeGreaterThan(0);
    const [issue] = body.preview.errors;
    expect(issue).toMatchObject({ file: '新边界.geojson' });
    expect(issue!.path).toMatch(/^features\[3\]\.geometry/);
    expect(body.messages[0]).toContain('新边界.geojson');
    expect(body.messages[0]).toContain('features[3]');
    expect(body.messages[0]).toMatch(/[\u4e00-\u9fff]{2}/);
    expect((await admin.get<{ revision: number }[]>('/api/campaigns')).body[0]!.revision).toBe(before);
  });

  it('a feature of the wrong geometry type is named by its path; a table is refused as not boundaries', async () => {
    const collection = JSON.parse(GEOJSON.toString('utf8')) as { features: { geometry: unknown }[] };
    collection.features[5]!.geometry = { type: 'Point', coordinates: [120.6, 28] };
    const wrong = (await (await upload(admin, 'b.geojson', Buffer.from(JSON.stringify(collection)))).json()) as BoundaryPreview;
    expect(wrong.ok).toBe(false);
    expect(wrong.preview.errors.some((issue) => issue.file === 'b.geojson' && issue.path?.startsWith('features[5]'))).toBe(true);
    const table = (await (await upload(admin, 'status.csv', readFileSync('data/lucheng/status.csv'))).json()) as BoundaryPreview;
    expect(table.ok).toBe(false);
    expect(table.messages.join('\n')).toMatch(/status\.csv/);
  });

  it('is for admins: a leader gets 403, a visitor 401; a missing file name or an empty body is a 400', async () => {
    expect((await upload(leader, 'communities.geojson', GEOJSON)).status).toBe(403);
    expect((await upload(new Client(server.base), 'communities.geojson', GEOJSON)).status).toBe(401);
    const noName = await fetch(`${server.base}/api/campaigns/lucheng/boundaries/preview`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', cookie: admin.cookie! }, body: GEOJSON });
    expect(noName.status).toBe(400);
    expect(((await noName.json()) as { message: string }).message).toMatch(/文件名/);
    expect((await upload(admin, 'x.geojson', new Uint8Array(0))).status).toBe(400);
  });
});
