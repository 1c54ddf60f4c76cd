/**
 * Failover with real processes (issue #16, "Bad input and faults"): PostgreSQL and nginx from Debian, three InterQ
 * nodes started as `npm start` does (sync-server/main.ts with DATABASE_URL), stock y-websocket clients through
 * nginx, each outcome asserted exactly:
 * - SIGKILL of an owner in the middle of a live interview: every update a peer had received (the server relays only
 *   what it stored, so that is what "acknowledged" means) is in PostgreSQL; every client of the dead node's
 *   interviews is synced through another node within a bound; the time is measured and printed.
 * - A paused owner (SIGSTOP past its lease, then SIGCONT): another node took the interview; the paused node steps
 *   down (4307) when its renewal finds the new epoch or its write is refused for the old one (any refusal it logs
 *   names exactly those epochs), and its client's change made during the pause reaches the new owner.
 * - Two proxies with different node lists send one interview to two nodes: the lease decides, the loser redirects
 *   (421 + X-Accel-Redirect, followed by nginx), and that loser runs with a wall clock 10 minutes ahead, which
 *   does not make it think the owner's lease expired.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres';
import { startClusterProcess, type ClusterProcess } from '../support/cluster-processes';
import { startNginx, type NginxProcess } from '../support/nginx-process';
import { connectClient, waitFor, type YwsClient } from '../support/yws-client';
import { mintToken } from '../../sync-server/auth/tokens';
import { PostgresDocumentStorage } from '../../sync-server/storage/postgres/postgres-document-storage';
import { LeaseStore } from '../../sync-server/cluster/lease-store';
import { CLOSE } from '../../sync-server/collab/close-codes';
import { REPO_ROOT } from '../support/server-process';
import path from 'node:path';

const LEASE_MS = 2_000;
const unavailable = postgresUnavailable();
const secret = randomBytes(32);
let pgCluster: TestPostgres;
let databaseUrl: string;
let inspector: PostgresDocumentStorage;
const nodes: ClusterProcess[] = [];
const proxies: NginxProcess[] = [];
const clients: YwsClient[] = [];

beforeAll(async () => {
  if (unavailable) return;
  pgCluster = await startPostgres();
  databaseUrl = await pgCluster.database();
  inspector = await PostgresDocumentStorage.open({ connectionString: databaseUrl, log: () => undefined });
  // One after another: three tsx starts at once take minutes on a busy 2-core machine.
  for (const nodeId of ['node-1', 'node-2', 'node-3']) {
    nodes.push(
      await startClusterProcess({
        databaseUrl,
        secret,
        nodeId,
        leaseMs: LEASE_MS,
        // node-3's wall clock is 10 minutes ahead (two-proxies case); leases never read it.
        ...(nodeId === 'node-3'
          ? { env: { NODE_OPTIONS: `--import ${path.join(REPO_ROOT, 'tests/support/skewed-clock.mjs')}`, INTERQ_TEST_CLOCK_SKEW_MS: String(10 * 60_000) } }
          : {}),
      }),
    );
  }
}, 600_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const p of proxies) await p.stop();
  for (const n of nodes) {
    // A paused node cannot stop: wake it first.
    n.server.child.kill('SIGCONT');
    await n.server.stop();
  }
  await inspector?.close();
  await pgCluster?.stop();
});

const hostToken = (iid: string) => mintToken(secret, { role: 'host', iid, sub: 'host', ttlSec: 3600 });
const leases = () => new LeaseStore(inspector.pool);

function client(proxy: NginxProcess | string, doc: string): YwsClient {
  const url = typeof proxy === 'string' ? proxy : `ws://127.0.0.1:${proxy.port}/sync`;
  const c = connectClient(url, doc, hostToken(doc.split('.')[0]!));
  clients.push(c);
  return c;
}

const chat = (c: YwsClient) => c.doc.getArray<string>('chat').toArray();
const say = (c: YwsClient, item: string) => c.doc.getArray<string>('chat').push([item]);
const storedChat = async (doc: string) => (await inspector.load(doc)).doc.getArray<string>('chat').toArray();
const nodeById = (id: string) => nodes.find((n) => n.nodeId === id)!;

describe.skipIf(unavailable)('cluster failover with real processes', () => {
  it('SIGKILL of an owner mid-interview: nothing acknowledged is lost, every client is back on another node within a bound', async () => {
    const proxy = await startNginx(nodes.map((n) => n.address), { maxFails: 1, failTimeout: '30s' });
    proxies.push(proxy);
    // 9 interviews, 2 writers each, spread over the three nodes by the ring.
    const interviews = Array.from({ length: 9 }, (_, i) => `kill-${i + 1}`);
    const pairs = interviews.map((iid) => [client(proxy, `${iid}.staff`), client(proxy, `${iid}.staff`)] as const);
    await Promise.all(pairs.flat().map((c) => c.synced()));
    // Live writing: every writer adds an item every 40 ms until the kill.
    let writing = true;
    let counter = 0;
    const writer = setInterval(() => {
      if (!writing) return;
      counter++;
      pairs.forEach(([a, b], i) => {
        say(a, `i${i}-a-${counter}`);
        say(b, `i${i}-b-${counter}`);
      });
    }, 40);
    await waitFor(() => counter >= 25, 'some live writing');
    // The victim: the node owning the most of these interviews.
    const owners = await Promise.all(interviews.map(async (iid) => (await leases().holder(iid))!.owner));
    const counts = new Map<string, number>();
    for (const o of owners) counts.set(o, (counts.get(o) ?? 0) + 1);
    const victimId = [...counts].sort((x, y) => y[1] - x[1])[0]![0];
    const victim = nodeById(victimId);
    const moved = interviews.map((iid, i) => ({ iid, i })).filter(({ i }) => owners[i] === victimId);
    expect(moved.length).toBeGreaterThan(0);

    await victim.server.kill();
    const killedAt = Date.now();
    writing = false;
    clearInterval(writer);
    // Acknowledged = what a peer received (relayed only after it was stored), read at the moment of the kill.
    const acknowledged = pairs.map(([a, b], i) => ({
      byA: chat(b).filter((x) => x.startsWith(`i${i}-a-`)),
      byB: chat(a).filter((x) => x.startsWith(`i${i}-b-`)),
    }));
    // Before any client reconnects anywhere: PostgreSQL holds every acknowledged update of the dead node's interviews.
    for (const { iid, i } of moved) {
      const stored = new Set(await storedChat(`${iid}.staff`));
      const missing = [...acknowledged[i]!.byA, ...acknowledged[i]!.byB].filter((x) => !stored.has(x));
      expect(missing, `acknowledged updates of ${iid} missing from PostgreSQL`).toEqual([]);
      expect(acknowledged[i]!.byA.length + acknowledged[i]!.byB.length).toBeGreaterThan(0);
    }

    // Every client of the moved interviews writes a probe; failover for it ends when its peer has the probe.
    const backAt = new Map<string, number>();
    for (const { iid, i } of moved) {
      const [a, b] = pairs[i]!;
      say(a, `probe-${iid}-a`);
      say(b, `probe-${iid}-b`);
    }
    await waitFor(
      () => {
        for (const { iid, i } of moved) {
          const [a, b] = pairs[i]!;
          if (!backAt.has(`${iid}-a`) && chat(b).includes(`probe-${iid}-a`)) backAt.set(`${iid}-a`, Date.now() - killedAt);
          if (!backAt.has(`${iid}-b`) && chat(a).includes(`probe-${iid}-b`)) backAt.set(`${iid}-b`, Date.now() - killedAt);
        }
        return backAt.size === moved.length * 2;
      },
      'every client of the killed node to sync through another node',
      60_000,
    );
    const times = [...backAt.values()].sort((x, y) => x - y);
    console.log(
      `SIGKILL failover (lease ${LEASE_MS} ms): ${moved.length} interviews, ${times.length} clients resynced on other nodes; ` +
        `p50 ${times[Math.floor(times.length / 2)]} ms, max ${times[times.length - 1]} ms after the kill`,
    );
    // The bound: a lease length for the dead node's leases to run out, plus the clients' backoff (at most 500 ms
    // here) and a generous margin for the shared machine. A correctness bound, not a speed target (bench:cluster).
    expect(times[times.length - 1]!).toBeLessThan(LEASE_MS + 20_000);
    for (const { iid } of moved) {
      const h = (await leases().holder(iid))!;
      expect(h.owner).not.toBe(victimId);
      expect(h.epoch).toBe(2);
    }
    // Nothing written before the kill is missing anywhere: PostgreSQL and both clients agree.
    for (const { iid, i } of moved) {
      const [a, b] = pairs[i]!;
      await waitFor(() => chat(a).length === chat(b).length, `${iid}'s clients to agree`);
      expect(new Set(await storedChat(`${iid}.staff`))).toEqual(new Set(chat(a)));
    }
    await victim.restart();
  }, 240_000);

  it('a paused owner (SIGSTOP past its lease, SIGCONT) steps down, its stale write (if it gets one out) is refused by the epoch, nothing is lost', async () => {
    const proxy = await startNginx(nodes.map((n) => n.address), { maxFails: 1, failTimeout: '30s' });
    proxies.push(proxy);
    const iid = 'pause-1';
    const guest = client(proxy, `${iid}.staff`);
    await guest.synced();
    say(guest, 'before the pause');
    const deadline = Date.now() + 10_000;
    while (!(await storedChat(`${iid}.staff`)).includes('before the pause')) {
      if (Date.now() > deadline) throw new Error('not stored');
      await new Promise((r) => setTimeout(r, 50));
    }
    const first = (await leases().holder(iid))!;
    const paused = nodeById(first.owner);
    const other = nodes.find((n) => n !== paused && n.server.child.exitCode === null)!;

    paused.server.child.kill('SIGSTOP');
    try {
      // The guest's change goes into the paused node's socket buffer: nobody stores or relays it.
      say(guest, 'written during the pause');
      // Past the lease by the database's clock, another node takes the interview when asked for it.
      await new Promise((r) => setTimeout(r, LEASE_MS + 500));
      const staff = client(`ws://${other.address}/sync`, `${iid}.staff`);
      await staff.synced();
      expect(chat(staff)).toEqual(['before the pause']);
      expect(await leases().holder(iid)).toMatchObject({ owner: other.nodeId, epoch: first.epoch + 1 });
      say(staff, 'from the new owner');
      const before = paused.server.output().length;
      paused.server.child.kill('SIGCONT');

      // The paused node wakes and steps down: its first renewal finds the new epoch, or its write of the guest's
      // change under the old epoch is refused (which comes first depends on scheduling; in the runs here the
      // renewal did, and the write was never stored under epoch 1: the final state below has no duplicate and
      // collab-ownership.test.ts proves the refusal of such a write deterministically).
      await waitFor(() => guest.closes.some((c) => c.code === CLOSE.movedToAnotherNode), 'the paused node to close the guest with 4307', 20_000);
      const woke = paused.server.output().slice(before);
      expect(woke).toMatch(new RegExp(`Stepped down from an interview interview=${iid} reason=(write-refused|taken-over)`));
      // If it did write, the write was refused by the epoch, never stored.
      const refusals = woke.match(/Document write refused: this node no longer owns the interview doc=\S+ epoch=(\d+) current=(\d+)/g) ?? [];
      for (const line of refusals) expect(line).toContain(`epoch=${first.epoch} current=${first.epoch + 1}`);
      // The guest comes back through nginx (redirected by the old owner to the new one); nothing is lost.
      await waitFor(() => chat(staff).includes('written during the pause') && chat(guest).includes('from the new owner'), 'both changes on both sides', 20_000);
      expect(new Set(await storedChat(`${iid}.staff`))).toEqual(new Set(['before the pause', 'written during the pause', 'from the new owner']));
      expect(await leases().holder(iid)).toMatchObject({ owner: other.nodeId, epoch: first.epoch + 1 });
    } finally {
      paused.server.child.kill('SIGCONT');
    }
  }, 120_000);

  it('two proxies with different node lists: the lease decides, the loser (its clock 10 minutes ahead) redirects', async () => {
    const [n1, n2, n3] = nodes;
    const proxyA = await startNginx([n1!.address, n2!.address]);
    const proxyB = await startNginx([n3!.address]);
    proxies.push(proxyA, proxyB);
    const iid = 'two-proxies-1';
    const viaA = client(proxyA, `${iid}.staff`);
    await viaA.synced();
    say(viaA, 'through proxy A');
    const holder = (await leases().holder(iid))!;
    expect([n1!.nodeId, n2!.nodeId]).toContain(holder.owner);
    // Proxy B knows only node-3, which does not own the interview: it answers 421, nginx follows it to the owner.
    const viaB = client(proxyB, `${iid}.staff`);
    await viaB.synced();
    await waitFor(() => chat(viaB).includes('through proxy A'), 'proxy B\'s client to get the owner\'s state');
    say(viaB, 'through proxy B');
    await waitFor(() => chat(viaA).includes('through proxy B'), 'proxy A\'s client to get proxy B\'s change');
    // Still the first owner at the first epoch: node-3 neither took nor disturbed the lease.
    expect(await leases().holder(iid)).toMatchObject({ owner: holder.owner, epoch: holder.epoch });
    expect(new Set(await storedChat(`${iid}.staff`))).toEqual(new Set(['through proxy A', 'through proxy B']));
  }, 120_000);
});
