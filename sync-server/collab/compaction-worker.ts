/**
 * Moves document compaction off the event loop.
 *
 * Folding a document's stored updates into its snapshot decodes and merges every one of them with Yjs, which takes
 * milliseconds to tens of milliseconds per document; run on the event loop that relays live updates, every socket
 * waits meanwhile (issue #16: the server's event loop stalled up to 139-147 ms under load). A worker thread with its
 * own SQLite connection does it instead (compaction-thread.cjs), holding the write lock only for the final short
 * write. Jobs run one at a time, in order (LiveDoc asks once per document at a time).
 *
 * In-memory databases (tests) have no second connection to share them: there `start` returns null and compaction
 * stays synchronous (DocStore.compact).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/open';
import type { CompactionResult } from './doc-store';
import type { Logger } from './live-doc';

export interface Compactor {
  /** Compacts the document in the worker; resolves with what DocStore.compact would have answered. */
  compact(docName: string): Promise<CompactionResult>;
  /** Finishes the jobs already sent, then closes the worker's connection. */
  stop(): Promise<void>;
}

type FromThread =
  | { type: 'result'; id: number; result?: CompactionResult; error?: string }
  | { type: 'stopped' };

const STOP_TIMEOUT_MS = 10_000;

export function startCompactionWorker(db: Db, log: Logger): Compactor | null {
  if (db.memory || !db.open) return null;
  const require = createRequire(import.meta.url);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./compaction-thread.cjs', import.meta.url), {
      workerData: { role: 'compaction', file: db.name, driver: require.resolve('better-sqlite3'), yjs: require.resolve('yjs') },
    });
  } catch (err) {
    log('warn', 'Compaction worker not started; documents are compacted on the main thread', { error: (err as Error).message });
    return null;
  }
  worker.unref();
  let nextId = 1;
  let failed: Error | null = null;
  let stopping: Promise<void> | null = null;
  const pending = new Map<number, { resolve: (r: CompactionResult) => void; reject: (e: Error) => void }>();

  const failAll = (err: Error) => {
    failed = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (msg: FromThread) => {
    if (msg.type !== 'result') return;
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (!p) return;
    if (msg.error !== undefined) p.reject(new Error(msg.error));
    else p.resolve(msg.result!);
  });
  worker.on('error', (err) => {
    log('error', 'Compaction worker failed; stored updates stay as they are until the next start', { error: err.message });
    failAll(err);
  });
  worker.on('exit', () => failAll(failed ?? new Error('compaction worker stopped')));

  return {
    compact(docName) {
      if (failed) return Promise.reject(failed);
      if (stopping) return Promise.resolve({ compacted: false, reason: 'nothing-to-do' });
      const id = nextId++;
      const job = new Promise<CompactionResult>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.postMessage({ type: 'compact', id, doc: docName });
      return job;
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        if (failed) return resolve();
        const timer = setTimeout(() => void worker.terminate().then(() => resolve()), STOP_TIMEOUT_MS);
        worker.on('message', (msg: FromThread) => {
          if (msg.type !== 'stopped') return;
          clearTimeout(timer);
          void worker.terminate().then(() => resolve());
        });
        worker.postMessage({ type: 'stop' });
      });
      return stopping;
    },
  };
}
