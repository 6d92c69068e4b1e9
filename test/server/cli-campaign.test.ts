/**
 * `lianpian analyze|report --campaign URL` against a campaign server started here (127.0.0.1, a
 * random port; PGlite, or PostgreSQL when DATABASE_URL is set): the documents the files would
 * give, a public-read campaign without sign-in, another with LIANPIAN_TOKEN, and clean errors.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, analyzeCommand } from '../../src/cli/commands/analyze.ts';
import { loadDataset, reportCommand, reportDocument } from '../../src/cli/commands/report.ts';
import { laggingReport } from '../../src/core/index.ts';
import { ADMIN_PASSWORD, DB_KIND, signedIn, startTestServer, type TestServer } from './harness.ts';

let publicServer: TestServer;
let privateServer: TestServer;

beforeAll(async () => {
  publicServer = await startTestServer();
  privateServer = await startTestServer();
  // Before its first request (the server caches the campaign row): this campaign needs an account.
  await privateServer.db.query('update campaigns set public_read = false');
}, 120_000);

afterAll(async () => {
  await publicServer?.close();
  await privateServer?.close();
});

async function run(command: typeof analyzeCommand, args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const saved = process.env.LIANPIAN_TOKEN;
  delete process.env.LIANPIAN_TOKEN;
  Object.assign(process.env, env);
  try {
    const code = await command.run(args, { out: (text) => (out += text), err: (text) => (err += text) });
    return { code, out, err };
  } finally {
    if (saved === undefined) delete process.env.LIANPIAN_TOKEN;
    else process.env.LIANPIAN_TOKEN = saved;
  }
}

const withoutTimings = ({ timings: _timings, ...document }: Record<string, unknown>) => document;

describe(`lianpian analyze|report --campaign URL (${DB_KIND} server)`, () => {
  it('analyze --campaign prints the analysis `lianpian analyze --format json` prints for the campaign files, without signing in to a public campaign', async () => {
    const result = await run(analyzeCommand, ['--campaign', `${publicServer.base}/api/campaigns/lucheng`]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const local = (await analyze({ file: 'data/lucheng/communities.geojson', status: 'data/lucheng/status.csv', config: 'data/lucheng/campaign.json', select: undefined, mode: undefined, minSharedMeters: undefined, toleranceMeters: undefined, idField: undefined, pairs: false, format: 'json' })).document;
    expect(withoutTimings(JSON.parse(result.out) as Record<string, unknown>)).toEqual(withoutTimings(JSON.parse(JSON.stringify(local)) as Record<string, unknown>));
  });

  it('analyze --campaign --format text prints the readable summary of that document', async () => {
    const result = await run(analyzeCommand, [`--campaign=${publicServer.base}/campaigns/lucheng`, '--format', 'text']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/片区 1/);
  });

  it('report --campaign (the app-style /campaigns/ID address) prints the server\'s lagging report: the campaign files graded with its cases', async () => {
    const result = await run(reportCommand, ['--campaign', `${publicServer.base}/campaigns/lucheng`]);
    expect(result.code).toBe(0);
    const served = JSON.parse(await (await fetch(`${publicServer.base}/api/campaigns/lucheng/lagging`)).text()) as { communities: { code: string }[]; casesAt: string | null };
    expect(JSON.parse(result.out)).toEqual(served);
    // The same communities as the report of the campaign's files; the server adds its cases (seeded, so casesAt is set).
    const dataset = await loadDataset({ boundaries: 'data/lucheng/communities.geojson', status: 'data/lucheng/status.csv', inspections: 'data/lucheng/inspections.csv', config: 'data/lucheng/campaign.json', streets: 'data/lucheng/streets.geojson' });
    const local = JSON.parse(JSON.stringify(reportDocument(laggingReport(dataset, { asOf: null })))) as typeof served;
    expect(served.communities.map((row) => row.code).sort()).toEqual(local.communities.map((row) => row.code).sort());
    expect(served.casesAt).not.toBeNull();
  });

  it('a campaign that is not public-read needs LIANPIAN_TOKEN: without it E_REMOTE says so (exit 1), with a session token it reads', async () => {
    const url = `${privateServer.base}/api/campaigns/lucheng`;
    const refused = await run(reportCommand, ['--campaign', url]);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/^E_REMOTE: 活动需要登录.*LIANPIAN_TOKEN/);
    const admin = await signedIn(privateServer.base, 'admin', ADMIN_PASSWORD);
    const token = admin.cookie!.replace(/^lianpian_session=/, '');
    const read = await run(reportCommand, ['--campaign', url], { LIANPIAN_TOKEN: token });
    expect(read.err).toBe('');
    expect(read.code).toBe(0);
    expect(JSON.parse(read.out)).toHaveProperty('streets');
    expect((await run(reportCommand, ['--campaign', url], { LIANPIAN_TOKEN: 'x'.repeat(43) })).err).toMatch(/活动需要登录/);
  });

  it('refuses bad addresses and other flags as usage errors (exit 2), and names an unknown campaign or an unreachable server (exit 1)', async () => {
    expect((await run(analyzeCommand, ['--campaign', 'not a url'])).code).toBe(2);
    expect((await run(analyzeCommand, ['--campaign', `${publicServer.base}/somewhere`])).err).toMatch(/^E_ARGUMENT: --campaign 的网址须以 \/api\/campaigns\/<活动> 结尾/);
    expect((await run(analyzeCommand, ['--campaign', `${publicServer.base}/api/campaigns/lucheng`, '--status', 'x.csv'])).code).toBe(2);
    expect((await run(reportCommand, ['--campaign', `${publicServer.base}/api/campaigns/lucheng`, '--format', 'csv'])).code).toBe(2);
    expect((await run(analyzeCommand, ['data/lucheng/communities.geojson', '--campaign', `${publicServer.base}/api/campaigns/lucheng`])).code).toBe(2);
    const unknown = await run(analyzeCommand, ['--campaign', `${publicServer.base}/api/campaigns/nowhere`]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^E_REMOTE: 服务器回答 HTTP 404：.*nowhere/);
    const port = await freePort();
    const unreachable = await run(analyzeCommand, ['--campaign', `http://127.0.0.1:${port}/api/campaigns/lucheng`]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toMatch(/^E_REMOTE: 无法连接服务器 http:\/\/127\.0\.0\.1:\d+：ECONNREFUSED/);
  });
});

/** A port nothing listens on (bound, then closed). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
