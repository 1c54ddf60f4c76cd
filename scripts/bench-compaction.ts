/**
 * npm run bench:compaction — how long one compaction holds the event loop, with the fold on the event loop ("main",
 * as before) and in a worker thread ("worker"), for both stores, in one run.
 *
 * Per round and mode: a fresh document gets a snapshot of --items chat records (about 90 bytes each, as the staff
 * document's chat), then --rows stored updates of one record each (200 is the server's compactAfterUpdates), then one
 * compaction while the event loop is sampled (a 1 ms timer chain); the figures are the loop's longest stall during that
 * compaction and how long the main thread was busy (event-loop utilization). Modes alternate round by round, so a
 * change in the machine's load hits both alike; an idle sample of the same length each round gives the machine's own noise floor. PostgreSQL is
 * Debian's server on loopback (tests/support/postgres.ts, fsync off); SQLite a temp file in WAL mode.
 *
 * Options: --rounds 8  --rows 200  --items 5000  --stores sqlite,postgres  --json <file>
 * Other work on the machine shows up as delay in every mode: read the modes against each other and against the idle
 * row, with the load average printed beside them; a quiet machine gives the absolute figure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { openDatabase } from '../sync-server/db/open';
import { startCompactionWorker } from '../sync-server/collab/compaction-worker';
import type { DocumentStorage } from '../sync-server/storage/document-storage';
import { SqliteDocumentStorage } from '../sync-server/storage/sqlite-document-storage';
import { PostgresDocumentStorage } from '../sync-server/storage/postgres/postgres-document-storage';
import { startPostgres } from '../tests/support/postgres';
import { arg, refuseUnknownOptions } from './cli-arg';

const ROUNDS = Number(arg('rounds', '8'));
const ROWS = Number(arg('rows', '200'));
const ITEMS = Number(arg('items', '5000'));
const STORES = arg('stores', 'sqlite,postgres').split(',');
const JSON_OUT = arg('json', '');
refuseUnknownOptions('the comment at the top of scripts/bench-compaction.ts');

const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
const quiet = () => undefined;

/** A chat record like the staff document's: an author, a time and about 60 characters of text. */
const record = (i: number) => ({ id: `m${i}`, from: 'interviewer', at: 1_796_000_000_000 + i, text: `message ${i} `.padEnd(60, 'x') });

/** Stores a snapshot of `ITEMS` records and `ROWS` one-record updates for `doc`; returns nothing until stored. */
async function seed(storage: DocumentStorage, doc: string): Promise<void> {
  const src = new Y.Doc();
  const chat = src.getArray<ReturnType<typeof record>>('chat');
  for (let i = 0; i < ITEMS; i++) chat.push([record(i)]);
  await storage.commit(doc, [Y.encodeStateAsUpdate(src)], []);
  const first = await storage.compact(doc);
  if (!first.compacted) throw new Error(`seeding ${doc}: the snapshot was not made (${first.reason})`);
  for (let i = 0; i < ROWS; i++) {
    const before = Y.encodeStateVector(src);
    chat.push([record(ITEMS + i)]);
    await storage.commit(doc, [Y.encodeStateAsUpdate(src, before)], []);
  }
}

/**
 * While `work` runs: the event loop's longest stall (ms: the longest gap between two turns of a 1 ms timer chain, less
 * the 1 ms), how long the loop was busy (event-loop utilization's active time: the main thread's own work, which a
 * worker's fold is not part of; on a loaded machine it includes time the thread waited for a core), and the work's
 * wall time.
 */
async function sampled(work: () => Promise<unknown>): Promise<{ loopMaxMs: number; busyMs: number; wallMs: number }> {
  let last = performance.now();
  let maxGap = 0;
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    if (ticking) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  // The chain runs before the work starts: a store that compacts inside the call (SQLite without its worker) blocks it.
  await new Promise((r) => setTimeout(r, 5));
  maxGap = 0;
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  await work();
  const wallMs = performance.now() - t0;
  // One more turn, so a stall that ended the work is recorded.
  await new Promise((r) => setTimeout(r, 3));
  ticking = false;
  const busyMs = performance.eventLoopUtilization(elu0).active;
  return { loopMaxMs: Math.max(0, maxGap - 1), busyMs, wallMs };
}

interface Row {
  store: string;
  mode: 'main' | 'worker' | 'idle';
  loopMaxMs: number[];
  busyMs: number[];
  wallMs: number[];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function storesFor(name: string): Promise<{ main: DocumentStorage; worker: DocumentStorage; close(): Promise<void> }> {
  if (name === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interq-bench-compaction-'));
    const db = openDatabase(path.join(dir, 'interq.sqlite'));
    const compactor = startCompactionWorker(db, quiet);
    if (!compactor) throw new Error('the SQLite compaction worker did not start');
    const main = new SqliteDocumentStorage(db);
    const worker = new SqliteDocumentStorage(db, compactor);
    return {
      main,
      worker,
      async close() {
        await worker.close();
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const cluster = await startPostgres();
  const url = await cluster.database();
  const main = await PostgresDocumentStorage.open({ connectionString: url, log: quiet, foldInWorker: false });
  const worker = await PostgresDocumentStorage.open({ connectionString: url, log: quiet });
  return {
    main,
    worker,
    async close() {
      await main.close();
      await worker.close();
      await cluster.stop();
    },
  };
}

const rows: Row[] = [];
console.log(`bench:compaction on ${os.cpus().length} cores, Node ${process.version}; ${ROUNDS} rounds, ${ROWS} rows onto a snapshot of ${ITEMS} records; load ${load()}`);
for (const store of STORES) {
  const s = await storesFor(store);
  const series = () => ({ loop: [] as number[], busy: [] as number[], wall: [] as number[] });
  const byMode = { main: series(), worker: series(), idle: series() };
  // One warm-up compaction each (JIT, the worker thread's start), not counted.
  for (const mode of ['main', 'worker'] as const) {
    await seed(s[mode], `acme-warm-${mode}.staff`);
    await s[mode].compact(`acme-warm-${mode}.staff`);
  }
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? (['main', 'worker'] as const) : (['worker', 'main'] as const);
    for (const mode of order) {
      const doc = `acme-bench-${r}-${mode}.staff`;
      await seed(s[mode], doc);
      let result: Awaited<ReturnType<DocumentStorage['compact']>> | undefined;
      const m = await sampled(async () => (result = await s[mode].compact(doc)));
      if (!result?.compacted || result.rows !== ROWS) throw new Error(`${store} ${mode}: compaction did not fold the ${ROWS} rows: ${JSON.stringify(result)}`);
      byMode[mode].loop.push(m.loopMaxMs);
      byMode[mode].busy.push(m.busyMs);
      byMode[mode].wall.push(m.wallMs);
      const idleFor = Math.max(5, m.wallMs);
      const idle = await sampled(() => new Promise((res) => setTimeout(res, idleFor)));
      byMode.idle.loop.push(idle.loopMaxMs);
      byMode.idle.busy.push(idle.busyMs);
      byMode.idle.wall.push(idle.wallMs);
    }
  }
  await s.close();
  for (const mode of ['main', 'worker', 'idle'] as const) rows.push({ store, mode, loopMaxMs: byMode[mode].loop, busyMs: byMode[mode].busy, wallMs: byMode[mode].wall });
  console.log(`  ${store} done; load ${load()}`);
}

const pm = (xs: number[]) => `${pct(xs, 50).toFixed(1)} / ${Math.max(...xs).toFixed(1)}`;
console.log('\n  store     fold      loop max per compaction   loop busy per compaction   compaction wall   (p50 / max, ms)');
for (const r of rows) {
  const what = r.mode === 'idle' ? 'idle' : r.mode === 'main' ? 'on loop' : 'worker';
  console.log(
    `  ${r.store.padEnd(9)} ${what.padEnd(9)} ${pm(r.loopMaxMs).padEnd(25)} ${pm(r.busyMs).padEnd(26)} ${r.mode === 'idle' ? '(the same time, nothing to do)' : pm(r.wallMs)}`,
  );
}
console.log(`load average at the end: ${load()}`);
if (JSON_OUT) fs.writeFileSync(JSON_OUT, JSON.stringify({ rounds: ROUNDS, rows: ROWS, items: ITEMS, load: os.loadavg(), results: rows }, null, 2));
process.exit(0);
