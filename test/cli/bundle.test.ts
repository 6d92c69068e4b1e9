/**
 * The prebuilt CLI (dist-cli/lianpian.mjs behind the `lianpian` bin): same answers as the
 * TypeScript source, and rebuilt when it is stale.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { BUNDLE, ROOT, buildCli, isCliBundleFresh } from '../../scripts/build-cli.mjs';
import { VERSION } from '../../src/cli/program.ts';
import { runLianpian } from '../support/cli.ts';

const BIN = join(ROOT, 'scripts', 'lianpian.mjs');
const INPUTS = join(ROOT, 'dist-cli', 'inputs.json');
const COMMUNITIES = join(ROOT, 'data', 'lucheng', 'communities.geojson');
const STATUS = join(ROOT, 'data', 'lucheng', 'status.csv');

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
/** The JSON output without its timings (they differ from run to run). */
const withoutTimings = (text: string) => ({ ...(JSON.parse(text) as Record<string, unknown>), timings: undefined });

beforeAll(async () => {
  await buildCli();
});

test('the lianpian bin prints the package version from the bundle', () => {
  expect(readFileSync(BUNDLE, 'utf8')).toContain(JSON.stringify(VERSION));
  const result = run(['--version']);
  expect(result.status).toBe(0);
  expect(result.stdout.trim()).toBe(VERSION);
});

test('the lianpian bin (bundle) gives the same analysis as the TypeScript source', async () => {
  const args = ['analyze', COMMUNITIES, '--status', STATUS, '--pairs'];
  const bundled = run(args);
  expect(bundled.status).toBe(0);
  const source = await runLianpian(...args);
  expect(source.code).toBe(0);
  expect(withoutTimings(bundled.stdout)).toEqual(withoutTimings(source.stdout));
});

test('the lianpian bin reports bad input as code: message without a stack trace', () => {
  const result = run(['analyze', join(ROOT, 'no-such-file.geojson')]);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^E_ARGUMENT: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
});

test('isCliBundleFresh() is false once a recorded input differs, and the bin rebuilds the bundle', () => {
  expect(isCliBundleFresh()).toBe(true);
  const inputs = JSON.parse(readFileSync(INPUTS, 'utf8')) as [string, number, number][];
  inputs[0]![1] -= 1000;
  writeFileSync(INPUTS, JSON.stringify(inputs));
  expect(isCliBundleFresh()).toBe(false);
  expect(run(['--version']).stdout.trim()).toBe(VERSION);
  expect(isCliBundleFresh()).toBe(true);
});

test('LIANPIAN_CLI_SOURCE=1 runs the TypeScript source through tsx', () => {
  const result = run(['--version'], { LIANPIAN_CLI_SOURCE: '1' });
  expect(result.status).toBe(0);
  expect(result.stdout.trim()).toBe(VERSION);
});

test('the lianpian bin runs the bundle through a V8 code cache that the next run accepts', () => {
  const directory = join(ROOT, 'dist-cli');
  const caches = () => readdirSync(directory).filter((name) => name.endsWith('.v8cache'));
  // The build wrote one cache for this bundle (by a warm-up analysis) and removed older ones.
  expect(caches()).toHaveLength(1);
  const cache = join(directory, caches()[0]!);
  const written = statSync(cache).mtimeMs;
  expect(run(['--version']).stdout.trim()).toBe(VERSION);
  // A rejected or missing cache is written again at exit: an unchanged file means V8 took it.
  expect(statSync(cache).mtimeMs).toBe(written);
  // Without a cache the run still works and writes one.
  rmSync(cache);
  expect(run(['--version']).stdout.trim()).toBe(VERSION);
  expect(caches()).toHaveLength(1);
});

test('the lianpian bin exits once its output is written: a reader that starts late still gets all of it, with the exit code', async () => {
  const { spawn } = await import('node:child_process');
  // The GeoJSON output of Lucheng (~1 MB) is many times a pipe's buffer; the reader waits before reading.
  const child = spawn(process.execPath, [BIN, 'analyze', COMMUNITIES, '--status', STATUS, '--format', 'geojson'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pause();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stdout.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code).toBe(0);
  const printed = Buffer.concat(chunks).toString('utf8');
  expect(printed.length).toBeGreaterThan(256 * 1024);
  const collection = JSON.parse(printed) as { features: unknown[] };
  expect(collection.features.length).toBe((JSON.parse(readFileSync(COMMUNITIES, 'utf8')) as { features: unknown[] }).features.length);
  const usage = run(['analyze']);
  expect(usage.status).toBe(2);
  expect(usage.stderr).toMatch(/^E_ARGUMENT/);
});
