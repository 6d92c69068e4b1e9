/**
 * The working project in IndexedDB (via idb): saved as the user works (debounced), restored on
 * reload; the browser is asked to keep it (`navigator.storage.persist()`). A failed write keeps
 * the previous saved copy; a corrupt entry is ignored, never thrown.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { migrateProject, type Project } from '../../state/project.ts';

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

/** The saved working project, or null (none, unreadable, or IndexedDB unavailable). */
export async function loadSavedProject(): Promise<Project | null> {
  if (typeof indexedDB === 'undefined') return null;
  try {
    return migrateProject(await (await db()).get(STORE, CURRENT_KEY));
  } catch {
    return null;
  }
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
