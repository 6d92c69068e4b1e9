import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { inputErrorOf } from '../../support/input-error.ts';
import { FACILITY_ITEMS, facilityCount, formatInspections, formatStatusTable, parseInspections, parseStatusTable, readCsv, type CommunityStatus, type FacilityKey } from '../../../src/core/index.ts';


const status = (overrides: Partial<CommunityStatus> = {}): CommunityStatus => ({
  code: '330302026024',
  name: '桂柑社区',
  level: 'national_candidate',
  demo: true,
  theme: 'humanist',
  facilities: Object.fromEntries(FACILITY_ITEMS.map((item, i) => [item.key, i % 5 !== 0])) as Record<FacilityKey, boolean>,
  facilityAreaM2: 420,
  lightingRate: 0.965,
  greenAreaM2: 3200,
  police: 'two',
  drugFree: true,
  safeEstate: false,
  openDisorders: 2,
  budgetAllocatedWan: 180,
  budgetSpentWan: 95.5,
  population: 8120,
  responsible: '张某, "指导员"',
  ...overrides,
});

describe('readCsv()', () => {
  test('strips the BOM, skips blank lines and counts lines as editors do', () => {
    const table = readCsv('\uFEFFa,b\r\n\r\n1,"x\ny"\r\n2,z\r\n', 't.csv');
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows).toEqual([['1', 'x\ny'], ['2', 'z']]);
    expect(table.lines).toEqual([3, 5]);
  });
});

describe('parseStatusTable()', () => {
  test('reads Chinese headers and values', () => {
    const csv = '社区代码,社区名称,文明社区等级,精品示范社区,示范主题,社区警务室,楼道亮灯率,常住人口\n330302026024,桂柑社区,全国级候选,是,人文精神,✓,96%,8120\n';
    const { rows, warnings } = parseStatusTable(csv);
    expect(rows[0]).toMatchObject({ code: '330302026024', level: 'national_candidate', demo: true, theme: 'humanist', lightingRate: 0.96, population: 8120 });
    expect(rows[0]!.facilities.policeRoom).toBe(true);
    expect(warnings.map((w) => w.code)).toContain('W_MISSING_COLUMNS');
  });

  test('accepts English headers in any order', () => {
    const csv = 'demo,name,code,level\nyes,A,1,provincial\nno,B,2,none\n';
    expect(parseStatusTable(csv).rows.map((row) => [row.code, row.demo, row.level])).toEqual([['1', true, 'provincial'], ['2', false, 'none']]);
  });

  test('names the line, column and expectation of a bad cell', () => {
    const error = inputErrorOf(() => parseStatusTable('社区代码,社区名称,精品示范社区,楼道亮灯率\n1,A,是,90%\n2,B,也许,140%\n', 'status.csv'));
    expect(error.issues).toHaveLength(2);
    expect(error.issues[0]).toMatchObject({ code: 'E_VALUE', file: 'status.csv', path: '第 3 行', field: '精品示范社区', actual: '"也许"' });
    expect(error.issues[1]).toMatchObject({ path: '第 3 行', field: '楼道亮灯率' });
    expect(error.message).toMatch(/^文件 status\.csv，第 3 行，字段「精品示范社区」：应为是\/否/);
  });

  test('requires the code and name columns', () => {
    const error = inputErrorOf(() => parseStatusTable('名字,等级\nA,市级\n'));
    expect(error.code).toBe('E_COLUMN');
    expect(error.issues.map((issue) => issue.field)).toEqual(['社区代码', '社区名称']);
  });

  test('rejects a repeated community code naming both lines', () => {
    const error = inputErrorOf(() => parseStatusTable('社区代码,社区名称\n1,A\n1,B\n'));
    expect(error).toMatchObject({ code: 'E_DUPLICATE_ID', path: '第 3 行' });
    expect(error.actual).toContain('第 2 行');
  });

  test('formatStatusTable() output parses back to the same rows', () => {
    const statusArbitrary = fc.record({
      code: fc.stringMatching(/^[0-9]{12}$/),
      demo: fc.boolean(),
      level: fc.constantFrom('national_candidate', 'provincial', 'city', 'none' as const),
      lighting: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
      facilities: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      spent: fc.integer({ min: 0, max: 100000 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(statusArbitrary, { selector: (row) => row.code, maxLength: 8 }), (rows) => {
        const statuses = rows.map((row) =>
          status({
            code: row.code,
            demo: row.demo,
            theme: row.demo ? 'humanist' : null,
            level: row.level,
            lightingRate: row.lighting === null ? null : row.lighting / 1000,
            facilities: Object.fromEntries(FACILITY_ITEMS.map((item, i) => [item.key, row.facilities[i]!])) as Record<FacilityKey, boolean>,
            budgetSpentWan: row.spent / 100,
            budgetAllocatedWan: 2000,
          }),
        );
        const parsed = parseStatusTable(formatStatusTable(statuses)).rows;
        expect(parsed).toHaveLength(statuses.length);
        parsed.forEach((row, i) => {
          const expected = statuses[i]!;
          expect({ ...row, lightingRate: null }).toEqual({ ...expected, lightingRate: null });
          if (expected.lightingRate === null) expect(row.lightingRate).toBeNull();
          else expect(row.lightingRate!).toBeCloseTo(expected.lightingRate, 3);
        });
      }),
    );
  });

  test('facilityCount() counts the items in place', () => {
    expect(facilityCount(status())).toBe(9);
  });
});

describe('parseInspections()', () => {
  test('reads dates in several spellings and sorts by date then code', () => {
    const csv = '检查日期,检查类型,社区代码,得分\n2002年5月20日,月查,B,81\n2002/5/13,周查,A,77.5\n2002-05-13,通报,0,60\n';
    const { rows } = parseInspections(csv);
    expect(rows.map((row) => [row.date, row.kind, row.code, row.score])).toEqual([
      ['2002-05-13', 'bulletin', '0', 60],
      ['2002-05-13', 'weekly', 'A', 77.5],
      ['2002-05-20', 'monthly', 'B', 81],
    ]);
  });

  test('rejects impossible dates, empty scores and scores above 100', () => {
    const error = inputErrorOf(() => parseInspections('检查日期,检查类型,社区代码,得分\n2002-02-30,周查,A,80\n2002-03-01,周查,A,\n2002-03-08,周查,A,101\n'));
    expect(error.issues.map((issue) => [issue.path, issue.field])).toEqual([
      ['第 2 行', '检查日期'],
      ['第 3 行', '得分'],
      ['第 4 行', '得分'],
    ]);
  });

  test('formatInspections() output parses back', () => {
    const rows = [{ date: '2002-03-04', kind: 'weekly' as const, code: 'A', score: 71, problemsFound: 3, problemsRectified: 1, note: '楼道灯不亮, 五乱回潮' }];
    expect(parseInspections(formatInspections(rows)).rows).toEqual(rows);
  });
});
