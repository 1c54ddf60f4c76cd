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

type Row = { doc: string; interview_id: string; chat: number; ratings: number };
const rowsOf = (h: CollabHarness): Row[] => h.db.prepare('SELECT * FROM test_staff_counts ORDER BY doc').all() as Row[];
const lastSeq = (h: CollabHarness, doc: string): Promise<number> => h.storage.lastSeq(doc);

describe.each(storageBackends())('projector on $name', (backend) => {
  const it = backend.skip ? itBase.skip : itBase;
  /** A fresh store per test; a restart passes the same `dbFile` (and, for PostgreSQL, the same database). */
  let databaseUrl: string | null = null;

  async function startWithProjector(opts: { dbFile?: string; secret?: Buffer; version?: number; compactAfterUpdates?: number; projection?: Projection; batchSize?: number } = {}) {
    if (backend.name === 'postgres' && !opts.dbFile) databaseUrl = (await backend.open()).url;
    let projector!: Projector;
    const h = await resources.start({
      ...(opts.dbFile ? { dbFile: opts.dbFile } : {}),
      ...(opts.secret ? { secret: opts.secret } : {}),
      ...(backend.name === 'postgres' ? { databaseUrl } : {}),
      persistence: { debounceMs: 0, compactAfterUpdates: opts.compactAfterUpdates ?? 1_000, idleUnloadMs: 60_000 },
      hooksFor: (db, log, storage) => {
        projector = createProjector({ db, store: storage, projections: [opts.projection ?? staffCounts(opts.version ?? 1)], log, debounceMs: 5, batchSize: opts.batchSize });
        return [projector.hooks];
      },
    });
    const report = await projector.catchUp();
    return { h, projector, report };
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

  /** Node B of two on one PostgreSQL: its own SQLite read model and its own connection, caught up, not yet listening. */
  async function followerNode(timing: { debounceMs?: number; followDelayMs: number }) {
    const db = openDatabase(path.join(tempDir('interq-follower-'), 'interq.sqlite'));
    const store = await PostgresDocumentStorage.open({ connectionString: databaseUrl!, log: () => undefined });
    const projector = createProjector({ db, store, projections: [staffCounts()], log: () => undefined, ...timing });
    await projector.catchUp();
    const close = async () => {
      projector.close();
      await projector.followed();
      await store.close();
      db.close();
    };
    return { db, store, projector, close };
  }

  // Two nodes on one PostgreSQL: node A serves the document (collab + projector), node B has its own SQLite read model
  // and its own connection to the same database, and follows A's commits through the store's notices.
  (backend.name === 'postgres' ? it : itBase.skip)('keeps a second node\'s projection live from the store\'s notices, forgets a deleted interview, and catches up what it missed while not listening', async () => {
    const { h } = await startWithProjector();
    const b = await followerNode({ debounceMs: 5, followDelayMs: 5 });
    const { db: bDb, store: bStore, projector: bProjector } = b;
    const rowsOfB = (): Row[] => bDb.prepare('SELECT * FROM test_staff_counts ORDER BY doc').all() as Row[];
    let resyncs = 0;
    const listen = () => bStore.watchStored({ ...bProjector.follow, resync: () => (resyncs++, bProjector.follow.resync()) });
    let unlisten = listen();
    try {
      await waitFor(() => resyncs === 1, 'node B listens');
      const a = client(h, STAFF, h.mint('host', IID));
      await a.synced();
      for (let i = 0; i < 20; i++) a.doc.getArray<string>('chat').push([`m${i}`]);
      a.doc.getMap<number>('ratings').set('q1', 4);
      // B projects exactly what A stored, row for row, with A's last stored seq as its watermark: nothing lost, nothing twice.
      await waitFor(() => rowsOfB()[0]?.chat === 20 && rowsOfB()[0]?.ratings === 1, 'node B projects what node A stored');
      await waitFor(() => rowsOf(h)[0]?.chat === 20 && rowsOf(h)[0]?.ratings === 1, 'node A projects it too');
      await bProjector.followed();
      expect(rowsOfB()).toEqual(rowsOf(h));
      expect(bProjector.watermark('test-staff-counts', STAFF)).toBe(await lastSeq(h, STAFF));

      // Deleted through A's store: B forgets the interview's rows and watermark.
      destroyClients();
      expect(await h.storage.deleteInterviewDocs(IID)).toBe(1);
      await waitFor(() => rowsOfB().length === 0, 'node B forgets the deleted interview');
      expect(bProjector.watermark('test-staff-counts', STAFF)).toBe(0);

      // Not listening (a lost connection): what A stores meanwhile is caught up when B listens again.
      unlisten();
      const other = client(h, 'acme-proj-3.staff', h.mint('host', 'acme-proj-3'));
      await other.synced();
      other.doc.getArray<string>('chat').push(['while away', 'and again']);
      // (A's own projector still holds the deleted interview's row: in this harness only B hears the deletion.)
      const third = (rows: Row[]) => rows.filter((r) => r.doc === 'acme-proj-3.staff');
      await waitFor(async () => (await bStore.lastSeq('acme-proj-3.staff')) > 0 && third(rowsOf(h))[0]?.chat === 2, 'stored and projected on A');
      await new Promise((r) => setTimeout(r, 200));
      expect(rowsOfB()).toEqual([]);
      unlisten = listen();
      await waitFor(() => resyncs === 2 && rowsOfB().length === 1, 'node B caught up after listening again');
      await bProjector.followed();
      expect(rowsOfB()).toEqual(third(rowsOf(h)));
      expect(rowsOfB()[0]).toMatchObject({ doc: 'acme-proj-3.staff', chat: 2 });
    } finally {
      unlisten();
      await b.close();
    }
  });

  // Every node reads a followed document whole from storage: a document written many times a second must be read
  // once per batch of notices, not once per commit (bench:cluster measured one read per commit per node).
  (backend.name === 'postgres' ? it : itBase.skip)('reads a document another node committed 20 times once, when its batch of notices is applied, and counts it', async () => {
    const { h } = await startWithProjector();
    // A delay no test reaches: only followed() applies the batch, so the count does not depend on the machine's speed.
    const b = await followerNode({ followDelayMs: 600_000 });
    const { db: bDb, store: bStore, projector: bProjector } = b;
    let listening = false;
    const unlisten = bStore.watchStored({ ...bProjector.follow, resync: () => ((listening = true), bProjector.follow.resync()) });
    try {
      await waitFor(() => listening, 'node B listens');
      await bProjector.followed();
      const writer = new Y.Doc();
      let prev = Y.encodeStateVector(writer);
      for (let i = 0; i < 20; i++) {
        writer.getArray<string>('chat').push([`m${i}`]);
        await h.storage.commit(STAFF, [Y.encodeStateAsUpdate(writer, prev)], []);
        prev = Y.encodeStateVector(writer);
      }
      await waitFor(() => bProjector.followStats().notices === 20, 'node B heard 20 notices');
      expect(bProjector.followStats()).toMatchObject({ notices: 20, skipped: 0, applied: 0 });
      expect(bDb.prepare('SELECT * FROM test_staff_counts').all()).toEqual([]);
      await bProjector.followed();
      expect(bProjector.followStats()).toMatchObject({ notices: 20, skipped: 0, applied: 1 });
      expect(bDb.prepare('SELECT doc, chat FROM test_staff_counts').all()).toEqual([{ doc: STAFF, chat: 20 }]);
      expect(bProjector.watermark('test-staff-counts', STAFF)).toBe(await lastSeq(h, STAFF));
      // A notice for what is already applied costs no read.
      bProjector.follow.stored(STAFF, await lastSeq(h, STAFF));
      expect(bProjector.followStats()).toMatchObject({ notices: 21, skipped: 1, applied: 1 });
    } finally {
      unlisten();
      await b.close();
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
