/**
 * One loaded document: the Y.Doc, its presence, the connections reading it,
 * and the rule that every change is stored before anyone else sees it.
 *
 * Order for an incoming update: validate (protocol.ts), apply to the Y.Doc,
 * append the resulting change to SQLite, then relay it to every other
 * connection. If the append fails the change stays in memory, is still relayed
 * (a live interview must not freeze because a disk is full; every client keeps
 * its own copy), and is retried with backoff; the document is not unloaded
 * while anything is unsaved.
 */
import * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';
import type { CollabHooks, DocPersistenceStatus } from './hooks';
import type { DocSizeCaps } from '../../src/domain/doc-schema';
import { AwarenessStore } from './awareness-store';
import type { CompactionResult, DocStore } from './doc-store';
import type { Compactor } from './compaction-worker';
import type { PersistenceOptions } from './limits';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type AwarenessEntry } from './protocol';

/** What a document needs from a connection. */
export interface Peer {
  readonly writer: boolean;
  /** Receives the document and others' changes; append-only peers (the audience) send but never receive. */
  readonly reader: boolean;
  send(message: Uint8Array): void;
}

export type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface LiveDocDeps {
  store: DocStore;
  persistence: PersistenceOptions;
  log: Logger;
  /** Lifecycle hooks (hooks.ts); `onUpdateStored` fires after each committed INSERT. */
  hooks?: Required<CollabHooks>;
  /** Called when the last connection leaves or the last unsaved update is written. */
  onMaybeIdle: (doc: LiveDoc) => void;
  /** Compacts off the event loop (compaction-worker.ts); without it, compaction runs here, synchronously. */
  compactor?: Compactor | null;
}

const MAX_RETRY_MS = 30_000;
/** A Yjs update with no structs and no deletions. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
/** A state vector naming no client: what append-only peers are told the server holds (see addPeer). */
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

interface Unsaved {
  update: Uint8Array;
  fromClient: boolean;
}

export class LiveDoc implements DocPersistenceStatus {
  readonly peers = new Set<Peer>();
  readonly awareness = new AwarenessStore();
  /** Changes that could not be written yet, oldest first. */
  private unsaved: Unsaved[] = [];
  private storedUpdates: number;
  private lastSeq: number;
  private compactTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  /** A compaction is running in the worker: do not ask for another until it answers. */
  private compacting = false;
  /** Changes produced while applying a client's update; committed only if the apply completes. */
  private captured: Uint8Array[] | null = null;
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => this.handleDocUpdate(update, origin);
  /** Bytes stored in SQLite for this document (snapshot plus later updates), for the size cap. */
  private storedBytes: number;
  /** Yjs client id -> the writer (update-policy.ts ownerKey) that uses it here; null: nobody yet. Backed by SQLite. */
  private readonly owners = new Map<number, string | null>();
  unloaded = false;

  constructor(
    readonly name: string,
    readonly interviewId: string,
    readonly kind: DocKind,
    readonly doc: Y.Doc,
    stored: { updates: number; lastSeq: number; bytes: number },
    /** Size caps of this document's kind (doc-schema.ts, or the server's overrides). */
    readonly caps: DocSizeCaps,
    private readonly deps: LiveDocDeps,
  ) {
    this.storedUpdates = stored.updates;
    this.lastSeq = stored.lastSeq;
    this.storedBytes = stored.bytes;
    this.retryDelay = Math.max(50, deps.persistence.debounceMs);
    doc.on('update', this.onDocUpdate);
    if (stored.updates >= deps.persistence.compactAfterUpdates) this.scheduleCompaction();
  }

  get unsavedCount(): number {
    return this.unsaved.length;
  }

  get lastStoredSeq(): number {
    return this.lastSeq;
  }

  isIdle(): boolean {
    return this.peers.size === 0 && this.unsaved.length === 0;
  }

  // ---- connections -------------------------------------------------------

  /**
   * A newcomer gets the server's state vector (writers only: readers have nothing to send) and who is present.
   * Append-only peers get an empty one: the real one lists every other writer's client id and clock, which is
   * exactly what a forged claim of someone's clocks needs. Their client then sends all it holds, its own records
   * only (it never receives others'), which the server already has or takes.
   */
  addPeer(peer: Peer): void {
    this.peers.add(peer);
    if (peer.writer) peer.send(encodeSyncStep1(peer.reader ? Y.encodeStateVector(this.doc) : EMPTY_STATE_VECTOR));
    const present = this.awareness.current();
    if (present.length > 0 && peer.reader) peer.send(encodeAwareness(present));
  }

  removePeer(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    const gone = this.awareness.removeOwner(peer);
    if (gone.length > 0) this.broadcast(encodeAwareness(gone), null);
    if (this.peers.size === 0) this.deps.onMaybeIdle(this);
  }

  /** Answer to sync step 1: everything the peer lacks (nothing for an append-only peer, which still learns it is synced). */
  answerSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    peer.send(encodeSyncStep2(peer.reader ? Y.encodeStateAsUpdate(this.doc, stateVector) : EMPTY_UPDATE));
  }

  /**
   * Applies a client's update. Returns false if Yjs threw while integrating it:
   * the in-memory document may then be half-changed, so the caller reloads it
   * from storage (nothing of that update was stored or relayed).
   */
  applyClientUpdate(peer: Peer, update: Uint8Array): boolean {
    const captured: Uint8Array[] = [];
    this.captured = captured;
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (err) {
      this.deps.log('error', 'Yjs failed to apply a validated update; reloading the document', {
        doc: this.name,
        error: (err as Error).message,
      });
      return false;
    } finally {
      this.captured = null;
    }
    // The document already holds every captured change: only the last one's event is settled.
    captured.forEach((change, i) => this.commit(change, peer, true, i === captured.length - 1));
    return true;
  }

  // ---- integrity ---------------------------------------------------------

  /** The writer that uses a Yjs client id in this document, or null when none has yet (update-policy.ts). */
  ownerOf(client: number): string | null {
    const cached = this.owners.get(client);
    if (cached !== undefined) return cached;
    const owner = this.deps.store.clientOwner(this.name, client);
    this.owners.set(client, owner);
    return owner;
  }

  /** Binds client ids new to this document to the writer that just used them (kept in memory if SQLite fails). */
  claimClients(clients: readonly number[], owner: string): void {
    for (const client of clients) {
      this.owners.set(client, owner);
      try {
        this.deps.store.claimClient(this.name, client, owner);
      } catch (err) {
        this.deps.log('error', 'Could not store a Yjs client id binding; it holds while the document is loaded', {
          doc: this.name,
          client,
          error: (err as Error).message,
        });
      }
    }
  }

  /**
   * Whether storing `bytes` more would take the document past its cap. Close to the cap, the stored updates are
   * first folded into a snapshot (which drops deleted content), at most once per update stored since.
   */
  wouldOverflow(bytes: number): boolean {
    const held = () => this.storedBytes + this.unsaved.reduce((n, u) => n + u.update.length, 0) + bytes;
    if (held() <= this.caps.maxDocBytes) return false;
    if (this.storedUpdates > 0) this.compactNow();
    return held() > this.caps.maxDocBytes;
  }

  /** Relays presence from a visible peer to everyone (the sender too: its keep-alive watchdog counts on the echo). */
  applyAwareness(peer: Peer, entries: AwarenessEntry[], canOwnMore: () => boolean): void {
    const changed = this.awareness.apply(entries, peer, canOwnMore);
    if (changed.length > 0) this.broadcast(encodeAwareness(changed), null);
  }

  expireAwareness(now = Date.now()): void {
    const gone = this.awareness.expire(now);
    if (gone.length > 0) this.broadcast(encodeAwareness(gone), null);
  }

  private broadcast(message: Uint8Array, except: Peer | null): void {
    for (const peer of this.peers) if (peer !== except && peer.reader) peer.send(message);
  }

  // ---- persistence -------------------------------------------------------

  private handleDocUpdate(update: Uint8Array, origin: unknown): void {
    if (this.captured) {
      this.captured.push(update);
      return;
    }
    // A change made on the server (openDoc users): same path, no peer to skip.
    const peer = this.peers.has(origin as Peer) ? (origin as Peer) : null;
    this.commit(update, peer, peer !== null, true);
  }

  /** Stores, relays, then tells the hooks (only once stored: a failed write fires them on its successful retry). */
  private commit(update: Uint8Array, origin: Peer | null, fromClient: boolean, last: boolean): void {
    const seq = this.persist(update, fromClient);
    this.broadcast(encodeUpdate(update), origin);
    if (seq !== null) this.fireStored(update, seq, fromClient, last && this.unsaved.length === 0);
  }

  private fireStored(update: Uint8Array, seq: number, fromClient: boolean, settled: boolean): void {
    this.deps.hooks?.onUpdateStored({
      name: this.name,
      interviewId: this.interviewId,
      kind: this.kind,
      doc: this.doc,
      update,
      seq,
      settled,
      fromClient,
      status: this,
    });
  }

  /** The update's sequence number once stored, or null when it waits in memory for a retry (flush fires its hook). */
  private persist(update: Uint8Array, fromClient: boolean): number | null {
    if (this.unsaved.length > 0) {
      // Keep order: earlier failures go first.
      this.unsaved.push({ update, fromClient });
      this.flush();
      return null;
    }
    try {
      const seq = this.deps.store.append(this.name, update);
      this.lastSeq = seq;
      this.storedBytes += update.length;
      this.noteStored(1);
      return seq;
    } catch (err) {
      this.unsaved.push({ update, fromClient });
      this.deps.log('error', 'Could not store a document update; keeping it in memory and retrying', {
        doc: this.name,
        error: (err as Error).message,
      });
      this.scheduleRetry();
      return null;
    }
  }

  /** Writes unsaved changes now; true when nothing is left unsaved. */
  flush(): boolean {
    if (this.unsaved.length === 0) return true;
    let seqs: number[];
    try {
      seqs = this.deps.store.appendAll(
        this.name,
        this.unsaved.map((u) => u.update),
      );
    } catch (err) {
      this.deps.log('error', 'Retry of unsaved document updates failed', {
        doc: this.name,
        unsaved: this.unsaved.length,
        error: (err as Error).message,
      });
      this.scheduleRetry();
      return false;
    }
    const written = this.unsaved;
    for (const u of written) this.storedBytes += u.update.length;
    this.unsaved = [];
    this.lastSeq = seqs[seqs.length - 1] ?? this.lastSeq;
    this.retryDelay = Math.max(50, this.deps.persistence.debounceMs);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.deps.log('info', 'Stored previously unsaved document updates', { doc: this.name, updates: written.length });
    this.noteStored(written.length);
    written.forEach((u, i) => this.fireStored(u.update, seqs[i]!, u.fromClient, i === written.length - 1));
    if (this.peers.size === 0) this.deps.onMaybeIdle(this);
    return true;
  }

  /** Hands over the changes not stored yet (the document is being replaced). */
  takeUnsaved(): Uint8Array[] {
    const taken = this.unsaved.map((u) => u.update);
    this.unsaved = [];
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    return taken;
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.unloaded) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(MAX_RETRY_MS, this.retryDelay * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, delay);
  }

  private noteStored(count: number): void {
    this.storedUpdates += count;
    if (this.storedUpdates >= this.deps.persistence.compactAfterUpdates) this.scheduleCompaction();
  }

  private scheduleCompaction(): void {
    if (this.compactTimer || this.unloaded) return;
    this.compactTimer = setTimeout(() => {
      this.compactTimer = null;
      this.compact();
    }, this.deps.persistence.debounceMs);
  }

  /**
   * Folds the stored updates into the snapshot: in the compaction worker when there is one (the merge would stall
   * every socket of the server otherwise), else right here. Appends go on meanwhile; the worker folds exactly the
   * rows it read, and what was appended since is counted for the next round.
   */
  compact(): void {
    // Nothing new since the snapshot, or compaction was refused for this load: leave storage alone.
    if (this.unsaved.length > 0 || this.storedUpdates <= 0 || this.compacting) return;
    const compactor = this.deps.compactor;
    if (!compactor) {
      this.compactNow();
      return;
    }
    this.compacting = true;
    compactor.compact(this.name).then(
      (result) => {
        this.compacting = false;
        this.noteCompaction(result, false);
        if (this.storedUpdates >= this.deps.persistence.compactAfterUpdates) this.scheduleCompaction();
      },
      (err: unknown) => {
        this.compacting = false;
        this.deps.log('error', 'Compaction failed; the stored updates are unchanged', { doc: this.name, error: (err as Error).message });
      },
    );
  }

  /** Compacts on this thread, for a caller that needs the result at once (a write close to the size cap). */
  compactNow(): void {
    if (this.unsaved.length > 0 || this.storedUpdates <= 0) return;
    try {
      this.noteCompaction(this.deps.store.compact(this.name), true);
    } catch (err) {
      this.deps.log('error', 'Compaction failed; the stored updates are unchanged', { doc: this.name, error: (err as Error).message });
    }
  }

  /** `exact`: nothing was appended between the compaction's read and its write (it ran on this thread). */
  private noteCompaction(result: CompactionResult, exact: boolean): void {
    if (result.compacted) {
      this.storedUpdates = exact ? 0 : Math.max(0, this.storedUpdates - result.rows);
      this.storedBytes = exact ? result.bytesAfter : Math.max(result.bytesAfter, this.storedBytes - result.bytesBefore + result.bytesAfter);
    } else if (result.reason !== 'nothing-to-do') {
      this.deps.log('warn', 'Document not compacted', { doc: this.name, reason: result.reason });
      // Do not try again on every update; the rows stay as they are until the next load.
      this.storedUpdates = Number.NEGATIVE_INFINITY;
    }
  }

  /**
   * Drops the in-memory state. Whoever still holds the Y.Doc (openDoc callers)
   * may keep editing it: `afterUnload` receives those edits so they are stored.
   */
  unload(afterUnload: (update: Uint8Array) => void): void {
    this.unloaded = true;
    if (this.compactTimer) clearTimeout(this.compactTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.compactTimer = this.retryTimer = null;
    this.doc.off('update', this.onDocUpdate);
    this.doc.on('update', afterUnload);
  }
}
