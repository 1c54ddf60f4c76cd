/**
 * A live document keeps no pointer to a Yjs transaction once Yjs is done with it (sync-server/collab/live-doc.ts
 * `onAfterAllTransactions`): the list of ended transactions Yjs drops after each transaction is emptied, so that a
 * list which had grown old in the heap cannot keep the transaction's maps alive through scavenges (#16: they were the
 * largest share of what the server's scavenges kept). The document goes on working: a client update (through the
 * decoded-structs path and through Yjs' own apply), a server-side edit and nested transactions all still run, are
 * stored and relayed. Real SQLite file through the real SqliteDocumentStorage, real Y.Doc, in-memory peers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../../sync-server/db/open';
import type { LiveDoc } from '../../sync-server/collab/live-doc';
import { decodeClientFrame, encodeUpdate } from '../../sync-server/collab/protocol';
import { recordingPeer, staffLiveDoc, STAFF_DOC_NAME } from '../support/staff-live-doc';

const NAME = STAFF_DOC_NAME;
let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-live-doc-transactions-'));
  db = openDatabase(path.join(dir, 'interq.sqlite'));
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const liveDoc = (): LiveDoc => staffLiveDoc(db);
const peer = recordingPeer;

/** The lists of ended transactions Yjs hands to 'afterAllTransactions' (seen after LiveDoc's own listener). */
function endedLists(doc: Y.Doc): Y.Transaction[][] {
  const lists: Y.Transaction[][] = [];
  doc.on('afterAllTransactions', (_doc, ended) => lists.push(ended));
  return lists;
}

const storedRows = () => (db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc = ?').get(NAME) as { n: number }).n;

/** A client's update as the server reads it off the wire: the frame decoded once, structs and all. */
function received(client: Y.Doc, change: () => void) {
  const before = Y.encodeStateVector(client);
  change();
  const update = Y.encodeStateAsUpdate(client, before);
  const read = decodeClientFrame(encodeUpdate(update));
  if (!read.ok || read.frame.type !== 'sync-update') throw new Error('not an update frame');
  return read.frame;
}

describe('a live document and the transactions Yjs has ended', () => {
  it('leaves no pointer to a client update’s transaction in the list Yjs drops', () => {
    const live = liveDoc();
    const [a, b] = [peer(), peer()];
    live.addPeer(a);
    live.addPeer(b);
    const lists = endedLists(live.doc);
    const client = new Y.Doc();

    for (let i = 0; i < 3; i++) {
      const frame = received(client, () => client.getArray('chat').push([{ text: `note ${i}`, by: 'Ivy' }]));
      const bBefore = b.sent.length;
      expect(live.applyClientUpdate(a, frame.update, [], { structs: frame.decoded.structs.length, relayable: frame.relayable, decoded: frame.decoded })).toBe(true);
      expect(b.sent.length).toBe(bBefore + 1);
    }

    // One list per transaction, each emptied; Yjs holds a fresh list of its own for the next one.
    expect(lists).toHaveLength(3);
    expect(lists.map((l) => l.length)).toEqual([0, 0, 0]);
    expect(lists.includes((live.doc as unknown as { _transactionCleanups: Y.Transaction[] })._transactionCleanups)).toBe(false);
    expect(storedRows()).toBe(3);
    expect(live.doc.getArray('chat').toJSON().map((r) => (r as { text: string }).text)).toEqual(['note 0', 'note 1', 'note 2']);
  });

  it('empties it for Yjs’ own apply and for nested server-side edits too, and they still run and are stored', () => {
    const live = liveDoc();
    const a = peer();
    live.addPeer(a);
    const lists = endedLists(live.doc);
    const client = new Y.Doc();
    const apply = (frame: ReturnType<typeof received>) =>
      live.applyClientUpdate(a, frame.update, [], { structs: frame.decoded.structs.length, relayable: frame.relayable, decoded: frame.decoded });
    expect(apply(received(client, () => client.getArray('chat').push(['first'])))).toBe(true);
    // A deletion goes through Y.applyUpdate, not the decoded structs.
    expect(apply(received(client, () => client.getArray('chat').delete(0, 1)))).toBe(true);

    const seen: string[] = [];
    live.doc.getArray('chat').observe(() => seen.push('observed'));
    live.doc.transact(() => {
      live.doc.getArray('chat').push(['outer']);
      live.doc.transact(() => live.doc.getArray('chat').push(['inner']));
    });

    // At least one transaction each (the document's own apply of a deletion may take more); every list emptied.
    expect(lists.length).toBeGreaterThanOrEqual(3);
    expect(lists.map((l) => l.length)).toEqual(lists.map(() => 0));
    expect(seen).toEqual(['observed']);
    expect(live.doc.getArray('chat').toJSON()).toEqual(['outer', 'inner']);
    expect(storedRows()).toBe(3);
  });
});
