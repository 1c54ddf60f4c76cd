/**
 * One owner per interview at the sync endpoint (issue #16 items 2-3): real collab servers on real ports sharing a
 * real PostgreSQL, stock y-websocket clients, and Debian's nginx rendered from deploy/nginx/interq.conf.template.
 * - A node asked for an interview another live node owns answers 421 and names the owner; nginx follows its
 *   X-Accel-Redirect, so a client whose proxy picked the wrong node still syncs with the owner.
 * - A write carrying a stale epoch (the owner was judged expired and another node took over) is refused by
 *   PostgreSQL; the old owner steps down, closes its sockets with 4307, and the client's unacknowledged change
 *   reaches the new owner through the proxy: nothing is lost, nothing is written under the old epoch.
 * - Drain releases the leases: the next node takes the interview at once, not after the lease's length.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { postgresUnavailable, type TestPostgres } from '../support/postgres';
import { sharedPostgres } from '../support/run-postgres';
import { startClusterTestNode, type TestClusterNode } from '../support/cluster-node';
import { startNginx, type NginxProcess } from '../support/nginx-process';
import { connectClient, docUrl, waitFor, type YwsClient } from '../support/yws-client';
import { mintToken } from '../../sync-server/auth/tokens';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { LeaseStore } from '../../sync-server/cluster/lease-store';
import { CLOSE } from '../../sync-server/collab/close-codes';

const unavailable = postgresUnavailable();
const secret = randomBytes(32);
let pgCluster: TestPostgres;
const nodes: TestClusterNode[] = [];
const proxies: NginxProcess[] = [];
const clients: YwsClient[] = [];
const stores: PostgresDocumentStorage[] = [];

beforeAll(async () => {
  if (!unavailable) pgCluster = await sharedPostgres();
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const p of proxies) await p.stop();
  for (const n of nodes) await n.stop().catch(() => undefined);
  for (const s of stores) await s.close().catch(() => undefined);
  await pgCluster?.stop();
});

const hostToken = (iid: string) => mintToken(secret, { role: 'host', iid, sub: 'host', ttlSec: 3600 });

async function node(databaseUrl: string, nodeId: string, leaseMs: number, idleUnloadMs?: number): Promise<TestClusterNode> {
  const n = await startClusterTestNode({ databaseUrl, secret, nodeId, leaseMs, ...(idleUnloadMs ? { collab: { persistence: { idleUnloadMs } } } : {}) });
  nodes.push(n);
  return n;
}

async function proxy(...through: TestClusterNode[]): Promise<NginxProcess> {
  const p = await startNginx(through.map((n) => `127.0.0.1:${n.port}`));
  proxies.push(p);
  return p;
}

function client(syncUrl: string, doc: string, token: string): YwsClient {
  const c = connectClient(syncUrl, doc, token);
  clients.push(c);
  return c;
}

async function inspect(databaseUrl: string): Promise<PostgresDocumentStorage> {
  const s = await PostgresDocumentStorage.open({ connectionString: databaseUrl, log: () => undefined });
  stores.push(s);
  return s;
}

/** Polls PostgreSQL until the document's chat holds `item`. */
async function waitForStored(storage: PostgresDocumentStorage, doc: string, item: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await storage.load(doc)).doc.getArray<string>('chat').toArray().includes(item)) {
    if (Date.now() > deadline) throw new Error(`"${item}" was not stored in ${doc}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const chat = (c: YwsClient) => c.doc.getArray<string>('chat').toArray();

/** A WebSocket upgrade sent by hand, to read the refusal's status and headers. */
function upgradeHeaders(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url.replace(/^ws/, 'http'), {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, headers: res.headers });
    });
    req.on('error', reject);
  });
}

describe.skipIf(unavailable)('one owner per interview at the sync endpoint', () => {
  it('a node that does not own the interview answers 421 naming the owner; through nginx the client syncs with the owner', async () => {
    const url = await pgCluster.database();
    const a = await node(url, 'node-a', 30_000);
    const b = await node(url, 'node-b', 30_000);
    const iid = 'own-redirect-1';
    const onA = client(a.syncUrl, `${iid}.staff`, hostToken(iid));
    await onA.synced();
    onA.doc.getArray<string>('chat').push(['written on a']);

    const refused = await upgradeHeaders(docUrl(b.syncUrl, `${iid}.staff`, hostToken(iid)));
    expect(refused.status).toBe(421);
    expect(refused.headers['x-interq-owner']).toBe('node-a');
    expect(String(refused.headers['x-accel-redirect'])).toMatch(new RegExp(`^/_interq_owner/127\\.0\\.0\\.1:${a.port}/sync/${iid}\\.staff\\?token=`));
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    // A proxy that knows only node-b: node-b refuses, nginx follows the redirect to node-a.
    const viaB = await proxy(b);
    const throughProxy = client(`ws://127.0.0.1:${viaB.port}/sync`, `${iid}.staff`, hostToken(iid));
    await throughProxy.synced();
    await waitFor(() => chat(throughProxy).includes('written on a'), 'the proxied client to get node-a\'s state');
    throughProxy.doc.getArray<string>('chat').push(['written through b\'s proxy']);
    await waitFor(() => chat(onA).includes('written through b\'s proxy'), 'node-a\'s client to get the proxied change');
    // node-b never loaded the document; node-a still holds the lease at its first epoch.
    expect(b.collab.stats().docs).toBe(0);
    const holder = await new LeaseStore((await inspect(url)).pool).holder(iid);
    expect(holder).toMatchObject({ owner: 'node-a', epoch: 1 });
  });

  it('an owner judged expired has its next write refused by the epoch, steps down, and the change reaches the new owner', async () => {
    const url = await pgCluster.database();
    // node-a renews only every 20 s: its lease is expired by hand below, as the database sees a paused node's.
    const a = await node(url, 'node-a', 60_000);
    const b = await node(url, 'node-b', 60_000);
    const iid = 'own-fence-1';
    // The client's proxy lists node-a only (the ring's choice); after the takeover node-a redirects it to node-b.
    const viaA = await proxy(a);
    const guest = client(`ws://127.0.0.1:${viaA.port}/sync`, `${iid}.staff`, hostToken(iid));
    await guest.synced();
    guest.doc.getArray<string>('chat').push(['before']);
    const inspector = await inspect(url);
    await waitForStored(inspector, `${iid}.staff`, 'before');

    await inspector.pool.query(`UPDATE interview_leases SET expires_at = clock_timestamp() WHERE interview = $1`, [iid]);
    const other = client(b.syncUrl, `${iid}.staff`, hostToken(iid));
    await other.synced();
    await waitFor(() => chat(other).includes('before'), 'node-b to load what node-a stored');
    expect(await new LeaseStore(inspector.pool).holder(iid)).toMatchObject({ owner: 'node-b', epoch: 2 });

    // node-a still believes it owns the interview: the guest's next change is written there with epoch 1.
    guest.doc.getArray<string>('chat').push(['late']);
    await waitFor(() => guest.closes.some((c) => c.code === CLOSE.movedToAnotherNode), 'node-a to step down and close the socket with 4307');
    const refusal = a.logs.find((l) => l.msg.startsWith('Document write refused'));
    expect(refusal?.fields).toMatchObject({ doc: `${iid}.staff`, epoch: 1, current: 2 });
    expect(a.logs.some((l) => l.msg.startsWith('Stepped down') && l.fields?.reason === 'write-refused')).toBe(true);
    expect(a.collab.stats()).toMatchObject({ docs: 0 });

    // The client reconnects through its proxy: node-a redirects it to node-b, and the unacknowledged change lands there.
    await waitFor(() => chat(other).includes('late'), 'the change refused on node-a to reach node-b', 20_000);
    const stored = (await inspector.load(`${iid}.staff`)).doc.getArray<string>('chat').toArray();
    expect(stored).toEqual(['before', 'late']);
  });

  it('a draining node releases its leases: the next node takes the interview at once, at the next epoch', async () => {
    const url = await pgCluster.database();
    const a = await node(url, 'node-a', 60_000);
    const b = await node(url, 'node-b', 60_000);
    const iid = 'own-drain-1';
    const first = client(a.syncUrl, `${iid}.staff`, hostToken(iid));
    await first.synced();
    first.doc.getArray<string>('chat').push(['kept']);
    await waitForStored(await inspect(url), `${iid}.staff`, 'kept');
    await a.stop();
    expect(first.closes.some((c) => c.code === CLOSE.goingAway)).toBe(true);
    // With a 60 s lease, only the release lets node-b in now.
    const second = client(b.syncUrl, `${iid}.staff`, hostToken(iid));
    await second.synced();
    expect(chat(second)).toEqual(['kept']);
    const holder = await new LeaseStore((await inspect(url)).pool).holder(iid);
    expect(holder).toMatchObject({ owner: 'node-b', epoch: 2 });
  });

  it('an HTTP request takes the lease of an interview nobody owns, keeps it while it runs and a little after, then gives it back', async () => {
    const url = await pgCluster.database();
    const a = await node(url, 'node-a', 60_000, 1_000);
    const b = await node(url, 'node-b', 60_000, 1_000);
    const leases = new LeaseStore((await inspect(url)).pool);
    const iid = 'own-http-1';
    const first = await a.collab.holdInterview(iid);
    expect(first.epoch).toBe(1);
    expect(await leases.holder(iid)).toMatchObject({ owner: 'node-a', epoch: 1 });
    // A second request on the owner keeps the same lease; on the other node it is refused, naming the owner.
    const again = await a.collab.holdInterview(iid);
    await expect(b.collab.holdInterview(iid)).rejects.toMatchObject({ name: 'NotOwnerError', holder: { owner: 'node-a', ownerAddress: `127.0.0.1:${a.port}` } });
    // A document loaded and unloaded meanwhile does not give the lease back while a request runs.
    const staff = client(a.syncUrl, `${iid}.staff`, hostToken(iid));
    await staff.synced();
    staff.destroy();
    await waitFor(() => a.collab.stats().docs === 0, 'node-a to unload the idle document');
    expect((await leases.holder(iid))!.remainingMs).toBeGreaterThan(30_000);
    first.done();
    again.done();
    // Once nothing of the interview is loaded or requested for the idle time, the lease is released (60 s lease).
    await waitFor(async () => (await leases.holder(iid))!.remainingMs <= 0, 'node-a to release the lease', 15_000);
    const onB = await b.collab.holdInterview(iid);
    expect(onB.epoch).toBe(2);
    expect(await leases.holder(iid)).toMatchObject({ owner: 'node-b', epoch: 2 });
    onB.done();
  });
});
