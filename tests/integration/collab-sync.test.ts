/**
 * The collab server against stock y-websocket clients: convergence, SQLite
 * persistence across restarts, compaction, idle unloading, failed writes and
 * unreadable rows, server-side edits.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { collabResources } from '../support/collab-resources';
import * as Y from 'yjs';
import { waitFor, type CollabHarness, type YwsClient } from '../support/yws-client';

const IID = 'acme-frontend-1';
const STAFF = `${IID}.staff`;

const { start, stop, client, destroyClients } = collabResources();

/** Content in a fixed order (Y.Doc#toJSON orders root types by first use, which differs per client). */
const json = (c: YwsClient) =>
  JSON.stringify({
    reactions: c.doc.getArray('reactions').toJSON(),
    chat: c.doc.getArray('chat').toJSON(),
    ratings: Object.entries(c.doc.getMap('ratings').toJSON()).sort(),
  });

function rows(h: CollabHarness, doc: string): number {
  return (h.db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ?').get(doc) as { n: number }).n;
}

describe('collab server: sync and persistence', () => {
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
    const seenByB: number[] = [];
    const checks: Array<{ seen: number; stored: number }> = [];
    b.doc.getArray<number>('chat').observe((e) => {
      for (const d of e.changes.delta) if (d.insert) seenByB.push(...(d.insert as number[]));
      checks.push({ seen: seenByB.length, stored: loadStored(h, STAFF).getArray('chat').length });
    });
    for (let i = 0; i < 25; i++) a.doc.getArray<number>('chat').push([i]);
    await waitFor(() => seenByB.length === 25, 'all messages relayed');
    // Relayed means stored: whenever B saw messages, the database already held at least as many.
    expect(checks.length).toBeGreaterThan(0);
    for (const c of checks) expect(c.stored).toBeGreaterThanOrEqual(c.seen);
    await waitFor(
      () => h.db.prepare('SELECT COUNT(*) AS n FROM yjs_snapshots WHERE doc = ?').get(STAFF) !== undefined && rows(h, STAFF) < 10,
      'compaction folded the updates into a snapshot',
    );
    const snap = h.db.prepare('SELECT upto_seq FROM yjs_snapshots WHERE doc = ?').get(STAFF) as { upto_seq: number } | undefined;
    expect(snap?.upto_seq).toBeGreaterThan(0);
    expect(loadStored(h, STAFF).getArray('chat').toArray()).toEqual([...Array(25).keys()]);
  });

  it('unloads idle documents and loads them again on demand', async () => {
    const h = await start({ persistence: { idleUnloadMs: 30 } });
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    a.doc.getMap('ratings').set('q1', 3);
    await waitFor(() => rows(h, STAFF) > 0, 'update stored');
    a.destroy();
    await waitFor(() => h.collab.stats().docs === 0 && h.collab.stats().connections === 0, 'idle document unloaded');
    const b = client(h, STAFF, h.mint('interviewer', IID));
    await b.synced();
    expect(b.doc.getMap('ratings').get('q1')).toBe(3);
    expect(h.collab.stats()).toEqual({ docs: 1, connections: 1 });
  });

  it('keeps a document whose writes fail in memory, retries, and stores everything once the disk works again', async () => {
    const h = await start({ persistence: { debounceMs: 50, idleUnloadMs: 30 } });
    const a = client(h, STAFF, h.mint('host', IID));
    const b = client(h, STAFF, h.mint('interviewer', IID));
    await Promise.all([a.synced(), b.synced()]);
    // A real SQLite failure on every insert (as a full disk would give).
    h.db.exec(`CREATE TRIGGER fail_insert BEFORE INSERT ON yjs_updates BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;`);
    a.doc.getArray<string>('chat').push(['written while the disk fails']);
    a.doc.getArray<string>('chat').push(['and another']);
    await waitFor(() => h.logs.some((l) => l.level === 'error' && l.msg.includes('Could not store')), 'the write failed');
    await waitFor(() => h.logs.some((l) => l.msg.includes('Retry of unsaved')), 'a retry failed');
    expect(rows(h, STAFF)).toBe(0);
    // Relayed only once stored: another client holding it would count it as acknowledged.
    expect(b.doc.getArray('chat').length).toBe(0);

    b.destroy();
    a.destroy();
    await waitFor(() => h.logs.filter((l) => l.msg.includes('Retry of unsaved')).length >= 2, 'retries happen');
    expect(h.collab.stats().docs).toBe(1); // not unloaded: it holds unsaved changes
    await expect(h.collab.flushAll()).rejects.toThrow(/could not be stored/);

    h.db.exec('DROP TRIGGER fail_insert');
    await waitFor(() => rows(h, STAFF) === 2, 'retry stored the updates');
    await waitFor(() => h.collab.stats().docs === 0, 'unloaded once saved');
    await h.collab.flushAll();
    expect(loadStored(h, STAFF).getArray('chat').toArray()).toEqual(['written while the disk fails', 'and another']);
  });

  it('never lets a document that loaded empty overwrite an unreadable stored snapshot', async () => {
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
    expect(rows(h, STAFF)).toBe(1);
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
    expect(loadStored(h, planName).getMap('meta').get('title')).toBe('Frontend engineer');
    await expect(h.collab.openDoc('not-a-doc-name')).rejects.toThrow();
  });

  it('checkpoints the WAL from a worker thread instead of inside commits', async () => {
    const h = await start();
    expect(h.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const sizeBefore = fs.statSync(h.dbFile).size;
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    for (let i = 0; i < 300; i++) a.doc.getArray<string>('chat').push([`message ${i} `.repeat(20)]);
    await waitFor(() => rows(h, STAFF) === 300, 'updates stored');
    // Only a checkpoint moves pages from the WAL into the main file.
    await waitFor(() => fs.statSync(h.dbFile).size > sizeBefore, 'the worker checkpointed');
    a.destroy();
    await stop(h);
    const reopened = new Database(h.dbFile);
    expect(reopened.prepare('SELECT COUNT(*) AS n FROM yjs_updates').get()).toEqual({ n: 300 });
    reopened.close();
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

/** The document as stored in SQLite, rebuilt independently of the server. */
function loadStored(h: CollabHarness, name: string): Y.Doc {
  const doc = new Y.Doc();
  const snap = h.db.prepare('SELECT state, upto_seq FROM yjs_snapshots WHERE doc = ?').get(name) as
    | { state: Buffer; upto_seq: number }
    | undefined;
  if (snap) Y.applyUpdate(doc, snap.state);
  const updates = h.db.prepare('SELECT update_data FROM yjs_updates WHERE doc = ? AND seq > ? ORDER BY seq').all(name, snap?.upto_seq ?? 0) as Array<{
    update_data: Buffer;
  }>;
  for (const u of updates) Y.applyUpdate(doc, u.update_data);
  return doc;
}
