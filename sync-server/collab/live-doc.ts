/**
 * One loaded document: the Y.Doc, its presence, the connections reading it,
 * and the rule that every change is stored before anyone else sees it.
 *
 * Order for an incoming update: validate (protocol.ts), apply to the Y.Doc (so
 * the next update is checked against it), queue the resulting change, and relay
 * it to every other connection only once its write committed. The queue is this
 * document's ordered commit queue: one write in flight at a time (SQLite commits
 * every document's client updates of one turn in one transaction at the turn's
 * end, turn-commits.ts, and a server-side edit inside the call; PostgreSQL is a
 * round trip), what arrives meanwhile goes in
 * the next batch, and stored changes are relayed and announced to the hooks in
 * the order they were applied. A write that fails is retried with backoff and
 * holds back everything queued behind it: nothing unstored reaches another
 * client (their copies would count as acknowledged), and the document is not
 * unloaded while anything is unsaved. An answer that carries document state (sync
 * step 2) is encoded when it is asked for and sent once every change applied
 * before that moment is stored: never "once the queue is empty", which under a
 * steady stream of writes over an asynchronous store (PostgreSQL: every batch is a
 * round trip, and the next batch has always queued meanwhile) never comes, so the
 * answer, and with it a client's sync and its acknowledgements, would wait forever.
 */
import * as Y from 'yjs';
import type { DocKind } from '../../src/domain/access';
import type { CollabHooks, DocPersistenceStatus } from './hooks';
import type { DocSizeCaps } from '../../src/domain/doc-schema';
import { AwarenessStore } from './awareness-store';
import { StaleEpochError, type ClientClaim, type CompactionResult, type DocumentStorage } from '../storage/document-storage';
import type { PersistenceOptions } from './limits';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type AwarenessEntry, type DecodedUpdate } from './protocol';
import { integrateDecoded } from './integrate-decoded';
import type { TurnCommits } from './turn-commits';

/** What a document needs from a connection. */
export interface Peer {
  readonly writer: boolean;
  /** Receives the document and others' changes; append-only peers (the audience) send but never receive. */
  readonly reader: boolean;
  send(message: Uint8Array): void;
}

/** What the connection knows of a client update that integrates entirely (see LiveDoc.applyReceived). */
export interface Received {
  /** How many structs it carries (0: deletions only). */
  structs: number;
  /** The client's frame, when it is exactly the relay message (protocol.ts `relayable`). */
  relayable: Uint8Array | null;
  /**
   * Its structs as decoded for the write policy (protocol.ts), integrated as they are when they can be
   * (integrate-decoded.ts) instead of Yjs decoding the bytes again; handed over: nothing else may use them after.
   */
  decoded?: DecodedUpdate;
}

export type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export interface LiveDocDeps {
  store: DocumentStorage;
  persistence: PersistenceOptions;
  log: Logger;
  /** Lifecycle hooks (hooks.ts); `onUpdateStored` fires after each committed write. */
  hooks?: Required<CollabHooks>;
  /** Called when the last connection leaves or the last unsaved update is written. */
  onMaybeIdle: (doc: LiveDoc) => void;
  /**
   * Cluster mode: the interview lease epoch this document was loaded under (sync-server/cluster/). Every write
   * carries it; storage refuses it once another node took the interview over.
   */
  epoch?: number;
  /** A write was refused for its epoch: the node no longer owns the interview and must step down (no retry). */
  onStaleEpoch?: (doc: LiveDoc, err: StaleEpochError) => void;
  /**
   * SQLite: client updates are committed with every other document's of the same turn, in one transaction at the
   * turn's end (turn-commits.ts); server-side edits still commit before the edit returns. Without it (PostgreSQL,
   * or turned off), each batch is its own write.
   */
  turnCommits?: TurnCommits;
}

const MAX_RETRY_MS = 30_000;
/** A batch's claims when it has none (nearly always: a writer's client id is bound by its first update). */
const NO_CLAIMS: readonly ClientClaim[] = [];
/** A Yjs update with no structs and no deletions. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());
/** A state vector naming no client: what append-only peers are told the server holds (see addPeer). */
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

interface Queued {
  update: Uint8Array;
  /** The relay message for it when one is already at hand (the client's own frame); else encoded at relay time. */
  message: Uint8Array | null;
  /** The connection it came from (not relayed back to it); null for a change made on the server. */
  origin: Peer | null;
  fromClient: boolean;
}

function updatesOf(batch: readonly Queued[]): Uint8Array[] {
  const updates = new Array<Uint8Array>(batch.length);
  for (let i = 0; i < batch.length; i++) updates[i] = batch[i]!.update;
  return updates;
}

export class LiveDoc implements DocPersistenceStatus {
  readonly peers = new Set<Peer>();
  readonly awareness = new AwarenessStore();
  /** Changes applied in memory and waiting for their write, oldest first. */
  private queue: Queued[] = [];
  /** Client-id bindings waiting to be written with the next batch. */
  private pendingClaims: ClientClaim[] = [];
  /** The batch being written now (one at a time per document), or null. */
  private inFlight: Queued[] | null = null;
  private inFlightClaims = 0;
  /** Settles when the write in flight has been handled (stored or failed). */
  private writing: Promise<void> | null = null;
  /** How many changes have been queued since the load, and how many of them are stored (batches commit in order). */
  private appliedCount = 0;
  private storedCount = 0;
  /** Work waiting for the changes applied before it was asked for (`upTo`) to be stored (state answers), oldest first. */
  private storedWaiters: Array<{ upTo: number; run: () => void }> = [];
  /** The last write failed: the next success is logged as a recovery. */
  private failing = false;
  private storedUpdates: number;
  private lastSeq: number;
  private compactTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private compacting: Promise<void> | null = null;
  /** While a compaction runs: what the document will take once it is done (its encoded state, plus later writes). */
  private compactedEstimate: number | null = null;
  /** Changes produced while applying a client's update; committed only if the apply completes. */
  private captured: Uint8Array[] | null = null;
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => this.handleDocUpdate(update, origin);
  /**
   * Whether `onDocUpdate` listens to the document's 'update' event now. Yjs encodes a transaction's update only while
   * something listens, and a client update that integrates entirely needs no encoding (applyReceived), so the
   * listener is off through those and is put back at the start of any other transaction (`onBeforeTransaction`): a
   * server-side edit, an update Yjs applies from the bytes. It stays on until the next client update that integrates
   * entirely. Turned off and on around every such update instead, lib0 dropped the document's listener Set and made a
   * new one each time (a Set whose last listener goes is deleted): one Set per update, kept by the document until
   * its next update seconds later, so promoted to the old generation and left there for a mark-compact.
   */
  private listening = false;
  /** Inside applyReceived: its transaction is not captured by the 'update' listener (see `listening`). */
  private receiving = false;
  private readonly onBeforeTransaction = () => {
    if (this.receiving || this.listening) return;
    this.doc.on('update', this.onDocUpdate);
    this.listening = true;
  };
  /**
   * Transactions seen so far, and whether the last one deleted anything (applyReceived checks that a client's apply
   * was exactly one transaction, and whether it changed anything). A flag, not the transaction: that would keep the
   * transaction's maps and delete set alive until the document's next transaction.
   */
  private transactions = 0;
  private lastTransactionDeleted = false;
  private readonly onAfterTransaction = (tr: Y.Transaction) => {
    this.transactions++;
    this.lastTransactionDeleted = tr.deleteSet.clients.size > 0;
  };
  /**
   * Empties the list of transactions Yjs has just finished with (its `_transactionCleanups` array, which it replaces
   * with a new empty one and hands to 'afterAllTransactions'). Between a document's updates that new array usually
   * lives through a scavenge or two (a document hears from its clients every second or so) and reaches the old
   * generation; the next transaction is pushed into it, and when Yjs drops it, dead but old, its slot still points at
   * that transaction. Scavenges take old-to-young pointers as roots without knowing the holder is dead, so every such
   * transaction (its state maps, change maps, delete set and subdoc sets) and what it points to was copied and
   * promoted, and lay in the old generation until a mark-compact: about one transaction's Maps and Sets per update,
   * the largest share of what our scavenges kept (bench:sync --heap-profile-survivors). Emptied, the dead array points
   * at nothing young. Nothing else in the server listens to 'afterAllTransactions'; a listener added after this one
   * would find the list empty.
   */
  private readonly onAfterAllTransactions = (_doc: Y.Doc, ended: Y.Transaction[]) => {
    ended.length = 0;
  };
  /** Bytes stored for this document (snapshot plus later updates), for the size cap. */
  private storedBytes: number;
  /** Yjs client id -> the writer (update-policy.ts ownerKey) that uses it here; read with the document, kept current. */
  private readonly owners: Map<number, string>;
  unloaded = false;

  constructor(
    readonly name: string,
    readonly interviewId: string,
    readonly kind: DocKind,
    readonly doc: Y.Doc,
    stored: { updates: number; lastSeq: number; bytes: number; owners: Map<number, string> },
    /** Size caps of this document's kind (doc-schema.ts, or the server's overrides). */
    readonly caps: DocSizeCaps,
    private readonly deps: LiveDocDeps,
  ) {
    this.storedUpdates = stored.updates;
    this.lastSeq = stored.lastSeq;
    this.storedBytes = stored.bytes;
    this.owners = stored.owners;
    this.retryDelay = Math.max(50, deps.persistence.debounceMs);
    doc.on('beforeTransaction', this.onBeforeTransaction);
    doc.on('afterTransaction', this.onAfterTransaction);
    doc.on('afterAllTransactions', this.onAfterAllTransactions);
    if (stored.updates >= deps.persistence.compactAfterUpdates) this.scheduleCompaction();
  }

  /** Changes applied in memory whose write has not committed yet (queued or in flight). */
  get unsavedCount(): number {
    return this.queue.length + (this.inFlight?.length ?? 0);
  }

  get lastStoredSeq(): number {
    return this.lastSeq;
  }

  private busy(): boolean {
    return this.unsavedCount > 0 || this.pendingClaims.length > 0 || this.inFlightClaims > 0;
  }

  isIdle(): boolean {
    return this.peers.size === 0 && !this.busy();
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

  /**
   * Answer to sync step 1: everything the peer lacks (nothing for an append-only peer, which still learns it is
   * synced). It carries document state, so it is encoded now, from what is applied now, and sent once all of that
   * is stored: a client that got this answer holds nothing the server could still lose, and changes applied after
   * the question (still unstored) are not in it and do not hold it back.
   */
  answerSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    const answer = encodeSyncStep2(peer.reader ? Y.encodeStateAsUpdate(this.doc, stateVector) : EMPTY_UPDATE);
    this.whenStored(() => peer.send(answer));
  }

  /**
   * Applies a client's update; `claims` are the client ids it uses first (written with its changes). Returns false
   * if Yjs threw while integrating it: the in-memory document may then be half-changed, so the caller reloads it
   * from storage (nothing of that update was stored or relayed).
   */
  applyClientUpdate(peer: Peer, update: Uint8Array, claims: readonly ClientClaim[] = [], received: Received | null = null): boolean {
    if (received && !this.unloaded) return this.applyReceived(peer, update, claims, received);
    const captured: Uint8Array[] = [];
    this.captured = captured;
    let applied: boolean;
    try {
      applied = this.integrate(peer, update);
    } finally {
      this.captured = null;
    }
    if (!applied) return false;
    // The changes first, then the client ids they use first: both go in the same write.
    for (const change of captured) this.queue.push({ update: change, message: null, origin: peer, fromClient: true });
    this.appliedCount += captured.length;
    this.claimClients(claims);
    this.pump();
    return true;
  }

  /**
   * A client's update that integrates entirely (the policy found none of its structs already held, and it names
   * nothing the server lacks, so nothing of it is skipped or left pending): what it changes is what it says, so it
   * is stored and relayed as received, and Yjs is spared encoding the same changes again from the transaction
   * (nothing else listens to this document's updates meanwhile). Deletions of records already deleted ride along
   * unchanged, as harmless to every copy as they were to this one. Same return as applyClientUpdate.
   */
  private applyReceived(peer: Peer, update: Uint8Array, claims: readonly ClientClaim[], received: Received): boolean {
    const before = this.transactions;
    if (this.listening) {
      this.doc.off('update', this.onDocUpdate);
      this.listening = false;
    }
    this.receiving = true;
    let applied: boolean;
    try {
      applied = received.decoded ? this.integrateReceived(peer, update, received.decoded) : this.integrate(peer, update);
    } finally {
      this.receiving = false;
    }
    if (!applied) return false;
    if (this.transactions !== before + 1) {
      // Something changed the document inside the apply (no server code observes documents today): its changes were
      // not captured, so the in-memory copy is not what storage will hold. Reload it, as for an apply Yjs refused.
      this.deps.log('error', 'A document changed during a client update without being captured; reloading it', { doc: this.name });
      return false;
    }
    // Only deletions, all of records already deleted: nothing changed, nothing to store (as Yjs would emit nothing).
    if (received.structs > 0 || this.lastTransactionDeleted) {
      this.queue.push({ update, message: received.relayable, origin: peer, fromClient: true });
      this.appliedCount++;
    }
    this.claimClients(claims);
    this.pump();
    return true;
  }

  /**
   * Integrates a validated client update; false (logged) if Yjs threw: the in-memory document may then be
   * half-changed, and the caller reports failure so that it is reloaded from storage.
   */
  private integrate(peer: Peer, update: Uint8Array): boolean {
    try {
      Y.applyUpdate(this.doc, update, peer);
      return true;
    } catch (err) {
      this.deps.log('error', 'Yjs failed to apply a validated update; reloading the document', {
        doc: this.name,
        error: (err as Error).message,
      });
      return false;
    }
  }

  /** As `integrate`, from the policy's decoded structs when they allow it (integrate-decoded.ts), else from the bytes. */
  private integrateReceived(peer: Peer, update: Uint8Array, decoded: DecodedUpdate): boolean {
    try {
      if (integrateDecoded(this.doc, decoded, peer)) return true;
    } catch (err) {
      this.deps.log('error', 'Yjs failed to integrate a validated update; reloading the document', { doc: this.name, error: (err as Error).message });
      return false;
    }
    return this.integrate(peer, update);
  }

  // ---- integrity ---------------------------------------------------------

  /** The writer that uses a Yjs client id in this document, or null when none has yet (update-policy.ts). */
  ownerOf(client: number): string | null {
    return this.owners.get(client) ?? null;
  }

  /** Binds client ids new to this document to a writer: at once in memory, in storage with the next write. */
  claimClients(claims: readonly ClientClaim[]): void {
    if (claims.length === 0) return; // nearly every update: its writer's client id is already bound
    const fresh = claims.filter((c) => !this.owners.has(c.client));
    if (fresh.length === 0) return;
    for (const c of fresh) this.owners.set(c.client, c.owner);
    this.pendingClaims.push(...fresh);
    this.pump();
  }

  /**
   * Whether storing `bytes` more would take the document past its cap. Close to the cap, the stored updates are
   * first folded into a snapshot (which drops deleted content), at most once per update stored since; the decision
   * counts what that snapshot will take (the in-memory state, which equals the stored one when nothing is queued).
   */
  wouldOverflow(bytes: number): boolean {
    // Checked on every client update: plain loops and no closure (the queues hold a change or two).
    let queued = 0;
    for (const q of this.queue) queued += q.update.length;
    if (this.inFlight) for (const q of this.inFlight) queued += q.update.length;
    if (this.heldBytes(queued + bytes) <= this.caps.maxDocBytes) return false;
    // Close to the cap (rare): this turn's batch is committed now, so storage is as exact as compaction needs.
    if (this.inFlight && this.deps.turnCommits) this.deps.turnCommits.flush();
    if (this.storedUpdates > 0 && !this.busy() && this.compacting === null) {
      const { store } = this.deps;
      if (store.compactNow) {
        // SQLite: compact here and now, and decide on the exact result.
        try {
          this.noteCompaction(store.compactNow(this.name), true);
        } catch (err) {
          this.deps.log('error', 'Compaction failed; the stored updates are unchanged', { doc: this.name, error: (err as Error).message });
        }
      } else {
        this.compactedEstimate = Y.encodeStateAsUpdate(this.doc).length;
        void this.compact();
      }
    }
    return this.heldBytes(queued + bytes) > this.caps.maxDocBytes;
  }

  /** What the document will take in storage with `more` bytes: the smaller of what is stored and what compaction leaves. */
  private heldBytes(more: number): number {
    return Math.min(this.storedBytes, this.compactedEstimate ?? Number.POSITIVE_INFINITY) + more;
  }

  /**
   * Relays presence from a visible peer to everyone (the sender too: its keep-alive watchdog counts on the echo).
   * `received`: the client's own frame when it is exactly encodeAwareness(entries) (protocol.ts `relayable`); when
   * every entry changed something (a renewal: nearly always), it is the message relayed, not a second encoding of
   * the same bytes (two encoders and two buffers per presence message, each an off-heap ArrayBuffer).
   */
  applyAwareness(peer: Peer, entries: AwarenessEntry[], canOwnMore: () => boolean, received: Uint8Array | null = null): void {
    const changed = this.awareness.apply(entries, peer, canOwnMore);
    if (changed.length === 0) return;
    this.broadcast(received !== null && changed.length === entries.length ? received : encodeAwareness(changed), null);
  }

  expireAwareness(now = Date.now()): void {
    const gone = this.awareness.expire(now);
    if (gone.length > 0) this.broadcast(encodeAwareness(gone), null);
  }

  private broadcast(message: Uint8Array, except: Peer | null): void {
    for (const peer of this.peers) if (peer !== except && peer.reader) peer.send(message);
  }

  // ---- persistence: the ordered commit queue --------------------------------

  private handleDocUpdate(update: Uint8Array, origin: unknown): void {
    if (this.captured) {
      this.captured.push(update);
      return;
    }
    // A change made on the server (openDoc users): same path, no peer to skip.
    const peer = this.peers.has(origin as Peer) ? (origin as Peer) : null;
    this.queue.push({ update, message: null, origin: peer, fromClient: peer !== null });
    this.appliedCount++;
    this.pump();
    // A server-side edit is stored before the edit returns, as it was before the turn's transaction.
    this.deps.turnCommits?.flush();
  }

  /**
   * Resolves when every change applied so far (a server-side edit included) is stored; later changes do not hold it
   * back. An HTTP answer that reports an edit waits for this, as a sync answer does.
   */
  changesStored(): Promise<void> {
    return new Promise((resolve) => this.whenStored(resolve));
  }

  /** Runs `fn` now when every change applied so far is stored, else as soon as the last of them is (later ones aside). */
  private whenStored(fn: () => void): void {
    if (this.storedCount >= this.appliedCount) fn();
    else this.storedWaiters.push({ upTo: this.appliedCount, run: fn });
  }

  /** Starts the next write when none is in flight and no retry is waiting. */
  private pump(): void {
    if (this.inFlight || this.retryTimer) return;
    if (this.queue.length === 0 && this.pendingClaims.length === 0) return;
    // Taken out, not replaced by new empty arrays: those would stay on this document until its next update, seconds
    // away, and be promoted to the old generation (one of each per update); the batch itself dies with the turn.
    const batch = this.queue.splice(0);
    const claims = this.pendingClaims.length === 0 ? NO_CLAIMS : this.pendingClaims.splice(0);
    const { store, turnCommits } = this.deps;
    if (turnCommits) {
      // Written with the other documents' batches of this turn; `stored` or `failed` runs once that transaction did.
      this.inFlight = batch;
      this.inFlightClaims = claims.length;
      // Method shorthand, not arrow properties: the dev loader (tsx, keepNames) would name each arrow per batch.
      const doc = this;
      turnCommits.add({
        name: this.name,
        updates: updatesOf(batch),
        claims,
        done(seqs) {
          doc.stored(batch, seqs);
        },
        failed(err) {
          doc.failed(batch, claims, err);
        },
      });
      return;
    }
    if (store.commitNow) {
      // A store that commits synchronously (SQLite): stored, relayed and announced in this turn.
      let seqs: number[];
      try {
        seqs = store.commitNow(
          this.name,
          updatesOf(batch),
          claims,
        );
      } catch (err) {
        this.failed(batch, claims, err as Error);
        return;
      }
      this.stored(batch, seqs);
      return;
    }
    this.inFlight = batch;
    this.inFlightClaims = claims.length;
    let pending: Promise<number[]>;
    try {
      pending = this.deps.store.commit(
        this.name,
        updatesOf(batch),
        claims,
        undefined,
        this.deps.epoch,
      );
    } catch (err) {
      pending = Promise.reject(err);
    }
    this.writing = pending.then(
      (seqs) => this.stored(batch, seqs),
      (err: unknown) => this.failed(batch, claims, err as Error),
    );
  }

  /** The batch committed: relay it, tell the hooks, in order; then write what queued meanwhile. */
  private stored(batch: Queued[], seqs: number[]): void {
    this.inFlight = null;
    this.inFlightClaims = 0;
    this.writing = null;
    if (this.failing) {
      this.failing = false;
      this.retryDelay = Math.max(50, this.deps.persistence.debounceMs);
      this.deps.log('info', 'Stored previously unsaved document updates', { doc: this.name, updates: batch.length });
    }
    for (const q of batch) this.storedBytes += q.update.length;
    if (this.compactedEstimate !== null) for (const q of batch) this.compactedEstimate += q.update.length;
    this.lastSeq = seqs[seqs.length - 1] ?? this.lastSeq;
    for (let i = 0; i < batch.length; i++) {
      const q = batch[i]!;
      this.broadcast(q.message ?? encodeUpdate(q.update), q.origin);
      // The document already holds everything queued after this batch: only its last change, with nothing queued, is settled.
      this.fireStored(q.update, seqs[i]!, q.fromClient, i === batch.length - 1 && this.queue.length === 0);
    }
    if (batch.length > 0) this.noteStored(batch.length);
    this.storedCount += batch.length;
    // Waiters are in the order they asked, so their marks only grow: run the prefix this batch covered.
    let due = 0;
    while (due < this.storedWaiters.length && this.storedWaiters[due]!.upTo <= this.storedCount) due++;
    for (const w of this.storedWaiters.splice(0, due)) w.run();
    this.pump();
    if (this.isIdle()) this.deps.onMaybeIdle(this);
  }

  /** The write failed: everything goes back to the front of the queue, in order, and is retried with backoff. */
  private failed(batch: Queued[], claims: readonly ClientClaim[], err: Error): void {
    this.inFlight = null;
    this.inFlightClaims = 0;
    this.writing = null;
    this.queue = [...batch, ...this.queue];
    this.pendingClaims = [...claims, ...this.pendingClaims];
    if (err instanceof StaleEpochError) {
      // Retrying cannot help: another node owns the interview. Nothing here was relayed, so no client counts it as
      // stored; the clients still hold it and send it to the new owner when they reconnect there.
      this.deps.log('warn', 'Document write refused: this node no longer owns the interview', { doc: this.name, epoch: err.epoch, current: err.currentEpoch });
      this.deps.onStaleEpoch?.(this, err);
      return;
    }
    if (this.failing) {
      this.deps.log('error', 'Retry of unsaved document updates failed', { doc: this.name, unsaved: this.unsavedCount, error: err.message });
    } else {
      this.failing = true;
      this.deps.log('error', 'Could not store a document update; keeping it in memory, relaying nothing after it, and retrying', {
        doc: this.name,
        unsaved: this.unsavedCount,
        error: err.message,
      });
    }
    this.scheduleRetry();
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

  /** Writes unsaved changes now (a waiting retry goes at once); true when nothing is left unsaved. */
  async flush(): Promise<boolean> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.pump();
    this.deps.turnCommits?.flush();
    while (this.writing) {
      await this.writing;
      // A failure scheduled a retry: report, do not spin.
      if (this.retryTimer) break;
    }
    return !this.busy();
  }

  /** Resolves once the write in flight (if any) has been handled; used before reloading from storage. */
  async settleInFlight(): Promise<void> {
    if (this.inFlight) this.deps.turnCommits?.flush();
    if (this.writing) await this.writing;
  }

  /** Hands over the changes not written yet (the document is being replaced); a write in flight completes. */
  takeUnsaved(): Uint8Array[] {
    const taken = this.queue.map((u) => u.update);
    this.queue = [];
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
      this.pump();
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
      void this.compact();
    }, this.deps.persistence.debounceMs);
  }

  /**
   * Folds the stored rows into the snapshot (storage does it from what it holds, never from memory). One at a time;
   * rows stored while it runs are not folded and stay counted.
   */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    // Nothing new since the snapshot, or compaction was refused for this load: leave storage alone.
    if (this.busy() || this.storedUpdates <= 0) return Promise.resolve();
    let pending: Promise<CompactionResult>;
    try {
      pending = this.deps.store.compact(this.name);
    } catch (err) {
      pending = Promise.reject(err);
    }
    this.compacting = pending
      .then(
        (result) => this.noteCompaction(result, false),
        (err: unknown) => {
          this.deps.log('error', 'Compaction failed; the stored updates are unchanged', { doc: this.name, error: (err as Error).message });
        },
      )
      .finally(() => {
        this.compacting = null;
        this.compactedEstimate = null;
        // Rows stored while it ran were not folded: they may already call for the next round.
        if (this.storedUpdates >= this.deps.persistence.compactAfterUpdates) this.scheduleCompaction();
      });
    return this.compacting;
  }

  /** `exact`: nothing was stored between the compaction's read and its write (it ran on this thread). */
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
    this.doc.off('beforeTransaction', this.onBeforeTransaction);
    if (this.listening) this.doc.off('update', this.onDocUpdate);
    this.listening = false;
    this.doc.off('afterTransaction', this.onAfterTransaction);
    this.doc.off('afterAllTransactions', this.onAfterAllTransactions);
    this.doc.on('update', afterUnload);
  }
}
