/**
 * The status table (status.csv): one row per community, Chinese or English headers.
 * `STATUS_COLUMNS` is the single definition of its columns, used to read and to write it.
 */
import { DEMO_THEMES, FACILITY_ITEMS, type CivilizedLevel, type CommunityStatus, type FacilityKey, type InputWarning, type PoliceModel } from '../model.ts';
import { assertUniqueKeys, formatCsv, readBoolean, readCsv, readEnum, readNumber, readRate, readRows, readText, type ColumnSpec, type Table } from './table.ts';

const LEVEL_SPELLINGS: Record<CivilizedLevel, readonly string[]> = {
  national_candidate: ['全国级候选', '全国候选', '全国级', '全国', 'national'],
  provincial: ['省级', '省'],
  city: ['市级', '市'],
  none: ['无', '未命名', '否', '-'],
};

const POLICE_SPELLINGS: Record<PoliceModel, readonly string[]> = {
  one: ['一区一警', '1', '一警'],
  two: ['一区二警', '2', '二警', '一区两警'],
  none: ['未落实', '0', '无'],
};

/** Flat row shape while reading (facilities are folded into one record afterwards). */
type StatusRow = Omit<CommunityStatus, 'facilities'> & Record<FacilityKey, boolean>;

type StatusColumn = ColumnSpec<keyof StatusRow & string, StatusRow[keyof StatusRow]>;

/** A theme cell: one of the six theme names (or keys) becomes its key; other text is kept; empty is null. */
function readTheme(cell: string): string | null {
  if (cell === '') return null;
  for (const [key, label] of Object.entries(DEMO_THEMES)) if (cell === key || cell === label) return key;
  return cell;
}

/**
 * Every column of the status table; the first alias is the canonical Chinese header. Headers match
 * after normalizeHeader (case, spaces, `_`/`-`, a trailing bracket such as `（是/否）` are ignored).
 * The key columns (code, name, level, demo) accept the common Chinese and English wordings;
 * a missing level or demo column is a W_KEY_COLUMN_MISSING warning naming it.
 */
export const STATUS_COLUMNS: readonly StatusColumn[] = [
  { key: 'code', aliases: ['社区代码', 'code', '代码', '统计代码', '编码', '区划代码', '社区编码', '社区编号', '行政区划代码', '统计用区划代码', 'community_code', 'community_id', 'id'], required: true, read: readText(true) },
  { key: 'name', aliases: ['社区名称', 'name', '名称', '社区', '社区名', '居委会', '居委会名称', 'community', 'community_name'], required: true, read: readText(true) },
  {
    key: 'level',
    aliases: ['文明社区等级', 'level', 'civilized_level', '文明等级', '文明社区级别', '文明社区', '文明创建等级', 'civilized', 'civilization_level', 'civilized_community'],
    missingMeans: '所有社区都按「未命名」文明社区等级处理',
    read: readEnum(LEVEL_SPELLINGS, 'none'),
  },
  {
    key: 'demo',
    aliases: ['精品示范社区', 'demo', '示范社区', '是否示范', '精品示范', '精品社区', '是否精品示范社区', '是否精品示范', '是否精品社区', '示范', 'demonstration', 'demonstration_community', 'demo_community', 'is_demo'],
    missingMeans: '所有社区都按「非精品示范社区」处理（连片分析将没有选中的社区）',
    read: readBoolean,
  },
  { key: 'theme', aliases: ['示范主题', 'theme', '主题'], read: readTheme },
  ...FACILITY_ITEMS.map((item): StatusColumn => ({ key: item.key, aliases: [item.label, item.key, item.short], read: readBoolean })),
  { key: 'facilityAreaM2', aliases: ['配套用房面积(m²)', 'facility_area_m2', '配套用房面积', '配套面积'], read: readNumber({ min: 0, fallback: null }) },
  { key: 'lightingRate', aliases: ['楼道亮灯率', 'lighting_rate', '亮灯率'], read: readRate },
  { key: 'greenAreaM2', aliases: ['绿化面积(m²)', 'green_area_m2', '绿化面积'], read: readNumber({ min: 0, fallback: null }) },
  { key: 'police', aliases: ['警务模式', 'police', '社区民警'], read: readEnum(POLICE_SPELLINGS, 'none') },
  { key: 'drugFree', aliases: ['无毒社区', 'drug_free'], read: readBoolean },
  { key: 'safeEstate', aliases: ['安全小区', 'safe_estate'], read: readBoolean },
  { key: 'openDisorders', aliases: ['五乱未整治数', 'open_disorders', '五乱问题数', '五乱'], read: readNumber({ min: 0, integer: true, fallback: 0 }) },
  { key: 'budgetAllocatedWan', aliases: ['已下拨经费(万元)', 'budget_allocated_wan', '下拨经费', '已下拨经费'], read: readNumber({ min: 0, fallback: 0 }) },
  { key: 'budgetSpentWan', aliases: ['已使用经费(万元)', 'budget_spent_wan', '已使用经费', '使用经费'], read: readNumber({ min: 0, fallback: 0 }) },
  { key: 'population', aliases: ['常住人口', 'population', '人口'], read: readNumber({ min: 0, integer: true, fallback: null }) },
  { key: 'responsible', aliases: ['责任人', 'responsible'], read: readText(false) },
] as readonly StatusColumn[];

export interface StatusTable {
  file: string;
  rows: CommunityStatus[];
  warnings: InputWarning[];
}

/**
 * Validates a status table (CSV text or an already read table).
 * @throws InputError (E_CSV, E_COLUMN, E_VALUE, E_DUPLICATE_ID) naming the file, line and column.
 */
export function parseStatusTable(input: string | Table, file = 'status.csv'): StatusTable {
  const table = typeof input === 'string' ? readCsv(input, file) : input;
  const { rows, warnings } = readRows<keyof StatusRow & string, StatusRow>(table, STATUS_COLUMNS);
  assertUniqueKeys(table.file, '社区代码', rows.map(({ value, line }) => ({ key: value.code, line })));
  const statuses = rows.map(({ value }) => {
    const facilities = {} as Record<FacilityKey, boolean>;
    for (const item of FACILITY_ITEMS) facilities[item.key] = value[item.key];
    const status: CommunityStatus = {
      code: value.code,
      name: value.name,
      level: value.level,
      demo: value.demo,
      theme: value.theme,
      facilities,
      facilityAreaM2: value.facilityAreaM2,
      lightingRate: value.lightingRate,
      greenAreaM2: value.greenAreaM2,
      police: value.police,
      drugFree: value.drugFree,
      safeEstate: value.safeEstate,
      openDisorders: value.openDisorders,
      budgetAllocatedWan: value.budgetAllocatedWan,
      budgetSpentWan: value.budgetSpentWan,
      population: value.population,
      responsible: value.responsible,
    };
    return status;
  });
  for (const { value, line } of rows) {
    if (value.budgetSpentWan > value.budgetAllocatedWan) {
      warnings.push({ code: 'W_BUDGET_OVERSPENT', message: `文件 ${table.file} 第 ${line} 行（${value.name}）：已使用经费 ${value.budgetSpentWan} 万元超过已下拨的 ${value.budgetAllocatedWan} 万元` });
    }
    if (value.theme !== null && !value.demo) {
      warnings.push({ code: 'W_THEME_WITHOUT_DEMO', message: `文件 ${table.file} 第 ${line} 行（${value.name}）：有示范主题但未标记为精品示范社区` });
    }
  }
  return { file: table.file, rows: statuses, warnings };
}

/** Writes status rows as status.csv with the canonical Chinese headers (readable by parseStatusTable). */
export function formatStatusTable(rows: readonly CommunityStatus[]): string {
  const yesNo = (value: boolean) => (value ? '是' : '否');
  const header = STATUS_COLUMNS.map((column) => column.aliases[0]!);
  const body = rows.map((row) =>
    STATUS_COLUMNS.map((column): string | number | null => {
      switch (column.key) {
        case 'level':
          return LEVEL_SPELLINGS[row.level][0]!;
        case 'demo':
        case 'drugFree':
        case 'safeEstate':
          return yesNo(row[column.key]);
        case 'theme':
          return row.theme === null ? '' : (DEMO_THEMES[row.theme as keyof typeof DEMO_THEMES] ?? row.theme);
        case 'police':
          return POLICE_SPELLINGS[row.police][0]!;
        case 'lightingRate':
          return row.lightingRate === null ? '' : `${Math.round(row.lightingRate * 1000) / 10}%`;
        default:
          if (column.key in row.facilities) return yesNo(row.facilities[column.key as FacilityKey]);
          return row[column.key as keyof CommunityStatus] as string | number | null;
      }
    }),
  );
  return formatCsv(header, body);
}
