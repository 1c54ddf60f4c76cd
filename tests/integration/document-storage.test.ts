/**
 * The document storage contract (sync-server/storage/document-storage.ts), run
 * against SQLite and a real PostgreSQL on loopback: ordered commits with
 * client-id claims in one transaction, loads of snapshot plus every row left,
 * compaction that deletes exactly the rows it folded (also when PostgreSQL
 * commits a smaller sequence value after a larger one), refusals, revocations.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { storageBackends } from '../support/storage-backends';

const DOC = 'acme-storage-1.staff';

/** An update that appends `items` to the chat list of a document built from `base`. */
function chatUpdate(base: Y.Doc, ...items: string[]): Uint8Array {
  const before = Y.encodeStateVector(base);
  base.getArray<string>('chat').push(items);
  return Y.encodeStateAsUpdate(base, before);
}

const chatOf = (doc: Y.Doc) => doc.getArray<string>('chat').toArray();

const backends = storageBackends();

describe.each(backends)('document storage on $name', (backend) => {
  it.skipIf(backend.skip)('commits updates in order with their client-id claims, and loads them back', async () => {
    const { storage } = await backend.open();
    const src = new Y.Doc();
    const seqs = await storage.commit(DOC, [chatUpdate(src, 'a'), chatUpdate(src, 'b')], [{ client: src.clientID, owner: 'host:Hana' }]);
    expect(seqs).toHaveLength(2);
    expect(seqs[1]!).toBeGreaterThan(seqs[0]!);
    // The first binding of a client id stays.
    const more = await storage.commit(DOC, [chatUpdate(src, 'c')], [{ client: src.clientID, owner: 'guest:Gus' }, { client: 7, owner: 'guest:Gus' }]);
    const loaded = await storage.load(DOC);
    expect(chatOf(loaded.doc)).toEqual(['a', 'b', 'c']);
    expect(loaded.storedUpdates).toBe(3);
    expect(loaded.lastSeq).toBe(more[0]);
    expect(loaded.owners.get(src.clientID)).toBe('host:Hana');
    expect(loaded.owners.get(7)).toBe('guest:Gus');
    // Real owner keys hold a NUL between role and name (update-policy.ts ownerKey): PostgreSQL's text refuses NUL.
    await storage.commit(DOC, [], [{ client: 9, owner: 'guest\u0000Gus "the" \\ one' }]);
    expect((await storage.load(DOC)).owners.get(9)).toBe('guest\u0000Gus "the" \\ one');
    expect(loaded.unreadable).toEqual([]);
    expect(await storage.lastSeq(DOC)).toBe(more[0]);
    expect(await storage.storedDocs()).toEqual([{ doc: DOC, lastSeq: more[0] }]);
    // Claims alone are a valid write.
    expect(await storage.commit(DOC, [], [{ client: 8, owner: 'moderator:Mo' }])).toEqual([]);
    expect((await storage.load(DOC)).owners.get(8)).toBe('moderator:Mo');
  });

  it.skipIf(backend.skip)('compacts into a snapshot, deleting the folded rows, and keeps rows written after it', async () => {
    const { storage } = await backend.open();
    const src = new Y.Doc();
    for (const x of ['1', '2', '3', '4']) await storage.commit(DOC, [chatUpdate(src, x)], []);
    const result = await storage.compact(DOC);
    expect(result).toMatchObject({ compacted: true, rows: 4 });
    expect(await storage.compact(DOC)).toEqual({ compacted: false, reason: 'nothing-to-do' });
    const fifth = chatUpdate(src, '5');
    const [later] = await storage.commit(DOC, [fifth], []);
    const loaded = await storage.load(DOC);
    expect(chatOf(loaded.doc)).toEqual(['1', '2', '3', '4', '5']);
    expect(loaded.storedUpdates).toBe(1);
    expect(loaded.lastSeq).toBe(later);
    expect(result.compacted && loaded.storedBytes).toBe(result.compacted ? result.bytesAfter + fifth.length : -1);
  });

  it.skipIf(backend.skip)('refuses to compact an unreadable row and keeps it', async () => {
    const { storage } = await backend.open();
    const src = new Y.Doc();
    await storage.commit(DOC, [chatUpdate(src, 'ok'), new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01])], []);
    expect(await storage.compact(DOC)).toEqual({ compacted: false, reason: 'unreadable-row' });
    const loaded = await storage.load(DOC);
    expect(chatOf(loaded.doc)).toEqual(['ok']);
    expect(loaded.unreadable).toHaveLength(1);
    expect(loaded.storedUpdates).toBe(2);
  });

  it.skipIf(backend.skip)('stores revocations', async () => {
    const { storage } = await backend.open();
    expect(await storage.isRevoked('j1')).toBe(false);
    await storage.revoke('j1');
    await storage.revoke('j1');
    expect(await storage.isRevoked('j1')).toBe(true);
    expect(await storage.allRevoked()).toEqual(['j1']);
  });

  it.skipIf(backend.skip)("lists one interview's documents and deletes exactly them (updates, snapshot, client-id owners)", async () => {
    const { storage } = await backend.open();
    const src = new Y.Doc();
    // acme-storage-10 shares the prefix "acme-storage-1" without the dot: it must survive.
    const kept = 'acme-storage-10.staff';
    await storage.commit('acme-storage-1.plan', [chatUpdate(src, 'p')], [{ client: 5, owner: 'host:Hana' }]);
    await storage.commit(DOC, [chatUpdate(src, 's1')], []);
    expect(await storage.compact(DOC)).toMatchObject({ compacted: true });
    await storage.commit(DOC, [chatUpdate(src, 's2')], [{ client: 6, owner: 'guest:Gus' }]);
    await storage.commit(kept, [chatUpdate(new Y.Doc(), 'k')], [{ client: 5, owner: 'host:Hana' }]);
    expect(await storage.interviewDocs('acme-storage-1')).toEqual(['acme-storage-1.plan', DOC]);
    expect(await storage.deleteInterviewDocs('acme-storage-1')).toBe(2);
    expect(await storage.interviewDocs('acme-storage-1')).toEqual([]);
    const gone = await storage.load(DOC);
    expect(gone.lastSeq).toBe(0);
    expect(gone.owners.size).toBe(0);
    expect((await storage.load('acme-storage-1.plan')).owners.size).toBe(0);
    expect((await storage.storedDocs()).map((d) => d.doc)).toEqual([kept]);
    const other = await storage.load(kept);
    expect(chatOf(other.doc)).toEqual(['k']);
    expect(other.owners.get(5)).toBe('host:Hana');
    expect(await storage.deleteInterviewDocs('acme-storage-1')).toBe(0);
  });

  it.skipIf(backend.name !== 'postgres' || backend.skip)(
    'never deletes a row that committed after the compaction read, though its sequence value is smaller',
    async () => {
      const { storage, url } = await backend.open();
      const src = new Y.Doc();
      await storage.commit(DOC, [chatUpdate(src, 'first')], []);
      // A writer takes a sequence value, then stalls before committing.
      const slow = new pg.Client({ connectionString: url! });
      await slow.connect();
      await slow.query('BEGIN');
      const stalled = await slow.query<{ seq: string }>('INSERT INTO yjs_updates (doc, update_data, created_at) VALUES ($1, $2, 0) RETURNING seq', [
        DOC,
        Buffer.from(chatUpdate(src, 'stalled')),
      ]);
      // Another write takes a larger value and commits first; compaction folds what it can see.
      const [after] = await storage.commit(DOC, [chatUpdate(src, 'after')], []);
      expect(after!).toBeGreaterThan(Number(stalled.rows[0]!.seq));
      expect(await storage.compact(DOC)).toMatchObject({ compacted: true, rows: 2 });
      await slow.query('COMMIT');
      await slow.end();
      // The stalled row is below the snapshot's upto_seq and still stored, and still loaded.
      const loaded = await storage.load(DOC);
      expect(chatOf(loaded.doc)).toEqual(['first', 'stalled', 'after']);
      expect(loaded.storedUpdates).toBe(1);
      expect(await storage.compact(DOC)).toMatchObject({ compacted: true, rows: 1 });
      expect(chatOf((await storage.load(DOC)).doc)).toEqual(['first', 'stalled', 'after']);
    },
  );
});
