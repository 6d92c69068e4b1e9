/**
 * Who may do what on the server: the access hook in app.ts checks every route against the one
 * role table (a route declares its permission; a route that declares none is refused). The table
 * itself lives in src/api/permissions.ts, so that the SPA's updaters refuse the same edits
 * (the server stays the authority).
 */
export { ROLE_PERMISSIONS, PUBLIC_PERMISSIONS, isAllowed, type AccessTarget, type Grant, type Permission, type Reach } from '../../api/permissions.ts';
