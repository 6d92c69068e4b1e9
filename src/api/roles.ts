/** The roles and their Chinese names live in the core (its case and grading rules use them); re-exported for the API and the SPA. */
export { ROLES, ROLE_LABELS, type Role } from '../core/index.ts';
