/**
 * The projector (sync-server/projections/projector.ts) with a real collab
 * server and real clients, on SQLite and on PostgreSQL (the documents; the
 * projection's rows and watermarks are in SQLite either way): live rows and watermarks, a rebuild after a
 * version change and after the tables were dropped (from snapshot + later
 * updates, compaction having deleted the older log), catch-up of a document
 * stored past its watermark, forgetting a deleted document, and a rebuild
 * that hands a projection all of an interview's documents in one batch.
 */
import { describe, expect, it as itBase } from 'vitest';
import * as Y from 'yjs';
import type { DocRef } from '../../sync-server/collab/hooks';
import type { Statement } from 'better-sqlite3';
import type { Projection } from '../../sync-server/projections/projection';
import { createProjector, type Projector } from '../../sync-server/projections/projector';
import { collabResources } from '../support/collab-resources';
import { tempDir, waitFor, type CollabHarness } from '../support/yws-client';
import { storageBackends } from '../support/storage-backends';
import path from 'node:path';
import { openDatabase } from '../../sync-server/db/open';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { followerAppName, startProjectedDocsPublisher, watchProjectedDocs, type ProjectedDocsPublisher } from '../../sync-server/storage/postgres/postgres-projected-docs';

const IID = 'acme-proj-1';
const STAFF = `${IID}.staff`;
const resources = collabResources();
const { stop, client, destroyClients } = resources;

/** A small real projection: how many chat messages and ratings each staff document holds. */
function staffCounts(version = 1): Projection {
  let upsert: Statement<[string, string, number, number]>;
  let remove: Statement<[string]>;
  return {
    name: 'test-staff-counts',
    version,
    kinds: ['staff'],
    tables: ['test_staff_counts'],
    setup(db) {
      db.exec('CREATE TABLE IF NOT EXISTS test_staff_counts (doc TEXT PRIMARY KEY, interview_id TEXT NOT NULL, chat INTEGER NOT NULL, ratings INTEGER NOT NULL)');
      upsert = db.prepare('INSERT OR REPLACE INTO test_staff_counts (doc, interview_id, chat, ratings) VALUES (?, ?, ?, ?)');
      remove = db.prepare('DELETE FROM test_staff_counts WHERE doc = ?');
    },
    apply(ref: DocRef, doc: Y.Doc) {
      upsert.run(ref.name, ref.interviewId, doc.getArray('chat').length, doc.getMap('ratings').size);
    },
    forget(ref: DocRef) {
      remove.run(ref.name);
    },
  };
}

/**
 * The same projection with `project`/`applyProjected`, as the dashboard's is: its owner ships the counts to the other
 * nodes. `projected` counts the documents this instance derived rows from (a follower must derive none).
 */
function shippedStaffCounts(version = 1): Projection & { projected: number } {
  const base = staffCounts(version);
  let upsert: Statement<[string, string, number, number]>;
  const shipped = {
    ...base,
    projected: 0,
    setup(db: Parameters<Projection['setup']>[0]) {
      base.setup(db);
      upsert = db.prepare('INSERT OR REPLACE INTO test_staff_counts (doc, interview_id, chat, ratings) VALUES (?, ?, ?, ?)');
    },
    project(_ref: DocRef, doc: Y.Doc) {
      shipped.projected++;
      return { chat: doc.getArray('chat').length, ratings: doc.getMap('ratings').size };
    },
    applyProjected(ref: DocRef, rows: unknown) {
      const { chat, ratings } = rows as { chat: number; ratings: number };
      upsert.run(ref.name, ref.interviewId, chat, ratings);
    },
  };
  return shipped;
}

/** Wraps a projection to record how many documents each transaction applied (endBatch ends every transaction). */
function countingPerTransaction(inner: Projection): Projection & { sizes: number[] } {
  let applied = 0;
  const sizes: number[] = [];
  return {
    ...inner,
    sizes,
    apply(ref: DocRef, doc: Y.Doc) {
      applied++;
      inner.apply(ref, doc);
    },
    endBatch() {
      inner.endBatch?.();
      sizes.push(applied);
      applied = 0;
    },
  };
}

type Row = { doc: string; interview_id: string; chat: number; ratings: number };
const rowsOf = (h: CollabHarness): Row[] => h.db.prepare('SELECT * FROM test_staff_counts ORDER BY doc').all() as Row[];
const lastSeq = (h: CollabHarness, doc: string): Promise<number> => h.storage.lastSeq(doc);

describe.each(storageBackends())('projector on $name', (backend) => {
  const it = backend.skip ? itBase.skip : itBase;
  /** A fresh store per test; a restart passes the same `dbFile` (and, for PostgreSQL, the same database). */
  let databaseUrl: string | null = null;

  async function startWithProjector(
    opts: {
      dbFile?: string;
      secret?: Buffer;
      version?: number;
      compactAfterUpdates?: number;
      projection?: Projection;
      batchSize?: number;
      publishDelayMs?: number;
      debounceMs?: number;
      maxQueued?: number;
    } = {},
  ) {
    if (backend.name === 'postgres' && !opts.dbFile) databaseUrl = (await backend.open()).url;
    let projector!: Projector;
    let publisher: ProjectedDocsPublisher | null = null;
    const h = await resources.start({
      ...(opts.dbFile ? { dbFile: opts.dbFile } : {}),
      ...(opts.secret ? { secret: opts.secret } : {}),
      ...(backend.name === 'postgres' ? { databaseUrl } : {}),
      persistence: { debounceMs: 0, compactAfterUpdates: opts.compactAfterUpdates ?? 1_000, idleUnloadMs: 60_000 },
      hooksFor: (db, log, storage) => {
        // Several nodes: this one (node A) publishes what its live path projects, as app-server.ts wires it.
        if (opts.publishDelayMs !== undefined) {
          publisher = startProjectedDocsPublisher({ pool: (storage as PostgresDocumentStorage).pool, publisher: 'node-a', delayMs: opts.publishDelayMs, log });
        }
        const publish = publisher?.add;
        projector = createProjector({ db, store: storage, projections: [opts.projection ?? staffCounts(opts.version ?? 1)], log, debounceMs: opts.debounceMs ?? 5, maxQueued: opts.maxQueued, batchSize: opts.batchSize, ...(publish ? { publish } : {}) });
        return [projector.hooks];
      },
    });
    const report = await projector.catchUp();
    return { h, projector, report, publisher: publisher as ProjectedDocsPublisher | null };
  }

  it('projects live updates with the last stored sequence number as watermark, and rebuilds the same rows after the tables are dropped', async () => {
    const { h, projector } = await startWithProjector({ compactAfterUpdates: 5 });
    const a = client(h, STAFF, h.mint('host', IID));
    const b = client(h, `other-proj-2.staff`, h.mint('host', 'other-proj-2'));
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 12; i++) a.doc.getArray<string>('chat').push([`m${i}`]);
    a.doc.getMap<number>('ratings').set('q1', 3);
    b.doc.getArray<string>('chat').push(['hello']);
    await waitFor(() => rowsOf(h).find((r) => r.doc === STAFF)?.chat === 12 && rowsOf(h).length === 2 && rowsOf(h)[0]!.ratings === 1, 'live rows');
    projector.flush();
    expect(projector.watermark('test-staff-counts', STAFF)).toBe(await lastSeq(h, STAFF));
    // Compaction ran (every 5 updates): the log before the snapshot is gone (13 updates, fewer rows).
    await waitFor(async () => (await h.storage.load(STAFF)).storedUpdates < 13, 'compacted');
    const live = rowsOf(h);

    const { dbFile, secret } = h;
    destroyClients();
    await stop(h);
    const raw = new (await import('better-sqlite3')).default(dbFile);
    raw.exec("DROP TABLE test_staff_counts; DELETE FROM projection_state; DELETE FROM projection_watermarks;");
    raw.close();

    const again = await startWithProjector({ dbFile, secret });
    expect(again.report.rebuilt).toEqual(['test-staff-counts']);
    expect(again.report.applied).toBe(2);
    expect(rowsOf(again.h)).toEqual(live);
    expect(again.projector.watermark('test-staff-counts', STAFF)).toBe(await lastSeq(again.h, STAFF));
  });

  it('rebuilds when the projection version changes, and catches up a document stored past its watermark', async () => {
    const { h } = await startWithProjector();
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    a.doc.getArray<string>('chat').push(['x', 'y']);
    await waitFor(() => rowsOf(h)[0]?.chat === 2, 'live row');
    const { dbFile, secret } = h;
    destroyClients();
    await stop(h);

    // A new version: dropped and rebuilt from storage.
    const v2 = await startWithProjector({ dbFile, secret, version: 2 });
    expect(v2.report.rebuilt).toEqual(['test-staff-counts']);
    expect(rowsOf(v2.h)).toEqual([{ doc: STAFF, interview_id: IID, chat: 2, ratings: 0 }]);

    // Written while the projection missed it (a crash between the INSERT and the projection's transaction).
    const extra = await v2.h.collab.openDoc(STAFF);
    v2.projector.close();
    extra.getArray<string>('chat').push(['missed']);
    // With PostgreSQL the write is awaited: the watermark is compared once it is stored.
    await waitFor(async () => (await v2.h.storage.load(STAFF)).doc.getArray('chat').length === 3, 'the missed message is stored');
    expect(v2.projector.watermark('test-staff-counts', STAFF)).toBeLessThan(await lastSeq(v2.h, STAFF));
    await stop(v2.h);

    const resumed = await startWithProjector({ dbFile, secret, version: 2 });
    expect(resumed.report).toMatchObject({ rebuilt: [], applied: 1, forgotten: 0 });
    expect(rowsOf(resumed.h)[0]!.chat).toBe(3);
    expect(resumed.projector.watermark('test-staff-counts', STAFF)).toBe(await lastSeq(resumed.h, STAFF));
  });

  it('however long the debounce, a reader that flushes sees every stored update, a full queue applies without waiting, and a crash before the flush loses nothing', async () => {
    // Ten minutes: within this test only a flush or the bound applies anything.
    const { h, projector } = await startWithProjector({ debounceMs: 600_000, maxQueued: 3 });
    const staff = await h.collab.openDoc(STAFF);
    staff.getArray<string>('chat').push(['a', 'b']);
    // As the dashboard's rating route does: wait until stored, then flush and read.
    await h.collab.changesStored(STAFF);
    expect(rowsOf(h), 'not applied before the debounce').toEqual([]);
    projector.flush();
    expect(rowsOf(h)).toEqual([{ doc: STAFF, interview_id: IID, chat: 2, ratings: 0 }]);
    expect(projector.watermark('test-staff-counts', STAFF)).toBe(await lastSeq(h, STAFF));

    // Queued and never flushed (the process dies within the debounce): a projector started on the same database
    // catches the document up from storage.
    staff.getArray<string>('chat').push(['c']);
    await h.collab.changesStored(STAFF);
    expect(rowsOf(h)[0]!.chat).toBe(2);
    const restarted = createProjector({ db: h.db, store: h.storage, projections: [staffCounts()], log: () => undefined });
    expect(await restarted.catchUp()).toMatchObject({ rebuilt: [], applied: 1 });
    expect(rowsOf(h)[0]!.chat).toBe(3);
    expect(restarted.watermark('test-staff-counts', STAFF)).toBe(await lastSeq(h, STAFF));
    restarted.close();

    // Three documents queued (the bound): applied right after, not ten minutes later.
    const others = ['acme-proj-b1', 'acme-proj-b2'].map((id) => `${id}.staff`);
    for (const name of others) {
      const doc = await h.collab.openDoc(name);
      doc.getArray<string>('chat').push(['x']);
      await h.collab.changesStored(name);
    }
    await waitFor(() => rowsOf(h).length === 3, 'the full queue applied without waiting for the debounce');
    expect(rowsOf(h).map((r) => [r.doc, r.chat])).toEqual([[STAFF, 3], ...others.map((d) => [d, 1])]);
  });

  it('applies a full queue in transactions of at most maxQueued documents; what is left waits for its debounce or a flush', async () => {
    const counting = countingPerTransaction(staffCounts());
    // Ten minutes: within this test only the full queue's bound or a flush applies anything.
    const { h, projector } = await startWithProjector({ debounceMs: 600_000, maxQueued: 3, projection: counting });
    const names = Array.from({ length: 7 }, (_, i) => `acme-cap-${i}.staff`);
    const docs = await Promise.all(names.map((name) => h.collab.openDoc(name)));
    // Written in one turn: the seven documents are stored together, so all seven are queued before the transaction
    // that the third one scheduled runs.
    for (const doc of docs) doc.getArray<string>('chat').push(['x']);
    for (const name of names) await h.collab.changesStored(name);
    await waitFor(() => rowsOf(h).length >= 6, 'two full transactions, without waiting for the debounce');
    await new Promise((r) => setTimeout(r, 50));
    expect(counting.sizes, 'documents per transaction').toEqual([3, 3]);
    // Which six: the first stored (PostgreSQL may store the seven in another order than they were written).
    expect(rowsOf(h)).toHaveLength(6);
    // A reader's flush applies the rest (in transactions of at most three as well).
    projector.flush();
    expect(counting.sizes).toEqual([3, 3, 1]);
    expect(rowsOf(h).map((r) => r.doc)).toEqual(names);
    expect(projector.takeFlushStats()).toMatchObject({ transactions: 3, docs: 7, maxDocs: 3 });
  });

  it('catches up a document written, while it missed it, after compaction had folded every stored row', async () => {
    const { h, projector } = await startWithProjector();
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    a.doc.getArray<string>('chat').push(['x', 'y']);
    await waitFor(() => rowsOf(h)[0]?.chat === 2, 'live row');
    projector.flush();
    const mark = projector.watermark('test-staff-counts', STAFF);
    expect(mark).toBe(await lastSeq(h, STAFF));
    // The database's highest rows are this document's, and compaction deletes every one of them: the next write's
    // seq must still be above the watermark (SQLite has no AUTOINCREMENT counter since migration 8), or the
    // restart below would take the document as projected.
    expect(await h.storage.compact(STAFF)).toMatchObject({ compacted: true });
    expect((await h.storage.load(STAFF)).storedUpdates).toBe(0);
    const extra = await h.collab.openDoc(STAFF);
    projector.close();
    extra.getArray<string>('chat').push(['missed']);
    await waitFor(async () => (await h.storage.load(STAFF)).doc.getArray('chat').length === 3, 'the missed message is stored');
    expect(await lastSeq(h, STAFF)).toBeGreaterThan(mark);
    const { dbFile, secret } = h;
    destroyClients();
    await stop(h);

    const resumed = await startWithProjector({ dbFile, secret });
    expect(resumed.report).toMatchObject({ rebuilt: [], applied: 1 });
    expect(rowsOf(resumed.h)[0]!.chat).toBe(3);
    expect(resumed.projector.watermark('test-staff-counts', STAFF)).toBe(await lastSeq(resumed.h, STAFF));
  });

  it('forgets the rows of a document that is no longer stored', async () => {
    const { h } = await startWithProjector();
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    a.doc.getArray<string>('chat').push(['x']);
    await waitFor(() => rowsOf(h).length === 1, 'live row');
    const { dbFile, secret } = h;
    destroyClients();
    // Its stored rows go (as a deletion would remove them) behind the projector's back.
    expect(await h.storage.deleteInterviewDocs(IID)).toBe(1);
    await stop(h);
    const after = await startWithProjector({ dbFile, secret });
    expect(after.report.forgotten).toBe(1);
    expect(rowsOf(after.h)).toEqual([]);
    expect(after.projector.watermark('test-staff-counts', STAFF)).toBe(0);
  });

  /**
   * Node B of two on one PostgreSQL: its own SQLite read model and its own connection, caught up, not yet listening.
   * `reads` counts the documents it read from storage (every loadMany name).
   */
  async function followerNode(projection: Projection = shippedStaffCounts()) {
    const db = openDatabase(path.join(tempDir('interq-follower-'), 'interq.sqlite'));
    const store = await PostgresDocumentStorage.open({ connectionString: databaseUrl!, log: () => undefined });
    const reads = { docs: 0, calls: 0 };
    const counted = {
      loadMany: (names: readonly string[]) => ((reads.docs += names.length), reads.calls++, store.loadMany(names)),
      storedDocs: () => store.storedDocs(),
    };
    const projector = createProjector({ db, store: counted, projections: [projection], log: () => undefined });
    await projector.catchUp();
    let resyncs = 0;
    let unlisten = () => undefined as void;
    const listen = () => {
      unlisten = watchProjectedDocs(store, 'node-b', { ...projector.follow, resync: () => (resyncs++, projector.follow.resync()) }, () => undefined);
    };
    const close = async () => {
      unlisten();
      projector.close();
      await projector.followed();
      await store.close();
      db.close();
    };
    const rows = (): Row[] => db.prepare('SELECT * FROM test_staff_counts ORDER BY doc').all() as Row[];
    return { db, store, projector, reads, rows, listen, unlisten: () => unlisten(), resyncs: () => resyncs, close };
  }

  // Two nodes on one PostgreSQL: node A serves the document (collab + projector) and publishes what it projects; node B
  // has its own SQLite read model and its own connection to the same database, and applies A's rows.
  (backend.name === 'postgres' ? it : itBase.skip)('keeps a second node\'s projection live from the rows the owner publishes, without reading or projecting the document, forgets a deleted interview, and catches up what it missed while not listening', async () => {
    const { h, publisher } = await startWithProjector({ projection: shippedStaffCounts(), publishDelayMs: 20 });
    const projection = shippedStaffCounts();
    const b = await followerNode(projection);
    b.listen();
    try {
      await waitFor(() => b.resyncs() === 1, 'node B listens');
      await b.projector.followed();
      const readsBefore = b.reads.docs;
      const a = client(h, STAFF, h.mint('host', IID));
      await a.synced();
      for (let i = 0; i < 20; i++) a.doc.getArray<string>('chat').push([`m${i}`]);
      a.doc.getMap<number>('ratings').set('q1', 4);
      // B projects exactly what A stored, row for row, with A's last stored seq as its watermark: nothing lost, nothing twice.
      await waitFor(() => b.rows()[0]?.chat === 20 && b.rows()[0]?.ratings === 1, 'node B has what node A stored');
      await waitFor(() => rowsOf(h)[0]?.chat === 20 && rowsOf(h)[0]?.ratings === 1, 'node A projects it too');
      await waitFor(async () => b.projector.watermark('test-staff-counts', STAFF) === (await lastSeq(h, STAFF)), 'node B at A\'s last seq');
      await b.projector.followed();
      expect(b.rows()).toEqual(rowsOf(h));
      // Applied from A's rows: B read no document and projected none.
      expect(b.reads.docs).toBe(readsBefore);
      expect(projection.projected).toBe(0);
      expect(b.projector.followStats()).toMatchObject({ read: 0, published: 0 });
      expect(b.projector.followStats().applied).toBeGreaterThanOrEqual(1);

      // Deleted through A's store: B forgets the interview's rows and watermark, and the published rows go too.
      destroyClients();
      await publisher!.flush();
      expect(await h.storage.deleteInterviewDocs(IID)).toBe(1);
      await waitFor(() => b.rows().length === 0, 'node B forgets the deleted interview');
      expect(b.projector.watermark('test-staff-counts', STAFF)).toBe(0);
      const pool = (h.storage as PostgresDocumentStorage).pool;
      expect((await pool.query('SELECT doc FROM projected_docs WHERE interview_id = $1', [IID])).rows).toEqual([]);

      // Not listening (a lost connection): what A stores meanwhile is caught up from storage when B listens again.
      b.unlisten();
      const other = client(h, 'acme-proj-3.staff', h.mint('host', 'acme-proj-3'));
      await other.synced();
      other.doc.getArray<string>('chat').push(['while away', 'and again']);
      // (A's own projector still holds the deleted interview's row: in this harness only B hears the deletion.)
      const third = (rows: Row[]) => rows.filter((r) => r.doc === 'acme-proj-3.staff');
      await waitFor(async () => (await b.store.lastSeq('acme-proj-3.staff')) > 0 && third(rowsOf(h))[0]?.chat === 2, 'stored and projected on A');
      await publisher!.flush();
      await new Promise((r) => setTimeout(r, 200));
      expect(b.rows()).toEqual([]);
      b.listen();
      await waitFor(() => b.resyncs() === 2 && b.rows().length === 1, 'node B caught up after listening again');
      await b.projector.followed();
      expect(b.rows()).toEqual(third(rowsOf(h)));
      expect(b.rows()[0]).toMatchObject({ doc: 'acme-proj-3.staff', chat: 2 });
      expect(b.projector.followStats().read).toBe(1);
    } finally {
      publisher?.stop();
      await b.close();
    }
  });

  // Commits announce nothing: the other nodes hear one publication per batch of what the owner projected, whatever the
  // number of commits, and read a document only when they cannot apply its published rows (another projection version).
  (backend.name === 'postgres' ? it : itBase.skip)('sends the other nodes one publication for 20 commits instead of 20 notices, and a node of another projection version reads the document in one batched read', async () => {
    // A delay no test reaches: only flush() publishes, so the count does not depend on the machine's speed.
    const { h, projector, publisher } = await startWithProjector({ projection: shippedStaffCounts(), publishDelayMs: 600_000 });
    const same = await followerNode(shippedStaffCounts(1));
    const older = await followerNode(shippedStaffCounts(2));
    const heard = { stored: 0, projected: 0 };
    const raw = new (await import('pg')).default.Client({ connectionString: databaseUrl! });
    await raw.connect();
    raw.on('notification', (n) => (n.channel === 'interq_projected' ? heard.projected++ : heard.stored++));
    await raw.query('LISTEN interq_stored');
    await raw.query('LISTEN interq_projected');
    same.listen();
    older.listen();
    try {
      await waitFor(() => same.resyncs() === 1 && older.resyncs() === 1, 'both followers listen');
      await Promise.all([same.projector.followed(), older.projector.followed()]);
      const a = client(h, STAFF, h.mint('host', IID));
      await a.synced();
      for (let i = 0; i < 20; i++) {
        a.doc.getArray<string>('chat').push([`m${i}`]);
        // One commit each: wait until it is stored before the next.
        await waitFor(async () => (await h.storage.load(STAFF)).doc.getArray('chat').length === i + 1, `commit ${i + 1} stored`);
      }
      await waitFor(() => rowsOf(h)[0]?.chat === 20, 'node A projects the 20th');
      projector.flush();
      await publisher!.flush();
      await waitFor(() => same.rows()[0]?.chat === 20 && older.rows()[0]?.chat === 20, 'both followers have the 20 messages');
      await Promise.all([same.projector.followed(), older.projector.followed()]);
      expect(heard).toEqual({ stored: 0, projected: 1 });
      expect(same.projector.followStats()).toMatchObject({ notices: 1, applied: 1, read: 0 });
      expect(same.reads.calls).toBe(0);
      // Version 2 cannot take version 1's rows: it read the document itself, once, in one call.
      expect(older.projector.followStats()).toMatchObject({ notices: 1, applied: 0, read: 1 });
      expect(older.reads).toEqual({ docs: 1, calls: 1 });
      expect(older.projector.watermark('test-staff-counts', STAFF)).toBe(await lastSeq(h, STAFF));
      expect(same.rows()).toEqual(rowsOf(h));
      expect(older.rows()).toEqual(rowsOf(h));
    } finally {
      publisher?.stop();
      await raw.end();
      await same.close();
      await older.close();
    }
  });

  // What a publication may overwrite: rows only move forward, and a deleted interview gets none back. And when it is
  // written at all: only while another node's follower is connected.
  (backend.name === 'postgres' ? it : itBase.skip)('writes no publication while no other node follows, keeps a published row against an older seq (a paused owner after a takeover) and refuses rows of a deleted interview', async () => {
    const url = (await backend.open()).url!;
    const store = await PostgresDocumentStorage.open({ connectionString: url, log: () => undefined });
    const pub = (who: string) => startProjectedDocsPublisher({ pool: store.pool, publisher: who, delayMs: 600_000, log: () => undefined });
    const stored = async () =>
      (await store.pool.query('SELECT doc, seq, rows_json, publisher FROM projected_docs ORDER BY doc')).rows.map((r: { doc: string; seq: string; rows_json: string; publisher: string }) => ({ ...r, seq: Number(r.seq) }));
    const [newOwner, pausedOwner] = [pub('node-b'), pub('node-a')];
    /** A node's follower connection, as watchProjectedDocs names it in pg_stat_activity. */
    const followerOf = async (nodeKey: string) => {
      const c = new (await import('pg')).default.Client({ connectionString: url });
      await c.connect();
      await c.query("SELECT set_config('application_name', $1, false)", [followerAppName(nodeKey)]);
      return c;
    };
    const followers: Array<{ end(): Promise<void> }> = [];
    try {
      // Nobody listens: the publication writes nothing (a one-node cluster); node B's own follower does not count.
      newOwner.add([{ projection: 'test-staff-counts', version: 1, doc: STAFF, seq: 20, rows: { chat: 2 } }]);
      // Handed over, not yet through a publication (a test waits for `settled` to reach `handed`).
      expect(newOwner.progress()).toEqual({ handed: 1, settled: 0 });
      await newOwner.flush();
      expect(newOwner.progress()).toEqual({ handed: 1, settled: 1 });
      followers.push(await followerOf('node-b'));
      newOwner.add([{ projection: 'test-staff-counts', version: 1, doc: STAFF, seq: 21, rows: { chat: 2 } }]);
      await newOwner.flush();
      expect(await stored()).toEqual([]);
      expect({ published: newOwner.published(), unheard: newOwner.unheard() }).toEqual({ published: 0, unheard: 2 });
      // Another node's follower connects: from now on the publications are written.
      followers.push(await followerOf('node-c'));
      newOwner.add([{ projection: 'test-staff-counts', version: 1, doc: STAFF, seq: 40, rows: { chat: 4 } }]);
      await newOwner.flush();
      pausedOwner.add([{ projection: 'test-staff-counts', version: 1, doc: STAFF, seq: 30, rows: { chat: 3 } }]);
      await pausedOwner.flush();
      expect(await stored()).toEqual([{ doc: STAFF, seq: 40, rows_json: '{"chat":4}', publisher: 'node-b' }]);
      await store.pool.query("INSERT INTO deleted_interviews (id, deleted_at, deleted_by, summary) VALUES ('acme-gone', 1, 'host', '')");
      pausedOwner.add([{ projection: 'test-staff-counts', version: 1, doc: 'acme-gone.staff', seq: 50, rows: { chat: 1 } }]);
      await pausedOwner.flush();
      expect((await stored()).map((r) => r.doc)).toEqual([STAFF]);
    } finally {
      for (const f of followers) await f.end();
      newOwner.stop();
      pausedOwner.stop();
      await store.close();
    }
  });

  it('rebuilds in batches that never split an interview, and ends each batch once (endBatch)', async () => {
    // Records which documents each batch applied: a projection combining an interview's documents recomputes at endBatch.
    const batches: string[][] = [];
    let current: string[] = [];
    const recorder: Projection = {
      name: 'test-batches',
      version: 1,
      kinds: ['staff', 'audience'],
      tables: [],
      setup() {},
      apply(ref) {
        current.push(ref.name);
      },
      forget() {},
      endBatch() {
        batches.push(current.sort());
        current = [];
      },
    };
    const { h } = await startWithProjector({ projection: recorder });
    const ids = ['acme-b-1', 'acme-b-2', 'acme-b-3'];
    for (const id of ids) {
      for (const kind of ['staff', 'audience'] as const) {
        const doc = await h.collab.openDoc(`${id}.${kind}`);
        doc.getArray<string>(kind === 'staff' ? 'chat' : 'questions').push(['x']);
      }
    }
    const { dbFile, secret } = h;
    await stop(h);
    batches.length = 0;
    // Batches of 3 documents: without grouping, the second batch would hold the end of one interview and the start of the next.
    const again = await startWithProjector({ dbFile, secret, projection: { ...recorder, version: 2 }, batchSize: 3 });
    expect(again.report.applied).toBe(6);
    expect(batches).toEqual([
      ['acme-b-1.audience', 'acme-b-1.staff', 'acme-b-2.audience', 'acme-b-2.staff'],
      ['acme-b-3.audience', 'acme-b-3.staff'],
    ]);
  });
});
