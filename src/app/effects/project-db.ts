/**
 * The working project in IndexedDB (via idb): saved as the user works (debounced), restored on
 * reload; the browser is asked to keep it (`navigator.storage.persist()`). A failed write keeps
 * the previous saved copy (and is reported by the caller); a stored entry this version cannot
 * read is moved aside under an `unreadable-…` key, never overwritten, and can be exported.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { PROJECT_SCHEMA_VERSION, migrateProject, type Project } from '../../state/project.ts';

const DB_NAME = 'lianpian';
const STORE = 'projects';
const CURRENT_KEY = 'current';

let database: Promise<IDBPDatabase> | null = null;
function db(): Promise<IDBPDatabase> {
  database ??= openDB(DB_NAME, 1, {
    upgrade(upgrade) {
      upgrade.createObjectStore(STORE);
    },
  });
  return database;
}

/** What was found in storage: the project, or the key an unreadable entry was kept under. */
export interface SavedProject {
  project: Project | null;
  /** Key of the unreadable entry, moved aside so the next save cannot overwrite it; null = none. */
  unreadableKey: string | null;
  /** Why it could not be read, in Chinese. */
  reason: string | null;
}

/** The saved working project (null: none, or IndexedDB unavailable); an unreadable one is moved aside. */
export async function loadSavedProject(): Promise<SavedProject> {
  const none: SavedProject = { project: null, unreadableKey: null, reason: null };
  if (typeof indexedDB === 'undefined') return none;
  try {
    const database = await db();
    const raw: unknown = await database.get(STORE, CURRENT_KEY);
    if (raw === undefined) return none;
    const project = migrateProject(raw);
    if (project) return { project, unreadableKey: null, reason: null };
    const version = typeof raw === 'object' && raw !== null ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
    const reason = typeof version === 'number' && version > PROJECT_SCHEMA_VERSION ? `它来自更新的版本（格式版本 ${version}）` : '它的内容已损坏或格式不对';
    const unreadableKey = `unreadable-${new Date().toISOString()}`;
    const move = database.transaction(STORE, 'readwrite');
    await Promise.all([move.store.put(raw, unreadableKey), move.store.delete(CURRENT_KEY), move.done]);
    return { project: null, unreadableKey, reason };
  } catch {
    return none;
  }
}

/** An entry kept aside by loadSavedProject, as stored. */
export async function loadUnreadableEntry(key: string): Promise<unknown> {
  return (await db()).get(STORE, key);
}

/** Saves the working project; resolves false when the browser refused (quota, private mode). */
export async function saveProject(project: Project): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    await (await db()).put(STORE, project, CURRENT_KEY);
    return true;
  } catch {
    return false;
  }
}

/** Asks the browser not to evict the project under storage pressure; resolves whether it agreed. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
