/**
 * Folds stored rows into a snapshot in a worker thread (fold-thread.cjs), so PostgreSQL compaction never runs Yjs on
 * the event loop (issue #16: the server's event loop stalled up to 139-147 ms under load while compaction merged
 * updates on it). The rows and the snapshot are copied to the worker; the folded state comes back transferred. Jobs
 * run one at a time, in order; the thread starts with the first one. When it cannot start, or fails, folds run on the
 * calling thread (yjs-rows.ts foldRows): slower for the other sockets, never wrong (a fold in flight when it fails is
 * rejected: that compaction rolls back and the next one runs).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { foldRows, type Fold, type SnapshotRow, type UpdateRow } from '../yjs-rows';

type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface Folder {
  /** yjs-rows.ts foldRows, computed in the worker thread. */
  fold(snapshot: SnapshotRow | undefined, rows: readonly UpdateRow[]): Promise<Fold>;
  /** Folds done in the worker (the rest ran on the calling thread after a failure). */
  readonly foldedInWorker: number;
  stop(): Promise<void>;
}

type FromThread = { id: number; fold?: Fold; error?: string };

export function startFoldWorker(log: Logger): Folder {
  let worker: Worker | null = null;
  /** Set once the thread failed or stopped: folds run on the calling thread from then on. */
  let off = false;
  let nextId = 1;
  let inWorker = 0;
  const pending = new Map<number, { resolve: (f: Fold) => void; reject: (e: Error) => void }>();

  const giveUp = (err: Error) => {
    if (off) return;
    off = true;
    worker = null;
    log('error', 'Fold worker failed; documents are compacted on the main thread from now on', { error: err.message });
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };

  /** The thread starts with the first fold: a store that never compacts (an inspector, a short test) costs none. */
  const thread = (): Worker | null => {
    if (worker || off) return worker;
    try {
      const require = createRequire(import.meta.url);
      const w = new Worker(new URL('./fold-thread.cjs', import.meta.url), { workerData: { role: 'fold', yjs: require.resolve('yjs') } });
      w.unref();
      w.on('message', (msg: FromThread) => {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (!p) return;
        if (msg.error !== undefined) return p.reject(new Error(msg.error));
        inWorker++;
        p.resolve(msg.fold!);
      });
      w.on('error', giveUp);
      w.on('exit', (code) => giveUp(new Error(`fold worker exited with code ${code}`)));
      worker = w;
    } catch (err) {
      off = true;
      log('warn', 'Fold worker not started; documents are compacted on the main thread', { error: (err as Error).message });
    }
    return worker;
  };

  return {
    get foldedInWorker() {
      return inWorker;
    },
    fold(snapshot, rows) {
      const w = thread();
      if (!w) return Promise.resolve(foldRows(snapshot, rows));
      const id = nextId++;
      const job = new Promise<Fold>((resolve, reject) => pending.set(id, { resolve, reject }));
      w.postMessage({ id, snapshot: snapshot ?? null, rows });
      return job;
    },
    async stop() {
      const w = worker;
      off = true;
      worker = null;
      for (const p of pending.values()) p.reject(new Error('fold worker stopped'));
      pending.clear();
      if (w) await w.terminate();
    },
  };
}
