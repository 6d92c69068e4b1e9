/**
 * The contract between the campaign server (src/server) and the SPA: request and response
 * schemas (zod) and their types. The server validates every request body against these
 * schemas; the SPA may parse responses with them. Browser-safe: zod only.
 *
 * Status rows use the core's `CommunityStatus` field names (`demo`, `population`,
 * `responsible`, …) plus the row's `version`.
 */
import * as z from 'zod';

// Roles and their Chinese names live in roles.ts (no zod there, so the app's first page can show them).
import { ROLES } from './roles.ts';
import {
  CASE_STATES,
  CASE_TRANSITIONS,
  FEATURE_KINDS,
  MAX_FEATURE_NAME_CHARS,
  MAX_FEATURE_POSITIONS,
  MAX_WORKS_NOTE_CHARS,
  PROJECT_KINDS,
  PROJECT_STAGES,
  ROUND_KINDS,
  type CampaignFeature,
  type CampaignFeatureGeometry,
  type FeatureIssue,
  type FeatureKind,
  type ProjectRecord,
} from '../core/index.ts';
export { ROLES, ROLE_LABELS, type Role } from './roles.ts';

/** Every error the API returns: a stable code and a Chinese message. */
export const apiErrorSchema = z.object({ code: z.string(), message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

const username = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/);
const code = z.string().min(1).max(64);

export const loginBodySchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict();
export type LoginBody = z.infer<typeof loginBodySchema>;

/** GET /api/me, and the body of a successful login. */
export const meSchema = z.object({ username: z.string(), role: z.enum(ROLES), scope: z.array(z.string()) });
export type Me = z.infer<typeof meSchema>;

export const createUserBodySchema = z
  .object({ username, password: z.string().min(8).max(256), role: z.enum(ROLES), scope: z.array(code).max(500).default([]) })
  .strict();
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

/** PATCH /api/users/:username: disable or enable, reset the password, change role or scope. */
export const updateUserBodySchema = z
  .object({
    version: z.number().int().positive(),
    disabled: z.boolean().optional(),
    password: z.string().min(8).max(256).optional(),
    role: z.enum(ROLES).optional(),
    scope: z.array(code).max(500).optional(),
  })
  .strict();
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const userSchema = z.object({ username: z.string(), role: z.enum(ROLES), scope: z.array(z.string()), disabled: z.boolean(), version: z.number(), createdAt: z.string() });
export type User = z.infer<typeof userSchema>;

export const campaignSummarySchema = z.object({ id: z.string(), title: z.string(), publicRead: z.boolean(), revision: z.number(), communities: z.number() });
export type CampaignSummary = z.infer<typeof campaignSummarySchema>;

const FACILITY_KEYS = [
  'managementOffice',
  'partyOffice',
  'policeRoom',
  'readingRoom',
  'cultureRoom',
  'serviceStation',
  'medicalStation',
  'familyPlanningStation',
  'publicityBoard',
  'newspaperBoard',
  'citizenSchool',
  'outdoorGround',
] as const;

const nullableNonNegative = z.number().finite().min(0).nullable();

/** The editable fields of a status row (the core's CommunityStatus without `code`). */
export const statusFieldsSchema = z
  .object({
    name: z.string().min(1).max(200),
    level: z.enum(['national_candidate', 'provincial', 'city', 'none']),
    demo: z.boolean(),
    theme: z.string().max(200).nullable(),
    facilities: z.object(Object.fromEntries(FACILITY_KEYS.map((key) => [key, z.boolean()])) as Record<(typeof FACILITY_KEYS)[number], z.ZodBoolean>).strict(),
    facilityAreaM2: nullableNonNegative,
    lightingRate: z.number().finite().min(0).max(1).nullable(),
    greenAreaM2: nullableNonNegative,
    police: z.enum(['one', 'two', 'none']),
    drugFree: z.boolean(),
    safeEstate: z.boolean(),
    openDisorders: z.number().int().min(0),
    budgetAllocatedWan: z.number().finite().min(0),
    budgetSpentWan: z.number().finite().min(0),
    population: z.number().int().min(0).nullable(),
    responsible: z.string().max(200),
  })
  .strict();

/** GET /api/campaigns/:id/communities/:code: the status row with its version. */
export const statusRowSchema = statusFieldsSchema.extend({ code: z.string(), version: z.number().int() });
export type StatusRow = z.infer<typeof statusRowSchema>;

/** PATCH /api/campaigns/:id/communities/:code. */
export const patchCommunityBodySchema = z
  .object({
    version: z.number().int().positive(),
    changes: statusFieldsSchema.partial().extend({ facilities: statusFieldsSchema.shape.facilities.partial().optional() }).strict(),
  })
  .strict();
export type PatchCommunityBody = z.infer<typeof patchCommunityBodySchema>;

/** 409 body: the current row, so that the client can show both versions. */
export const conflictSchema = apiErrorSchema.extend({ current: z.unknown() });
export type Conflict<T> = ApiError & { current: T };

export const inspectionBodySchema = z
  .object({
    code,
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    kind: z.enum(['weekly', 'monthly', 'bulletin']),
    score: z.number().finite().min(0).max(100),
    problemsFound: z.number().int().min(0),
    problemsRectified: z.number().int().min(0),
    note: z.string().max(2000).default(''),
  })
  .strict();
export type InspectionBody = z.infer<typeof inspectionBodySchema>;
export const inspectionRowSchema = inspectionBodySchema.extend({ id: z.number(), version: z.number(), createdBy: z.string() });
export type InspectionRow = z.infer<typeof inspectionRowSchema>;

export const problemBodySchema = z.object({ code, description: z.string().min(1).max(2000), department: z.string().min(1).max(64).nullable().default(null) }).strict();
export type ProblemBody = z.infer<typeof problemBodySchema>;
export const answerProblemBodySchema = z.object({ version: z.number().int().positive(), answer: z.string().min(1).max(2000) }).strict();
export const problemRowSchema = z.object({ id: z.number(), code: z.string(), description: z.string(), department: z.string().nullable(), answer: z.string().nullable(), version: z.number(), createdBy: z.string(), createdAt: z.string() });
export type ProblemRow = z.infer<typeof problemRowSchema>;

/** PUT /api/campaigns/:id/plan: the designated codes (null = the status table's designations). */
export const planBodySchema = z.object({ version: z.number().int().positive(), codes: z.array(code).max(100_000).nullable() }).strict();
export type PlanBody = z.infer<typeof planBodySchema>;
export const sharedPlanSchema = z.object({ codes: z.array(z.string()).nullable(), version: z.number(), updatedBy: z.string(), updatedAt: z.string() });
export type SharedPlan = z.infer<typeof sharedPlanSchema>;

export const scenarioBodySchema = z.object({ name: z.string().min(1).max(200), codes: z.array(code).max(100_000) }).strict();
export const scenarioSchema = z.object({ id: z.number(), name: z.string(), codes: z.array(z.string()), author: z.string(), version: z.number(), savedAt: z.string() });
export type Scenario = z.infer<typeof scenarioSchema>;

/** PUT /api/campaigns/:id/settings: the campaign config JSON (validated by the core's parser). */
export const settingsBodySchema = z.object({ version: z.number().int().positive(), settings: z.record(z.string(), z.unknown()) }).strict();

/** PUT /api/campaigns/:id/boundaries: a new boundary version (GeoJSON, through the core's ingest). */
export const boundariesBodySchema = z.object({ version: z.number().int().min(0), file: z.string().min(1).max(200), communities: z.unknown(), streets: z.unknown().optional(), district: z.unknown().optional() }).strict();

export const auditEventSchema = z.object({ id: z.number(), actor: z.string(), action: z.string(), entity: z.string(), before: z.unknown(), after: z.unknown(), at: z.string() });
export type AuditEvent = z.infer<typeof auditEventSchema>;

/**
 * One Server-Sent Event of GET /api/campaigns/:id/events (`event: change`, `id:` the campaign
 * revision): what changed, with the new row, so that a client applies it through its updaters.
 */
export type CampaignEvent =
  | { revision: number; type: 'status'; code: string; row: StatusRow; actor: string }
  | { revision: number; type: 'inspection.created'; inspection: InspectionRecord; status: StatusRow | null; cases: CaseView[]; actor: string }
  | { revision: number; type: 'case.changed'; case: CaseView; actor: string }
  | { revision: number; type: 'project.changed'; project: ProjectRecord; actor: string }
  /** Campaign features created or changed (`features`, as stored) and deleted (`deleted`, their ids): a dashboard re-reads GET …/features. */
  | { revision: number; type: 'feature.changed'; features: CampaignFeature[]; deleted: string[]; actor: string }
  | { revision: number; type: 'works.changed'; kind: 'person' | 'instructor'; id: string; actor: string }
  | { revision: number; type: 'round.changed'; round: RoundRow | null; id: string; actor: string }
  | { revision: number; type: 'inspection'; row: InspectionRow; actor: string }
  | { revision: number; type: 'problem'; row: ProblemRow; actor: string }
  | { revision: number; type: 'plan'; plan: SharedPlan; actor: string }
  | { revision: number; type: 'scenario'; scenario: Scenario | null; id: number; actor: string }
  | { revision: number; type: 'settings'; version: number; actor: string }
  | { revision: number; type: 'boundaries'; version: number; actor: string };

// ---- the supervision loop (issue 20): rounds, inspections from the phone, cases, referral slips ----

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD 格式的日期');

/** Longest photo data URL accepted (characters; about 1.1 MB of JPEG): photos are resized on the phone. */
export const PHOTO_MAX_DATA_URL = 1_500_000;
/** Body limit of the routes that carry photos (inspections, transitions), in bytes. */
export const PHOTO_BODY_LIMIT = 16 * 1024 * 1024;

/** A photo as the phone sends it: a base64 data URL (JPEG, PNG or WebP) and what its EXIF said. */
export const photoUploadSchema = z
  .object({
    dataUrl: z
      .string()
      .max(PHOTO_MAX_DATA_URL, '照片过大：请在手机上缩小后再上传')
      .regex(/^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/]+={0,2}$/, 'JPEG/PNG/WebP 图片的 data URL'),
    /** EXIF DateTimeOriginal as ISO date-time, when the photo had one. */
    takenAt: z.string().max(40).nullable().default(null),
    lon: z.number().min(-180).max(180).nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
  })
  .strict();
export type PhotoUpload = z.input<typeof photoUploadSchema>;

/** A stored photo's metadata (the bytes: GET /api/campaigns/:id/photos/:photoId). */
export const photoInfoSchema = z.object({ id: z.string(), mime: z.string(), bytes: z.number(), takenAt: z.string().nullable(), lon: z.number().nullable(), lat: z.number().nullable(), createdBy: z.string(), createdAt: z.string() });
export type PhotoInfo = z.infer<typeof photoInfoSchema>;

export const responsibleUnitSchema = z.object({ kind: z.enum(['street', 'department']), id: code }).strict();

// ---- rounds ----

/** POST /api/campaigns/:id/rounds (admin): schedule a round 周查/月查/抽查/暗访. */
export const roundBodySchema = z
  .object({
    kind: z.enum(ROUND_KINDS),
    title: z.string().min(1).max(200),
    start: isoDay,
    end: isoDay,
    communities: z.array(code).min(1).max(10_000),
    inspectors: z.array(username).min(1).max(500),
  })
  .strict()
  .refine((round) => round.start <= round.end, { message: '结束日期不早于开始日期', path: ['end'] });
export type RoundBody = z.infer<typeof roundBodySchema>;

/** A stored round (the core's Round plus who scheduled it). GET /api/campaigns/:id/rounds → {rounds: RoundRow[]}. */
export const roundRowSchema = z.object({
  id: z.string(),
  kind: z.enum(ROUND_KINDS),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  communities: z.array(z.string()),
  inspectors: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type RoundRow = z.infer<typeof roundRowSchema>;
export const roundListSchema = z.object({ rounds: z.array(roundRowSchema) });

/**
 * GET /api/campaigns/:id/rounds/today[?date=YYYY-MM-DD]: the signed-in inspector's list for the day
 * (the server's date unless `date`): each round running that day that sends them, with its
 * communities and whether they were inspected in this round already.
 */
export const todayListSchema = z.object({
  date: z.string(),
  rounds: z.array(
    z.object({
      round: roundRowSchema,
      communities: z.array(z.object({ code: z.string(), name: z.string(), street: z.string(), streetName: z.string(), inspected: z.boolean() })),
    }),
  ),
});
export type TodayList = z.infer<typeof todayListSchema>;

// ---- inspections (the phone's form) ----

/**
 * What the inspector checked (every field optional: what is left out keeps the status table's
 * value): the 12 facility items, their floor area, stairway lighting, open five-disorders
 * cases 五乱, police model, drug-free and safe estate. The rubric items' points follow from these
 * through the core's rubric; the score is never typed.
 */
export const inspectionItemsSchema = z
  .object({
    facilities: statusFieldsSchema.shape.facilities.partial().optional(),
    facilityAreaM2: nullableNonNegative.optional(),
    lightingRate: z.number().finite().min(0).max(1).nullable().optional(),
    openDisorders: z.number().int().min(0).max(10_000).optional(),
    police: z.enum(['one', 'two', 'none']).optional(),
    drugFree: z.boolean().optional(),
    safeEstate: z.boolean().optional(),
  })
  .strict();
export type InspectionItems = z.infer<typeof inspectionItemsSchema>;

/** One problem found: becomes a case (上报). `lon`/`lat` WGS84; null = the community's label point. */
export const problemFoundSchema = z
  .object({
    category: code,
    note: z.string().max(2000).default(''),
    lon: z.number().min(-180).max(180).nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    photos: z.array(photoUploadSchema).max(6).default([]),
  })
  .strict();
export type ProblemFound = z.input<typeof problemFoundSchema>;

/**
 * POST /api/campaigns/:id/inspections (inspector in scope) → 201 InspectionCreated. `clientId` (the
 * outbox entry's id) makes a resend harmless: the same clientId answers 200 with the first result
 * and `duplicate: true`. (The older CSV-style body {code, kind, score, …} is still accepted there.)
 */
export const supervisionInspectionBodySchema = z
  .object({
    community: code,
    date: isoDay,
    kind: z.enum(ROUND_KINDS),
    roundId: z.string().max(64).nullable().default(null),
    items: inspectionItemsSchema.default({}),
    note: z.string().max(4000).default(''),
    photos: z.array(photoUploadSchema).max(12).default([]),
    problems: z.array(problemFoundSchema).max(50).default([]),
    clientId: z.string().min(1).max(100).nullable().default(null),
    /**
     * The status row's version the form was filled on (offline entries carry it): when the row
     * changed meanwhile the server answers 409 E_CONFLICT with the current row, for review; send
     * again without it to record anyway.
     */
    baseVersion: z.number().int().positive().nullable().default(null),
  })
  .strict();
export type SupervisionInspectionBody = z.input<typeof supervisionInspectionBodySchema>;

/** A rubric part as the core computes it (src/core/lagging/rubric.ts). */
export const rubricPartSchema = z.object({ key: z.string(), label: z.string(), weight: z.number(), value: z.number().nullable(), points: z.number().nullable(), detail: z.string() });

/** A status field the inspection changed. */
export const statusChangeSchema = z.object({ field: z.string(), label: z.string(), before: z.unknown(), after: z.unknown() });

/** A stored inspection of the phone's form. GET /api/campaigns/:id/inspections/:inspectionId. */
export const inspectionRecordSchema = z.object({
  id: z.string(),
  community: z.string(),
  street: z.string(),
  date: z.string(),
  kind: z.enum(ROUND_KINDS),
  roundId: z.string().nullable(),
  items: inspectionItemsSchema,
  note: z.string(),
  photos: z.array(z.string()),
  /** The core's rubric score 0–100 (null without a status row). */
  score: z.number().nullable(),
  rubric: z.array(rubricPartSchema),
  statusChanges: z.array(statusChangeSchema),
  problemsFound: z.number(),
  clientId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type InspectionRecord = z.infer<typeof inspectionRecordSchema>;

/** 201 of POST inspections: the inspection and the cases its problems opened. */
export const inspectionCreatedSchema = z.object({
  inspection: inspectionRecordSchema,
  cases: z.array(z.object({ id: z.string(), number: z.number() })),
  duplicate: z.boolean().optional(),
});
export type InspectionCreated = z.infer<typeof inspectionCreatedSchema>;

// ---- cases ----

export const caseEventSchema = z.object({
  at: z.string(),
  actor: z.string(),
  transition: z.enum([...CASE_TRANSITIONS, 'reported']),
  from: z.enum(CASE_STATES).nullable(),
  to: z.enum(CASE_STATES),
  note: z.string(),
  unit: responsibleUnitSchema.optional(),
  deadline: z.string().optional(),
  photos: z.array(z.string()).optional(),
});

/**
 * A case as the API shows it: the core's CaseRecord plus its colour now (三色督办), names for
 * display, its referral slip number when referred to a department, and the transitions the
 * signed-in user may make now (absent in live events, which every viewer receives).
 */
export const caseViewSchema = z.object({
  id: z.string(),
  number: z.number(),
  community: z.string(),
  communityName: z.string(),
  street: z.string(),
  streetName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  note: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  photos: z.array(z.string()),
  state: z.enum(CASE_STATES),
  unit: responsibleUnitSchema,
  unitName: z.string(),
  deadline: z.string().nullable(),
  reopenings: z.number(),
  reportedAt: z.string(),
  closedAt: z.string().nullable(),
  inspectionId: z.string().nullable(),
  roundId: z.string().nullable(),
  history: z.array(caseEventSchema),
  colour: z.enum(['blue', 'yellow', 'red']).nullable(),
  /** The 抄告单 number (鹿创抄〔2002〕第 12 号) when the case is referred to a department. */
  referral: z.string().nullable(),
  allowed: z.array(z.enum(CASE_TRANSITIONS)).optional(),
});
export type CaseView = z.infer<typeof caseViewSchema>;

/**
 * GET /api/campaigns/:id/cases?state=&unit=&community=&category=&round=&colour= → {cases, now}.
 * `unit` is `street:<code>`, `department:<id>` or a bare id; `colour` may be `none`. A department
 * account sees only the cases referred to it.
 */
export const caseQuerySchema = z
  .object({
    state: z.enum(CASE_STATES).optional(),
    unit: z.string().max(80).optional(),
    community: z.string().max(64).optional(),
    category: z.string().max(64).optional(),
    round: z.string().max(64).optional(),
    colour: z.enum(['blue', 'yellow', 'red', 'none']).optional(),
  });
export type CaseQuery = z.infer<typeof caseQuerySchema>;
export const caseListSchema = z.object({ cases: z.array(caseViewSchema), now: z.string() });

/**
 * POST /api/campaigns/:id/cases/:caseId/transitions → 200 CaseView; 403 (E_FORBIDDEN) for a role or
 * scope that may not, 409 (E_STATE) when the case's state does not allow it, 400 (E_INPUT) for a
 * missing proof or a bad unit. `unit` and `deadline` only with `to: assigned` (defaults: the
 * category's routing, the settings' working days); `photos` are the proof of `fixed`.
 */
export const transitionBodySchema = z
  .object({
    to: z.enum(CASE_TRANSITIONS),
    note: z.string().max(2000).default(''),
    unit: responsibleUnitSchema.optional(),
    deadline: isoDay.optional(),
    photos: z.array(photoUploadSchema).max(8).default([]),
  })
  .strict();
export type TransitionBody = z.input<typeof transitionBodySchema>;

/** GET /api/campaigns/:id/referrals → {referrals}: the 抄告单 (a department account: its own). PDF: GET …/cases/:caseId/referral.pdf. */
export const referralRowSchema = z.object({ number: z.string(), serial: z.number(), year: z.number(), caseId: z.string(), caseNumber: z.number(), department: z.string(), departmentName: z.string(), issuedAt: z.string(), state: z.enum(CASE_STATES), colour: z.enum(['blue', 'yellow', 'red']).nullable(), deadline: z.string().nullable() });
export type ReferralRow = z.infer<typeof referralRowSchema>;
export const referralListSchema = z.object({ referrals: z.array(referralRowSchema) });

/** GET /api/campaigns/:id/supervision: what the forms need (categories, departments, kinds, the server's clock). */
export const supervisionInfoSchema = z.object({
  /** The server's clock (LIANPIAN_NOW when set), ISO date-time, and its day in China (UTC+8). */
  now: z.string(),
  today: z.string(),
  categories: z.array(z.object({ id: z.string(), label: z.string(), department: z.string().nullable(), deadlineWorkingDays: z.number().nullable() })),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  deadlineWorkingDays: z.number(),
  colours: z.object({ blueWithinWorkingDays: z.number(), redOverdueWorkingDays: z.number(), redReopenings: z.number() }),
});
export type SupervisionInfo = z.infer<typeof supervisionInfoSchema>;

// ---- works (issue 21) ----

/** POST /api/campaigns/:id/projects/:pid/stages: sign the project's next stage (`version`, when sent, must be the held one). */
export const stageBodySchema = z
  .object({ to: z.enum(PROJECT_STAGES), note: z.string().max(MAX_WORKS_NOTE_CHARS).default(''), version: z.number().int().min(1).optional() })
  .strict();
export type StageBody = z.input<typeof stageBodySchema>;

/** POST /api/campaigns/:id/projects/:pid/disbursements: a payment in 万元, with the admin's override reason when above the allocation. */
export const disbursementBodySchema = z
  .object({ amountWan: z.number().positive().max(1e6), note: z.string().max(MAX_WORKS_NOTE_CHARS).default(''), override: z.object({ reason: z.string().max(MAX_WORKS_NOTE_CHARS) }).strict().optional(), version: z.number().int().min(1).optional() })
  .strict();
export type DisbursementBody = z.input<typeof disbursementBodySchema>;

// Chinese messages for the works bodies: a 400 names the field (its path) and what was expected.
const text = (max: number, what = '文本') => z.string({ error: `须为${what}` }).trim().max(max, `不能超过 ${max} 个字`);
const required = (max: number) => text(max).min(1, '不能为空');
const day = z.string({ error: '须为日期文本' }).regex(/^\d{4}-\d{2}-\d{2}$/, '须为 YYYY-MM-DD 格式的日期');
const refId = z.string({ error: '须为代码文本' }).min(1, '不能为空').max(64, '不能超过 64 个字符');
const phone = z.string({ error: '须为电话号码文本' }).trim().max(40, '不能超过 40 个字符').regex(/^[0-9+\-() 转]*$/, '只能含数字、空格和 + - ( ) 转');
const noUnknownKeys = (what: string) => ({ error: (issue: { code: string; keys?: string[] }) => (issue.code === 'unrecognized_keys' ? `${what}不接受字段 ${(issue.keys ?? []).join('、')}` : undefined) });
const projectTargetSchema = z.strictObject(
  { kind: z.enum(['community', 'street', 'road'], { error: '须为 community（社区）、street（街道）或 road（道路）' }), id: required(64) },
  noUnknownKeys('项目对象'),
);
const projectFactShape = {
  title: required(200),
  kind: z.enum(PROJECT_KINDS, { error: `须为项目类型之一：${PROJECT_KINDS.join('、')}` }),
  description: text(2000),
  target: projectTargetSchema,
  street: refId,
  responsible: refId,
  start: day,
  due: day,
};

/** POST /api/campaigns/:id/projects (申报): a new project's facts, budget and funding source → 201 the project at 申报. */
export const projectCreateBodySchema = z.strictObject(
  {
    ...projectFactShape,
    description: projectFactShape.description.default(''),
    budgetWan: z.number({ error: '须为数字（万元）' }).finite('须为有限的数字').min(0, '不能为负').max(1e6, '不能超过 1000000 万元'),
    source: refId,
  },
  noUnknownKeys('新建项目'),
);
export type ProjectCreateBody = z.input<typeof projectCreateBodySchema>;

/**
 * PATCH /api/campaigns/:id/projects/:pid {version, changes}: corrects a project's facts. Stage,
 * budget, source, payments and spending are not facts (they change by sign-offs and payments):
 * sent in `changes` they are a 400 naming them.
 */
export const projectPatchBodySchema = z.strictObject(
  {
    version: z.number({ error: '须为项目的版本号' }).int('须为整数').min(1, '须为项目的版本号'),
    changes: z.strictObject(projectFactShape, noUnknownKeys('项目修改（阶段、预算、资金来源与拨付不能在此修改）')).partial(),
  },
  noUnknownKeys('项目修改'),
);
export type ProjectPatchBody = z.input<typeof projectPatchBodySchema>;

const responsibilitySchema = z.strictObject(
  { kind: z.enum(['street', 'community', 'department', 'project', 'deadline'], { error: '须为 street、community、department、project 或 deadline' }), id: required(64) },
  noUnknownKeys('责任对象'),
);
const personShape = {
  name: required(40),
  title: text(80),
  unit: required(80),
  phone,
  username: z.string({ error: '须为用户名文本' }).min(1, '不能为空').max(64, '不能超过 64 个字符').nullable(),
  responsibleFor: z.array(responsibilitySchema, { error: '须为责任对象的列表' }).max(200, '不能超过 200 项'),
};

/** POST /api/campaigns/:id/people (admin): a person responsible 责任人 → 201 the person with its id. */
export const personCreateBodySchema = z.strictObject(
  { ...personShape, title: personShape.title.default(''), phone: personShape.phone.default(''), username: personShape.username.default(null), responsibleFor: personShape.responsibleFor.default([]) },
  noUnknownKeys('责任人'),
);
export type PersonCreateBody = z.input<typeof personCreateBodySchema>;

/** PATCH /api/campaigns/:id/people/:personId {version, changes} (admin). */
export const personPatchBodySchema = z.strictObject(
  { version: z.number({ error: '须为版本号' }).int('须为整数').min(1, '须为版本号'), changes: z.strictObject(personShape, noUnknownKeys('责任人修改')).partial() },
  noUnknownKeys('责任人修改'),
);
export type PersonPatchBody = z.input<typeof personPatchBodySchema>;

const instructorShape = {
  name: required(40),
  community: refId,
  homeUnit: required(80),
  start: day,
  phone,
  username: personShape.username,
};

/** POST /api/campaigns/:id/instructors (admin): an instructor 指导员 → 201 with its id. */
export const instructorCreateBodySchema = z.strictObject({ ...instructorShape, phone: instructorShape.phone.default(''), username: instructorShape.username.default(null) }, noUnknownKeys('指导员'));
export type InstructorCreateBody = z.input<typeof instructorCreateBodySchema>;

/** PATCH /api/campaigns/:id/instructors/:instructorId {version, changes} (admin). */
export const instructorPatchBodySchema = z.strictObject(
  { version: z.number({ error: '须为版本号' }).int('须为整数').min(1, '须为版本号'), changes: z.strictObject(instructorShape, noUnknownKeys('指导员修改')).partial() },
  noUnknownKeys('指导员修改'),
);
export type InstructorPatchBody = z.input<typeof instructorPatchBodySchema>;

/** GET /api/campaigns/:id/works: the funding sources, the reviewing units with the stages each signs, and the units the account signs for. */
export interface WorksInfoBody {
  sources: { id: string; name: string }[];
  units: { id: string; name: string; stages: string[] }[];
  myUnits: string[];
  /** Whether the signed-in account may record payments (the core's mayDisburse: an admin or the unit signing 拨付). */
  mayPay: boolean;
}

// ---- campaign features on the map (issue 21) ----
//
// GET    /api/campaigns/:id/features            → 200 CampaignFeatureCollection (public-read like the other GETs)
// POST   /api/campaigns/:id/features            body one GeoJSON Feature → 201 CampaignFeature;
//                                               body a FeatureCollection (import) → 201 {features: CampaignFeature[]};
//                                               all or nothing: 400 FeaturesError (E_FEATURES) naming each bad feature and field
// PATCH  /api/campaigns/:id/features/:fid       PatchFeatureBody → 200 CampaignFeature (version + 1);
//                                               409 {code: 'E_STALE', message, current}; 404 E_NOT_FOUND; 400 E_FEATURES
// DELETE /api/campaigns/:id/features/:fid?version=N → 204; 409 E_STALE with current; 404 E_NOT_FOUND
// Writes need `works.write` (403 E_FORBIDDEN otherwise; a street account only for communities of its
// street), each is one transaction with its audit event and a `feature.changed` live event.
// Bodies are checked by the core's validateCampaignFeatures (src/core/works/features.ts), the one rule set.

/** Body limit of the features routes (an import of up to MAX_IMPORT_POSITIONS positions), in bytes. */
export const FEATURES_BODY_LIMIT = 16 * 1024 * 1024;

const lonLat = z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)]);

/** A stored feature's geometry (WGS84 [lon, lat]). */
export const featureGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('LineString'), coordinates: z.array(lonLat).min(2).max(MAX_FEATURE_POSITIONS) }),
  z.object({ type: z.literal('Point'), coordinates: lonLat }),
]);

/** A campaign feature as the server stores and serves it. */
export const campaignFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: featureGeometrySchema,
  properties: z.object({
    id: z.string(),
    kind: z.enum(FEATURE_KINDS),
    name: z.string().min(1).max(MAX_FEATURE_NAME_CHARS * 2),
    community: z.string().nullable(),
    project: z.string().nullable(),
    version: z.number().int().positive(),
    updatedBy: z.string(),
    updatedAt: z.string(),
  }),
});

/** GET /api/campaigns/:id/features: every feature of the campaign (also what the export writes). */
export const featureCollectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(campaignFeatureSchema) });
export interface CampaignFeatureCollection {
  type: 'FeatureCollection';
  features: CampaignFeature[];
}

/** POST with a FeatureCollection (import) → 201: the stored features, in the input's order. */
export interface ImportFeaturesResponse {
  features: CampaignFeature[];
}

/** One problem of a posted or patched feature: `index` in the input (null for the input as a whole), `field` e.g. `geometry.coordinates[3]`. */
export const featureIssueSchema = z.object({ index: z.number().int().nullable(), field: z.string(), message: z.string() });
export type { FeatureIssue };

/** 400 of POST/PATCH …/features: `message` sums up, `errors` names each feature, field and what was expected (Chinese). */
export const featuresErrorSchema = apiErrorSchema.extend({ code: z.literal('E_FEATURES'), errors: z.array(featureIssueSchema) });
export type FeaturesError = z.infer<typeof featuresErrorSchema>;

/**
 * PATCH /api/campaigns/:id/features/:fid: `version` is the held one; the given fields replace the
 * stored ones and the result is checked as a whole by the core (so its errors are E_FEATURES, index 0).
 */
export const patchFeatureBodySchema = z
  .object({
    version: z.number().int().positive(),
    geometry: z.unknown().optional(),
    name: z.unknown().optional(),
    kind: z.unknown().optional(),
    community: z.unknown().optional(),
    project: z.unknown().optional(),
  })
  .strict();
export interface PatchFeatureBody {
  version: number;
  geometry?: CampaignFeatureGeometry;
  name?: string;
  kind?: FeatureKind;
  community?: string | null;
  project?: string | null;
}

/** DELETE /api/campaigns/:id/features/:fid?version=N. */
export const deleteFeatureQuerySchema = z.object({ version: z.coerce.number().int().positive() }).strict();

/** 409 of PATCH/DELETE …/features/:fid: the feature as stored now. */
export interface FeatureStale {
  code: 'E_STALE';
  message: string;
  current: CampaignFeature;
}
