/**
 * The working project in IndexedDB (via idb): saved as the user works (debounced), restored on
 * reload; the browser is asked to keep it (`navigator.storage.persist()`). The record is small and
 * names each file by the SHA-256 of its bytes; the bytes live once per hash in their own store
 * (`StoredProject`), so saving a plan change writes no file bytes. A version 1 record (bytes
 * inline) is still read and is rewritten as version 2 on the next save. A failed write keeps the
 * previous saved copy; a corrupt entry is ignored, never thrown.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { restoredProject, storedHashes, storedProject, type Project } from '../../state/project.ts';

const DB_NAME = 'lianpian';
const STORE = 'projects';
/** File bytes by content hash (version 2 of the database). */
const FILES = 'files';
const CURRENT_KEY = 'current';

let database: Promise<IDBPDatabase> | null = null;
function db(): Promise<IDBPDatabase> {
  database ??= openDB(DB_NAME, 2, {
    upgrade(upgrade, oldVersion) {
      if (oldVersion < 1) upgrade.createObjectStore(STORE);
      if (oldVersion < 2) upgrade.createObjectStore(FILES);
    },
  });
  return database;
}

/** Hashes known to be in the file store (written or read in this session): not written again. */
const stored = new Set<string>();

/** The saved working project, or null (none, unreadable, or IndexedDB unavailable). */
export async function loadSavedProject(): Promise<Project | null> {
  if (typeof indexedDB === 'undefined') return null;
  try {
    const handle = await db();
    const record: unknown = await handle.get(STORE, CURRENT_KEY);
    const bytes = new Map<string, Uint8Array>();
    for (const hash of storedHashes(record)) {
      const value: unknown = await handle.get(FILES, hash);
      if (value instanceof Uint8Array) {
        bytes.set(hash, value);
        stored.add(hash);
      }
    }
    return restoredProject(record, (hash) => bytes.get(hash));
  } catch {
    return null;
  }
}

/** Saves the working project; resolves false when the browser refused (quota, private mode). */
export async function saveProject(project: Project): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    const { record, blobs } = await storedProject(project);
    const handle = await db();
    const fresh = [...blobs].filter(([hash]) => !stored.has(hash));
    // One transaction: the record never names bytes that are not stored.
    const tx = handle.transaction([STORE, FILES], 'readwrite');
    const files = tx.objectStore(FILES);
    for (const [hash, bytes] of fresh) await files.put(bytes, hash);
    await tx.objectStore(STORE).put(record, CURRENT_KEY);
    // Files no project refers to any more (replaced by an import) are dropped.
    const dropped: string[] = [];
    if (fresh.length > 0) {
      for (const key of await files.getAllKeys()) {
        if (typeof key === 'string' && !blobs.has(key)) {
          await files.delete(key);
          dropped.push(key);
        }
      }
    }
    await tx.done;
    for (const hash of dropped) stored.delete(hash);
    for (const [hash] of fresh) stored.add(hash);
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
