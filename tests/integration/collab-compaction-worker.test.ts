/**
 * Compaction off the event loop (sync-server/collab/compaction-worker.ts, compaction-thread.cjs): a worker thread
 * with its own SQLite connection folds a document's updates into its snapshot while the main thread keeps
 * appending. Its three steps (read, merge, write) are interleaved here with the main thread's writes to prove that
 * it folds exactly the rows it read, never brings back a deleted interview, and yields to a compaction that got
 * there first.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { DocStore, type CompactionResult } from '../../sync-server/collab/doc-store';
import { startCompactionWorker, type Compactor } from '../../sync-server/collab/compaction-worker';
import { tempDir } from '../support/yws-client';

interface Folded {
  refused?: CompactionResult;
}
interface Steps {
  read(name: string): unknown;
  fold(read: unknown): Folded;
  write(folded: Folded): CompactionResult;
}
const require = createRequire(import.meta.url);
const { compactionSteps } = require('../../sync-server/collab/compaction-thread.cjs') as {
  compactionSteps: (db: Db, y: typeof Y) => Steps;
};

const DOC = 'acme-frontend-1.staff';
const open: Array<{ db: Db; compactor: Compactor | null }> = [];

afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.compactor?.stop();
    o.db.close();
  }
});

function setup(): { db: Db; store: DocStore; writer: Y.Doc; push: (n: number) => void } {
  const db = openDatabase(path.join(tempDir('interq-compaction-'), 'interq.sqlite'));
  open.push({ db, compactor: null });
  const store = new DocStore(db);
  const writer = new Y.Doc();
  writer.on('update', (u: Uint8Array) => store.append(DOC, u));
  let next = 0;
  const push = (n: number) => {
    for (let i = 0; i < n; i++) writer.getArray<string>('chat').push([`message ${next++}`]);
  };
  return { db, store, writer, push };
}

const rows = (db: Db) => (db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ?').get(DOC) as { n: number }).n;
const chat = (store: DocStore) => store.load(DOC).doc.getArray<string>('chat').toArray();

describe('compaction off the event loop', () => {
  it('compacts in the worker thread while the main thread keeps appending, and loses nothing', async () => {
    const { db, store, push } = setup();
    const compactor = startCompactionWorker(db, () => undefined);
    expect(compactor).not.toBeNull();
    open[open.length - 1]!.compactor = compactor;
    push(300);
    const job = compactor!.compact(DOC);
    // Appends go on while the worker merges (the main thread never waits for it).
    push(50);
    const result = await job;
    expect(result).toMatchObject({ compacted: true });
    expect(result.compacted && result.rows).toBeGreaterThanOrEqual(300);
    const all = chat(store);
    expect(all).toHaveLength(350);
    expect(all[0]).toBe('message 0');
    expect(all[349]).toBe('message 349');
    // Whatever the worker did not read stays as rows after the snapshot; nothing it read is left.
    expect(rows(db)).toBe(350 - (result.compacted ? result.rows : 0));
  });

  it('folds exactly the rows it read: updates appended between its read and its write stay', () => {
    const { db, store, push } = setup();
    const steps = compactionSteps(db, Y);
    push(200);
    const read = steps.read(DOC);
    push(7);
    const result = steps.write(steps.fold(read));
    expect(result).toMatchObject({ compacted: true, rows: 200 });
    expect(rows(db)).toBe(7);
    expect(chat(store)).toHaveLength(207);
    const snap = db.prepare('SELECT upto_seq FROM yjs_snapshots WHERE doc = ?').get(DOC) as { upto_seq: number };
    const firstLeft = db.prepare('SELECT MIN(seq) AS s FROM yjs_updates WHERE doc = ?').get(DOC) as { s: number };
    expect(firstLeft.s).toBeGreaterThan(snap.upto_seq);
  });

  it('does not bring back an interview deleted while it merged', () => {
    const { db, push } = setup();
    const steps = compactionSteps(db, Y);
    push(50);
    const read = steps.read(DOC);
    // What delete-interview.ts does to the documents' rows, between the worker's read and its write.
    db.prepare('DELETE FROM yjs_updates WHERE doc = ?').run(DOC);
    db.prepare('DELETE FROM yjs_snapshots WHERE doc = ?').run(DOC);
    expect(steps.write(steps.fold(read))).toEqual({ compacted: false, reason: 'nothing-to-do' });
    expect(db.prepare('SELECT COUNT(*) AS n FROM yjs_snapshots').get()).toEqual({ n: 0 });
    expect(rows(db)).toBe(0);
  });

  it('yields to a compaction on the main thread that wrote first (the size cap compacts synchronously)', () => {
    const { db, store, push } = setup();
    const steps = compactionSteps(db, Y);
    push(40);
    const read = steps.read(DOC);
    expect(store.compact(DOC)).toMatchObject({ compacted: true, rows: 40 });
    const snapBefore = db.prepare('SELECT state, upto_seq FROM yjs_snapshots WHERE doc = ?').get(DOC);
    expect(steps.write(steps.fold(read))).toEqual({ compacted: false, reason: 'nothing-to-do' });
    expect(db.prepare('SELECT state, upto_seq FROM yjs_snapshots WHERE doc = ?').get(DOC)).toEqual(snapBefore);
    expect(chat(store)).toHaveLength(40);
  });

  it('refuses a document with a row it cannot read, leaving every row in place', async () => {
    const { db, push } = setup();
    const compactor = startCompactionWorker(db, () => undefined);
    open[open.length - 1]!.compactor = compactor;
    push(10);
    db.prepare('INSERT INTO yjs_updates (doc, update_data, created_at) VALUES (?, ?, 0)').run(DOC, Buffer.from([0xff, 0xff, 0xff, 0x0f, 0x01]));
    expect(await compactor!.compact(DOC)).toEqual({ compacted: false, reason: 'unreadable-row' });
    expect(rows(db)).toBe(11);
  });

  it('stays on the main thread for an in-memory database (no second connection can share it)', () => {
    const db = openDatabase(':memory:');
    open.push({ db, compactor: null });
    expect(startCompactionWorker(db, () => undefined)).toBeNull();
  });
});
