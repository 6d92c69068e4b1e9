/**
 * Who may do what: the one role table of the campaign (issue 19), shared by the server (which
 * checks it on every request and is the authority, src/server/auth/permissions.ts) and the SPA
 * (whose updaters refuse the edits the signed-in role may not make, src/state/permissions.ts).
 * A user's role and scope are rows of the server's `permissions` table (FixMyStreet's
 * user_body_permissions); this table says what each role may do and how its scope limits it.
 *
 * Scope entries are statistical codes: a community matches an entry equal to its code or its
 * street code, or one its code starts with (a district code such as 330302 covers its streets).
 * Department scope entries are department ids, matched against the problem's referral.
 * Browser-safe: no zod, no node: imports.
 */
import type { Role } from './roles.ts';


export type Permission =
  | 'campaign.read'
  | 'campaign.export'
  | 'status.edit'
  | 'inspection.record'
  | 'problem.report'
  | 'problem.answer'
  | 'plan.edit'
  | 'scenario.edit'
  | 'settings.edit'
  | 'boundaries.edit'
  | 'users.manage'
  | 'audit.read'
  | 'round.schedule'
  | 'case.transition'
  | 'referral.read'
  | 'works.write';

/** How a granted permission is limited: everywhere, to the communities in scope, or to the departments in scope. */
export type Reach = 'all' | 'community' | 'department';

const ALL: Record<Permission, Reach> = {
  'campaign.read': 'all',
  'campaign.export': 'all',
  'status.edit': 'all',
  'inspection.record': 'all',
  'problem.report': 'all',
  'problem.answer': 'all',
  'plan.edit': 'all',
  'scenario.edit': 'all',
  'settings.edit': 'all',
  'boundaries.edit': 'all',
  'users.manage': 'all',
  'audit.read': 'all',
  'round.schedule': 'all',
  'case.transition': 'all',
  'referral.read': 'all',
  'works.write': 'all',
};

/**
 * The table (issue 19): admin everything; street its communities' status; inspector inspections in
 * scope; instructor problems of its community; department answers to what is referred to it;
 * leader reads. Cases (issue 20): `case.transition` lets a request reach the core's case rules,
 * which decide by role, scope and state which step each may make (src/core/supervision/cases.ts);
 * `referral.read` shows the 抄告单 (a department account only its own, filtered by the routes).
 * Works (issue 21): `works.write` lets a request reach the core's project rules, which decide by
 * the account's units (a department's scope) which stage it signs and who may pay (works/projects.ts);
 * a street account has it for the communities of its street, which lets it draw campaign features
 * there (the project routes need a unit, so it still signs and pays nothing).
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, Partial<Record<Permission, Reach>>>> = {
  admin: ALL,
  street: { 'campaign.read': 'all', 'campaign.export': 'all', 'status.edit': 'community', 'case.transition': 'all', 'referral.read': 'all', 'works.write': 'community' },
  inspector: { 'campaign.read': 'all', 'campaign.export': 'all', 'inspection.record': 'community', 'case.transition': 'all', 'referral.read': 'all' },
  instructor: { 'campaign.read': 'all', 'problem.report': 'community' },
  department: { 'campaign.read': 'all', 'problem.answer': 'department', 'case.transition': 'all', 'referral.read': 'all', 'works.write': 'all' },
  leader: { 'campaign.read': 'all', 'campaign.export': 'all', 'referral.read': 'all' },
};

/** What an action touches, for scoped permissions. */
export interface AccessTarget {
  community?: { code: string; streetCode: string };
  department?: string | null;
}

/** A signed-in user's grant. */
export interface Grant {
  role: Role;
  scope: readonly string[];
}

/** True when `grant` allows `permission` on `target` (a scoped permission needs a target in scope). */
export function isAllowed(grant: Grant, permission: Permission, target: AccessTarget = {}): boolean {
  const reach = ROLE_PERMISSIONS[grant.role]?.[permission];
  if (reach === undefined) return false;
  if (reach === 'all') return true;
  if (reach === 'community') return target.community !== undefined && grant.scope.some((entry) => communityInScope(entry, target.community!));
  return typeof target.department === 'string' && grant.scope.includes(target.department);
}

function communityInScope(entry: string, community: { code: string; streetCode: string }): boolean {
  return entry === community.code || entry === community.streetCode || (entry.length >= 6 && community.code.startsWith(entry));
}

/** Permissions an anonymous visitor has on a public-read campaign. */
export const PUBLIC_PERMISSIONS: ReadonlySet<Permission> = new Set(['campaign.read', 'campaign.export']);
