/**
 * PostgreSQL compaction folds in a worker thread (sync-server/storage/postgres/fold-worker.ts, fold-thread.cjs), off
 * the event loop that relays live updates:
 * - the thread's fold is yjs-rows.ts foldRows to the byte (same state, same refusals, same uptoSeq);
 * - a compaction really folds there, and a write that commits while the thread folds is neither folded nor deleted:
 *   compaction still deletes exactly the rows it folded.
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { foldRows, type SnapshotRow, type UpdateRow } from '../../sync-server/storage/yjs-rows';
import { startFoldWorker, type Folder } from '../../sync-server/storage/postgres/fold-worker';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { storageBackends } from '../support/storage-backends';

const require = createRequire(import.meta.url);
const thread = require('../../sync-server/storage/postgres/fold-thread.cjs') as { foldRows: (y: typeof Y, s: SnapshotRow | null, r: UpdateRow[]) => unknown };

const DOC = 'acme-fold-1.staff';

function chatUpdate(base: Y.Doc, ...items: string[]): Uint8Array {
  const before = Y.encodeStateVector(base);
  base.getArray<string>('chat').push(items);
  return Y.encodeStateAsUpdate(base, before);
}

let folders: Folder[] = [];
afterEach(async () => {
  for (const f of folders.splice(0)) await f.stop();
});

describe('fold worker', () => {
  it('folds exactly as yjs-rows.ts foldRows does, refusals included', async () => {
    const folder = startFoldWorker(() => undefined);
    folders.push(folder);
    const src = new Y.Doc();
    const snapshot: SnapshotRow = { state: chatUpdate(src, 'a', 'b'), upto_seq: 7 };
    src.getArray<string>('chat').delete(0, 1);
    // Sequence values out of order, as PostgreSQL may hand them out: uptoSeq is the highest folded.
    const rows: UpdateRow[] = [
      { seq: 12, update_data: chatUpdate(src, 'c') },
      { seq: 9, update_data: Y.encodeStateAsUpdate(src) },
      { seq: 10, update_data: chatUpdate(src, 'd', 'e') },
    ];
    const inThread = await folder.fold(snapshot, rows);
    expect(inThread).toEqual(foldRows(snapshot, rows));
    expect(inThread).toMatchObject({ ok: true, uptoSeq: 12 });
    const folded = new Y.Doc();
    Y.applyUpdate(folded, (inThread as { state: Uint8Array }).state);
    expect(folded.getArray('chat').toArray()).toEqual(['b', 'c', 'd', 'e']);

    const unreadable: UpdateRow[] = [...rows, { seq: 13, update_data: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]) }];
    expect(await folder.fold(snapshot, unreadable)).toEqual({ ok: false, reason: 'unreadable-row' });
    expect(await folder.fold(snapshot, [])).toEqual({ ok: false, reason: 'nothing-to-do' });
    expect(folder.foldedInWorker).toBe(3);
    // The same function, called here: the exported rule is the one the thread runs.
    expect(thread.foldRows(Y, snapshot, rows)).toEqual(foldRows(snapshot, rows));
  });

  const postgres = storageBackends().find((b) => b.name === 'postgres')!;
  it.skipIf(postgres.skip)('compacts PostgreSQL documents in the thread; a write committed while it folds stays stored', async () => {
    const { url } = await postgres.open();
    const storage = await PostgresDocumentStorage.open({ connectionString: url!, log: () => undefined });
    try {
      const folder = storage.folder!;
      const src = new Y.Doc();
      for (const x of ['1', '2', '3']) await storage.commit(DOC, [chatUpdate(src, x)], []);
      // While the rows are in the thread, another write commits (it is not in what compaction read).
      const realFold = folder.fold.bind(folder);
      let during: number[] = [];
      folder.fold = async (snapshot, rows) => {
        during = await storage.commit(DOC, [chatUpdate(src, 'during')], []);
        return realFold(snapshot, rows);
      };
      expect(await storage.compact(DOC)).toMatchObject({ compacted: true, rows: 3 });
      folder.fold = realFold;
      expect(folder.foldedInWorker).toBe(1);
      expect(during).toHaveLength(1);

      const loaded = await storage.load(DOC);
      expect(loaded.doc.getArray('chat').toArray()).toEqual(['1', '2', '3', 'during']);
      expect(loaded.storedUpdates).toBe(1); // the row written during the fold, and only it, is left
      expect(await storage.compact(DOC)).toMatchObject({ compacted: true, rows: 1 });
      expect(folder.foldedInWorker).toBe(2);
      expect((await storage.load(DOC)).doc.getArray('chat').toArray()).toEqual(['1', '2', '3', 'during']);
    } finally {
      await storage.close();
    }
  });
});
