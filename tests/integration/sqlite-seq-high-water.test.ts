/**
 * SQLite's `yjs_updates` without AUTOINCREMENT (migration 8): sequence numbers are still never reused. A new row's
 * seq is one above the highest row left and the highest row ever deleted (`yjs_seq_high_water`, raised by a trigger
 * on every delete), so compaction folding a document whole (the database's highest rows with it), the compaction
 * thread doing the same, and an interview's deletion all leave the next seq above every seq handed out before. The
 * migration keeps every row with its seq and takes AUTOINCREMENT's counter over as the mark.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '../../sync-server/db/migrations';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { DocStore } from '../../sync-server/collab/doc-store';
import { tempDir } from '../support/yws-client';

const require = createRequire(import.meta.url);
const { compactionSteps } = require('../../sync-server/collab/compaction-thread.cjs') as {
  compactionSteps: (db: Db, y: typeof Y) => { compact(name: string): { compacted: boolean } };
};

const A = 'acme-seq-1.staff';
const B = 'acme-seq-2.staff';
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function chatUpdate(base: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(base);
  base.getArray<string>('chat').push([text]);
  return Y.encodeStateAsUpdate(base, before);
}

function openStore(file = path.join(tempDir('interq-seq-'), 'interq.sqlite')): { db: Db; store: DocStore; file: string } {
  const db = openDatabase(file);
  opened.push(db);
  return { db, store: new DocStore(db), file };
}

const highWater = (db: Db) => (db.prepare('SELECT seq FROM yjs_seq_high_water').get() as { seq: number }).seq;
const chatOf = (store: DocStore, doc: string) => store.load(doc).doc.getArray<string>('chat').toArray();

describe('sequence numbers of stored Yjs updates (SQLite)', () => {
  it('never reuses a seq after compaction folded every row, in this thread or the compaction thread, or after an interview was deleted', () => {
    const { db, store } = openStore();
    const a = new Y.Doc();
    const handed: number[] = [];
    const write = (doc: string, src: Y.Doc, text: string) => {
      const [seq] = store.commit(doc, [chatUpdate(src, text)]);
      // Above every seq handed out before: the property projections' watermarks and compaction's read rely on.
      expect(seq, `seq of ${text}`).toBeGreaterThan(Math.max(0, ...handed));
      handed.push(seq!);
      return seq!;
    };
    write(B, new Y.Doc(), 'b1');
    write(A, a, 'a1');
    write(A, a, 'a2');
    // A holds the database's highest rows; compaction folds and deletes all of them.
    expect(store.compact(A)).toMatchObject({ compacted: true, rows: 2 });
    expect((db.prepare('SELECT MAX(seq) AS m FROM yjs_updates').get() as { m: number }).m).toBe(handed[0]);
    write(A, a, 'a3');
    // The same through the compaction thread's steps (its own statements, DELETE by a list of seqs).
    expect(compactionSteps(db, Y).compact(A)).toMatchObject({ compacted: true });
    expect((db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ?').get(A) as { n: number }).n).toBe(0);
    write(A, a, 'a4');
    const b = new Y.Doc();
    write(B, b, 'b2');
    // B's interview is deleted, its rows (the highest among them) with it.
    expect(store.deleteInterviewDocs('acme-seq-2')).toBe(1);
    const last = write(A, a, 'a5');
    expect(highWater(db)).toBe(handed[handed.length - 2]);
    // The document reads whole, its last seq is the newest row, and compaction's "seq > upto_seq" read folds it.
    expect(chatOf(store, A)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(store.lastSeq(A)).toBe(last);
    expect(compactionSteps(db, Y).compact(A)).toMatchObject({ compacted: true, rows: 2, uptoSeq: last });
    expect(chatOf(store, A)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('keeps the next seq above the highest ever after a restart, whoever deleted the rows', () => {
    const first = openStore();
    const src = new Y.Doc();
    const seqs = first.store.commit(A, [chatUpdate(src, 'x'), chatUpdate(src, 'y')]);
    // An operator deleting rows by hand raises the mark too (the trigger, not the code, keeps it).
    first.db.prepare('DELETE FROM yjs_updates WHERE doc = ?').run(A);
    first.db.close();
    opened.pop();
    const again = openStore(first.file);
    expect(highWater(again.db)).toBe(seqs[1]);
    const [next] = again.store.commit(A, [chatUpdate(new Y.Doc(), 'z')]);
    expect(next).toBe(seqs[1]! + 1);
  });

  it('counts seqs on the connection: every store on it shares the count, and rows another connection inserted are stepped over', () => {
    const { db, store, file } = openStore();
    const second = new DocStore(db);
    const a = new Y.Doc();
    const b = new Y.Doc();
    const [s1] = store.commit(A, [chatUpdate(a, 'a1')]);
    const [s2] = second.commit(B, [chatUpdate(b, 'b1')]);
    const [s3] = store.commit(A, [chatUpdate(a, 'a2')]);
    expect([s2! - s1!, s3! - s2!]).toEqual([1, 1]);
    // Another connection (an operator's tool) inserts rows the way the statement before the counter did: the next
    // commit's seq is taken; it re-reads the count and stores above them instead of failing for good.
    const tool = new Database(file);
    opened.push(tool);
    const insert = tool.prepare(
      `INSERT INTO yjs_updates (seq, doc, update_data, created_at) VALUES (
         max(ifnull((SELECT max(seq) FROM yjs_updates), 0), ifnull((SELECT seq FROM yjs_seq_high_water WHERE id = 1), 0)) + 1, ?, ?, 1)`,
    );
    const c = new Y.Doc();
    const toolSeqs = [chatUpdate(c, 'c1'), chatUpdate(c, 'c2')].map((u) => Number(insert.run('acme-seq-3.staff', Buffer.from(u)).lastInsertRowid));
    expect(toolSeqs).toEqual([s3! + 1, s3! + 2]);
    const [s4] = store.commit(A, [chatUpdate(a, 'a3')]);
    expect(s4).toBe(s3! + 3);
    // A turn of two documents (one transaction) as well, through the other store on the connection.
    toolSeqs.push(Number(insert.run('acme-seq-3.staff', Buffer.from(chatUpdate(c, 'c3'))).lastInsertRowid));
    const turn = second.commitMany([
      { name: B, updates: [chatUpdate(b, 'b2')], claims: [] },
      { name: A, updates: [chatUpdate(a, 'a4')], claims: [{ client: a.clientID, owner: 'ivy' }] },
    ]);
    expect(turn).toEqual([[toolSeqs[2]! + 1], [toolSeqs[2]! + 2]]);
    expect(chatOf(store, A)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(chatOf(store, B)).toEqual(['b1', 'b2']);
    expect(chatOf(store, 'acme-seq-3.staff')).toEqual(['c1', 'c2', 'c3']);
  });

  it('commits a turn of one update as one statement: nothing left open, another connection reads it at once', () => {
    const { db, store, file } = openStore();
    const reader = new Database(file, { readonly: true });
    opened.push(reader);
    const rows = reader.prepare('SELECT seq, doc FROM yjs_updates ORDER BY seq');
    const a = new Y.Doc();
    const [[seq]] = store.commitMany([{ name: A, updates: [chatUpdate(a, 'a1')], claims: [] }]) as [[number]];
    expect(db.inTransaction).toBe(false);
    expect(rows.all()).toEqual([{ seq, doc: A }]);
    // A refused row (here a seq taken by a row this test wrote with the next number) leaves nothing behind and
    // hands out no number: the next row gets the one after the blocker.
    db.prepare('INSERT INTO yjs_updates (seq, doc, update_data, created_at) VALUES (?, ?, ?, 1)').run(seq + 1, B, Buffer.from(chatUpdate(new Y.Doc(), 'b1')));
    const [[next]] = store.commitMany([{ name: A, updates: [chatUpdate(a, 'a2')], claims: [] }]) as [[number]];
    expect(next).toBe(seq + 2);
    expect(db.inTransaction).toBe(false);
    expect(rows.all()).toEqual([{ seq, doc: A }, { seq: seq + 1, doc: B }, { seq: seq + 2, doc: A }]);
  });

  it('migrates a version 7 database: every row kept with its seq, no AUTOINCREMENT, the counter taken over as the mark', () => {
    const file = path.join(tempDir('interq-seq-'), 'interq.sqlite');
    const old = new Database(file);
    for (const m of MIGRATIONS.filter((m) => m.version <= 7)) old.exec(m.sql);
    old.pragma('user_version = 7');
    const insert = old.prepare('INSERT INTO yjs_updates (doc, update_data, created_at) VALUES (?, ?, ?)');
    const a = new Y.Doc();
    const b = new Y.Doc();
    const rows: Array<{ seq: number; doc: string }> = [];
    for (const [doc, src, text] of [[A, a, 'a1'], [B, b, 'b1'], [A, a, 'a2'], [A, a, 'a3'], [B, b, 'b2']] as const) {
      rows.push({ seq: Number(insert.run(doc, Buffer.from(chatUpdate(src, text)), 1).lastInsertRowid), doc });
    }
    // Compaction under the old schema folded B whole (its last row was the highest), so AUTOINCREMENT's counter is
    // above every row left: the case where max(seq) + 1 alone would reuse a number.
    const bState = Y.encodeStateAsUpdate(b);
    old.prepare('INSERT INTO yjs_snapshots (doc, state, upto_seq, updated_at) VALUES (?, ?, ?, 1)').run(B, Buffer.from(bState), rows[4]!.seq);
    old.prepare('DELETE FROM yjs_updates WHERE doc = ?').run(B);
    const counter = (old.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'yjs_updates'").get() as { seq: number }).seq;
    expect(counter).toBe(rows[4]!.seq);
    const before = old.prepare('SELECT seq, doc, update_data, created_at FROM yjs_updates ORDER BY seq').all();
    old.close();

    const { db, store } = openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT seq, doc, update_data, created_at FROM yjs_updates ORDER BY seq').all()).toEqual(before);
    const schema = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'yjs_updates'").get() as { sql: string }).sql;
    expect(schema).not.toMatch(/AUTOINCREMENT/i);
    expect(db.prepare("SELECT name FROM sqlite_sequence WHERE name = 'yjs_updates'").all()).toEqual([]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'yjs_updates_doc'").all()).toHaveLength(1);
    expect(highWater(db)).toBe(counter);
    // Both documents read as before, and the next seq is above the counter.
    expect(chatOf(store, A)).toEqual(['a1', 'a2', 'a3']);
    expect(chatOf(store, B)).toEqual(['b1', 'b2']);
    const [next] = store.commit(B, [chatUpdate(b, 'b3')]);
    expect(next).toBe(counter + 1);
    expect(store.lastSeq(B)).toBe(counter + 1);
    expect(chatOf(store, B)).toEqual(['b1', 'b2', 'b3']);
  });
});
