/**
 * The campaign configuration (campaign.json). Every number the source speech masked (`**`) is a
 * setting here with a documented default; `parseCampaignConfig` fills in defaults and rejects
 * wrong types or ranges with the path to the field.
 */
import { z } from 'zod';
import { InputError, describeValue } from '../errors.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD 格式的日期');
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

export const campaignConfigSchema = z.strictObject({
  title: z.string().min(1).default('鹿城区精品示范社区创建'),
  district: z.string().min(1).default('鹿城区'),
  /** Deadlines shown as a countdown; the speech: demo communities by end of June, all tasks before the 16th Party Congress. */
  deadlines: z.array(deadlineSchema).default([
    { id: 'demo', label: '建成精品示范社区', date: '2002-06-30', responsible: '区创建办' },
    { id: 'final', label: '十六大前完成全部创建任务', date: '2002-11-07', responsible: '区委、区政府' },
  ]),
  targets: z
    .object({
      /** "创建**个左右精品示范社区": masked; about a dozen. */
      demoCommunities: z.number().int().min(1).default(12),
      /** "把**%的社区创成文明社区": masked share of all communities. */
      civilizedShare: share.default(0.6),
      /** "再创建**个以上的市级文明社区": masked. */
      newCityLevel: z.number().int().min(0).default(10),
    })
    .default({ demoCommunities: 12, civilizedShare: 0.6, newCityLevel: 10 }),
  facilities: z
    .object({
      /** "总面积要达到***-***m²": masked floor-area range of the 12 facilities together. */
      minAreaM2: z.number().positive().default(300),
      maxAreaM2: z.number().positive().default(600),
    })
    .refine((value) => value.minAreaM2 <= value.maxAreaM2, { message: 'minAreaM2 不大于 maxAreaM2', path: ['maxAreaM2'] })
    .default({ minAreaM2: 300, maxAreaM2: 600 }),
  /** "确保住宅区亮灯率达到**%以上": masked stairway lighting threshold. */
  lightingThreshold: share.default(0.95),
  budget: z
    .object({
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
    .object({
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
    .object({
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
  /** Contiguity analysis settings (see buildAdjacency). */
  adjacency: z
    .object({
      mode: z.enum(['rook', 'queen']).default('rook'),
      /** Shared border shorter than this (metres) is only a weak link. */
      minSharedMeters: z.number().nonnegative().default(5),
      /** Gap or overlap tolerated between separately digitized boundaries (metres). */
      toleranceMeters: z.number().nonnegative().max(100).default(1),
    })
    .default({ mode: 'rook', minSharedMeters: 5, toleranceMeters: 1 }),
  /** Width of the joint environment zone along shared borders of demonstration communities (metres, each side). */
  zoneWidthMeters: z.number().positive().max(1000).default(60),
});

/** The campaign configuration with every default filled in. */
export type CampaignConfig = z.infer<typeof campaignConfigSchema>;

/** All defaults (what an empty `{}` config means). */
export function defaultCampaignConfig(): CampaignConfig {
  return campaignConfigSchema.parse({});
}

const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  string: '文本',
  boolean: '布尔值（true/false）',
  array: '数组',
  object: '对象',
  int: '整数',
};

/**
 * Validates a campaign config (JSON text or parsed value) and fills in defaults.
 * @throws InputError with code E_JSON or E_CONFIG, the file and the path to the bad field.
 */
export function parseCampaignConfig(input: string | unknown, file = 'campaign.json'): CampaignConfig {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new InputError({ code: 'E_JSON', file, expected: '合法的 JSON', actual: (error as Error).message });
    }
  }
  const result = campaignConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '');
  throw new InputError({ code: 'E_CONFIG', file, path: path || '(根)', expected: expectedText(issue), actual: describeValue(valueAt(value, issue.path)) });
}

function expectedText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_NAMES[issue.expected] ?? issue.expected;
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
    case 'unrecognized_keys':
      return `不含未知字段（${issue.keys.join('、')}）`;
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
