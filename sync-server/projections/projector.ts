/**
 * Keeps projections (projection.ts) exact and resumable:
 *
 * - Live: on every *settled* stored update (collab/hooks.ts) of a kind a
 *   projection reads, the document is queued; shortly after (one debounce, so a
 *   burst of updates costs one apply), each queued document is applied and its
 *   watermark set to the last stored sequence number, in one transaction. The
 *   in-memory document equals the stored state up to that number at that
 *   moment (no unsaved change is pending; otherwise the retry's event re-queues it).
 * - Start-up (`catchUp`): a projection whose stored version differs from the
 *   code's is dropped and rebuilt from storage; otherwise every stored document
 *   whose last sequence number is past its watermark (a crash between the
 *   update's INSERT and the projection's transaction, a server without this
 *   projection) is applied again from storage, and watermarks of documents no
 *   longer stored are forgotten with their rows.
 * - Storage means the snapshot plus the updates after it (DocumentStorage.load,
 *   SQLite or PostgreSQL): compaction deletes older update rows, so a rebuild
 *   never replays the log from the beginning. A batch's documents are read
 *   first (awaited), then applied in one SQLite transaction; a document whose
 *   watermark moved past what was read meanwhile (a live update applied while
 *   the batch was loading) is skipped, so a read never rolls a projection back.
 * - Other nodes (several processes on one PostgreSQL, issue #16): this node's
 *   hooks see only the documents it serves. `follow` is fed the store's notices
 *   (DocumentStorage.watchStored: "<doc> stored up to <seq>", "interview deleted")
 *   and catches each such document up from storage exactly as a start-up
 *   catch-up would (same batch, same watermark rule), so rows are replaced,
 *   never added twice, and a notice for a document already at or past its seq
 *   costs nothing. Notices are batched for `followDelayMs` (1 s): each catch-up reads the whole document, so a
 *   document written many times a second is read once per batch, not once per commit. A notice lost while not listening is made good by `resync`
 *   (the store calls it after every reconnection): every stored document past
 *   its watermark is applied.
 */
import type * as Y from 'yjs';
import { parseDocName } from '../../src/domain/access';
import type { CollabHooks, DocPersistenceStatus, DocRef } from '../collab/hooks';
import type { DocumentStorage, LoadedDoc, StoredDocListener, StoredDocSeq } from '../storage/document-storage';
import type { Logger } from '../collab/live-doc';
import type { Db } from '../db/open';
import type { Projection } from './projection';

export interface ProjectorOptions {
  db: Db;
  /** Reads stored documents (snapshot + later updates), from whichever database holds them. */
  store: Pick<DocumentStorage, 'load' | 'storedDocs'>;
  projections: readonly Projection[];
  log: Logger;
  /** Wait after a stored update before applying (coalesces bursts). Default 25 ms. */
  debounceMs?: number;
  /**
   * Wait after a notice from another node before reading and applying what it announced. Default 1000 ms. Each apply
   * reads the whole document from storage (snapshot and later updates), and every node does it for every document
   * any node stores: with the live path's 25 ms, someone typing in a staff note made every other node read that
   * document again for each keystroke's commit (bench:cluster). Notices arriving meanwhile join the same batch, so a
   * document is read at most about once per this delay, and another node's dashboard is that much later.
   */
  followDelayMs?: number;
  /** Documents applied per transaction during a rebuild or catch-up. Default 500. */
  batchSize?: number;
}

export interface CatchUpReport {
  /** Projections dropped and rebuilt because their version changed (or they were never built). */
  rebuilt: string[];
  /** Documents applied from storage. */
  applied: number;
  /** Documents whose rows were removed because nothing is stored for them any more. */
  forgotten: number;
  ms: number;
}

export interface Projector {
  /** Plug into createCollabServer({ hooks: [projector.hooks] }). */
  readonly hooks: CollabHooks;
  /** Run before accepting connections: rebuilds changed projections, catches up documents past their watermark. */
  catchUp(): Promise<CatchUpReport>;
  /** Drops one projection's tables and rebuilds them from storage (all projections when no name is given). */
  rebuild(name?: string): Promise<CatchUpReport>;
  /** Applies queued documents now (tests, shutdown, before answering a query that must see the latest write). */
  flush(): void;
  /** The watermark of one document in one projection; 0 when never applied. */
  watermark(projection: string, doc: string): number;
  /** Removes every projected row and watermark of one interview's documents (the interview was deleted). */
  forgetInterview(interviewId: string): void;
  /** Plug into DocumentStorage.watchStored: keeps documents other nodes store live here too. */
  readonly follow: StoredDocListener;
  /** Resolves once every followed notice received so far has been applied (tests, shutdown). */
  followed(): Promise<void>;
  /** What following other nodes has cost this node since it started (`/healthz` checks.readModels, bench:cluster). */
  followStats(): FollowStats;
  close(): void;
}

/**
 * Counters of the work `follow` did: every node projects every document any node stores (issue #16), so this is the
 * price a node pays for the others' interviews. Times are this process's event-loop time, not CPU time measured by
 * the kernel: `applyMs` is the synchronous SQLite part, `busyMs` whole steps from the first read to the last write
 * (PostgreSQL's answers included).
 */
export interface FollowStats {
  /** "stored" notices heard. */
  notices: number;
  /** Notices that asked for nothing (a document this node serves, a kind no projection reads, already applied). */
  skipped: number;
  /** Documents read from storage and applied because another node stored them. */
  applied: number;
  /** Follow steps run (each a debounced batch of notices, or a resync). */
  steps: number;
  busyMs: number;
  applyMs: number;
}

interface Queued {
  ref: DocRef;
  doc: Y.Doc;
  status: DocPersistenceStatus;
}

export function createProjector(opts: ProjectorOptions): Projector {
  const { db, store, projections, log } = opts;
  const debounceMs = opts.debounceMs ?? 25;
  const followDelayMs = opts.followDelayMs ?? 1_000;
  const batchSize = opts.batchSize ?? 500;
  const byKind = new Map<string, Projection[]>();
  for (const p of projections) for (const k of p.kinds) byKind.set(k, [...(byKind.get(k) ?? []), p]);

  const getVersion = db.prepare<[string], { version: number }>('SELECT version FROM projection_state WHERE projection = ?');
  const setVersion = db.prepare<[string, number, number]>(
    `INSERT INTO projection_state (projection, version, built_at) VALUES (?, ?, ?)
     ON CONFLICT(projection) DO UPDATE SET version = excluded.version, built_at = excluded.built_at`,
  );
  const getMark = db.prepare<[string, string], { seq: number }>('SELECT seq FROM projection_watermarks WHERE projection = ? AND doc = ?');
  const setMark = db.prepare<[string, string, number]>(
    `INSERT INTO projection_watermarks (projection, doc, seq) VALUES (?, ?, ?)
     ON CONFLICT(projection, doc) DO UPDATE SET seq = excluded.seq`,
  );
  const marksOf = db.prepare<[string], { doc: string; seq: number }>('SELECT doc, seq FROM projection_watermarks WHERE projection = ?');
  const dropMark = db.prepare<[string, string]>('DELETE FROM projection_watermarks WHERE projection = ? AND doc = ?');
  const dropMarks = db.prepare<[string]>('DELETE FROM projection_watermarks WHERE projection = ?');

  const queue = new Map<string, Queued>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  /** Documents this node has loaded: its own hooks keep their projections live, so notices about them are skipped. */
  const live = new Set<string>();
  /** Documents another node stored past their watermark here, with the highest seq announced; applied in order. */
  const remote = new Map<string, number>();
  let remoteTimer: NodeJS.Timeout | null = null;
  let following: Promise<void> = Promise.resolve();
  const stats: FollowStats = { notices: 0, skipped: 0, applied: 0, steps: 0, busyMs: 0, applyMs: 0 };
  /** Counts forgetInterview calls, and the count at each interview's last one: a load begun before it is stale. */
  let forgets = 0;
  const forgottenAt = new Map<string, number>();

  const refOf = (name: string): DocRef | null => {
    const parsed = parseDocName(name);
    return parsed ? { name, interviewId: parsed.interviewId, kind: parsed.kind } : null;
  };

  /** Applies one document's state to the given projections and records `seq`; the caller holds a transaction. */
  const applyDoc = (targets: readonly Projection[], ref: DocRef, doc: Y.Doc, seq: number): void => {
    for (const p of targets) {
      p.apply(ref, doc);
      setMark.run(p.name, ref.name, seq);
    }
  };

  /** Lets projections finish what they deferred (endBatch); the caller holds the transaction. */
  const endBatch = (targets: readonly Projection[]): void => {
    for (const p of targets) p.endBatch?.();
  };

  const applyQueued = db.transaction((items: Queued[]) => {
    for (const q of items) applyDoc(byKind.get(q.ref.kind) ?? [], q.ref, q.doc, q.status.lastStoredSeq);
    endBatch(projections);
  });

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    // A document with unsaved changes is ahead of storage: its retry fires a settled event that queues it again.
    const ready = [...queue.values()].filter((q) => q.status.unsavedCount === 0);
    queue.clear();
    if (ready.length === 0) return;
    try {
      applyQueued(ready);
    } catch (err) {
      // The watermarks did not move either (same transaction): catch-up at the next start applies them.
      log('error', 'Projection update failed; it is retried from storage at the next start', {
        docs: ready.map((q) => q.ref.name),
        error: (err as Error).message,
      });
    }
  }

  function enqueue(q: Queued): void {
    if (closed || !byKind.has(q.ref.kind)) return;
    queue.set(q.ref.name, q);
    if (!timer) {
      timer = setTimeout(flush, debounceMs);
      timer.unref();
    }
  }

  const hooks: CollabHooks = {
    onUpdateStored(e) {
      if (e.settled) enqueue({ ref: e, doc: e.doc, status: e.status });
    },
    onDocumentLoaded(e) {
      live.add(e.name);
      // A projection that missed this document's last updates (crash after the INSERT) catches up on load.
      const targets = byKind.get(e.kind);
      if (!targets || e.lastSeq === 0) return;
      if (targets.some((p) => (getMark.get(p.name, e.name)?.seq ?? 0) < e.lastSeq)) enqueue({ ref: e, doc: e.doc, status: e.status });
    },
    onDocumentUnloaded(e) {
      live.delete(e.name);
      // Apply a queued document while its state is still the stored one; afterwards the copy no longer follows storage.
      if (queue.has(e.name)) flush();
    },
  };

  /** Applies stored documents to `targets` in batches; `docs` names them with their last stored seq. */
  async function applyFromStorage(targets: readonly Projection[], docs: ReadonlyArray<{ doc: string; lastSeq: number }>, timed?: FollowStats): Promise<number> {
    let applied = 0;
    const kinds = new Set(targets.flatMap((p) => p.kinds));
    // Grouped by interview, so a batch holds all of an interview's documents and its combined rows are computed once.
    const wanted = docs
      .map((d) => ({ ...d, ref: refOf(d.doc) }))
      .filter((d) => d.ref && kinds.has(d.ref.kind))
      .sort((a, b) => (a.ref!.interviewId < b.ref!.interviewId ? -1 : a.ref!.interviewId > b.ref!.interviewId ? 1 : 0));
    const forgetsBefore = forgets;
    const batch = db.transaction((items: ReadonlyArray<{ ref: DocRef; loaded: LoadedDoc }>) => {
      for (const { ref, loaded } of items) {
        // Read before its interview was deleted (or nothing stored any more): applying it would bring the rows back.
        if ((forgottenAt.get(ref.interviewId) ?? -1) >= forgetsBefore || loaded.lastSeq === 0) continue;
        if (loaded.unreadable.length > 0) {
          log('error', 'Stored document rows could not be applied while projecting; projecting the rest', { doc: ref.name, seqs: loaded.unreadable });
        }
        const forKind = targets.filter((p) => p.kinds.includes(ref.kind));
        // A live update applied while this batch was being read is newer than what was read: keep it.
        const fresh = forKind.filter((p) => (getMark.get(p.name, ref.name)?.seq ?? 0) <= loaded.lastSeq);
        applyDoc(fresh, ref, loaded.doc, loaded.lastSeq);
        applied++;
      }
      endBatch(targets);
    });
    for (let i = 0; i < wanted.length; ) {
      let end = Math.min(wanted.length, i + batchSize);
      // Never split an interview across two batches: extend to its last document.
      while (end < wanted.length && wanted[end]!.ref!.interviewId === wanted[end - 1]!.ref!.interviewId) end++;
      const items: Array<{ ref: DocRef; loaded: LoadedDoc }> = [];
      try {
        for (const item of wanted.slice(i, end)) items.push({ ref: item.ref!, loaded: await store.load(item.doc) });
        if (closed) break;
        const started = performance.now();
        batch(items);
        if (timed) timed.applyMs += performance.now() - started;
      } finally {
        for (const item of items) item.loaded.doc.destroy();
      }
      i = end;
    }
    return applied;
  }

  function dropAndCreate(p: Projection): void {
    db.transaction(() => {
      for (const t of [...p.tables].reverse()) db.exec(`DROP TABLE IF EXISTS "${t}"`);
      dropMarks.run(p.name);
      p.setup(db);
      setVersion.run(p.name, p.version, Date.now());
    })();
  }

  async function rebuild(name?: string): Promise<CatchUpReport> {
    const started = performance.now();
    flush();
    const targets = projections.filter((p) => name === undefined || p.name === name);
    if (name !== undefined && targets.length === 0) throw new Error(`No projection named ${name}`);
    for (const p of targets) dropAndCreate(p);
    const applied = await applyFromStorage(targets, await store.storedDocs());
    const report = { rebuilt: targets.map((p) => p.name), applied, forgotten: 0, ms: Math.round(performance.now() - started) };
    log('info', 'Projections rebuilt from stored updates', { ...report });
    return report;
  }

  /**
   * Applies every stored document past its watermark in `current` projections; forgets documents no longer stored.
   * The watermarks are read before storage: a document first projected after that (a live update meanwhile) is not
   * in them, so it is never taken for one that storage no longer holds.
   */
  async function catchUpBehind(current: readonly Projection[], readStored: () => Promise<readonly StoredDocSeq[]>): Promise<{ applied: number; forgotten: number }> {
    let applied = 0;
    let forgotten = 0;
    const marksOfEach = new Map(current.map((p) => [p.name, new Map(marksOf.all(p.name).map((m) => [m.doc, m.seq]))]));
    const stored = await readStored();
    const storedNames = new Set(stored.map((d) => d.doc));
    for (const p of current) {
      const marks = marksOfEach.get(p.name)!;
      const behind = stored.filter((d) => (marks.get(d.doc) ?? 0) < d.lastSeq);
      applied += await applyFromStorage([p], behind);
      for (const doc of marks.keys()) {
        if (storedNames.has(doc) || live.has(doc)) continue;
        const ref = refOf(doc);
        db.transaction(() => {
          if (ref) p.forget(ref);
          dropMark.run(p.name, doc);
          p.endBatch?.();
        })();
        forgotten++;
      }
    }
    return { applied, forgotten };
  }

  async function catchUp(): Promise<CatchUpReport> {
    const started = performance.now();
    const stale: Projection[] = [];
    for (const p of projections) {
      if (getVersion.get(p.name)?.version === p.version) p.setup(db);
      else stale.push(p);
    }
    for (const p of stale) dropAndCreate(p);
    const stored = await store.storedDocs();
    const rebuiltRows = stale.length > 0 ? await applyFromStorage(stale, stored) : 0;
    const behind = await catchUpBehind(
      projections.filter((p) => !stale.includes(p)),
      async () => stored,
    );
    const applied = rebuiltRows + behind.applied;
    const forgotten = behind.forgotten;
    const report = { rebuilt: stale.map((p) => p.name), applied, forgotten, ms: Math.round(performance.now() - started) };
    if (report.rebuilt.length > 0 || applied > 0 || forgotten > 0) log('info', 'Projections caught up with stored updates', { ...report });
    return report;
  }

  /** One followed step at a time, in order (a resync and a batch of notices never interleave their reads and writes). */
  function serially(step: () => Promise<unknown>): Promise<void> {
    const timedStep = async () => {
      const started = performance.now();
      try {
        await step();
      } finally {
        stats.steps++;
        stats.busyMs += performance.now() - started;
      }
    };
    const next = following.then(timedStep).then(
      () => undefined,
      (err: unknown) => log('error', 'Could not follow documents stored by another node; the next reconnection or start catches up', { error: (err as Error).message }),
    );
    following = next;
    return next;
  }

  function applyRemote(): void {
    if (remoteTimer) clearTimeout(remoteTimer);
    remoteTimer = null;
    if (remote.size === 0 || closed) return;
    void serially(async () => {
      const docs = [...remote].map(([doc, lastSeq]) => ({ doc, lastSeq }));
      remote.clear();
      stats.applied += await applyFromStorage(projections, docs.filter((d) => !live.has(d.doc)), stats);
    });
  }

  const follow: StoredDocListener = {
    stored(doc, seq) {
      const ref = refOf(doc);
      const targets = ref ? byKind.get(ref.kind) : undefined;
      stats.notices++;
      // Served here (the live path keeps it), or already at this seq: nothing to do.
      if (closed || !targets || live.has(doc) || targets.every((p) => (getMark.get(p.name, doc)?.seq ?? 0) >= seq)) {
        stats.skipped++;
        return;
      }
      remote.set(doc, Math.max(seq, remote.get(doc) ?? 0));
      if (!remoteTimer) {
        remoteTimer = setTimeout(applyRemote, followDelayMs);
        remoteTimer.unref();
      }
    },
    deleted(interviewId) {
      if (!closed) forgetInterview(interviewId);
    },
    resync() {
      if (closed) return;
      return serially(async () => {
        const report = await catchUpBehind(projections, () => store.storedDocs());
        stats.applied += report.applied;
        if (report.applied > 0 || report.forgotten > 0) log('info', 'Projections caught up with documents stored by other nodes', { ...report });
      });
    },
  };

  function forgetInterview(interviewId: string): void {
    forgottenAt.set(interviewId, ++forgets);
    for (const name of [...queue.keys()]) if (refOf(name)?.interviewId === interviewId) queue.delete(name);
    for (const name of [...remote.keys()]) if (refOf(name)?.interviewId === interviewId) remote.delete(name);
    db.transaction(() => {
      for (const p of projections) {
        for (const kind of p.kinds) {
          const ref: DocRef = { name: `${interviewId}.${kind}`, interviewId, kind };
          p.forget(ref);
          dropMark.run(p.name, ref.name);
        }
        p.endBatch?.();
      }
    })();
  }

  return {
    hooks,
    catchUp,
    rebuild,
    flush,
    watermark: (projection, doc) => getMark.get(projection, doc)?.seq ?? 0,
    forgetInterview,
    follow,
    followed: async () => {
      applyRemote();
      await following;
    },
    followStats: () => ({ ...stats }),
    close() {
      flush();
      closed = true;
      if (remoteTimer) clearTimeout(remoteTimer);
    },
  };
}
