import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { assembleDataset, buildAdjacency, createWhatIf, inspectionRounds, laggingReport, parsePlanCsv, unitMetrics, type Dataset } from '../../src/core/index.ts';
import { analysisGeoJson } from '../../src/export/geojson.ts';
import { mapSheetPdf, mapSheetsPdf, PAGE_SIZES_PT, printPixelRatio } from '../../src/export/map-pdf.ts';
import { planCsv, readOnlyLink, readScenarioFile, scenarioFile } from '../../src/export/plan.ts';
import { scaleBarLength } from '../../src/export/map-image.ts';
import { clusterReportTable, columnWidths, communityTable, tableToCsv, tableToXlsx } from '../../src/export/tables.ts';

const files = (['communities', 'status', 'campaign'] as const).map((role) => ({ role, file: role, text: readFileSync(`data/lucheng/${role === 'communities' ? 'communities.geojson' : role === 'status' ? 'status.csv' : 'campaign.json'}`, 'utf8') }));
const dataset: Dataset = assembleDataset(files);
const geometries = dataset.boundaries.features.map((feature) => feature.geometry);
const whatIf = createWhatIf({ dataset, graph: buildAdjacency(geometries, dataset.config.adjacency).graph, metrics: unitMetrics(geometries) });
const designated = Uint8Array.from(dataset.status, (row) => (row?.demo ? 1 : 0));
const answer = whatIf.analyze(designated);

describe('table exports', () => {
  test('clusterReportTable() has one row per cluster then one per bridge suggestion', () => {
    const table = clusterReportTable(dataset, answer);
    expect(table.rows.length).toBe(answer.report.clusters.length + answer.bridges.suggestions.length);
    expect(table.rows.reduce((sum, row) => sum + (row[1] !== '连片建议' ? (row[2] as number) : 0), 0)).toBe(answer.report.designatedCount);
  });

  test('tableToCsv() neutralises formula-like text and reads back as written otherwise', () => {
    const table = { name: 't', header: ['名称', '数'], rows: [['=HYPERLINK("x")', 1], ['+1', null], ['桂柑社区', 2.5]] };
    const csv = tableToCsv(table);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows).toEqual([['名称', '数'], ["'=HYPERLINK(\"x\")", '1'], ["'+1", ''], ['桂柑社区', '2.5']]);
  });

  test('tableToCsv() neutralises a formula cell that spans lines (issue 15: every CSV goes through formatCsv)', () => {
    const csv = tableToCsv({ name: 't', header: ['备注'], rows: [['=1+1\n第二行']] });
    const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
    expect(rows[1]).toEqual(["'=1+1\n第二行"]);
  });

  test('tableToXlsx() writes text as string cells (no formula element) with formula-like text neutralised', async () => {
    const blob = await tableToXlsx({ name: '社区一览', header: ['名称'], rows: [['=1+1'], ['桂柑']] });
    const entries = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    const xml = Object.entries(entries).filter(([name]) => name.endsWith('.xml')).map(([, data]) => strFromU8(data)).join('\n');
    expect(xml).not.toMatch(/<f>/);
    expect(xml).toContain("'=1+1");
  });

  test('tableToXlsx() freezes the header row and sizes each column to its widest cell (issue 16)', async () => {
    const table = { name: '社区一览', header: ['社区名称', '数'], rows: [['鹿城区五马街道墨池社区居民委员会'], ['桂柑']] as (string | null)[][] };
    const blob = await tableToXlsx(table);
    const sheet = strFromU8(unzipSync(new Uint8Array(await blob.arrayBuffer()))['xl/worksheets/sheet1.xml']!);
    expect(sheet).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/);
    const widths = [...sheet.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(widths[0]).toBe(columnWidths(table)[0]);
    expect(widths[0]).toBeGreaterThanOrEqual(2 * '鹿城区五马街道墨池社区居民委员会'.length);
  });

  test('communityTable() lists every community with the plan and its cluster label', () => {
    const table = communityTable(dataset, designated, answer, null);
    expect(table.rows.length).toBe(dataset.boundaries.features.length);
    expect(table.rows.filter((row) => row[4] === '是').length).toBe(answer.report.designatedCount);
    expect(table.rows.filter((row) => row[9] !== '').length).toBe(answer.report.designatedCount);
  });

  test('communityTable() has the columns of the screen: 较上次, 经费使用 and 落后原因 from the lagging report (issue 16)', () => {
    const report = laggingReport(dataset);
    const table = communityTable(dataset, designated, answer, report);
    for (const title of ['得分', '较上次', '经费使用（%）', '落后原因']) expect(table.header).toContain(title);
    const reasons = table.header.indexOf('落后原因');
    expect(table.rows.filter((row) => row[reasons] !== '').length).toBe(report.communities.filter((community) => community.lagging).length);
    const change = table.header.indexOf('较上次');
    expect(table.rows.map((row) => row[change])).toEqual(report.communities.map((community) => community.scoreChange));
  });

  test('communityTable() exports the score the screen shows: the lagging report\'s score as of the chosen round, not the latest (issue 15)', () => {
    const withInspections = assembleDataset([...files, { role: 'inspections' as const, file: 'inspections', text: readFileSync('data/lucheng/inspections.csv', 'utf8') }]);
    const rounds = inspectionRounds(withInspections.inspections);
    const early = laggingReport(withInspections, { asOf: rounds[1]!.date });
    const table = communityTable(withInspections, designated, answer, early);
    const scores = table.rows.map((row) => row[table.header.indexOf('得分')]);
    expect(scores).toEqual(early.communities.map((community) => community.score));
    // The as-of round differs from the latest somewhere, so this would fail with `facts.latestScore`.
    expect(scores.some((score, i) => score !== withInspections.facts[i]!.latestScore)).toBe(true);
  });
});

describe('analysisGeoJson()', () => {
  test('holds the clusters, zones, rings and bridges the what-if answered, tagged by layer', () => {
    const collection = analysisGeoJson(dataset, answer);
    const count = (layer: string) => collection.features.filter((feature) => feature.properties!.layer === layer).length;
    expect(count('cluster')).toBe(answer.outlines.features.length);
    expect(count('zone')).toBe(answer.zones.features.length);
    // Each ring community once, with every cluster it borders.
    expect(count('ring')).toBe(new Set(answer.rings.flatMap((ring) => ring.ring)).size);
    expect(count('bridge')).toBe(answer.bridges.suggestions.length);
  });
});

describe('plan sharing', () => {
  test('planCsv() reads back through parsePlanCsv() as the same designated set', () => {
    const codes = parsePlanCsv(planCsv(dataset, designated)).designated;
    expect(codes).toEqual(dataset.boundaries.features.filter((feature) => designated[feature.index]).map((feature) => feature.id));
  });

  test('scenarioFile() reads back; other JSON is refused', () => {
    const scenarios = [{ name: '方案一', savedAt: '2002-05-24T00:00:00Z', codes: ['a', 'b'] }];
    expect(readScenarioFile(scenarioFile(scenarios))).toEqual(scenarios);
    expect(readScenarioFile('{"type":"FeatureCollection"}')).toBeNull();
    expect(readScenarioFile('not json')).toBeNull();
  });

  test('readOnlyLink() adds ro=1 once and keeps the rest of the hash', () => {
    expect(readOnlyLink('http://x/#map=1/2/3&demo=a,b')).toBe('http://x/#map=1/2/3&demo=a,b&ro=1');
    expect(readOnlyLink('http://x/#ro=1')).toBe('http://x/#ro=1');
    expect(readOnlyLink('http://x/')).toBe('http://x/#ro=1');
  });
});

describe('mapSheetPdf() (issue 16: the map PDF was one 930×800 JPEG at 105 ppi without text)', () => {
  const sheet = {
    title: '鹿城区精品示范社区创建 · 示范社区与主题',
    asOf: '2002-05-24',
    source: '鹿城区示例数据（边界与状态为生成的示意数据）',
    footer: '内部资料',
    legendTitle: '示范社区与主题',
    legend: [
      { color: '#0072B2', label: '美丽家园' },
      { color: '#4477AA', label: '片区轮廓', style: 'line' as const },
      { color: '#000000', label: '建议补充的社区（按序号）', style: 'marker' as const, markerText: '1' },
    ],
    metersPerPixel: 20,
    bearing: 0,
    pixelRatio: 2,
  };
  const hex = (text: string) => [...text].map((char) => char.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]);

  for (const page of ['A4', 'A3'] as const) {
    test(`mapSheetPdf() on ${page}: the map at ≥ 200 ppi, title, legend (with the numbered markers) and footer as text, the legend beside the map`, () => {
      const css = { width: 930, height: 800 };
      const ratio = printPixelRatio(page, css.width, css.height);
      const image = { jpeg, width: Math.round(css.width * ratio), height: Math.round(css.height * ratio) };
      const text = new TextDecoder('latin1').decode(mapSheetPdf(image, { ...sheet, pixelRatio: ratio }, page));
      expect(text).toContain(`/MediaBox [0 0 ${PAGE_SIZES_PT[page].join(' ')}]`);
      const [, w, h, x, y] = /q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm \/Im0 Do Q/.exec(text)!.map(Number);
      expect((image.width / w!) * 72).toBeGreaterThanOrEqual(200);
      expect(text).toContain('/BaseFont /STSong-Light');
      for (const words of [sheet.title, '数据截至 2002-05-24', sheet.legendTitle, '美丽家园', '建议补充的社区（按序号）', `数据来源：${sheet.source}`, '内部资料']) expect(text, words).toContain(`<${hex(words)}> Tj`);
      // Every legend text starts right of the map.
      const legendX = Number(new RegExp(`Tf ([\\d.]+) [\\d.]+ Td <${hex('美丽家园')}>`).exec(text)![1]);
      expect(legendX).toBeGreaterThan(x! + w!);
      expect(y! + h!).toBeLessThanOrEqual(PAGE_SIZES_PT[page][1]);
      expect(text).not.toContain('README');
      const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
      const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
      offsets.forEach((offset, i) => expect(text.slice(offset, offset + `${i + 1} 0 obj\n`.length)).toBe(`${i + 1} 0 obj\n`));
    });
  }

  test('mapSheetsPdf() writes one page per sheet in order, each with its map, title and legend (the enlargement page)', () => {
    const image = { jpeg, width: 1860, height: 1600 };
    const enlarged = { ...sheet, title: `${sheet.title} · 局部放大` };
    const text = new TextDecoder('latin1').decode(mapSheetsPdf([{ map: image, sheet }, { map: image, sheet: enlarged }], 'A4'));
    expect(text).toContain('/Count 2 ');
    expect(text.match(/\/Subtype \/Image/g)).toHaveLength(2);
    const first = text.indexOf(`<${hex(sheet.title)}> Tj`);
    const second = text.indexOf(`<${hex(enlarged.title)}> Tj`);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(text.split(`<${hex('建议补充的社区（按序号）')}> Tj`)).toHaveLength(3);
  });
});

describe('scaleBarLength()', () => {
  test('picks a 1-2-5 length that fits', () => {
    expect(scaleBarLength(10, 120)).toMatchObject({ meters: 1000, label: '1 公里' });
    expect(scaleBarLength(1, 120)).toMatchObject({ meters: 100, px: 100, label: '100 米' });
    expect(scaleBarLength(3, 120).meters).toBe(200);
  });
});

describe('lagging list exports', () => {
  test('laggingCommunitiesTable() lists exactly the core\'s lagging communities, worst first, with reasons', async () => {
    const { laggingReport } = await import('../../src/core/index.ts');
    const { laggingCommunitiesTable, laggingStreetsTable } = await import('../../src/export/tables.ts');
    const full = assembleDataset([...files, { role: 'inspections', file: 'inspections.csv', text: readFileSync('data/lucheng/inspections.csv', 'utf8') }]);
    const report = laggingReport(full);
    const table = laggingCommunitiesTable(report);
    const expected = report.ranking.filter((index) => report.communities[index]!.lagging).map((index) => report.communities[index]!.code);
    expect(table.rows.map((row) => row[0])).toEqual(expected);
    expect(table.rows.every((row) => String(row[8]).length > 0)).toBe(true);
    expect(laggingStreetsTable(report).rows.map((row) => row[0])).toEqual(report.streets.map((_, i) => i + 1));
  });

  test('the lagging tables name each meaning with its own word: 亮红灯 for communities failing any rule, 落后街道 for a street under the line (issue 16)', async () => {
    const { laggingCommunitiesTable, laggingStreetsTable } = await import('../../src/export/tables.ts');
    const report = laggingReport(assembleDataset([...files, { role: 'inspections', file: 'inspections.csv', text: readFileSync('data/lucheng/inspections.csv', 'utf8') }]));
    expect(laggingCommunitiesTable(report).name).toMatch(/^亮红灯社区/);
    const streets = laggingStreetsTable(report);
    expect(streets.header).toContain('亮红灯社区数');
    expect(streets.header).toContain('落后街道');
    expect([streets.name, ...streets.header].filter((cell) => /落后社区/.test(cell))).toEqual([]);
  });
});
