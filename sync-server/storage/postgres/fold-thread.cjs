/**
 * The fold worker thread (started by fold-worker.ts): folds a document's snapshot and stored rows into one compacted
 * state with Yjs, off the event loop that relays live updates. PostgreSQL compaction reads and writes over the network
 * on the main thread (asynchronous I/O, no stall); only this merge of hundreds of updates is CPU work, and it takes
 * milliseconds to tens of milliseconds per document. Plain CommonJS, like compaction-thread.cjs, so it runs the same
 * under tsx, vitest, the test servers' bundle and plain node.
 *
 * `foldRows` is yjs-rows.ts foldRows to the letter (the same refusals, the same uptoSeq: the highest seq folded, since
 * PostgreSQL's sequence values are not in commit order); tests/integration/fold-worker.test.ts checks that both give
 * the same bytes.
 */
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

function foldRows(Y, snapshot, rows) {
  const hasContent = (update) => {
    const { structs, ds } = Y.decodeUpdate(update);
    return structs.length > 0 || ds.clients.size > 0;
  };
  if (rows.length === 0) return { ok: false, reason: 'nothing-to-do' };
  const doc = new Y.Doc({ gc: true, guid: 'fold' });
  let bytesBefore = 0;
  let storedContent = false;
  let uptoSeq = snapshot ? snapshot.upto_seq : 0;
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
      uptoSeq = Math.max(uptoSeq, row.seq);
    }
  } catch {
    doc.destroy();
    return { ok: false, reason: 'unreadable-row' };
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  if (storedContent && !hasContent(state)) return { ok: false, reason: 'would-empty' };
  return { ok: true, state, bytesBefore, uptoSeq };
}

module.exports = { foldRows };

if (parentPort && workerData && workerData.role === 'fold') {
  // Named so /proc, top -H and bench:sync's CPU by thread tell it from V8's and libuv's threads (all "node"); Linux only.
  try {
    require('node:fs').writeFileSync('/proc/thread-self/comm', 'pg-fold');
  } catch {}
  const Y = require(workerData.yjs);
  parentPort.on('message', (msg) => {
    let reply;
    try {
      reply = { id: msg.id, fold: foldRows(Y, msg.snapshot, msg.rows) };
    } catch (err) {
      reply = { id: msg.id, error: String((err && err.message) || err) };
    }
    // The state goes back without a copy.
    parentPort.postMessage(reply, reply.fold && reply.fold.ok ? [reply.fold.state.buffer] : []);
  });
}
