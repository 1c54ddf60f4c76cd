/**
 * npm run bench:cluster — InterQ sync nodes in cluster mode behind nginx, sharing one PostgreSQL (issue #16).
 *
 * For each node count (default 1, 2, 3): a fresh PostgreSQL database (tests/support/postgres.ts: Debian's server on
 * loopback, fsync off), that many collab server processes in cluster mode (tests/support/collab-process.ts with
 * DATABASE_URL: documents in PostgreSQL, one owner per interview under a lease), Debian's nginx rendered from
 * deploy/nginx/interq.conf.template in front, and S sessions of 3 stock y-websocket clients (2 writing, 1 reading),
 * all connected through nginx and all in this process. Each writer adds an item every --interval ms.
 *
 * Reports, per node count: updates per second, propagation p50/p99 (sender push -> every other client of the session
 * sees it), the nodes' CPU (all processes together) per update and per session, sessions per node (from the lease
 * table), and, with 2 nodes or more, a failover: SIGKILL of the node owning most sessions, then the time until every
 * client of its sessions has synced through another node (p50, max) and the acknowledged updates lost (what a peer
 * had received at the kill and PostgreSQL does not hold; must be 0). This machine has 2 cores shared by the nodes,
 * PostgreSQL, nginx and the clients: read CPU per update and per session (they carry to bigger machines), not the
 * throughput. The load average is printed with the figures.
 *
 * Options: --nodes 1,2,3  --sessions 60  --interval 1000 (ms between a writer's items)  --window 20 (s measured)
 *          --warmup 5 (s)  --lease 3000 (ms)  --json <file>
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startPostgres } from '../tests/support/postgres';
import { startNginx } from '../tests/support/nginx-process';
import { freePort, tempDataDir } from '../tests/support/server-process';
import { connectClient, type YwsClient } from '../tests/support/yws-client';
import { mintToken } from '../sync-server/auth/tokens';
import { PostgresDocumentStorage } from '../sync-server/storage/postgres/postgres-document-storage';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const NODE_COUNTS = arg('nodes', '1,2,3').split(',').map(Number);
const SESSIONS = Number(arg('sessions', '60'));
const INTERVAL_MS = Number(arg('interval', '1000'));
const WINDOW_S = Number(arg('window', '20'));
const WARMUP_S = Number(arg('warmup', '5'));
const LEASE_MS = Number(arg('lease', '3000'));
const JSON_OUT = arg('json', '');
const WRITERS = 2;
const CLIENTS_PER_SESSION = 3;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const uptime = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
const pct = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!);

interface NodeStats {
  cpu: { user: number; system: number };
  loop: { p99: number; max: number };
}

class Node {
  private waiters: Array<(m: unknown) => void> = [];
  private constructor(
    readonly child: ChildProcess,
    readonly nodeId: string,
    readonly port: number,
  ) {
    child.on('message', (m) => this.waiters.shift()?.(m));
  }

  static async start(nodeId: string, databaseUrl: string, secret: Buffer): Promise<Node> {
    const port = await freePort();
    const child = fork(path.join(ROOT, 'tests/support/collab-process.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        PORT: String(port),
        DATA: tempDataDir('interq-bench-node-'),
        SECRET: secret.toString('hex'),
        DATABASE_URL: databaseUrl,
        INTERQ_NODE_ID: nodeId,
        INTERQ_LEASE_MS: String(LEASE_MS),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stderr!.on('data', (c: Buffer) => {
      const text = c.toString();
      if (text.includes('"level":"error"')) process.stderr.write(`[${nodeId}] ${text}`);
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (/ready \d+/.test(out)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`${nodeId} exited with ${code} before ready`)));
    });
    return new Node(child, nodeId, port);
  }

  stats(): Promise<NodeStats> {
    return new Promise((resolve) => {
      this.waiters.push(resolve as (m: unknown) => void);
      this.child.send({ type: 'stats' });
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async kill(): Promise<void> {
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    await exited;
  }
}

interface Session {
  iid: string;
  clients: YwsClient[];
}

interface RunResult {
  nodes: number;
  sessions: number;
  clients: number;
  updatesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  nodeCpuPct: number;
  cpuUsPerUpdate: number;
  cpuMsPerSessionMin: number;
  nodeLoopMaxMs: number;
  generatorLoopMaxMs: number;
  sessionsPerNode: Record<string, number>;
  failover: { sessionsMoved: number; clients: number; p50Ms: number; maxMs: number; ackLost: number; ackChecked: number } | null;
  load: string;
}

async function run(nodeCount: number, databaseUrl: string): Promise<RunResult> {
  const secret = randomBytes(32);
  const nodes: Node[] = [];
  for (let i = 1; i <= nodeCount; i++) nodes.push(await Node.start(`node-${i}`, databaseUrl, secret));
  const nginx = await startNginx(
    nodes.map((n) => `127.0.0.1:${n.port}`),
    { maxFails: 1, failTimeout: '30s' },
  );
  const inspector = await PostgresDocumentStorage.open({ connectionString: databaseUrl, log: () => undefined });
  const syncUrl = `ws://127.0.0.1:${nginx.port}/sync`;
  const sessions: Session[] = [];
  const latencies: number[] = [];
  let measuring = false;
  let sent = 0;
  for (let s = 0; s < SESSIONS; s++) {
    const iid = `bench-${nodeCount}n-${s + 1}`;
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
  const before = await Promise.all(nodes.map((n) => n.stats()));
  loop.enable();
  measuring = true;
  const t0 = performance.now();
  await sleep(WINDOW_S * 1000);
  measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  loop.disable();
  const after = await Promise.all(nodes.map((n) => n.stats()));
  const cpuMs = after.reduce((sum, a, i) => sum + (a.cpu.user + a.cpu.system - before[i]!.cpu.user - before[i]!.cpu.system) / 1000, 0);
  const owners = await inspector.pool.query<{ owner: string; n: string }>('SELECT owner, count(*) AS n FROM interview_leases WHERE expires_at > clock_timestamp() GROUP BY owner ORDER BY owner');
  const sessionsPerNode = Object.fromEntries(owners.rows.map((r) => [r.owner, Number(r.n)]));
  const sorted = latencies.sort((a, b) => a - b);

  let failover: RunResult['failover'] = null;
  if (nodeCount >= 2) failover = await failOver(nodes, sessions, inspector);

  for (const t of timers) clearInterval(t);
  for (const s of sessions) for (const c of s.clients) c.destroy();
  await nginx.stop();
  for (const n of nodes) await n.stop();
  await inspector.close();
  return {
    nodes: nodeCount,
    sessions: SESSIONS,
    clients: SESSIONS * CLIENTS_PER_SESSION,
    updatesPerSec: sent / elapsed,
    p50Ms: pct(sorted, 50),
    p99Ms: pct(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
    nodeCpuPct: (cpuMs / (elapsed * 1000)) * 100,
    cpuUsPerUpdate: (cpuMs * 1000) / Math.max(1, sent),
    cpuMsPerSessionMin: (cpuMs / SESSIONS) * (60 / elapsed),
    nodeLoopMaxMs: Math.max(...after.map((a) => a.loop.max)),
    generatorLoopMaxMs: loop.max / 1e6,
    sessionsPerNode,
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
  return { sessionsMoved: moved.length, clients: probes.length, p50Ms: pct(times, 50), maxMs: times[times.length - 1] ?? NaN, ackLost, ackChecked };
}

async function main(): Promise<void> {
  console.log(
    `bench:cluster: ${SESSIONS} sessions x ${CLIENTS_PER_SESSION} clients (${WRITERS} writing every ${INTERVAL_MS} ms), window ${WINDOW_S} s, ` +
      `lease ${LEASE_MS} ms; nodes ${NODE_COUNTS.join(', ')}; load average at start ${uptime()}`,
  );
  const pg = await startPostgres();
  const results: RunResult[] = [];
  try {
    for (const n of NODE_COUNTS) {
      const r = await run(n, await pg.database());
      results.push(r);
      const f = r.failover;
      console.log(
        `${n} node(s): ${r.updatesPerSec.toFixed(0)} updates/s, p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(0)} ms; ` +
          `nodes' CPU ${r.nodeCpuPct.toFixed(1)} % of a core, ${r.cpuUsPerUpdate.toFixed(0)} µs per update, ${r.cpuMsPerSessionMin.toFixed(0)} ms per session-minute; ` +
          `node loop max ${r.nodeLoopMaxMs.toFixed(0)} ms, generator loop max ${r.generatorLoopMaxMs.toFixed(0)} ms; sessions per node ${JSON.stringify(r.sessionsPerNode)}` +
          (f ? `; failover (SIGKILL, ${f.sessionsMoved} sessions, ${f.clients} clients): p50 ${f.p50Ms.toFixed(0)} ms, max ${f.maxMs.toFixed(0)} ms, acknowledged lost ${f.ackLost}/${f.ackChecked}` : '') +
          `; load ${r.load}`,
      );
    }
  } finally {
    await pg.stop();
  }
  console.log('\n| nodes | sessions (clients) | updates/s | p50 ms | p99 ms | nodes CPU % | CPU µs/update | CPU ms/session-min | sessions per node | failover p50 / max ms | ack lost | load |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const f = r.failover;
    console.log(
      `| ${r.nodes} | ${r.sessions} (${r.clients}) | ${r.updatesPerSec.toFixed(0)} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${r.nodeCpuPct.toFixed(1)} | ${r.cpuUsPerUpdate.toFixed(0)} | ${r.cpuMsPerSessionMin.toFixed(0)} | ${Object.values(r.sessionsPerNode).join(' / ')} | ${f ? `${f.p50Ms.toFixed(0)} / ${f.maxMs.toFixed(0)}` : '-'} | ${f ? `${f.ackLost}/${f.ackChecked}` : '-'} | ${r.load} |`,
    );
  }
  if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify(results, null, 2));
  const lost = results.reduce((n, r) => n + (r.failover?.ackLost ?? 0), 0);
  if (lost > 0) {
    console.error(`Acknowledged updates lost: ${lost}`);
    process.exitCode = 1;
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
