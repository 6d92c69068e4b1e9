/**
 * The contract between the campaign server (src/server) and the SPA: request and response
 * schemas (zod) and their types. The server validates every request body against these
 * schemas; the SPA may parse responses with them. Browser-safe: zod only.
 *
 * Status rows use the core's `CommunityStatus` field names (`demo`, `population`,
 * `responsible`, …) plus the row's `version`.
 */
import { z } from 'zod';

// Roles and their Chinese names live in roles.ts (no zod there, so the app's first page can show them).
import { ROLES } from './roles.ts';
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
export const planSchema = z.object({ codes: z.array(z.string()).nullable(), version: z.number(), updatedBy: z.string(), updatedAt: z.string() });
export type Plan = z.infer<typeof planSchema>;

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
  | { revision: number; type: 'inspection'; row: InspectionRow; actor: string }
  | { revision: number; type: 'problem'; row: ProblemRow; actor: string }
  | { revision: number; type: 'plan'; plan: Plan; actor: string }
  | { revision: number; type: 'scenario'; scenario: Scenario | null; id: number; actor: string }
  | { revision: number; type: 'settings'; version: number; actor: string }
  | { revision: number; type: 'boundaries'; version: number; actor: string };
