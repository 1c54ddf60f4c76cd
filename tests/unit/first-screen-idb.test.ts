/**
 * The invite link's token is stored without Dexie (src/auth/link-token.ts over src/storage/first-screen-idb.ts,
 * issue #18), in Dexie's database, which Dexie must go on owning: a database the first screen creates is the one
 * Dexie would create (same version, stores, keys and indexes), Dexie opens it without an upgrade or a schema patch
 * and reads the row; an existing database, current or older, is never upgraded by the raw path; reads never
 * create one. IndexedDB is fake-indexeddb here (the browser's own is in tests/e2e/link-token-storage.spec.ts).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { InterqDatabase, type Credential } from '../../src/storage/db';
import { APP_DB_NAME, APP_DB_VERSIONS } from '../../src/storage/db-schema';
import { APP_DB_NATIVE_VERSION } from '../../src/storage/first-screen-idb';
import { captureLinkToken, readLinkCredential } from '../../src/auth/link-token';
import { peekSavedStage, stageStateKey } from '../../src/storage/stage-peek';

const DAY = 24 * 3600 * 1000;

function token(claims: { iid: string; role: string; sub: string; exp: number }): string {
  return `${Buffer.from(JSON.stringify({ ...claims, jti: 'j1' })).toString('base64url')}.signature`;
}

/** A location as an invite link gives it, and the addresses the app replaced it with. */
const replaced: string[] = [];
function linkLocation(fragment: string, pathname = '/join/iv-1'): Location {
  return { hash: fragment ? `#${fragment}` : '', pathname, search: '' } as Location;
}

/** What a database is made of, as IndexedDB reports it. */
async function shape(name: string): Promise<unknown> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const stores = [...db.objectStoreNames].sort();
  const tx = db.transaction(stores, 'readonly');
  const out = {
    version: db.version,
    stores: stores.map((s) => {
      const store = tx.objectStore(s);
      return {
        name: s,
        keyPath: store.keyPath,
        autoIncrement: store.autoIncrement,
        indexes: [...store.indexNames].sort().map((i) => {
          const idx = store.index(i);
          return { name: i, keyPath: idx.keyPath, unique: idx.unique, multiEntry: idx.multiEntry };
        }),
      };
    }),
  };
  db.close();
  return out;
}

async function exists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === name);
}

async function deleteDb(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
  });
}

const opened: Dexie[] = [];
function dexie(): InterqDatabase {
  const db = new InterqDatabase();
  opened.push(db);
  return db;
}

beforeEach(async () => {
  replaced.length = 0;
  vi.stubGlobal('history', { state: null, replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) });
  await deleteDb(APP_DB_NAME);
});

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the first screen stores the link token without Dexie', () => {
  it('reads nothing and creates no database on a device that has none', async () => {
    expect(await readLinkCredential('iv-1')).toBeNull();
    expect(await peekSavedStage('iv-1')).toBeNull();
    expect(await captureLinkToken(linkLocation(''))).toBeNull();
    expect(await exists(APP_DB_NAME)).toBe(false);
  });

  it('a link whose token cannot be read leaves the address and creates nothing', async () => {
    expect(await captureLinkToken(linkLocation('t=not-a-token'))).toBeNull();
    expect(replaced).toEqual(['/join/iv-1']);
    expect(await exists(APP_DB_NAME)).toBe(false);
  });

  it('on a first visit creates exactly the database Dexie would create, which Dexie then opens as is and reads', async () => {
    const exp = Math.floor((Date.now() + DAY) / 1000);
    const held = await captureLinkToken(linkLocation(`t=${token({ iid: 'iv-1', role: 'guest', sub: 'Ada', exp })}`));
    expect(held).toMatchObject({ scope: 'iv-1', role: 'guest', subject: 'Ada', expiresAt: exp * 1000 });
    expect(replaced).toEqual(['/join/iv-1']);

    // The same database as Dexie's own, made under another name.
    const reference = new InterqDatabase('interq-reference');
    await reference.open();
    reference.close();
    const made = (await shape(APP_DB_NAME)) as { version: number };
    expect(made.version).toBe(APP_DB_NATIVE_VERSION);
    expect(made.version).toBe(Math.max(...APP_DB_VERSIONS.map((v) => v.version)) * 10);
    expect(made).toEqual(await shape('interq-reference'));
    await deleteDb('interq-reference');

    // Read back by the invite page, and by Dexie, which finds nothing to upgrade or patch.
    expect(await readLinkCredential('iv-1')).toEqual(held);
    const warn = vi.spyOn(console, 'warn');
    const db = dexie();
    expect(await db.credentials.get('iv-1')).toEqual(held);
    expect(db.verno).toBe(2);
    expect(db.backendDB().version).toBe(APP_DB_NATIVE_VERSION);
    expect(warn.mock.calls.flat().join(' ')).not.toMatch(/SchemaDiff/);
    // Dexie writes beside it (the guest's progress), and the first screen's peek reads that.
    await db.kv.put({ key: stageStateKey('iv-1'), value: { stage: 'intro', techCheck: { inputDeviceId: 'mic-2' } } });
    expect(await peekSavedStage('iv-1')).toEqual({ stage: 'intro', inputDeviceId: 'mic-2', typingInsteadOfSpeaking: false });
  });

  it('writes into a database Dexie already has open, keeping the host credential a reviewer link must not replace', async () => {
    const db = dexie();
    const host: Credential = { scope: '*', token: 'host-token', role: 'host', subject: 'Hana', expiresAt: Date.now() + DAY };
    await db.credentials.put(host);
    const exp = Math.floor((Date.now() + DAY) / 1000);

    const reviewer = await captureLinkToken(linkLocation(`t=${token({ iid: '*', role: 'reviewer', sub: 'Rui', exp })}`, '/admin/results'));
    expect(reviewer).toEqual(host);
    const guest = await captureLinkToken(linkLocation(`t=${token({ iid: 'iv-2', role: 'guest', sub: 'Ada', exp })}`, '/join/iv-2'));

    // Dexie's open connection sees both rows; no version change happened under it.
    expect(await db.credentials.get('*')).toEqual(host);
    expect(await db.credentials.get('iv-2')).toEqual(guest);
    expect(db.isOpen()).toBe(true);
    expect(db.backendDB().version).toBe(APP_DB_NATIVE_VERSION);
    // The invite page: the interview's own link first, the workspace token for any other interview.
    expect(await readLinkCredential('iv-2')).toEqual(guest);
    expect(await readLinkCredential('iv-3')).toEqual(host);
  });

  it('leaves a database from an older app at its version for Dexie to upgrade, and Dexie then reads the row', async () => {
    // The schema as an app with only version 1 made it.
    class VersionOne extends Dexie {
      constructor() {
        super(APP_DB_NAME);
        this.version(1).stores(APP_DB_VERSIONS[0]!.stores);
      }
    }
    const old = new VersionOne();
    await old.open();
    old.close();
    const exp = Math.floor((Date.now() + DAY) / 1000);
    const held = await captureLinkToken(linkLocation(`t=${token({ iid: 'iv-1', role: 'guest', sub: 'Ada', exp })}`));
    expect(((await shape(APP_DB_NAME)) as { version: number }).version).toBe(10);

    const db = dexie();
    expect(await db.credentials.get('iv-1')).toEqual(held);
    expect(db.backendDB().version).toBe(APP_DB_NATIVE_VERSION);
    expect(db.backendDB().objectStoreNames.contains('ratedAnswers')).toBe(true);
  });

  it('a database without the credentials store (not made by this app) is handed to Dexie, which upgrades it and stores the token', async () => {
    await new Promise<void>((resolve, reject) => {
      const r = indexedDB.open(APP_DB_NAME, 1);
      r.onsuccess = () => {
        r.result.close();
        resolve();
      };
      r.onerror = () => reject(r.error);
    });
    const exp = Math.floor((Date.now() + DAY) / 1000);
    const held = await captureLinkToken(linkLocation(`t=${token({ iid: 'iv-1', role: 'guest', sub: 'Ada', exp })}`));
    expect(held).toMatchObject({ scope: 'iv-1', subject: 'Ada' });
    expect(await readLinkCredential('iv-1')).toEqual(held);
    const db = dexie();
    expect(await db.credentials.get('iv-1')).toEqual(held);
  });

  it('an expired stored credential is not the invite page’s, and a new link replaces it', async () => {
    const past = Math.floor((Date.now() - 1000) / 1000);
    await captureLinkToken(linkLocation(`t=${token({ iid: 'iv-1', role: 'guest', sub: 'Old', exp: past })}`));
    expect(await readLinkCredential('iv-1')).toBeNull();
    const exp = Math.floor((Date.now() + DAY) / 1000);
    await captureLinkToken(linkLocation(`t=${token({ iid: 'iv-1', role: 'guest', sub: 'New', exp })}`));
    expect((await readLinkCredential('iv-1'))?.subject).toBe('New');
  });
});
