/**
 * The collab server's typed lifecycle hooks (sync-server/collab/hooks.ts)
 * against real y-websocket clients, on SQLite and on PostgreSQL (tests/support/storage-backends.ts): loaded, update
 * stored (with the row's sequence number, only after the INSERT committed), unloaded.
 */
import { describe, expect, it as itBase } from 'vitest';
import * as Y from 'yjs';
import type { DocumentLoadedEvent, DocumentUnloadedEvent, UpdateStoredEvent } from '../../sync-server/collab/hooks';
import { collabResources } from '../support/collab-resources';
import { waitFor, type CollabHarness } from '../support/yws-client';
import { storageBackends } from '../support/storage-backends';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';

const IID = 'acme-hooks-1';
const STAFF = `${IID}.staff`;
const resources = collabResources();
const { client } = resources;
const backends = storageBackends();

/** The document's stored update rows, from whichever store the server uses. */
async function storedRows(h: CollabHarness, doc: string): Promise<Array<{ seq: number; update_data: Buffer }>> {
  if (h.storage instanceof PostgresDocumentStorage) {
    const res = await h.storage.pool.query<{ seq: string; update_data: Buffer }>('SELECT seq, update_data FROM yjs_updates WHERE doc = $1 ORDER BY seq', [doc]);
    return res.rows.map((r) => ({ seq: Number(r.seq), update_data: r.update_data }));
  }
  return h.db.prepare('SELECT seq, update_data FROM yjs_updates WHERE doc = ? ORDER BY seq').all(doc) as Array<{ seq: number; update_data: Buffer }>;
}

function recorder() {
  const loaded: DocumentLoadedEvent[] = [];
  const stored: UpdateStoredEvent[] = [];
  const unloaded: DocumentUnloadedEvent[] = [];
  return {
    loaded,
    stored,
    unloaded,
    hooks: [{ onDocumentLoaded: (e: DocumentLoadedEvent) => loaded.push(e), onUpdateStored: (e: UpdateStoredEvent) => stored.push(e), onDocumentUnloaded: (e: DocumentUnloadedEvent) => unloaded.push(e) }],
  };
}

describe.each(backends)('collab hooks on $name', (backend) => {
  const it = backend.skip ? itBase.skip : itBase;
  const start = async (opts: Parameters<typeof resources.start>[0]) =>
    resources.start({ ...opts, ...(backend.name === 'postgres' ? { databaseUrl: (await backend.open()).url } : {}) });
  it('reports each stored update with its sequence number and bytes, and load and unload with the last one', async () => {
    const r = recorder();
    const h = await start({ hooks: r.hooks, persistence: { idleUnloadMs: 50, debounceMs: 0, compactAfterUpdates: 1_000 } });
    const a = client(h, STAFF, h.mint('host', IID));
    await a.synced();
    expect(r.loaded.map((e) => [e.name, e.interviewId, e.kind, e.lastSeq])).toEqual([[STAFF, IID, 'staff', 0]]);

    a.doc.getArray<string>('chat').push(['one']);
    a.doc.getMap<number>('ratings').set('q1', 4);
    a.doc.getArray<string>('chat').push(['two']);
    await waitFor(() => r.stored.length === 3, 'three stored events');
    const rows = await storedRows(h, STAFF);
    expect(r.stored.map((e) => e.seq)).toEqual(rows.map((row) => row.seq));
    r.stored.forEach((e, i) => expect(Buffer.compare(Buffer.from(e.update), rows[i]!.update_data)).toBe(0));
    expect(r.stored.every((e) => e.fromClient && e.kind === 'staff' && e.interviewId === IID)).toBe(true);
    // The last leaves the document equal to what is stored. An earlier one is settled only if nothing was applied
    // after it yet: PostgreSQL may confirm it while the next is being written, and SQLite commits the updates that
    // arrived in one turn together (turn-commits.ts), announcing all but the last of them as not settled.
    expect(r.stored[2]!.settled).toBe(true);
    // The event's document holds the update it reports (read while the event was fired would be the same here).
    expect(r.stored[2]!.doc.getArray('chat').toArray()).toEqual(['one', 'two']);

    a.destroy();
    await waitFor(() => r.unloaded.length === 1, 'idle document unloaded');
    expect(r.unloaded[0]!.lastSeq).toBe(rows[rows.length - 1]!.seq);

    // Loading again reports the highest stored sequence number (after compaction: the snapshot's upto_seq).
    const server = await h.collab.openDoc(STAFF);
    expect(server.getArray('chat').length).toBe(2);
    expect(r.loaded[1]!.lastSeq).toBe(rows[rows.length - 1]!.seq);
  });

  it('fires nothing for a write that failed, then each update in order once its retry is stored', async () => {
    const r = recorder();
    const h = await start({ hooks: r.hooks, persistence: { debounceMs: 10, compactAfterUpdates: 1_000 } });
    const a = client(h, STAFF, h.mint('host', IID));
    const b = client(h, STAFF, h.mint('interviewer', IID));
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getArray<string>('chat').push(['before']);
    await waitFor(() => r.stored.length === 1, 'first stored');

    await h.failWrites(true);
    a.doc.getArray<string>('chat').push(['while failing 1']);
    a.doc.getArray<string>('chat').push(['while failing 2']);
    await waitFor(() => h.logs.some((l) => l.msg.includes('Retry of unsaved')), 'a retry failed');
    expect(r.stored).toHaveLength(1);
    // Nothing unstored reaches another client: B still has only what was stored.
    expect(b.doc.getArray('chat').toArray()).toEqual(['before']);

    await h.failWrites(false);
    await waitFor(() => r.stored.length === 3, 'retried updates reported');
    await waitFor(() => b.doc.getArray('chat').length === 3, 'relayed once stored');
    const rows = await storedRows(h, STAFF);
    expect(r.stored.map((e) => e.seq)).toEqual(rows.map((row) => row.seq));
    // Only the last of the retried batch is settled: the document then equals the stored state.
    expect(r.stored.map((e) => e.settled)).toEqual([true, false, true]);
    expect(r.stored[2]!.status.unsavedCount).toBe(0);
    expect(r.stored[2]!.status.lastStoredSeq).toBe(rows[2]!.seq);
  });

  it('reports server-side edits (openDoc) as not from a client, and a throwing hook does not stop the write or the others', async () => {
    const r = recorder();
    const h = await start({
      hooks: [
        {
          onUpdateStored: () => {
            throw new Error('hook bug');
          },
        },
        ...r.hooks,
      ],
    });
    const doc = await h.collab.openDoc(`${IID}.plan`);
    doc.getMap('meta').set('title', 'Server title');
    // SQLite stores it in the same turn; PostgreSQL once its INSERT is confirmed.
    await waitFor(() => r.stored.length === 1, 'the server edit stored');
    expect(r.stored).toHaveLength(1);
    expect(r.stored[0]!.fromClient).toBe(false);
    expect(r.stored[0]!.settled).toBe(true);
    expect(await storedRows(h, `${IID}.plan`)).toHaveLength(1);
    expect(h.logs.some((l) => l.level === 'error' && l.msg === 'Collab hook onUpdateStored failed')).toBe(true);
    const check = new Y.Doc();
    Y.applyUpdate(check, r.stored[0]!.update);
    expect(check.getMap('meta').get('title')).toBe('Server title');
  });
});
