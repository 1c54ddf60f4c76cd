/**
 * Loaded documents by name: loads on first use, unloads documents nobody has
 * used for a while (after compacting them), and makes sure a document with
 * unsaved changes stays in memory.
 */
import * as Y from 'yjs';
import { parseDocName, type DocKind } from '../../src/domain/access';
import type { DocSizeCaps } from '../../src/domain/doc-schema';
import type { DocumentStorage } from '../storage/document-storage';
import type { CollabHooks } from './hooks';
import type { PersistenceOptions } from './limits';
import { LiveDoc, type Logger } from './live-doc';
import type { TurnCommits } from './turn-commits';
import type { LoadedDoc } from '../storage/document-storage';

export interface DocRegistryDeps {
  store: DocumentStorage;
  persistence: PersistenceOptions;
  log: Logger;
  hooks?: Required<CollabHooks>;
  /** A deleted interview's documents are never loaded again (an edit arriving late would store them anew). */
  isDeleted?: (interviewId: string) => boolean;
  /** Size caps per document kind (limits.ts resolveSizeCaps). */
  caps: (kind: DocKind) => DocSizeCaps;
  /**
   * Cluster mode (sync-server/cluster/interview-ownership.ts): a document is loaded only under its interview's
   * lease, writes carry the lease's epoch, and the lease is given up when nothing of the interview is loaded.
   */
  ownership?: RegistryOwnership;
  /** SQLite: each turn's client updates of every document in one transaction (turn-commits.ts). */
  turnCommits?: TurnCommits;
}

/** An HTTP request served under an interview's lease (holdForRequest). */
export interface RequestHold {
  /** The lease epoch the request was admitted under; undefined without ownership (one node). */
  epoch: number | undefined;
  /** Call when the request ends (the lease may then go back after the idle time). */
  done: () => void;
}

/** What the registry needs of the interview leases. */
export interface RegistryOwnership {
  /** The epoch to load and write the interview under; rejects (NotOwnerError) while another node holds it. */
  claim(interviewId: string): Promise<number>;
  /** The epoch still held and trusted, or null (lost while a document was loading). */
  epochOf(interviewId: string): number | null;
  release(interviewId: string): Promise<void>;
  writeRefused(interviewId: string, epoch: number): void;
}

export class DocRegistry {
  private readonly docs = new Map<string, LiveDoc>();
  /** Loads under way: a second request for the same document waits for the first load instead of starting another. */
  private readonly loading = new Map<string, Promise<LiveDoc>>();
  private readonly idleTimers = new Map<LiveDoc, NodeJS.Timeout>();
  /** Cluster mode: HTTP requests of each interview being served here now (holdForRequest). */
  private readonly requests = new Map<string, number>();
  /** Cluster mode: after an interview's last request, how long its lease stays here without a loaded document. */
  private readonly lingering = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly deps: DocRegistryDeps) {}

  get size(): number {
    return this.docs.size;
  }

  values(): IterableIterator<LiveDoc> {
    return this.docs.values();
  }

  /** The document if it is in memory now (no load). */
  peek(name: string): LiveDoc | undefined {
    return this.docs.get(name);
  }

  /** The loaded document, loading it from storage if needed. Rejects if the name is invalid or storage fails. */
  get(name: string): Promise<LiveDoc> {
    const existing = this.docs.get(name);
    // In cluster mode a loaded copy stays served until its lease is lost (interview-ownership.ts steps down then);
    // whatever it writes meanwhile carries its epoch, which PostgreSQL refuses once another node took over.
    if (existing) {
      // A use restarts the idle countdown; it must not end it. A server-side reader (the status projection's plan,
      // key and assessment reads) attaches no peer, so nothing would schedule the unload again and the document
      // stayed in memory until a socket came and went. A peer that attaches now keeps it: the timer unloads only an
      // idle document, and the peer's leaving starts a new countdown.
      this.restartIdle(existing);
      return Promise.resolve(existing);
    }
    const under = this.loading.get(name);
    if (under) return under;
    const parsed = parseDocName(name);
    if (!parsed) return Promise.reject(new Error(`Not a document name: ${name}`));
    if (this.deps.isDeleted?.(parsed.interviewId)) return Promise.reject(new Error(`The interview of ${name} was deleted`));
    if (this.closed) return Promise.reject(new Error('Collab server is closed'));
    const { ownership } = this.deps;
    const load = (ownership ? ownership.claim(parsed.interviewId) : Promise.resolve(undefined))
      .then((epoch) => this.deps.store.load(name).then((loaded) => ({ loaded, epoch })))
      .then(({ loaded, epoch }) => {
        if (this.closed) throw new Error('Collab server is closed');
        if (this.deps.isDeleted?.(parsed.interviewId)) throw new Error(`The interview of ${name} was deleted`);
        // The lease was lost while loading: what was read may already be behind the new owner.
        if (ownership && ownership.epochOf(parsed.interviewId) !== epoch) throw new Error(`Lost the lease of ${parsed.interviewId} while loading ${name}`);
        return this.install(name, parsed, loaded, epoch);
      })
      .finally(() => this.loading.delete(name));
    this.loading.set(name, load);
    return load;
  }

  /**
   * A read-only view of the document for readers of several interviews at once (the dashboard's comparison): the
   * loaded copy when this node serves it, else the stored state, loaded without the interview's lease, never
   * registered and never written (edits to it go nowhere). Everything relayed was stored first, so the stored state
   * holds every acknowledged update. Rejects if the name is invalid, the interview was deleted or storage fails.
   */
  async readDoc(name: string): Promise<Y.Doc> {
    const existing = this.docs.get(name);
    if (existing) return existing.doc;
    const parsed = parseDocName(name);
    if (!parsed) throw new Error(`Not a document name: ${name}`);
    if (this.deps.isDeleted?.(parsed.interviewId)) throw new Error(`The interview of ${name} was deleted`);
    return (await this.deps.store.load(name)).doc;
  }

  private install(name: string, parsed: { interviewId: string; kind: DocKind }, loaded: LoadedDoc, epoch: number | undefined): LiveDoc {
    if (loaded.unreadable.length > 0) {
      this.deps.log('error', 'Stored document rows could not be applied; serving the rest, rows kept for inspection', {
        doc: name,
        seqs: loaded.unreadable,
      });
    }
    const stored = { updates: loaded.storedUpdates, lastSeq: loaded.lastSeq, bytes: loaded.storedBytes, owners: loaded.owners };
    const live = new LiveDoc(name, parsed.interviewId, parsed.kind, loaded.doc, stored, this.deps.caps(parsed.kind), {
      store: this.deps.store,
      persistence: this.deps.persistence,
      log: this.deps.log,
      ...(this.deps.hooks ? { hooks: this.deps.hooks } : {}),
      onMaybeIdle: (doc) => this.scheduleIdle(doc),
      ...(this.deps.turnCommits ? { turnCommits: this.deps.turnCommits } : {}),
      ...(epoch !== undefined
        ? { epoch, onStaleEpoch: (doc: LiveDoc, err: { epoch: number }) => this.deps.ownership?.writeRefused(doc.interviewId, err.epoch) }
        : {}),
    });
    this.docs.set(name, live);
    this.deps.hooks?.onDocumentLoaded({
      name,
      interviewId: parsed.interviewId,
      kind: parsed.kind,
      doc: live.doc,
      lastSeq: loaded.lastSeq,
      status: live,
    });
    // Loaded but not yet used (server-side access, or an upgrade that failed its handshake).
    this.scheduleIdle(live);
    return live;
  }

  scheduleIdle(doc: LiveDoc): void {
    if (!doc.isIdle() || this.idleTimers.has(doc) || doc.unloaded) return;
    const timer = setTimeout(() => {
      this.idleTimers.delete(doc);
      if (doc.isIdle()) this.unload(doc, true);
    }, this.deps.persistence.idleUnloadMs);
    timer.unref();
    this.idleTimers.set(doc, timer);
  }

  private restartIdle(doc: LiveDoc): void {
    this.cancelIdle(doc);
    this.scheduleIdle(doc);
  }

  private cancelIdle(doc: LiveDoc): void {
    const timer = this.idleTimers.get(doc);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(doc);
  }

  /** Removes the document from memory; `compact` first folds its updates into the snapshot. */
  unload(doc: LiveDoc, compact: boolean): void {
    if (this.docs.get(doc.name) !== doc) return;
    this.cancelIdle(doc);
    // Compaction works on storage, not on this copy, so it may finish after the document left memory.
    if (compact) void doc.compact();
    this.docs.delete(doc.name);
    doc.unload((update) => this.applyLateEdit(doc.name, update));
    this.deps.hooks?.onDocumentUnloaded({
      name: doc.name,
      interviewId: doc.interviewId,
      kind: doc.kind,
      doc: doc.doc,
      lastSeq: doc.lastStoredSeq,
    });
    this.releaseIfUnused(doc.interviewId);
  }

  /**
   * Cluster mode: an HTTP request of the interview (its API, an upload part, the dashboard's candidate page) is
   * served here. Claims the lease (NotOwnerError while another live node holds it), which then stays while the
   * request runs and for the idle-unload time after the last one, as for a document nobody uses, so a burst of
   * upload parts does not take a new epoch per part. Resolves with the epoch the request is served under (its writes
   * carry it: uploads) and what to call when the request ends.
   */
  async holdForRequest(interviewId: string): Promise<RequestHold> {
    const { ownership } = this.deps;
    if (!ownership) return { epoch: undefined, done: () => undefined };
    if (this.closed) throw new Error('Collab server is closed');
    // Counted before the claim: a document unloaded meanwhile does not give the lease back under the request.
    this.requests.set(interviewId, (this.requests.get(interviewId) ?? 0) + 1);
    this.stopLingering(interviewId);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const left = (this.requests.get(interviewId) ?? 1) - 1;
      if (left > 0) return void this.requests.set(interviewId, left);
      this.requests.delete(interviewId);
      if (this.closed) return;
      // A deleted interview has nothing left to serve: its lease goes back with its last request.
      if (this.deps.isDeleted?.(interviewId)) return this.releaseIfUnused(interviewId);
      const timer = setTimeout(() => {
        this.lingering.delete(interviewId);
        this.releaseIfUnused(interviewId);
      }, this.deps.persistence.idleUnloadMs);
      timer.unref();
      this.lingering.set(interviewId, timer);
    };
    try {
      return { epoch: await ownership.claim(interviewId), done: end };
    } catch (err) {
      end();
      throw err;
    }
  }

  private stopLingering(interviewId: string): void {
    const timer = this.lingering.get(interviewId);
    if (timer) clearTimeout(timer);
    this.lingering.delete(interviewId);
  }

  /** Cluster mode: nothing of the interview is loaded, loading or requested here any more, so its lease goes back. */
  private releaseIfUnused(interviewId: string): void {
    if (!this.deps.ownership || this.closed) return;
    if (this.requests.has(interviewId) || this.lingering.has(interviewId)) return;
    const prefix = `${interviewId}.`;
    for (const name of this.docs.keys()) if (name.startsWith(prefix)) return;
    for (const name of this.loading.keys()) if (name.startsWith(prefix)) return;
    void this.deps.ownership.release(interviewId);
  }

  /** An edit made on a Y.Doc after it was unloaded (a server-side holder kept it): store and relay it through the live copy. */
  private applyLateEdit(name: string, update: Uint8Array): void {
    const failed = (err: unknown) =>
      this.deps.log('error', 'Could not apply an edit made to an unloaded document', { doc: name, error: (err as Error).message });
    if (this.closed) {
      this.deps.store.commit(name, [update], []).catch(failed);
      return;
    }
    this.get(name).then((live) => Y.applyUpdate(live.doc, update, 'server'), failed);
  }

  /**
   * Drops an interview's loaded documents without storing what they hold unsaved (the interview is being deleted):
   * returns them so the caller can close their peers.
   */
  discardInterview(interviewId: string): LiveDoc[] {
    const prefix = `${interviewId}.`;
    const dropped = [...this.docs.values()].filter((d) => d.name.startsWith(prefix));
    for (const doc of dropped) {
      doc.takeUnsaved();
      this.cancelIdle(doc);
      this.docs.delete(doc.name);
      // Edits made later by a server-side holder go nowhere: the interview is gone (or, after a step-down, owned elsewhere).
      doc.unload(() => undefined);
    }
    this.releaseIfUnused(interviewId);
    return dropped;
  }

  /** Writes every unsaved change now; resolves with how many are still unsaved. */
  async flushAll(): Promise<number> {
    const docs = [...this.docs.values()];
    await Promise.all(docs.map((doc) => doc.flush()));
    return docs.reduce((n, doc) => n + doc.unsavedCount, 0);
  }

  /** The loaded documents, live: a walk over it (the presence sweep, sliced-round.ts) sees loads and unloads as they happen. */
  liveDocs(): ReadonlyMap<string, LiveDoc> {
    return this.docs;
  }

  /** Shutdown: unload everything without compacting (compaction is optional work; the next load schedules it). */
  unloadAll(): void {
    this.closed = true;
    for (const iid of [...this.lingering.keys()]) this.stopLingering(iid);
    for (const doc of [...this.docs.values()]) this.unload(doc, false);
  }
}
