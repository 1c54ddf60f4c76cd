/**
 * bench:sync's lighter load-generator client (scripts/bench-sync/raw-client.ts) against the real collab server on
 * SQLite, beside a stock y-websocket client: the server must accept its handshake, updates and presence exactly as
 * a stock client's (it refuses anything else), so the benchmark's traffic and its loss check mean what they did
 * with stock providers.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { collabResources } from '../support/collab-resources';
import { waitFor } from '../support/yws-client';
import { RawSyncConnection, PresenceRenewals } from '../../scripts/bench-sync/raw-client';

const IID = 'bench-raw-1';
const STAFF = `${IID}.staff`;
const resources = collabResources();

describe('the raw protocol client of bench:sync', () => {
  it('syncs, writes and reads through the real server, and its presence reaches a stock client as y-protocols encodes it', async () => {
    const h = await resources.start();
    const fatal: string[] = [];
    const opened: RawSyncConnection[] = [];
    const open = (role: 'host' | 'interviewer', doc: Y.Doc) => {
      const c = new RawSyncConnection({
        url: h.syncUrl,
        docName: STAFF,
        token: h.mint(role, IID, { sub: `${IID}/${role}` }),
        doc,
        presence: { user: { name: `${IID}/${role}`, role } },
        onFatal: (m) => fatal.push(m),
      });
      opened.push(c);
      return c;
    };
    try {
      const stock = resources.client(h, STAFF, h.mint('moderator', IID));
      await stock.synced();
      stock.doc.getArray<string>('chat').push(['before the raw clients']);

      const hostDoc = new Y.Doc();
      const readerDoc = new Y.Doc();
      const host = open('host', hostDoc);
      const reader = open('interviewer', readerDoc);
      await Promise.all([host.synced, reader.synced]);
      // The server's sync step 2 answered their sync step 1: what was there before they came.
      await waitFor(() => readerDoc.getArray('chat').length === 1 && hostDoc.getArray('chat').length === 1, 'history synced');

      host.write(() => hostDoc.getArray<{ s: string; k: number }>('chat').push([{ s: 'host', k: 1 }]));
      host.write(() => hostDoc.getArray<{ s: string; k: number }>('reactions').push([{ s: 'host', k: 1 }]));
      await waitFor(() => readerDoc.getArray('reactions').length === 1 && stock.doc.getArray('reactions').length === 1, 'raw writes relayed');
      expect(readerDoc.getArray('chat').toJSON()).toEqual(['before the raw clients', { s: 'host', k: 1 }]);
      expect(stock.doc.getArray('chat').toJSON()).toEqual(['before the raw clients', { s: 'host', k: 1 }]);

      // And stored: the server stores before it relays.
      const stored = (await h.storage.load(STAFF)).doc;
      expect(stored.getArray('chat').length).toBe(2);
      expect(stored.getArray('reactions').length).toBe(1);

      // The writer's presence is relayed to the stock client, decoded by y-protocols' Awareness.
      await waitFor(() => stock.provider.awareness.getStates().has(hostDoc.clientID), 'raw presence relayed');
      expect(stock.provider.awareness.getStates().get(hostDoc.clientID)).toEqual({ user: { name: `${IID}/host`, role: 'host' } });

      // A renewal carries a higher clock (y-protocols drops a presence whose clock did not grow).
      const before = stock.provider.awareness.meta.get(hostDoc.clientID)!.clock;
      host.sendPresence();
      await waitFor(() => stock.provider.awareness.meta.get(hostDoc.clientID)!.clock > before, 'renewed presence relayed');

      // Leaving as a provider does: the stock client sees the presence go.
      host.destroy();
      await waitFor(() => !stock.provider.awareness.getStates().has(hostDoc.clientID), 'presence removed on leave');
      expect(host.reconnects + reader.reconnects).toBe(0);
      expect(fatal).toEqual([]);
      expect(h.logs.filter((l) => l.level !== 'info')).toEqual([]);
    } finally {
      for (const c of opened) c.destroy();
    }
  });

  it("counts the server's WebSocket pings, which ws answers by itself (bench:sync prints them per server)", async () => {
    const h = await resources.start({ limits: { pingIntervalMs: 300 } });
    let pings = 0;
    const c = new RawSyncConnection({
      url: h.syncUrl,
      docName: STAFF,
      token: h.mint('host', IID),
      doc: new Y.Doc(),
      presence: { user: { name: 'host', role: 'host' } },
      onPing: () => pings++,
      onFatal: () => undefined,
    });
    try {
      await c.synced;
      // Silent after its handshake, so the server pings it; a connection that missed a pong would be dropped.
      await waitFor(() => pings >= 2, 'two pings counted');
      expect(c.reconnects).toBe(0);
    } finally {
      c.destroy();
    }
  });

  it('renews presence only when it is old (15 s and a quarter, less half a tick), from one timer for every connection, looking only at those due', async () => {
    const h = await resources.start();
    // The renewals' clock, moved forward instead of waiting 15 s.
    let ahead = 0;
    const renewals = new PresenceRenewals(10, () => performance.now() + ahead);
    const open = (role: 'host' | 'interviewer') =>
      new RawSyncConnection({
        url: h.syncUrl,
        docName: STAFF,
        token: h.mint(role, IID),
        doc: new Y.Doc(),
        presence: { user: { name: role, role } },
        onFatal: () => undefined,
      });
    const a = open('host');
    const b = open('interviewer');
    const sent = { a: 0, b: 0 };
    for (const [c, key] of [[a, 'a'], [b, 'b']] as const) {
      const send = c.sendPresence.bind(c);
      c.sendPresence = (state?: string) => {
        sent[key]++;
        send(state);
      };
    }
    try {
      renewals.add(a);
      renewals.add(b);
      await Promise.all([a.synced, b.synced]);
      await waitFor(() => sent.a === 1 && sent.b === 1, "the handshakes' presence");
      await new Promise((r) => setTimeout(r, 100));
      expect(sent).toEqual({ a: 1, b: 1 }); // nothing is 15 s old yet: ten ticks renewed nothing
      // b answers a presence query 10 s later: its next renewal is due 15.25 s after that, not after its handshake.
      ahead = 10_000;
      const bSentAt = b.presenceSentAt!;
      b.sendPresence();
      expect(b.presenceSentAt).toBeGreaterThan(bSentAt);
      ahead = 16_000;
      await waitFor(() => sent.a === 2, "a's old presence renewed");
      await new Promise((r) => setTimeout(r, 100));
      expect(sent).toEqual({ a: 2, b: 2 }); // b's handshake is 16 s old, but its last send only 6 s
      ahead = 10_000 + 15_300;
      await waitFor(() => sent.b === 3, "b's presence renewed 15 s after its last send");
      await new Promise((r) => setTimeout(r, 100));
      expect(sent).toEqual({ a: 2, b: 3 }); // a's renewal is 9.3 s old: not due yet, and renewed once, not every tick
    } finally {
      renewals.stop();
      a.destroy();
      b.destroy();
    }
  });
});
