/**
 * Keeps projections (projection.ts) exact and resumable:
 *
 * - Live: on every *settled* stored update (collab/hooks.ts) of a kind a
 *   projection reads, the document is queued; a quarter of a second after the
 *   first (one debounce, never pushed back by later updates, so a burst of
 *   updates costs one apply and a document waits at most that long), or as soon
 *   as `maxQueued` documents wait, queued documents are applied and their
 *   watermarks set to the last stored sequence number, in one transaction of at
 *   most `maxQueued` documents, oldest first (so one turn of the event loop stays
 *   short: documents queued in the same turn as the one that filled the queue
 *   wait for the next transaction, in the next turn, or for their own debounce).
 *   The in-memory document equals the stored state
 *   up to that number at that moment (no unsaved change is pending; otherwise
 *   the retry's event re-queues it). The debounce is what keeps the number of
 *   SQLite commits down (one per flush, each ~60 µs of CPU); no reader waits for
 *   it: every admin read calls `flush` first, so it sees every settled update.
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
 *   hooks see only the documents it serves, and each interview is served by one
 *   node, its owner. The owner already projects every document it stores, so it
 *   hands what it projected (`project`, the rows' JSON, with the document's seq)
 *   to `publish`; storage/postgres/postgres-projected-docs.ts sends that to the
 *   other nodes once a second, and their `follow.published` applies it with
 *   `applyProjected` under the same watermark rule (a seq at or below the
 *   watermark is skipped, so rows are replaced, never added twice, never rolled
 *   back). No node reads or projects another's documents on this path. A
 *   document is read from storage only when what was published cannot be
 *   applied here (another projection version during a rolling upgrade, or a
 *   projection without `project`), and in batches (`loadMany`). A publication
 *   lost while not listening is made good by `resync` (called after every
 *   reconnection): every stored document past its watermark is read and applied.
 *   What an owner stored but never published (it died within its publication's
 *   second) is made good by `ownerGone` once its lease ran out
 *   (storage/postgres/expired-lease-catch-up.ts): those documents past their
 *   watermark are read and applied the same way.
 */
import type * as Y from 'yjs';
import { parseDocName } from '../../src/domain/access';
import type { CollabHooks, DocPersistenceStatus, DocRef } from '../collab/hooks';
import type { DocumentStorage, LoadedDoc, StoredDocSeq } from '../storage/document-storage';
import type { Logger } from '../collab/live-doc';
import type { Db } from '../db/open';
import type { Projection } from './projection';

export interface ProjectorOptions {
  db: Db;
  /** Reads stored documents (snapshot + later updates), from whichever database holds them. */
  store: Pick<DocumentStorage, 'loadMany' | 'storedDocs'>;
  projections: readonly Projection[];
  log: Logger;
  /** Wait after the first queued update before applying (coalesces bursts into one transaction). Default 250 ms. */
  debounceMs?: number;
  /**
   * The most documents one live transaction applies, and the queue's length that applies them without waiting for
   * the debounce: bounds one turn's time in the projector. Default 32.
   */
  maxQueued?: number;
  /**
   * Several nodes: receives what the live path projected (the documents this node serves), for the other nodes'
   * read models (postgres-projected-docs.ts publishes it). Called after the transaction that applied it committed.
   */
  publish?: (docs: ProjectedDoc[]) => void;
  /** Documents applied per transaction during a rebuild or catch-up. Default 500. */
  batchSize?: number;
}

/** What a projection derived from one document at one stored seq, as published to the other nodes. */
export interface ProjectedDoc {
  projection: string;
  /** The projection's version that derived it: a node running another version reads the document instead. */
  version: number;
  doc: string;
  /** The document's last stored sequence number these rows reflect. */
  seq: number;
  /** What `project` returned; absent for a projection without it (the other nodes then read the document). */
  rows?: unknown;
}

/** What a node hears from the others (storage/postgres/postgres-projected-docs.ts watchProjectedDocs). */
export interface FollowListener {
  /** Another node published projected documents; `read` fetches them (one query), called in this node's turn. */
  published(read: () => Promise<ProjectedDoc[]>): Promise<void>;
  /** Every document of the interview was deleted. */
  deleted(interviewId: string): void;
  /** After every (re)connection, once listening: what was published meanwhile is lost, so compare with storage. */
  resync(): Promise<void> | void;
  /** Document kinds the projections read (the documents `ownerGone` is asked about). */
  readonly kinds: readonly string[];
  /**
   * Documents of interviews whose owner's lease ran out (storage/postgres/expired-lease-catch-up.ts), with their last
   * stored seq: a change the owner stored but died before publishing is read from storage and applied here.
   */
  ownerGone(docs: readonly StoredDocSeq[]): Promise<void>;
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
  /** Plug into watchProjectedDocs: keeps documents other nodes serve live here too. */
  readonly follow: FollowListener;
  /** Resolves once every publication heard so far has been applied (tests, shutdown). */
  followed(): Promise<void>;
  /** What following other nodes has cost this node since it started (`/healthz` checks.readModels, bench:cluster). */
  followStats(): FollowStats;
  /** What the live path's transactions cost since the start (bench:sync prints it per window); see FlushStats. */
  takeFlushStats(): FlushStats;
  close(): void;
}

/**
 * The live path's transactions (one per flush of the queue): their count, the documents they applied, and their
 * event-loop time. The `max` fields cover the transactions since the previous `takeFlushStats`, so a caller that
 * takes them at a window's start and end reads the window's largest; the others count from the start.
 */
export interface FlushStats {
  transactions: number;
  docs: number;
  maxDocs: number;
  ms: number;
  maxMs: number;
}

/**
 * Counters of the work of sharing read models between nodes (issue #16): what this node applied of the others'
 * interviews, and what it published of its own. Times are this process's event-loop time, not CPU time measured by
 * the kernel: `applyMs` is the synchronous SQLite part, `busyMs` whole steps from the first read to the last write
 * (PostgreSQL's answers included).
 */
export interface FollowStats {
  /** Publications of other nodes heard. */
  notices: number;
  /** Published documents that asked for nothing (served here, no such projection, already at or past that seq). */
  skipped: number;
  /** Documents applied from the rows another node published, without reading them. */
  applied: number;
  /** Documents read from storage and applied (a resync after a reconnection; rows of another projection version). */
  read: number;
  /** Of `read`: documents whose owner's lease ran out before it published them (the crash window, `ownerGone`). */
  ownerGone: number;
  /** Documents this node's publisher did not write because no other node listened (app-server.ts adds it). */
  unheard?: number;
  /**
   * Documents handed to this node's publisher, and how many of them have been through a finished publication
   * (postgres-projected-docs.ts `progress`; app-server.ts adds both).
   */
  publisherHanded?: number;
  publisherSettled?: number;
  /** Documents this node's live path handed over for publishing to the others. */
  published: number;
  /**
   * Comparisons of all of storage with the watermarks finished (`resync`, one after every connection of the LISTEN
   * connection): after the first, this node has everything stored before it listened.
   */
  resyncs: number;
  /** Follow steps run (each a publication heard, or a resync). */
  steps: number;
  busyMs: number;
  applyMs: number;
}

interface Queued {
  ref: DocRef;
  doc: Y.Doc;
  status: DocPersistenceStatus;
  /** performance.now() when it joined the queue (a later update of it keeps its place and its deadline). */
  queuedAt: number;
}

export function createProjector(opts: ProjectorOptions): Projector {
  const { db, store, projections, log } = opts;
  const debounceMs = opts.debounceMs ?? 250;
  // At least one: a flush takes up to this many documents at a time until the queue is empty.
  const maxQueued = Math.max(1, opts.maxQueued ?? 32);
  const batchSize = opts.batchSize ?? 500;
  const byKind = new Map<string, Projection[]>();
  for (const p of projections) for (const k of p.kinds) byKind.set(k, [...(byKind.get(k) ?? []), p]);
  const byName = new Map(projections.map((p) => [p.name, p]));

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
  /** The queue reached `maxQueued`: applied right after this turn (not inside the hook, which runs in the write's turn). */
  let immediate: NodeJS.Immediate | null = null;
  let closed = false;
  /** Documents this node has loaded: its own hooks keep their projections live, so notices about them are skipped. */
  const live = new Set<string>();
  let following: Promise<void> = Promise.resolve();
  const stats: FollowStats = { notices: 0, skipped: 0, applied: 0, read: 0, ownerGone: 0, resyncs: 0, published: 0, steps: 0, busyMs: 0, applyMs: 0 };
  /** Counts forgetInterview calls, and the count at each interview's last one: a load begun before it is stale. */
  let forgets = 0;
  const forgottenAt = new Map<string, number>();
  const flushStats: FlushStats = { transactions: 0, docs: 0, maxDocs: 0, ms: 0, maxMs: 0 };

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

  /**
   * The live path: applies a document this node serves and describes what it derived, for the other nodes. A
   * projection with `project` derives once, here, for this node and for every other node.
   */
  const applyLive = (p: Projection, ref: DocRef, doc: Y.Doc, seq: number): ProjectedDoc => {
    setMark.run(p.name, ref.name, seq);
    if (p.project && p.applyProjected) {
      const rows = p.project(ref, doc);
      p.applyProjected(ref, rows);
      return { projection: p.name, version: p.version, doc: ref.name, seq, rows };
    }
    p.apply(ref, doc);
    return { projection: p.name, version: p.version, doc: ref.name, seq };
  };

  const applyQueued = db.transaction((items: Queued[]): ProjectedDoc[] => {
    const projected: ProjectedDoc[] = [];
    for (const q of items) for (const p of byKind.get(q.ref.kind) ?? []) projected.push(applyLive(p, q.ref, q.doc, q.status.lastStoredSeq));
    endBatch(projections);
    return projected;
  });

  /** Applies the oldest `maxQueued` queued documents in one transaction (fewer when some are not ready). */
  function applyOldest(): void {
    const ready: Queued[] = [];
    for (const [name, q] of queue) {
      if (ready.length === maxQueued) break;
      queue.delete(name);
      // A document with unsaved changes is ahead of storage: its retry fires a settled event that queues it again.
      if (q.status.unsavedCount === 0) ready.push(q);
    }
    if (ready.length === 0) return;
    try {
      const started = performance.now();
      const projected = applyQueued(ready);
      countFlush(ready.length, performance.now() - started);
      if (opts.publish && projected.length > 0) {
        stats.published += projected.length;
        opts.publish(projected);
      }
    } catch (err) {
      // The watermarks did not move either (same transaction): catch-up at the next start applies them.
      log('error', 'Projection update failed; it is retried from storage at the next start', {
        docs: ready.map((q) => q.ref.name),
        error: (err as Error).message,
      });
    }
  }

  function cancelScheduled(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (immediate) clearImmediate(immediate);
    immediate = null;
  }

  /** A full queue applies in the next turn; a shorter one when its oldest document's debounce ends. */
  function schedule(): void {
    if (queue.size >= maxQueued) {
      immediate ??= setImmediate(applyScheduled);
    } else if (!timer && queue.size > 0) {
      const oldest = queue.values().next().value as Queued;
      timer = setTimeout(applyScheduled, Math.max(0, oldest.queuedAt + debounceMs - performance.now()));
      timer.unref();
    }
  }

  /** The debounce or the full queue: one transaction in this turn; what is left waits for the next, or its debounce. */
  function applyScheduled(): void {
    cancelScheduled();
    applyOldest();
    schedule();
  }

  /** Applies every queued document now (a reader, an unload, a rebuild, close), in transactions of `maxQueued`. */
  function flush(): void {
    cancelScheduled();
    while (queue.size > 0) applyOldest();
  }

  function countFlush(docs: number, ms: number): void {
    flushStats.transactions++;
    flushStats.docs += docs;
    flushStats.ms += ms;
    flushStats.maxDocs = Math.max(flushStats.maxDocs, docs);
    flushStats.maxMs = Math.max(flushStats.maxMs, ms);
  }

  function enqueue(ref: DocRef, doc: Y.Doc, status: DocPersistenceStatus): void {
    if (closed || !byKind.has(ref.kind)) return;
    const queued = queue.get(ref.name);
    if (queued) {
      queued.doc = doc;
      queued.status = status;
    } else {
      queue.set(ref.name, { ref, doc, status, queuedAt: performance.now() });
    }
    schedule();
  }

  const hooks: CollabHooks = {
    onUpdateStored(e) {
      if (e.settled) enqueue(e, e.doc, e.status);
    },
    onDocumentLoaded(e) {
      live.add(e.name);
      // A projection that missed this document's last updates (crash after the INSERT) catches up on load.
      const targets = byKind.get(e.kind);
      if (!targets || e.lastSeq === 0) return;
      if (targets.some((p) => (getMark.get(p.name, e.name)?.seq ?? 0) < e.lastSeq)) enqueue(e, e.doc, e.status);
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
        // One read for the whole batch (one round trip per table on PostgreSQL, not one per document).
        const slice = wanted.slice(i, end);
        const loaded = await store.loadMany(slice.map((d) => d.doc));
        for (const item of slice) items.push({ ref: item.ref!, loaded: loaded.get(item.doc)! });
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

  /** Applies rows another node published, in one transaction; returns the documents it could not apply (read them). */
  const applyPublished = db.transaction((docs: ReadonlyArray<{ p: Projection; ref: DocRef; d: ProjectedDoc }>, forgetsBefore: number): void => {
    for (const { p, ref, d } of docs) {
      // Deleted after the rows were read, or moved past them meanwhile (this node took the interview over).
      if ((forgottenAt.get(ref.interviewId) ?? -1) >= forgetsBefore || live.has(ref.name) || (getMark.get(p.name, ref.name)?.seq ?? 0) >= d.seq) {
        stats.skipped++;
        continue;
      }
      p.applyProjected!(ref, d.rows);
      setMark.run(p.name, ref.name, d.seq);
      stats.applied++;
    }
    endBatch(projections);
  });

  const follow: FollowListener = {
    published(read) {
      stats.notices++;
      if (closed) return Promise.resolve();
      return serially(async () => {
        const forgetsBefore = forgets;
        const docs = await read();
        if (closed) return;
        const ready: Array<{ p: Projection; ref: DocRef; d: ProjectedDoc }> = [];
        const toRead: Array<{ p: Projection; doc: string; lastSeq: number }> = [];
        for (const d of docs) {
          const ref = refOf(d.doc);
          const p = byName.get(d.projection);
          if (!ref || !p || !p.kinds.includes(ref.kind) || live.has(d.doc) || (getMark.get(p.name, d.doc)?.seq ?? 0) >= d.seq) {
            stats.skipped++;
            continue;
          }
          // Derived by another version of the projection (a rolling upgrade), or shipped without rows: read it here.
          if (d.version !== p.version || d.rows === undefined || !p.applyProjected) toRead.push({ p, doc: d.doc, lastSeq: d.seq });
          else ready.push({ p, ref, d });
        }
        const started = performance.now();
        if (ready.length > 0) applyPublished(ready, forgetsBefore);
        stats.applyMs += performance.now() - started;
        for (const p of new Set(toRead.map((t) => t.p))) {
          stats.read += await applyFromStorage([p], toRead.filter((t) => t.p === p), stats);
        }
      });
    },
    deleted(interviewId) {
      if (!closed) forgetInterview(interviewId);
    },
    kinds: [...byKind.keys()],
    ownerGone(docs) {
      if (closed || docs.length === 0) return Promise.resolve();
      return serially(async () => {
        let applied = 0;
        for (const p of projections) {
          // Served here: this node's own hooks keep it (it took the interview over and loaded it).
          const behind = docs.filter((d) => !live.has(d.doc) && (getMark.get(p.name, d.doc)?.seq ?? 0) < d.lastSeq);
          if (behind.length > 0) applied += await applyFromStorage([p], behind, stats);
        }
        stats.read += applied;
        stats.ownerGone += applied;
        if (applied > 0) log('info', 'Projections caught up with documents whose owner stopped before publishing them', { applied });
      });
    },
    resync() {
      if (closed) return;
      return serially(async () => {
        const report = await catchUpBehind(projections, () => store.storedDocs());
        stats.read += report.applied;
        stats.resyncs++;
        if (report.applied > 0 || report.forgotten > 0) log('info', 'Projections caught up with documents stored by other nodes', { ...report });
      });
    },
  };

  function forgetInterview(interviewId: string): void {
    forgottenAt.set(interviewId, ++forgets);
    for (const name of [...queue.keys()]) if (refOf(name)?.interviewId === interviewId) queue.delete(name);
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
      await following;
    },
    followStats: () => ({ ...stats }),
    takeFlushStats() {
      const taken = { ...flushStats };
      flushStats.maxDocs = 0;
      flushStats.maxMs = 0;
      return taken;
    },
    close() {
      flush();
      closed = true;
    },
  };
}
