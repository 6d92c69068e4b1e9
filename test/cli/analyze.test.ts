import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { runLianpian } from '../support/cli.ts';
import { FACILITY_ITEMS } from '../../src/core/index.ts';
import { gridMosaic, voronoiMosaic } from '../support/mosaics.ts';

const temp = mkdtempSync(join(tmpdir(), 'lianpian-analyze-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const data = (name: string) => fileURLToPath(new URL(`../../data/lucheng/${name}`, import.meta.url));

const analyze = (...args: string[]) => runLianpian('analyze', ...args);

async function analyzeJson(...args: string[]) {
  const result = await analyze(...args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as {
    features: number;
    idSource: string;
    mode: string;
    pairCount: number;
    pairs?: [string, string, number][];
    selectedCount: number;
    contiguous: boolean;
    clusters: { id: number; members: string[]; ring: string[]; size: number; areaM2: number; population: number | null }[];
    isolated: string[];
    bridges: { added: string[]; method: string; exact: boolean; connected: boolean; suggestions: { step: number; id: string; joins: number[]; explanation: string }[] };
    weakLinks: { a: string; b: string; kind: string }[];
    findings: unknown[];
    timings: Record<string, number>;
  };
}

function write(name: string, content: unknown): string {
  const path = join(temp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** A status CSV: code, name, demo flag and the 12 facility items (`ready` of them in place). */
function statusCsv(rows: { code: string; demo: boolean; ready: number }[]): string {
  const header = ['社区代码', '社区名称', '精品示范社区', ...FACILITY_ITEMS.map((item) => item.label)].join(',');
  const lines = rows.map(({ code, demo, ready }) => [code, `社区${code}`, demo ? '是' : '否', ...FACILITY_ITEMS.map((_, i) => (i < ready ? '是' : '否'))].join(','));
  return `${header}\n${lines.join('\n')}\n`;
}

// 5 × 5 grid of 0.005° cells; ids G<row>_<column>.
const grid = write('grid.geojson', gridMosaic({ columns: 5, rows: 5 }));

describe('lianpian analyze', () => {
  test('analyze --select reports clusters, isolated units, the bridge between them and separate timings', async () => {
    const result = await analyzeJson(grid, '--select', 'G0_0,G0_2,G1_2,G4_4');
    expect(result).toMatchObject({ features: 25, idSource: 'id', mode: 'rook', pairCount: 40, selectedCount: 4, contiguous: false });
    expect(result.clusters.map((c) => c.members)).toEqual([['G0_2', 'G1_2'], ['G0_0'], ['G4_4']]);
    expect(result.clusters[1]!.ring).toEqual(['G0_1', 'G1_0']);
    expect(result.isolated).toEqual(['G0_0', 'G4_4']);
    expect(result.bridges).toMatchObject({ method: 'exact', exact: true, connected: true });
    expect(result.bridges.added).toContain('G0_1');
    expect(result.bridges.added).toHaveLength(5);
    expect(result.bridges.suggestions[0]!.explanation).toMatch(/^连接 片区 1（G0_2等 2 个社区）、片区 \d（G/);
    expect(result.clusters[0]!.areaM2).toBeGreaterThan(2 * 450 * 450);
    expect(result.timings.parseMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.adjacencyMs).toBeGreaterThanOrEqual(0);
    expect(result).not.toHaveProperty('pairs');
  });

  test('analyze --pairs lists every rook pair once as [idA, idB, metres], idA < idB as strings, sorted', async () => {
    const result = await analyzeJson(grid, '--pairs');
    expect(result.pairs).toHaveLength(result.pairCount);
    for (const [a, b, meters] of result.pairs!) {
      expect(a < b).toBe(true);
      expect(meters).toBeGreaterThan(450);
      expect(meters).toBeLessThan(600);
    }
    const keys = result.pairs!.map(([a, b]) => `${a} ${b}`);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain('G0_0 G0_1');
    expect(keys).not.toContain('G0_0 G1_1');
  });

  test('analyze --mode queen adds the corner contacts, which rook reports as weak links', async () => {
    const rook = await analyzeJson(grid);
    const queen = await analyzeJson(grid, '--mode', 'queen', '--select', 'G0_0,G1_1');
    expect(queen.pairCount).toBe(40 + 32);
    expect(rook.weakLinks.filter((link) => link.kind === 'corner')).toHaveLength(32);
    expect(queen.clusters.map((c) => c.members)).toEqual([['G0_0', 'G1_1']]);
    expect(queen.contiguous).toBe(true);
  });

  test('analyze on a Voronoi mosaic: the suggested bridges join every cluster into one patch', async () => {
    const file = write('voronoi.geojson', voronoiMosaic(400, 3));
    const select = ['V3', 'V50', 'V120', 'V200', 'V333', 'V399'];
    const first = await analyzeJson(file, '--select', select.join(','));
    expect(first.bridges.connected).toBe(true);
    expect(first.bridges.added.length).toBeGreaterThan(0);
    const joined = await analyzeJson(file, '--select', [...select, ...first.bridges.added].join(','));
    expect(joined.contiguous).toBe(true);
    expect(joined.clusters).toHaveLength(1);
  });

  test('analyze --status selects the demonstration communities and prefers the readier bridge', async () => {
    // G0_0 and G1_1 touch only at a corner; G0_1 (bare) and G1_0 (all 12 items) each join them.
    const codes = gridMosaic({ columns: 5, rows: 5 }).features.map((f) => f.properties.code);
    const status = write('status.csv', statusCsv(codes.map((code) => ({ code, demo: code === 'G0_0' || code === 'G1_1', ready: code === 'G1_0' ? 12 : 0 }))));
    const result = await analyzeJson(grid, '--status', status);
    expect(result.selectedCount).toBe(2);
    expect(result.bridges.added).toEqual(['G1_0']);
    expect(result.bridges.suggestions).toMatchObject([{ step: 1, id: 'G1_0', joins: [1, 2] }]);
  });

  test('analyze --id-field takes ids from that property', async () => {
    const mosaic = gridMosaic({ columns: 3, rows: 1 });
    for (const feature of mosaic.features) (feature.properties as Record<string, string>).alt = `A-${feature.properties.code}`;
    const file = write('alt.geojson', mosaic);
    const result = await analyzeJson(file, '--id-field', 'alt', '--select', 'A-G0_0,A-G0_2');
    expect(result.idSource).toBe('alt');
    expect(result.bridges.added).toEqual(['A-G0_1']);
  });

  test('analyze --format csv lists selected and bridge communities with cluster and role (names default to ids), clusters numbered 1…n', async () => {
    const { code, stdout } = await analyze(grid, '--select', 'G0_0,G0_2', '--format', 'csv');
    expect(code).toBe(0);
    expect(stdout.replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual(['id,name,cluster,role', 'G0_0,G0_0,1,isolated', 'G0_2,G0_2,2,isolated', 'G0_1,G0_1,1;2,bridge']);
  });

  test('analyze numbers clusters as people read them (片区 1…n) in JSON, CSV and GeoJSON alike (issue 16)', async () => {
    const json = (await analyzeJson(grid, '--select', 'G0_0,G0_2')) as unknown as { clusters: { number: number; label: string }[] };
    expect(json.clusters.map((cluster) => [cluster.number, cluster.label])).toEqual([[1, '片区 1'], [2, '片区 2']]);
    const geojson = JSON.parse((await analyze(grid, '--select', 'G0_0,G0_2', '--format', 'geojson')).stdout) as { features: { properties: { cluster: number | null } }[] };
    expect(new Set(geojson.features.map((feature) => feature.properties.cluster).filter((value) => value !== null))).toEqual(new Set([1, 2]));
  });

  test('analyze --format text gives a readable summary: verdict, 片区 with names, isolated ones, suggestions (issue 16)', async () => {
    const { code, stdout } = await analyze(data('communities.geojson'), '--status', data('status.csv'), '--format', 'text');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^连线成片分析：communities\.geojson（171 个社区/);
    expect(stdout).toContain('所选社区 12 个：尚未连线成片');
    expect(stdout).toMatch(/片区 1（.+）：\d+ 个社区/);
    expect(stdout).toContain('孤立的示范社区：');
    expect(stdout).toMatch(/建议补充（\d+ 个/);
    expect(stdout).toContain('桂柑社区（330302026024）');
    expect(stdout).not.toContain('片区 0');
  });

  test('analyze --format geojson gives every feature a role and cluster', async () => {
    const { code, stdout } = await analyze(grid, '--select', 'G0_0,G0_2', '--format', 'geojson');
    expect(code).toBe(0);
    const collection = JSON.parse(stdout) as { type: string; features: { id: string; properties: { role: string; cluster: number | null; joins?: number[] } }[] };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(25);
    const byId = new Map(collection.features.map((f) => [f.id, f.properties]));
    expect(byId.get('G0_0')).toMatchObject({ role: 'isolated', cluster: 1 });
    expect(byId.get('G0_1')).toMatchObject({ role: 'bridge', cluster: null, joins: [1, 2] });
    expect(byId.get('G1_0')).toMatchObject({ role: 'ring', cluster: null });
    expect(byId.get('G4_4')).toMatchObject({ role: 'none' });
  });

  test('analyze on the embedded Lucheng data joins the 12 demonstration communities', async () => {
    const result = await analyzeJson(data('communities.geojson'), '--status', data('status.csv'));
    expect(result.features).toBe(171);
    expect(result.selectedCount).toBe(12);
    expect(result.bridges.connected).toBe(true);
    expect(result.bridges.exact).toBe(true);
  });
});

describe('lianpian analyze errors', () => {
  test('analyze on a broken GeoJSON exits 1 with code: message naming the file and path', async () => {
    const mosaic = gridMosaic({ columns: 2, rows: 1 }) as unknown as { features: { geometry: unknown }[] };
    mosaic.features[1]!.geometry = { type: 'Point', coordinates: [120.5, 27.9] };
    const { code, stdout, stderr } = await analyze(write('broken.geojson', mosaic));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^E_GEOMETRY: 文件 broken\.geojson，features\[1\]\.geometry：应为Polygon 或 MultiPolygon 几何，实际为 "Point"/);
  });

  test('analyze on a file that is not JSON exits 1 with E_JSON', async () => {
    const { code, stderr } = await analyze(write('truncated.geojson', '{"type": "FeatureCollection", "features": ['));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^E_JSON: 文件 truncated\.geojson/);
  });

  test('analyze on a missing file exits 1 with E_ARGUMENT', async () => {
    const { code, stderr } = await analyze(join(temp, 'nowhere.geojson'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^E_ARGUMENT: 文件 .*nowhere\.geojson.*not found/);
  });

  test('analyze --select with an unknown id exits 1 naming it', async () => {
    const { code, stderr } = await analyze(grid, '--select', 'G0_0,NOPE');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^E_ARGUMENT: 字段「--select」：应为边界文件中的编码.*实际为 NOPE/);
  });

  test.each([
    [['--mode', 'hex'], /--mode must be rook or queen, got "hex"/],
    [['--format', 'xml'], /--format must be one of json\|csv\|geojson/],
    [['--min-shared', 'five'], /--min-shared must be a number of metres ≥ 0, got "five"/],
    [['--tolerance=-1'], /--tolerance must be a number of metres ≥ 0/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--select', ','], /--select needs at least one id/],
  ])('analyze %j exits 2 with E_ARGUMENT and the usage', async (flags, message) => {
    const { code, stderr } = await analyze(grid, ...flags);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^E_ARGUMENT: /);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: lianpian analyze');
  });

  test('analyze without a file exits 2', async () => {
    const { code, stderr } = await analyze();
    expect(code).toBe(2);
    expect(stderr).toMatch(/^E_ARGUMENT: missing <boundaries\.geojson>/);
  });

  test('analyze --help prints the usage', async () => {
    const { code, stdout } = await analyze('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('--format json|csv|geojson');
  });
});

describe('lianpian analyze verdicts', () => {
  test('analyze over a status table without demonstration communities gives verdict "empty", not contiguous, and says why', async () => {
    const codes = gridMosaic({ columns: 5, rows: 5 }).features.map((f) => f.properties.code);
    const status = write('no-demo.csv', statusCsv(codes.map((code) => ({ code, demo: false, ready: 3 }))));
    const result = (await analyzeJson(grid, '--status', status)) as unknown as { verdict: string; contiguous: boolean; warnings: { code: string; message: string }[] };
    expect(result).toMatchObject({ verdict: 'empty', contiguous: false });
    expect(result.warnings.map((warning) => warning.code)).toContain('W_NO_SELECTION');
  });
});

describe('lianpian analyze findings', () => {
  test('analyze names the communities of a data-quality finding by name and code, with a place and the measured overlap', async () => {
    // Two 0.01° squares overlapping in a strip 0.0001° (about 10 m) wide and 0.01° (about 1.1 km) long.
    const square = (id: string, name: string, west: number, east: number) => ({ type: 'Feature', id, properties: { name }, geometry: { type: 'Polygon', coordinates: [[[west, 28], [east, 28], [east, 28.01], [west, 28.01], [west, 28]]] } });
    const file = write('overlap.geojson', { type: 'FeatureCollection', features: [square('A1', '甲社区', 120.6, 120.61), square('B2', '乙社区', 120.6099, 120.62)] });
    const result = (await analyzeJson(file)) as unknown as { findings: { kind: string; units: string[]; message: string; location: [number, number]; overlap: { widthMeters: number; lengthMeters: number } }[] };
    const overlap = result.findings.find((finding) => finding.kind === 'overlap')!;
    expect(overlap.units).toEqual(['A1', 'B2']);
    expect(overlap.message).toMatch(/^甲社区（A1） 与 乙社区（B2） 的范围重叠：重叠区长约 11\d\d 米、宽约 (9\.\d|10) 米/);
    expect(overlap.overlap.widthMeters).toBeGreaterThan(9);
    expect(overlap.overlap.widthMeters).toBeLessThan(11);
    expect(overlap.location[0]).toBeCloseTo(120.60995, 4);
  });
});
