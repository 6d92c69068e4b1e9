/**
 * The working project: one schema-versioned object (files as imported, with the choices made in
 * the preview; plan; scenarios; export settings). Pure functions only: persistence is
 * project-db.ts (IndexedDB), the project file is project-file.ts. Files keep their original
 * bytes, so reloading a project re-runs the same import and nothing is lost in conversion.
 */
import type { DatasetRole, FilePreview, ImportChoices, ImportInput, ImportKind } from '../core/index.ts';
import type { SourceRef } from '../worker/protocol.ts';

export const PROJECT_SCHEMA_VERSION = 1;

/** A named scenario of the project (saved with it in IndexedDB). */
export interface SavedScenario {
  name: string;
  /** ISO timestamp. */
  savedAt: string;
  /** Codes of the designated communities. */
  codes: string[];
  /** Themes given in planning to communities the scenario adds (code → theme key); absent in older saves. */
  themes?: Record<string, string>;
}

export interface ProjectFile {
  role: DatasetRole;
  /** The logical file name (the .shp or .zip for a Shapefile). */
  name: string;
  parts: ImportInput[];
  choices: ImportChoices;
  /** ISO timestamp. */
  importedAt: string;
}

/** Texts composed into exported maps and prints. */
export interface ExportSettings {
  /** Footer such as 内部资料 or a map review number (审图号). */
  footer: string;
  /** Data source line; empty = the project's file names. */
  source: string;
}

export interface Project {
  schemaVersion: typeof PROJECT_SCHEMA_VERSION;
  /** The embedded Lucheng files under the imports, or none (a boundary import starts afresh). */
  base: 'lucheng' | 'none';
  files: ProjectFile[];
  /** Codes designated in the plan; null = the status table's designations. */
  planCodes: string[] | null;
  scenarios: SavedScenario[];
  settings: ExportSettings;
  /** ISO timestamp of the last change. */
  updatedAt: string;
}

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = { footer: '内部资料 注意保存', source: '' };

export function emptyProject(now = new Date(0).toISOString()): Project {
  return { schemaVersion: PROJECT_SCHEMA_VERSION, base: 'lucheng', files: [], planCodes: null, scenarios: [], settings: DEFAULT_EXPORT_SETTINGS, updatedAt: now };
}

/** The dataset role a recognised file fills; plans are not files of the dataset. */
export const ROLE_OF_KIND: Record<Exclude<ImportKind, 'plan'>, DatasetRole> = {
  boundaries: 'communities',
  status: 'status',
  inspections: 'inspections',
  campaign: 'campaign',
};

/** The sources to load for a project: the base's embedded files, overridden role by role by imports. */
export function projectSources(project: Project, embedded: readonly SourceRef[]): SourceRef[] {
  const imported = new Map(project.files.map((file) => [file.role, file]));
  const base = project.base === 'lucheng' ? embedded.filter((source) => !imported.has(source.role)) : [];
  return [...base, ...project.files.map((file): SourceRef => ({ role: file.role, file: file.name, parts: file.parts, choices: file.choices }))];
}

/**
 * The project after accepting a previewed batch: refused files are left out; new boundaries
 * start a fresh project (the old tables referred to other communities); other files replace
 * the same role; a plan file replaces the plan.
 */
export function withImport(project: Project, previews: readonly FilePreview[], inputs: readonly ImportInput[], choices: Readonly<Record<string, ImportChoices>>, now: string): Project {
  const accepted = previews.filter((preview) => preview.errors.length === 0 && preview.kind !== null);
  const fresh = accepted.some((preview) => preview.kind === 'boundaries');
  let files = fresh ? [] : [...project.files];
  let planCodes = fresh ? null : project.planCodes;
  for (const preview of accepted) {
    if (preview.kind === 'plan') {
      planCodes = preview.designated ?? [];
      continue;
    }
    const role = ROLE_OF_KIND[preview.kind!];
    const parts = inputs.filter((input) => preview.inputs.includes(input.name));
    const chosen: ImportChoices = { ...(choices[preview.name] ?? {}), kind: preview.kind! };
    files = [...files.filter((file) => file.role !== role), { role, name: preview.name, parts, choices: chosen, importedAt: now }];
  }
  return { ...project, base: fresh ? 'none' : project.base, files, planCodes, updatedAt: now };
}

/**
 * Brings a stored or imported project object to the current schema; null when it is not a
 * project (corrupt storage never stops the app). Version history: 1 = first schema.
 */
export function migrateProject(value: unknown): Project | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as Partial<Project> & { schemaVersion?: unknown };
  if (raw.schemaVersion !== PROJECT_SCHEMA_VERSION) return null;
  if (raw.base !== 'lucheng' && raw.base !== 'none') return null;
  if (!Array.isArray(raw.files) || !raw.files.every(isProjectFile)) return null;
  const planCodes = Array.isArray(raw.planCodes) && raw.planCodes.every((code) => typeof code === 'string') ? raw.planCodes : null;
  const scenarios = Array.isArray(raw.scenarios) ? raw.scenarios.filter((item): item is SavedScenario => typeof item?.name === 'string' && typeof item.savedAt === 'string' && Array.isArray(item.codes) && item.codes.every((code: unknown) => typeof code === 'string')) : [];
  const settings = { ...DEFAULT_EXPORT_SETTINGS, ...(typeof raw.settings === 'object' && raw.settings !== null ? raw.settings : {}) };
  return { schemaVersion: PROJECT_SCHEMA_VERSION, base: raw.base, files: raw.files, planCodes, scenarios, settings, updatedAt: typeof raw.updatedAt === 'string' ? raw.updatedAt : new Date(0).toISOString() };
}

function isProjectFile(value: unknown): value is ProjectFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as ProjectFile;
  return typeof file.role === 'string' && typeof file.name === 'string' && Array.isArray(file.parts) && file.parts.every((part) => typeof part?.name === 'string' && part.bytes instanceof Uint8Array) && typeof file.choices === 'object' && file.choices !== null;
}
