/**
 * `npm run bench -- server`: the campaign server under load on loopback: 100 concurrent readers
 * of the dashboard data (GET analysis and lagging, signed in as a leader) and 10 writers (each
 * PATCHing its own community's status with the version it last got back), for a bounded time,
 * (plain fetch loops), against a server in its own process, on PGlite (a data directory on disk) and, when DATABASE_URL is set, on PostgreSQL
 * (`scripts/with-postgres.sh npm run bench -- server`). Prints p50/p95/p99 and errors per
 * database and writes docs/server-performance.md with `--docs`.
 * Targets (issue 19): reads p95 ≤ 50 ms, writes p95 ≤ 100 ms, 0 errors.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import type { StatusRow } from '../../src/api/index.ts';
import type { Harness } from './harness.ts';

const DURATION_S = Number(process.env.BENCH_SERVER_SECONDS ?? 20);
const READERS = 100;
const WRITERS = 10;
const PASSWORD = 'bench-password-1';

interface Figures {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);

function figures(times: number[], result: Pick<autocannon.Result, 'errors' | 'timeouts' | 'non2xx'>): Figures {
  const sorted = [...times].sort((a, b) => a - b);
  return { requests: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

/** autocannon with its instance (for per-response times) and its result. */
function run(options: autocannon.Options): { instance: autocannon.Instance; done: Promise<autocannon.Result> } {
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
  return { instance, done };
}

async function login(base: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

/** The server's event loop and GC under the load (test/bench/loop-monitor.ts), in milliseconds. */
interface LoopStats {
  stallP50: number;
  stallP99: number;
  stallMax: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** CPU time of the whole server process (every thread) while measured, and the wall time it spans. */
  cpuMs: number;
  wallMs: number;
  /** The request loop's utilisation (0–1) while measured. */
  loopUtilisation: number;
}

/** Runs the load against one database; returns reader and writer figures and the server's loop stalls. */
async function measure(label: string, env: NodeJS.ProcessEnv, root = process.cwd()): Promise<{ label: string; reads: Figures; writes: Figures; loop: LoopStats | null; loadBefore: number[]; loadAfter: number[]; generatorsCpuMs: number }> {
  const statsFile = join(tmpdir(), `lianpian-bench-loop-${process.pid}-${Date.now()}.json`);
  const { child, base } = await startChild({ LIANPIAN_ADMIN_PASSWORD: PASSWORD, HOST: '127.0.0.1', PORT: '0', BENCH_LOOP_STATS: statsFile, ...env }, root);
  let result: { reads: Figures; writes: Figures; loadBefore: number[]; loadAfter: number[]; generatorsCpuMs: number };
  try {
    const admin = await login(base, 'admin', PASSWORD);
    await fetch(`${base}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin }, body: JSON.stringify({ username: 'leader', password: PASSWORD, role: 'leader', scope: [] }) });
    const leader = await login(base, 'leader', PASSWORD);
    const rows = (await (await fetch(`${base}/api/campaigns/lucheng/communities`, { headers: { cookie: admin } })).json()) as StatusRow[];
    const versions = new Map(rows.map((row) => [row.code, row.version]));
    const codes = rows.slice(0, WRITERS).map((row) => row.code);
    // Warm-up: the first model build and the adjacency graph.
    for (const path of ['analysis', 'lagging']) await (await fetch(`${base}/api/campaigns/lucheng/${path}`)).text();

    const writeTimes: number[] = [];
    const loadBefore = loadavg();
    child.kill('SIGUSR2'); // the loop monitor starts measuring
    const writersCpu = process.cpuUsage();
    // The readers' load generator runs in a child process of its own: autocannon parsing 100
    // connections' responses would otherwise share an event loop with the writers' clock.
    const readers = readersChild({ url: base, connections: READERS, duration: DURATION_S, cookie: leader });
    // Writers: each PATCHes its own community with the version it last got back, one request at a time.
    const writeResult = { errors: 0, timeouts: 0, non2xx: 0 };
    const deadline = Date.now() + DURATION_S * 1000;
    const writer = async (code: string) => {
      for (let i = 1; Date.now() < deadline; i++) {
        const started = performance.now();
        try {
          const response = await fetch(`${base}/api/campaigns/lucheng/communities/${code}`, {
            method: 'PATCH',
            headers: { cookie: admin, 'content-type': 'application/json' },
            body: JSON.stringify({ version: versions.get(code), changes: { openDisorders: i % 7 } }),
            signal: AbortSignal.timeout(10_000),
          });
          const text = await response.text();
          writeTimes.push(performance.now() - started);
          if (response.status === 200) versions.set(code, (JSON.parse(text) as StatusRow).version);
          else writeResult.non2xx++;
        } catch (error) {
          if ((error as Error).name === 'TimeoutError') writeResult.timeouts++;
          else {
            writeResult.errors++;
            if (writeResult.errors === 1) console.error(`write error: ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`);
          }
        }
      }
    };
    const writers = Promise.all(codes.map(writer));
    const [readResult] = await Promise.all([readers, writers]);
    const writersCpuUsed = process.cpuUsage(writersCpu);
    // The load generators' CPU: the readers' process and this one (the writers' loops).
    const generatorsCpuMs = readResult.cpuMs + (writersCpuUsed.user + writersCpuUsed.system) / 1000;
    result = { reads: figures(readResult.times, readResult), writes: figures(writeTimes, writeResult), loadBefore, loadAfter: loadavg(), generatorsCpuMs };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
  const loop = existsSync(statsFile) ? (JSON.parse(readFileSync(statsFile, 'utf8')) as LoopStats) : null;
  rmSync(statsFile, { force: true });
  return { label, ...result, loop };
}

interface ReaderConfig {
  url: string;
  connections: number;
  duration: number;
  cookie: string;
}
type ReaderResult = { times: number[]; errors: number; timeouts: number; non2xx: number; bytes: number; cpuMs: number };

/**
 * The dashboard readers: autocannon, each connection alternating GET analysis and GET lagging,
 * with a browser's Accept-Encoding (every answer a full body: no If-None-Match).
 */
async function readers(config: ReaderConfig): Promise<ReaderResult> {
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  const { instance, done } = run({
    url: config.url,
    connections: config.connections,
    duration: config.duration,
    headers: { cookie: config.cookie, 'accept-encoding': 'gzip, deflate, br, zstd' },
    requests: [{ method: 'GET', path: '/api/campaigns/lucheng/analysis' }, { method: 'GET', path: '/api/campaigns/lucheng/lagging' }],
  });
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await done;
  const cpu = process.cpuUsage(cpuStart);
  return { times, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, bytes: result.throughput.total, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Runs `readers` in a child process (this file with --readers); resolves with its figures. */
function readersChild(config: ReaderConfig): Promise<ReaderResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--readers', JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(output) as ReaderResult) : reject(new Error(`readers exited (${code})`))));
  });
}

/** A new database on the server of `url` (each measured server starts from a fresh seed). */
async function freshDatabase(url: string, name: string): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** The server in its own process (so that the load generator does not share its event loop). */
function startChild(env: NodeJS.ProcessEnv, root: string): Promise<{ child: ChildProcess; base: string }> {
  const monitor = fileURLToPath(new URL('./loop-monitor.ts', import.meta.url));
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', '--import', monitor, 'src/server/main.ts', '--api-only'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve({ child, base: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${output}`)));
  });
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * The CPU figures, which the machine's load changes far less than the latencies: the server's
 * CPU time per request (reads and writes together, every thread), the share of the measured time
 * its request loop was busy, and how many cores the load generators used meanwhile (on a 2-core
 * machine, what they take is not the server's).
 */
function cpuColumn(run: { reads: Figures; writes: Figures; loop: LoopStats | null; generatorsCpuMs: number }): string {
  if (!run.loop || run.loop.cpuMs === undefined) return 'n/a';
  const requests = run.reads.requests + run.writes.requests;
  const cores = (cpuMs: number) => (cpuMs / (DURATION_S * 1000)).toFixed(2);
  return `${(run.loop.cpuMs / requests).toFixed(3)} ms (${cores(run.loop.cpuMs)} cores), loop ${(100 * run.loop.loopUtilisation).toFixed(0)} % busy; ${cores(run.generatorsCpuMs)} cores`;
}

export default async function serverBench(_harness: Harness): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lianpian-bench-'));
  // BENCH_SERVER_BASELINE=<checkout>: each database is measured with that checkout's server first,
  // then with this one, in the same run (the machine's load changes by the minute).
  const baseline = process.env.BENCH_SERVER_BASELINE;
  const servers: { name: string; root: string }[] = [...(baseline ? [{ name: `baseline ${baseline}`, root: baseline }] : []), { name: baseline ? 'this checkout' : '', root: process.cwd() }];
  const runs = [];
  try {
    for (const [i, server] of servers.entries()) {
      const suffix = server.name ? `, ${server.name}` : '';
      runs.push(await measure(`PGlite 0.5.16 (data directory on disk)${suffix}`, { LIANPIAN_DATA_DIR: join(dir, `pglite-${i}`), DATABASE_URL: '' }, server.root));
    }
    if (process.env.DATABASE_URL) {
      for (const [i, server] of servers.entries()) {
        const suffix = server.name ? `, ${server.name}` : '';
        runs.push(await measure(`PostgreSQL (DATABASE_URL)${suffix}`, { DATABASE_URL: await freshDatabase(process.env.DATABASE_URL, `bench_${i}`) }, server.root));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lines = [
    `| Database | Reads (${READERS} clients): requests, p50 / p95 / p99 | Writes (${WRITERS} clients): requests, p50 / p95 / p99 | Errors (reads / writes: errors + timeouts, non-2xx) | Server loop stall p99 / max; GC pauses (count, total, max) | CPU: server per request (all threads), its request loop busy; load generators | Load average before → after |`,
    '|---|---|---|---|---|---|---|',
    ...runs.map((run) =>
      `| ${run.label} | ${run.reads.requests}, ${ms(run.reads.p50)} / ${ms(run.reads.p95)} / ${ms(run.reads.p99)} | ${run.writes.requests}, ${ms(run.writes.p50)} / ${ms(run.writes.p95)} / ${ms(run.writes.p99)} | ${run.reads.errors}, ${run.reads.non2xx} / ${run.writes.errors}, ${run.writes.non2xx} | ${run.loop ? `${ms(run.loop.stallP99)} / ${ms(run.loop.stallMax)}; ${run.loop.gcCount}, ${ms(run.loop.gcTotalMs)}, ${ms(run.loop.gcMaxMs)}` : 'n/a'} | ${cpuColumn(run)} | ${run.loadBefore.map((v) => v.toFixed(1)).join(' ')} → ${run.loadAfter.map((v) => v.toFixed(1)).join(' ')} |`,
    ),
  ];
  const machine = `${cpus()[0]?.model ?? 'CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${DURATION_S} s per database`;
  console.log(`\n## Campaign server (${machine})\n\n${lines.join('\n')}\n`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/server-bench.md', `${machine}\n\n${lines.join('\n')}\n`);
}

// Child mode: `node --import tsx test/bench/server.bench.ts --readers CONFIG` prints the readers' figures as JSON.
if (process.argv[2] === '--readers' && process.argv[3]) {
  process.stdout.write(JSON.stringify(await readers(JSON.parse(process.argv[3]) as ReaderConfig)));
}
