/**
 * The WAL checkpoint worker (sync-server/collab/wal-checkpointer.ts) syncs the WAL every interval, which is what a
 * power cut's loss is bounded by under `synchronous = NORMAL`, and copies the WAL into the database file (a PASSIVE
 * checkpoint) only every `checkpointEvery` intervals. Observed from outside the worker: its counts, and the WAL
 * index in the -shm file, where SQLite keeps how many frames the WAL holds (mxFrame) and how many of them have been
 * copied into the database (nBackfill). Intervals here are 20 ms so the test waits for ticks, never for a duration.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { DocStore } from '../../sync-server/collab/doc-store';
import { startWalCheckpointer, type WalCheckpointer } from '../../sync-server/collab/wal-checkpointer';
import { tempDir, waitFor } from '../support/yws-client';

const DOC = 'acme-wal-1.staff';
const opened: Array<{ db: Db; checkpointer: WalCheckpointer | null }> = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.checkpointer?.stop();
    o.db.close();
  }
});

/**
 * The WAL index header's mxFrame (offset 16, the first of its two copies) and the checkpoint info's nBackfill
 * (offset 96), both native-endian u32 (sqlite3.c, WalIndexHdr and WalCkptInfo).
 */
function walIndex(file: string): { mxFrame: number; nBackfill: number } {
  const shm = fs.readFileSync(`${file}-shm`);
  return { mxFrame: shm.readUInt32LE(16), nBackfill: shm.readUInt32LE(96) };
}

function setUp(checkpointEvery: number): { db: Db; file: string; checkpointer: WalCheckpointer; write: (n: number) => void } {
  const file = path.join(tempDir('interq-wal-'), 'interq.sqlite');
  const db = openDatabase(file);
  const checkpointer = startWalCheckpointer(db, () => undefined, { intervalMs: 20, checkpointEvery });
  opened.push({ db, checkpointer });
  expect(checkpointer).not.toBeNull();
  const store = new DocStore(db);
  const src = new Y.Doc();
  const write = (n: number) => {
    for (let i = 0; i < n; i++) {
      const before = Y.encodeStateVector(src);
      src.getArray<string>('chat').push([`line ${i}`]);
      store.commit(DOC, [Y.encodeStateAsUpdate(src, before)]);
    }
  };
  return { db, file, checkpointer: checkpointer!, write };
}

describe('WAL checkpoint worker', () => {
  it('syncs the WAL every interval without copying it; stopping copies all of it', async () => {
    const { file, checkpointer, write } = setUp(1_000_000);
    write(20);
    const committed = walIndex(file).mxFrame;
    expect(committed).toBeGreaterThan(0);
    await waitFor(async () => (await checkpointer.counts()).walSyncs >= 5, 'five WAL syncs');
    // Five intervals went by: every one synced the WAL and none copied it into the database.
    expect((await checkpointer.counts()).checkpoints).toBe(0);
    expect(walIndex(file)).toEqual({ mxFrame: committed, nBackfill: 0 });
    await checkpointer.stop();
    expect(walIndex(file)).toEqual({ mxFrame: committed, nBackfill: committed });
    // A stopped worker answers no more: the caller is told so rather than left waiting.
    await expect(checkpointer.counts()).rejects.toThrow(/not running/);
  });

  it('copies the WAL into the database every checkpointEvery-th interval, syncing it in the others', async () => {
    const { file, checkpointer, write } = setUp(3);
    write(10);
    await waitFor(async () => (await checkpointer.counts()).checkpoints >= 1, 'a checkpoint');
    const first = walIndex(file);
    expect(first.nBackfill).toBe(first.mxFrame);
    write(10);
    await waitFor(async () => (await checkpointer.counts()).checkpoints >= 3, 'three checkpoints');
    const counts = await checkpointer.counts();
    // Ticks go sync, sync, checkpoint: two syncs per checkpoint, give or take the tick between the two reads.
    expect(counts.walSyncs).toBeGreaterThanOrEqual(2 * counts.checkpoints);
    expect(counts.walSyncs).toBeLessThanOrEqual(2 * counts.checkpoints + 2);
    const later = walIndex(file);
    expect(later.nBackfill).toBe(later.mxFrame);
  });
});
