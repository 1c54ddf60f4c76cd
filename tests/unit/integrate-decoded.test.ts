/**
 * integrateDecoded (sync-server/collab/integrate-decoded.ts): integrating a client update from the structs decoded
 * for the write policy gives exactly what Y.applyUpdate gives (the same document, the same 'update' event, one
 * remote transaction with the caller's origin), and anything but the plain case is declined with the document
 * untouched, so the caller applies the bytes as before.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { integrateDecoded } from '../../sync-server/collab/integrate-decoded';

/** What a client sends: everything `doc` holds that `since` (a state vector) lacks. */
const diff = (doc: Y.Doc, since: Uint8Array) => Y.encodeStateAsUpdate(doc, since);

/** Applies `update` to a copy of `server` both ways; returns both copies and what each emitted. */
function bothWays(server: Y.Doc, update: Uint8Array) {
  const copy = () => {
    const d = new Y.Doc({ gc: true });
    Y.applyUpdate(d, Y.encodeStateAsUpdate(server));
    return d;
  };
  const viaBytes = copy();
  const viaDecoded = copy();
  const events = { bytes: [] as Uint8Array[], decoded: [] as Uint8Array[], decodedTr: [] as Array<{ origin: unknown; local: boolean }> };
  const onBytes = (u: Uint8Array) => events.bytes.push(u);
  const onDecoded = (u: Uint8Array) => events.decoded.push(u);
  const onTransaction = (tr: Y.Transaction) => events.decodedTr.push({ origin: tr.origin, local: tr.local });
  viaBytes.on('update', onBytes);
  viaDecoded.on('update', onDecoded);
  viaDecoded.on('afterTransaction', onTransaction);
  const origin = { peer: 'p' };
  Y.applyUpdate(viaBytes, update, origin);
  const integrated = integrateDecoded(viaDecoded, Y.decodeUpdate(update), origin);
  // Only what the two applies did (reading a type later may run a transaction of its own).
  viaBytes.off('update', onBytes);
  viaDecoded.off('update', onDecoded);
  viaDecoded.off('afterTransaction', onTransaction);
  return { viaBytes, viaDecoded, integrated, events, origin };
}

function expectSame(a: Y.Doc, b: Y.Doc) {
  expect(Y.encodeStateAsUpdate(b)).toEqual(Y.encodeStateAsUpdate(a));
  expect(b.getArray('chat').toJSON()).toEqual(a.getArray('chat').toJSON());
  expect(b.getMap('ratings').toJSON()).toEqual(a.getMap('ratings').toJSON());
}

function expectDeclinedUntouched(server: Y.Doc, update: Uint8Array) {
  const before = Y.encodeStateAsUpdate(server);
  let transactions = 0;
  server.on('afterTransaction', () => transactions++);
  expect(integrateDecoded(server, Y.decodeUpdate(update), null)).toBe(false);
  expect(transactions).toBe(0);
  expect(Y.encodeStateAsUpdate(server)).toEqual(before);
}

describe('integrateDecoded', () => {
  it('integrates records appended by one client exactly as Y.applyUpdate does, in one remote transaction', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getArray('chat').push([{ text: 'first' }]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const sv = Y.encodeStateVector(client);
    client.getArray('chat').push([{ text: 'second', by: 'Ivy' }, { text: 'third' }]);
    client.getArray('chat').insert(0, [{ text: 'zeroth' }]);
    client.getMap('ratings').set('q1', { score: 3 });
    const r = bothWays(server, diff(client, sv));
    expect(r.integrated).toBe(true);
    expectSame(r.viaBytes, r.viaDecoded);
    expect(r.viaDecoded.getArray('chat').toJSON()).toEqual([{ text: 'zeroth' }, { text: 'first' }, { text: 'second', by: 'Ivy' }, { text: 'third' }]);
    expect(r.events.decoded).toEqual(r.events.bytes);
    expect(r.events.decodedTr).toEqual([{ origin: r.origin, local: false }]);
  });

  it('integrates into a new top-level type and an empty document', () => {
    const client = new Y.Doc();
    client.getArray('chat').push([1, 2, 3]);
    client.getMap('ratings').set('a', 1);
    const r = bothWays(new Y.Doc(), Y.encodeStateAsUpdate(client));
    expect(r.integrated).toBe(true);
    expectSame(r.viaBytes, r.viaDecoded);
  });

  it('gives the same document as Y.applyUpdate when concurrent writers insert at the same places', () => {
    const server = new Y.Doc();
    const viaBytes = new Y.Doc();
    const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    // What a provider sends: each local transaction's update (not a state diff, which carries every deletion known).
    const outbox = new Map<Y.Doc, Uint8Array[]>(writers.map((w) => [w, []]));
    for (const w of writers) w.on('update', (u: Uint8Array, _o: unknown, _d: Y.Doc, tr: Y.Transaction) => tr.local && outbox.get(w)!.push(u));
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let integrated = 0;
    let total = 0;
    for (let round = 0; round < 40; round++) {
      // Each writer edits its own copy without seeing the others' edits of this round, then sends them.
      const sent: Uint8Array[] = [];
      for (const w of writers) {
        const chat = w.getArray('chat');
        for (let i = 0, n = 1 + random(3); i < n; i++) chat.insert(random(chat.length + 1), [{ round, by: w.clientID, i }]);
        if (random(3) === 0) w.getMap('ratings').set(`q${random(3)}`, round);
        if (random(5) === 0 && chat.length > 0) chat.delete(random(chat.length), 1);
        sent.push(...outbox.get(w)!.splice(0));
      }
      for (const u of sent) {
        total++;
        Y.applyUpdate(viaBytes, u);
        if (integrateDecoded(server, Y.decodeUpdate(u), null)) integrated++;
        else Y.applyUpdate(server, u);
      }
      for (const w of writers) Y.applyUpdate(w, Y.encodeStateAsUpdate(server, Y.encodeStateVector(w)));
    }
    expectSame(viaBytes, server);
    // Most were plain inserts; map overwrites and list deletions (deletions) went through the bytes.
    expect(integrated).toBeGreaterThan(total / 2);
    expect(integrated).toBeLessThan(total);
  });

  it('declines, touching nothing, an update with deletions', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getMap('ratings').set('q1', 1);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    const sv = Y.encodeStateVector(client);
    client.getMap('ratings').set('q1', 2);
    expectDeclinedUntouched(server, diff(client, sv));
  });

  it('declines an update with a gap in its client\'s clocks, and one that refers to another client\'s struct in the same update', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getArray('chat').push(['a']);
    const sv = Y.encodeStateVector(client);
    client.getArray('chat').push(['b']);
    expectDeclinedUntouched(server, diff(client, sv));

    // Two clients' records in one update, the second inserted after the first's.
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getArray('chat').push(['from a']);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getArray('chat').push(['from b, after a']);
    const both = Y.mergeUpdates([Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b)]);
    expectDeclinedUntouched(new Y.Doc(), both);
    // Y.applyUpdate takes it; so does the caller's fallback.
    const r = bothWays(new Y.Doc(), both);
    expect(r.integrated).toBe(false);
  });

  it('declines while the document holds pending structs, and an update of structs it already holds', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getArray('chat').push(['a']);
    const first = Y.encodeStateAsUpdate(client);
    const sv = Y.encodeStateVector(client);
    client.getArray('chat').push(['b']);
    // Y.applyUpdate keeps an update whose earlier clocks are missing as pending.
    Y.applyUpdate(server, diff(client, sv));
    expect(server.store.pendingStructs).not.toBeNull();
    const other = new Y.Doc();
    other.getArray('chat').push(['other']);
    expectDeclinedUntouched(server, Y.encodeStateAsUpdate(other));

    const held = new Y.Doc();
    Y.applyUpdate(held, first);
    expectDeclinedUntouched(held, first);
  });
});
