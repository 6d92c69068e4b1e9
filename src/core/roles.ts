/**
 * The roles of the campaign (issue 19) and their Chinese names. In the core because its rules
 * (who may move a case, whose standing a case counts in) name them; zod-free, so the SPA's first
 * page can show a user's role. Who may write what is one table, src/api/permissions.ts (the
 * server checks it on every request, the SPA's updaters refuse the same edits).
 */
export const ROLES = ['admin', 'street', 'inspector', 'instructor', 'department', 'leader'] as const;
export type Role = (typeof ROLES)[number];

/** Chinese role names, as the UI shows them. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: '区创建办（管理员）',
  street: '街道办',
  inspector: '督查员',
  instructor: '指导员',
  department: '市属部门',
  leader: '领导（只读）',
};

