/**
 * The compaction worker thread (started by compaction-worker.ts): folds a document's stored updates into its
 * snapshot with its own SQLite connection, so the Yjs merge of hundreds of updates never runs on the event loop
 * that relays live updates. Plain CommonJS so it runs the same under tsx, vitest and plain node.
 *
 * The rules are DocStore.compact's (doc-store.ts), split so the write lock is held only for the short write:
 * 1. read the snapshot and the updates after it (one read transaction: a consistent view);
 * 2. merge them with Yjs, outside any transaction (the main thread keeps appending meanwhile);
 * 3. in one write transaction, if nobody replaced the snapshot or removed the rows meanwhile, store the new snapshot
 *    and delete exactly the rows folded into it (by their sequence numbers, never "everything up to N").
 * Refuses, like DocStore.compact, when a stored row cannot be read and when the result would be empty although
 * stored rows had content.
 */
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

/** The three steps over one connection; exported so a test can interleave other writes between them. */
function compactionSteps(db, Y) {
  const selectSnapshot = db.prepare('SELECT state, upto_seq FROM yjs_snapshots WHERE doc = ?');
  const selectUpdatesAfter = db.prepare('SELECT seq, update_data FROM yjs_updates WHERE doc = ? AND seq > ? ORDER BY seq');
  const upsertSnapshot = db.prepare(
    `INSERT INTO yjs_snapshots (doc, state, upto_seq, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(doc) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq, updated_at = excluded.updated_at`,
  );
  const countFolded = db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ? AND seq IN (SELECT value FROM json_each(?))');
  const deleteFolded = db.prepare('DELETE FROM yjs_updates WHERE doc = ? AND seq IN (SELECT value FROM json_each(?))');

  const hasContent = (update) => {
    const { structs, ds } = Y.decodeUpdate(update);
    return structs.length > 0 || ds.clients.size > 0;
  };

  /** Step 1: the snapshot and the updates after it, in one read transaction (a consistent view). */
  const read = db.transaction((name) => {
    const snapshot = selectSnapshot.get(name);
    const rows = selectUpdatesAfter.all(name, snapshot ? snapshot.upto_seq : 0);
    return { name, snapshot, rows };
  });

  /** Step 2: the merge, outside any transaction. Returns a refusal, or what step 3 writes. */
  function fold({ name, snapshot, rows }) {
    if (rows.length === 0) return { refused: { compacted: false, reason: 'nothing-to-do' } };
    const doc = new Y.Doc({ gc: true });
    let bytesBefore = 0;
    let storedContent = false;
    try {
      if (snapshot) {
        Y.applyUpdate(doc, snapshot.state);
        bytesBefore += snapshot.state.length;
        storedContent = storedContent || hasContent(snapshot.state);
      }
      for (const row of rows) {
        Y.applyUpdate(doc, row.update_data);
        bytesBefore += row.update_data.length;
        storedContent = storedContent || hasContent(row.update_data);
      }
    } catch {
      doc.destroy();
      return { refused: { compacted: false, reason: 'unreadable-row' } };
    }
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    if (storedContent && !hasContent(state)) return { refused: { compacted: false, reason: 'would-empty' } };
    const seqs = rows.map((r) => r.seq);
    return { name, readUpto: snapshot ? snapshot.upto_seq : 0, state, seqs, bytesBefore };
  }

  /**
   * Step 3, in one IMMEDIATE transaction (it takes the write lock before reading: a deferred one that the main
   * thread's appends overtook could not upgrade to a write, SQLITE_BUSY_SNAPSHOT, and no waiting helps).
   */
  const writeTx = db.transaction((folded, now) => {
    const { name, readUpto, state, seqs } = folded;
    const current = selectSnapshot.get(name);
    const list = JSON.stringify(seqs);
    // Since the read, another compaction (the synchronous one near a size cap) replaced the snapshot, or the
    // interview was deleted (its rows are gone): writing now would bring back what they removed. Leave it.
    if ((current ? current.upto_seq : 0) !== readUpto) return false;
    if (countFolded.get(name, list).n !== seqs.length) return false;
    upsertSnapshot.run(name, state, seqs[seqs.length - 1], now);
    deleteFolded.run(name, list);
    return true;
  });

  function write(folded, now = Date.now()) {
    if (folded.refused) return folded.refused;
    if (!writeTx.immediate(folded, now)) return { compacted: false, reason: 'nothing-to-do' };
    const uptoSeq = folded.seqs[folded.seqs.length - 1];
    return { compacted: true, rows: folded.seqs.length, bytesBefore: folded.bytesBefore, bytesAfter: folded.state.length, uptoSeq };
  }

  return { read, fold, write, compact: (name) => write(fold(read(name))) };
}

module.exports = { compactionSteps };

if (parentPort && workerData && workerData.role === 'compaction') {
  // Named so /proc, top -H and bench:sync's CPU by thread tell it from V8's and libuv's threads (all "node"); Linux only.
  try {
    require('node:fs').writeFileSync('/proc/thread-self/comm', 'compaction');
  } catch {}
  const Database = require(workerData.driver);
  const Y = require(workerData.yjs);
  const db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const steps = compactionSteps(db, Y);
  parentPort.on('message', (msg) => {
    if (msg.type === 'stop') {
      db.close();
      parentPort.postMessage({ type: 'stopped' });
      return;
    }
    try {
      parentPort.postMessage({ type: 'result', id: msg.id, result: steps.compact(msg.doc) });
    } catch (err) {
      parentPort.postMessage({ type: 'result', id: msg.id, error: String((err && err.message) || err) });
    }
  });
}
