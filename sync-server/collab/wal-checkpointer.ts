/**
 * Moves SQLite WAL checkpoints off the event loop.
 *
 * better-sqlite3 is synchronous, and with the default automatic checkpoint the
 * commit that crosses 1000 WAL pages copies them into the database and fsyncs,
 * stalling every socket for 5-50 ms on an ordinary disk (measured: commit p99.9
 * 4-15 ms, max 9-47 ms, versus max 3 ms without). The collab server writes an
 * update per message, so it hits that often. Here a worker thread with its own
 * connection does it instead; the main connection only appends to the WAL. If the
 * worker fails, automatic checkpoints come back.
 *
 * Durability is the WAL's sync, not the copy. With `synchronous = NORMAL` (db/open.ts) a commit is not synced: it
 * survives the process being killed (it is in the OS's page cache) and survives a power cut once the WAL file has
 * been synced. A checkpoint syncs the WAL, copies its pages into the database file and syncs that. So the worker
 * syncs the WAL (fdatasync) every second, which bounds what a power cut can take to the last second, as a checkpoint
 * every second did, and copies (a PASSIVE checkpoint) only every `checkpointEvery` seconds (5): a page written
 * several times in between (the table's last leaf, a busy document's index leaf) is copied once, and the database
 * file is synced a fifth as often (bench:sync-store --stages checkpoint measures both). The WAL file holds up to 5 s
 * of commits instead of 1: about 5.5 MB at bench:sync's 100-session rate, 25 MB at 500 (it keeps its largest size).
 * A recovery after a power cut keeps every commit whose frames reached the disk whole (SQLite checks each frame's
 * running checksum), so syncing while the main thread appends is safe: a half-written tail is dropped, as it was.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/open';
import type { Logger } from './live-doc';

// Plain JavaScript, evaluated in the worker: no TypeScript loader needed there.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// Named so /proc, top -H and bench:sync's CPU by thread tell it from V8's and libuv's threads (all "node"); Linux only.
try {
  require('node:fs').writeFileSync('/proc/thread-self/comm', 'wal-checkpoint');
} catch {}
const fs = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const counts = { walSyncs: 0, checkpoints: 0 };
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    counts.checkpoints++;
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
};
// The WAL's own descriptor. It holds no lock: SQLite's locks are on the database and -shm files, so opening and
// closing it cannot drop them. The WAL is the same file while any connection is open (this one is).
let walFd = -1;
const closeWal = () => {
  if (walFd < 0) return;
  try {
    fs.closeSync(walFd);
  } catch {}
  walFd = -1;
};
const syncWal = () => {
  try {
    if (walFd < 0) walFd = fs.openSync(workerData.file + '-wal', 'r');
    fs.fdatasyncSync(walFd);
    counts.walSyncs++;
  } catch (err) {
    closeWal();
    // No WAL file: nothing committed to lose. Anything else: a checkpoint syncs the WAL too.
    if (err && err.code === 'ENOENT') return;
    parentPort.postMessage({ error: 'WAL sync: ' + String((err && err.message) || err) });
    checkpoint();
  }
};
let ticks = 0;
const timer = setInterval(() => {
  ticks++;
  if (ticks % workerData.checkpointEvery === 0) checkpoint();
  else syncWal();
}, workerData.intervalMs);
parentPort.on('message', (msg) => {
  if (msg === 'counts') {
    parentPort.postMessage({ counts: { ...counts } });
    return;
  }
  if (msg !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  closeWal();
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

/** What the worker has done since it started: WAL syncs alone, and checkpoints (each syncs the WAL too). */
export interface WalCheckpointCounts {
  walSyncs: number;
  checkpoints: number;
}

export interface WalCheckpointer {
  /** The worker's counts (bench:sync, tests). */
  counts(): Promise<WalCheckpointCounts>;
  stop(): Promise<void>;
}

export interface WalCheckpointTiming {
  /** How often the WAL is synced: the most a power cut can take (default 1 s). */
  intervalMs: number;
  /** Every how many intervals the sync is a checkpoint, which copies the WAL into the database (default 5). */
  checkpointEvery: number;
}

export const DEFAULT_WAL_CHECKPOINT_TIMING: WalCheckpointTiming = { intervalMs: 1000, checkpointEvery: 5 };

export function startWalCheckpointer(db: Db, log: Logger, timing: WalCheckpointTiming = DEFAULT_WAL_CHECKPOINT_TIMING): WalCheckpointer | null {
  const { intervalMs } = timing;
  const checkpointEvery = Math.max(1, Math.floor(timing.checkpointEvery));
  if (db.memory || !db.open || String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
  const previous = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${previous}`);
  };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: db.name, driver: createRequire(import.meta.url).resolve('better-sqlite3'), intervalMs, checkpointEvery },
    });
  } catch (err) {
    log('warn', 'WAL checkpoint worker not started; SQLite checkpoints automatically', { error: (err as Error).message });
    return null;
  }
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  let lastError = '';
  worker.on('message', (msg: { error?: string }) => {
    // Checkpoints can be busy now and then (a long reader); log each distinct error once.
    if (msg.error && msg.error !== lastError) {
      lastError = msg.error;
      log('warn', 'WAL checkpoint failed', { error: msg.error });
    }
  });
  worker.on('error', (err) => {
    log('error', 'WAL checkpoint worker failed; SQLite checkpoints automatically again', { error: err.message });
    restore();
  });
  let exited = false;
  worker.on('exit', () => {
    exited = true;
    if (!stopped) restore();
  });
  return {
    counts() {
      return new Promise<WalCheckpointCounts>((resolve, reject) => {
        if (stopped || exited) {
          reject(new Error('the WAL checkpoint worker is not running'));
          return;
        }
        // A worker that ends before it answers would leave the caller waiting for ever.
        const onExit = () => reject(new Error('the WAL checkpoint worker ended before it answered'));
        const onMessage = (msg: { counts?: WalCheckpointCounts }) => {
          if (!msg.counts) return;
          worker.off('message', onMessage);
          worker.off('exit', onExit);
          resolve(msg.counts);
        };
        worker.on('message', onMessage);
        worker.once('exit', onExit);
        worker.postMessage('counts');
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), 5000);
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.on('message', (msg: { stopped?: boolean }) => {
          if (msg.stopped) void worker.terminate();
        });
        worker.postMessage('stop');
      });
      restore();
    },
  };
}
