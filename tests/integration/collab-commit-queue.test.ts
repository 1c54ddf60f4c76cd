/**
 * The per-document commit queue over an asynchronous store (PostgreSQL): a sync step 2 answer carries document
 * state, so it waits until the changes applied before the question are stored — and only those. It used to wait
 * until the queue was empty, which under a steady stream of writes never happens on PostgreSQL (every batch is a
 * round trip, and the next batch has queued meanwhile): a client's sync and every acknowledgement then waited as
 * long as the writers kept writing (collab-crash.test.ts's SIGKILL case stalled for 60 s that way).
 *
 * The stream is made exact with real PostgreSQL table locks instead of timing: a lock held by the test keeps a write
 * in flight, a second lock queued behind it catches the next one, so "a later write is still in flight when the
 * earlier one commits" is the situation every time. SQLite commits inside the call (the queue never holds
 * anything across a turn), so there is nothing to wait for there and the case runs on PostgreSQL only.
 */
import { describe, expect, it as itBase } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { collabResources } from '../support/collab-resources';
import { storageBackends } from '../support/storage-backends';
import { waitFor } from '../support/yws-client';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../src/domain/sync-messages';

const IID = 'acme-frontend-1';
const STAFF = `${IID}.staff`;

const resources = collabResources();
const postgres = storageBackends().find((b) => b.name === 'postgres')!;
const it = postgres.skip ? itBase.skip : itBase;

function syncFrame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  write(e);
  return encoding.toUint8Array(e);
}

function queryAwarenessFrame(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS);
  return encoding.toUint8Array(e);
}

/** A frame the server sent: its message type, and for sync messages the sync type and its payload. */
function parse(frame: Uint8Array): { message: number; sync?: number; payload?: Uint8Array } {
  const d = decoding.createDecoder(frame);
  const message = decoding.readVarUint(d);
  if (message !== MESSAGE_SYNC) return { message };
  const sync = decoding.readVarUint(d);
  return { message, sync, payload: decoding.readVarUint8Array(d) };
}

/** Changes relayed to a raw socket, applied to a fresh document: what it has been told. */
function relayed(received: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const f of received.map(parse)) if (f.sync === syncProtocol.messageYjsUpdate) Y.applyUpdate(doc, f.payload!);
  return doc;
}

/** Backends waiting on a lock in this database (the collab server's commits, the test's second lock). */
async function lockWaiters(admin: pg.Client): Promise<number> {
  const res = await admin.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
  );
  return res.rows[0]!.n;
}

describe('commit queue on PostgreSQL under a steady stream of writes', () => {
  it('answers a sync step 1 once the changes applied before it are stored, while a later one is still in flight', async () => {
    const { url } = await postgres.open();
    const h = await resources.start({ databaseUrl: url });
    const clients: pg.Client[] = [];
    const connect = async (): Promise<pg.Client> => {
      const c = new pg.Client({ connectionString: url! });
      await c.connect();
      clients.push(c);
      return c;
    };
    try {
      const [admin, first, second] = [await connect(), await connect(), await connect()];
      // Two raw writers: the host writes u1, the moderator asks (sync step 1) and then writes u2 on the same socket,
      // so the server handles the question before u2.
      const host = await resources.raw(h, STAFF, h.mint('host', IID));
      const moderator = await resources.raw(h, STAFF, h.mint('moderator', IID));
      const hostDoc = new Y.Doc();
      const moderatorDoc = new Y.Doc();
      // The document exists in storage (the table is there and the load is done) before the locks go on.
      hostDoc.getArray<string>('chat').push(['u0']);
      host.ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(hostDoc))));
      await waitFor(() => relayed(moderator.received).getArray('chat').length === 1, 'u0 stored and relayed');

      // 1. Every insert into yjs_updates now waits: u1's commit stays in flight.
      await first.query('BEGIN');
      await first.query('LOCK TABLE yjs_updates IN EXCLUSIVE MODE');
      const sv = Y.encodeStateVector(hostDoc);
      hostDoc.getArray<string>('chat').push(['u1']);
      host.ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(hostDoc, sv))));
      await waitFor(async () => (await lockWaiters(admin)) === 1, "u1's commit waits on the lock");

      // 2. The moderator asks for the state (u0 and u1 applied, u1 unstored), then writes u2, then asks for presence:
      //    the presence answer comes synchronously, so once it is here the server has queued u2 behind u1.
      const questionAt = moderator.received.length;
      moderator.ws.send(syncFrame((e) => syncProtocol.writeSyncStep1(e, moderatorDoc)));
      moderatorDoc.getArray<string>('reactions').push(['u2']);
      moderator.ws.send(syncFrame((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(moderatorDoc))));
      moderator.ws.send(queryAwarenessFrame());
      await waitFor(() => moderator.received.slice(questionAt).some((f) => parse(f).message === MESSAGE_AWARENESS), 'presence answered');
      const answers = () => moderator.received.slice(questionAt).map(parse).filter((f) => f.sync === syncProtocol.messageYjsSyncStep2);
      expect(answers()).toEqual([]); // u1 is not stored yet

      // 3. A second lock queues behind u1's insert: once u1 commits it is granted, and u2's commit waits on it.
      const secondLock = (async () => {
        await second.query('BEGIN');
        await second.query('LOCK TABLE yjs_updates IN EXCLUSIVE MODE');
      })();
      await waitFor(async () => (await lockWaiters(admin)) === 2, 'the second lock queued behind u1');
      await first.query('COMMIT');
      await secondLock;
      await waitFor(async () => (await lockWaiters(admin)) === 1, "u2's commit waits on the second lock");

      // u1 is stored, u2 is in flight: the answer is due now, and holds u0 and u1 but not the unstored u2.
      await waitFor(() => answers().length === 1, 'the sync step 2 answer, while u2 is still being written');
      const answered = new Y.Doc();
      Y.applyUpdate(answered, answers()[0]!.payload!);
      expect(answered.getArray<string>('chat').toArray()).toEqual(['u0', 'u1']);
      expect(answered.getArray<string>('reactions').toArray()).toEqual([]);
      const storedRows = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM yjs_updates');
      expect(storedRows.rows[0]!.n).toBe(2); // u0 and u1: u2 still waits
      expect(relayed(host.received).getArray('reactions').length).toBe(0);

      // 4. The second lock goes: u2 is stored and relayed.
      await second.query('COMMIT');
      await waitFor(() => relayed(host.received).getArray<string>('reactions').toArray().join() === 'u2', 'u2 stored and relayed');
      const all = await h.storage.load(STAFF);
      expect(all.doc.getArray<string>('chat').toArray()).toEqual(['u0', 'u1']);
      expect(all.doc.getArray<string>('reactions').toArray()).toEqual(['u2']);
    } finally {
      for (const c of clients) await c.end().catch(() => undefined);
    }
  }, 60_000);
});
