/**
 * The campaign configuration (campaign.json). Every number the source speech masked (`**`) is a
 * setting here with a documented default; `parseCampaignConfig` fills in defaults and rejects
 * wrong types or ranges with the path to the field.
 */
import * as z from 'zod';
import { InputError, MAX_REPORTED_ISSUES, describeValue, type InputErrorDetails } from '../errors.ts';
import { isObject, ownValue, parseJsonText } from './json.ts';

/** A calendar date that exists: 2002-02-30 is refused, not rolled over to 2 March. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD 格式的日期')
  .refine(
    (text) => {
      const [year, month, day] = text.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(year, month - 1, day));
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    },
    { message: '存在的日期（YYYY-MM-DD，如 2002-06-30）', abort: true },
  );
const share = z.number().min(0).max(1);

const deadlineSchema = z.strictObject({
  /** Stable id, e.g. `demo`. */
  id: z.string().min(1),
  /** What must be done by then (Chinese). */
  label: z.string().min(1),
  date: isoDate,
  /** Person or office responsible 责任人. */
  responsible: z.string().default(''),
});

/** A city department 市属部门 that cases can be referred to (its account's scope names its `id`). */
const departmentSchema = z.strictObject({ id: z.string().min(1).max(64), name: z.string().min(1) });
/** A problem category and its routing: `department` null = the community's street office 街道. */
const categorySchema = z.strictObject({
  id: z.string().min(1).max(64),
  label: z.string().min(1),
  department: z.string().min(1).nullable().default(null),
  /** Working days to rectify; null = `supervision.deadlineWorkingDays`. */
  deadlineWorkingDays: z.number().int().min(1).max(250).nullable().default(null),
});

/**
 * Illustrative defaults for Lucheng (温州市鹿城区, 2002): city departments and the routing of
 * problem categories (the five disorders 五乱 and the rest) to the street or a department; the
 * 2002 public holidays and swapped working days 调休 of the State Council's arrangement (New
 * Year, Spring Festival, Labour Day and National Day weeks), to be checked against the notice in
 * force before real use.
 */
export const DEFAULT_SUPERVISION = {
  departments: [
    { id: 'chengguan', name: '市城管执法局' },
    { id: 'gongan', name: '市公安局' },
    { id: 'shizheng', name: '市市政公用局' },
    { id: 'yuanlin', name: '市园林局' },
    { id: 'huanbao', name: '市环保局' },
  ],
  categories: [
    { id: 'stall', label: '乱设摊', department: null, deadlineWorkingDays: null },
    { id: 'dumping', label: '乱堆放', department: null, deadlineWorkingDays: null },
    { id: 'posting', label: '乱张贴', department: null, deadlineWorkingDays: 3 },
    { id: 'building', label: '乱搭建', department: 'chengguan', deadlineWorkingDays: 10 },
    { id: 'parking', label: '乱停放', department: 'gongan', deadlineWorkingDays: null },
    { id: 'lighting', label: '楼道灯、路灯不亮', department: 'shizheng', deadlineWorkingDays: null },
    { id: 'road', label: '道路破损', department: 'shizheng', deadlineWorkingDays: 10 },
    { id: 'greening', label: '绿化缺损', department: 'yuanlin', deadlineWorkingDays: null },
    { id: 'pollution', label: '噪声、油烟污染', department: 'huanbao', deadlineWorkingDays: null },
    { id: 'sanitation', label: '环境卫生', department: null, deadlineWorkingDays: null },
    { id: 'facility', label: '配套设施未达标', department: null, deadlineWorkingDays: 20 },
    { id: 'other', label: '其他', department: null, deadlineWorkingDays: null },
  ],
  deadlineWorkingDays: 5,
  holidays: [
    '2002-01-01', '2002-01-02', '2002-01-03',
    '2002-02-12', '2002-02-13', '2002-02-14', '2002-02-15', '2002-02-18',
    '2002-05-01', '2002-05-02', '2002-05-03', '2002-05-06', '2002-05-07',
    '2002-10-01', '2002-10-02', '2002-10-03', '2002-10-04', '2002-10-07',
  ],
  workdays: ['2002-02-09', '2002-02-10', '2002-04-27', '2002-04-28', '2002-09-28', '2002-09-29'],
  colours: { blueWithinWorkingDays: 2, redOverdueWorkingDays: 3, redReopenings: 2 },
  referral: { prefix: '鹿创抄', year: null, office: '鹿城区创建办' },
} as const;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The supervision loop's settings (issue 20): departments, category routing, deadlines in
 * working days, holidays and swapped working days, the three-colour thresholds and the referral
 * slip's number. See src/core/supervision.
 */
const supervisionSchema = z
  .strictObject({
    departments: z.array(departmentSchema).default(() => clone(DEFAULT_SUPERVISION.departments) as never),
    categories: z.array(categorySchema).min(1).default(() => clone(DEFAULT_SUPERVISION.categories) as never),
    /** Working days from 交办 to the deadline, unless the category names its own. */
    deadlineWorkingDays: z.number().int().min(1).max(250).default(DEFAULT_SUPERVISION.deadlineWorkingDays),
    /** Public holidays falling on weekdays (no work). */
    holidays: z.array(isoDate).default(() => [...DEFAULT_SUPERVISION.holidays]),
    /** Weekend days that are working days (调休). */
    workdays: z.array(isoDate).default(() => [...DEFAULT_SUPERVISION.workdays]),
    colours: z
      .strictObject({
        /** Blue 蓝色预警 when due within this many working days. */
        blueWithinWorkingDays: z.number().int().min(0).max(60).default(2),
        /** Red 红色督办 when overdue by more than this many working days (else yellow 黄色督办). */
        redOverdueWorkingDays: z.number().int().min(0).max(250).default(3),
        /** Red when reopened (verification failed) this many times or more. */
        redReopenings: z.number().int().min(1).max(100).default(2),
      })
      .default({ ...DEFAULT_SUPERVISION.colours }),
    referral: z
      .strictObject({
        /** The slip number's prefix, as in 鹿创抄〔2002〕第 12 号. */
        prefix: z.string().min(1).max(20).default(DEFAULT_SUPERVISION.referral.prefix),
        /** The year in the number; null = the year the slip is issued. */
        year: z.number().int().min(1900).max(2999).nullable().default(null),
        /** The issuing office, printed on the slip. */
        office: z.string().min(1).max(60).default(DEFAULT_SUPERVISION.referral.office),
      })
      .default({ ...DEFAULT_SUPERVISION.referral }),
  })
  .superRefine((value, context) => {
    const departments = new Set(value.departments.map((department) => department.id));
    value.categories.forEach((category, index) => {
      if (category.department !== null && !departments.has(category.department)) {
        context.addIssue({ code: 'custom', message: `departments 中的部门 id 之一（${[...departments].join('、') || '无'}）`, path: ['categories', index, 'department'] });
      }
    });
    const seen = new Set<string>();
    value.categories.forEach((category, index) => {
      if (seen.has(category.id)) context.addIssue({ code: 'custom', message: '不重复的类别 id', path: ['categories', index, 'id'] });
      seen.add(category.id);
    });
  });

export const campaignConfigSchema = z.strictObject({
  title: z.string().min(1).default('鹿城区精品示范社区创建'),
  district: z.string().min(1).default('鹿城区'),
  /** Deadlines shown as a countdown; the speech: demo communities by end of June, all tasks before the 16th Party Congress. */
  deadlines: z.array(deadlineSchema).default([
    { id: 'demo', label: '建成精品示范社区', date: '2002-06-30', responsible: '区创建办' },
    { id: 'final', label: '十六大前完成全部创建任务', date: '2002-11-07', responsible: '区委、区政府' },
  ]),
  targets: z
    .strictObject({
      /** "创建**个左右精品示范社区": masked; about a dozen. */
      demoCommunities: z.number().int().min(1).default(12),
      /** "把**%的社区创成文明社区": masked share of all communities. */
      civilizedShare: share.default(0.6),
      /** "再创建**个以上的市级文明社区": masked. */
      newCityLevel: z.number().int().min(0).default(10),
      /**
       * City-level civilized communities (市级) when the campaign started: the status table is a
       * snapshot, so "new" ones are the city-level communities now minus this; null = unknown
       * (the gauge then says it cannot count new ones rather than compare all with new).
       */
      cityLevelAtStart: z.number().int().min(0).nullable().default(null),
    })
    .default({ demoCommunities: 12, civilizedShare: 0.6, newCityLevel: 10, cityLevelAtStart: null }),
  facilities: z
    .strictObject({
      /** "总面积要达到***-***m²": masked floor-area range of the 12 facilities together. */
      minAreaM2: z.number().positive().default(300),
      maxAreaM2: z.number().positive().default(600),
    })
    .refine((value) => value.minAreaM2 <= value.maxAreaM2, { message: 'minAreaM2 不大于 maxAreaM2', path: ['maxAreaM2'] })
    .default({ minAreaM2: 300, maxAreaM2: 600 }),
  /** "确保住宅区亮灯率达到**%以上": masked stairway lighting threshold. */
  lightingThreshold: share.default(0.95),
  budget: z
    .strictObject({
      /** "需要投入资金大约*****万元": masked total need, 万元. */
      totalNeedWan: z.number().nonnegative().default(12000),
      /** "第一批精品示范社区建设款****万元": masked first batch already allocated, 万元. */
      firstBatchWan: z.number().nonnegative().default(2000),
    })
    .default({ totalNeedWan: 12000, firstBatchWan: 2000 }),
  /** "**名到社区担任指导员的市属单位干部": masked number of city cadres sent as instructors. */
  instructors: z.number().int().nonnegative().default(100),
  /** Weights of the scoring rubric (《鹿城区精品社区目标责任制评分细则》), summing to 100. */
  scoring: z
    .strictObject({
      facilities: z.number().nonnegative().default(40),
      environment: z.number().nonnegative().default(25),
      safety: z.number().nonnegative().default(15),
      services: z.number().nonnegative().default(10),
      supervision: z.number().nonnegative().default(10),
    })
    .default({ facilities: 40, environment: 25, safety: 15, services: 10, supervision: 10 }),
  /**
   * When a community or street is flagged red (lagging); see src/core/lagging. Each numeric rule
   * may be `null` to switch it off; `lighting` and `facilityArea` switch the rules that use
   * `lightingThreshold` and `facilities.minAreaM2`.
   */
  lagging: z
    .strictObject({
      /** Latest inspection score below this is red. */
      minScore: z.number().min(0).max(100).nullable().default(75),
      /** More missing facility items than this is red. */
      maxMissingFacilities: z.number().int().min(0).max(12).nullable().default(2),
      /** No score improvement over this many consecutive inspections is "stagnating". */
      stagnantRounds: z.number().int().min(2).nullable().default(3),
      /** Open five-disorders cases above this is red. */
      maxOpenDisorders: z.number().int().min(0).nullable().default(3),
      /** Spent / allocated budget below this share (after the first month) is red. */
      minBudgetSpentShare: share.nullable().default(0.3),
      /** Stairway lighting rate below `lightingThreshold` is red. */
      lighting: z.boolean().default(true),
      /** Facility floor area below `facilities.minAreaM2` is red. */
      facilityArea: z.boolean().default(true),
    })
    .default({ minScore: 75, maxMissingFacilities: 2, stagnantRounds: 3, maxOpenDisorders: 3, minBudgetSpentShare: 0.3, lighting: true, facilityArea: true }),
  /**
   * Graded standing 红黄绿 of communities and streets (src/core/supervision/grades.ts). Red is
   * serious, yellow not yet at standard, green at standard. The score line and the stagnation
   * window are the lagging rules' (`lagging.minScore`, `lagging.stagnantRounds`): the switches
   * here say whether they make a community red. Every other failing lagging rule (facilities,
   * floor area, lighting, five disorders, budget) makes it yellow.
   */
  grading: z
    .strictObject({
      /** A community under the score line (低分: latest score < `lagging.minScore`) is red; a street whose average is under it (落后街道) too. */
      lowScore: z.boolean().default(true),
      /** No improvement over the last `lagging.stagnantRounds` checks is red. */
      stagnant: z.boolean().default(true),
      /** At least this many open red cases (红色督办) in a community is red; null = off. */
      minRedCases: z.number().int().min(1).nullable().default(1),
      /** At least this many open cases (not yet rectified and verified) in a community is yellow; null = off. */
      minOpenCases: z.number().int().min(1).nullable().default(1),
      /** A street with at least this share of red communities is red. */
      streetRedShare: z.number().gt(0).max(1).default(0.5),
      /** A street without red communities is green when at least this share of its communities is green. */
      streetGreenShare: z.number().gt(0).max(1).default(1),
    })
    .default({ lowScore: true, stagnant: true, minRedCases: 1, minOpenCases: 1, streetRedShare: 0.5, streetGreenShare: 1 }),
  /** Contiguity analysis settings (see buildAdjacency). */
  adjacency: z
    .strictObject({
      mode: z.enum(['rook', 'queen']).default('rook'),
      /** Shared border shorter than this (metres) is only a weak link. */
      minSharedMeters: z.number().nonnegative().default(5),
      /** Gap or overlap tolerated between separately digitized boundaries (metres). */
      toleranceMeters: z.number().nonnegative().max(100).default(1),
    })
    .default({ mode: 'rook', minSharedMeters: 5, toleranceMeters: 1 }),
  /** Width of the joint environment zone along shared borders of demonstration communities (metres, each side). */
  zoneWidthMeters: z.number().positive().max(1000).default(60),
  /** The supervision loop: case routing, deadlines, three colours, referral slips (issue 20). */
  supervision: supervisionSchema.default(() => supervisionSchema.parse({})),
});

/** The campaign configuration with every default filled in. */
export type CampaignConfig = z.infer<typeof campaignConfigSchema>;

/** The `supervision` section with its defaults filled in. */
export type SupervisionSettings = CampaignConfig['supervision'];

/** All defaults (what an empty `{}` config means). */
export function defaultCampaignConfig(): CampaignConfig {
  return campaignConfigSchema.parse({});
}

const TYPE_NAMES = new Map<string, string>([
  ['number', '数字'],
  ['string', '文本'],
  ['boolean', '布尔值（true/false）'],
  ['array', '数组'],
  ['object', '对象'],
  ['int', '整数'],
]);

/**
 * Validates a campaign config (JSON text or parsed value) and fills in defaults. Every problem
 * (up to MAX_REPORTED_ISSUES) is listed; an unknown key at any level is one, with a "did you
 * mean" hint when a known key is a near spelling.
 * @throws InputError with code E_JSON or E_CONFIG, the file and the path to each bad field.
 */
export function parseCampaignConfig(input: string | unknown, file = 'campaign.json'): CampaignConfig {
  const value = typeof input === 'string' ? parseJsonText(input, file, '合法的 JSON') : input;
  const result = campaignConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const issues: InputErrorDetails[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(issue.path);
      for (const key of issue.keys) {
        const hint = closestKey(key, known);
        issues.push({
          code: 'E_CONFIG',
          file,
          path: pathText([...issue.path, key]),
          expected: `已知字段之一：${known.join('、')}${hint ? `（是否想写「${hint}」？）` : ''}`,
          actual: `未知字段 ${JSON.stringify(key)}`,
        });
      }
    } else {
      issues.push({ code: 'E_CONFIG', file, path: pathText(issue.path), expected: expectedText(issue), actual: describeValue(valueAt(value, issue.path)) });
    }
  }
  InputError.throwIfAny(issues.slice(0, MAX_REPORTED_ISSUES));
  throw new Error('unreachable: zod failed without issues');
}

/** `adjacency.toleranceMeters`, `deadlines[0].date`, or `(根)` for the root. */
function pathText(path: readonly PropertyKey[]): string {
  const text = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '');
  return text || '(根)';
}

/** The keys allowed at `path`, read from the defaults (every object level has a default). */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let current: unknown = defaultCampaignConfig();
  for (const key of path) current = Array.isArray(current) ? current[0] : ownValue(current, String(key));
  return isObject(current) ? Object.keys(current) : [];
}

/** The known key nearest to `key` (case-insensitive edit distance ≤ 2, with or without its unit suffix), if any. */
function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  const wanted = key.toLowerCase();
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    const distance = Math.min(editDistance(wanted, lower), editDistance(wanted, lower.replace(/(meters|m2|wan)$/, '')));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance (keys are short: a two-row table is enough). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

function expectedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES.get(issue.expected) ?? issue.expected;
    case 'too_small':
      return typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint'
        ? issue.origin === 'string' || issue.origin === 'array'
          ? `至少 ${issue.minimum} 个字符/元素`
          : `${issue.inclusive ? '≥' : '>'} ${issue.minimum} 的数`
        : '更大的值';
    case 'too_big':
      return `${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)} 的数`;
    case 'invalid_value':
      return `以下之一：${issue.values.map(String).join(' / ')}`;
    case 'invalid_format':
      return issue.message && !issue.message.startsWith('Invalid') ? issue.message : `格式 ${issue.format}`;
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) current = Array.isArray(current) && typeof key === 'number' ? current[key] : ownValue(current, String(key));
  return current;
}
