/**
 * npm run bench:sync-store — CPU per stored update of the server's write path, in-process, with real Yjs updates
 * through the real SQLite store (a temp file in WAL mode, the WAL checkpoint worker running as in the server).
 *
 * Stages (--stages, both by default):
 * - commit: one document's one-update batch per transaction (DocStore.commitMany, as TurnCommits writes a turn that
 *   stored one update): what SQLite costs per update.
 * - path: what the server does per client update after reading the frame: decode it (protocol.ts), the write policy
 *   (update-policy.ts), the apply (live-doc.ts), the turn's transaction (turn-commits.ts) and the relay to 3 peers.
 * Each update is a staff chat record of ordinary length, sent by a client of its own per document (100 documents).
 *
 * `--against <checkout>` measures a second checkout (a git worktree of the commit before a change, with
 * node_modules) in the same process, round by round alternating with this one (ABAB), so a change of the machine's
 * load hits both alike; the figure is each side's median over the rounds, beside every round's value. CPU is the
 * process's (process.cpuUsage: the main thread plus the checkpoint worker), user and system together.
 *
 * - wal (with commit, each checkout): WAL frames and bytes one one-update commit appends, counted from the WAL file's
 *   growth over --updates commits on a fresh database with no checkpoint (a count, not a time: steady on any machine).
 * - checkpoint (only when asked, this checkout only): the WAL checkpoint's CPU per stored update at bench:sync's
 *   100-session rate, for each interval of --checkpoint-every, and for each interval above 1 s also with the WAL
 *   synced every second in between, as the server's worker does (see checkpointStage).
 *
 * Options: --updates 4000  --rounds 4  --warmup 1000  --stages commit,path[,checkpoint]  --against <dir>  --checkpoint-every 1,5,10
 * Print `uptime` beside a figure; a quiet machine gives the absolute value, a loaded one only the A/B difference.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { arg, refuseUnknownOptions } from './cli-arg';

const UPDATES = Number(arg('updates', '4000'));
const ROUNDS = Number(arg('rounds', '4'));
const WARMUP = Number(arg('warmup', '1000'));
const STAGES_ASKED = arg('stages', 'commit,path').split(',');
const STAGES = STAGES_ASKED.filter((x) => x === 'commit' || x === 'path') as Array<'commit' | 'path'>;
/** The WAL stage runs with the commit stage (--stages commit). */
const WAL = STAGES.includes('commit');
/** `--checkpoint-every 1,5,10`: the checkpoint stage's intervals (seconds of the bench's 100-session rate). */
const CHECKPOINT_EVERY = arg('checkpoint-every', '1,5,10').split(',').map(Number);
const AGAINST = arg('against', '');
refuseUnknownOptions('the comment at the top of scripts/bench-sync-store.ts');
const DOCS = 100;
const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const quiet = () => undefined;
const cpuNow = () => {
  const c = process.cpuUsage();
  return c.user + c.system;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** The modules of one checkout (loaded by path, so two checkouts can run side by side). */
async function modulesOf(root: string) {
  const load = (rel: string) => import(path.join(root, rel));
  const [protocol, policy, liveDoc, sqliteStorage, turnCommits, open, schema, limits, checkpointer] = await Promise.all([
    load('sync-server/collab/protocol.ts'),
    load('sync-server/collab/update-policy.ts'),
    load('sync-server/collab/live-doc.ts'),
    load('sync-server/storage/sqlite-document-storage.ts'),
    load('sync-server/collab/turn-commits.ts'),
    load('sync-server/db/open.ts'),
    load('src/domain/doc-schema.ts'),
    load('sync-server/collab/limits.ts'),
    load('sync-server/collab/wal-checkpointer.ts'),
  ]);
  return { protocol, policy, liveDoc, sqliteStorage, turnCommits, open, schema, limits, checkpointer };
}
type Modules = Awaited<ReturnType<typeof modulesOf>>;

/** One checkout's server side: a fresh database, 100 loaded documents with 3 peers each, and a client per document. */
async function setUp(label: string, m: Modules) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-store-'));
  const db = m.open.openDatabase(path.join(dir, 'interq.sqlite'));
  const checkpointer = m.checkpointer.startWalCheckpointer(db, quiet);
  const storage = new m.sqliteStorage.SqliteDocumentStorage(db);
  const turn = new m.turnCommits.TurnCommits((b: unknown) => storage.commitManyNow(b), quiet);
  let relayed = 0;
  const peer = () => ({ writer: true, reader: true, send: () => void relayed++ });
  const docs = Array.from({ length: DOCS }, (_, i) => {
    const name = `bench-${label}-${i}.staff`;
    const live = new m.liveDoc.LiveDoc(name, `bench-${label}-${i}`, 'staff', new Y.Doc(), { updates: 0, lastSeq: 0, bytes: 0, owners: new Map() }, m.schema.DOC_SCHEMAS.staff.caps, {
      store: storage,
      persistence: { ...m.limits.DEFAULT_PERSISTENCE, compactAfterUpdates: 1e9 },
      log: quiet,
      onMaybeIdle: quiet,
      turnCommits: turn,
    });
    const peers = [peer(), peer(), peer()];
    for (const p of peers) live.addPeer(p);
    // The commit stage writes its own documents (`store`), never applied to these loaded ones.
    return { name, live, peers, client: new Y.Doc(), store: { name: `bench-${label}-store-${i}.staff`, client: new Y.Doc() } };
  });
  const writer = { sub: 'Ivy', role: 'interviewer', owner: m.policy.ownerKey({ sub: 'Ivy', role: 'interviewer' }), access: 'write' };
  let sent = 0;
  /** The next `count` client frames (a chat record each), round robin over the documents. */
  const frames = (count: number, forStore = false) =>
    Array.from({ length: count }, () => {
      const d = docs[sent % DOCS]!;
      const client = forStore ? d.store.client : d.client;
      const before = Y.encodeStateVector(client);
      client.getArray('chat').push([{ id: `m${sent}`, text: `message ${sent} from the bench, a sentence of ordinary length`, by: 'Ivy', role: 'interviewer', at: Date.now() }]);
      sent++;
      return { d, frame: m.protocol.encodeUpdate(Y.encodeStateAsUpdate(client, before)) as Uint8Array };
    });

  /** A frame's update as the server stores it (the payload of the sync message), read before the clock starts. */
  const updateOf = (frame: Uint8Array): Uint8Array => m.protocol.decodeClientFrame(frame).frame.update;
  const stages = {
    /** SQLite alone: one document's one-update batch per transaction. */
    commit(list: ReturnType<typeof frames>): () => void {
      const batches = list.map(({ d, frame }) => [{ name: d.store.name, updates: [updateOf(frame)], claims: [] }]);
      return () => {
        for (const b of batches) storage.commitManyNow(b);
      };
    },
    /** What the server does per client update after reading the frame, up to the relay. */
    path(list: ReturnType<typeof frames>): () => void {
      return () => {
        for (const { d, frame } of list) {
          const r = m.protocol.decodeClientFrame(frame);
          if (!r.ok) throw new Error(r.reason);
          const f = r.frame;
          const v = m.policy.checkUpdate(f.decoded, f.update.length, d.live.doc, 'staff', d.live.caps.maxRecordBytes, writer, d.live);
          if (v.ok !== true) throw new Error(`refused: ${JSON.stringify(v)}`);
          if (d.live.wouldOverflow(f.update.length)) throw new Error('document full');
          const claims = v.newClients.map((client: number) => ({ client, owner: writer.owner }));
          // As connection.ts hands it over (a checkout whose LiveDoc does not take `decoded` ignores it).
          const received = v.allNew ? { structs: f.decoded.structs.length, relayable: f.relayable, decoded: f.decoded } : null;
          if (!d.live.applyClientUpdate(d.peers[0], f.update, claims, received)) throw new Error('apply failed');
          turn.flush();
        }
      };
    },
  };

  return {
    label,
    /** µs of CPU per stored update for `stage` over `n` fresh updates (after `warm` unmeasured ones). */
    measure(stage: 'commit' | 'path', n: number, warm: number): number {
      stages[stage](frames(warm, stage === 'commit'))();
      const run = stages[stage](frames(n, stage === 'commit'));
      const relayedBefore = relayed;
      const rowsBefore = this.stored();
      const c0 = cpuNow();
      run();
      const used = cpuNow() - c0;
      if (this.stored() - rowsBefore !== n) throw new Error(`stored ${this.stored() - rowsBefore} of ${n}`);
      if (stage === 'path' && relayed - relayedBefore !== 2 * n) throw new Error(`relayed ${relayed - relayedBefore} of ${2 * n}`);
      return used / n;
    },
    stored: () => (db.prepare('SELECT COUNT(*) AS n FROM yjs_updates').get() as { n: number }).n,
    async close() {
      await checkpointer?.stop();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The checkpoint stage (`--stages checkpoint`, this checkout only): what the WAL checkpoint thread costs per stored
 * update. The server's worker runs a PASSIVE checkpoint every second (wal-checkpointer.ts); with synchronous = NORMAL
 * that interval is also how much a power cut can take, so it is a durability setting, not only a CPU one. Here 40
 * "seconds" of bench:sync's 100-session rate (119 one-update commits each over 600 documents) are committed, with a
 * PASSIVE checkpoint on a second connection every N of them; the checkpoint's CPU is divided by the updates stored.
 * "N s, WAL synced every 1 s" adds an fdatasync of the WAL file in each other second (wal-checkpointer.ts: what
 * keeps a power cut's loss to a second while the copy runs every N).
 */
async function checkpointStage(m: Modules): Promise<void> {
  const Database = (await import('better-sqlite3')).default;
  const clients = Array.from({ length: 600 }, () => new Y.Doc());
  let k = 0;
  const next = () => {
    const c = clients[k % 600]!;
    const before = Y.encodeStateVector(c);
    c.getArray('chat').push([{ id: `m${k}`, text: `message ${k} from the bench, a sentence of ordinary length`, by: 'Ivy', role: 'interviewer', at: Date.now() }]);
    k++;
    return Y.encodeStateAsUpdate(c, before);
  };
  const variants = CHECKPOINT_EVERY.flatMap((every) => [{ every, sync: false }, ...(every > 1 ? [{ every, sync: true }] : [])]);
  const results = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const { every, sync } of round % 2 ? [...variants].reverse() : variants) {
      const label = sync ? `${every} s, WAL synced every 1 s` : `${every} s`;
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-store-'));
      const file = path.join(dir, 'interq.sqlite');
      const db = m.open.openDatabase(file);
      db.pragma('wal_autocheckpoint = 0');
      const checkpointer = new Database(file, { fileMustExist: true });
      const store = new m.sqliteStorage.SqliteDocumentStorage(db);
      let used = 0;
      let stored = 0;
      let walFd = -1;
      for (let second = 1; second <= 40; second++) {
        const updates = Array.from({ length: 119 }, next);
        for (const u of updates) store.commitManyNow([{ name: `d${stored++ % 600}.staff`, updates: [u], claims: [] }]);
        const c0 = cpuNow();
        if (second % every === 0) {
          checkpointer.pragma('wal_checkpoint(PASSIVE)');
        } else if (sync) {
          if (walFd < 0) walFd = fs.openSync(`${file}-wal`, 'r');
          fs.fdatasyncSync(walFd);
        }
        used += cpuNow() - c0;
      }
      if (walFd >= 0) fs.closeSync(walFd);
      results.set(label, [...(results.get(label) ?? []), used / stored]);
      checkpointer.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const [label, v] of results) {
    console.log(`checkpoint every ${label}: CPU per stored update, median of ${ROUNDS}: ${median(v).toFixed(1)} µs (${v.map((x) => x.toFixed(1)).join(', ')})`);
  }
}

/**
 * The wal stage: WAL frames and bytes per one-update commit (the commit stage's batches: 100 documents round robin,
 * --warmup commits first so the tables have depth). No checkpointer and no automatic checkpoint, so the WAL only grows;
 * a frame is a page plus its 24-byte header. What SQLite writes per commit, whatever the CPU it costs.
 */
async function walStage(label: string, m: Modules): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-store-'));
  const file = path.join(dir, 'interq.sqlite');
  const db = m.open.openDatabase(file);
  db.pragma('wal_autocheckpoint = 0');
  const storage = new m.sqliteStorage.SqliteDocumentStorage(db);
  const clients = Array.from({ length: DOCS }, () => new Y.Doc());
  let k = 0;
  const commit = () => {
    const c = clients[k % DOCS]!;
    const before = Y.encodeStateVector(c);
    c.getArray('chat').push([{ id: `m${k}`, text: `message ${k} from the bench, a sentence of ordinary length`, by: 'Ivy', role: 'interviewer', at: Date.now() }]);
    storage.commitManyNow([{ name: `bench-wal-${k % DOCS}.staff`, updates: [Y.encodeStateAsUpdate(c, before)], claims: [] }]);
    k++;
  };
  for (let i = 0; i < WARMUP; i++) commit();
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const walBytes = () => fs.statSync(`${file}-wal`).size;
  const w0 = walBytes();
  for (let i = 0; i < UPDATES; i++) commit();
  const grown = walBytes() - w0;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return `${label} ${(grown / (pageSize + 24) / UPDATES).toFixed(2)} frames, ${(grown / UPDATES).toFixed(0)} bytes (page ${pageSize})`;
}

const roots = [{ label: 'this', root: HERE }, ...(AGAINST ? [{ label: 'against', root: path.resolve(AGAINST) }] : [])];
console.log(
  `bench:sync-store: ${UPDATES} updates per stage and round, ${ROUNDS} rounds${AGAINST ? ` alternating this checkout (${HERE}) with ${path.resolve(AGAINST)}` : ''}; Node ${process.version}; load ${load()}`,
);
const sides = [];
for (const r of roots) sides.push(await setUp(r.label, await modulesOf(r.root)));
const results = new Map<string, number[]>();
for (let round = 0; STAGES.length > 0 && round < ROUNDS; round++) {
  // ABAB, then BABA: neither side always runs first.
  const order = round % 2 === 0 ? sides : [...sides].reverse();
  for (const stage of STAGES) {
    for (const side of order) {
      const us = side.measure(stage, UPDATES, round === 0 ? WARMUP : Math.min(WARMUP, 200));
      const key = `${stage} ${side.label}`;
      results.set(key, [...(results.get(key) ?? []), us]);
    }
  }
  console.log(`  round ${round + 1}: ${[...results].map(([k, v]) => `${k} ${v[v.length - 1]!.toFixed(1)}`).join(', ')} µs; load ${load()}`);
}
for (const stage of STAGES) {
  const line = sides.map((s) => {
    const v = results.get(`${stage} ${s.label}`)!;
    return `${s.label} ${median(v).toFixed(1)} µs (${v.map((x) => x.toFixed(1)).join(', ')})`;
  });
  const ratio = sides.length === 2 ? `; this/against ${(median(results.get(`${stage} this`)!) / median(results.get(`${stage} against`)!)).toFixed(2)}×` : '';
  console.log(`${stage}: CPU per stored update, median of ${ROUNDS}: ${line.join(' | ')}${ratio}`);
}
for (const s of sides) {
  if (STAGES.length > 0) console.log(`  ${s.label}: ${s.stored()} rows stored`);
  await s.close();
}
if (WAL) {
  const lines = [];
  for (const r of roots) lines.push(await walStage(r.label, await modulesOf(r.root)));
  console.log(`wal: appended per one-update commit, over ${UPDATES} after ${WARMUP}: ${lines.join(' | ')}`);
}
if (STAGES_ASKED.includes('checkpoint')) await checkpointStage(await modulesOf(HERE));
console.log(`load ${load()}`);
