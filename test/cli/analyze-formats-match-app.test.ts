/**
 * Issue 15: `lianpian analyze` reads every format the app imports, through the one ingest
 * pipeline (`openDataset`): for the same files, a zipped Shapefile, TopoJSON (us-atlas counties),
 * an XLSX status table and a gzipped GeoJSON give the same clusters, isolated points, rings and
 * bridges in the CLI as in the app's session after an import (preview, then confirm).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'fflate';
import type { FeatureCollection, Polygon } from 'geojson';
import { afterAll, describe, expect, test } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { readCsv, type DatasetRole } from '../../src/core/index.ts';
import { createAnalysisSession } from '../../src/worker/session.ts';
import { runLianpian } from '../support/cli.ts';
import { zippedShapefile } from '../support/shapefile.ts';

const lucheng = (name: string) => fileURLToPath(new URL(`../../data/lucheng/${name}`, import.meta.url));
const usAtlas = fileURLToPath(new URL('../../node_modules/us-atlas/counties-10m.json', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lianpian-formats-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Comparable {
  verdict: string;
  clusters: { label: string; name: string; members: string[]; ring: string[] }[];
  isolated: string[];
  bridges: { added: string[]; exact: boolean; suggestions: { id: string; joins: number[]; explanation: string }[] };
}

/** A file of the batch: written to disk for the CLI, its bytes for the app. */
interface BatchFile {
  role: DatasetRole;
  name: string;
  bytes: Uint8Array;
}

function write({ name, bytes }: BatchFile): string {
  const path = join(temp, name);
  writeFileSync(path, bytes);
  return path;
}

/**
 * The app's answer for the files, as an import gives it: previewed (inspect), confirmed (load of
 * the staged batch), analysed and, when the core says so, refined; `choose` picks the selection.
 */
async function appAnswer(files: readonly BatchFile[], choose: (codes: string[], demo: Uint8Array) => string[]): Promise<{ answer: Comparable; chosen: string[] }> {
  const session = createAnalysisSession();
  const preview = await session.handle('inspect', { batch: 'formats', inputs: files.map(({ name, bytes }) => ({ name, bytes })), choices: {} });
  expect(preview.files.map((file) => file.errors)).toEqual(files.map(() => []));
  const loaded = await session.handle('load', { kind: 'files', sources: files.map(({ role, name }, i) => ({ role, file: name, choices: { kind: preview.files[i]!.kind! }, staged: 'formats' })) });
  const codes = loaded.dataset.boundaries.features.map((feature) => feature.id);
  const chosen = choose(codes, Uint8Array.from(loaded.dataset.status, (row) => (row?.demo ? 1 : 0)));
  const designated = Uint8Array.from(codes, (code) => (chosen.includes(code) ? 1 : 0));
  // The app's one what-if request: the answer and its exact bridge plan.
  const { answer: app, exact: refined } = await session.handle('whatIf', { designated });
  const code = (index: number) => codes[index]!;
  return {
    chosen,
    answer: {
      verdict: app.verdict,
      clusters: app.report.clusters.map((cluster) => ({ label: app.names[cluster.id]!.label, name: app.names[cluster.id]!.name, members: cluster.members.map(code), ring: app.rings[cluster.id]!.ring.map(code) })),
      isolated: app.report.isolated.map(code),
      bridges: { added: refined.bridges.added.map(code), exact: refined.bridges.exact, suggestions: refined.bridges.suggestions.map((s, i) => ({ id: code(s.node), joins: s.joins.map((cluster) => app.names[cluster]!.number), explanation: refined.explanations[i]! })) },
    },
  };
}

async function cliAnswer(args: string[]): Promise<Comparable> {
  const { code, stdout, stderr } = await runLianpian('analyze', ...args);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const document = JSON.parse(stdout) as Comparable;
  return {
    verdict: document.verdict,
    clusters: document.clusters.map(({ label, name, members, ring }) => ({ label, name, members, ring })),
    isolated: document.isolated,
    bridges: { added: document.bridges.added, exact: document.bridges.exact, suggestions: document.bridges.suggestions.map(({ id, joins, explanation }) => ({ id, joins, explanation })) },
  };
}

const luchengCollection = () => JSON.parse(readFileSync(lucheng('communities.geojson'), 'utf8')) as FeatureCollection<Polygon>;
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));
const demos = (codes: string[], demo: Uint8Array) => codes.filter((_, i) => demo[i]);

describe('lianpian analyze reads every format the app reads, with the same answer', () => {
  test('a zipped Shapefile of the Lucheng communities gives the app’s clusters', async () => {
    const files: BatchFile[] = [
      { role: 'communities', name: 'communities.zip', bytes: zippedShapefile(luchengCollection(), ['code', 'name', 'street', 'streetCode']) },
      { role: 'status', name: 'status.csv', bytes: bytesOf(lucheng('status.csv')) },
    ];
    const { answer, chosen } = await appAnswer(files, demos);
    expect(chosen.length).toBeGreaterThan(1);
    expect(answer.clusters.length).toBeGreaterThan(1);
    // The Shapefile holds the same communities as the GeoJSON it was written from.
    expect(answer).toEqual((await appAnswer([{ role: 'communities', name: 'communities.geojson', bytes: bytesOf(lucheng('communities.geojson')) }, files[1]!], demos)).answer);
    expect(await cliAnswer([write(files[0]!), '--status', write(files[1]!)])).toEqual(answer);
  });

  test('TopoJSON (us-atlas counties, natively TopoJSON) gives the app’s clusters', async () => {
    const files: BatchFile[] = [{ role: 'communities', name: 'counties-10m.json', bytes: bytesOf(usAtlas) }];
    // Every third California county: several clusters and isolated points.
    const { answer, chosen } = await appAnswer(files, (codes) => codes.filter((code, i) => code.startsWith('06') && i % 3 === 0));
    expect(chosen.length).toBeGreaterThan(5);
    expect(answer.clusters.length).toBeGreaterThan(1);
    expect(await cliAnswer([write(files[0]!), '--select', chosen.join(',')])).toEqual(answer);
  });

  test('an XLSX status table selects the same demonstration communities and gives the app’s clusters', async () => {
    const table = readCsv(readFileSync(lucheng('status.csv'), 'utf8'), 'status.csv');
    const blob = await writeXlsxFile([table.header, ...table.rows]).toBlob();
    const files: BatchFile[] = [
      { role: 'communities', name: 'communities.geojson', bytes: bytesOf(lucheng('communities.geojson')) },
      { role: 'status', name: 'status.xlsx', bytes: new Uint8Array(await blob.arrayBuffer()) },
    ];
    const { answer, chosen } = await appAnswer(files, demos);
    expect(chosen.length).toBe(12);
    expect(await cliAnswer([write(files[0]!), '--status', write(files[1]!)])).toEqual(answer);
  });

  test('a gzipped GeoJSON (.geojson.gz) gives the app’s clusters', async () => {
    const files: BatchFile[] = [
      { role: 'communities', name: 'communities.geojson.gz', bytes: gzipSync(bytesOf(lucheng('communities.geojson'))) },
      { role: 'status', name: 'status.csv', bytes: bytesOf(lucheng('status.csv')) },
    ];
    const choose = (codes: string[], demo: Uint8Array) => [...demos(codes, demo), ...codes.filter((_, i) => i % 11 === 0)];
    const { answer, chosen } = await appAnswer(files, choose);
    expect(answer.clusters.length).toBeGreaterThan(1);
    // What it contains, read as the plain file would be.
    expect(answer).toEqual((await appAnswer([{ role: 'communities', name: 'communities.geojson', bytes: bytesOf(lucheng('communities.geojson')) }, files[1]!], choose)).answer);
    expect(await cliAnswer([write(files[0]!), '--status', write(files[1]!), '--select', chosen.join(',')])).toEqual(answer);
  });
});
