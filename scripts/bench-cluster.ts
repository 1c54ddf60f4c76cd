/**
 * npm run bench:cluster — InterQ nodes in cluster mode behind nginx, sharing one PostgreSQL (issue #16).
 *
 * For each node count (default 1, 2, 3): a fresh PostgreSQL database (tests/support/postgres.ts: Debian's server on
 * loopback, fsync off), that many real InterQ servers (`sync-server/main.ts` as `npm start` runs it, through
 * tests/support/server-process.ts, with DATABASE_URL: documents in PostgreSQL, one owner per interview under a lease,
 * every node's read models following the others' through the rows each owner publishes once a second), Debian's nginx rendered from
 * deploy/nginx/interq.conf.template in front, and S sessions of 3 stock y-websocket clients (2 writing, 1 reading),
 * all connected through nginx and all in this process. Each writer adds an item every --interval ms to the staff
 * document (a kind the dashboard's projection reads, so its owner publishes what it projected to every other node).
 *
 * Reports, per run: updates per second, propagation p50/p99 (sender push -> every other client of the session
 * sees it), the nodes' CPU (all processes together, from /proc) per update and per session, each node's CPU and
 * sessions (from the lease table) and what sharing read models with the other nodes cost it (the projector's counters,
 * /healthz checks.collab.followedFromOtherNodes), PostgreSQL's CPU per update, each node's CPU while idle before the
 * clients connect, and, with 2 nodes or more, a failover: SIGKILL of the node owning most sessions, then the time
 * until every client of its sessions has synced through another node (p50, max) and the acknowledged updates lost
 * (what a peer had received at the kill and PostgreSQL does not hold; must be 0, and every client must be back: the
 * run exits 1 otherwise).
 * With --follow on,off each multi-node count runs twice, the second time with INTERQ_FOLLOW_OTHER_NODES=0 (no node
 * follows, so no node's publisher finds a listener and none writes rows: one cheap statement a second each): the
 * difference in the nodes' CPU is what keeping every node's read models complete costs.
 * Context switches of the nodes (all threads, /proc) per update and per node: whether more nodes at the same update
 * rate wake up more often (voluntary) or fight over the cores (nonvoluntary), for "3 nodes cost more per update than 1".
 * Before the runs, what a NOTIFY per commit would cost (scripts/bench-cluster/notify-cost.ts; commits announce nothing
 * since the owners publish their projected rows instead).
 * This machine has 2 cores shared by the nodes, PostgreSQL, nginx and the clients: read CPU per update and per
 * session (they carry to bigger machines), not the throughput. The load average is printed with the figures.
 *
 * Options: --nodes 1,2,3  --sessions 60  --interval 1000 (ms between a writer's items)  --window 20 (s measured)
 *          --warmup 5 (s)  --lease 3000 (ms)  --follow on,off  --idle 5 (s of idle nodes measured; 0: skip)
 *          --notify-commits 2000 (0: skip)  --json <file>  --profile-nodes <dir> (V8 CPU profiles of the nodes)
 *          --pin-nodes 0,1 (CPU of each node in turn, taskset; default: not pinned)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startPostgres } from '../tests/support/postgres';
import { startNginx } from '../tests/support/nginx-process';
import { dataDirSharingSecret, readSecret, startServer, type ServerProcess } from '../tests/support/server-process';
import { connectClient, type YwsClient } from '../tests/support/yws-client';
import { mintToken } from '../sync-server/auth/tokens';
import { PostgresDocumentStorage } from '../sync-server/storage/postgres/postgres-document-storage';
import type { FollowStats } from '../sync-server/projections/projector';
import { contextSwitches, postmasterPid, processCpuMs, processTreeCpuMs, type ContextSwitches } from './bench-cluster/proc-cpu';
import { measureNotifyCost, type NotifyVariant } from './bench-cluster/notify-cost';
import { arg, refuseUnknownOptions } from './cli-arg';

const NODE_COUNTS = arg('nodes', '1,2,3').split(',').map(Number);
const SESSIONS = Number(arg('sessions', '60'));
const INTERVAL_MS = Number(arg('interval', '1000'));
const WINDOW_S = Number(arg('window', '20'));
const WARMUP_S = Number(arg('warmup', '5'));
const LEASE_MS = Number(arg('lease', '3000'));
const FOLLOW = arg('follow', 'on,off').split(',');
const IDLE_S = Number(arg('idle', '5'));
const NOTIFY_COMMITS = Number(arg('notify-commits', '2000'));
const JSON_OUT = arg('json', '');
/** Folder for V8 CPU profiles of the nodes (--cpu-prof, written when a node stops; a SIGKILLed node writes none). */
const PROFILE_DIR = arg('profile-nodes', '');
/**
 * CPU lists the nodes are pinned to, one per node in turn ("0,1": node 1 on CPU 0, node 2 on CPU 1, node 3 on CPU 0),
 * with `taskset -a` (all threads); empty: not pinned. For "3 nodes cost more per update than 1": pinned nodes do not
 * migrate between cores, so what remains is their own work and their wake-ups.
 */
const PIN_NODES = arg('pin-nodes', '').split(',').filter((c) => c !== '');
refuseUnknownOptions('the comment at the top of scripts/bench-cluster.ts');
const WRITERS = 2;
const CLIENTS_PER_SESSION = 3;
if (FOLLOW.some((f) => f !== 'on' && f !== 'off')) {
  console.error(`--follow ${FOLLOW.join(',')}: use on, off or on,off`);
  process.exit(2);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uptime = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
const pct = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

interface NodeSample {
  cpuMs: number;
  followed: FollowStats | null;
  switches: ContextSwitches;
}

/** One InterQ server as `npm start` runs it (main.ts), in cluster mode on the shared database. */
class Node {
  private constructor(
    readonly server: ServerProcess,
    readonly nodeId: string,
  ) {}

  static async start(nodeId: string, databaseUrl: string, first: Node | null, follow: boolean): Promise<Node> {
    const server = await startServer({
      // Every node of a deployment signs links with the same secret (deploy/README.md).
      ...(first ? { dataDir: dataDirSharingSecret(first.server) } : {}),
      ...(PROFILE_DIR ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${nodeId}-${Date.now()}.cpuprofile`] } : {}),
      env: {
        DATABASE_URL: databaseUrl,
        INTERQ_NODE_ID: nodeId,
        INTERQ_LEASE_MS: String(LEASE_MS),
        ...(follow ? {} : { INTERQ_FOLLOW_OTHER_NODES: '0' }),
      },
    });
    const index = Number(nodeId.replace(/^\D+/, '')) - 1;
    if (PIN_NODES.length > 0) execFileSync('taskset', ['-a', '-p', '-c', PIN_NODES[index % PIN_NODES.length]!, String(server.child.pid)], { stdio: 'ignore' });
    return new Node(server, nodeId);
  }

  get port(): number {
    return this.server.port;
  }

  async sample(): Promise<NodeSample> {
    const cpuMs = processCpuMs(this.server.child.pid!);
    const switches = contextSwitches(this.server.child.pid);
    const health = (await (await fetch(`${this.server.url}/healthz`)).json()) as { checks?: { collab?: { followedFromOtherNodes?: FollowStats } } };
    return { cpuMs, switches, followed: health.checks?.collab?.followedFromOtherNodes ?? null };
  }

  kill(): Promise<void> {
    return this.server.kill();
  }

  async stop(): Promise<void> {
    await this.server.stop();
    fs.rmSync(this.server.dataDir, { recursive: true, force: true });
  }
}

interface Session {
  iid: string;
  clients: YwsClient[];
}

interface NodeResult {
  node: string;
  sessions: number;
  /** % of one core while idle before any client connected. */
  idleCpuPct: number;
  cpuPct: number;
  /** This node's context switches (all threads) per second in the window: voluntary (it waited), nonvoluntary (preempted). */
  switchesPerSec: ContextSwitches;
  /** What sharing read models with the other nodes cost in the window (null when the node reports none). */
  followed: { noticesPerSec: number; appliedPerSec: number; readPerSec: number; publishedPerSec: number; unheardPerSec: number; busyPct: number; applyPct: number } | null;
}

interface RunResult {
  nodes: number;
  follow: boolean;
  sessions: number;
  clients: number;
  updatesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  nodeCpuPct: number;
  cpuUsPerUpdate: number;
  cpuMsPerSessionMin: number;
  pgCpuPct: number;
  pgCpuUsPerUpdate: number;
  /**
   * The nodes' context switches per update, together: voluntary ones are wake-ups (each costs a trip through the
   * kernel and cold caches), nonvoluntary ones are the cores being contended. The "3 nodes cost more per update than 1"
   * question: whether these grow with the node count at the same update rate.
   */
  switchesPerUpdate: ContextSwitches;
  generatorLoopMaxMs: number;
  perNode: NodeResult[];
  failover: { sessionsMoved: number; clients: number; back: number; p50Ms: number; maxMs: number; ackLost: number; ackChecked: number } | null;
  load: string;
}

async function run(nodeCount: number, follow: boolean, databaseUrl: string, postmaster: number | null): Promise<RunResult> {
  const nodes: Node[] = [];
  for (let i = 1; i <= nodeCount; i++) nodes.push(await Node.start(`node-${i}`, databaseUrl, nodes[0] ?? null, follow));
  const secret = readSecret(nodes[0]!.server.dataDir);
  const nginx = await startNginx(
    nodes.map((n) => `127.0.0.1:${n.port}`),
    { maxFails: 1, failTimeout: '30s' },
  );
  const inspector = await PostgresDocumentStorage.open({ connectionString: databaseUrl, log: () => undefined, foldInWorker: false });
  const pgCpu = () => (postmaster ? processTreeCpuMs(postmaster) : NaN);

  // A node's fixed cost: CPU while no client is connected (lease renewals, probes, timers).
  let idle: NodeSample[] = [];
  if (IDLE_S > 0) {
    await sleep(1000);
    const i0 = await Promise.all(nodes.map((n) => n.sample()));
    await sleep(IDLE_S * 1000);
    idle = (await Promise.all(nodes.map((n) => n.sample()))).map((s, i) => ({ cpuMs: s.cpuMs - i0[i]!.cpuMs, followed: null, switches: s.switches }));
  }

  const syncUrl = `ws://127.0.0.1:${nginx.port}/sync`;
  const sessions: Session[] = [];
  const latencies: number[] = [];
  let measuring = false;
  let sent = 0;
  for (let s = 0; s < SESSIONS; s++) {
    const iid = `bench-${nodeCount}n${follow ? '' : '-nf'}-${s + 1}`;
    const token = mintToken(secret, { role: 'host', iid, sub: 'host', ttlSec: 3600 });
    const clients = Array.from({ length: CLIENTS_PER_SESSION }, () => connectClient(syncUrl, `${iid}.staff`, token, { maxBackoffTime: 500 }));
    for (const c of clients) {
      // Items are "<sender>|<sent at, ms on this process's monotonic clock>|…": every other client measures on arrival.
      c.doc.getArray<string>('chat').observe((e) => {
        if (!measuring || e.transaction.local) return;
        const now = performance.now();
        e.changes.delta.forEach((d) => {
          for (const item of (d.insert as string[] | undefined) ?? []) {
            const at = Number(item.split('|')[1]);
            if (Number.isFinite(at)) latencies.push(now - at);
          }
        });
      });
    }
    sessions.push({ iid, clients });
  }
  await Promise.all(sessions.flatMap((s) => s.clients.map((c) => c.synced())));
  const loop = monitorEventLoopDelay({ resolution: 5 });
  // Writers start spread over one interval so the load is even.
  let seq = 0;
  const timers: NodeJS.Timeout[] = [];
  sessions.forEach((s, si) => {
    for (let w = 0; w < WRITERS; w++) {
      const writer = s.clients[w]!;
      const start = setTimeout(() => {
        timers.push(
          setInterval(() => {
            writer.doc.getArray<string>('chat').push([`${si}.${w}|${performance.now()}|${++seq}`]);
            if (measuring) sent++;
          }, INTERVAL_MS),
        );
      }, Math.random() * INTERVAL_MS);
      timers.push(start);
    }
  });
  await sleep(WARMUP_S * 1000);
  const before = await Promise.all(nodes.map((n) => n.sample()));
  const pg0 = pgCpu();
  loop.enable();
  measuring = true;
  const t0 = performance.now();
  await sleep(WINDOW_S * 1000);
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  loop.disable();
  const after = await Promise.all(nodes.map((n) => n.sample()));
  const pgMs = pgCpu() - pg0;
  const owners = await inspector.pool.query<{ owner: string; n: string }>('SELECT owner, count(*) AS n FROM interview_leases WHERE expires_at > clock_timestamp() GROUP BY owner ORDER BY owner');
  const sessionsOf = new Map(owners.rows.map((r) => [r.owner, Number(r.n)]));
  const perNode: NodeResult[] = nodes.map((n, i) => {
    const b = before[i]!;
    const a = after[i]!;
    const f = a.followed && b.followed ? a.followed : null;
    return {
      node: n.nodeId,
      sessions: sessionsOf.get(n.nodeId) ?? 0,
      idleCpuPct: idle[i] ? (idle[i]!.cpuMs / (IDLE_S * 1000)) * 100 : NaN,
      cpuPct: ((a.cpuMs - b.cpuMs) / (elapsed * 1000)) * 100,
      switchesPerSec: {
        voluntary: (a.switches.voluntary - b.switches.voluntary) / elapsed,
        nonvoluntary: (a.switches.nonvoluntary - b.switches.nonvoluntary) / elapsed,
      },
      followed: f
        ? {
            noticesPerSec: (f.notices - b.followed!.notices) / elapsed,
            appliedPerSec: (f.applied - b.followed!.applied) / elapsed,
            readPerSec: (f.read - b.followed!.read) / elapsed,
            publishedPerSec: (f.published - b.followed!.published) / elapsed,
            unheardPerSec: ((f.unheard ?? 0) - (b.followed!.unheard ?? 0)) / elapsed,
            busyPct: ((f.busyMs - b.followed!.busyMs) / (elapsed * 1000)) * 100,
            applyPct: ((f.applyMs - b.followed!.applyMs) / (elapsed * 1000)) * 100,
          }
        : null,
    };
  });
  const cpuMs = after.reduce((sum, a, i) => sum + a.cpuMs - before[i]!.cpuMs, 0);
  const switched = (k: keyof ContextSwitches) => after.reduce((sum, a, i) => sum + a.switches[k] - before[i]!.switches[k], 0);
  const sorted = latencies.sort((a, b) => a - b);

  let failover: RunResult['failover'] = null;
  if (nodeCount >= 2 && follow) failover = await failOver(nodes, sessions, inspector);

  for (const t of timers) clearInterval(t);
  for (const s of sessions) for (const c of s.clients) c.destroy();
  await nginx.stop();
  for (const n of nodes) await n.stop();
  await inspector.close();
  return {
    nodes: nodeCount,
    follow,
    sessions: SESSIONS,
    clients: SESSIONS * CLIENTS_PER_SESSION,
    updatesPerSec: sent / elapsed,
    p50Ms: pct(sorted, 50),
    p99Ms: pct(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
    nodeCpuPct: (cpuMs / (elapsed * 1000)) * 100,
    cpuUsPerUpdate: (cpuMs * 1000) / Math.max(1, sent),
    cpuMsPerSessionMin: (cpuMs / SESSIONS) * (60 / elapsed),
    pgCpuPct: (pgMs / (elapsed * 1000)) * 100,
    pgCpuUsPerUpdate: (pgMs * 1000) / Math.max(1, sent),
    switchesPerUpdate: { voluntary: switched('voluntary') / Math.max(1, sent), nonvoluntary: switched('nonvoluntary') / Math.max(1, sent) },
    generatorLoopMaxMs: loop.max / 1e6,
    perNode,
    failover,
    load: uptime(),
  };
}

/** SIGKILL of the node owning most sessions; the writers keep writing throughout. */
async function failOver(nodes: Node[], sessions: Session[], inspector: PostgresDocumentStorage): Promise<NonNullable<RunResult['failover']>> {
  const holders = await inspector.pool.query<{ interview: string; owner: string }>('SELECT interview, owner FROM interview_leases');
  const ownerOf = new Map(holders.rows.map((r) => [r.interview, r.owner]));
  const counts = new Map<string, number>();
  for (const s of sessions) counts.set(ownerOf.get(s.iid) ?? '', (counts.get(ownerOf.get(s.iid) ?? '') ?? 0) + 1);
  const victimId = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const victim = nodes.find((n) => n.nodeId === victimId)!;
  const moved = sessions.filter((s) => ownerOf.get(s.iid) === victimId);
  await victim.kill();
  const killedAt = performance.now();
  // Acknowledged: what some other client of the session had received at the kill (relayed only once stored).
  const acknowledged = moved.map((s) => {
    const seen = new Set<string>();
    s.clients.forEach((c, i) => {
      for (const item of c.doc.getArray<string>('chat').toArray()) if (!item.startsWith(`${sessions.indexOf(s)}.${i}|`)) seen.add(item);
    });
    return seen;
  });
  let ackLost = 0;
  let ackChecked = 0;
  for (const [i, s] of moved.entries()) {
    const stored = new Set((await inspector.load(`${s.iid}.staff`)).doc.getArray<string>('chat').toArray());
    for (const item of acknowledged[i]!) {
      ackChecked++;
      if (!stored.has(item)) ackLost++;
    }
  }
  // Every client writes a probe; its failover ends when all other clients of its session hold the probe.
  const probes = moved.flatMap((s) => s.clients.map((c, i) => ({ s, c, probe: `probe-${s.iid}-${i}` })));
  for (const p of probes) p.c.doc.getArray<string>('chat').push([p.probe]);
  const done = new Map<string, number>();
  const deadline = killedAt + 120_000;
  while (done.size < probes.length && performance.now() < deadline) {
    for (const p of probes) {
      if (done.has(p.probe)) continue;
      if (p.s.clients.every((o) => o === p.c || o.doc.getArray<string>('chat').toArray().includes(p.probe))) done.set(p.probe, performance.now() - killedAt);
    }
    await sleep(20);
  }
  if (done.size < probes.length) console.error(`failover: ${probes.length - done.size} clients not back within 120 s`);
  const times = [...done.values()].sort((a, b) => a - b);
  return { sessionsMoved: moved.length, clients: probes.length, back: done.size, p50Ms: pct(times, 50), maxMs: times[times.length - 1] ?? NaN, ackLost, ackChecked };
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');

function printNotify(variants: NotifyVariant[]): void {
  console.log(`\nNOTIFY per commit (one connection committing one update per transaction, ${variants[0]?.commits ?? 0} commits per variant):`);
  console.log('| listeners | announced | commit round trip µs | PostgreSQL CPU µs per commit | notices received |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const v of variants) console.log(`| ${v.listeners} | ${v.notify ? 'yes' : 'no'} | ${f0(v.commitUs)} | ${f0(v.pgCpuUs)} | ${v.received} |`);
  for (const l of [...new Set(variants.map((v) => v.listeners))]) {
    const on = variants.find((v) => v.listeners === l && v.notify);
    const off = variants.find((v) => v.listeners === l && !v.notify);
    if (on && off) console.log(`NOTIFY with ${l} listener(s): +${f0(on.commitUs - off.commitUs)} µs per commit round trip, +${f0(on.pgCpuUs - off.pgCpuUs)} µs of PostgreSQL CPU per commit`);
  }
}

async function main(): Promise<void> {
  console.log(
    `bench:cluster: ${SESSIONS} sessions x ${CLIENTS_PER_SESSION} clients (${WRITERS} writing every ${INTERVAL_MS} ms), window ${WINDOW_S} s, ` +
      `lease ${LEASE_MS} ms; nodes ${NODE_COUNTS.join(', ')}; following ${FOLLOW.join(', ')}${PIN_NODES.length > 0 ? `; nodes pinned to CPUs ${PIN_NODES.join(', ')} in turn` : ''}; ` +
      `${os.cpus().length} CPUs; load average at start ${uptime()}`,
  );
  const pg = await startPostgres();
  const postmaster = postmasterPid(pg.port);
  if (!postmaster) console.error('PostgreSQL\'s postmaster was not found in /proc: its CPU is not reported');
  const results: RunResult[] = [];
  let notify: NotifyVariant[] = [];
  let failed = false;
  try {
    if (NOTIFY_COMMITS > 0 && postmaster) {
      notify = await measureNotifyCost(await pg.database(), postmaster, { commits: NOTIFY_COMMITS, listeners: Math.max(...NODE_COUNTS) });
      printNotify(notify);
      if (notify.some((v) => v.received !== (v.notify ? v.commits * v.listeners : 0))) {
        console.error('NOTIFY: the listeners did not receive one notice per commit each');
        failed = true;
      }
    }
    for (const n of NODE_COUNTS) {
      for (const follow of FOLLOW.map((f) => f === 'on')) {
        if (!follow && n < 2 && FOLLOW.includes('on')) continue; // one node has no other node to follow: the same run twice
        const r = await run(n, follow, await pg.database(), postmaster);
        results.push(r);
        const f = r.failover;
        console.log(
          `${n} node(s), following ${r.follow ? 'on' : 'off'}: ${r.updatesPerSec.toFixed(0)} updates/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(0)} ms; ` +
            `nodes' CPU ${r.nodeCpuPct.toFixed(1)} % of a core, ${r.cpuUsPerUpdate.toFixed(0)} µs per update, ${r.cpuMsPerSessionMin.toFixed(0)} ms per session-minute; ` +
            `PostgreSQL ${f1(r.pgCpuPct)} %, ${f0(r.pgCpuUsPerUpdate)} µs per update; ` +
            `nodes' context switches per update ${f2(r.switchesPerUpdate.voluntary)} voluntary, ${f2(r.switchesPerUpdate.nonvoluntary)} nonvoluntary; generator loop max ${r.generatorLoopMaxMs.toFixed(0)} ms` +
            (f ? `; failover (SIGKILL, ${f.sessionsMoved} sessions, ${f.clients} clients, ${f.back} back): p50 ${f.p50Ms.toFixed(0)} ms, max ${f.maxMs.toFixed(0)} ms, acknowledged lost ${f.ackLost}/${f.ackChecked}` : '') +
            `; load ${r.load}`,
        );
        for (const p of r.perNode) {
          console.log(
            `   ${p.node}: ${p.sessions} sessions, ${f1(p.cpuPct)} % of a core (idle before the clients: ${f1(p.idleCpuPct)} %), ` +
              `${f0(p.switchesPerSec.voluntary)} voluntary and ${f0(p.switchesPerSec.nonvoluntary)} nonvoluntary context switches/s` +
              (p.followed
                ? `; sharing read models: ${f0(p.followed.publishedPerSec)} documents published/s (${f0(p.followed.unheardPerSec)} of them not written: no other node followed), ` +
                  `${f0(p.followed.noticesPerSec)} publications heard/s, ` +
                  `${f0(p.followed.appliedPerSec)} documents applied from published rows/s, ${f0(p.followed.readPerSec)} read from storage/s, ` +
                  `${f1(p.followed.busyPct)} % of the time in follow steps (PostgreSQL reads included), ${f1(p.followed.applyPct)} % applying to SQLite`
                : ''),
          );
        }
        if (f && (f.ackLost > 0 || f.back < f.clients)) failed = true;
      }
    }
  } finally {
    await pg.stop();
  }
  console.log('\n| nodes | following | sessions (clients) | updates/s | p50 ms | p99 ms | nodes CPU % | CPU µs/update | CPU ms/session-min | PostgreSQL µs/update | context switches/update (voluntary, nonvoluntary) | per node: sessions, CPU %, idle CPU % | failover p50 / max ms | ack lost | load |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const f = r.failover;
    console.log(
      `| ${r.nodes} | ${r.follow ? 'on' : 'off'} | ${r.sessions} (${r.clients}) | ${r.updatesPerSec.toFixed(0)} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${r.nodeCpuPct.toFixed(1)} | ${r.cpuUsPerUpdate.toFixed(0)} | ${r.cpuMsPerSessionMin.toFixed(0)} | ${f0(r.pgCpuUsPerUpdate)} | ${f2(r.switchesPerUpdate.voluntary)}, ${f2(r.switchesPerUpdate.nonvoluntary)} | ` +
        `${r.perNode.map((p) => `${p.sessions}, ${f1(p.cpuPct)}, ${f1(p.idleCpuPct)}`).join(' / ')} | ${f ? `${f.p50Ms.toFixed(0)} / ${f.maxMs.toFixed(0)}` : '-'} | ${f ? `${f.ackLost}/${f.ackChecked}` : '-'} | ${r.load} |`,
    );
  }
  // What the NOTIFY-fed read models cost: the same node count with and without following.
  for (const on of results.filter((r) => r.follow && r.nodes >= 2)) {
    const off = results.find((r) => !r.follow && r.nodes === on.nodes);
    if (!off) continue;
    const perNode = (on.nodeCpuPct - off.nodeCpuPct) / on.nodes;
    console.log(
      `${on.nodes} nodes: following the others' documents costs ${f0(on.cpuUsPerUpdate - off.cpuUsPerUpdate)} µs of node CPU per update ` +
        `(${f0(on.cpuUsPerUpdate)} with, ${f0(off.cpuUsPerUpdate)} without), ${f1(perNode)} % of a core per node at ${f0(on.updatesPerSec)} updates/s`,
    );
  }
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify({ notify, runs: results }, null, 2));
  const lost = results.reduce((n, r) => n + (r.failover?.ackLost ?? 0), 0);
  if (lost > 0) console.error(`Acknowledged updates lost: ${lost}`);
  if (results.some((r) => r.failover && r.failover.back < r.failover.clients)) console.error('Failover: some clients never synced through another node');
  if (failed) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
