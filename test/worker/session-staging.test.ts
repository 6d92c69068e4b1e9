/**
 * Issue 15: an import is decoded and parsed once. The preview (`inspect`) stages what it read by
 * batch id; confirming (`load` with the batch's sources) reuses it and parses nothing again, and a
 * preview with one changed choice reads only that file again.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import * as boundariesModule from '../../src/core/parse/boundaries.ts';
import * as statusModule from '../../src/core/parse/status-table.ts';
import * as readImportModule from '../../src/core/import/read-import.ts';
import { createAnalysisSession } from '../../src/worker/session.ts';
import type { SourceRef } from '../../src/worker/protocol.ts';

// Counted, not replaced: every call still runs the real parser.
vi.mock('../../src/core/parse/boundaries.ts', async (importOriginal) => {
  const real = await importOriginal<BoundariesModule>();
  return { ...real, parseBoundaries: vi.fn(real.parseBoundaries) };
});
vi.mock('../../src/core/parse/status-table.ts', async (importOriginal) => {
  const real = await importOriginal<StatusModule>();
  return { ...real, parseStatusTable: vi.fn(real.parseStatusTable) };
});
vi.mock('../../src/core/import/read-import.ts', async (importOriginal) => {
  const real = await importOriginal<ReadImportModule>();
  return { ...real, readImportFile: vi.fn(real.readImportFile) };
});

type BoundariesModule = typeof boundariesModule;
type StatusModule = typeof statusModule;
type ReadImportModule = typeof readImportModule;
const { parseBoundaries } = boundariesModule;
const { parseStatusTable } = statusModule;
const { readImportFile } = readImportModule;

const bytes = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../data/lucheng/${name}`, import.meta.url))));
const inputs = () => [
  { name: 'communities.geojson', bytes: bytes('communities.geojson') },
  { name: 'status.csv', bytes: bytes('status.csv') },
];
const calls = () => ({ read: vi.mocked(readImportFile).mock.calls.length, boundaries: vi.mocked(parseBoundaries).mock.calls.length, status: vi.mocked(parseStatusTable).mock.calls.length });
/** The sources a confirmed import sends: the batch's files by reference, with the kinds the preview found. */
const stagedSources = (batch: string): SourceRef[] => [
  { role: 'communities', file: 'communities.geojson', choices: { kind: 'boundaries' }, staged: batch },
  { role: 'status', file: 'status.csv', choices: { kind: 'status' }, staged: batch },
];

beforeEach(() => vi.clearAllMocks());

describe('the session stages an import preview by batch id', () => {
  test('confirming an import after its preview reads and parses no file again', async () => {
    const session = createAnalysisSession();
    const preview = await session.handle('inspect', { batch: 'b1', inputs: inputs(), choices: {} });
    expect(preview.files.map((file) => [file.kind, file.errors.length])).toEqual([['boundaries', 0], ['status', 0]]);
    expect(calls()).toEqual({ read: 2, boundaries: 1, status: 1 });

    const loaded = await session.handle('load', { kind: 'files', sources: stagedSources('b1') });
    expect(calls()).toEqual({ read: 2, boundaries: 1, status: 1 });
    expect(loaded.dataset.boundaries.features).toHaveLength(171);
    expect(loaded.dataset.status.filter((row) => row?.demo).length).toBeGreaterThan(0);
  });

  test('the staged load gives the same dataset and graph as loading the bytes', async () => {
    const staged = createAnalysisSession();
    await staged.handle('inspect', { batch: 'b1', inputs: inputs(), choices: {} });
    const fromStage = await staged.handle('load', { kind: 'files', sources: stagedSources('b1') });
    const fromBytes = await createAnalysisSession().handle('load', { kind: 'files', sources: stagedSources('b1').map(({ staged: _staged, ...source }, i) => ({ ...source, parts: [inputs()[i]!] })) });
    expect(fromStage.dataset).toEqual(fromBytes.dataset);
    expect(Array.from(fromStage.graph.neighbors)).toEqual(Array.from(fromBytes.graph.neighbors));
  });

  test('a second preview of the batch with one changed choice reads only that file again', async () => {
    const session = createAnalysisSession();
    await session.handle('inspect', { batch: 'b1', inputs: inputs(), choices: {} });
    await session.handle('inspect', { batch: 'b1', inputs: inputs(), choices: { 'status.csv': { encoding: 'utf-8' } } });
    expect(calls()).toEqual({ read: 3, boundaries: 1, status: 2 });
  });

  test('a load naming another batch reads the bytes it carries, and fails without them', async () => {
    const session = createAnalysisSession();
    await session.handle('inspect', { batch: 'b1', inputs: inputs(), choices: {} });
    await expect(session.handle('load', { kind: 'files', sources: stagedSources('b2') })).rejects.toThrow(/导入预览已失效/);
    const withBytes = stagedSources('b2').map((source, i) => ({ ...source, parts: [inputs()[i]!] }));
    await expect(session.handle('load', { kind: 'files', sources: withBytes })).resolves.toMatchObject({ dataset: { boundaries: { features: expect.any(Array) } } });
    expect(calls().boundaries).toBe(2);
  });

  test('the preview hands its inputs back, so the page keeps the bytes it transferred', async () => {
    const session = createAnalysisSession();
    const sent = inputs();
    const result = await session.handle('inspect', { batch: 'b1', inputs: sent, choices: {} });
    expect(result.inputs.map((input) => [input.name, input.bytes.byteLength])).toEqual(sent.map((input) => [input.name, input.bytes.byteLength]));
  });

  test('the preview hands the files to the session\'s storeFiles and answers their hashes; a refused store only leaves them out', async () => {
    const stored: string[][] = [];
    const session = createAnalysisSession(undefined, { storeFiles: async (given) => (stored.push(given.map((input) => input.name)), given.map((input) => `hash of ${input.name}`)) });
    const result = await session.handle('inspect', { batch: 'b1', inputs: inputs(), choices: {} });
    expect(stored).toEqual([['communities.geojson', 'status.csv']]);
    expect(result.hashes).toEqual(['hash of communities.geojson', 'hash of status.csv']);
    const refused = await createAnalysisSession(undefined, { storeFiles: () => Promise.reject(new Error('QuotaExceededError')) }).handle('inspect', { batch: 'b1', inputs: inputs(), choices: {} });
    expect(refused.hashes).toBeUndefined();
    expect(refused.files.map((file) => file.errors.length)).toEqual([0, 0]);
  });
});
