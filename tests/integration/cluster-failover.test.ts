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
 * - A node whose wall clock is 10 minutes behind owns an interview: its lease's expiry is PostgreSQL's clock plus the
 *   lease, it keeps the lease over several lease lengths of use, and the other nodes redirect to it.
 * - PostgreSQL restarted (immediate shutdown) under live writing through nginx: no node exits, every update a peer
 *   had received before is still stored, every client reconnects (never a 44xx refusal) and both clients of each
 *   interview and PostgreSQL end with exactly everything written, the outage included.
 * - SIGTERM of a node process (lease 60 s) under live writing: every client gets 1001, every acknowledged update
 *   is stored, the leases are released, so every client is on another node (epoch 2) far sooner than the lease;
 *   nothing written is lost.
 * Every node runs with a wrong wall clock except node-1 (node-2 behind, node-3 ahead).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUnavailable, type TestPostgres } from '../support/postgres';
import { ownPostgres } from '../support/run-postgres';
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
const CLOCK_SKEW_MS: Record<string, number> = { 'node-2': -10 * 60_000, 'node-3': 10 * 60_000 };
const SKEWED_CLOCK = path.join(REPO_ROOT, 'tests/support/skewed-clock.mjs');
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
  // A cluster of its own (the PostgreSQL restart case), copied from the run's initdb template.
  pgCluster = await ownPostgres();
  databaseUrl = await pgCluster.database();
  inspector = await PostgresDocumentStorage.open({ connectionString: databaseUrl, log: () => undefined });
  // One after another: three starts at once took minutes on a busy 2-core machine (under tsx, before the test servers ran from a bundle).
  for (const nodeId of ['node-1', 'node-2', 'node-3']) {
    nodes.push(
      await startClusterProcess({
        databaseUrl,
        secret,
        nodeId,
        leaseMs: LEASE_MS,
        // Wrong wall clocks, which leases never read: node-2's is 10 minutes behind, node-3's 10 minutes ahead.
        ...(nodeId in CLOCK_SKEW_MS ? { env: { NODE_OPTIONS: `--import ${SKEWED_CLOCK}`, INTERQ_TEST_CLOCK_SKEW_MS: String(CLOCK_SKEW_MS[nodeId]) } } : {}),
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

  it("a node whose clock is 10 minutes behind: its lease runs by PostgreSQL's clock, it keeps it, the others redirect to it", async () => {
    const [n1, n2, n3] = nodes;
    const iid = 'clock-behind-1';
    const onBehind = client(`ws://${n2!.address}/sync`, `${iid}.staff`);
    await onBehind.synced();
    say(onBehind, 'on the node behind');
    const taken = (await leases().holder(iid))!;
    expect(taken.owner).toBe('node-2');
    // Expiry is clock_timestamp() + lease: from node-2's own clock it would lie 10 minutes in the past, and any node
    // could take the interview at once.
    expect(taken.remainingMs).toBeGreaterThan(0);
    expect(taken.remainingMs).toBeLessThanOrEqual(LEASE_MS);
    // A proxy without node-2: node-1 and node-3 (10 minutes ahead) redirect to it instead of taking over.
    const proxy = await startNginx([n1!.address, n3!.address]);
    proxies.push(proxy);
    const viaOthers = client(proxy, `${iid}.staff`);
    await viaOthers.synced();
    await waitFor(() => chat(viaOthers).includes('on the node behind'), "the redirected client to get node-2's state");
    // Three lease lengths of use: node-2 renews by the database's clock and nobody takes the interview.
    for (let i = 0; i < 6; i++) {
      say(viaOthers, `through the others ${i}`);
      await new Promise((r) => setTimeout(r, LEASE_MS / 2));
    }
    await waitFor(() => chat(onBehind).includes('through the others 5'), "node-2's client to get every change");
    expect(await leases().holder(iid)).toMatchObject({ owner: 'node-2', epoch: taken.epoch });
    expect(nodes.every((n) => !/Stepped down from an interview interview=clock-behind-1/.test(n.server.output()))).toBe(true);
    expect(new Set(await storedChat(`${iid}.staff`))).toEqual(new Set(chat(onBehind)));
  }, 120_000);

  it('PostgreSQL restarted under load: the nodes wait and retry, nothing acknowledged is lost, every client reconnects and converges', async () => {
    const proxy = await startNginx(nodes.map((n) => n.address));
    proxies.push(proxy);
    const live = liveInterviews(proxy, Array.from({ length: 6 }, (_, i) => `pg-restart-${i + 1}`));
    await live.synced();
    live.start();
    // Live writing until every interview has updates its peers received (acknowledged), whatever the load.
    await waitFor(() => live.count >= 25 && live.acknowledged().every((a) => a.length > 0), 'some acknowledged live writing', 60_000);
    // Acknowledged (a peer received it, so it was stored) before PostgreSQL goes down.
    const acknowledged = live.acknowledged();
    const restartedAt = Date.now();
    await pgCluster.restart();
    const backAfter = Date.now() - restartedAt;
    // The writers keep writing through the outage and for a while after it.
    const atBack = live.count;
    // (A generous bound: under a load of 30+ the writers' own timer fires late.)
    await waitFor(() => live.count >= atBack + 25, 'writing after the restart', 60_000);
    live.stop();

    for (const [i, iid] of live.iids.entries()) {
      const stored = new Set(await storedChatRetrying(`${iid}.staff`));
      expect(acknowledged[i]!.filter((x) => !stored.has(x)), `acknowledged updates of ${iid} lost by the restart`).toEqual([]);
    }
    // Everything either client wrote, during the outage included, reaches the other client and PostgreSQL.
    await live.converged(60_000);
    for (const [i, iid] of live.iids.entries()) {
      const everything = new Set(live.written(i));
      await waitFor(async () => (await storedChat(`${iid}.staff`)).length === everything.size, `PostgreSQL to hold all of ${iid}`, 20_000);
      expect(new Set(await storedChat(`${iid}.staff`))).toEqual(everything);
      expect((await leases().holder(iid))!.remainingMs).toBeGreaterThan(0);
    }
    // "Reconnecting", never refused for good: no client got a 44xx close (the app shows those as an error).
    const refusals = live.clients.flatMap((c) => c.closes).filter((c) => c.code >= 4400 && c.code < 4500);
    expect(refusals).toEqual([]);
    // The nodes rode it out: none exited.
    for (const n of nodes) expect(n.server.child.exitCode, `${n.nodeId} exited`).toBeNull();
    const stepDowns = nodes.map((n) => (n.server.output().match(/Stepped down from an interview interview=pg-restart-\d+ reason=\S+/g) ?? []).length);
    console.log(
      `PostgreSQL restart (immediate shutdown) under ${live.iids.length} live interviews: back after ${backAfter} ms; ` +
        `${live.clients.reduce((n, c) => n + c.closes.length, 0)} socket closes, step-downs per node ${stepDowns.join('/')}`,
    );
  }, 240_000);

  it('SIGTERM drain of a node process: its clients move to another node at once (its lease is 60 s), nothing is lost', async () => {
    // Last in the file: node-1 runs from here with a 60 s lease, so only the drain's release can let others in soon.
    const drained = nodes[0]!;
    await drained.server.stop();
    await drained.restart({ INTERQ_LEASE_MS: '60000' });
    const iids = Array.from({ length: 4 }, (_, i) => `drain-${i + 1}`);
    // The interviews are opened on node-1 first; the writers come through a proxy over all nodes (redirected there).
    const pins = iids.map((iid) => client(`ws://${drained.address}/sync`, `${iid}.staff`));
    await Promise.all(pins.map((c) => c.synced()));
    const proxy = await startNginx(nodes.map((n) => n.address));
    proxies.push(proxy);
    const live = liveInterviews(proxy, iids);
    await live.synced();
    for (const pin of pins) pin.destroy();
    for (const iid of iids) expect(await leases().holder(iid)).toMatchObject({ owner: 'node-1', epoch: 1 });
    live.start();
    // Live writing until every interview has updates its peers received (acknowledged), whatever the load.
    await waitFor(() => live.count >= 25 && live.acknowledged().every((a) => a.length > 0), 'some acknowledged live writing', 60_000);

    // When each client's socket is open again after its 1001: on another node, since a draining node refuses new ones.
    const reconnected = new Map<YwsClient, number>();
    const goneAt = new Map<YwsClient, number>();
    for (const c of live.clients) {
      c.provider.on('connection-close', () => {
        if (!goneAt.has(c)) goneAt.set(c, Date.now());
      });
      c.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'connected' && c.closes.length > 0 && !reconnected.has(c)) reconnected.set(c, Date.now());
      });
    }
    const termAt = Date.now();
    const stopping = drained.server.stop();
    // Every client is told "going away" (1001), not cut off.
    await waitFor(() => live.clients.every((c) => c.closes.some((x) => x.code === CLOSE.goingAway)), 'every client to get 1001', 20_000);
    const acknowledged = live.acknowledged();
    expect(await stopping).toBe(0);
    // Stored before the process exited: every acknowledged update, and the drain released the leases.
    for (const [i, iid] of live.iids.entries()) {
      const stored = new Set(await storedChat(`${iid}.staff`));
      expect(acknowledged[i]!.filter((x) => !stored.has(x)), `acknowledged updates of ${iid} lost by the drain`).toEqual([]);
    }
    // Each client's next write reaches its peer through another node, and every client reconnected there well inside
    // node-1's 60 s lease after its 1001 (a correctness bound: only the release allows it; the time is printed).
    await live.probeEach();
    live.stop();
    await waitFor(() => reconnected.size === live.clients.length, 'every client to reconnect');
    const times = [...reconnected.values()].map((t) => t - termAt).sort((x, y) => x - y);
    const told = Math.max(...goneAt.values()) - termAt;
    // Bounded from the last 1001 (the drain's flush before it slows down with the machine's load, not the release).
    expect(times[times.length - 1]! - told).toBeLessThan(30_000);
    console.log(
      `SIGTERM drain: every client told "going away" ${told} ms after SIGTERM; ${times.length} clients reconnected to other nodes ` +
        `p50 ${times[Math.floor(times.length / 2)]} ms, max ${times[times.length - 1]} ms after SIGTERM`,
    );
    for (const iid of iids) {
      const h = (await leases().holder(iid))!;
      expect(h.owner).not.toBe('node-1');
      expect(h.epoch).toBe(2);
    }
    await live.converged(30_000);
    for (const [i, iid] of live.iids.entries()) {
      const everything = new Set(live.written(i));
      await waitFor(async () => (await storedChat(`${iid}.staff`)).length === everything.size, `PostgreSQL to hold all of ${iid}`, 20_000);
      expect(new Set(await storedChat(`${iid}.staff`))).toEqual(everything);
    }
  }, 300_000);
});

/** PostgreSQL just came back: the inspector's pooled connections were cut, so a first read may fail once. */
async function storedChatRetrying(doc: string): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await storedChat(doc);
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Two writers per interview through `proxy`, each adding an item every 40 ms while started. */
function liveInterviews(proxy: NginxProcess, iids: string[]) {
  const pairs = iids.map((iid) => [client(proxy, `${iid}.staff`), client(proxy, `${iid}.staff`)] as const);
  const mine = (c: YwsClient, prefix: string) => chat(c).filter((x) => x.startsWith(prefix));
  let count = 0;
  let timer: NodeJS.Timeout | null = null;
  return {
    iids,
    clients: pairs.flat(),
    get count() {
      return count;
    },
    synced: () => Promise.all(pairs.flat().map((c) => c.synced())),
    start() {
      timer = setInterval(() => {
        count++;
        pairs.forEach(([a, b], i) => {
          say(a, `${iids[i]}-a-${count}`);
          say(b, `${iids[i]}-b-${count}`);
        });
      }, 40);
    },
    stop() {
      if (timer) clearInterval(timer);
    },
    /** Per interview, what each client received of the other's writes: relayed only once stored. */
    acknowledged: () => pairs.map(([a, b], i) => [...mine(b, `${iids[i]}-a-`), ...mine(a, `${iids[i]}-b-`)]),
    /** Per interview, everything its two clients wrote (each keeps its own writes until the server has them). */
    written: (i: number) => [...mine(pairs[i]![0], `${iids[i]}-a-`), ...mine(pairs[i]![1], `${iids[i]}-b-`)],
    /** Both clients of every interview hold the same items. */
    converged: (timeoutMs: number) =>
      waitFor(() => pairs.every(([a, b]) => chat(a).length === chat(b).length && new Set([...chat(a), ...chat(b)]).size === chat(a).length), 'every pair of clients to agree', timeoutMs),
    /** Every client writes a probe; resolves with the moments each probe reached the peer. */
    async probeEach(): Promise<number[]> {
      const seen = new Map<string, number>();
      pairs.forEach(([a, b], i) => {
        say(a, `${iids[i]}-a-probe`);
        say(b, `${iids[i]}-b-probe`);
      });
      await waitFor(
        () => {
          pairs.forEach(([a, b], i) => {
            if (!seen.has(`${i}a`) && chat(b).includes(`${iids[i]}-a-probe`)) seen.set(`${i}a`, Date.now());
            if (!seen.has(`${i}b`) && chat(a).includes(`${iids[i]}-b-probe`)) seen.set(`${i}b`, Date.now());
          });
          return seen.size === pairs.length * 2;
        },
        'every client to sync through another node',
        60_000,
      );
      return [...seen.values()];
    },
  };
}
