/**
 * The working project in IndexedDB (via idb): saved as the user works (debounced), restored on
 * reload; the browser is asked to keep it (`navigator.storage.persist()`). The record is small and
 * names each file by the SHA-256 of its bytes; the bytes live once per hash in their own store
 * (`StoredProject`), so saving a plan change writes no file bytes. A version 1 record (bytes
 * inline) is still read and is rewritten as version 2 on the next save. A failed write keeps the
 * previous saved copy (and is reported by the caller); a stored entry this version cannot read is
 * moved aside under an `unreadable-…` key, never overwritten, and can be exported.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { ImportInput } from '../../core/index.ts';
import { STORED_PROJECT_VERSION, contentHash, restoredProject, storedHashes, storedProject, type Project } from '../../state/project.ts';

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
    const bytes = new Map<string, Uint8Array>();
    for (const hash of storedHashes(raw)) {
      const value: unknown = await database.get(FILES, hash);
      if (value instanceof Uint8Array) {
        bytes.set(hash, value);
        stored.add(hash);
      }
    }
    const project = restoredProject(raw, (hash) => bytes.get(hash));
    if (project) return { project, unreadableKey: null, reason: null };
    const version = typeof raw === 'object' && raw !== null ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
    const reason = typeof version === 'number' && version > STORED_PROJECT_VERSION ? `它来自更新的版本（格式版本 ${version}）` : '它的内容已损坏或格式不对';
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
    const { record, blobs } = await storedProject(project);
    const handle = await db();
    const fresh = [...blobs].filter(([hash]) => !stored.has(hash));
    // One transaction: the record never names bytes that are not stored. Bytes the analysis
    // worker stored while it previewed the import (`storeFileBytes`) are not written again:
    // structured-cloning a large file into IndexedDB costs this thread ~0.2 s (Italy's 13 MB).
    const tx = handle.transaction([STORE, FILES], 'readwrite');
    const files = tx.objectStore(FILES);
    for (const [hash, bytes] of fresh) if ((await files.getKey(hash)) === undefined) await files.put(bytes, hash);
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

/**
 * Stores files' bytes under their content hash before a project record names them, and resolves
 * each input's hash (SHA-256, lowercase hex). The analysis worker calls it while it previews an
 * import, so that the page's `saveProject` writes only the small record. Best effort: where
 * IndexedDB is missing or refuses, nothing is stored and `saveProject` writes the bytes itself
 * (it checks the store, never this call); bytes of a preview never confirmed are dropped by the
 * next save that brings new files.
 */
export async function storeFileBytes(inputs: readonly ImportInput[]): Promise<string[]> {
  const hashes = await Promise.all(inputs.map((input) => contentHash(input.bytes)));
  if (typeof indexedDB === 'undefined') return hashes;
  try {
    const tx = (await db()).transaction(FILES, 'readwrite');
    for (const [i, input] of inputs.entries()) if ((await tx.store.getKey(hashes[i]!)) === undefined) await tx.store.put(input.bytes, hashes[i]!);
    await tx.done;
  } catch {
    // The page's save writes them.
  }
  return hashes;
}

/** Asks the browser not to evict the project under storage pressure; resolves whether it agreed. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
