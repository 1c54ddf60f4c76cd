/**
 * Moves SQLite WAL checkpoints off the event loop.
 *
 * better-sqlite3 is synchronous, and with the default automatic checkpoint the
 * commit that crosses 1000 WAL pages copies them into the database and fsyncs,
 * stalling every socket for 5-50 ms on an ordinary disk (measured: commit p99.9
 * 4-15 ms, max 9-47 ms, versus max 3 ms without). The collab server writes an
 * update per message, so it hits that often. Here a worker thread with its own
 * connection runs PASSIVE checkpoints every second instead; the main connection
 * only appends to the WAL. If the worker fails, automatic checkpoints come back.
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
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (msg) => {
  if (msg !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(db: Db, log: Logger, intervalMs = 1000): WalCheckpointer | null {
  if (db.memory || !db.open || String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return null;
  const previous = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${previous}`);
  };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: db.name, driver: createRequire(import.meta.url).resolve('better-sqlite3'), intervalMs },
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
  worker.on('exit', () => {
    if (!stopped) restore();
  });
  return {
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
