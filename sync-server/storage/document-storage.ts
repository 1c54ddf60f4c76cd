/**
 * The asynchronous persistence seam of the collab server: what a live document
 * needs from storage, whichever database holds it (SQLite embedded, PostgreSQL
 * when several nodes share one). The collab core (live-doc.ts, its commit queue)
 * only ever awaits these calls, so a network round trip fits where SQLite's
 * synchronous INSERT used to be.
 *
 * Contract shared by both implementations (tests/integration/document-storage.test.ts runs it against both):
 * - `commit` writes the updates in order and the client-id claims in ONE transaction and resolves only once it
 *   committed; the sequence numbers it returns increase in the order given.
 * - `load` reads the snapshot and every row still stored for the document in one consistent read. Rows are not
 *   selected as "seq > upto_seq": PostgreSQL hands out sequence values before commit, so a row with a smaller seq
 *   can commit after a larger one was read. Compaction therefore deletes exactly the rows it folded, and every row
 *   left is one the snapshot does not hold.
 * - `compact` rebuilds the snapshot from what is stored (never from memory), refuses when a stored row cannot be
 *   read or when the result would be empty although stored rows had content.
 */
import type * as Y from 'yjs';

/** A Yjs client id first used in a document by a writer (update-policy.ts ownerKey). */
export interface ClientClaim {
  client: number;
  owner: string;
}

export interface LoadedDoc {
  doc: Y.Doc;
  /** Updates stored after the snapshot; drives compaction. */
  storedUpdates: number;
  /** Sequence numbers of stored rows that could not be applied (left in place, never compacted away). */
  unreadable: number[];
  /** Highest sequence number included (the snapshot's `upto_seq` or the highest row's); 0 when nothing is stored. */
  lastSeq: number;
  /** Bytes stored for the document: its snapshot plus the updates after it (the size cap counts these). */
  storedBytes: number;
  /** Every Yjs client id bound to a writer in this document (`yjs_client_owners`), read with it. */
  owners: Map<number, string>;
}

/** A stored document and the highest sequence number its storage holds. */
export interface StoredDocSeq {
  doc: string;
  lastSeq: number;
}

export type CompactionResult =
  | { compacted: true; rows: number; bytesBefore: number; bytesAfter: number; uptoSeq: number }
  | { compacted: false; reason: 'nothing-to-do' | 'unreadable-row' | 'would-empty' };

/**
 * A write refused because it carried an interview lease epoch that is no longer the current one: another node
 * took the interview over (sync-server/cluster/). The writer must step down for that interview, not retry.
 */
export class StaleEpochError extends Error {
  constructor(
    readonly interviewId: string,
    readonly epoch: number,
    readonly currentEpoch: number | null,
  ) {
    super(`Write to interview ${interviewId} refused: lease epoch ${epoch} is stale (current: ${currentEpoch ?? 'none'}); another node owns it now`);
    this.name = 'StaleEpochError';
  }
}

export interface DocumentStorage {
  readonly backend: 'sqlite' | 'postgres';
  load(name: string): Promise<LoadedDoc>;
  /**
   * Several documents, each as `load` reads it, all in one consistent read (PostgreSQL: one transaction, one query per
   * table for the whole list, not one round trip per document). Names not stored come back with `lastSeq` 0.
   */
  loadMany(names: readonly string[]): Promise<Map<string, LoadedDoc>>;
  /**
   * `epoch`: the interview lease epoch the document was loaded under (cluster mode, sync-server/cluster/). A store
   * that keeps leases (PostgreSQL) checks it in the write's own transaction and rejects with StaleEpochError when it
   * is not the current one; without it nothing is checked (one node alone). SQLite ignores it.
   */
  commit(name: string, updates: readonly Uint8Array[], claims: readonly ClientClaim[], now?: number, epoch?: number): Promise<number[]>;
  /**
   * The same write, committed before it returns (throws when it fails). Only a store that commits synchronously
   * offers it (SQLite): the commit queue then stores, relays and fires hooks in the same turn as the apply, exactly
   * as before the seam, and pays no promise per update. PostgreSQL leaves it out.
   */
  commitNow?(name: string, updates: readonly Uint8Array[], claims: readonly ClientClaim[], now?: number): number[];
  /**
   * Several documents' writes in one transaction, committed before it returns (all or none; throws when it fails).
   * SQLite offers it: the collab server then commits each turn's client updates together (collab/turn-commits.ts).
   */
  commitManyNow?(batches: readonly { name: string; updates: readonly Uint8Array[]; claims: readonly ClientClaim[] }[], now?: number): number[][];
  compact(name: string, now?: number): Promise<CompactionResult>;
  /** The same compaction, finished before it returns; offered by SQLite for the size cap's decision (live-doc.ts wouldOverflow). */
  compactNow?(name: string, now?: number): CompactionResult;
  /** Every stored document with the highest sequence number it holds (projections compare it with their watermarks). */
  storedDocs(): Promise<StoredDocSeq[]>;
  /** The highest sequence number stored for one document; 0 when none. */
  lastSeq(name: string): Promise<number>;
  /** Names of every document of one interview that storage holds (a snapshot or update rows), sorted. */
  interviewDocs(interviewId: string): Promise<string[]>;
  /**
   * Deletes every stored row of one interview's documents (updates, snapshots, client-id owners) in one transaction;
   * returns how many documents had a snapshot or update rows. The interview is deleted (delete-interview.ts).
   * `epoch`: as for `commit`, the lease epoch the deleting request was admitted under (StaleEpochError when stale).
   */
  deleteInterviewDocs(interviewId: string, epoch?: number): Promise<number>;
  isRevoked(jti: string): Promise<boolean>;
  revoke(jti: string, now?: number): Promise<void>;
  allRevoked(): Promise<string[]>;
  /**
   * Calls `listener` with each token another process revokes from now on (PostgreSQL: LISTEN/NOTIFY, and after a
   * lost connection every revoked id again, as notices sent meanwhile are lost); returns the unsubscribe. SQLite has
   * one process per file and leaves it out.
   */
  watchRevocations?(listener: (jti: string) => void): () => void;
  /** Releases connections (PostgreSQL pool); SQLite's handle belongs to its opener and stays open. */
  close(): Promise<void>;
}
