/**
 * An interview's documents (`<id>.<kind>`) are found and deleted by a key range of their names, `<id>.` up to
 * `<id>/`, which the doc indexes of yjs_updates, yjs_snapshots and yjs_client_owners seek: listing or deleting one
 * interview reads that interview's entries, not every row's name. The range holds exactly the names that start with
 * `<id>.`: neighbours whose ids extend or precede the id are left alone.
 */
import path from 'node:path';
import type { Statement } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../../sync-server/db/open';
import { DocStore } from '../../sync-server/collab/doc-store';
import { tempDir } from '../support/yws-client';

const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function openStore(): { db: Db; store: DocStore } {
  const db = openDatabase(path.join(tempDir('interq-range-'), 'interq.sqlite'));
  opened.push(db);
  return { db, store: new DocStore(db) };
}

function chatUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray<string>('chat').push([text]);
  return Y.encodeStateAsUpdate(doc);
}

/** The query plan of one of the store's own prepared statements, every named parameter bound to a string. */
function planOf(db: Db, statement: Statement): string[] {
  const names = [...new Set([...statement.source.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  const args = Object.fromEntries(names.map((n) => [n, 'x']));
  return (db.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(args) as Array<{ detail: string }>).map((r) => r.detail);
}

describe('an interview’s documents by name range (SQLite)', () => {
  it('lists and deletes exactly that interview’s documents, not those of ids that extend or precede it', () => {
    const { db, store } = openStore();
    const names = ['acme-1.staff', 'acme-1.plan', 'acme-1-2.staff', 'acme-10.staff', 'acme-.staff', 'acme-1', 'acme-0.staff'];
    for (const name of names) store.commit(name, [chatUpdate(name)], [{ client: 1, owner: 'ivy' }]);
    store.compact('acme-1.plan');
    store.compact('acme-1-2.staff');
    expect(store.interviewDocs('acme-1')).toEqual(['acme-1.plan', 'acme-1.staff']);
    expect(store.deleteInterviewDocs('acme-1')).toBe(2);
    const left = (table: string) => (db.prepare(`SELECT DISTINCT doc FROM ${table} ORDER BY doc`).all() as Array<{ doc: string }>).map((r) => r.doc);
    const others = names.filter((n) => !n.startsWith('acme-1.')).sort();
    expect(left('yjs_updates')).toEqual(others.filter((n) => n !== 'acme-1-2.staff'));
    expect(left('yjs_snapshots')).toEqual(['acme-1-2.staff']);
    expect(left('yjs_client_owners')).toEqual(others);
    for (const name of others) expect(store.load(name).doc.getArray('chat').toArray()).toEqual([name]);
  });

  it('seeks each table’s doc index for the range instead of reading every row', () => {
    const { db, store } = openStore();
    const fields = store as unknown as Record<string, Statement>;
    for (const field of ['selectInterviewDocs', 'deleteInterviewRows', 'deleteInterviewSnapshots', 'deleteInterviewOwners']) {
      const plan = planOf(db, fields[field]!);
      const tables = plan.filter((d) => /yjs_(updates|snapshots|client_owners)/.test(d));
      expect(tables.length, `${field}: ${plan.join(' | ')}`).toBeGreaterThan(0);
      for (const line of tables) expect(line, field).toMatch(/^SEARCH .*\(doc>\? AND doc<\?\)/);
    }
  });
});
