/**
 * The collab server against stock y-websocket clients: convergence, persistence
 * across restarts, compaction, idle unloading, failed writes and unreadable
 * rows, server-side edits. On both stores (tests/support/storage-backends.ts):
 * SQLite, and PostgreSQL, where every write is awaited over the network before
 * the commit queue relays it.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it as itBase } from 'vitest';
import { collabResources } from '../support/collab-resources';
import { DocStore } from '../../sync-server/collab/doc-store';
import * as Y from 'yjs';
import { waitFor, type CollabHarness, type YwsClient } from '../support/yws-client';
import { storageBackends } from '../support/storage-backends';

const IID = 'acme-frontend-1';
const STAFF = `${IID}.staff`;

const resources = collabResources();
const { client, destroyClients } = resources;
const backends = storageBackends({ restartable: true });

/** Content in a fixed order (Y.Doc#toJSON orders root types by first use, which differs per client). */
const json = (c: YwsClient) =>
  JSON.stringify({
    reactions: c.doc.getArray('reactions').toJSON(),
    chat: c.doc.getArray('chat').toJSON(),
    ratings: Object.entries(c.doc.getMap('ratings').toJSON()).sort(),
  });

/** Update rows stored after the document's snapshot. */
async function rows(h: CollabHarness, doc: string): Promise<number> {
  return (await h.storage.load(doc)).storedUpdates;
}

/** The document as stored, read from storage (not from the server's copy in memory). */
async function loadStored(h: CollabHarness, name: string): Promise<Y.Doc> {
  return (await h.storage.load(name)).doc;
}

/**
 * Watches B's chat: each number B sees is recorded, and at that moment a read from storage starts (with PostgreSQL
 * it answers later: still after B saw it), so `checks` tell how much was stored when B had seen how much.
 */
function watchRelayedAgainstStored(h: CollabHarness, b: YwsClient) {
  const seenByB: number[] = [];
  const checks: Array<Promise<{ seen: number; stored: number }>> = [];
  b.doc.getArray<number>('chat').observe((e) => {
    for (const d of e.changes.delta) if (d.insert) seenByB.push(...(d.insert as number[]));
    const seen = seenByB.length;
    checks.push(loadStored(h, STAFF).then((d) => ({ seen, stored: d.getArray('chat').length })));
  });
  return { seenByB, checks };
}

describe.each(backends)('collab server on $name: sync and persistence', (backend) => {
  const it = backend.skip ? itBase.skip : itBase;
  const sqliteOnly = backend.name === 'sqlite' ? itBase : itBase.skip;
  /** A fresh store per test; a restart passes the same `dbFile` (and, for PostgreSQL, the same database). */
  let databaseUrl: string | null = null;
  const start = async (opts: Parameters<typeof resources.start>[0] = {}) => {
    if (backend.name === 'postgres' && !opts.databaseUrl && !opts.dbFile) databaseUrl = (await backend.open()).url;
    return resources.start({ ...opts, ...(backend.name === 'postgres' ? { databaseUrl } : {}) });
  };
  const stop = resources.stop;

  it('converges after concurrent offline edits, and keeps the result across a restart', async () => {
    const h = await start();
    const a = client(h, STAFF, h.mint('host', IID));
    const b = client(h, STAFF, h.mint('interviewer', IID));
    const c = client(h, STAFF, h.mint('moderator', IID));
    await Promise.all([a.synced(), b.synced(), c.synced()]);

    // Documents hold lists and maps of plain records only (src/domain/doc-schema.ts): positional edits are list edits.
    a.doc.getArray<string>('reactions').insert(0, ['candidate', 'explained', 'closures', 'well']);
    await waitFor(() => b.doc.getArray('reactions').length > 0 && c.doc.getArray('reactions').length > 0, 'online edit relayed');

    for (const x of [a, b, c]) x.provider.disconnect();
    // Offline, concurrently: positional, appended and map edits that conflict.
    a.doc.getArray<string>('reactions').insert(0, ['[host]']);
    a.doc.getArray<string>('chat').push(['a1', 'a2', 'a3']);
    a.doc.getMap<number>('ratings').set('q1', 4);
    b.doc.getArray<string>('reactions').insert(b.doc.getArray('reactions').length, ['[interviewer]']);
    b.doc.getArray<string>('chat').push(['b1', 'b2']);
    b.doc.getMap<number>('ratings').set('q1', 2);
    b.doc.getMap<number>('ratings').set('q2', 5);
    // Deleting is the writer's own (the server refuses deleting another writer's list records).
    a.doc.getArray<string>('reactions').delete(1, 2);
    c.doc.getArray<string>('chat').insert(0, ['c1']);

    for (const x of [a, b, c]) x.provider.connect();
    await waitFor(
      () => a.doc.getArray('chat').length === 6 && json(a) === json(b) && json(b) === json(c),
      'three clients converge',
    );
    const merged = json(a);
    expect(a.doc.getArray<string>('chat').toArray().sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'c1']);
    expect(a.doc.getMap('ratings').get('q2')).toBe(5);
    expect(a.doc.getArray<string>('reactions').toArray()).toEqual(['[host]', 'closures', 'well', '[interviewer]']);

    const fresh = client(h, STAFF, h.mint('tech-support', IID));
    await fresh.synced();
    expect(json(fresh)).toBe(merged);

    const { dbFile, secret } = h;
    destroyClients();
    await stop(h);

    const h2 = await start({ dbFile, secret });
    const after = client(h2, STAFF, h2.mint('host', IID));
    await after.synced();
    expect(json(after)).toBe(merged);
  });

  it('stores every update before relaying it and compacts into a snapshot', async () => {
    const h = await start({ persistence: { compactAfterUpdates: 10, debounceMs: 0 } });
    const a = client(h, STAFF, h.mint('host', IID));
    const b = client(h, STAFF, h.mint('interviewer', IID));
    await Promise.all([a.synced(), b.synced()]);
    const { seenByB, checks } = watchRelayedAgainstStored(h, b);
    for (let i = 0; i < 25; i++) a.doc.getArray<number>('chat').push([i]);
    await waitFor(() => seenByB.length === 25, 'all messages relayed');
    // Relayed means stored: whenever B saw messages, the database already held at least as many.
    expect(checks.length).toBeGreaterThan(0);
    for (const c of await Promise.all(checks)) expect(c.stored).toBeGreaterThanOrEqual(c.seen);
    // 25 messages in fewer than 10 rows: the others are in the snapshot.
    await waitFor(async () => (await rows(h, STAFF)) < 10, 'compaction folded the updates into a snapshot');
    const stored = await h.storage.load(STAFF);
    expect(stored.lastSeq).toBeGreaterThan(0);
    expect(stored.doc.getArray('chat').toArray()).toEqual([...Array(25).keys()]);
  });

  it('handles a burst of updates in slices of the event loop: all relayed in order, each only once stored', async () => {
    // Budget 0: every client message waits for a slice of its own (message-slices.ts), the most a burst is ever split.
    const h = await start({ turnBudgetMs: 0 });
    const a = client(h, STAFF, h.mint('host', IID));
    const b = client(h, STAFF, h.mint('interviewer', IID));
    await Promise.all([a.synced(), b.synced()]);
    const before = h.collab.sliceCounts();
    const { seenByB, checks } = watchRelayedAgainstStored(h, b);
    // 40 updates sent in one go: the server reads them in one or a few turns.
    for (let i = 0; i < 40; i++) a.doc.getArray<number>('chat').push([i]);
    await waitFor(() => seenByB.length === 40, 'the burst relayed');
    expect(seenByB).toEqual([...Array(40).keys()]);
    for (const c of await Promise.all(checks)) expect(c.stored).toBeGreaterThanOrEqual(c.seen);
    expect((await loadStored(h, STAFF)).getArray('chat').toArray()).toEqual([...Array(40).keys()]);
    const after = h.collab.sliceCounts();
    // Every one of the 40 waited for a later slice, one slice each: the event loop came round between them.
    expect(after.deferred - before.deferred).toBeGreaterThanOrEqual(40);
    expect(after.slices - before.slices).toBeGreaterThanOrEqual(40);
  });

  it('unloads idle documents and loads them again on demand', async () => {
    const h = await start({ persistence: { idleUnloadMs: 30 } });
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    a.doc.getMap('ratings').set('q1', 3);
    await waitFor(async () => (await rows(h, STAFF)) > 0, 'update stored');
    a.destroy();
    await waitFor(() => h.collab.stats().docs === 0 && h.collab.stats().connections === 0, 'idle document unloaded');
    const b = client(h, STAFF, h.mint('interviewer', IID));
    await b.synced();
    expect(b.doc.getMap('ratings').get('q1')).toBe(3);
    expect(h.collab.stats()).toEqual({ docs: 1, connections: 1 });
  });

  it('unloads an idle document that the server itself opened again (a read with no socket on it)', async () => {
    const h = await start({ persistence: { idleUnloadMs: 30 } });
    // Twice: the second open finds it loaded. Before, that cancelled its idle unload and nothing scheduled it again,
    // so a document the server only read (the wrap-up's plan and key) stayed in memory for good.
    await h.collab.openDoc(STAFF);
    await h.collab.openDoc(STAFF);
    expect(h.collab.stats().docs).toBe(1);
    await waitFor(() => h.collab.stats().docs === 0, 'idle document unloaded after a second server-side open');
    // A socket that connects while it is loaded keeps it loaded, however long ago the countdown started.
    await h.collab.openDoc(STAFF);
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    await new Promise((r) => setTimeout(r, 100));
    expect(h.collab.stats()).toEqual({ docs: 1, connections: 1 });
    a.destroy();
    await waitFor(() => h.collab.stats().docs === 0, 'unloaded once the socket left');
  });

  it('keeps a document whose writes fail in memory, retries, and stores everything once the disk works again', async () => {
    const h = await start({ persistence: { debounceMs: 50, idleUnloadMs: 30 } });
    const a = client(h, STAFF, h.mint('host', IID));
    const b = client(h, STAFF, h.mint('interviewer', IID));
    await Promise.all([a.synced(), b.synced()]);
    // A real database failure on every insert (as a full disk would give): a trigger that raises.
    await h.failWrites(true);
    a.doc.getArray<string>('chat').push(['written while the disk fails']);
    a.doc.getArray<string>('chat').push(['and another']);
    await waitFor(() => h.logs.some((l) => l.level === 'error' && l.msg.includes('Could not store')), 'the write failed');
    await waitFor(() => h.logs.some((l) => l.msg.includes('Retry of unsaved')), 'a retry failed');
    expect(await rows(h, STAFF)).toBe(0);
    // Relayed only once stored: another client holding it would count it as acknowledged.
    expect(b.doc.getArray('chat').length).toBe(0);

    b.destroy();
    a.destroy();
    await waitFor(() => h.logs.filter((l) => l.msg.includes('Retry of unsaved')).length >= 2, 'retries happen');
    expect(h.collab.stats().docs).toBe(1); // not unloaded: it holds unsaved changes
    await expect(h.collab.flushAll()).rejects.toThrow(/could not be stored/);

    await h.failWrites(false);
    // The retry delay doubles while the writes fail, up to LiveDoc's 30 s: on a loaded machine the failing stretch
    // above lasts long enough for the next retry to be more than the default 10 s away.
    // Read as content, not as a count of rows: 30 ms after the store the idle document unloads and compaction folds
    // the two rows into a snapshot, so "2 rows" lasts only some 50-80 ms and a poll every 100 ms could miss it.
    await waitFor(async () => (await loadStored(h, STAFF)).getArray('chat').length === 2, 'retry stored the updates', 45_000);
    await waitFor(() => h.collab.stats().docs === 0, 'unloaded once saved');
    await h.collab.flushAll();
    expect((await loadStored(h, STAFF)).getArray('chat').toArray()).toEqual(['written while the disk fails', 'and another']);
  });

  sqliteOnly('never lets a document that loaded empty overwrite an unreadable stored snapshot', async () => {
    const h = await start({ persistence: { compactAfterUpdates: 1, debounceMs: 0 } });
    const garbage = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]);
    h.db.prepare('INSERT INTO yjs_snapshots (doc, state, upto_seq, updated_at) VALUES (?, ?, 0, 0)').run(STAFF, garbage);
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    expect(h.logs.some((l) => l.level === 'error' && l.msg.includes('could not be applied'))).toBe(true);
    a.doc.getArray<string>('chat').push(['new']);
    await waitFor(() => h.logs.some((l) => l.msg === 'Document not compacted' && l.fields?.reason === 'unreadable-row'), 'compaction refused');
    const snap = h.db.prepare('SELECT state FROM yjs_snapshots WHERE doc = ?').get(STAFF) as { state: Buffer };
    expect(Buffer.compare(snap.state, garbage)).toBe(0);
    expect(await rows(h, STAFF)).toBe(1);
  });

  it('relays and stores edits made on the server through openDoc', async () => {
    const updated: string[] = [];
    const h = await start({ onDocumentUpdated: (name) => updated.push(name) });
    const planName = `${IID}.plan`;
    const guest = client(h, planName, h.mint('guest', IID));
    await guest.synced();
    const serverDoc = await h.collab.openDoc(planName);
    serverDoc.getMap('meta').set('title', 'Frontend engineer');
    await waitFor(() => guest.doc.getMap('meta').get('title') === 'Frontend engineer', 'server edit relayed');
    expect(updated).toContain(planName);
    expect((await loadStored(h, planName)).getMap('meta').get('title')).toBe('Frontend engineer');
    await expect(h.collab.openDoc('not-a-doc-name')).rejects.toThrow();
  });

  sqliteOnly('stores a server-side edit before the edit returns, although client updates wait for the end of their turn', async () => {
    const h = await start();
    const serverDoc = await h.collab.openDoc(STAFF);
    const count = () => (h.db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ?').get(STAFF) as { n: number }).n;
    const before = count();
    serverDoc.getArray<string>('chat').push(['from the server']);
    // No await in between: the edit's row is committed inside the call (collab/turn-commits.ts flush).
    expect(count()).toBe(before + 1);
    // A client's update is committed with the others of its turn, and relayed only after that.
    const a = client(h, STAFF, h.mint('host', IID));
    const b = client(h, STAFF, h.mint('interviewer', IID));
    await Promise.all([a.synced(), b.synced()]);
    let storedWhenRelayed = -1;
    b.doc.getArray<string>('chat').observe(() => {
      if (storedWhenRelayed < 0) storedWhenRelayed = count();
    });
    a.doc.getArray<string>('chat').push(['one']);
    a.doc.getArray<string>('chat').push(['two']);
    await waitFor(() => b.doc.getArray('chat').length === 3, 'both relayed');
    expect(storedWhenRelayed).toBeGreaterThanOrEqual(before + 2);
    // The server edit was one batch; the client updates went through the turn transactions too.
    expect(h.collab.turnCommitCounts()!.batches).toBeGreaterThanOrEqual(2);
  });

  sqliteOnly('checkpoints the WAL from a worker thread instead of inside commits', async () => {
    const h = await start();
    expect(h.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const sizeBefore = fs.statSync(h.dbFile).size;
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    for (let i = 0; i < 300; i++) a.doc.getArray<string>('chat').push([`message ${i} `.repeat(20)]);
    await waitFor(async () => (await rows(h, STAFF)) === 300, 'updates stored');
    // Only a checkpoint moves pages from the WAL into the main file: every 5 s (wal-checkpointer.ts; the WAL is synced
    // every second in between).
    await waitFor(() => fs.statSync(h.dbFile).size > sizeBefore, 'the worker checkpointed', 20_000);
    a.destroy();
    await stop(h);
    // Read back whole: by then compaction (200 updates, after 2 s) may have folded the rows into the snapshot.
    const reopened = new Database(h.dbFile);
    expect(new DocStore(reopened).load(STAFF).doc.getArray<string>('chat').toArray()).toEqual(a.doc.getArray<string>('chat').toArray());
    expect(a.doc.getArray('chat').length).toBe(300);
    reopened.close();
  });

  const postgresOnly = backend.name === 'postgres' && !backend.skip ? itBase : itBase.skip;
  postgresOnly('keeps syncing through a PostgreSQL restart: writes wait and retry, nothing relayed is lost, no client is dropped', async () => {
    const h = await start({ persistence: { debounceMs: 0 } });
    const a = client(h, STAFF, h.mint('host', IID));
    const b = client(h, STAFF, h.mint('interviewer', IID));
    await Promise.all([a.synced(), b.synced()]);
    const chat = a.doc.getArray<string>('chat');
    for (let i = 0; i < 20; i++) chat.push([`before-${i}`]);
    await waitFor(() => b.doc.getArray('chat').length === 20, 'relayed before the restart');
    // Immediate shutdown of PostgreSQL (its connections cut, as in a crash), while the host keeps writing.
    const restarted = backend.cluster()!.restart();
    for (let i = 0; i < 20; i++) {
      chat.push([`during-${i}`]);
      await new Promise((r) => setTimeout(r, 5));
    }
    await restarted;
    // The commit queue retried until the database was back; only then did it relay.
    await waitFor(() => b.doc.getArray('chat').length === 40, 'everything relayed after the restart', 30_000);
    await waitFor(async () => (await loadStored(h, STAFF)).getArray('chat').length === 40, 'everything stored', 30_000);
    expect((await loadStored(h, STAFF)).getArray('chat').toArray()).toEqual(chat.toArray());
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    const fresh = client(h, STAFF, h.mint('moderator', IID));
    await fresh.synced();
    expect(fresh.doc.getArray('chat').toArray()).toEqual(chat.toArray());
  });

  it('closes sockets with 1001 on shutdown', async () => {
    const h = await start();
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    await stop(h);
    await waitFor(() => a.closes.length > 0, 'client saw the close');
    expect(a.closes[0]!.code).toBe(1001);
  });
});
