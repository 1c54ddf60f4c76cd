/**
 * A document commit inside another transaction on the server's SQLite connection is refused (doc-store.ts
 * NestedCommitError). better-sqlite3 makes a nested transaction a savepoint and lets a single INSERT join the open
 * transaction, so the rows would commit only with the caller's transaction and vanish with its rollback, while the
 * commit queue (live-doc.ts) had already relayed them to every client as stored. SQLite only: PostgreSQL commits on
 * a pool connection of its own.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocStore, NestedCommitError } from '../../sync-server/collab/doc-store';
import { openDatabase } from '../../sync-server/db/open';
import { collabResources } from '../support/collab-resources';
import { tempDir, waitFor } from '../support/yws-client';

const IID = 'acme-frontend-1';
const STAFF = `${IID}.staff`;

const resources = collabResources();

function updateWith(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray<string>('chat').push([text]);
  return Y.encodeStateAsUpdate(doc);
}

describe('document commits inside another transaction (SQLite)', () => {
  it('are refused and write nothing; the same commit outside is stored', () => {
    const db = openDatabase(path.join(tempDir('interq-nested-'), 'interq.sqlite'));
    try {
      const store = new DocStore(db);
      const inside = db.transaction(() => store.commit(STAFF, [updateWith('inside')]));
      expect(() => inside()).toThrow(NestedCommitError);
      const many = db.transaction(() => store.commitMany([{ name: STAFF, updates: [updateWith('a'), updateWith('b')], claims: [{ client: 1, owner: 'x' }] }]));
      expect(() => many()).toThrow(NestedCommitError);
      expect(store.load(STAFF).storedUpdates).toBe(0);
      expect(store.clientOwner(STAFF, 1)).toBeNull();

      store.commit(STAFF, [updateWith('outside')]);
      expect(store.load(STAFF).doc.getArray('chat').toArray()).toEqual(['outside']);
    } finally {
      db.close();
    }
  });

  it('a server-side edit made inside a transaction that rolls back is still stored, and relayed only once it is', async () => {
    const h = await resources.start({ persistence: { debounceMs: 50 } });
    const reader = resources.client(h, STAFF, h.mint('interviewer', IID));
    await reader.synced();
    const count = () => (h.db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ?').get(STAFF) as { n: number }).n;
    let storedWhenRelayed = -1;
    reader.doc.getArray('chat').observe(() => {
      if (storedWhenRelayed < 0) storedWhenRelayed = count();
    });
    const serverDoc = await h.collab.openDoc(STAFF);
    const rolledBack = h.db.transaction(() => {
      serverDoc.getArray<string>('chat').push(['made inside a transaction']);
      throw new Error('the caller rolls back');
    });
    expect(() => rolledBack()).toThrow('the caller rolls back');
    // The refused write is retried outside the transaction: stored, then relayed.
    await waitFor(() => count() === 1, 'the edit stored by the retry');
    await waitFor(() => reader.doc.getArray('chat').length === 1, 'the edit relayed');
    expect(storedWhenRelayed).toBe(1);
    expect((await h.storage.load(STAFF)).doc.getArray('chat').toArray()).toEqual(['made inside a transaction']);
    expect(h.logs.some((l) => l.msg.startsWith('Could not store a document update') && String(l.fields?.error).includes('own transaction'))).toBe(true);
  });
});
