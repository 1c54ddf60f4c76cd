/**
 * Load generator for the sync benchmark: runs whole sessions (all six people
 * of a session in this process, so sender and receivers share one clock) as
 * sync clients, each connection with its own Y.Doc, sends the workload of workload.ts, measures
 * end-to-end latency at every receiver and checks that nothing was lost.
 * Driven over IPC by scripts/bench-sync.ts (protocol.ts).
 *
 * The clients (BENCH_CLIENT): `raw` (the default) speaks the y-websocket protocol directly (raw-client.ts: the same
 * frames, no per-socket timers, other clients' presence counted but not decoded); `provider` runs stock
 * y-websocket `WebsocketProvider`s, as before, and is what `--diagnostics` uses (the app's diagnostics publisher
 * needs a real Awareness). Every writer's next write comes from one schedule for the process (write-schedule.ts).
 * A receiver reads what a relayed update added from the structs it integrated (observe below), and the raw client
 * has Yjs encode only its own changes (RawSyncConnection.write): the Yjs side of applying a relay costs about half
 * what it did with type observers and a standing 'update' listener.
 */
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { canRead, type DocKind, type Role } from '../../src/domain/access';
import { mintToken } from '../../sync-server/auth/tokens';
import { SLOW_SAMPLE_MS, type FromGenerator, type SlowSample, type ToGenerator, type VerifyReport, type WindowReport } from './protocol';
import { LoopStallRecorder, perfToMonotonicUs } from '../../tests/support/loop-stalls';
import { YoungGenerationMeter } from '../../tests/support/young-generation';
import { ARRAYS_BY_KIND, PEOPLE, appendMessage, benchMessage, isMapStream, messageCount, type BenchMessage, type Person } from './workload';
import { isAwarenessFrame, simulatedCollector } from './simulated-diagnostics';
import { startDiagnosticsPublisher } from '../../src/guest/support/publish-diagnostics';
import { PresenceRenewals, RawSyncConnection } from './raw-client';
import { WriteSchedule } from './write-schedule';
import { clientDoc } from './client-doc';
import { startWindowHeapProfile, type WindowHeapProfile } from './window-heap-profile';

/** `--diagnostics`: every guest publishes tech support diagnostics in its stage presence, as the app does. */
const DIAGNOSTICS = process.env.BENCH_DIAGNOSTICS === '1';
/** Which client runs each connection: the lighter raw protocol client, or stock providers (always with --diagnostics). */
const CLIENT: 'raw' | 'provider' = DIAGNOSTICS || process.env.BENCH_CLIENT === 'provider' ? 'provider' : 'raw';
/** Awareness bytes in the window: sent by guests on the stage, received by staff readers of the stage. */
let guestAwarenessSent = 0;
let stageAwarenessReceived = 0;
const stopPublishers: Array<() => void> = [];

/**
 * WebSocket pings the clients received from the server in the window: both servers' ping interval is 30 s,
 * ours spread over the interval and only to connections it has not heard from, the reference to every connection
 * 30 s after it opened; the bench prints the count per server, so a reader sees what each paid for.
 */
let pingsInWindow = 0;
const countPing = (): void => {
  if (inWindow) pingsInWindow++;
};

/** A WebSocket that counts the server's pings, and awareness frames of guests' and stage readers' connections. */
function countingSocket(countSent: boolean, countReceived: boolean): typeof WebSocket {
  return class extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('ping', countPing);
      if (countReceived) this.addEventListener('message', (e) => (inWindow ? (stageAwarenessReceived += isAwarenessFrame(e.data)) : 0));
    }
    override send(data: unknown, ...rest: unknown[]): void {
      if (countSent && inWindow) guestAwarenessSent += isAwarenessFrame(data);
      (super.send as (...a: unknown[]) => void)(data, ...rest);
    }
  } as unknown as typeof WebSocket;
}

process.setMaxListeners(0);

/** bench:sync --heap-profile-generators <dir>: a sampling heap profile of each window, written there (window-heap-profile.ts). */
const HEAP_PROFILE_DIR = process.env.BENCH_GENERATOR_HEAP_PROFILE_DIR ?? '';
let heapProfile: WindowHeapProfile | null = null;
let windowsEnded = 0;

interface Conn {
  docName: string;
  kind: DocKind;
  /** Receives the document (append-only audience connections send but never receive). */
  reads: boolean;
  /**
   * bench:sync --paired: a twin of a client on the other server, sent the same updates at the same moments; its
   * deliveries are counted apart (twinDelivered) and set off no approvals, so each server sees the same workload.
   */
  twin: boolean;
  doc: Y.Doc;
  /** Makes a change to `doc` that the client sends (the raw client sends only changes made through here). */
  write(change: () => void): void;
  /** Resolves when the server's first sync step 2 has been applied. */
  synced: Promise<void>;
  /** Unexpected closes the connection came back from. */
  reconnects(): number;
  destroy(): void;
}

const conns: Conn[] = [];
const schedule = new WriteSchedule();
/** bench:sync --presence-tick <ms> (default PRESENCE_TICK_MS, 50; 500 before): how often the renewals are checked. */
const presenceRenewals = CLIENT === 'raw' ? new PresenceRenewals(Number(process.env.BENCH_PRESENCE_TICK_MS) || undefined) : null;
/** docName -> array -> messages pushed. */
const sentCounts = new Map<string, Map<string, number>>();
let sending = false;
let inWindow = false;
let windowStart = 0;
let windowCpu = process.cpuUsage();
let latencies: number[] = [];
/** bench:sync --paired: the twins' latencies (the other server's, sent at the same moments), kept apart from the primary's. */
let twinLatencies: number[] = [];
let slow: SlowSample[] = [];
let sentInWindow = 0;
let deliveredInWindow = 0;
/** bench:sync --paired: deliveries to the twin clients (the other server's) in the window; their latencies are not kept. */
let twinDeliveredInWindow = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
/**
 * This process's own late turns (5 ms or more) and GC pauses: a latency they fall inside is partly the generator's.
 * Each with its time on a CPU and waiting for one, so a stall says whether it was the generator's own work or the
 * machine not running it.
 */
const stalls = new LoopStallRecorder(5, 15, true);
/** Its young generation over the window: what its scavenges copied and promoted (its own GC work, whatever the load). */
const young = new YoungGenerationMeter();

function post(msg: FromGenerator): void {
  process.send!(msg);
}

function countSent(docName: string, array: string): number {
  let perDoc = sentCounts.get(docName);
  if (!perDoc) sentCounts.set(docName, (perDoc = new Map()));
  const n = (perDoc.get(array) ?? 0) + 1;
  perDoc.set(array, n);
  return n;
}

/**
 * One message from a person: written to their connection and, with --paired, at the same moment to its twin on the
 * other server (the same message, counted once: both servers must end up holding it).
 */
function push(targets: readonly Conn[], array: string, sender: string, role: Role, body: string): void {
  const k = countSent(targets[0]!.docName, array);
  const msg = benchMessage(array, sender, role, k, performance.now(), body);
  if (inWindow) sentInWindow++;
  for (const conn of targets) conn.write(() => appendMessage(conn.doc, array, msg));
}

function observe(conn: Conn, onRemote?: (array: string, msg: BenchMessage) => void): void {
  const received = (array: string, msgs: BenchMessage[]) => {
    const now = performance.now();
    for (const msg of msgs) {
      // Only where the access rules let a person read: the reference server also relays to append-only audience
      // connections, and those deliveries are not part of the workload both servers must carry.
      if (conn.reads && inWindow && msg.t >= windowStart && conn.twin) {
        twinLatencies.push(now - msg.t);
        twinDeliveredInWindow++;
      } else if (conn.reads && inWindow && msg.t >= windowStart) {
        const ms = now - msg.t;
        latencies.push(ms);
        if (ms >= SLOW_SAMPLE_MS) slow.push({ ms, sentUs: perfToMonotonicUs(msg.t), receivedUs: perfToMonotonicUs(now) });
        deliveredInWindow++;
      }
      onRemote?.(array, msg);
    }
  };
  // What a remote transaction added, read from the structs it integrated (each client's clocks from its state before
  // the transaction to after): every message is a new item of a stream's top-level array or map, and nothing is ever
  // deleted or overwritten. Type observers gave the same messages at the same moment (Yjs emits afterTransaction
  // right after them), but an array event's changes walk the whole array on every update.
  const streams = new Map<unknown, string>();
  for (const array of ARRAYS_BY_KIND[conn.kind] ?? []) streams.set(isMapStream(array) ? conn.doc.getMap(array) : conn.doc.getArray(array), array);
  conn.doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.local) return;
    tr.afterState.forEach((clock, client) => {
      const before = tr.beforeState.get(client) ?? 0;
      if (clock <= before) return;
      const structs = conn.doc.store.clients.get(client)!;
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const item = structs[i];
        if (!(item instanceof Y.Item) || item.deleted) continue;
        const array = streams.get(item.parent);
        if (array) received(array, item.content.getContent() as BenchMessage[]);
      }
    });
  });
}

function openConn(url: string, sessionId: string, kind: DocKind, token: string, person: Person, twin: boolean): Conn {
  const docName = `${sessionId}.${kind}`;
  const doc = clientDoc();
  const reads = canRead(person.role, kind);
  const presence = { user: { name: `${sessionId}/${person.key}`, role: person.role } };
  if (CLIENT === 'raw') {
    const countSent = kind === 'stage' && person.role === 'guest';
    const countReceived = kind === 'stage' && person.role !== 'guest';
    const raw = new RawSyncConnection({
      url,
      docName,
      token,
      doc,
      presence,
      onPresenceSent: countSent ? (bytes) => (inWindow ? (guestAwarenessSent += bytes) : 0) : undefined,
      onPresenceReceived: countReceived ? (bytes) => (inWindow ? (stageAwarenessReceived += bytes) : 0) : undefined,
      onPing: countPing,
      onFatal: (message) => post({ type: 'error', message }),
    });
    presenceRenewals!.add(raw);
    const conn: Conn = { docName, kind, reads, twin, doc, write: (change) => raw.write(change), synced: raw.synced, reconnects: () => raw.reconnects, destroy: () => raw.destroy() };
    conns.push(conn);
    return conn;
  }
  const provider = new WebsocketProvider(url, docName, doc, {
    params: { token },
    WebSocketPolyfill: countingSocket(kind === 'stage' && person.role === 'guest', kind === 'stage' && person.role !== 'guest') as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 2000,
  });
  provider.awareness.setLocalStateField('user', presence.user);
  if (DIAGNOSTICS && person.role === 'guest' && kind === 'stage') {
    stopPublishers.push(
      startDiagnosticsPublisher({ awareness: provider.awareness, collector: simulatedCollector(), supportDoc: () => null, guestName: person.key, questionId: () => null, isOpen: () => true }),
    );
  }
  let reconnects = 0;
  let wasConnected = false;
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') {
      if (wasConnected) reconnects++;
      wasConnected = true;
    }
  });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const conn: Conn = { docName, kind, reads, twin, doc, write: (change) => change(), synced, reconnects: () => reconnects, destroy: () => provider.destroy() };
  conns.push(conn);
  return conn;
}

/**
 * A session's six people, each connection opened to every url: one url normally; with --paired two, the first the
 * primary server's, the second its twin's on the other server (the same token: the reference checks none).
 */
async function connectSession(urls: readonly string[], secret: Buffer, sessionId: string): Promise<void> {
  const synced: Promise<void>[] = [];
  for (const person of PEOPLE) {
    const token = mintToken(secret, { role: person.role, iid: sessionId, sub: `${sessionId}/${person.key}`, ttlSec: 86_400 });
    /** Per document kind, the connection to each url (the primary first). */
    const byKind = new Map<DocKind, Conn[]>();
    for (const kind of person.docs) {
      const twins = urls.map((url, i) => openConn(url, sessionId, kind, token, person, i > 0));
      byKind.set(kind, twins);
      for (const conn of twins) synced.push(conn.synced);
    }
    const sender = `${sessionId}/${person.key}`;
    for (const [kind, twins] of byKind) {
      // Approvals follow the primary's deliveries only and go to every twin, so both servers get the same ones.
      const approvals = person.key === 'moderator' && kind === 'audience' ? byKind.get('moderation') : undefined;
      twins.forEach((conn, i) =>
        observe(
          conn,
          approvals && i === 0
            ? (array, msg) => {
                if (array === 'submissions' && sending) push(approvals, 'queue', sender, person.role, `approve ${msg.s}#${msg.k}`);
              }
            : undefined,
        ),
      );
    }
    for (const stream of person.writes) {
      if (stream.meanIntervalMs === null) continue;
      const twins = byKind.get(stream.kind)!;
      schedule.every(stream.meanIntervalMs, () => {
        if (sending) push(twins, stream.array, sender, person.role, `${stream.array} from ${person.key}: looks good so far`);
      });
    }
  }
  await Promise.all(synced);
}

async function verify(timeoutMs: number): Promise<VerifyReport> {
  const expected: VerifyReport['expected'] = {};
  for (const [doc, arrays] of sentCounts) expected[doc] = Object.fromEntries(arrays);
  const shortfalls = (): string[] => {
    const out: string[] = [];
    for (const conn of conns) {
      if (!conn.reads) continue;
      for (const array of ARRAYS_BY_KIND[conn.kind] ?? []) {
        const want = expected[conn.docName]?.[array] ?? 0;
        const have = messageCount(conn.doc, array);
        if (have !== want) out.push(`${conn.docName}/${array}${conn.twin ? ' (twin, on the other server)' : ''}: has ${have} of ${want}`);
      }
    }
    return out;
  };
  const deadline = Date.now() + timeoutMs;
  let missing = shortfalls();
  while (missing.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    missing = shortfalls();
  }
  return {
    ok: missing.length === 0,
    expected,
    shortfalls: missing.slice(0, 20),
    receiversChecked: conns.filter((c) => c.reads).length,
    reconnects: conns.reduce((n, c) => n + c.reconnects(), 0),
  };
}

process.on('message', (msg: ToGenerator) => {
  void (async () => {
    try {
      switch (msg.type) {
        case 'connect': {
          const started = performance.now();
          const urls = [msg.port, ...(msg.twinPort === undefined ? [] : [msg.twinPort])].map((port) => `ws://127.0.0.1:${port}/sync`);
          const secret = Buffer.from(msg.secretHex, 'hex');
          for (let i = 0; i < msg.sessionIds.length; i += msg.batch) {
            await Promise.all(msg.sessionIds.slice(i, i + msg.batch).map((id) => connectSession(urls, secret, id)));
          }
          post({ type: 'connected', connections: conns.length, ms: performance.now() - started });
          return;
        }
        case 'send':
          sending = msg.on;
          return;
        case 'window':
          if (msg.start) {
            latencies = [];
            twinLatencies = [];
            slow = [];
            stalls.reset();
            young.report(); // starts the window's interval
            sentInWindow = deliveredInWindow = twinDeliveredInWindow = 0;
            guestAwarenessSent = stageAwarenessReceived = pingsInWindow = 0;
            windowStart = performance.now();
            windowCpu = process.cpuUsage();
            loopDelay.reset();
            if (HEAP_PROFILE_DIR) heapProfile = startWindowHeapProfile();
            inWindow = true;
          } else {
            inWindow = false;
            // With bench:sync --profile-generators: the window on the monotonic clock of the profile's timestamps.
            if (process.env.BENCH_GENERATOR_PROFILE) console.error(`generator ${process.pid} window ${perfToMonotonicUs(windowStart).toFixed(0)}..${perfToMonotonicUs(performance.now()).toFixed(0)} µs`);
            const cpu = process.cpuUsage(windowCpu);
            const report: WindowReport = {
              latencies,
              twinLatencies,
              sent: sentInWindow,
              delivered: deliveredInWindow,
              twinDelivered: twinDeliveredInWindow,
              windowMs: performance.now() - windowStart,
              cpuUs: cpu.user + cpu.system,
              loop: { p50: loopDelay.percentile(50) / 1e6, p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
              gc: stalls.report(),
              young: young.report(),
              slow,
              guestAwarenessSent,
              stageAwarenessReceived,
              pings: pingsInWindow,
              heapProfile: null,
            };
            // After the window's figures: writing the profile holds the loop, and that is not the window's.
            if (heapProfile) {
              report.heapProfile = path.join(HEAP_PROFILE_DIR, `generator-${process.pid}-window-${++windowsEnded}.heapprofile`);
              await heapProfile.stop(report.heapProfile);
              heapProfile = null;
            }
            post({ type: 'window', report });
          }
          return;
        case 'verify':
          post({ type: 'verified', report: await verify(msg.timeoutMs) });
          return;
        case 'close':
          sending = false;
          schedule.stop();
          presenceRenewals?.stop();
          for (const stop of stopPublishers) stop();
          for (const c of conns) c.destroy();
          setTimeout(() => process.exit(0), 200);
          return;
      }
    } catch (err) {
      post({ type: 'error', message: (err as Error).stack ?? String(err) });
    }
  })();
});
// The benchmark went away: do not linger.
process.on('disconnect', () => process.exit(0));
