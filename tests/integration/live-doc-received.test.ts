/**
 * A client update the server held none of is stored and relayed as received (sync-server/collab/live-doc.ts
 * applyReceived): the relayed message is the client's own frame and the stored row its own bytes, with no second
 * encoding of the same changes by Yjs; deletions only of records already deleted store and relay nothing; and if
 * anything changed the document inside the apply without being captured, the apply reports failure (the caller
 * reloads the document) instead of storing less than the document holds. Presence a client renews is relayed as
 * its own frame too when every entry in it changed something. Real SQLite file through the real
 * SqliteDocumentStorage, real Y.Doc, in-memory peers. The policy's side of the decision (`allNew`) is in
 * tests/unit/update-policy.test.ts; the whole path through sockets in collab-sync, collab-integrity and collab-crash.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../../sync-server/db/open';
import type { LiveDoc } from '../../sync-server/collab/live-doc';
import { decodeClientFrame, encodeAwareness, encodeUpdate, type ReceivedAwarenessEntry } from '../../sync-server/collab/protocol';
import { recordingPeer, staffLiveDoc, STAFF_DOC_NAME, type RecordingPeer } from '../support/staff-live-doc';

const NAME = STAFF_DOC_NAME;
let dir: string;
let db: Db;
let logged: string[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-live-doc-received-'));
  db = openDatabase(path.join(dir, 'interq.sqlite'));
  logged = [];
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type TestPeer = RecordingPeer;
const peer = recordingPeer;
const liveDoc = (): LiveDoc => staffLiveDoc(db, (msg) => logged.push(msg));

/** A live document with two connected peers, `a` (the writer in each case) and `b` (who receives the relays). */
function liveDocWithTwoPeers(): { live: LiveDoc; a: TestPeer; b: TestPeer } {
  const live = liveDoc();
  const [a, b] = [peer(), peer()];
  live.addPeer(a);
  live.addPeer(b);
  return { live, a, b };
}

const rows = () => (db.prepare('SELECT update_data FROM yjs_updates WHERE doc = ? ORDER BY seq').all(NAME) as Array<{ update_data: Buffer }>).map((r) => new Uint8Array(r.update_data));
const structsOf = (update: Uint8Array) => Y.decodeUpdate(update).structs.length;

/** What a client sends after `change`, given what it held before. */
function clientUpdate(client: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change();
  return Y.encodeStateAsUpdate(client, before);
}

describe('a client update the server held none of', () => {
  it('is relayed as the very frame the client sent and stored as its own bytes', () => {
    const { live, a, b } = liveDocWithTwoPeers();
    const [aBefore, bBefore] = [a.sent.length, b.sent.length];
    const client = new Y.Doc();
    const update = clientUpdate(client, () => client.getArray('chat').push([{ text: 'Strong start', by: 'Ivy' }]));
    const frame = encodeUpdate(update);

    expect(live.applyClientUpdate(a, update, [], { structs: structsOf(update), relayable: frame })).toBe(true);

    // Stored (commitNow: in this call), then relayed to the other peer as the same object, not a re-encoded copy.
    expect(rows()).toEqual([update]);
    expect(b.sent.slice(bBefore)).toHaveLength(1);
    expect(b.sent[bBefore]).toBe(frame);
    expect(a.sent.length).toBe(aBefore);
    expect(live.doc.getArray('chat').toJSON()).toEqual([{ text: 'Strong start', by: 'Ivy' }]);
  });

  it('without a frame to reuse (sync step 2) is stored as received and relayed as an update message', () => {
    const { live, a, b } = liveDocWithTwoPeers();
    const bBefore = b.sent.length;
    const client = new Y.Doc();
    const update = clientUpdate(client, () => client.getMap('ratings').set('q1', { value: 4, by: 'Ivy' }));

    expect(live.applyClientUpdate(a, update, [], { structs: structsOf(update), relayable: null })).toBe(true);

    expect(rows()).toEqual([update]);
    expect(b.sent.slice(bBefore)).toEqual([encodeUpdate(update)]);
  });

  it('stores and relays nothing when it only deletes records already deleted', () => {
    const { live, a, b } = liveDocWithTwoPeers();
    const client = new Y.Doc();
    const insert = clientUpdate(client, () => client.getArray('chat').push(['one']));
    expect(live.applyClientUpdate(a, insert, [], { structs: 1, relayable: encodeUpdate(insert) })).toBe(true);
    const deletion = clientUpdate(client, () => client.getArray('chat').delete(0, 1));
    expect(live.applyClientUpdate(a, deletion, [], { structs: 0, relayable: encodeUpdate(deletion) })).toBe(true);
    expect(rows()).toHaveLength(2);
    const bBefore = b.sent.length;

    // The same deletion again (a resend): the document does not change, so nothing is stored or relayed.
    expect(live.applyClientUpdate(a, deletion, [], { structs: 0, relayable: encodeUpdate(deletion) })).toBe(true);
    expect(rows()).toHaveLength(2);
    expect(b.sent.length).toBe(bBefore);
    expect(live.doc.getArray('chat').length).toBe(0);
  });

  it('reports failure, storing nothing, if something else changed the document inside the apply', () => {
    const { live, a, b } = liveDocWithTwoPeers();
    const bBefore = b.sent.length;
    // No server code observes documents today; one that edited in response would have its edit uncaptured here.
    live.doc.getArray('chat').observe(() => live.doc.getMap('ratings').set('seen', true));
    const client = new Y.Doc();
    const update = clientUpdate(client, () => client.getArray('chat').push(['hello']));

    expect(live.applyClientUpdate(a, update, [], { structs: 1, relayable: encodeUpdate(update) })).toBe(false);

    expect(rows()).toEqual([]);
    expect(b.sent.length).toBe(bBefore);
    expect(logged).toContain('A document changed during a client update without being captured; reloading it');
  });

  it('is integrated from the structs decoded for the policy when given them (no second decode): same row, relay and document', () => {
    const { live, a, b } = liveDocWithTwoPeers();
    const bBefore = b.sent.length;
    const client = new Y.Doc();
    const first = clientUpdate(client, () => client.getArray('chat').push([{ text: 'one', by: 'Ivy' }]));
    const update = clientUpdate(client, () => client.getArray('chat').insert(0, [{ text: 'zero', by: 'Ivy' }]));
    for (const u of [first, update]) {
      const decoded = Y.decodeUpdate(u);
      expect(live.applyClientUpdate(a, u, [], { structs: decoded.structs.length, relayable: encodeUpdate(u), decoded })).toBe(true);
      // The decoded item itself is now the document's: Yjs did not read the bytes again.
      const held = live.doc.store.clients.get(client.clientID)!;
      expect(held.includes(decoded.structs[0] as Y.Item)).toBe(true);
    }
    expect(rows()).toEqual([first, update]);
    expect(b.sent.slice(bBefore)).toEqual([encodeUpdate(first), encodeUpdate(update)]);
    expect(live.doc.getArray('chat').toJSON()).toEqual(client.getArray('chat').toJSON());

    // One with deletions goes through the bytes, with the same outcome.
    const replaced = clientUpdate(client, () => client.getArray('chat').delete(0, 1));
    const decoded = Y.decodeUpdate(replaced);
    expect(live.applyClientUpdate(a, replaced, [], { structs: 0, relayable: encodeUpdate(replaced), decoded })).toBe(true);
    expect(rows()).toHaveLength(3);
    expect(live.doc.getArray('chat').toJSON()).toEqual([{ text: 'one', by: 'Ivy' }]);
  });

  it('reports failure from the decoded structs too, storing nothing, if something else changed the document inside the apply', () => {
    const { live, a, b } = liveDocWithTwoPeers();
    const bBefore = b.sent.length;
    live.doc.getArray('chat').observe(() => live.doc.getMap('ratings').set('seen', true));
    const client = new Y.Doc();
    const update = clientUpdate(client, () => client.getArray('chat').push(['hello']));
    const decoded = Y.decodeUpdate(update);

    expect(live.applyClientUpdate(a, update, [], { structs: 1, relayable: encodeUpdate(update), decoded })).toBe(false);

    expect(rows()).toEqual([]);
    expect(b.sent.length).toBe(bBefore);
  });

  it("leaves the document's listener sets as they are (none made per update), and still stores a server-side edit made between", () => {
    const { live, a, b } = liveDocWithTwoPeers();
    // lib0's listeners by event name: a Set that lost its last listener is dropped and a new one made on the next `on`.
    // Made per client update, each lived until the document's next update (seconds) and was promoted by the GC.
    const observers = (live.doc as unknown as { _observers: Map<string, Set<unknown>> })._observers;
    const client = new Y.Doc();
    const send = (i: number) => {
      const u = clientUpdate(client, () => client.getArray('chat').push([`message ${i}`]));
      const decoded = Y.decodeUpdate(u);
      expect(live.applyClientUpdate(a, u, [], { structs: decoded.structs.length, relayable: encodeUpdate(u), decoded })).toBe(true);
    };
    send(0);
    const sets = new Map(observers);
    for (let i = 1; i <= 5; i++) {
      send(i);
      expect([...observers.keys()]).toEqual([...sets.keys()]);
      for (const [name, set] of observers) expect(set, name).toBe(sets.get(name));
    }

    // A server-side edit (openDoc users) is stored and relayed as before: the 'update' listener is back for it.
    const bBefore = b.sent.length;
    live.doc.getMap('ratings').set('q1', { value: 4, by: 'Ivy' });
    expect(rows()).toHaveLength(7);
    expect(b.sent.length).toBe(bBefore + 1);
    const check = new Y.Doc();
    for (const row of rows()) Y.applyUpdate(check, row);
    expect(check.getMap('ratings').toJSON()).toEqual({ q1: { value: 4, by: 'Ivy' } });

    // The next client updates go without it again, stored and relayed as received.
    send(6);
    const after = new Map(observers);
    send(7);
    for (const [name, set] of observers) expect(set, name).toBe(after.get(name));
    expect(rows()).toHaveLength(9);
    expect(live.doc.getArray('chat').length).toBe(8);
  });

  it('leaves updates that re-send held records to Yjs: only what changed is stored', () => {
    const { live, a, b } = liveDocWithTwoPeers();
    const client = new Y.Doc();
    const first = clientUpdate(client, () => client.getArray('chat').push(['one']));
    expect(live.applyClientUpdate(a, first, [], { structs: 1, relayable: encodeUpdate(first) })).toBe(true);
    client.getArray('chat').push(['two']);
    const everything = Y.encodeStateAsUpdate(client);

    // The policy says not all new (update-policy.ts `allNew`), so the connection passes no `received`.
    expect(live.applyClientUpdate(a, everything, [])).toBe(true);

    const stored = rows();
    expect(stored).toHaveLength(2);
    expect(stored[1]).not.toEqual(everything);
    const check = new Y.Doc();
    Y.applyUpdate(check, stored[0]!);
    Y.applyUpdate(check, stored[1]!);
    expect(check.getArray('chat').toJSON()).toEqual(['one', 'two']);
    expect(structsOf(stored[1]!)).toBe(1);
  });
});

describe('presence from a client', () => {
  /** A client's presence frame as decoded by the connection: its entries and the frame kept for relaying. */
  function presenceFrame(entries: Array<{ clientId: number; clock: number; state: Record<string, unknown> | null }>) {
    const frame = encodeAwareness(entries.map((e) => ({ clientId: e.clientId, clock: e.clock, json: JSON.stringify(e.state), isNull: e.state === null })));
    const decoded = decodeClientFrame(frame);
    if (!decoded.ok || decoded.frame.type !== 'awareness') throw new Error('not a presence frame');
    return { frame, entries: decoded.frame.entries as ReceivedAwarenessEntry[], relayable: decoded.frame.relayable };
  }

  it('is relayed to everyone as the very frame the client sent when every entry changed something', () => {
    const { live, a, b } = liveDocWithTwoPeers();
    const [aBefore, bBefore] = [a.sent.length, b.sent.length];
    const first = presenceFrame([{ clientId: 11, clock: 1, state: { user: { name: 'Ivy', role: 'guest' } } }]);
    expect(first.relayable).toBe(first.frame);

    live.applyAwareness(a, first.entries, () => true, first.relayable);
    // A renewal: the same state at the next clock, as y-protocols sends every 15 s.
    const renewal = presenceFrame([{ clientId: 11, clock: 2, state: { user: { name: 'Ivy', role: 'guest' } } }]);
    live.applyAwareness(a, renewal.entries, () => true, renewal.relayable);

    // The sender too (its keep-alive watchdog counts on the echo); the same objects, not re-encoded copies.
    for (const [p, before] of [[a, aBefore], [b, bBefore]] as const) {
      expect(p.sent.slice(before)).toHaveLength(2);
      expect(p.sent[before]).toBe(first.frame);
      expect(p.sent[before + 1]).toBe(renewal.frame);
    }
    expect(live.awareness.current()).toEqual([{ clientId: 11, clock: 2, json: JSON.stringify({ user: { name: 'Ivy', role: 'guest' } }), isNull: false }]);
  });

  it('is encoded anew, with only what changed, when an entry in the frame changes nothing', () => {
    const { live, a, b } = liveDocWithTwoPeers();
    const ivy = { user: { name: 'Ivy', role: 'guest' } };
    const first = presenceFrame([{ clientId: 11, clock: 5, state: ivy }]);
    live.applyAwareness(a, first.entries, () => true, first.relayable);
    const bBefore = b.sent.length;

    // Client 11 at a clock the server already holds (ignored) beside a new client 12.
    const mixed = presenceFrame([
      { clientId: 11, clock: 5, state: ivy },
      { clientId: 12, clock: 1, state: { cursor: { line: 3 } } },
    ]);
    live.applyAwareness(a, mixed.entries, () => true, mixed.relayable);

    expect(b.sent.slice(bBefore)).toEqual([encodeAwareness([mixed.entries[1]!])]);
    expect(b.sent[bBefore]).not.toBe(mixed.frame);
  });
});
