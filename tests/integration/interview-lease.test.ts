/**
 * One owner per interview (issue #16 item 2), on a real PostgreSQL on loopback: the lease is taken in one
 * statement and only when free, expired or already this node's; expiry is the database's clock; a write carrying a
 * stale epoch is refused in its own transaction; a takeover waits for a write in flight and then sees it; a node
 * that cannot renew for a lease length, or finds another epoch, steps down.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { postgresUnavailable, type TestPostgres } from '../support/postgres';
import { sharedPostgres } from '../support/run-postgres';
import { LeaseStore } from '../../sync-server/cluster/lease-store';
import { InterviewOwnership, NotOwnerError, type LostReason } from '../../sync-server/cluster/interview-ownership';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { StaleEpochError } from '../../sync-server/storage/document-storage';
import { waitFor } from '../support/yws-client';

const unavailable = postgresUnavailable();
let cluster: TestPostgres;
const opened: PostgresDocumentStorage[] = [];
const owners: InterviewOwnership[] = [];
const quiet = () => undefined;

beforeAll(async () => {
  if (!unavailable) cluster = await sharedPostgres();
}, 60_000);

afterAll(async () => {
  for (const o of owners) o.stop();
  for (const s of opened) await s.close().catch(() => undefined);
  await cluster?.stop();
});

async function freshStore(): Promise<PostgresDocumentStorage> {
  const storage = await PostgresDocumentStorage.open({ connectionString: await cluster.database(), log: quiet });
  opened.push(storage);
  return storage;
}

function node(storage: PostgresDocumentStorage, nodeId: string, leaseMs: number, lost: Array<[string, LostReason]> = []): InterviewOwnership {
  const o = new InterviewOwnership({ leases: new LeaseStore(storage.pool), nodeId, nodeAddress: `127.0.0.1:${1000 + owners.length}`, leaseMs, log: quiet });
  o.onLost((iid, reason) => lost.push([iid, reason]));
  owners.push(o);
  return o;
}

function chatUpdate(base: Y.Doc, item: string): Uint8Array {
  const before = Y.encodeStateVector(base);
  base.getArray<string>('chat').push([item]);
  return Y.encodeStateAsUpdate(base, before);
}
const chatOf = (doc: Y.Doc) => doc.getArray<string>('chat').toArray();

describe.skipIf(unavailable)('interview leases on PostgreSQL', () => {
  it('gives a free interview to the first node; another node is refused and told who holds it', async () => {
    const storage = await freshStore();
    const leases = new LeaseStore(storage.pool);
    expect(await leases.acquire('iv-1', 'node-a', '10.0.0.1:8080', 60_000)).toEqual({ acquired: true, epoch: 1 });
    const refused = await leases.acquire('iv-1', 'node-b', '10.0.0.2:8080', 60_000);
    expect(refused.acquired).toBe(false);
    if (refused.acquired) throw new Error('unreachable');
    expect(refused.holder).toMatchObject({ owner: 'node-a', ownerAddress: '10.0.0.1:8080', epoch: 1 });
    expect(refused.holder!.remainingMs).toBeGreaterThan(50_000);
    // The holder taking it again (a restart) is a new epoch: whatever its earlier life had in flight is fenced off.
    expect(await leases.acquire('iv-1', 'node-a', '10.0.0.1:8080', 60_000)).toEqual({ acquired: true, epoch: 2 });
    // Another interview is independent.
    expect(await leases.acquire('iv-2', 'node-b', '10.0.0.2:8080', 60_000)).toEqual({ acquired: true, epoch: 1 });
  });

  it('lets another node take an expired lease, judged by the database clock, and refuses the old epoch', async () => {
    const storage = await freshStore();
    const leases = new LeaseStore(storage.pool);
    expect(await leases.acquire('iv-1', 'node-a', 'a:1', 60_000)).toEqual({ acquired: true, epoch: 1 });
    // Expire it by the database's clock (what a dead node's lease becomes after its length).
    await storage.pool.query(`UPDATE interview_leases SET expires_at = clock_timestamp() - interval '1 millisecond'`);
    expect(await leases.acquire('iv-1', 'node-b', 'b:1', 60_000)).toEqual({ acquired: true, epoch: 2 });
    // node-a's renewal at epoch 1 finds nothing to renew: it must step down.
    expect(await leases.renew('node-a', new Map([['iv-1', 1]]), 60_000)).toEqual(new Set());
    expect(await leases.renew('node-b', new Map([['iv-1', 2]]), 60_000)).toEqual(new Set(['iv-1']));

    const src = new Y.Doc();
    const err = await storage.commit('iv-1.staff', [chatUpdate(src, 'stale')], [{ client: src.clientID, owner: 'host:h' }], Date.now(), 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleEpochError);
    expect(err).toMatchObject({ interviewId: 'iv-1', epoch: 1, currentEpoch: 2 });
    // Nothing of the refused write is stored, claims included.
    const afterRefusal = await storage.load('iv-1.staff');
    expect(chatOf(afterRefusal.doc)).toEqual([]);
    expect(afterRefusal.owners.size).toBe(0);
    const src2 = new Y.Doc();
    await storage.commit('iv-1.staff', [chatUpdate(src2, 'current')], [], Date.now(), 2);
    expect(chatOf((await storage.load('iv-1.staff')).doc)).toEqual(['current']);
    // A write for an interview nobody leased is refused too (a node must claim before it writes).
    await expect(storage.commit('iv-9.staff', [chatUpdate(new Y.Doc(), 'x')], [], Date.now(), 1)).rejects.toBeInstanceOf(StaleEpochError);
  });

  it('makes a takeover wait for a write in flight under the old epoch, so the new owner reads it', async () => {
    const url = await cluster.database();
    const storage = await PostgresDocumentStorage.open({ connectionString: url, log: quiet });
    opened.push(storage);
    const leases = new LeaseStore(storage.pool);
    await leases.acquire('iv-1', 'node-a', 'a:1', 60_000);
    await storage.pool.query(`UPDATE interview_leases SET expires_at = clock_timestamp() - interval '1 millisecond'`);
    // node-a's write is in flight: its transaction checked epoch 1 (FOR SHARE) and has not committed yet.
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      const check = await writer.query<{ epoch: string }>('SELECT epoch FROM interview_leases WHERE interview = $1 FOR SHARE', ['iv-1']);
      expect(Number(check.rows[0]!.epoch)).toBe(1);
      const src = new Y.Doc();
      await writer.query('INSERT INTO yjs_updates (doc, update_data, created_at) VALUES ($1, $2, $3)', ['iv-1.staff', Buffer.from(chatUpdate(src, 'in flight')), Date.now()]);
      let takenAt: number | null = null;
      const takeover = leases.acquire('iv-1', 'node-b', 'b:1', 60_000).then((r) => {
        takenAt = Date.now();
        return r;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(takenAt).toBeNull();
      const committedAt = Date.now();
      await writer.query('COMMIT');
      expect(await takeover).toEqual({ acquired: true, epoch: 2 });
      expect(takenAt!).toBeGreaterThanOrEqual(committedAt);
      // The new owner loads after taking the lease: the old owner's acknowledged write is there.
      expect(chatOf((await storage.load('iv-1.staff')).doc)).toEqual(['in flight']);
    } finally {
      await writer.end();
    }
  });

  it('InterviewOwnership: claims once per interview, refuses a live lease of another node with its holder, releases on idle', async () => {
    const storage = await freshStore();
    const a = node(storage, 'node-a', 5_000);
    const b = node(storage, 'node-b', 5_000);
    const [e1, e2] = await Promise.all([a.claim('iv-1'), a.claim('iv-1')]);
    expect(e1).toBe(1);
    expect(e2).toBe(1);
    const refused = await b.claim('iv-1').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(NotOwnerError);
    expect((refused as NotOwnerError).holder).toMatchObject({ owner: 'node-a', epoch: 1, ownerAddress: a.nodeAddress });
    // Released (nothing of it loaded on node-a any more): node-b takes it at once, at the next epoch. onReleased is
    // told once the lease is free in the database (a synthesis stream ended then reconnects to a node that can take it).
    const released: Array<[string, number | null]> = [];
    a.onReleased((iid) => void b.claim(iid).then((epoch) => released.push([iid, epoch]), () => released.push([iid, null])));
    await a.release('iv-1');
    await a.release('iv-1');
    expect(a.epochOf('iv-1')).toBeNull();
    await waitFor(() => released.length === 1, 'node-a told of its release');
    expect(released).toEqual([['iv-1', 2]]);
    expect(await b.claim('iv-1')).toBe(2);
  });

  it('InterviewOwnership: tells onTaken of each lease it takes, once, with its epoch; not of a claim refused or already held', async () => {
    const storage = await freshStore();
    const a = node(storage, 'node-a', 5_000);
    const b = node(storage, 'node-b', 5_000);
    const takenA: Array<[string, number]> = [];
    const takenB: Array<[string, number]> = [];
    // The listener may claim again at once: the lease is recorded before it is told.
    a.onTaken((iid, epoch) => void a.claim(iid).then((again) => takenA.push([iid, again === epoch ? epoch : -1])));
    b.onTaken((iid, epoch) => takenB.push([iid, epoch]));
    await Promise.all([a.claim('iv-1'), a.claim('iv-1')]);
    await a.claim('iv-1');
    await b.claim('iv-1').catch(() => undefined);
    await waitFor(() => takenA.length === 1, 'node-a told of its lease');
    expect(takenA).toEqual([['iv-1', 1]]);
    expect(takenB).toEqual([]);
    // A takeover (node-a let it go): node-b is told, with the next epoch.
    await a.release('iv-1');
    await b.claim('iv-1');
    expect(takenB).toEqual([['iv-1', 2]]);
  });

  it('InterviewOwnership: renews in the background; steps down when another node took the lease over', async () => {
    const storage = await freshStore();
    const lost: Array<[string, LostReason]> = [];
    const a = node(storage, 'node-a', 1_500, lost);
    expect(await a.claim('iv-1')).toBe(1);
    // Three lease lengths later it is still held: renewed every half second.
    await new Promise((r) => setTimeout(r, 4_500));
    expect(a.epochOf('iv-1')).toBe(1);
    const leases = new LeaseStore(storage.pool);
    expect((await leases.holder('iv-1'))!.remainingMs).toBeGreaterThan(0);
    // Someone else got it (as after node-a was paused past its lease).
    await storage.pool.query(`UPDATE interview_leases SET owner = 'node-b', epoch = epoch + 1 WHERE interview = 'iv-1'`);
    await waitFor(() => lost.length > 0, 'node-a to notice the takeover', 10_000);
    expect(lost).toEqual([['iv-1', 'taken-over']]);
    expect(a.epochOf('iv-1')).toBeNull();
  });

  it('InterviewOwnership: a write refused for its epoch makes the node step down', async () => {
    const storage = await freshStore();
    const lost: Array<[string, LostReason]> = [];
    const a = node(storage, 'node-a', 60_000, lost);
    const epoch = await a.claim('iv-1');
    a.writeRefused('iv-1', epoch + 5); // a refusal of some other epoch is not ours
    expect(lost).toEqual([]);
    a.writeRefused('iv-1', epoch);
    expect(lost).toEqual([['iv-1', 'write-refused']]);
  });

  it('InterviewOwnership: without the database for a whole lease length, the node stops trusting its lease', async () => {
    const url = await cluster.database();
    const storage = await PostgresDocumentStorage.open({ connectionString: url, log: quiet });
    const lost: Array<[string, LostReason]> = [];
    const a = node(storage, 'node-a', 1_500, lost);
    expect(await a.claim('iv-1')).toBe(1);
    // The node's connections to the database are gone (network cut): every renewal fails.
    await storage.close();
    await waitFor(() => lost.length > 0, 'node-a to give up the lease', 10_000);
    expect(lost).toEqual([['iv-1', 'renewal-failed']]);
  });
});
