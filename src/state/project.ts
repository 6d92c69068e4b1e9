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

/** Version of the project record in IndexedDB: 2 = file bytes stored apart, by content hash. */
export const STORED_PROJECT_VERSION = 2;

/** One file part in the stored record: its bytes are in the file store under `hash`. */
export interface StoredPart {
  name: string;
  /** SHA-256 of the bytes, lowercase hex. */
  hash: string;
  size: number;
}

/**
 * The project as IndexedDB keeps it: the record (small, written on every change) names each
 * file part by the hash of its bytes; the bytes are stored once per hash in a store of their own,
 * so a designation click no longer rewrites them.
 */
export interface StoredProject extends Omit<Project, 'schemaVersion' | 'files'> {
  schemaVersion: typeof STORED_PROJECT_VERSION;
  files: (Omit<ProjectFile, 'parts'> & { parts: StoredPart[] })[];
}

/** Hashes already computed, per byte array (a project's bytes never change once imported). */
const hashes = new WeakMap<Uint8Array, Promise<string>>();

/** SHA-256 of the bytes as lowercase hex (Web Crypto: in browsers and Node). */
export function contentHash(bytes: Uint8Array): Promise<string> {
  let hash = hashes.get(bytes);
  if (!hash) {
    hash = crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>).then((digest) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''));
    hashes.set(bytes, hash);
  }
  return hash;
}

/**
 * Records the SHA-256 of `bytes` computed elsewhere (the analysis worker hashes and stores the
 * files it previews), so `contentHash` answers without hashing them again on this thread.
 */
export function rememberContentHash(bytes: Uint8Array, hash: string): void {
  if (!hashes.has(bytes)) hashes.set(bytes, Promise.resolve(hash));
}

/** The record to store and the bytes it refers to, by hash. */
export async function storedProject(project: Project): Promise<{ record: StoredProject; blobs: Map<string, Uint8Array> }> {
  const blobs = new Map<string, Uint8Array>();
  const files = await Promise.all(
    project.files.map(async ({ parts, ...file }) => ({
      ...file,
      parts: await Promise.all(
        parts.map(async ({ name, bytes }) => {
          const hash = await contentHash(bytes);
          blobs.set(hash, bytes);
          return { name, hash, size: bytes.byteLength };
        }),
      ),
    })),
  );
  return { record: { ...project, schemaVersion: STORED_PROJECT_VERSION, files }, blobs };
}

/** The hashes a stored record refers to (the bytes to fetch, the ones to keep). */
export function storedHashes(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || (value as { schemaVersion?: unknown }).schemaVersion !== STORED_PROJECT_VERSION) return [];
  const files = (value as { files?: unknown }).files;
  if (!Array.isArray(files)) return [];
  return files.flatMap((file: { parts?: unknown }) => (Array.isArray(file?.parts) ? file.parts.flatMap((part: { hash?: unknown }) => (typeof part?.hash === 'string' ? [part.hash] : [])) : []));
}

/**
 * The project of a stored record: version 2 with its bytes looked up by hash, or a version 1
 * record (bytes inline, as stored before) migrated as it is; null when it is not a project or a
 * file's bytes are missing (corrupt storage never stops the app).
 */
export function restoredProject(value: unknown, bytesOf: (hash: string) => Uint8Array | undefined): Project | null {
  if (typeof value !== 'object' || value === null) return null;
  const raw = value as { schemaVersion?: unknown; files?: unknown };
  if (raw.schemaVersion !== STORED_PROJECT_VERSION) return migrateProject(value);
  if (!Array.isArray(raw.files)) return null;
  const files: unknown[] = [];
  for (const file of raw.files as { parts?: unknown }[]) {
    if (typeof file !== 'object' || file === null || !Array.isArray(file.parts)) return null;
    const parts: ImportInput[] = [];
    for (const part of file.parts as Partial<StoredPart>[]) {
      const bytes = typeof part?.hash === 'string' ? bytesOf(part.hash) : undefined;
      if (!bytes || typeof part.name !== 'string') return null;
      parts.push({ name: part.name, bytes });
    }
    files.push({ ...file, parts });
  }
  return migrateProject({ ...raw, schemaVersion: PROJECT_SCHEMA_VERSION, files });
}
