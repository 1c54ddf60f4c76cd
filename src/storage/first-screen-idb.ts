/**
 * The few rows the guest's first screen reads and writes (the invite's credential, a first look at saved progress),
 * through IndexedDB itself rather than Dexie: Dexie is 30 KiB gzip, about 0.6 s of a Slow 3G link before the
 * technical check could be used (issue #18). Dexie loads with the interview's code right after and stays the
 * database's owner (db.ts):
 *
 * - An existing database is opened at whatever version it has (no version asked), so this never upgrades it.
 * - An absent database is only ever created when a row must be written (the link's token), and then exactly as
 *   Dexie would create it, from the same schema list (db-schema.ts) at Dexie's native version: Dexie opening it
 *   later finds nothing to upgrade or patch. Reads never create it (the upgrade is aborted, which deletes it again).
 * - Connections close after each use and on `versionchange`, so they never block Dexie's own upgrades.
 */
import { APP_DB_NAME, APP_DB_VERSIONS } from './db-schema';

/** Dexie's native IndexedDB version for the newest schema version (Dexie 4 opens version n as n × 10). */
export const APP_DB_NATIVE_VERSION = Math.round(Math.max(...APP_DB_VERSIONS.map((v) => v.version)) * 10);

interface IndexSpec {
  name: string;
  keyPath: string | string[] | null;
  unique: boolean;
  multiEntry: boolean;
  autoIncrement: boolean;
}

/** Dexie's index syntax (its parseIndexSyntax, for the forms the schema uses: `++`, `&`, `*`, `[a+b]`). */
function parseSpec(spec: string): IndexSpec[] {
  return spec.split(',').map((part) => {
    const index = part.split(':')[0]!.trim();
    const name = index.replace(/([&*]|\+\+)/g, '');
    const compound = /^\[(.*)\]$/.exec(name);
    return {
      name,
      keyPath: compound ? compound[1]!.split('+') : name || null,
      unique: index.includes('&'),
      multiEntry: index.includes('*'),
      autoIncrement: index.includes('++'),
    };
  });
}

/** The newest schema, every version's stores merged in order (a later version's spec of a store replaces it). */
function currentStores(): Map<string, string> {
  const stores = new Map<string, string>();
  for (const { stores: s } of APP_DB_VERSIONS) for (const [name, spec] of Object.entries(s)) stores.set(name, spec);
  return stores;
}

/** Creates every store and index the way Dexie's createTable does for a database it creates. */
function createSchema(db: IDBDatabase): void {
  for (const [name, spec] of currentStores()) {
    const [primKey, ...indexes] = parseSpec(spec);
    const store = db.createObjectStore(
      name,
      primKey!.keyPath ? { keyPath: primKey!.keyPath, autoIncrement: primKey!.autoIncrement } : { autoIncrement: primKey!.autoIncrement },
    );
    for (const idx of indexes) store.createIndex(idx.name, idx.keyPath!, { unique: idx.unique, multiEntry: idx.multiEntry });
  }
}

/** An upgrade this module refused to run (the database is absent, or older than this app's schema). */
class UpgradeRefused extends Error {}

function openRequest(version: number | undefined, onUpgrade: (db: IDBDatabase, oldVersion: number) => boolean): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let refused = false;
    const req = version === undefined ? indexedDB.open(APP_DB_NAME) : indexedDB.open(APP_DB_NAME, version);
    req.onupgradeneeded = (event) => {
      if (onUpgrade(req.result, event.oldVersion)) return;
      refused = true;
      req.transaction!.abort();
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = (event) => {
      event.preventDefault();
      reject(refused ? new UpgradeRefused('upgrade refused') : req.error);
    };
  });
}

/** The database if this device has one; null when it has none (and none is created). */
function openExisting(): Promise<IDBDatabase | null> {
  return openRequest(undefined, () => false).catch((error: unknown) => {
    if (error instanceof UpgradeRefused) return null;
    throw error;
  });
}

/**
 * The database, created as Dexie would create it when absent. An older database (a device last used by an older
 * app) is opened as it is: Dexie upgrades it when the interview's code opens it.
 */
async function openOrCreate(): Promise<IDBDatabase> {
  try {
    return await openRequest(APP_DB_NATIVE_VERSION, (db, oldVersion) => {
      if (oldVersion !== 0) return false;
      createSchema(db);
      return true;
    });
  } catch (error) {
    // UpgradeRefused: it exists at an older version. VersionError: a newer app (another tab) upgraded it already.
    if (!(error instanceof UpgradeRefused) && (error as DOMException | null)?.name !== 'VersionError') throw error;
    const db = await openExisting();
    if (!db) throw new Error('the database disappeared while it was being opened');
    return db;
  }
}

function settle<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** One row by key; undefined when the database, the store or the row is absent. */
export async function readRow<T>(store: string, key: IDBValidKey): Promise<T | undefined> {
  const db = await openExisting();
  if (!db) return undefined;
  try {
    if (!db.objectStoreNames.contains(store)) return undefined;
    return (await settle(db.transaction(store, 'readonly').objectStore(store).get(key))) as T | undefined;
  } finally {
    db.close();
  }
}

/** Thrown when the database exists without the store (only a database this app did not make): the caller goes through Dexie. */
export class StoreMissing extends Error {}

/**
 * Reads the row at `key`, lets `decide` choose what to write (or nothing), and writes it, in one read-write
 * transaction committed to disk before this resolves (strict durability, as Dexie's database uses). Creates the
 * database when absent. Returns what `decide` returned.
 */
export async function updateRow<T, R>(store: string, key: IDBValidKey, decide: (stored: T | undefined) => { write: T | null; result: R }): Promise<R> {
  const db = await openOrCreate();
  try {
    if (!db.objectStoreNames.contains(store)) throw new StoreMissing(`the database has no ${store} store`);
    const tx = db.transaction(store, 'readwrite', { durability: 'strict' });
    return await new Promise<R>((resolve, reject) => {
      let outcome: { result: R } | null = null;
      const objectStore = tx.objectStore(store);
      const read = objectStore.get(key);
      // Decided and written in the read's own success callback: the transaction is certainly still active there.
      read.onsuccess = () => {
        try {
          const { write, result } = decide(read.result as T | undefined);
          outcome = { result };
          if (write !== null) objectStore.put(write);
        } catch (error) {
          tx.abort();
          reject(error);
        }
      };
      tx.oncomplete = () => (outcome ? resolve(outcome.result) : reject(new Error('the storage transaction ended without a result')));
      tx.onabort = () => reject(tx.error ?? new Error('the storage transaction was aborted'));
    });
  } finally {
    db.close();
  }
}
